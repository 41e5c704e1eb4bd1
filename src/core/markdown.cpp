#include "markdown.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "display_width.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "markdown_escape.hpp"

namespace toon::core {

namespace {

using md::append_text;
using md::Ctx;
using md::is_edge_space;

// Padding stops at this display width: a longer cell overflows its column
// instead of making every row of the table that wide.
constexpr std::size_t kMaxPadWidth = 60;

// One column group of a uniform table (SPEC §9.3): a leaf field holds
// primitives; a group holds non-empty objects with the same keys.
struct Field {
    std::string_view name;
    std::vector<Field> children;  // empty for a leaf
};

// Key equality, without a library call for the common mismatch.
inline bool same_key(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    if (a.data() == b.data()) return n == b.size();  // rows of one shape share their keys
    return n == b.size() && (n == 0 || (a[0] == b[0] && std::memcmp(a.data(), b.data(), n) == 0));
}

// A member value by key; `hint` is the position it usually has.
const Node* find_member(const Node& obj, std::string_view key, std::size_t hint) {
    if (hint < obj.members().size() && same_key(obj.members()[hint].first, key)) return &obj.members()[hint].second;
    for (const MemberRef m : obj.members())
        if (same_key(m.first, key)) return &m.second;
    return nullptr;
}

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
    // Table scratch (tables never nest): escaped cells, their extents and widths.
    struct CellRef {
        std::size_t offset;
        std::uint32_t length;
        std::uint32_t width;
    };
    std::string cells_;
    std::vector<CellRef> refs_;
    // Set by the last table detection: every row has its keys in field order,
    // so cells are found by position.
    bool aligned_ = true;

    // Guards one level of recursion.
    struct Level : StackGuard::Level {
        explicit Level(Renderer& r) : StackGuard::Level(r.stack_) {}
    };

    // ---- shape detection ---------------------------------------------------

    // Builds the field tree of `obj` (SPEC §9.3 column rules, first object's
    // key order); false when a value is an array or an empty object, or a key repeats.
    bool build_fields(const Node& obj, std::vector<Field>& fields) {
        Level guard(*this);
        const MemberSpan ms = obj.members();
        if (has_duplicate_key(obj)) return false;
        fields.reserve(ms.size());
        for (std::size_t i = 0; i < ms.size(); ++i) {
            poller_.tick();  // objects can have millions of keys
            const Node& v = ms[i].second;
            fields.push_back(Field{ms[i].first, {}});
            if (v.is_primitive()) continue;
            if (v.kind != Kind::Object || v.members().empty()) return false;
            if (!build_fields(v, fields.back().children)) return false;
        }
        return true;
    }

    // Duplicate keys (possible in a hand-built Value) rule out a table.
    bool has_duplicate_key(const Node& obj) {
        const MemberSpan ms = obj.members();
        if (ms.size() <= 16) {
            for (std::size_t i = 1; i < ms.size(); ++i)
                for (std::size_t j = 0; j < i; ++j)
                    if (same_key(ms[j].first, ms[i].first)) return true;
            return false;
        }
        std::unordered_set<std::string_view> seen;
        seen.reserve(ms.size());
        for (const MemberRef m : ms) {
            poller_.tick();
            if (!seen.insert(m.first).second) return true;
        }
        return false;
    }

    // True when `obj` has exactly the keys of `fields` with the same column kinds.
    bool matches(const Node& obj, const std::vector<Field>& fields) {
        Level guard(*this);
        if (obj.kind != Kind::Object || obj.members().size() != fields.size()) return false;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            poller_.tick();
            const Node* v;
            if (same_key(obj.members()[i].first, fields[i].name)) {
                v = &obj.members()[i].second;
            } else {
                aligned_ = false;
                v = find_member(obj, fields[i].name, i);
                if (!v) return false;
            }
            if (fields[i].children.empty()) {
                if (!v->is_primitive()) return false;
            } else if (!matches(*v, fields[i].children)) {
                return false;
            }
        }
        return true;
    }

    // SPEC §9.3: a non-empty array of non-empty objects with one shape.
    bool tabular_array(const Node& arr, std::vector<Field>& fields) {
        aligned_ = true;
        if (arr.kind != Kind::Array || arr.items().empty()) return false;
        const Node& first = arr.items()[0];
        if (first.kind != Kind::Object || first.members().empty() || !build_fields(first, fields)) return false;
        for (std::size_t i = 1; i < arr.items().size(); ++i) {
            poller_.tick();
            if (!matches(arr.items()[i], fields)) return false;
        }
        return true;
    }

    // SPEC §9.5: an object of at least two entries whose values share one table shape.
    bool keyed_table(const Node& obj, std::vector<Field>& fields) {
        aligned_ = true;
        if (obj.kind != Kind::Object || obj.members().size() < 2) return false;
        const Node& first = obj.members()[0].second;
        if (first.kind != Kind::Object || first.members().empty() || !build_fields(first, fields)) return false;
        for (std::size_t i = 1; i < obj.members().size(); ++i) {
            poller_.tick();
            if (!matches(obj.members()[i].second, fields)) return false;
        }
        return true;
    }

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
        std::vector<Field> fields;
        if (is_simple(v)) {
            simple_block(v);
        } else if (v.kind == Kind::Array) {
            if (tabular_array(v, fields)) table(v, fields, false, 0, false);
            else array_list(v, 0, false);
        } else if (keyed_table(v, fields)) {
            table(v, fields, true, 0, false);
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
        std::vector<Field> fields;
        if (v.kind == Kind::Array) {
            if (tabular_array(v, fields)) table(v, fields, false, ind, continued);
            else array_list(v, ind, continued);
        } else if (keyed_table(v, fields)) {
            table(v, fields, true, ind, continued);
        } else {
            object_list(v, ind, continued);
        }
    }

    // ---- tables ------------------------------------------------------------

    // Header cell text: the dotted path of each leaf field.
    void header_cells(const std::vector<Field>& fields, std::string& prefix, bool top) {
        Level guard(*this);
        for (const Field& f : fields) {
            const std::size_t keep = prefix.size();
            if (!top) prefix += '.';
            append_text(prefix, f.name, top ? Ctx::Header : Ctx::Cell);
            if (f.children.empty()) add_cell(std::string_view(prefix));
            else header_cells(f.children, prefix, false);
            prefix.resize(keep);
        }
    }

    // Body cells of one row: leaf values in depth-first field order.
    void row_cells(const Node& obj, const std::vector<Field>& fields) {
        Level guard(*this);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            poller_.tick();
            const Node& v = aligned_ ? obj.members()[i].second : *find_member(obj, fields[i].name, i);
            if (fields[i].children.empty()) value_cell(v);
            else row_cells(v, fields[i].children);
        }
    }

    // Records one escaped cell in the scratch buffer.
    void add_cell(std::string_view escaped) {
        const std::size_t offset = cells_.size();
        cells_.append(escaped);
        finish_cell(offset);
    }

    void value_cell(const Node& v) {
        const std::size_t offset = cells_.size();
        bool wide = false;
        if (v.kind == Kind::Null) cells_ += "*null*";
        else if (v.kind == Kind::Bool) cells_ += v.boolean ? "true" : "false";
        else wide = append_text(cells_, v.text(), Ctx::Cell);
        finish_cell(offset, wide);
    }

    // `non_ascii` false: the display width is the byte length.
    void finish_cell(std::size_t offset, bool non_ascii = true) {
        const std::size_t length = cells_.size() - offset;
        if (length > UINT32_MAX) throw Error(ErrorCode::ProgramLimit, "table cell too large to render");
        std::size_t width = length;
        if (options_.pad && non_ascii) width = display_width(std::string_view(cells_).substr(offset, length));
        refs_.push_back(CellRef{offset, static_cast<std::uint32_t>(length), static_cast<std::uint32_t>(width)});
    }

    // Spaces after a padded cell: up to the column width, plus the separator's one.
    static std::size_t fill(std::size_t width, const CellRef& ref) {
        return (width > ref.width ? width - ref.width : 0) + 1;
    }

    bool ends_with_backslash(const CellRef& ref) const {
        return ref.length != 0 && cells_[ref.offset + ref.length - 1] == '\\';
    }

    static std::size_t leaf_count(const std::vector<Field>& fields) {
        std::size_t n = 0;
        for (const Field& f : fields) n += f.children.empty() ? 1 : leaf_count(f.children);
        return n;
    }

    // What the writing steps of table() share.
    struct TableLayout {
        std::size_t columns;
        std::size_t rows;  // body rows
        std::vector<std::size_t> widths;
        std::size_t indent;
        bool continued;  // the first line continues a list item's line: no indent
    };

    // A GFM pipe table of the rows of `v` (array elements, or object entries
    // with the entry key as an unnamed first column): escaped cells first,
    // then column widths, then the header, delimiter and body rows.
    void table(const Node& v, const std::vector<Field>& fields, bool keyed, int ind, bool continued) {
        const std::size_t columns = leaf_count(fields) + (keyed ? 1 : 0);
        const std::size_t rows = collect_cells(v, fields, keyed, columns);
        const TableLayout t{columns, rows, column_widths(columns), static_cast<std::size_t>(ind), continued};
        reserve_table(t);
        write_head(t);
        write_body(t);
        cells_.clear();
        refs_.clear();
    }

    // Escapes every cell into cells_ (refs_: header cells, then row by row);
    // returns the number of body rows.
    std::size_t collect_cells(const Node& v, const std::vector<Field>& fields, bool keyed, std::size_t columns) {
        cells_.clear();
        refs_.clear();
        if (keyed) add_cell(std::string_view());
        std::string prefix;
        header_cells(fields, prefix, true);
        const std::size_t rows = keyed ? v.members().size() : v.items().size();
        refs_.reserve((rows + 1) * columns);
        const std::size_t header_bytes = cells_.size();
        for (std::size_t r = 0; r < rows; ++r) {
            // The first row's size estimates the rest (fewer regrowth copies).
            if (r == 1) {
                const std::size_t row_bytes = cells_.size() - header_bytes;
                cells_.reserve(std::min(header_bytes + (row_bytes + row_bytes / 4 + 8) * rows,
                                        header_bytes + options_.max_output / 2));
            }
            // The escaped cells are part of the output: stop with it.
            if (cells_.size() > options_.max_output) throw too_large("Markdown output", options_.max_output);
            if (keyed) {
                const std::size_t offset = cells_.size();
                finish_cell(offset, append_text(cells_, v.members()[r].first, Ctx::Cell));
                row_cells(v.members()[r].second, fields);
            } else {
                row_cells(v.items()[r], fields);
            }
            poller_.tick(static_cast<unsigned>(columns));
        }
        return rows;
    }

    // Display width of each column: at least 3 (the delimiter row's "---"),
    // padded cells up to kMaxPadWidth.
    std::vector<std::size_t> column_widths(std::size_t columns) const {
        std::vector<std::size_t> widths(columns, 3);
        if (options_.pad)
            for (std::size_t i = 0; i < refs_.size(); ++i)
                widths[i % columns] =
                    std::max<std::size_t>(widths[i % columns], std::min<std::size_t>(refs_[i].width, kMaxPadWidth));
        return widths;
    }

    void reserve_table(const TableLayout& t) {
        std::size_t bound = (t.rows + 2) * (t.indent + 2) + refs_.size() * 3 + cells_.size();
        for (std::size_t c = 0; c < t.columns; ++c) bound += (t.widths[c] + 3) * (t.rows + 2);
        out_.reserve(out_.size() + std::min(bound, options_.max_output / 2));
    }

    // Output bytes of one cell of column `c`, separator included.
    std::size_t cell_bytes(const TableLayout& t, const CellRef& ref, std::size_t c) const {
        return ref.length + (options_.pad ? fill(t.widths[c], ref) + 2 : 1 + ends_with_backslash(ref));
    }

    // Rows are written in blocks: exact block size, one resize, raw writes.
    char* grow(std::size_t n) {
        const std::size_t at = out_.size();
        out_.resize(at + n);
        return &out_[at];
    }

    void line_start(char*& p, const TableLayout& t, bool first_line) const {
        if (first_line && t.continued) return;
        std::memset(p, ' ', t.indent);
        p += t.indent;
    }

    void write_row(char*& p, const TableLayout& t, std::size_t first_cell) const {
        const bool pad = options_.pad;
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c) {
            const CellRef& ref = refs_[first_cell + c];
            if (pad) *p++ = ' ';
            std::memcpy(p, cells_.data() + ref.offset, ref.length);
            p += ref.length;
            if (pad) {
                const std::size_t n = fill(t.widths[c], ref);
                std::memset(p, ' ', n);
                p += n;
            } else if (ends_with_backslash(ref)) {
                *p++ = ' ';  // GFM reads "\\|" as an escaped pipe
            }
            *p++ = '|';
        }
        *p++ = '\n';
    }

    // The header row and the delimiter row under it.
    void write_head(const TableLayout& t) {
        const bool pad = options_.pad;
        std::size_t head = 2 * (t.indent + 2) - (t.continued ? t.indent : 0);
        for (std::size_t c = 0; c < t.columns; ++c) head += cell_bytes(t, refs_[c], c) + (pad ? t.widths[c] + 3 : 2);
        check_size(head);
        char* p = grow(head);
        line_start(p, t, true);
        write_row(p, t, 0);
        line_start(p, t, false);
        *p++ = '|';
        for (std::size_t c = 0; c < t.columns; ++c) {
            if (pad) {
                *p++ = ' ';
                std::memset(p, '-', t.widths[c]);
                p += t.widths[c];
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
