// jsonb built directly from a document tree (see jsonb_build.hpp).
//
// The binary form is written straight from the tree, exactly as
// JsonbValueToJsonb() would write the equivalent JsonbValues (jsonb_util.c:
// convertJsonbArray/Object/Scalar), without building them: one pass checks
// strings and collects the numbers in writing order, the numbers are
// converted in batches under pg_call() (numeric_in, or its integer shortcuts
// for plain decimals of up to 18 digits) with a cancel check between
// batches, and a second pass writes containers, JEntries and data. Object
// keys are sorted once per shape (table rows share one sort).
#include "jsonb_build.hpp"

#include <algorithm>
#include <cstring>
#include <string>
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

class Writer {
public:
    explicit Writer(const core::Document& doc) : Writer(doc, thread_spares()) {}

    Jsonb* run(const Node& root) {
        collect(root);
        convert_numbers();
        // Pass 1 bounded the size (padding counted as 3 bytes everywhere):
        // pass 2 writes into a zeroed buffer of that size without growing it.
        bound_ += VARHDRSZ + 2 * sizeof(JEntry) + 3;
        out_.resize(bound_);
        buf_ = out_.data();
        at_ = VARHDRSZ;  // the varlena header, set at the end
        if (root.is_primitive()) {
            raw_scalar(root);
        } else {
            std::uint32_t entry;
            write(root, entry);
        }
        auto* jb = static_cast<Jsonb*>(palloc_nothrow(at_));
        std::memcpy(jb, buf_, at_);
        SET_VARSIZE(jb, at_);
        return jb;
    }

private:
    // A key order for objects of one shape: jsonb's order, repeated keys
    // dropped except their last occurrence.
    struct Order {
        const core::Key* keys = nullptr;
        std::size_t size = 0;
        std::size_t index = 0;  // the member indexes, in jsonb's order: indexes_[index, index + unique)
        std::size_t unique = 0;
        bool set = false;
    };
    // The i'th member of an order (indexes_ may grow while an order is in use).
    std::uint32_t member(const Order& order, std::size_t i) const { return indexes_[order.index + i]; }
    struct Pending {
        std::string_view text;
        std::int64_t digits;  // plain decimals: the digits as an integer, and
        int scale;            // the digits after the point; scale < 0: numeric_in
    };

    // Working buffers, their capacity kept for the next call on this thread
    // (one short document used to cost a malloc and a free here).
    struct Spares {
        core::ScratchSpares<std::vector<Pending>> numbers;
        core::ScratchSpares<std::vector<Numeric>> numerics;
        core::ScratchSpares<std::vector<std::uint32_t>> indexes;
        core::ScratchSpares<std::string> text;
    };
    static Spares& thread_spares() {
        thread_local Spares spares;
        return spares;
    }

    Writer(const core::Document& doc, Spares& spares)
        : may_hold_nul_(doc.may_hold_nul()),
          out_(spares.text),
          number_text_(spares.text),
          numbers_(spares.numbers),
          numerics_(spares.numerics),
          indexes_(spares.indexes) {
        numbers_.reserve(doc.number_count());
        indexes_.reserve(doc.node_count());
    }

    [[noreturn]] static void raise(int sqlstate, const char* message, const char* detail = nullptr) {
        pg_call([=] {
            ereport(ERROR,
                    (errcode(sqlstate), errmsg_internal("%s", message), detail ? errdetail_internal("%s", detail) : 0));
        });
        throw core::Error(core::ErrorCode::Internal, "unreachable");
    }

    // jsonb_in's checks on a string or key: length, and \u0000 (text cannot
    // hold it; a decoded string holds it as a NUL byte).
    void check_string(std::string_view s) const {
        if (s.size() > JENTRY_OFFLENMASK)
            raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, "string too long to represent as jsonb string",
                  "Due to an implementation restriction, jsonb strings cannot exceed 268435455 bytes.");
        if (may_hold_nul_ && !s.empty() && std::memchr(s.data(), '\0', s.size()))
            raise(ERRCODE_UNTRANSLATABLE_CHARACTER, "unsupported Unicode escape sequence",
                  "\\u0000 cannot be converted to text.");
    }

    // Canonical "-?[0-9]+(\.[0-9]+)?" with at most 18 digits: the integer of
    // its digits and the fraction's length. int64_to_numeric and
    // int64_div_fast_to_numeric build the same numeric as numeric_in from
    // that (same digits, weight and display scale), without parsing text.
    // Filled in place, field by field (a Pending built on the stack and
    // copied in stalled on store forwarding: a quarter of this pass).
    static void pending_number(std::string_view t, Pending& p) {
        p.text = t;
        p.digits = 0;
        p.scale = -1;
        std::size_t i = t[0] == '-' ? 1 : 0;
        std::int64_t v = 0;
        int digits = 0, scale = -1;
        for (; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '.' && scale < 0) {
                scale = 0;
                continue;
            }
            if (c < '0' || c > '9' || ++digits > 18) return;
            v = v * 10 + (c - '0');
            if (scale >= 0) ++scale;
        }
        p.digits = t[0] == '-' ? -v : v;
        p.scale = scale < 0 ? 0 : scale;
    }

    // Pass 1: checks, and the numbers in the order write() meets them.
    void collect(const Node& node) {
        poller_.tick();
        switch (node.kind) {
            case Kind::Null:
            case Kind::Bool: return;
            case Kind::String:
                check_string(node.text());
                bound_ += node.size_;
                return;
            case Kind::Number:
                pending_number(node.text(), numbers_.emplace_back());
                max_number_ = std::max(max_number_, node.text().size());
                return;
            case Kind::Array: {
                core::check_stack();
                const auto items = node.items();
                if (items.size() > kMaxElems)
                    raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                          too_many("number of jsonb array elements", kMaxElems).c_str());
                bound_ += 3 + sizeof(std::uint32_t) + items.size() * sizeof(JEntry);
                for (const Node& item : items) collect(item);
                return;
            }
            case Kind::Object: {
                core::check_stack();
                const core::MemberSpan members = node.members();
                // Copies of two fields (recursion may reuse the slot; copying the
                // whole slot just written stalls on store forwarding).
                const Order& slot = order_of(members.keys, members.size());
                const std::size_t unique = slot.unique;
                const Order order{nullptr, 0, slot.index, unique, true};
                if (unique > kMaxPairs)
                    raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED, too_many("number of jsonb object pairs", kMaxPairs).c_str());
                bound_ += 3 + sizeof(std::uint32_t) + 2 * unique * sizeof(JEntry);
                for (std::size_t i = 0; i < unique; ++i) {
                    const std::uint32_t m = member(order, i);
                    check_string(members.keys[m].view());
                    bound_ += members.keys[m].size;
                    collect(members.values[m]);
                }
                return;
            }
        }
    }

    static std::string too_many(const char* what, std::size_t limit) {
        return std::string(what) + " exceeds the maximum allowed (" + std::to_string(limit) + ")";
    }

    // numeric_in (or a shortcut) for every number, kNumberBatch per pg_call().
    void convert_numbers() {
        const std::size_t count = numbers_.size();
        if (count == 0) return;
        number_text_.resize(max_number_ + 1);
        numerics_.resize(count);
        char* buffer = number_text_.data();
        const Pending* all = numbers_.data();
        Numeric* results = numerics_.data();
        std::size_t bytes = 0;
        for (std::size_t start = 0; start < count; start += kNumberBatch) {
            core::poll();
            const std::size_t end = std::min(count, start + kNumberBatch);
            pg_call([all, results, start, end, buffer] {
                for (std::size_t i = start; i < end; ++i) {
                    const Pending& p = all[i];
                    if (p.scale == 0) {
                        results[i] = int64_to_numeric(p.digits);
                    } else if (p.scale > 0) {
                        results[i] = int64_div_fast_to_numeric(p.digits, p.scale);
                    } else {
                        std::memcpy(buffer, p.text.data(), p.text.size());
                        buffer[p.text.size()] = '\0';
                        results[i] = DatumGetNumeric(DirectFunctionCall3(
                            numeric_in, CStringGetDatum(buffer), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
                    }
                }
            });
            for (std::size_t i = start; i < end; ++i) bytes += VARSIZE_ANY(results[i]) + 3;
        }
        bound_ += bytes;
    }

    // Objects sharing a key span (table rows) share one sort.
    const Order& order_of(const core::Key* keys, std::size_t n) {
        Order& slot = orders_[(reinterpret_cast<std::uintptr_t>(keys) >> 4) % kOrderSlots];
        if (slot.set && slot.keys == keys && slot.size == n) return slot;
        const std::size_t at = indexes_.size();
        indexes_.resize(at + n);
        std::uint32_t* index = indexes_.data() + at;
        for (std::size_t i = 0; i < n; ++i) index[i] = static_cast<std::uint32_t>(i);
        // lengthCompareJsonbStringValue: shorter first, then bytes; equal keys by position.
        const auto less = [keys](std::uint32_t a, std::uint32_t b) {
            const core::Key& x = keys[a];
            const core::Key& y = keys[b];
            if (x.size != y.size) return x.size < y.size;
            return x.size != 0 && std::memcmp(x.data, y.data, x.size) < 0;
        };
        if (n <= kInsertionSortMax) {
            // Stable as well, and without std::stable_sort's temporary buffer.
            for (std::size_t i = 1; i < n; ++i) {
                const std::uint32_t v = index[i];
                std::size_t j = i;
                for (; j > 0 && less(v, index[j - 1]); --j) index[j] = index[j - 1];
                index[j] = v;
            }
        } else {
            std::stable_sort(index, index + n, less);
        }
        // A repeated key keeps its last value (jsonb's uniqueifyJsonbObject).
        std::size_t unique = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const core::Key& k = keys[index[i]];
            const bool same_as_next = i + 1 < n && keys[index[i + 1]].size == k.size &&
                                      (k.size == 0 || std::memcmp(keys[index[i + 1]].data, k.data, k.size) == 0);
            if (!same_as_next) index[unique++] = index[i];
        }
        indexes_.resize(at + unique);
        slot = Order{keys, n, at, unique, true};
        return slot;
    }

    // ---- pass 2: the binary form (jsonb_util.c convertJsonb*) ----------------
    // The buffer is zeroed: padding and JEntry slots are only skipped.
    void reserve(std::size_t bytes) {
        if (bytes > bound_ - at_) throw core::Error(core::ErrorCode::Internal, "jsonb: size bound exceeded");
    }
    void append(const void* data, std::size_t bytes) {
        reserve(bytes);
        if (bytes) std::memcpy(buf_ + at_, data, bytes);
        at_ += bytes;
    }
    void skip(std::size_t bytes) {
        reserve(bytes);
        at_ += bytes;
    }
    std::size_t pad_to_int() {
        const std::size_t pad = (4 - at_ % 4) % 4;
        skip(pad);
        return pad;
    }
    void append_u32(std::uint32_t v) { append(&v, sizeof v); }
    void set_u32(std::size_t at, std::uint32_t v) { std::memcpy(buf_ + at, &v, sizeof v); }

    static void check_total(std::int64_t total, const char* what) {
        if (total > JENTRY_OFFLENMASK)
            raise(ERRCODE_PROGRAM_LIMIT_EXCEEDED,
                  (std::string("total size of jsonb ") + what + " elements exceeds the maximum of 268435455 bytes")
                      .c_str());
    }

    // One child's JEntry: every JB_OFFSET_STRIDE'th holds the end offset.
    static std::uint32_t entry(std::uint32_t meta, std::size_t i, std::int64_t& total, const char* what) {
        total += meta & JENTRY_OFFLENMASK;
        check_total(total, what);
        if (i % JB_OFFSET_STRIDE == 0)
            meta = (meta & JENTRY_TYPEMASK) | static_cast<std::uint32_t>(total) | JENTRY_HAS_OFF;
        return meta;
    }

    void write(const Node& node, std::uint32_t& meta) {
        switch (node.kind) {
            case Kind::Null: meta = JENTRY_ISNULL; return;
            case Kind::Bool: meta = node.boolean ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE; return;
            case Kind::String:
                append(node.ptr, node.size_);
                meta = static_cast<std::uint32_t>(node.size_);
                return;
            case Kind::Number: {
                if (next_number_ >= numerics_.size())
                    throw core::Error(core::ErrorCode::Internal, "jsonb: number count miscounted");
                const Numeric n = numerics_[next_number_++];
                const std::size_t length = VARSIZE_ANY(n);
                const std::size_t pad = pad_to_int();
                append(n, length);
                meta = JENTRY_ISNUMERIC | static_cast<std::uint32_t>(pad + length);
                return;
            }
            case Kind::Array: {
                poller_.tick();
                const auto items = node.items();
                const std::size_t base = at_;
                pad_to_int();
                append_u32(static_cast<std::uint32_t>(items.size()) | JB_FARRAY);
                const std::size_t entries = at_;
                skip(items.size() * sizeof(JEntry));
                std::int64_t total = 0;
                for (std::size_t i = 0; i < items.size(); ++i) {
                    std::uint32_t m;
                    write(items[i], m);
                    set_u32(entries + i * sizeof(JEntry), entry(m, i, total, "array"));
                }
                container_entry(base, "array", meta);
                return;
            }
            case Kind::Object: {
                poller_.tick();
                const core::MemberSpan members = node.members();
                const Order& slot = order_of(members.keys, members.size());
                const std::size_t n = slot.unique;
                const Order order{nullptr, 0, slot.index, n, true};  // see collect()
                const std::size_t base = at_;
                pad_to_int();
                append_u32(static_cast<std::uint32_t>(n) | JB_FOBJECT);
                const std::size_t entries = at_;
                skip(2 * n * sizeof(JEntry));
                std::int64_t total = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    const std::string_view key = members.keys[member(order, i)].view();
                    append(key.data(), key.size());
                    set_u32(entries + i * sizeof(JEntry),
                            entry(static_cast<std::uint32_t>(key.size()), i, total, "object"));
                }
                for (std::size_t i = 0; i < n; ++i) {
                    std::uint32_t m;
                    write(members.values[member(order, i)], m);
                    set_u32(entries + (n + i) * sizeof(JEntry), entry(m, n + i, total, "object"));
                }
                container_entry(base, "object", meta);
                return;
            }
        }
    }

    void container_entry(std::size_t base, const char* what, std::uint32_t& meta) {
        const std::size_t total = at_ - base;
        check_total(static_cast<std::int64_t>(total), what);
        meta = JENTRY_ISCONTAINER | static_cast<std::uint32_t>(total);
    }

    // A scalar document: a one-element "raw scalar" array.
    void raw_scalar(const Node& node) {
        const std::size_t base = at_;
        append_u32(1 | JB_FARRAY | JB_FSCALAR);
        const std::size_t entries = at_;
        skip(sizeof(JEntry));
        std::uint32_t m;
        write(node, m);
        std::int64_t total = 0;
        set_u32(entries, entry(m, 0, total, "array"));
        // The wrapping array's whole size, header and entry included, as
        // jsonb_in checks it (a string 8 bytes short of the limit is refused).
        check_total(static_cast<std::int64_t>(at_ - base), "array");
    }

    static constexpr std::size_t kOrderSlots = 16;
    static constexpr std::size_t kInsertionSortMax = 24;
    const bool may_hold_nul_;
    core::Scratch<std::string> out_;
    core::Scratch<std::string> number_text_;  // one number at a time, for numeric_in
    core::Scratch<std::vector<Pending>> numbers_;
    core::Scratch<std::vector<Numeric>> numerics_;
    core::Scratch<std::vector<std::uint32_t>> indexes_;  // the key orders
    char* buf_ = nullptr;
    std::size_t at_ = 0;     // bytes written
    std::size_t bound_ = 0;  // at most this many bytes will be
    std::size_t next_number_ = 0;
    std::size_t max_number_ = 0;
    Order orders_[kOrderSlots];
    core::Poller<> poller_;
};

}  // namespace

Jsonb* jsonb_from_document(const core::Document& doc) {
    Writer writer(doc);
    return writer.run(doc.root());
}

}  // namespace toon::pg
