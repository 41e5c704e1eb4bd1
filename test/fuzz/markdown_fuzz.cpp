// libFuzzer harness for the Markdown renderer. The first byte picks the
// options (heading level 0-6 and the decoder's mode), the rest is a TOON
// document; whatever decodes is rendered, padded and compact. Properties:
//  - render_markdown() fails only with documented error kinds (never
//    Internal, never another exception) and is deterministic;
//  - the output is well-formed UTF-8;
//  - every table (consecutive lines starting with '|' after the indent, or
//    after "- " when the table opens a list item) has
//    the same number of cell delimiters on each row, counting a '|' as a
//    delimiter unless a backslash precedes it, exactly as GFM splits rows, so
//    no cell text can add or remove a column;
//  - padding changes only spaces: the padded and compact renderings have the
//    same lines with the same trimmed cells (delimiter rows aside).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "decode.hpp"
#include "error.hpp"
#include "value.hpp"
#include "markdown.hpp"
#include "utf8.hpp"

using namespace toon::core;

namespace {

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "property failed: %s\n", what);
    __builtin_trap();
}

std::vector<std::string_view> lines_of(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < s.size()) {
        std::size_t nl = s.find('\n', at);
        if (nl == std::string_view::npos) nl = s.size();
        out.push_back(s.substr(at, nl - at));
        at = nl + 1;
    }
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// A table row's cells split the way GFM does: at '|' not preceded by '\'.
// Empty when the line is not a table row. `opens_item` is set when the row
// opens a list item ("- | a |", or nested: "- - | a |"): a new table starts.
std::vector<std::string_view> cells_of(std::string_view line, bool* opens_item = nullptr) {
    std::vector<std::string_view> cells;
    std::string_view t = trim(line);
    std::string_view u = t;
    while (u.substr(0, 2) == "- ") u = trim(u.substr(2));
    if (opens_item) *opens_item = u.size() != t.size();
    if (!u.empty() && u.front() == '|') t = u;
    if (t.empty() || t.front() != '|') return cells;
    std::size_t start = 1;
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (t[i] == '|' && t[i - 1] != '\\') {
            cells.push_back(trim(t.substr(start, i - start)));
            start = i + 1;
        }
    }
    if (start != t.size()) fail("table row does not end with a delimiter");
    return cells;
}

bool delimiter_row(const std::vector<std::string_view>& cells) {
    for (auto c : cells)
        if (c.empty() || c.find_first_not_of("-:") != std::string_view::npos) return false;
    return !cells.empty();
}

// Checks the table shape of one rendering; returns its rows' cells.
std::vector<std::vector<std::string_view>> tables(std::string_view md) {
    std::vector<std::vector<std::string_view>> rows;
    std::size_t columns = 0;
    bool in_table = false;
    for (auto line : lines_of(md)) {
        bool opens_item = false;
        auto cells = cells_of(line, &opens_item);
        if (cells.empty() || opens_item) {
            in_table = false;
            rows.emplace_back();
            if (cells.empty()) continue;
        }
        if (!in_table) {
            columns = cells.size();
            in_table = true;
        } else if (cells.size() != columns) {
            fail("table rows with different cell counts");
        }
        if (delimiter_row(cells)) cells.assign(1, "-");
        rows.push_back(std::move(cells));
    }
    return rows;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    DecodeOptions in;
    in.strict = (data[0] & 8) == 0;
    in.indent_size = 0;
    const std::string_view doc(reinterpret_cast<const char*>(data + 1), size - 1);
    Value value;
    try {
        value = decode(doc, in);
    } catch (const Error&) {
        return 0;  // decoder errors are decode_fuzz's business
    }
    MarkdownOptions mo;
    mo.heading_level = data[0] % 7;
    std::string padded, compact;
    try {
        mo.pad = true;
        padded = render_markdown(value, mo);
        mo.pad = false;
        compact = render_markdown(value, mo);
    } catch (const Error& e) {
        if (e.code() != ErrorCode::StackDepth) fail("unexpected error kind from render_markdown");
        return 0;
    }
    mo.pad = true;
    if (render_markdown(value, mo) != padded) fail("render_markdown is not deterministic");
    if (find_invalid_utf8(padded) != std::string_view::npos) fail("ill-formed UTF-8 in the output");
    if (find_invalid_utf8(compact) != std::string_view::npos) fail("ill-formed UTF-8 in the output");
    const auto a = tables(padded);
    const auto b = tables(compact);
    if (a.size() != b.size()) fail("padding changed the number of lines");
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) fail("padding changed a table cell");
    const auto la = lines_of(padded);
    const auto lb = lines_of(compact);
    for (std::size_t i = 0; i < la.size(); ++i)
        if (cells_of(la[i]).empty() && la[i] != lb[i]) fail("padding changed a line outside tables");
    return 0;
}
