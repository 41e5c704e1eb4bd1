// The o200k_base split pattern (see pretokenizer.hpp). Its two letter
// alternatives are
//   A: P? U* W+ C?    B: P? U+ W* C?
// with P = [^\r\n\p{L}\p{N}], U = [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}],
// W = [\p{Ll}\p{Lm}\p{Lo}\p{M}] and C the optional contraction. They are
// matched with the regex's backtracking order: A with P, A without P, B with
// P, B without P; greedy U* in A gives back characters until W+ can start.
#include "pretokenizer.hpp"

namespace toon::core {

using namespace pretok;

namespace {

bool is_u(CharClass k) { return k == CharClass::Upper || k == CharClass::OtherLetter || k == CharClass::Mark; }
bool is_w(CharClass k) { return k == CharClass::Lower || k == CharClass::OtherLetter || k == CharClass::Mark; }

std::size_t w_run(const unsigned char* s, std::size_t n, std::size_t j) { return class_run(s, n, j, is_w); }

// Alternative A from `start`: end of the match, or 0 when it fails.
std::size_t alt_a(const unsigned char* s, std::size_t n, std::size_t start) {
    std::size_t j = start, last_w = n;
    Char c{};
    bool more = false;
    while (j < n) {
        c = decode(s, n, j);
        more = true;
        if (!is_u(c.cls)) break;
        if (is_w(c.cls)) last_w = j;
        j += c.len;
        more = false;
    }
    std::size_t k;
    if (more && is_w(c.cls)) k = j;    // W+ starts right after the U* run
    else if (last_w != n) k = last_w;  // U* gives back up to its last W
    else return 0;
    std::size_t e = w_run(s, n, k);
    return e + contraction(s, n, e);
}

// Alternative B from `start`: end of the match, or 0 when it fails.
std::size_t alt_b(const unsigned char* s, std::size_t n, std::size_t start) {
    std::size_t j = start;
    while (j < n) {
        Char c = decode(s, n, j);
        if (!is_u(c.cls)) break;
        j += c.len;
    }
    if (j == start) return 0;
    std::size_t e = w_run(s, n, j);
    return e + contraction(s, n, e);
}

}  // namespace

std::size_t next_piece_o200k(const unsigned char* s, std::size_t n, std::size_t i) {
    Char c0 = decode(s, n, i);
    std::size_t i1 = i + c0.len;
    bool p0 = c0.cp != '\r' && c0.cp != '\n' && !is_letter(c0.cls) && c0.cls != CharClass::Number;

    if (p0 || is_u(c0.cls) || is_w(c0.cls)) {
        std::size_t e;
        if (p0 && i1 < n && (e = alt_a(s, n, i1))) return e;
        if ((e = alt_a(s, n, i))) return e;
        if (p0 && i1 < n && (e = alt_b(s, n, i1))) return e;
        if ((e = alt_b(s, n, i))) return e;
    }
    // \p{N}{1,3}
    if (c0.cls == CharClass::Number) return number_run(s, n, i1);
    //  ?[^\s\p{L}\p{N}]+[\r\n/]*
    bool symbol = is_symbol(c0.cls);
    if (symbol || (c0.cp == ' ' && i1 < n && is_symbol(decode(s, n, i1).cls))) {
        std::size_t j = i1;
        while (j < n) {
            Char c = decode(s, n, j);
            if (!is_symbol(c.cls)) break;
            j += c.len;
        }
        while (j < n && (s[j] == '\r' || s[j] == '\n' || s[j] == '/')) ++j;
        return j;
    }
    // \s*[\r\n]+|\s+(?!\S)|\s+
    return whitespace_piece(s, n, i);
}

}  // namespace toon::core
