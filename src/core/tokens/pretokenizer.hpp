// Pre-tokenizers: split text into the pieces tiktoken's regex would find, so
// that BPE runs on each piece alone. One hand-written matcher per encoding
// (pretokenizer_cl100k.cpp, pretokenizer_o200k.cpp) reproduces the
// leftmost-first, backtracking semantics of the encoding's `pat_str`:
//
// cl100k_base:
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
//   | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
// o200k_base:
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//   |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//   |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
//
// Every alternative matches at least one character and together they cover
// every character, so the matches tile the text: a pre-tokenizer only has to
// return where the piece starting at `i` ends.
#pragma once

#include <cstddef>

#include "char_class.hpp"

namespace toon::core {

// End (exclusive byte offset) of the piece that starts at i < n. The text
// should be well-formed UTF-8; ill-formed bytes are read as single
// characters of class Other (never out of bounds).
std::size_t next_piece_cl100k(const unsigned char* s, std::size_t n, std::size_t i);
std::size_t next_piece_o200k(const unsigned char* s, std::size_t n, std::size_t i);

namespace pretok {

struct Char {
    char32_t cp;
    unsigned len;  // bytes, >= 1
    CharClass cls;
};

// Class table for ASCII; other code points go through char_class().
extern const CharClass kAsciiClass[128];

// Decodes the character at i < n.
inline Char decode(const unsigned char* s, std::size_t n, std::size_t i) {
    unsigned char b = s[i];
    if (b < 0x80) return {b, 1, kAsciiClass[b]};
    char32_t cp;
    unsigned len;
    if (b >= 0xC2 && b < 0xE0) {
        cp = b & 0x1Fu;
        len = 2;
    } else if (b >= 0xE0 && b < 0xF0) {
        cp = b & 0x0Fu;
        len = 3;
    } else if (b >= 0xF0 && b < 0xF5) {
        cp = b & 0x07u;
        len = 4;
    } else return {0xFFFD, 1, CharClass::Other};
    if (i + len > n) return {0xFFFD, 1, CharClass::Other};
    for (unsigned k = 1; k < len; ++k) {
        unsigned char c = s[i + k];
        if ((c & 0xC0) != 0x80) return {0xFFFD, 1, CharClass::Other};
        cp = (cp << 6) | (c & 0x3Fu);
    }
    return {cp, len, char_class(cp)};
}

inline bool is_letter(CharClass k) {
    return k == CharClass::Upper || k == CharClass::Lower || k == CharClass::OtherLetter;
}

// Length in bytes of a contraction (?i:'s|'t|'re|'ve|'m|'ll|'d) at i, or 0.
// Case-insensitive as in Rust's regex: simple case folding, so 's also
// matches U+017F LATIN SMALL LETTER LONG S.
std::size_t contraction(const unsigned char* s, std::size_t n, std::size_t i);

// [^\s\p{L}\p{N}]: Other and Mark.
inline bool is_symbol(CharClass k) { return k == CharClass::Other || k == CharClass::Mark; }

// End of the run of characters from j whose class satisfies `in_run`.
template <typename InRun>
inline std::size_t class_run(const unsigned char* s, std::size_t n, std::size_t j, InRun in_run) {
    while (j < n) {
        const Char c = decode(s, n, j);
        if (!in_run(c.cls)) break;
        j += c.len;
    }
    return j;
}

// End of \p{N}{1,3} whose first number character ends at i1 (both
// encodings' pattern has this alternative).
inline std::size_t number_run(const unsigned char* s, std::size_t n, std::size_t i1) {
    std::size_t j = i1;
    for (int k = 1; k < 3 && j < n; ++k) {
        const Char c = decode(s, n, j);
        if (c.cls != CharClass::Number) break;
        j += c.len;
    }
    return j;
}

// End of the whitespace run at i (s[i] is whitespace), applying
// \s*[\r\n]+ | \s+(?!\S) | \s+ in that order.
std::size_t whitespace_piece(const unsigned char* s, std::size_t n, std::size_t i);

}  // namespace pretok

}  // namespace toon::core
