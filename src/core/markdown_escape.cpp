// Markdown escaping: see markdown_escape.hpp.
#include "markdown_escape.hpp"

#include <initializer_list>

#include "interrupt.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#include <tmmintrin.h>
#endif

namespace toon::core::md {

namespace {

// Byte classes for escaping: 0 copy, 1 backslash-escape, 2 control
// character, 3 look at the neighbours ('.' and ':' start GFM autolinks).
// `heading` is the same with '#' escaped (a trailing run would be eaten).
struct EscapeTable {
    std::uint8_t cls[256] = {};
    std::uint8_t heading[256] = {};
    constexpr EscapeTable() {
        for (int c = 0; c < 0x20; ++c) cls[c] = 2;
        cls[0x7F] = 2;
        for (unsigned char c : std::string_view("\\`*_[]<>|~&")) cls[c] = 1;
        cls[static_cast<unsigned char>('.')] = 3;
        cls[static_cast<unsigned char>(':')] = 3;
        for (int c = 0; c < 256; ++c) heading[c] = cls[c];
        heading[static_cast<unsigned char>('#')] = 1;
    }
};

// GitHub's autolink extension shows backslash escapes inside a link
// literally; an escaped '.' or ':' (starts_autolink()) keeps such text from
// becoming a link at all.
constexpr EscapeTable kEscape;

constexpr PlainCellClasses plain_cell_classes() {
    PlainCellClasses t{};
    for (int c = 0; c < 256; ++c) {
        const std::uint8_t e = kEscape.cls[c];
        t.cls[c] = c >= 0x80 || e == 1 || e == 2 ? 2 : e == 3 ? 1 : 0;
    }
    return t;
}

template <typename Out>
void append_char_ref(Out& out, unsigned char c) {
    out += "&#";
    if (c >= 100) out += static_cast<char>('0' + c / 100);
    if (c >= 10) out += static_cast<char>('0' + c / 10 % 10);
    out += static_cast<char>('0' + c % 10);
    out += ';';
}

// append_text polls for cancel once per this many bytes (plus one).
constexpr std::size_t kPollBytes = (std::size_t{1} << 20) - 1;

}  // namespace

constexpr PlainCellClasses kPlainCell = plain_cell_classes();

#if defined(__SSE2__)
namespace {

// Whether the 16 bytes at p + at, whose bytes `look` marks as needing a
// look, can be skipped: none marked, and no '.' that could end "www." (a
// '.' does only right after a 'w', in the block or just before it).
inline bool plain_block(__m128i v, __m128i look, const unsigned char* p, std::size_t at) {
    if (_mm_movemask_epi8(look) != 0) return false;
    return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.'))) == 0 ||
           (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('w'))) == 0 && (at == 0 || p[at - 1] != 'w'));
}

// The blocks of p[0, n) (n >= 16) from the start while plain_block(); when
// they all are, the last 16 bytes (overlapping) stand for the rest.
// (Always inlined, so that an SSSE3 caller's `look` is inlined too.)
template <typename Look>
__attribute__((always_inline)) inline std::size_t plain_blocks(const unsigned char* p, std::size_t n, Look&& look) {
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        if (!plain_block(v, look(v), p, i)) return i;
    }
    if (i == n) return n;
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
    return plain_block(v, look(v), p, n - 16) ? n : i;
}

// SSE2: controls and non-ASCII (below 0x20 as signed bytes), DEL, the
// backslash-escaped characters and ':' (kPlainCell classes 2 and 1, '.'
// aside), one comparison each.
std::size_t plain_prefix_sse2(const unsigned char* p, std::size_t n) {
    return plain_blocks(p, n, [](__m128i v) {
        __m128i look = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        for (const char c : {'\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', ':'})
            look = _mm_or_si128(look, _mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
        return look;
    });
}

// SSSE3: the same set as two 16-entry tables, one per nibble, whose AND is
// non-zero exactly for those bytes (checked at compile time below).
struct NibbleTables {
    std::uint8_t lo[16];
    std::uint8_t hi[16];
};
constexpr NibbleTables nibble_tables() {
    // One bit per group of the set: A controls and non-ASCII, B "|~" and DEL,
    // C "&*", D ":<>", E "[\\]_", F "`".
    constexpr std::uint8_t A = 1, B = 2, C = 4, D = 8, E = 16, F = 32;
    NibbleTables t{};
    for (int h = 0; h < 16; ++h)
        t.hi[h] = h < 2 || h >= 8 ? A : h == 2 ? C : h == 3 ? D : h == 5 ? E : h == 6 ? F : h == 7 ? B : 0;
    for (int l = 0; l < 16; ++l)
        t.lo[l] =
            static_cast<std::uint8_t>(A | (l == 0xC || l == 0xE || l == 0xF ? B : 0) | (l == 0x6 || l == 0xA ? C : 0) |
                                      (l == 0xA || l == 0xC || l == 0xE ? D : 0) |
                                      (l == 0xB || l == 0xC || l == 0xD || l == 0xF ? E : 0) | (l == 0 ? F : 0));
    return t;
}
constexpr NibbleTables kNibbles = nibble_tables();
constexpr bool nibbles_match_classes() {
    for (int b = 0; b < 256; ++b) {
        const bool look = (kNibbles.hi[b >> 4] & kNibbles.lo[b & 15]) != 0;
        if (look != (kPlainCell.cls[b] == 2 || b == ':')) return false;
    }
    return true;
}
static_assert(nibbles_match_classes(), "the nibble tables must mark exactly the bytes the plain-cell classes look at");

__attribute__((target("ssse3"))) std::size_t plain_prefix_ssse3(const unsigned char* p, std::size_t n) {
    const __m128i lo = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kNibbles.lo));
    const __m128i hi = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kNibbles.hi));
    const __m128i nibble = _mm_set1_epi8(0x0F);
    return plain_blocks(
        p, n, [&](__m128i v) __attribute__((target("ssse3"))) {
            const __m128i l = _mm_shuffle_epi8(lo, _mm_and_si128(v, nibble));
            const __m128i h = _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
            return _mm_xor_si128(_mm_cmpeq_epi8(_mm_and_si128(l, h), _mm_setzero_si128()), _mm_set1_epi8(-1));
        });
}

bool has_ssse3() {
    static const bool ssse3 = __builtin_cpu_supports("ssse3");
    return ssse3;
}

}  // namespace

std::size_t plain_cell_prefix(const unsigned char* p, std::size_t n) {
    return has_ssse3() ? plain_prefix_ssse3(p, n) : plain_prefix_sse2(p, n);
}
std::size_t plain_cell_prefix_sse2(const unsigned char* p, std::size_t n) {
    return n >= 16 ? plain_prefix_sse2(p, n) : 0;
}
std::size_t plain_cell_prefix_ssse3(const unsigned char* p, std::size_t n) {
    return n >= 16 && has_ssse3() ? plain_prefix_ssse3(p, n) : 0;
}
#else
std::size_t plain_cell_prefix(const unsigned char*, std::size_t) { return 0; }
std::size_t plain_cell_prefix_sse2(const unsigned char*, std::size_t) { return 0; }
std::size_t plain_cell_prefix_ssse3(const unsigned char*, std::size_t) { return 0; }
#endif

bool plain_long_cell_bytes(std::string_view s) {
    const std::size_t n = s.size();
    for (std::size_t chunk = 0; chunk < n; chunk += kPollBytes + 1) {
        if (chunk) poll();  // long strings: stay cancelable
        if (!plain_cell_bytes(s, chunk, n - chunk > kPollBytes ? chunk + kPollBytes + 1 : n)) return false;
    }
    return true;
}

template <typename Out>
bool append_text_to(Out& out, std::string_view s, Ctx ctx) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    if (end == 0) return false;
    if (is_edge_space(s[0])) {
        append_char_ref(out, static_cast<unsigned char>(s[0]));
        begin = 1;
    } else if (ctx == Ctx::Header && (s[0] == '-' || s[0] == ':')) {
        out += '\\';
        out += s[0];
        begin = 1;
    } else if (ctx == Ctx::LineStart) {
        const char c = s[0];
        if (end >= 3 && c == '\xEF' && s[1] == '\xBB' && s[2] == '\xBF') {
            out += "&#65279;";  // U+FEFF first in a document is dropped as a byte order mark
            begin = 3;
        } else if (c == '#' || c == '-' || c == '+' || c == '=') {
            out += '\\';
            out += c;
            begin = 1;
        } else if (c >= '0' && c <= '9') {
            // "1. x" / "1)" would start an ordered list ("1.5" would not).
            std::size_t j = 1;
            while (j < end && s[j] >= '0' && s[j] <= '9') ++j;
            if (j < end && (s[j] == '.' || s[j] == ')') && (j + 1 == end || is_edge_space(s[j + 1]))) {
                out.append(s.data(), j);
                out += '\\';
                out += s[j];
                begin = j + 1;
            }
        }
    }
    char trailing = 0;
    if (end > begin && is_edge_space(s[end - 1])) trailing = s[--end];
    std::size_t run = begin;
    unsigned char high = 0;
    const std::uint8_t* const table = ctx == Ctx::Heading ? kEscape.heading : kEscape.cls;
    for (std::size_t i = begin; i < end; ++i) {
        if ((i & kPollBytes) == kPollBytes) poll();  // long strings: stay cancelable
        const auto c = static_cast<unsigned char>(s[i]);
        high |= c;
        std::uint8_t cls = table[c];
        if (cls == 0) continue;
        if (cls == 3) {
            if (!starts_autolink(s, i)) continue;
            cls = 1;
        }
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (cls == 1) {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "<br>";
        } else {
            append_char_ref(out, c);
        }
    }
    out.append(s.data() + run, end - run);
    if (trailing) append_char_ref(out, static_cast<unsigned char>(trailing));
    return (high & 0x80) != 0;
}

bool append_text(std::string& out, std::string_view s, Ctx ctx) { return append_text_to(out, s, ctx); }

bool append_text(LineWriter& out, std::string_view s, Ctx ctx) { return append_text_to(out, s, ctx); }

}  // namespace toon::core::md
