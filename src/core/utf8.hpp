// UTF-8 validation and decoding (well-formed per Unicode §3.9: no overlongs,
// no surrogates, nothing above U+10FFFF).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace toon::core {

// Byte offset of the first ill-formed sequence, or npos when `s` is well-formed.
std::size_t find_invalid_utf8(std::string_view s);

// Throws Error(InvalidUtf8) naming line and column of the first bad byte.
void require_utf8(std::string_view s);
// The same for text that is a value or a key rather than TOON text (no line
// or column).
void require_utf8_value(std::string_view s);

// The first `max_chars` characters of `s` (UTF-8), never cut inside a
// character; for quoting user-supplied values in messages.
inline std::string_view utf8_prefix(std::string_view s, std::size_t max_chars) {
    std::size_t i = 0, chars = 0;
    for (; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == max_chars) break;
    return s.substr(0, i);
}

// Appends the UTF-8 form of code point `c` (a scalar value, <= U+10FFFF).
inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Decodes one code point starting at s[i] of a string already known to be
// well-formed; advances i. Should that not hold, it still never reads past
// the end: a sequence cut short there is U+FFFD and ends the string.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
        ++i;
        return b;
    }
    const std::size_t length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (length > s.size() - i) {
        i = s.size();
        return 0xFFFD;
    }
    const auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3Fu; };
    char32_t c;
    if (length == 2) c = ((b & 0x1Fu) << 6) | at(1);
    else if (length == 3) c = ((b & 0x0Fu) << 12) | (at(1) << 6) | at(2);
    else c = ((b & 0x07u) << 18) | (at(1) << 12) | (at(2) << 6) | at(3);
    i += length;
    return c;
}

}  // namespace toon::core
