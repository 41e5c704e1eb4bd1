// UTF-8 validation (Unicode §3.9, Table 3-7: well-formed byte sequences).
#include "utf8.hpp"

#include <cstring>
#include <string>

#include "error.hpp"
#include "escape.hpp"
#include "interrupt.hpp"

namespace toon::core {

namespace {

// Length of the well-formed sequence starting at p (at most `left` bytes), or 0.
inline std::size_t sequence_length(const unsigned char* p, std::size_t left) {
    const unsigned char b = p[0];
    if (b < 0x80) return 1;
    if (b < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
    if (b < 0xE0) return (left >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
    if (b < 0xF0) {
        if (left < 3 || (p[2] & 0xC0) != 0x80) return 0;
        const unsigned char c = p[1];
        if (b == 0xE0) return (c >= 0xA0 && c <= 0xBF) ? 3 : 0;  // no overlongs
        if (b == 0xED) return (c >= 0x80 && c <= 0x9F) ? 3 : 0;  // no surrogates
        return (c & 0xC0) == 0x80 ? 3 : 0;
    }
    if (b > 0xF4 || left < 4 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    const unsigned char c = p[1];
    if (b == 0xF0) return (c >= 0x90 && c <= 0xBF) ? 4 : 0;  // no overlongs
    if (b == 0xF4) return (c >= 0x80 && c <= 0x8F) ? 4 : 0;  // nothing above U+10FFFF
    return (c & 0xC0) == 0x80 ? 4 : 0;
}

// Bytes that make up the bad sequence, for the message (like PostgreSQL's
// "invalid byte sequence for encoding "UTF8": 0xc3 0x28").
std::string describe_bytes(std::string_view s, std::size_t at) {
    std::string out;
    const auto b = static_cast<unsigned char>(s[at]);
    std::size_t want = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
    for (std::size_t i = 0; i < want && at + i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[at + i]);
        if (i) out += ' ';
        out += "0x";
        append_hex_byte(out, c);
    }
    return out;
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    Poller<64> poller;  // one tick per 64 KB chunk
    while (i < n) {
        // Fast path: 8 ASCII bytes at a time.
        const std::size_t chunk_end = (n - i > 65536) ? i + 65536 : n;
        while (i + 8 <= chunk_end) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        while (i < chunk_end) {
            if (i + 8 <= chunk_end) {
                // Skip the ASCII bytes of the next word at once (text with a
                // few accented letters stays on the fast path between them).
                std::uint64_t w;
                std::memcpy(&w, p + i, 8);
                w &= 0x8080808080808080ULL;
                if (w == 0) {
                    i += 8;
                    continue;
                }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += static_cast<std::size_t>(__builtin_ctzll(w)) >> 3;
#endif
            }
            if (p[i] < 0x80) {
                ++i;
                continue;
            }
            const std::size_t len = sequence_length(p + i, n - i);
            if (len == 0) return i;
            i += len;
        }
        if (i >= chunk_end) poller.tick();
    }
    return std::string_view::npos;
}

void require_utf8(std::string_view s) {
    const std::size_t at = find_invalid_utf8(s);
    if (at == std::string_view::npos) return;
    // 1-based line and column (in characters) of the first bad byte.
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (s[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    int column = 1;
    for (std::size_t i = line_start; i < at;) {
        const auto b = static_cast<unsigned char>(s[i]);
        i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        ++column;
    }
    Error e(ErrorCode::InvalidUtf8, "invalid byte sequence for encoding \"UTF8\": " + describe_bytes(s, at),
            "Line " + std::to_string(line) + ", column " + std::to_string(column) +
                ": ill-formed UTF-8 (TOON text must be well-formed UTF-8).");
    e.at(line, column);
    throw e;
}

void require_utf8_value(std::string_view s) {
    const std::size_t at = find_invalid_utf8(s);
    if (at == std::string_view::npos) return;
    throw Error(ErrorCode::InvalidUtf8, "invalid byte sequence for encoding \"UTF8\": " + describe_bytes(s, at),
                "A text value or name is not well-formed UTF-8: an SQL_ASCII database stores any bytes, but TOON, its "
                "Markdown and token counts take UTF-8 only.");
}

}  // namespace toon::core
