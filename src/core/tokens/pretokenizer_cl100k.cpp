// The cl100k_base split pattern (see pretokenizer.hpp), alternative by
// alternative in the regex's order.
#include "pretokenizer.hpp"

namespace toon::core {

using namespace pretok;

namespace {

std::size_t letter_run(const unsigned char* s, std::size_t n, std::size_t j) { return class_run(s, n, j, is_letter); }

}  // namespace

std::size_t next_piece_cl100k(const unsigned char* s, std::size_t n, std::size_t i) {
    Char c0 = decode(s, n, i);
    std::size_t i1 = i + c0.len;

    // (?i:'s|'t|'re|'ve|'m|'ll|'d)
    if (c0.cp == '\'') {
        if (std::size_t m = contraction(s, n, i)) return i + m;
    }
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (is_letter(c0.cls)) return letter_run(s, n, i1);
    if (c0.cp != '\r' && c0.cp != '\n' && c0.cls != CharClass::Number && i1 < n) {
        Char c1 = decode(s, n, i1);
        if (is_letter(c1.cls)) return letter_run(s, n, i1 + c1.len);
    }
    // \p{N}{1,3}
    if (c0.cls == CharClass::Number) return number_run(s, n, i1);
    //  ?[^\s\p{L}\p{N}]+[\r\n]*
    if (is_symbol(c0.cls) || (c0.cp == ' ' && i1 < n && is_symbol(decode(s, n, i1).cls))) {
        std::size_t j = i1;
        while (j < n) {
            Char c = decode(s, n, j);
            if (!is_symbol(c.cls)) break;
            j += c.len;
        }
        while (j < n && (s[j] == '\r' || s[j] == '\n')) ++j;
        return j;
    }
    // \s*[\r\n]+|\s+(?!\S)|\s+
    return whitespace_piece(s, n, i);
}

}  // namespace toon::core
