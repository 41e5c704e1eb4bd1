// The Markdown renderer's escaping rules: how a string is written so that a
// GitHub Flavored Markdown renderer shows exactly that string (markdown.cpp
// decides where text goes; this unit decides how it is written there).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace toon::core::md {

// Where escaped text lands; decides which block markers must be neutralised.
enum class Ctx : std::uint8_t {
    Inline,     // mid-line (after "key: ", in an inline list)
    LineStart,  // first text of a paragraph or list item
    Heading,    // ATX heading text (a trailing "#" run would be eaten)
    Cell,       // table body cell
    Header,     // table header cell: "-" or ":" first could read as a delimiter row
};

// True for the spaces and tabs GFM would strip at the edges of a text.
inline bool is_edge_space(char c) { return c == ' ' || c == '\t'; }

// Appends `s` so that a GFM renderer shows exactly `s`: Markdown punctuation
// is backslash-escaped, newlines become <br>, other control characters and
// leading/trailing spaces or tabs become numeric character references, and
// block markers at the start of a line are escaped. Returns true when `s`
// has non-ASCII bytes (otherwise the escaped text's display width is its
// length: every control character is written as a reference).
bool append_text(std::string& out, std::string_view s, Ctx ctx);

// True when `s` is ASCII and append_text(out, s, Ctx::Cell) would append it
// unchanged (no escaping, no references): a table can show it as it is, and
// its display width is its length. Most table cells are such text.
bool is_plain_cell(std::string_view s);

}  // namespace toon::core::md
