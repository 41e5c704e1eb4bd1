#include "markdown.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "display_width.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "markdown_escape.hpp"
#include "scratch.hpp"
#include "tabular.hpp"

namespace toon::core {

namespace {

using md::append_text;
using md::Ctx;
using md::is_edge_space;

// Padding stops at this display width: a longer cell overflows its column
// instead of making every row of the table that wide.
constexpr std::size_t kMaxPadWidth = 60;

// Reads a Document for TabularShape (tabular.hpp): the table rule the
// encoder uses, so Markdown tables are exactly TOON's tables.
struct NodeTree {
    using Ref = const Node*;
    Kind kind(Ref r) const { return r->kind; }
    std::size_t size(Ref r) const { return r->is_primitive() ? 0 : r->size_; }
    Ref item(Ref r, std::size_t i) const { return static_cast<const Node*>(r->ptr) + i; }
    std::string_view key(Ref r, std::size_t i) const { return static_cast<const ObjectBody*>(r->ptr)->keys[i].view(); }
    Ref member(Ref r, std::size_t i) const { return static_cast<const ObjectBody*>(r->ptr)->values() + i; }
    // Objects of one shape share their key list (document.hpp).
    const Key* key_span(Ref r) const { return static_cast<const ObjectBody*>(r->ptr)->keys; }
};

class Renderer {
public:
    Renderer(const MarkdownOptions& options, std::string& out) : options_(options), out_(out), start_(out.size()) {}

    void document(const Node& value) { block(value, options_.heading_level); }

private:
    const MarkdownOptions& options_;
    std::string& out_;
    std::size_t start_;
    StackGuard stack_;
    Poller<> poller_;
    // Which arrays and objects are tables, and their columns.
    NodeTree tree_;
    TabularShape<NodeTree> shape_{tree_};
    // Table scratch (tables never nest): cells that need escaping, and the
    // header cells, escaped into cells_; every other cell is written from
    // its value's own text.
    struct Escaped {
        std::size_t offset;  // in cells_
        std::size_t length;
        std::size_t width;  // display width
    };
    struct Column {
        std::size_t width = 3;         // padded width: the delimiter row's "---" at least
        std::size_t bytes = 0;         // body cells' text bytes
        std::size_t narrow = 0;        // body cells no wider than kMaxPadWidth,
        std::size_t narrow_width = 0;  // and their widths
        std::size_t backslashes = 0;   // body cells ending with a backslash
    };
    // Their storage is kept per thread from one call to the next (scratch.hpp):
    // a short document's table costs no malloc.
    struct Spares {
        ScratchSpares<std::string> strings;
        ScratchSpares<std::vector<Escaped>> escaped;
        ScratchSpares<std::vector<std::uint8_t>> plain;
        ScratchSpares<std::vector<Column>> columns;
        ScratchSpares<std::vector<std::size_t>> offsets;
    };
    static Spares& thread_spares() {
        thread_local Spares spares;
        return spares;
    }
    Spares& spares_ = thread_spares();
    Scratch<std::string> cells_{spares_.strings};
    Scratch<std::vector<Escaped>> escaped_{spares_.escaped};   // the header cells, then escaped body cells in order
    Scratch<std::vector<std::uint8_t>> plain_{spares_.plain};  // per body cell: written as its value's text
    Scratch<std::vector<Column>> columns_{spares_.columns};
    Scratch<std::string> header_path_{spares_.strings};             // measure_table()'s scratch
    Scratch<std::vector<std::size_t>> header_at_{spares_.offsets};  // measure_table()'s scratch

    // Guards one level of recursion.
    struct Level : StackGuard::Level {
        explicit Level(Renderer& r) : StackGuard::Level(r.stack_) {}
    };

    // ---- shape detection ---------------------------------------------------

    // An array written inline as "a, b, c": primitives only, and no string
    // that would make the separators ambiguous or vanish.
    static bool inline_array(const Node& arr) {
        if (arr.items().empty()) return false;
        for (const Node& v : arr.items()) {
            if (!v.is_primitive()) return false;
            if (v.kind != Kind::String) continue;
            const std::string_view s = v.text();
            if (s.empty() || is_edge_space(s.front()) || is_edge_space(s.back())) return false;
            for (const char c : s)  // (find_first_of() calls memchr once per byte)
                if (c == ',' || c == '\n' || c == '\r') return false;
        }
        return true;
    }

    // Values written on one line: primitives, empty containers, inline arrays.
    static bool is_simple(const Node& v) {
        if (v.kind == Kind::Array) return v.items().empty() || inline_array(v);
        if (v.kind == Kind::Object) return v.members().empty();
        return true;
    }

    // ---- output helpers ----------------------------------------------------

    void indent(int n) { out_.append(static_cast<std::size_t>(n), ' '); }

    // Stops once the output is past max_output (called before each item).
    void check_size(std::size_t more = 0) {
        const std::size_t used = out_.size() - start_;
        if (used > options_.max_output || more > options_.max_output - used)
            throw too_large("Markdown output", options_.max_output);
    }

    // Ends the previous block with an empty line (not at the very start).
    void blank_line() {
        check_size();
        const std::size_t n = out_.size();
        if (n == start_) return;
        if (n - start_ >= 2 && out_[n - 1] == '\n' && out_[n - 2] == '\n') return;
        out_ += '\n';
    }

    // The one-line form of a simple value; an empty string writes nothing.
    // `out` is the output or a line buffer (md::LineWriter).
    template <typename Out>
    void simple(Out& out, const Node& v, Ctx ctx) {
        switch (v.kind) {
            case Kind::Null: out += "*null*"; return;
            case Kind::Bool:
                if (v.boolean) out += "true";
                else out += "false";
                return;
            case Kind::Number:
            case Kind::String: append_text(out, v.text(), ctx); return;
            case Kind::Object: out += "*{}*"; return;
            case Kind::Array:
                if (v.items().empty()) {
                    out += "*[]*";
                    return;
                }
                for (std::size_t i = 0; i < v.items().size(); ++i) {
                    poller_.tick();
                    if (i) out += ", ";
                    simple(out, v.items()[i], i ? Ctx::Inline : ctx);
                }
                return;
        }
    }

    // A simple value that stands alone as a paragraph or list item; an empty
    // string becomes an HTML comment so the line keeps its meaning.
    void simple_block(const Node& v) {
        check_size();
        if (v.kind == Kind::String && v.text().empty()) out_ += "<!-- -->";
        else simple(out_, v, Ctx::LineStart);
        out_ += '\n';
    }

    // ---- blocks ------------------------------------------------------------

    // A value at the top level (root or under a heading of level-1).
    void block(const Node& v, int level) {
        Level guard(*this);
        if (is_simple(v)) {
            simple_block(v);
        } else if (v.kind == Kind::Array) {
            if (shape_.of_array(&v)) table(v, false, 0, false);
            else array_list(v, 0, false);
        } else if (shape_.of_keyed(&v)) {
            table(v, true, 0, false);
        } else if (level >= 1 && level <= 6) {
            section(v, level);
        } else {
            object_list(v, 0, false);
        }
    }

    // An object as sections: leading simple members as a "key: value" list,
    // then one heading per remaining member, in member order.
    void section(const Node& obj, int level) {
        const MemberSpan ms = obj.members();
        std::size_t i = 0;
        for (; i < ms.size() && is_simple(ms[i].second); ++i) member_line(ms[i].first, &ms[i].second, 0);
        for (; i < ms.size(); ++i) {
            poller_.tick();
            blank_line();
            out_.append(static_cast<std::size_t>(level), '#');
            if (!ms[i].first.empty()) out_ += ' ';
            append_text(out_, ms[i].first, Ctx::Heading);
            out_ += "\n\n";
            block(ms[i].second, level + 1);
        }
    }

    // One member's line: "<indent>- key: value" for a simple value `v`, or
    // "<indent>- key:" before a nested one (`v` null, the value follows).
    // Built in a buffer on the stack and appended at once when it surely
    // fits, else written piece by piece: the same bytes either way.
    static constexpr std::size_t kLineBuffer = 512;
    void member_line(std::string_view key, const Node* v, int ind) {
        const std::size_t spaces = static_cast<std::size_t>(ind);
        check_size(spaces + 2);  // after "<indent>- ", as before any item
        const std::size_t text = key.size() + (v ? simple_size(v->is_primitive() ? Span<Node>{v, 1} : v->items()) : 0);
        if (text <= kLineBuffer &&
            spaces + text * md::kMaxEscapedBytes + 2 * md::kMaxEscapedExtra + 16 <= kLineBuffer) {
            char line[kLineBuffer];
            md::LineWriter w{line};
            std::memset(w.p, ' ', spaces);
            w.p += spaces;
            w += "- ";
            member_text(w, key, v);
            out_.append(line, static_cast<std::size_t>(w.p - line));
            return;
        }
        indent(ind);
        out_ += "- ";
        member_text(out_, key, v);
    }
    // What member_line() writes after "- ".
    template <typename Out>
    void member_text(Out& out, std::string_view key, const Node* v) {
        append_text(out, key, Ctx::LineStart);
        if (!v) {
            out += ":\n";
            return;
        }
        out += ": ";
        simple(out, *v, Ctx::Inline);
        if (out.back() == ' ') out.pop_back();  // empty string: "key:"
        out += '\n';
        poller_.tick();
    }
    // Text bytes of primitive values before escaping (markup counts 6),
    // separators included; stops counting past kLineBuffer.
    static std::size_t simple_size(Span<Node> values) {
        std::size_t n = 0;
        for (const Node& v : values) {
            n += 2 + (v.kind == Kind::String || v.kind == Kind::Number ? v.size_ : 6);
            if (n > kLineBuffer) break;
        }
        return n;
    }

    // An object as a bullet list of "key: value" items; nested values are
    // indented under their item. With `continued`, the first item goes on the
    // current line (after a parent's "- ").
    void object_list(const Node& obj, int ind, bool continued) {
        Level guard(*this);
        bool first = true;
        for (const MemberRef m : obj.members()) {
            const bool skip_indent = first && continued;
            first = false;
            const Node& v = m.second;
            if (is_simple(v)) {
                member_line(m.first, &v, skip_indent ? 0 : ind);
                continue;
            }
            member_line(m.first, nullptr, skip_indent ? 0 : ind);
            nested(v, ind + 2, false);
        }
    }

    // An array as a bullet list, one item per element.
    void array_list(const Node& arr, int ind, bool continued) {
        Level guard(*this);
        bool first = true;
        for (const Node& v : arr.items()) {
            poller_.tick();
            if (!(first && continued)) indent(ind);
            first = false;
            out_ += "- ";
            if (is_simple(v)) simple_block(v);
            else nested(v, ind + 2, true);
        }
    }

    // A non-simple value inside a list item, indented by `ind`.
    void nested(const Node& v, int ind, bool continued) {
        if (v.kind == Kind::Array) {
            if (shape_.of_array(&v)) table(v, false, ind, continued);
            else array_list(v, ind, continued);
        } else if (shape_.of_keyed(&v)) {
            table(v, true, ind, continued);
        } else {
            object_list(v, ind, continued);
        }
    }

    // ---- tables ------------------------------------------------------------
    //
    // Two passes over the rows shape_ found: the first measures every cell
    // (escaping only the cells that need it) and sums the column widths and
    // the output size; the second grows the output once by exactly that size
    // and writes the rows into it.

    // What the writing steps of table() share.
    struct TableLayout {
        std::size_t columns;
        std::size_t rows;  // body rows
        std::size_t indent;
        bool continued;  // the first line continues a list item's line: no indent
    };

    // A GFM pipe table of `v` (array elements, or object entries with the
    // entry key as an unnamed first column).
    void table(const Node& v, bool keyed, int ind, bool continued) {
        const std::size_t columns = shape_.leaf_count() + (keyed ? 1 : 0);
        const TableLayout t{columns, shape_.rows().size(), static_cast<std::size_t>(ind), continued};
        measure_table(v, keyed, t);
        write_head(t);
        write_body(v, keyed, t);
        cells_.clear();
        escaped_.clear();
        plain_.clear();
    }

    // The text a cell shows before escaping; `markup` for "*null*", the
    // booleans and numbers, which are written as they are (a canonical
    // number is digits, '-', '.', 'e' and '+': nothing a cell escapes, and a
    // '.' never follows "www").
    static std::string_view cell_text(const Node& v, bool& markup) {
        markup = v.kind != Kind::String;
        if (v.kind == Kind::Null) return "*null*";
        if (v.kind == Kind::Bool) return v.boolean ? "true" : "false";
        return v.text();
    }

    // Widens column `col` to a cell; body cells also count towards its size.
    void measure(std::size_t col, std::size_t length, std::size_t width, bool backslash, bool body) {
        Column& c = columns_[col];
        if (options_.pad) c.width = std::max(c.width, std::min(width, kMaxPadWidth));
        if (!body) return;
        c.bytes += length;
        c.backslashes += backslash;
        if (width <= kMaxPadWidth) {
            ++c.narrow;
            c.narrow_width += width;
        }
    }

    // Escapes `s` into cells_ as one more entry of escaped_.
    const Escaped& escape_cell(std::string_view s, Ctx ctx) {
        const std::size_t offset = cells_.size();
        const bool non_ascii = append_text(cells_, s, ctx);
        // The escaped cells are part of the output: stop with it.
        if (cells_.size() > options_.max_output) throw too_large("Markdown output", options_.max_output);
        const std::size_t length = cells_.size() - offset;
        const std::size_t width =
            options_.pad && non_ascii ? display_width(std::string_view(cells_).substr(offset, length)) : length;
        escaped_.push_back(Escaped{offset, length, width});
        return escaped_.back();
    }

    // First pass over one body cell: inline for the usual plain cell.
    void measure_cell(std::string_view text, bool markup, std::size_t col) {
        if (markup || md::is_plain_cell(text)) {
            plain_.push_back(1);
            measure(col, text.size(), text.size(), false, true);  // plain text never ends with a backslash
            return;
        }
        measure_escaped_cell(text, col);
    }
    __attribute__((noinline)) void measure_escaped_cell(std::string_view text, std::size_t col) {
        plain_.push_back(0);
        const Escaped& e = escape_cell(text, Ctx::Cell);
        measure(col, e.length, e.width, e.length != 0 && cells_[e.offset + e.length - 1] == '\\', true);
    }

    // Header cells (the dotted path of each leaf field; the field list is in
    // pre-order, `at[d]` is where the path of depth d starts in `path`), then
    // every body cell.
    void measure_table(const Node& v, bool keyed, const TableLayout& t) {
        cells_.clear();
        escaped_.clear();
        plain_.clear();
        columns_.assign(t.columns, Column{});
        std::size_t col = 0;
        if (keyed) {
            const Escaped& e = escape_cell(std::string_view(), Ctx::Header);
            measure(col++, e.length, e.width, false, false);
        }
        std::string& path = header_path_;
        std::vector<std::size_t>& at = header_at_;
        path.clear();
        at.assign(1, 0);
        for (const TabularField& f : shape_.fields()) {
            poller_.tick();
            at.resize(f.depth + 1);
            path.resize(at[f.depth]);
            if (f.depth > 0) path += '.';
            append_text(path, f.name, f.depth == 0 ? Ctx::Header : Ctx::Cell);
            if (!f.leaf) {
                at.push_back(path.size());
                continue;
            }
            const std::size_t offset = cells_.size();
            cells_ += path;
            const std::size_t width = options_.pad ? display_width(path) : path.size();
            escaped_.push_back(Escaped{offset, path.size(), width});
            measure(col++, path.size(), width, false, false);
        }
        plain_.reserve(t.rows * t.columns);
        for (std::size_t r = 0; r < t.rows; ++r) {
            col = 0;
            if (keyed) measure_cell(tree_.key(&v, r), false, col++);
            shape_.cells(r, [&](const Node* c) {
                bool markup;
                const std::string_view text = cell_text(*c, markup);
                measure_cell(text, markup, col++);
            });
            poller_.tick(static_cast<unsigned>(t.columns));
        }
    }

    // The new bytes are spaces already, so indents and padding are skipped
    // over, not written.
    char* grow(std::size_t n) {
        const std::size_t at = out_.size();
        out_.resize(at + n, ' ');
        return &out_[at];
    }

    // One cell and the separator after it ("|" already written before it).
    void put_cell(char*& p, const char* data, std::size_t length, std::size_t width, std::size_t col) const {
        if (options_.pad) ++p;  // a space
        md::copy_bytes(p, data, length);
        p += length;
        if (options_.pad) {
            const std::size_t w = columns_[col].width;
            p += (w > width ? w - width : 0) + 1;  // spaces
        } else if (length && data[length - 1] == '\\') {
            ++p;  // a space: GFM reads "\|" as an escaped pipe
        }
        *p++ = '|';
    }

    // Output bytes of a cell with its separator.
    std::size_t cell_bytes(const Escaped& e, std::size_t col) const {
        if (!options_.pad) return e.length + 1 + (e.length != 0 && cells_[e.offset + e.length - 1] == '\\');
        const std::size_t w = columns_[col].width;
        return e.length + (w > e.width ? w - e.width : 0) + 3;
    }

    // The header row and the delimiter row under it.
    void write_head(const TableLayout& t) {
        const bool pad = options_.pad;
        std::size_t head = 2 * (t.indent + 2) - (t.continued ? t.indent : 0);
        for (std::size_t c = 0; c < t.columns; ++c)
            head += cell_bytes(escaped_[c], c) + (pad ? columns_[c].width + 3 : 2);
        check_size(head);
        char* p = grow(head);
        if (!t.continued) p += t.indent;
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c)
            put_cell(p, cells_.data() + escaped_[c].offset, escaped_[c].length, escaped_[c].width, c);
        *p++ = '\n';
        p += t.indent;
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c) {
            if (pad) {
                ++p;
                std::memset(p, '-', columns_[c].width);
                p += columns_[c].width + 1;
            } else {
                *p++ = '-';
            }
            *p++ = '|';
        }
        *p++ = '\n';
        if (p != out_.data() + out_.size()) throw Error(ErrorCode::Internal, "Markdown table size miscomputed");
    }

    // The body rows: the exact size from the first pass, checked against
    // max_output before anything is written; cancel checks every 1,024 rows.
    void write_body(const Node& v, bool keyed, const TableLayout& t) {
        std::size_t body = t.rows * (t.indent + 2);
        for (const Column& c : columns_)
            body += options_.pad ? c.bytes + 3 * t.rows + c.narrow * c.width - c.narrow_width
                                 : c.bytes + t.rows + c.backslashes;
        check_size(body);  // padding multiplies output: stop before writing past the limit
        char* p = grow(body);
        std::size_t cell = 0;
        std::size_t next_escaped = t.columns;
        for (std::size_t r = 0; r < t.rows; ++r) {
            p += t.indent;
            *p++ = '|';
            std::size_t col = 0;
            auto put = [&](std::string_view text) {
                if (plain_[cell++]) {
                    put_cell(p, text.data(), text.size(), text.size(), col++);
                } else {
                    const Escaped& e = escaped_[next_escaped++];
                    put_cell(p, cells_.data() + e.offset, e.length, e.width, col++);
                }
            };
            if (keyed) put(tree_.key(&v, r));
            shape_.cells(r, [&](const Node* c) {
                bool markup;
                put(cell_text(*c, markup));
            });
            *p++ = '\n';
            if ((r & 1023) == 1023) poll();
        }
        if (p != out_.data() + out_.size()) throw Error(ErrorCode::Internal, "Markdown table size miscomputed");
    }
};

}  // namespace

void check_markdown_options(const MarkdownOptions& options) {
    if (options.heading_level < 0 || options.heading_level > 6)
        throw Error(ErrorCode::InvalidParameter, "heading_level must be between 0 and 6",
                    "heading_level " + std::to_string(options.heading_level) + " was given.",
                    "Use 1 for \"#\" headings, 2 for \"##\", ..., or 0 for nested lists without headings.");
}

void render_markdown_into(const Node& value, const MarkdownOptions& options, std::string& out) {
    check_markdown_options(options);
    Renderer(options, out).document(value);
}

std::string render_markdown(const Node& value, const MarkdownOptions& options) {
    std::string out;
    render_markdown_into(value, options, out);
    return out;
}

void render_markdown_into(const Value& value, const MarkdownOptions& options, std::string& out) {
    check_markdown_options(options);
    const Document doc = document_from_value(value);
    render_markdown_into(doc.root(), options, out);
}

std::string render_markdown(const Value& value, const MarkdownOptions& options) {
    std::string out;
    render_markdown_into(value, options, out);
    return out;
}

}  // namespace toon::core
