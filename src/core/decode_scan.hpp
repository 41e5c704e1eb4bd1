// Private helpers of the decoder: quote-aware scanning of one line's content
// (SPEC §7.1, Appendix B.3). Only decode.cpp includes this.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "escape.hpp"
#include "interrupt.hpp"

namespace toon::core::scan {

constexpr std::size_t npos = std::string_view::npos;

// Lines can be hundreds of megabytes long: scanning loops poll for cancel
// once per mebibyte.
inline void poll_every_mib(std::size_t i) {
    if ((i & 0xFFFFF) == 0xFFFFF) poll();
}

// The first '\n' in [p, end), or end. Lines are short: sixteen bytes per step
// inline (SSE2) before handing a long line to memchr.
inline const char* find_newline(const char* p, const char* end) {
#ifdef __SSE2__
    const __m128i nl = _mm_set1_epi8('\n');
    for (int k = 0; k < 4 && end - p >= 16; ++k, p += 16) {
        const unsigned mask = static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), nl)));
        if (mask) return p + __builtin_ctz(mask);
    }
#endif
    const void* q = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    return q ? static_cast<const char*>(q) : end;
}

// s.substr(pos, n) without the bounds check and its exception path (which keep
// substr() out of line): callers pass a position inside s (pos <= s.size()).
__attribute__((always_inline)) inline std::string_view slice(std::string_view s, std::size_t pos,
                                                             std::size_t n = std::string_view::npos) {
    const std::size_t left = s.size() - pos;
    return std::string_view(s.data() + pos, n < left ? n : left);
}

// Appends s[b, e) without surrounding U+0020 to out, constructed in place from
// pointer and length (pushing a returned string_view goes through memory and
// stalls store forwarding on this hot path).
inline void push_trimmed(std::vector<std::string_view>& out, const char* s, std::size_t b, std::size_t e) {
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    out.emplace_back(s + b, e - b);
}

// Removes surrounding U+0020 only (SPEC §12: no other whitespace is trimmed).
__attribute__((always_inline)) inline std::string_view trim_spaces(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && s[b] == ' ') ++b;
    while (e > b && s[e - 1] == ' ') --e;
    return std::string_view(s.data() + b, e - b);
}

// Calls visit(i, c) for each character of s from `start` on that is outside
// double quotes (a backslash inside quotes escapes the next character), the
// quote characters themselves excluded. Stops and returns i as soon as visit
// returns true; npos when it never does. Polls for cancel once per MiB.
template <typename Visit>
inline std::size_t scan_unquoted(std::string_view s, std::size_t start, Visit&& visit) {
    bool in_quotes = false;
    for (std::size_t i = start, n = s.size(); i < n; ++i) {
        const char c = s[i];
        poll_every_mib(i);
        if (in_quotes) {
            if (c == '\\' && i + 1 < n) ++i;
            else if (c == '"') in_quotes = false;
        } else if (c == '"') {
            in_quotes = true;
        } else if (visit(i, c)) {
            return i;
        }
    }
    return npos;
}

// Index of the quote closing the string opened at s[start], or npos. Inside
// quotes a backslash escapes the next character.
inline std::size_t find_closing_quote(std::string_view s, std::size_t start) {
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t i = start + 1;
    while (i < n) {
        // Jump to the next quote (at most 1 MiB per step, polling for cancel
        // between steps); the run of backslashes before it says whether it is escaped.
        const std::size_t chunk = n - i < (1u << 20) ? n - i : (1u << 20);
        const void* q = std::memchr(p + i, '"', chunk);
        if (!q) {
            i += chunk;
            if (i < n) poll();
            continue;
        }
        const std::size_t at = static_cast<std::size_t>(static_cast<const char*>(q) - p);
        if ((at >> 20) != (i >> 20)) poll();  // once per MiB crossed
        std::size_t backslashes = 0;
        while (at - backslashes > start + 1 && p[at - backslashes - 1] == '\\') ++backslashes;
        if ((backslashes & 1) == 0) return at;
        i = at + 1;
    }
    return npos;
}

// Index of the first `ch` outside double quotes at or after `start`. Inside
// quotes a backslash escapes the next character. `ch` is never '"'. Polls for
// cancel once per MiB.
inline std::size_t find_unquoted(std::string_view s, char ch, std::size_t start = 0) {
    const char* p = s.data();
    const std::size_t n = s.size();
    for (std::size_t i = start; i < n; ++i) {
        const char c = p[i];
        if (c == ch) return i;
        if (c == '"') {
            const std::size_t close = find_closing_quote(s, i);
            if (close == npos) return npos;
            if ((close >> 20) != (i >> 20)) poll();
            i = close;
        }
        poll_every_mib(i);
    }
    return npos;
}

// find_unquoted(s, ':') that also reports whether a '[' (quoted or not) comes
// before that colon: the one scan of a key-value line that decides between a
// key and an array header. Returned by value: the callers are on the
// decoder's recursion path, where an addressable local costs stack per level.
struct KeyColon {
    std::size_t colon;  // npos: none
    bool bracket;       // a '[' before it (or anywhere, when there is no colon)
};
inline KeyColon find_key_colon(std::string_view s) {
    const char* p = s.data();
    const std::size_t n = s.size();
    bool bracket = false;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == ':') return {i, bracket};
        if (c == '[') bracket = true;
        if (c == '"') {
            const std::size_t close = find_closing_quote(s, i);
            if (close == npos) break;
            if (!bracket && std::memchr(p + i, '[', close - i)) bracket = true;
            if ((close >> 20) != (i >> 20)) poll();
            i = close;
        }
        poll_every_mib(i);
    }
    return {npos, bracket};
}

// Index of the '}' matching the '{' at s[start], ignoring braces in quotes; npos if unmatched.
inline std::size_t find_matching_brace(std::string_view s, std::size_t start) {
    std::size_t depth = 0;
    return scan_unquoted(s, start, [&depth](std::size_t, char c) {
        if (c == '{') ++depth;
        return c == '}' && --depth == 0;
    });
}

// Tabular row vs key-value line at row depth (SPEC §9.3 disambiguation): a
// row unless an unquoted colon comes before the first unquoted delimiter.
inline bool is_data_row(std::string_view s, char delimiter) {
    const std::size_t at = scan_unquoted(s, 0, [delimiter](std::size_t, char c) { return c == delimiter || c == ':'; });
    return at == npos || s[at] == delimiter;
}

// Calls token(t) for each token of `s` split on unquoted `delimiter`, with
// the spaces around it trimmed (SPEC §11.2), and returns how many there were.
// An empty input has no tokens. Nothing is stored: a line of millions of
// values costs no working memory (docs/hardening.md, "Working memory").
template <typename Token>
inline std::size_t for_each_delimited(std::string_view s, char delimiter, Token&& token) {
    if (s.empty()) return 0;
    std::size_t count = 0;
    std::size_t token_start = 0;
    scan_unquoted(s, 0, [&](std::size_t i, char c) {
        if (c == delimiter) {
            token(trim_spaces(slice(s, token_start, i - token_start)));
            ++count;
            token_start = i + 1;
        }
        return false;
    });
    token(trim_spaces(slice(s, token_start)));
    return count + 1;
}

// The first `max_cells` tokens of for_each_delimited() in `out`; returns how
// many tokens there are in all (so a row with too many cells costs no more
// memory than a row with the right number).
inline std::size_t split_delimited(std::string_view s, char delimiter, std::vector<std::string_view>& out,
                                   std::size_t max_cells) {
    out.clear();
    return for_each_delimited(s, delimiter, [&](std::string_view t) {
        if (out.size() < max_cells) out.push_back(t);
    });
}

// Index of the first byte at or after `i` (and before `end`) that is '"',
// '\\', ':' or `delimiter` (the bytes split_row() acts on); `end` if none.
// Sixteen bytes per step where SSE2 is available (every x86-64 CPU).
inline std::size_t next_row_special(const char* p, std::size_t i, std::size_t end, char delimiter) {
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'), colon = _mm_set1_epi8(':'),
                  delim = _mm_set1_epi8(delimiter);
    for (; i + 16 <= end; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                         _mm_or_si128(_mm_cmpeq_epi8(v, colon), _mm_cmpeq_epi8(v, delim)));
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
        if (mask) return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < end; ++i) {
        const char c = p[i];
        if (c == '"' || c == '\\' || c == ':' || c == delimiter) return i;
    }
    return end;
}

// A tabular row split into cells in one pass: false (and `out` unspecified)
// when the line is a key-value line instead (is_data_row()). Keeps the first
// `max_cells` cells in `out` and counts all of them in `cells` (a row with
// too many costs no more memory than the header's field list). Polls for
// cancel once per MiB.
inline bool split_row(std::string_view s, char delimiter, std::vector<std::string_view>& out, std::size_t max_cells,
                      std::size_t& cells) {
    out.clear();
    cells = 0;
    const auto push = [&](std::size_t b, std::size_t e) {
        if (cells++ < max_cells) push_trimmed(out, s.data(), b, e);
    };
    const char* p = s.data();
    const std::size_t n = s.size();
    std::size_t token_start = 0;
    bool in_quotes = false;
    std::size_t i = 0;
    std::size_t chunk_end = n - i > (1u << 20) ? (1u << 20) : n;
    for (;;) {
        i = next_row_special(p, i, chunk_end, delimiter);
        if (i >= chunk_end) {
            if (chunk_end == n) break;
            poll();
            chunk_end = n - i > (1u << 20) ? i + (1u << 20) : n;
            continue;
        }
        const char c = p[i];
        if (in_quotes) {
            if (c == '\\' && i + 1 < n) ++i;
            else if (c == '"') in_quotes = false;
        } else if (c == '"') {
            in_quotes = true;
        } else if (c == delimiter) {
            push(token_start, i);
            token_start = i + 1;
        } else if (c == ':' && cells == 0) {
            return false;
        }
        ++i;
        if (i > chunk_end) chunk_end = i;  // an escape pair straddled the chunk end
    }
    if (n) push(token_start, s.size());
    return true;
}

// Text of `s` for an error message: at most 40 characters, control characters escaped.
inline std::string excerpt(std::string_view s) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++chars > 40) {
            out += "...";
            break;
        }
        if (c == '\t') out += "\\t";
        else if (c < 0x20) append_control_escape(out, c);
        else out += static_cast<char>(c);
    }
    return out;
}

}  // namespace toon::core::scan
