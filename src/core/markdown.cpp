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
    // Table scratch (tables never nest). A cell is either a view of its value
    // (text that needs no escaping: most cells) or escaped into cells_.
    struct CellRef {
        std::uintptr_t where;  // the text's address, or its offset in cells_ (kEscaped set)
        std::uint32_t length;  // with kEscaped
        std::uint32_t width;   // display width
    };
    static constexpr std::uint32_t kEscaped = std::uint32_t{1} << 31;
    std::string cells_;
    std::vector<CellRef> refs_;
    std::vector<std::size_t> widths_;

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
            if (s.empty() || is_edge_space(s.front()) || is_edge_space(s.back()) ||
                s.find_first_of(",\n\r") != std::string_view::npos)
                return false;
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
    void simple(const Node& v, Ctx ctx) {
        switch (v.kind) {
            case Kind::Null: out_ += "*null*"; return;
            case Kind::Bool: out_ += v.boolean ? "true" : "false"; return;
            case Kind::Number:
            case Kind::String: append_text(out_, v.text(), ctx); return;
            case Kind::Object: out_ += "*{}*"; return;
            case Kind::Array:
                if (v.items().empty()) {
                    out_ += "*[]*";
                    return;
                }
                for (std::size_t i = 0; i < v.items().size(); ++i) {
                    poller_.tick();
                    if (i) out_ += ", ";
                    simple(v.items()[i], i ? Ctx::Inline : ctx);
                }
                return;
        }
    }

    // A simple value that stands alone as a paragraph or list item; an empty
    // string becomes an HTML comment so the line keeps its meaning.
    void simple_block(const Node& v) {
        check_size();
        if (v.kind == Kind::String && v.text().empty()) out_ += "<!-- -->";
        else simple(v, Ctx::LineStart);
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
        for (; i < ms.size() && is_simple(ms[i].second); ++i) {
            out_ += "- ";
            key_value(ms[i].first, ms[i].second);
        }
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

    // "key: value\n" for a simple value (the "- " is already written).
    void key_value(std::string_view key, const Node& v) {
        check_size();
        append_text(out_, key, Ctx::LineStart);
        out_ += ": ";
        simple(v, Ctx::Inline);
        if (out_.back() == ' ') out_.pop_back();  // empty string: "key:"
        out_ += '\n';
        poller_.tick();
    }

    // An object as a bullet list of "key: value" items; nested values are
    // indented under their item. With `continued`, the first item goes on the
    // current line (after a parent's "- ").
    void object_list(const Node& obj, int ind, bool continued) {
        Level guard(*this);
        bool first = true;
        for (const MemberRef m : obj.members()) {
            if (!(first && continued)) indent(ind);
            first = false;
            out_ += "- ";
            const Node& v = m.second;
            if (is_simple(v)) {
                key_value(m.first, v);
                continue;
            }
            check_size();
            append_text(out_, m.first, Ctx::LineStart);
            out_ += ":\n";
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

    // The text of a cell and whether it ends with a backslash.
    const char* cell_data(const CellRef& ref) const {
        return ref.length & kEscaped ? cells_.data() + ref.where : reinterpret_cast<const char*>(ref.where);
    }
    static std::size_t cell_length(const CellRef& ref) { return ref.length & ~kEscaped; }

    // Records a cell of column `col` and widens the column to it.
    void add_ref(std::uintptr_t where, std::size_t length, std::size_t width, bool escaped, std::size_t col) {
        if (length >= kEscaped) throw Error(ErrorCode::ProgramLimit, "table cell too large to render");
        refs_.push_back(CellRef{where, static_cast<std::uint32_t>(length) | (escaped ? kEscaped : 0),
                                static_cast<std::uint32_t>(std::min<std::size_t>(width, UINT32_MAX))});
        if (options_.pad) widths_[col] = std::max(widths_[col], std::min(width, kMaxPadWidth));
    }

    // A cell that shows `s`: a view of it when it needs no escaping.
    void text_cell(std::string_view s, std::size_t col) {
        if (md::is_plain_cell(s)) {
            markup_cell(s, col);
            return;
        }
        const std::size_t offset = cells_.size();
        const bool non_ascii = append_text(cells_, s, Ctx::Cell);
        escaped_cell(offset, non_ascii, col);
    }

    // Records cells_[offset..] as a cell; `non_ascii` false: its display
    // width is its length.
    void escaped_cell(std::size_t offset, bool non_ascii, std::size_t col) {
        // The escaped cells are part of the output: stop with it.
        if (cells_.size() > options_.max_output) throw too_large("Markdown output", options_.max_output);
        const std::size_t length = cells_.size() - offset;
        std::size_t width = length;
        if (options_.pad && non_ascii) width = display_width(std::string_view(cells_).substr(offset, length));
        add_ref(offset, length, width, true, col);
    }

    // A cell of Markdown written as it is ("*null*", "true").
    void markup_cell(std::string_view markup, std::size_t col) {
        add_ref(reinterpret_cast<std::uintptr_t>(markup.data()), markup.size(), markup.size(), false, col);
    }

    void value_cell(const Node& v, std::size_t col) {
        switch (v.kind) {
            case Kind::Null: markup_cell("*null*", col); return;
            case Kind::Bool: markup_cell(v.boolean ? "true" : "false", col); return;
            default: text_cell(v.text(), col); return;
        }
    }

    // Header cells: the dotted path of each leaf field (the field list is in
    // pre-order; `at[d]` is where the path of depth d starts in `path`).
    void header_cells(std::size_t& col) {
        std::string path;
        std::vector<std::size_t> at{0};
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
            escaped_cell(offset, true, col++);
        }
    }

    // Spaces after a padded cell: up to the column width, plus the separator's one.
    static std::size_t fill(std::size_t width, const CellRef& ref) {
        return (width > ref.width ? width - ref.width : 0) + 1;
    }

    bool ends_with_backslash(const CellRef& ref) const {
        const std::size_t n = cell_length(ref);
        return n != 0 && cell_data(ref)[n - 1] == '\\';
    }

    // What the writing steps of table() share.
    struct TableLayout {
        std::size_t columns;
        std::size_t rows;  // body rows
        std::size_t indent;
        bool continued;  // the first line continues a list item's line: no indent
    };

    // A GFM pipe table of the rows shape_ found in `v` (array elements, or
    // object entries with the entry key as an unnamed first column): cells
    // and column widths first, then the header, delimiter and body rows.
    void table(const Node& v, bool keyed, int ind, bool continued) {
        const std::size_t columns = shape_.leaf_count() + (keyed ? 1 : 0);
        const TableLayout t{columns, collect_cells(v, keyed, columns), static_cast<std::size_t>(ind), continued};
        reserve_table(t);
        write_head(t);
        write_body(t);
        cells_.clear();
        refs_.clear();
    }

    // Every cell into refs_ (header cells, then row by row) and the column
    // widths into widths_ (at least 3, the delimiter row's "---"; padded
    // cells count up to kMaxPadWidth); returns the number of body rows.
    std::size_t collect_cells(const Node& v, bool keyed, std::size_t columns) {
        cells_.clear();
        refs_.clear();
        widths_.assign(columns, 3);
        std::size_t col = 0;
        if (keyed) escaped_cell(cells_.size(), false, col++);
        header_cells(col);
        const std::size_t rows = shape_.rows().size();
        refs_.reserve((rows + 1) * columns);
        for (std::size_t r = 0; r < rows; ++r) {
            col = 0;
            if (keyed) text_cell(tree_.key(&v, r), col++);
            shape_.cells(r, [&](const Node* c) { value_cell(*c, col++); });
            poller_.tick(static_cast<unsigned>(columns));
        }
        return rows;
    }

    void reserve_table(const TableLayout& t) {
        std::size_t bound = (t.rows + 2) * (t.indent + 2) + refs_.size() * 3 + cells_.size();
        for (std::size_t c = 0; c < t.columns; ++c) bound += (widths_[c] + 3) * (t.rows + 2);
        out_.reserve(out_.size() + std::min(bound, options_.max_output / 2));
    }

    // Output bytes of one cell of column `c`, separator included.
    std::size_t cell_bytes(const TableLayout& t, const CellRef& ref, std::size_t c) const {
        return cell_length(ref) + (options_.pad ? fill(widths_[c], ref) + 2 : 1 + ends_with_backslash(ref));
    }

    // Rows are written in blocks: exact block size, one resize, raw writes.
    // The new bytes are spaces already, so indents and padding are skipped
    // over, not written.
    char* grow(std::size_t n) {
        const std::size_t at = out_.size();
        out_.resize(at + n, ' ');
        return &out_[at];
    }

    void line_start(char*& p, const TableLayout& t, bool first_line) const {
        if (first_line && t.continued) return;
        p += t.indent;
    }

    void write_row(char*& p, const TableLayout& t, std::size_t first_cell) const {
        const bool pad = options_.pad;
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c) {
            const CellRef& ref = refs_[first_cell + c];
            p += pad;  // a space
            const std::size_t length = cell_length(ref);
            if (length) std::memcpy(p, cell_data(ref), length);  // an empty string may have no address
            p += length;
            if (pad) p += fill(widths_[c], ref);                // spaces
            else if (ends_with_backslash(ref)) ++p;  // a space: GFM reads "\\|" as an escaped pipe
            *p++ = '|';
        }
        *p++ = '\n';
    }

    // The header row and the delimiter row under it.
    void write_head(const TableLayout& t) {
        const bool pad = options_.pad;
        std::size_t head = 2 * (t.indent + 2) - (t.continued ? t.indent : 0);
        for (std::size_t c = 0; c < t.columns; ++c) head += cell_bytes(t, refs_[c], c) + (pad ? widths_[c] + 3 : 2);
        check_size(head);
        char* p = grow(head);
        line_start(p, t, true);
        write_row(p, t, 0);
        line_start(p, t, false);
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c) {
            if (pad) {
                *p++ = ' ';
                std::memset(p, '-', widths_[c]);
                p += widths_[c];
                *p++ = ' ';
            } else {
                *p++ = '-';
            }
            *p++ = '|';
        }
        *p++ = '\n';
        if (p != out_.data() + out_.size()) throw Error(ErrorCode::Internal, "Markdown table size miscomputed");
    }

    // The body rows, in blocks with a cancel check after each (the output is
    // never touched in one long step).
    void write_body(const TableLayout& t) {
        constexpr std::size_t kBlockRows = 1024;
        for (std::size_t first = 1; first <= t.rows; first += kBlockRows) {
            const std::size_t last = std::min(t.rows, first + kBlockRows - 1);
            std::size_t block = (last - first + 1) * (t.indent + 2);
            for (std::size_t i = first * t.columns; i < (last + 1) * t.columns; ++i)
                block += cell_bytes(t, refs_[i], i % t.columns);
            check_size(block);  // padding multiplies output: stop before writing past the limit
            char* p = grow(block);
            for (std::size_t r = first; r <= last; ++r) {
                line_start(p, t, false);
                write_row(p, t, r * t.columns);
            }
            if (p != out_.data() + out_.size()) throw Error(ErrorCode::Internal, "Markdown table size miscomputed");
            poll();
        }
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
