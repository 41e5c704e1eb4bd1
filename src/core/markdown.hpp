// TOON documents rendered as GitHub Flavored Markdown for people (issue 4).
//
// The rules, with examples, are in README.md (section "markdown"). In short:
// uniform arrays of objects (SPEC §9.3) and objects of uniform objects
// (SPEC §9.5) become pipe tables, with dotted headers for nested field groups
// and the entry key as first column; other objects become headings (while
// levels last) or "key: value" bullet lists; primitive arrays are written
// inline; other arrays are bullet lists. Every string is escaped so that the
// text a GFM renderer shows is exactly the value.
#pragma once

#include <cstddef>
#include <string>

#include "value.hpp"

namespace toon::core {

struct MarkdownOptions {
    // Level of the headings used for the root object's nested members (1-6);
    // 0 renders everything as nested lists, without headings.
    int heading_level = 1;
    // Pad table cells to equal display width so raw Markdown lines up in a
    // terminal; false writes compact tables (fewer bytes and tokens).
    bool pad = true;
    // Output past this many bytes stops with Error(ProgramLimit) as soon as
    // it passes (within one list item or one block of table rows, whose size
    // is known before it is written). Padding can make a table far larger
    // than its input.
    std::size_t max_output = static_cast<std::size_t>(-1);
};

// Throws Error(InvalidParameter) for a heading_level outside 0-6.
void check_markdown_options(const MarkdownOptions& options);

// Throws Error(InvalidParameter) for bad options, Canceled, StackDepth.
std::string render_markdown(const Value& value, const MarkdownOptions& options = {});

// Appends to `out` (lets callers reserve and reuse one buffer).
void render_markdown_into(const Value& value, const MarkdownOptions& options, std::string& out);

}  // namespace toon::core
