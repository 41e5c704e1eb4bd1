// Tabular shape analysis: which arrays (and objects of objects) are tables,
// and with which columns. One rule for the TOON encoder (encode_engine.hpp
// writes such values as `key[N]{fields}:` tables, SPEC §9.3 and §9.5) and for
// the Markdown renderer (markdown.cpp writes them as pipe tables), so that the
// two never disagree. It mirrors the reference encoder's extractTabularFields
// and extractKeyedTabularFields (@toon-format/toon 4.4.0):
//
//   - rows: the items of a non-empty array that holds only objects, or the
//     values of an object with at least two entries that are all non-empty
//     objects (a keyed table);
//   - the first row has at least one key and no key twice (possible only in
//     a tree built by hand: no parser keeps duplicates), and every row has
//     exactly its keys, in any order;
//   - each column holds only primitives (a leaf field) or only non-empty
//     objects that form a table in turn (a nested field group, in the first
//     row's key order); an array or an empty object anywhere in a column rules
//     the whole table out.
//
// Generic over the tree accessors of encode_engine.hpp (kind, size, item,
// key, member). Iterative (no recursion over nesting), polls for cancel, and
// looks keys up in rows with many keys through a hash index, so a reordered
// row of 40,000 keys costs O(keys), not O(keys^2).
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "interrupt.hpp"
#include "key_hash.hpp"
#include "scratch.hpp"
#include "value.hpp"

namespace toon::core {

// One field of a table, in pre-order: a nested field group (`c{x,y}`) is a
// non-leaf entry followed by its fields one level deeper.
struct TabularField {
    std::string_view name;
    std::uint32_t hint;   // the key's position in the first row (a lookup shortcut)
    std::uint32_t depth;  // 0 for top-level fields
    bool leaf;
};

template <typename Tree>
class TabularShape {
public:
    using Ref = typename Tree::Ref;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

    explicit TabularShape(const Tree& tree) : TabularShape(tree, thread_spares()) {}

    // A non-empty array of objects with one shape. On success fields(),
    // rows() and cells() describe it.
    bool of_array(Ref arr) {
        const std::size_t n = tree_.size(arr);
        if (tree_.kind(arr) != Kind::Array || n == 0) return false;
        rows_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            Ref v = tree_.item(arr, i);
            if (tree_.kind(v) != Kind::Object) return false;
            rows_.push_back(v);
        }
        return analyze();
    }

    // An object of at least two entries whose values are non-empty objects
    // with one shape (the entry keys are not part of the shape).
    bool of_keyed(Ref obj) {
        const std::size_t n = tree_.size(obj);
        if (tree_.kind(obj) != Kind::Object || n < 2) return false;
        rows_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            Ref v = tree_.member(obj, i);
            if (tree_.kind(v) != Kind::Object || tree_.size(v) == 0) return false;
            rows_.push_back(v);
        }
        return analyze();
    }

    // The first step of the rule on its own, for writers that check the rows
    // while they write them: when `first` is a non-empty object of primitives
    // with distinct keys, sets fields() to its keys (all leaves) and returns
    // true. The table is then tabular exactly when every row is an object with
    // these keys (find_member) and primitive values.
    bool begin_flat(Ref first) {
        if (tree_.kind(first) != Kind::Object) return false;
        const std::size_t k = tree_.size(first);
        if (k == 0) return false;
        for (std::size_t j = 0; j < k; ++j)
            if (!is_primitive(tree_.member(first, j))) return false;
        if (has_duplicate_key(first)) return false;
        fields_.clear();
        for (std::size_t j = 0; j < k; ++j)
            fields_.push_back(TabularField{tree_.key(first, j), static_cast<std::uint32_t>(j), 0, true});
        flat_ = true;
        return true;
    }

    const std::vector<TabularField>& fields() const { return fields_; }
    // True when no field is a nested group.
    bool flat() const { return flat_; }
    std::size_t leaf_count() const {
        std::size_t n = 0;
        for (const TabularField& f : fields_) n += f.leaf;
        return n;
    }
    const std::vector<Ref>& rows() const { return rows_; }

    // Calls cell(Ref) for the leaf values of row `r`, in field order.
    template <typename F>
    void cells(std::size_t r, F&& cell) {
        Ref row = rows_[r];
        if (flat_ && aligned_[r]) {
            const std::size_t k = fields_.size();
            for (std::size_t j = 0; j < k; ++j) {
                poller_.tick();
                cell(tree_.member(row, j));
            }
            return;
        }
        path_.resize(1);
        path_[0] = row;
        for (const TabularField& f : fields_) {
            poller_.tick();
            path_.resize(f.depth + 1);
            Ref obj = path_[f.depth];
            Ref v = tree_.member(obj, find_member(obj, f.name, f.hint, f.depth));
            if (f.leaf) cell(v);
            else path_.push_back(v);
        }
    }

    // Member position of `name` in object `obj`, trying `hint` first; npos
    // when absent. Objects with many keys are looked up through a hash index
    // of their keys, built once per object and kept per nesting depth of the
    // field list (one table row's objects).
    std::size_t find_member(Ref obj, std::string_view name, std::size_t hint, std::size_t depth = 0) {
        const std::size_t n = tree_.size(obj);
        if (hint < n && same_key(tree_.key(obj, hint), name)) return hint;
        if (n <= kLinearLookup) {
            for (std::size_t i = 0; i < n; ++i)
                if (same_key(tree_.key(obj, i), name)) return i;
            return npos;
        }
        if (key_indexes_.size() <= depth) key_indexes_.resize(depth + 1);
        KeyIndex& index = key_indexes_[depth];
        const void* id = ref_id(obj);
        if (index.object != id) {
            index.object = nullptr;
            index.positions.clear();
            index.positions.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                poller_.tick();
                index.positions.emplace(tree_.key(obj, i), i);  // a repeated key keeps its first position
            }
            index.object = id;
        }
        auto it = index.positions.find(name);
        return it == index.positions.end() ? npos : it->second;
    }

    // Key equality, inlined for the short keys tables have (rows of one shape
    // often share their key text, so equal pointers answer at once).
    static bool same_key(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        if (a.data() == b.data()) return true;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return false;
        return true;
    }

private:
    // The working lists keep their storage per thread from one call to the
    // next (scratch.hpp): a short document's table costs no malloc.
    struct Spares {
        ScratchSpares<std::vector<TabularField>> fields;
        ScratchSpares<std::vector<Ref>> refs;
        ScratchSpares<std::vector<std::string_view>> names;
        ScratchSpares<std::vector<std::uint8_t>> bytes;
    };
    static Spares& thread_spares() {
        thread_local Spares spares;
        return spares;
    }
    TabularShape(const Tree& tree, Spares& spares)
        : tree_(tree),
          fields_(spares.fields),
          rows_(spares.refs),
          path_(spares.refs),
          names_(spares.names),
          state_(spares.bytes),
          aligned_(spares.bytes) {}

    const Tree& tree_;
    Poller<1024> poller_;
    Scratch<std::vector<TabularField>> fields_;
    Scratch<std::vector<Ref>> rows_;
    bool flat_ = false;
    // Work lists of analyze(): one column of nested objects per group field.
    struct Pending {
        std::string_view name;
        std::uint32_t hint, depth;
        bool leaf;
        std::vector<Ref> column;
    };
    std::vector<Pending> pending_;
    Scratch<std::vector<Ref>> path_;
    Scratch<std::vector<std::string_view>> names_;
    Scratch<std::vector<std::uint8_t>> state_;
    Scratch<std::vector<std::uint8_t>> aligned_;  // per row of rows_: keys in the first row's order
    static constexpr std::uint8_t kPrimitiveColumn = 1, kObjectColumn = 2;
    // find_member(): objects with more keys than this use a hash index.
    static constexpr std::size_t kLinearLookup = 16;
    struct KeyIndex {
        const void* object = nullptr;  // ref_id() of the indexed object
        std::unordered_map<std::string_view, std::size_t, KeyHash> positions;
    };
    std::vector<KeyIndex> key_indexes_;

    // True when the tree says two objects share one key list (the compact
    // tree's key spans: all rows of a TOON table): no key needs comparing.
    template <typename T, typename = void>
    struct HasKeySpan : std::false_type {};
    template <typename T>
    struct HasKeySpan<T, std::void_t<decltype(std::declval<const T&>().key_span(std::declval<typename T::Ref>()))>>
        : std::true_type {};
    bool shares_keys(Ref a, Ref b) const {
        if constexpr (HasKeySpan<Tree>::value) return tree_.key_span(a) == tree_.key_span(b);
        else return false;
    }

    bool is_primitive(Ref r) const {
        const Kind k = tree_.kind(r);
        return k != Kind::Array && k != Kind::Object;
    }

    // A node's identity: the pointer for pointer-like Refs, the index + 1 for
    // index Refs (never null), else its data pointer.
    static const void* ref_id(Ref r) {
        if constexpr (std::is_pointer_v<Ref>) return r;
        else if constexpr (std::is_integral_v<Ref>)
            return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(r) + 1);
        else return r.data;
    }

    bool has_duplicate_key(Ref obj) {
        const std::size_t n = tree_.size(obj);
        if (n <= kLinearLookup) {
            for (std::size_t i = 1; i < n; ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (same_key(tree_.key(obj, j), tree_.key(obj, i))) return true;
            return false;
        }
        std::unordered_set<std::string_view, KeyHash> seen;
        seen.reserve(n);
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            if (!seen.insert(tree_.key(obj, i)).second) return true;
        }
        return false;
    }

    // rows_ into fields_ (pre-order). All-or-nothing: any non-uniform level
    // makes the whole value non-tabular.
    bool analyze() {
        fields_.clear();
        pending_.clear();
        flat_ = false;
        if (!classify_rows(rows_, 0)) return false;
        bool flat = true;
        while (!pending_.empty()) {
            Pending p = std::move(pending_.back());
            pending_.pop_back();
            fields_.push_back(TabularField{p.name, p.hint, p.depth, p.leaf});
            if (!p.leaf) {
                flat = false;
                if (!classify_rows(p.column, p.depth + 1)) return false;
            }
        }
        flat_ = flat;
        return true;
    }

    // Checks that `rows` (objects) share the first row's keys and classifies
    // each column (reference classifyColumn); pushes the columns onto pending_
    // in reverse so that they pop in key order. For the top level (depth 0)
    // it records in aligned_ which rows list their keys in the first row's
    // order, so that cells() can skip lookups.
    bool classify_rows(const std::vector<Ref>& rows, std::uint32_t depth) {
        Ref first = rows.front();
        const std::size_t k = tree_.size(first);
        if (k == 0 || has_duplicate_key(first)) return false;
        const std::size_t base = pending_.size();
        pending_.resize(base + k);
        names_.resize(k);
        state_.assign(k, 0);
        for (std::size_t j = 0; j < k; ++j) {
            Pending& p = pending_[base + (k - 1 - j)];
            p.name = names_[j] = tree_.key(first, j);
            p.hint = static_cast<std::uint32_t>(j);
            p.depth = depth;
            p.column.clear();
        }
        if (depth == 0) aligned_.assign(rows.size(), 1);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            Ref row = rows[r];
            poller_.tick(static_cast<unsigned>(k));
            if (tree_.size(row) != k) return false;
            const bool same_keys = shares_keys(first, row);
            for (std::size_t j = 0; j < k; ++j) {
                std::size_t at = j;
                if (!same_keys && !same_key(tree_.key(row, j), names_[j])) {
                    at = find_member(row, names_[j], j, depth);
                    if (at == npos) return false;
                    if (depth == 0) aligned_[r] = 0;
                }
                Ref v = tree_.member(row, at);
                const Kind kind = tree_.kind(v);
                if (kind == Kind::Object && tree_.size(v) > 0) {
                    if (state_[j] & kPrimitiveColumn) return false;
                    state_[j] |= kObjectColumn;
                    pending_[base + (k - 1 - j)].column.push_back(v);
                } else if (kind != Kind::Array && kind != Kind::Object) {
                    if (state_[j] & kObjectColumn) return false;
                    state_[j] |= kPrimitiveColumn;
                } else {
                    return false;
                }
            }
        }
        for (std::size_t j = 0; j < k; ++j) pending_[base + (k - 1 - j)].leaf = state_[j] & kPrimitiveColumn;
        return true;
    }
};

}  // namespace toon::core
