// Terminal display width of UTF-8 text (columns a monospace terminal uses),
// from ICU character properties: East Asian Width W/F and emoji presentation
// take two columns; combining marks, format characters (zero-width space,
// joiners, variation selectors) and Hangul medial/final jamo take none;
// controls take none; everything else takes one.
#pragma once

#include <cstddef>
#include <string_view>

namespace toon::core {

// Columns taken by one code point (0, 1 or 2).
int code_point_width(char32_t c);

// Sum of code_point_width over well-formed UTF-8 `s` (ASCII fast path).
std::size_t display_width(std::string_view s);

}  // namespace toon::core
