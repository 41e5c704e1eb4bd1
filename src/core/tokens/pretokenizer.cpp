// Parts shared by both pre-tokenizers: ASCII classes, contractions and the
// three whitespace alternatives common to cl100k_base and o200k_base.
#include "pretokenizer.hpp"

namespace toon::core::pretok {

namespace {
constexpr CharClass O = CharClass::Other, U = CharClass::Upper, L = CharClass::Lower, N = CharClass::Number,
                    S = CharClass::Space;
}

// clang-format off
const CharClass kAsciiClass[128] = {
    O, O, O, O, O, O, O, O, O, S, S, S, S, S, O, O,   // \t \n \v \f \r
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,   // space
    N, N, N, N, N, N, N, N, N, N, O, O, O, O, O, O,
    O, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
    U, U, U, U, U, U, U, U, U, U, U, O, O, O, O, O,
    O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,
};
// clang-format on

std::size_t contraction(const unsigned char* s, std::size_t n, std::size_t i) {
    if (i + 1 >= n || s[i] != '\'') return 0;
    unsigned char c = s[i + 1] | 0x20;  // ASCII lower case (harmless for other bytes here)
    if (c == 's' || c == 't' || c == 'm' || c == 'd') return 2;
    if (s[i + 1] == 0xC5 && i + 2 < n && s[i + 2] == 0xBF) return 3;  // U+017F long s
    if (i + 2 < n) {
        unsigned char d = s[i + 2] | 0x20;
        if ((c == 'r' && d == 'e') || (c == 'v' && d == 'e') || (c == 'l' && d == 'l')) return 3;
    }
    return 0;
}

std::size_t whitespace_piece(const unsigned char* s, std::size_t n, std::size_t i) {
    std::size_t j = i, last_start = i, after_newline = 0;
    while (j < n) {
        Char c = decode(s, n, j);
        if (c.cls != CharClass::Space) break;
        last_start = j;
        j += c.len;
        if (c.cp == '\r' || c.cp == '\n') after_newline = j;
    }
    if (after_newline) return after_newline;  // \s*[\r\n]+ up to the last line break
    if (j == n || last_start == i) return j;  // \s+(?!\S) at the end, or a single \s
    return last_start;                        // \s+(?!\S): leave the last one for the next piece
}

}  // namespace toon::core::pretok
