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
// a branch mirrors one. Which values are tables is decided by tabular.hpp,
// the rule the Markdown renderer shares. Everything is iterative: nesting depth is bounded only
// by memory and the output size limit.
//
// One class template on purpose: the engine's state (output buffer and
// limit, explicit work stack) is shared by every emit step, and the template
// is instantiated for several tree accessors (core Values, JSON tapes, jsonb
// containers) whose inner loops must inline. The quoting rules live apart in
// encode_quoting.hpp, the table rule in tabular.hpp.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "encode_quoting.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "number.hpp"
#include "tabular.hpp"
#include "value.hpp"

namespace toon::core {

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
          limit_(options.max_output),
          max_work_bytes_(options.max_work_bytes),
          max_stack_bytes_(options.max_stack_bytes),
          shape_(tree) {
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
            } else if (shape_.of_keyed(root)) {
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
        if (max_depth_ + max_group_ > kReadBackDepth || max_width_ > kReadBackWidth)
            check_reads_back(std::string_view(out_).substr(start_), max_work_bytes_, max_stack_bytes_);
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
    const std::size_t max_work_bytes_;
    const std::size_t max_stack_bytes_;
    bool special_[256];
    std::vector<Frame> stack_;
    // For check_reads_back(): the deepest line written, the most nested field
    // groups in one header, the most fields in a header or keys in an object.
    std::size_t max_depth_ = 0;
    std::size_t max_group_ = 0;
    std::size_t max_width_ = 0;
    void note_width(std::size_t n) {
        if (n > max_width_) max_width_ = n;
    }
    mutable Poller<1024> poller_;  // const scans over long arrays tick it too
    // Which arrays and objects are tables, and their fields (tabular.hpp).
    TabularShape<Tree> shape_;

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
            if (f.items) {
                encode_list_item(tree_.item(node, i), depth);
            } else {
                if (i == 0) note_width(tree_.size(node));
                encode_member(tree_.key(node, i), tree_.member(node, i), depth);
            }
        }
    }

    // Starts a new output line at `depth`.
    void begin_line(std::size_t depth) {
        if (out_.size() > start_) {
            check_size();
            out_ += '\n';
        }
        poller_.tick();
        if (depth > max_depth_) max_depth_ = depth;
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

    // Reference formatFieldSegment over the table's fields (pre-order with depths).
    void append_field_segment() {
        out_ += '{';
        note_width(shape_.fields().size());
        std::uint32_t open = 0;
        bool just_opened = true;
        for (const TabularField& f : shape_.fields()) {
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
                if (open > max_group_) max_group_ = open;
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

    // Appends the leaf cells of table row `r` (reference collectRowLeaves).
    void append_row_cells(std::size_t r) {
        bool first = true;
        shape_.cells(r, [&](Ref v) {
            if (!first) out_ += delim_;
            first = false;
            append_primitive(v);
        });
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
        if (!shape_.begin_flat(first)) return false;
        const std::size_t k = tree_.size(first);
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
                const std::string_view name = shape_.fields()[j].name;
                if (!TabularShape<Tree>::same_key(tree_.key(row, j), name)) {
                    at = shape_.find_member(row, name, j);
                    if (at == TabularShape<Tree>::npos) {
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

    bool all_objects(Ref arr) const {
        std::size_t n = tree_.size(arr);
        for (std::size_t i = 0; i < n; ++i) {
            poller_.tick();
            if (tree_.kind(tree_.item(arr, i)) != Kind::Object) return false;
        }
        return true;
    }

    // Rows of a tabular array (shape_ analysed) at `depth`.
    void emit_table_rows(std::size_t depth) {
        for (std::size_t r = 0; r < shape_.rows().size(); ++r) {
            begin_line(depth);
            append_row_cells(r);
        }
    }

    // Reference encodeKeyedObjectLines (shape_ analysed).
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
            if (shape_.of_keyed(value)) {
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
        if (shape_.of_array(arr)) {
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
            if (n > 1) {
                note_width(n);  // run() notes objects whose frame starts at member 0
                stack_.push_back(Frame{obj, 1, depth + 1, false});
            }
        };
        if ((k == Kind::Array || k == Kind::Object) &&
            try_flat_table(&key, first, k == Kind::Object, depth, true, depth + 2)) {
            push_rest();
            return;
        }
        begin_line(depth);
        out_ += "- ";
        if (k == Kind::Array && all_objects(first) && shape_.of_array(first)) {
            append_header(&key, tree_.size(first), false, true);
            emit_table_rows(depth + 2);
            push_rest();
            return;
        }
        if (k == Kind::Object && shape_.of_keyed(first)) {
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
