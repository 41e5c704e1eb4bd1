// The Markdown renderer's escaping rules: how a string is written so that a
// GitHub Flavored Markdown renderer shows exactly that string (markdown.cpp
// decides where text goes; this unit decides how it is written there).
#pragma once

#include <cstdint>
#include <cstring>
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

// memcpy, with the short lengths of most cells and words copied inline (two
// overlapping moves) rather than through a call; n may be 0 with no address.
inline void copy_bytes(char* to, const char* from, std::size_t n) {
    if (n >= 8 && n <= 16) {
        std::memcpy(to, from, 8);
        std::memcpy(to + n - 8, from + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        std::memcpy(to, from, 4);
        std::memcpy(to + n - 4, from + n - 4, 4);
    } else if (n > 16) {
        std::memcpy(to, from, n);
    } else {
        for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
    }
}

// A line written through a pointer into a buffer with room for it (no
// capacity checks; the calls of std::string that append_text() and the
// renderer use): the renderer's short "- key: value" lines, copied to the
// output in one append. append_text() writes at most kMaxEscapedBytes per
// byte of text, plus kMaxEscapedExtra.
struct LineWriter {
    char* p;
    void append(const char* s, std::size_t n) {
        copy_bytes(p, s, n);
        p += n;
    }
    LineWriter& operator+=(char c) {
        *p++ = c;
        return *this;
    }
    char back() const { return p[-1]; }
    void pop_back() { --p; }
    template <std::size_t N>
    LineWriter& operator+=(const char (&s)[N]) {
        append(s, N - 1);
        return *this;
    }
};
inline constexpr std::size_t kMaxEscapedBytes = 6;  // a control character as "&#127;"
inline constexpr std::size_t kMaxEscapedExtra = 8;  // a leading byte order mark as "&#65279;"
bool append_text(LineWriter& out, std::string_view s, Ctx ctx);

// is_plain_cell()'s byte classes: 0 plain ASCII, 1 '.' or ':' (plain unless
// it starts a GFM autolink), 2 never plain (escaped, a control, non-ASCII).
struct PlainCellClasses {
    std::uint8_t cls[256];
};
extern const PlainCellClasses kPlainCell;

// GitHub's autolink extension matches "www." and "scheme://" in the raw
// Markdown; `s[i]` is a '.' or a ':'.
inline bool starts_autolink(std::string_view s, std::size_t i) {
    if (s[i] == '.') return i >= 3 && s[i - 3] == 'w' && s[i - 2] == 'w' && s[i - 1] == 'w';
    return i + 2 < s.size() && s[i + 1] == '/' && s[i + 2] == '/';
}

// True when s[i, end) holds no byte that is_plain_cell() rejects: one table
// lookup a byte, and a look back for "www." at a '.'. (Always inlined: as a
// call, the Markdown render of a table is about 5% slower.)
__attribute__((always_inline)) inline bool plain_cell_bytes(std::string_view s, std::size_t i, std::size_t end) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (; i < end; ++i) {
        const std::uint8_t k = kPlainCell.cls[p[i]];
        if (k != 0 && (k == 2 || starts_autolink(s, i))) return false;
    }
    return true;
}

// plain_cell_bytes() over all of a long `s`, polling for cancel between
// 1 MB chunks.
bool plain_long_cell_bytes(std::string_view s);

// How many leading bytes of p[0, n) is_plain_cell() may skip, found 16 bytes
// at a time (SSSE3 or SSE2 on x86, nothing elsewhere): whole blocks with no
// byte to escape and no '.' that could end "www."; the byte-wise loop looks
// at the rest.
std::size_t plain_cell_prefix(const unsigned char* p, std::size_t n);
// Its two x86 forms, chosen at run time (SSSE3 when the CPU has it), for the
// tests; 0 elsewhere.
std::size_t plain_cell_prefix_sse2(const unsigned char* p, std::size_t n);
std::size_t plain_cell_prefix_ssse3(const unsigned char* p, std::size_t n);

// True when `s` is ASCII and append_text(out, s, Ctx::Cell) would append it
// unchanged (no escaping, no references): a table can show it as it is, and
// its display width is its length. Most table cells are such text: inline,
// one table lookup a byte.
inline bool is_plain_cell(std::string_view s) {
    const std::size_t n = s.size();
    if (n == 0) return true;
    if (is_edge_space(s[0]) || is_edge_space(s[n - 1])) return false;
    if (n > 4096) return plain_long_cell_bytes(s);
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    return plain_cell_bytes(s, n >= 16 ? plain_cell_prefix(p, n) : 0, n);
}

}  // namespace toon::core::md
