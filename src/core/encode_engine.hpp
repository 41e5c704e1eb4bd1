// The TOON v4 encoder engine, generic over how the document tree is read.
//
// `encode()` (encode.cpp) runs it on core Values; the PostgreSQL layer runs
// it directly on jsonb's binary containers (src/pg/encode.cpp) so that no
// intermediate tree is built. A tree accessor `Tree` provides:
//
//   using Ref = ...;                       // a cheap handle on one node
//   Kind kind(Ref) const;
//   std::size_t size(Ref) const;           // items of an array, members of an object
//   Ref item(Ref array, std::size_t i) const;
//   std::string_view key(Ref object, std::size_t i) const;
//   Ref member(Ref object, std::size_t i) const;
//   std::string_view string(Ref) const;    // Kind::String
//   void append_number(Ref, std::string& out);  // canonical number text (number.hpp)
//   bool boolean(Ref) const;
//   void prefetch(Ref, bool deep) const;   // hint: the node's members (deep: and
//                                          // their out-of-line data) are read soon
//
// Decisions (tabular or not, field order, quoting) follow the reference
// encoder @toon-format/toon 4.4.0 exactly; its function names are cited where
// a branch mirrors one. Everything is iterative: nesting depth is bounded only
// by memory and the output size limit.
//
// Size: about 700 lines, one class template on purpose. The engine's state
// (output buffer and limit, explicit work stack, field-list cache, the row
// classification scratch) is shared by every emit step, and the template is
// instantiated for two tree accessors (core Values, jsonb containers) whose
// inner loops must inline; the quoting rules already live apart in
// encode_quoting.hpp.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "encode_quoting.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "number.hpp"
#include "value.hpp"

namespace toon::core {

namespace detail {

// One entry of a tabular field list, in pre-order: nested field groups
// (`c{x,y}`) are a non-leaf entry followed by its children one level deeper.
struct FieldEntry {
    std::string_view name;
    std::uint32_t hint;   // the key's position in the first row (a lookup shortcut)
    std::uint32_t depth;  // 0 for top-level fields
    bool leaf;
};

}  // namespace detail

template <typename Tree>
class EncoderEngine {
public:
    using Ref = typename Tree::Ref;

    EncoderEngine(Tree& tree, const EncodeOptions& options, std::string& out)
        : tree_(tree),
          out_(out),
          delim_(options.delimiter),
          indent_(static_cast<std::size_t>(options.indent_size)),
          start_(out.size()),
          limit_(options.max_output) {
        check_encode_options(options);
        for (int c = 0; c < 256; ++c) special_[c] = detail::kBytes.value_special[c];
        special_[static_cast<unsigned char>(delim_)] = true;
    }

    // Reference encodeJsonValue (depth 0).
    void encode_root(Ref root) {
        Kind k = tree_.kind(root);
        if (k == Kind::Array) {
            encode_array(nullptr, root, 0);
        } else if (k == Kind::Object) {
            if (try_flat_table(nullptr, root, true, 0, false, 1)) {
            } else if (keyed_fields(root)) {
                emit_keyed(nullptr, root, 0);
            } else if (tree_.size(root) > 0) {
                stack_.push_back(Frame{root, 0, 0, false});
            }
        } else if (k == Kind::String) {
            std::string_view s = tree_.string(root);
            // A root string starting with U+FEFF is always quoted, so that a
            // decoder can't take it for a byte order mark.
            if (s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0) detail::append_quoted(out_, s);
            else append_string(s);
        } else {
            append_primitive(root);
        }
        run();
        check_size();
    }

private:
    // Pending work: the remaining members (as `key: value` lines) or items
    // (as `- ` list items) of one container.
    struct Frame {
        Ref node;
        std::size_t next;
        std::size_t depth;
        bool items;
    };

    Tree& tree_;
    std::string& out_;
    const char delim_;
    const std::size_t indent_;
    const std::size_t start_;
    const std::size_t limit_;
    bool special_[256];
    std::vector<Frame> stack_;
    mutable Poller<1024> poller_;  // const scans over long arrays tick it too
    // Scratch for tabular detection and row output.
    std::vector<detail::FieldEntry> fields_;
    struct Pending {
        std::string_view name;
        std::uint32_t hint, depth;
        bool leaf;
        std::vector<Ref> column;
    };
    std::vector<Pending> pending_;
    std::vector<Ref> rows_;
    std::vector<Ref> path_;
    std::vector<std::string_view> names_;
    std::vector<std::uint8_t> state_;
    std::vector<std::uint8_t> aligned_;  // per row of rows_: keys in header order
    bool flat_ = false;                  // fields_ has no nested group
    static constexpr std::uint8_t kPrimitiveColumn = 1, kObjectColumn = 2;
    // find_member(): objects with more keys than this use a hash index.
    static constexpr std::size_t kLinearLookup = 16;
    struct KeyIndex {
        const void* object = nullptr;  // ref_id() of the indexed object
        std::unordered_map<std::string_view, std::size_t> positions;
    };
    std::vector<KeyIndex> key_indexes_;

    void run() {
        while (!stack_.empty()) {
            Frame& f = stack_.back();
            if (f.next >= tree_.size(f.node)) {
                stack_.pop_back();
                continue;
            }
            std::size_t i = f.next++;
            Ref node = f.node;
            std::size_t depth = f.depth;
            if (f.items) encode_list_item(tree_.item(node, i), depth);
            else encode_member(tree_.key(node, i), tree_.member(node, i), depth);
        }
    }

    // Starts a new output line at `depth`.
    void begin_line(std::size_t depth) {
        if (out_.size() > start_) {
            check_size();
            out_ += '\n';
        }
        poller_.tick();
        const std::size_t spaces = depth * indent_;  // no overflow: depth < 2^32, indent_ < 2^31
        if (spaces > limit_ - (out_.size() - start_)) throw too_large();
        out_.append(spaces, ' ');
    }

    Error too_large() const {
        return Error(ErrorCode::ProgramLimit, "TOON output is too large",
                     "The encoded document exceeds " + std::to_string(limit_) + " bytes.");
    }

    void check_size() {
        if (out_.size() - start_ > limit_) throw too_large();
    }

    bool is_primitive(Ref r) const {
        Kind k = tree_.kind(r);
        return k != Kind::Array && k != Kind::Object;
    }

    // Reference encodeStringLiteral / isSafeUnquoted.
    void append_string(std::string_view s) {
        if (needs_quotes(s)) detail::append_quoted(out_, s);
        else out_.append(s.data(), s.size());
    }

    bool needs_quotes(std::string_view s) const {
        if (s.empty()) return true;
        char c0 = s.front(), cl = s.back();
        if (c0 == ' ' || c0 == '\t' || cl == ' ' || cl == '\t' || c0 == '-' || c0 == '#') return true;
        for (char c : s)
            if (special_[static_cast<unsigned char>(c)]) return true;
        if ((c0 >= '0' && c0 <= '9') || c0 == '+') return looks_numeric(s);
        return s == "true" || s == "false" || s == "null";
    }

    // Reference encodePrimitive.
    void append_primitive(Ref r) {
        switch (tree_.kind(r)) {
            case Kind::Null: out_ += "null"; break;
            case Kind::Bool: out_ += tree_.boolean(r) ? "true" : "false"; break;
            case Kind::Number: tree_.append_number(r, out_); break;
            case Kind::String: append_string(tree_.string(r)); break;
            default: throw Error(ErrorCode::Internal, "encoder: container where a primitive was expected");
        }
    }

    // Reference formatHeader: key[N(:)(delim)]{fields}:
    void append_header(const std::string_view* key, std::size_t n, bool keyed, bool with_fields) {
        if (key) detail::append_key(out_, *key);
        out_ += '[';
        out_ += std::to_string(n);
        if (keyed) out_ += ':';
        if (delim_ != ',') out_ += delim_;
        out_ += ']';
        if (with_fields) append_field_segment();
        out_ += ':';
    }

    // Reference formatFieldSegment over fields_ (pre-order with depths).
    void append_field_segment() {
        out_ += '{';
        std::uint32_t open = 0;
        bool just_opened = true;
        for (const auto& f : fields_) {
            while (open > f.depth) {
                out_ += '}';
                --open;
                just_opened = false;
            }
            if (!just_opened) out_ += delim_;
            detail::append_key(out_, f.name);
            if (f.leaf) {
                just_opened = false;
            } else {
                out_ += '{';
                ++open;
                just_opened = true;
            }
        }
        while (open > 0) {
            out_ += '}';
            --open;
        }
        out_ += '}';
    }

    // Reference encodeInlineArrayLine: key[N]: v1,v2 (no values when N == 0).
    void append_inline_array(const std::string_view* key, Ref arr) {
        std::size_t n = tree_.size(arr);
        append_header(key, n, false, false);
        for (std::size_t i = 0; i < n; ++i) {
            if ((i & 1023) == 1023) {  // one line can be long: poll and check the size within it
                poll();
                check_size();
            }
            out_ += i == 0 ? ' ' : delim_;
            append_primitive(tree_.item(arr, i));
        }
    }

    bool all_primitive(Ref arr) const {
        std::size_t n = tree_.size(arr);
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            if (!is_primitive(tree_.item(arr, i))) return false;
        }
        return true;
    }

    // Member position of `name` in object `obj`, trying `hint` first; npos
    // when absent. Objects with many keys are looked up through a hash index
    // of their keys, built once per object and kept per nesting depth of the
    // field list (one table row's objects): a row listing 40,000 keys in
    // another order than the first row costs O(keys), not O(keys^2).
    std::size_t find_member(Ref obj, std::string_view name, std::size_t hint, std::size_t depth = 0) {
        const std::size_t n = tree_.size(obj);
        if (hint < n && tree_.key(obj, hint) == name) return hint;
        if (n <= kLinearLookup) {
            for (std::size_t i = 0; i < n; ++i)
                if (tree_.key(obj, i) == name) return i;
            return static_cast<std::size_t>(-1);
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
        return it == index.positions.end() ? static_cast<std::size_t>(-1) : it->second;
    }

    // A node's identity: the pointer for pointer-like Refs, the index + 1 for
    // index Refs (never null), else its data pointer.
    static const void* ref_id(Ref r) {
        if constexpr (std::is_pointer_v<Ref>) return r;
        else if constexpr (std::is_integral_v<Ref>)
            return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(r) + 1);
        else return r.data;
    }

    // Reference extractTabularFields over rows_ into fields_ (pre-order).
    // All-or-nothing: any non-uniform level makes the whole array non-tabular.
    bool tabular_fields() {
        fields_.clear();
        pending_.clear();
        if (!classify_rows(rows_, 0)) return false;
        flat_ = true;
        while (!pending_.empty()) {
            Pending p = std::move(pending_.back());
            pending_.pop_back();
            fields_.push_back(detail::FieldEntry{p.name, p.hint, p.depth, p.leaf});
            if (!p.leaf) {
                flat_ = false;
                if (!classify_rows(p.column, p.depth + 1)) return false;
            }
        }
        return true;
    }

    // Key equality, inlined for the short keys tables have.
    static bool same_key(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        if (a.data() == b.data()) return true;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return false;
        return true;
    }

    // Checks that `rows` (objects) share the first row's keys and classifies
    // each column (reference classifyColumn); pushes the columns onto pending_
    // in reverse so that they pop in key order. Rows are visited row by row;
    // for the top level (depth 0) it records in aligned_ which rows list
    // their keys in the first row's order, so that output can skip lookups.
    bool classify_rows(const std::vector<Ref>& rows, std::uint32_t depth) {
        Ref first = rows.front();
        const std::size_t k = tree_.size(first);
        if (k == 0) return false;
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
            for (std::size_t j = 0; j < k; ++j) {
                std::size_t at = j;
                if (!same_key(tree_.key(row, j), names_[j])) {
                    at = find_member(row, names_[j], j, depth);
                    if (at == static_cast<std::size_t>(-1)) return false;
                    if (depth == 0) aligned_[r] = 0;
                }
                Ref v = tree_.member(row, at);
                Kind kind = tree_.kind(v);
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

    // Appends the leaf cells of row `r` of rows_ in fields_ order (reference
    // collectRowLeaves). Flat tables whose row lists its keys in header
    // order take the direct path.
    void append_row_cells(std::size_t r) {
        Ref row = rows_[r];
        if (flat_ && aligned_[r]) {
            const std::size_t k = fields_.size();
            for (std::size_t j = 0; j < k; ++j) {
                poller_.tick();
                if (j) out_ += delim_;
                append_primitive(tree_.member(row, j));
            }
            return;
        }
        path_.resize(1);
        path_[0] = row;
        bool first = true;
        for (const auto& f : fields_) {
            poller_.tick();
            path_.resize(f.depth + 1);
            Ref obj = path_[f.depth];
            Ref v = tree_.member(obj, find_member(obj, f.name, f.hint, f.depth));
            if (f.leaf) {
                if (!first) out_ += delim_;
                first = false;
                append_primitive(v);
            } else {
                path_.push_back(v);
            }
        }
    }

    // Fast path for the common table, whose first row holds only primitives:
    // then it is tabular exactly when every row is an object with the same
    // keys and only primitive values. Writes the header line (at line_depth,
    // after "- " for a list item) and the rows while checking, in one pass
    // over the data; if the check fails, the output is rolled back and false
    // is returned so that the general path decides.
    bool try_flat_table(const std::string_view* key, Ref container, bool keyed, std::size_t line_depth, bool list_item,
                        std::size_t row_depth) {
        const std::size_t n = tree_.size(container);
        if (n == 0 || (keyed && n < 2)) return false;
        Ref first = keyed ? tree_.member(container, 0) : tree_.item(container, 0);
        if (tree_.kind(first) != Kind::Object) return false;
        const std::size_t k = tree_.size(first);
        if (k == 0) return false;
        for (std::size_t j = 0; j < k; ++j)
            if (!is_primitive(tree_.member(first, j))) return false;
        fields_.clear();
        names_.resize(k);
        for (std::size_t j = 0; j < k; ++j) {
            names_[j] = tree_.key(first, j);
            fields_.push_back(detail::FieldEntry{names_[j], static_cast<std::uint32_t>(j), 0, true});
        }
        const std::size_t mark = out_.size();
        try {
            return write_flat_table(key, container, keyed, line_depth, list_item, row_depth, n, k, mark);
        } catch (const Error& e) {
            // The speculative table passed max_output before the check could
            // fail: the general path decides, and its (possibly shorter)
            // output may fit.
            if (e.code() != ErrorCode::ProgramLimit) throw;
            out_.resize(mark);
            return false;
        }
    }

    // try_flat_table's writing pass (rolls back to `mark` and returns false
    // when a row does not fit the table).
    bool write_flat_table(const std::string_view* key, Ref container, bool keyed, std::size_t line_depth,
                          bool list_item, std::size_t row_depth, std::size_t n, std::size_t k, std::size_t mark) {
        begin_line(line_depth);
        if (list_item) out_ += "- ";
        append_header(key, n, keyed, true);
        for (std::size_t i = 0; i < n; ++i) {
            Ref row = keyed ? tree_.member(container, i) : tree_.item(container, i);
            if (i + 8 < n) tree_.prefetch(keyed ? tree_.member(container, i + 8) : tree_.item(container, i + 8), false);
            if (i + 4 < n) tree_.prefetch(keyed ? tree_.member(container, i + 4) : tree_.item(container, i + 4), true);
            if (tree_.kind(row) != Kind::Object || tree_.size(row) != k) {
                out_.resize(mark);
                return false;
            }
            begin_line(row_depth);
            if (keyed) {
                detail::append_key(out_, tree_.key(container, i));
                out_ += ": ";
            }
            for (std::size_t j = 0; j < k; ++j) {
                poller_.tick();  // rows can hold many thousands of keys
                std::size_t at = j;
                if (!same_key(tree_.key(row, j), names_[j])) {
                    at = find_member(row, names_[j], j);
                    if (at == static_cast<std::size_t>(-1)) {
                        out_.resize(mark);
                        return false;
                    }
                }
                Ref v = tree_.member(row, at);
                if (!is_primitive(v)) {
                    out_.resize(mark);
                    return false;
                }
                if (j) out_ += delim_;
                append_primitive(v);
            }
        }
        return true;
    }

    // Reference extractKeyedTabularFields: >= 2 entries, all non-empty
    // objects, uniform. Fills rows_ and fields_.
    bool keyed_fields(Ref obj) {
        std::size_t n = tree_.size(obj);
        if (n < 2) return false;
        rows_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            Ref v = tree_.member(obj, i);
            if (tree_.kind(v) != Kind::Object || tree_.size(v) == 0) return false;
            rows_.push_back(v);
        }
        return tabular_fields();
    }

    // Fills rows_ with the items of an array of objects and detects its fields.
    bool array_tabular_fields(Ref arr) {
        std::size_t n = tree_.size(arr);
        if (n == 0) return false;
        rows_.clear();
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            Ref v = tree_.item(arr, i);
            if (tree_.kind(v) != Kind::Object) return false;
            rows_.push_back(v);
        }
        return tabular_fields();
    }

    bool all_objects(Ref arr) const {
        std::size_t n = tree_.size(arr);
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            if (tree_.kind(tree_.item(arr, i)) != Kind::Object) return false;
        }
        return true;
    }

    // Rows of a tabular array (rows_ and fields_ prepared) at `depth`.
    void emit_table_rows(std::size_t depth) {
        for (std::size_t r = 0; r < rows_.size(); ++r) {
            begin_line(depth);
            append_row_cells(r);
        }
    }

    // Reference encodeKeyedObjectLines (rows_ and fields_ prepared).
    void emit_keyed(const std::string_view* key, Ref obj, std::size_t depth) {
        begin_line(depth);
        std::size_t n = tree_.size(obj);
        append_header(key, n, true, true);
        emit_keyed_rows(obj, depth + 1);
    }

    void emit_keyed_rows(Ref obj, std::size_t depth) {
        std::size_t n = tree_.size(obj);
        for (std::size_t i = 0; i < n; ++i) {
            begin_line(depth);
            detail::append_key(out_, tree_.key(obj, i));
            out_ += ": ";
            append_row_cells(i);
        }
    }

    // Reference encodeKeyValuePairLines.
    void encode_member(std::string_view key, Ref value, std::size_t depth) {
        Kind k = tree_.kind(value);
        if (k == Kind::Array) {
            encode_array(&key, value, depth);
        } else if (k == Kind::Object) {
            if (try_flat_table(&key, value, true, depth, false, depth + 1)) return;
            if (keyed_fields(value)) {
                emit_keyed(&key, value, depth);
                return;
            }
            begin_line(depth);
            detail::append_key(out_, key);
            out_ += ':';
            if (tree_.size(value) > 0) stack_.push_back(Frame{value, 0, depth + 1, false});
        } else {
            begin_line(depth);
            detail::append_key(out_, key);
            out_ += ": ";
            append_primitive(value);
        }
    }

    // Reference encodeArrayLines (key == nullptr at the root).
    void encode_array(const std::string_view* key, Ref arr, std::size_t depth) {
        std::size_t n = tree_.size(arr);
        if (n == 0) {
            begin_line(depth);
            if (key) {
                detail::append_key(out_, *key);
                out_ += ": []";
            } else {
                out_ += "[]";
            }
            return;
        }
        if (all_primitive(arr)) {
            begin_line(depth);
            append_inline_array(key, arr);
            return;
        }
        if (all_arrays_of_primitives(arr)) {
            begin_line(depth);
            append_header(key, n, false, false);
            for (std::size_t i = 0; i < n; ++i) {
                begin_line(depth + 1);
                out_ += "- ";
                append_inline_array(nullptr, tree_.item(arr, i));
            }
            return;
        }
        if (try_flat_table(key, arr, false, depth, false, depth + 1)) return;
        begin_line(depth);
        if (array_tabular_fields(arr)) {
            append_header(key, n, false, true);
            emit_table_rows(depth + 1);
            return;
        }
        append_header(key, n, false, false);
        stack_.push_back(Frame{arr, 0, depth + 1, true});
    }

    bool all_arrays_of_primitives(Ref arr) const {
        std::size_t n = tree_.size(arr);
        for (std::size_t i = 0; i < n; ++i) {
            Ref v = tree_.item(arr, i);
            if (tree_.kind(v) != Kind::Array || !all_primitive(v)) return false;
        }
        return true;
    }

    // Reference encodeListItemValueLines.
    void encode_list_item(Ref value, std::size_t depth) {
        Kind k = tree_.kind(value);
        if (k == Kind::Object) {
            encode_object_list_item(value, depth);
            return;
        }
        begin_line(depth);
        out_ += "- ";
        if (k != Kind::Array) {
            append_primitive(value);
        } else if (all_primitive(value)) {
            append_inline_array(nullptr, value);
        } else {
            append_header(nullptr, tree_.size(value), false, false);
            stack_.push_back(Frame{value, 0, depth + 1, true});
        }
    }

    // Reference encodeObjectAsListItemLines: the first member shares the
    // "- " line, the others follow one level deeper.
    void encode_object_list_item(Ref obj, std::size_t depth) {
        std::size_t n = tree_.size(obj);
        if (n == 0) {
            begin_line(depth);
            out_ += '-';
            return;
        }
        std::string_view key = tree_.key(obj, 0);
        Ref first = tree_.member(obj, 0);
        Kind k = tree_.kind(first);
        auto push_rest = [&] {
            if (n > 1) stack_.push_back(Frame{obj, 1, depth + 1, false});
        };
        if ((k == Kind::Array || k == Kind::Object) &&
            try_flat_table(&key, first, k == Kind::Object, depth, true, depth + 2)) {
            push_rest();
            return;
        }
        begin_line(depth);
        out_ += "- ";
        if (k == Kind::Array && all_objects(first) && array_tabular_fields(first)) {
            append_header(&key, tree_.size(first), false, true);
            emit_table_rows(depth + 2);
            push_rest();
            return;
        }
        if (k == Kind::Object && keyed_fields(first)) {
            append_header(&key, tree_.size(first), true, true);
            emit_keyed_rows(first, depth + 2);
            push_rest();
            return;
        }
        if (k == Kind::Array) {
            std::size_t m = tree_.size(first);
            if (m == 0) {
                detail::append_key(out_, key);
                out_ += ": []";
                push_rest();
            } else if (all_primitive(first)) {
                append_inline_array(&key, first);
                push_rest();
            } else {
                append_header(&key, m, false, false);
                push_rest();
                stack_.push_back(Frame{first, 0, depth + 2, true});
            }
        } else if (k == Kind::Object) {
            detail::append_key(out_, key);
            out_ += ':';
            push_rest();
            if (tree_.size(first) > 0) stack_.push_back(Frame{first, 0, depth + 2, false});
        } else {
            detail::append_key(out_, key);
            out_ += ": ";
            append_primitive(first);
            push_rest();
        }
    }
};

}  // namespace toon::core
