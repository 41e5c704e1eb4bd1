// jsonb built directly from a document tree (see jsonb_build.hpp).
//
// The tree is converted into JsonbValues in one pass (C++ only, no
// PostgreSQL calls, memory from a core Arena freed on every path); numbers
// are then converted in batches under pg_call() (numeric_in, or its integer
// shortcuts for plain decimals of up to 18 digits), with a cancel check
// between batches; JsonbValueToJsonb() serialises the result.
#include "jsonb_build.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

extern "C" {
#include "utils/numeric.h"
}

#include "error.hpp"
#include "interrupt.hpp"

namespace toon::pg {

namespace {

using core::Kind;
using core::Node;

// jsonb_util.c's limits on one container (not exported).
constexpr std::size_t kMaxElems = std::min<std::size_t>(MaxAllocSize / sizeof(JsonbValue), JB_CMASK);
constexpr std::size_t kMaxPairs = std::min<std::size_t>(MaxAllocSize / sizeof(JsonbPair), JB_CMASK);
// Numbers converted per pg_call() (and per cancel check).
constexpr std::size_t kNumberBatch = 4096;

class Builder {
public:
    // `nodes`: the tree's value count, which bounds the memory needed.
    explicit Builder(std::size_t nodes) : arena_(nodes * sizeof(JsonbPair) + 512) {}

    JsonbValue* build(const Node& root) {
        auto* v = static_cast<JsonbValue*>(arena_.allocate(sizeof(JsonbValue)));
        fill(root, *v);
        convert_numbers();
        return v;
    }

private:
    // A key order for objects of one shape: jsonb's order, repeated keys
    // dropped except their last occurrence.
    struct Order {
        const core::Key* keys = nullptr;
        std::size_t size = 0;
        const std::uint32_t* index = nullptr;
        std::size_t unique = 0;
    };

    [[noreturn]] static void string_too_long() {
        pg_call([] {
            ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("string too long to represent as jsonb string"),
                            errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
                                      JENTRY_OFFLENMASK)));
        });
        throw core::Error(core::ErrorCode::Internal, "unreachable");
    }

    // jsonb_in rejects \u0000 (text cannot hold it); a decoded string holds it as a NUL byte.
    [[noreturn]] static void code_point_zero() {
        pg_call([] {
            ereport(ERROR, (errcode(ERRCODE_UNTRANSLATABLE_CHARACTER), errmsg("unsupported Unicode escape sequence"),
                            errdetail("\\u0000 cannot be converted to text.")));
        });
        throw core::Error(core::ErrorCode::Internal, "unreachable");
    }

    void string_value(std::string_view s, JsonbValue& out) {
        if (s.size() > JENTRY_OFFLENMASK) string_too_long();
        if (!s.empty() && std::memchr(s.data(), '\0', s.size())) code_point_zero();
        out.type = jbvString;
        out.val.string.len = static_cast<int>(s.size());
        out.val.string.val = const_cast<char*>(s.data());
    }

    void fill(const Node& node, JsonbValue& out) {
        switch (node.kind) {
            case Kind::Null: out.type = jbvNull; return;
            case Kind::Bool:
                out.type = jbvBool;
                out.val.boolean = node.boolean;
                return;
            case Kind::String: string_value(node.text(), out); return;
            case Kind::Number:
                out.type = jbvNumeric;
                out.val.numeric = nullptr;
                numbers_.push_back(Pending{&out, node.text(), 0, -1});
                plain_decimal(numbers_.back());
                max_number_ = std::max(max_number_, node.text().size());
                return;
            case Kind::Array: array(node, out); return;
            case Kind::Object: object(node, out); return;
        }
    }

    void array(const Node& node, JsonbValue& out) {
        core::check_stack();
        const auto items = node.items();
        if (items.size() > kMaxElems)
            pg_call([] {
                ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                                errmsg("number of jsonb array elements exceeds the maximum allowed (%zu)", kMaxElems)));
            });
        auto* elems = static_cast<JsonbValue*>(arena_.allocate(sizeof(JsonbValue) * std::max<std::size_t>(items.size(), 1)));
        for (std::size_t i = 0; i < items.size(); ++i) {
            poller_.tick();
            fill(items[i], elems[i]);
        }
        out.type = jbvArray;
        out.val.array.nElems = static_cast<int>(items.size());
        out.val.array.elems = elems;
        out.val.array.rawScalar = false;
    }

    void object(const Node& node, JsonbValue& out) {
        core::check_stack();
        const core::MemberSpan members = node.members();
        const Order order = order_of(members.keys, members.size());  // a copy: recursion may reuse the slot
        if (order.unique > kMaxPairs)
            pg_call([] {
                ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                                errmsg("number of jsonb object pairs exceeds the maximum allowed (%zu)", kMaxPairs)));
            });
        auto* pairs = static_cast<JsonbPair*>(arena_.allocate(sizeof(JsonbPair) * std::max<std::size_t>(order.unique, 1)));
        for (std::size_t i = 0; i < order.unique; ++i) {
            poller_.tick();
            const std::uint32_t m = order.index[i];
            string_value(members.keys[m].view(), pairs[i].key);
            fill(members.values[m], pairs[i].value);
            pairs[i].order = static_cast<uint32>(i);
        }
        out.type = jbvObject;
        out.val.object.nPairs = static_cast<int>(order.unique);
        out.val.object.pairs = pairs;
    }

    // Objects sharing a key span (table rows) share one sort.
    const Order& order_of(const core::Key* keys, std::size_t n) {
        Order& slot = orders_[(reinterpret_cast<std::uintptr_t>(keys) >> 4) % kOrderSlots];
        if (slot.index && slot.keys == keys && slot.size == n) return slot;
        auto* index = static_cast<std::uint32_t*>(arena_.allocate(sizeof(std::uint32_t) * std::max<std::size_t>(n, 1)));
        for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<std::uint32_t>(i);
        // lengthCompareJsonbStringValue: shorter first, then bytes; equal keys by position.
        std::stable_sort(index, index + n, [keys](std::uint32_t a, std::uint32_t b) {
            const core::Key& x = keys[a];
            const core::Key& y = keys[b];
            if (x.size != y.size) return x.size < y.size;
            return x.size != 0 && std::memcmp(x.data, y.data, x.size) < 0;
        });
        // A repeated key keeps its last value (jsonb's uniqueifyJsonbObject).
        std::size_t unique = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const core::Key& k = keys[index[i]];
            const bool same_as_next = i + 1 < n && keys[index[i + 1]].size == k.size &&
                                      (k.size == 0 || std::memcmp(keys[index[i + 1]].data, k.data, k.size) == 0);
            if (!same_as_next) index[unique++] = index[i];
        }
        slot = Order{keys, n, index, unique};
        return slot;
    }

    struct Pending {
        JsonbValue* value;
        std::string_view text;
        std::int64_t digits;  // plain decimals: the digits as an integer, and
        int scale;            // the digits after the point; scale < 0: numeric_in
    };

    // Canonical "-?[0-9]+(\.[0-9]+)?" with at most 18 digits: the integer of
    // its digits and the fraction's length. int64_to_numeric and
    // int64_div_fast_to_numeric build the same numeric as numeric_in from
    // that (same digits, weight and display scale), without parsing text.
    static void plain_decimal(Pending& p) {
        p.scale = -1;
        const std::string_view t = p.text;
        std::size_t i = t[0] == '-' ? 1 : 0;
        std::int64_t v = 0;
        int digits = 0, scale = -1;
        for (; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '.' && scale < 0) { scale = 0; continue; }
            if (c < '0' || c > '9' || ++digits > 18) return;
            v = v * 10 + (c - '0');
            if (scale >= 0) ++scale;
        }
        p.digits = t[0] == '-' ? -v : v;
        p.scale = scale < 0 ? 0 : scale;
    }

    // numeric_in for every number, kNumberBatch per pg_call().
    void convert_numbers() {
        if (numbers_.empty()) return;
        char* buffer = static_cast<char*>(arena_.allocate(max_number_ + 1));
        const Pending* all = numbers_.data();
        for (std::size_t start = 0; start < numbers_.size(); start += kNumberBatch) {
            core::poll();
            const std::size_t end = std::min(numbers_.size(), start + kNumberBatch);
            pg_call([all, start, end, buffer] {
                for (std::size_t i = start; i < end; ++i) {
                    const Pending& p = all[i];
                    if (p.scale == 0) {
                        p.value->val.numeric = int64_to_numeric(p.digits);
                    } else if (p.scale > 0) {
                        p.value->val.numeric = int64_div_fast_to_numeric(p.digits, p.scale);
                    } else {
                        std::memcpy(buffer, p.text.data(), p.text.size());
                        buffer[p.text.size()] = '\0';
                        p.value->val.numeric = DatumGetNumeric(DirectFunctionCall3(
                            numeric_in, CStringGetDatum(buffer), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
                    }
                }
            });
        }
    }

    static constexpr std::size_t kOrderSlots = 64;
    core::Arena arena_;
    std::vector<Pending> numbers_;
    std::size_t max_number_ = 0;
    Order orders_[kOrderSlots];
    core::Poller<> poller_;
};

}  // namespace

Jsonb* jsonb_from_document(const core::Document& doc) {
    Builder builder(doc.node_count());
    const core::Node& root = doc.root();
    JsonbValue* value = builder.build(root);
    return pg_call([value] { return JsonbValueToJsonb(value); });
}

}  // namespace toon::pg
