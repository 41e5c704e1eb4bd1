// The encoder's quoting rules for keys and strings (SPEC §7): which bytes
// force quotes, which keys may stay bare, and the quoted form itself.
#pragma once

#include <string>
#include <string_view>

#include "escape.hpp"

namespace toon::core::detail {

// Per-byte facts used by quoting decisions (SPEC §7).
struct ByteClasses {
    // Bytes that force a string value to be quoted wherever they appear:
    // ':', '"', '\\', brackets, braces, C0 controls (the delimiter is added per document).
    bool value_special[256];
    // Bytes that need an escape inside quotes: '"', '\\', C0 controls.
    bool escape[256];
    // Bytes allowed in an unquoted key after its first byte: [A-Za-z0-9_.].
    bool key_rest[256];
    constexpr ByteClasses() : value_special(), escape(), key_rest() {
        for (int c = 0; c < 0x20; ++c) value_special[c] = escape[c] = true;
        for (char c : {':', '"', '\\', '[', ']', '{', '}'}) value_special[static_cast<unsigned char>(c)] = true;
        escape[static_cast<unsigned char>('"')] = escape[static_cast<unsigned char>('\\')] = true;
        for (int c = 'a'; c <= 'z'; ++c) key_rest[c] = true;
        for (int c = 'A'; c <= 'Z'; ++c) key_rest[c] = true;
        for (int c = '0'; c <= '9'; ++c) key_rest[c] = true;
        key_rest[static_cast<unsigned char>('_')] = key_rest[static_cast<unsigned char>('.')] = true;
    }
};
inline constexpr ByteClasses kBytes{};

// True when `key` may be written without quotes: ^[A-Za-z_][A-Za-z0-9_.]*$ (SPEC §7.3).
inline bool is_bare_key(std::string_view key) {
    if (key.empty()) return false;
    auto c0 = static_cast<unsigned char>(key[0]);
    if (!(c0 == '_' || (c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return false;
    for (std::size_t i = 1; i < key.size(); ++i)
        if (!kBytes.key_rest[static_cast<unsigned char>(key[i])]) return false;
    return true;
}

// Appends `s` in double quotes with the escapes of SPEC §7.1 (reference escapeString).
inline void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const char* run = p;
        while (p < end && !kBytes.escape[static_cast<unsigned char>(*p)]) ++p;
        out.append(run, static_cast<std::size_t>(p - run));
        if (p == end) break;
        auto c = static_cast<unsigned char>(*p++);
        append_escape(out, c, EscapeStyle::Toon);
    }
    out += '"';
}

inline void append_key(std::string& out, std::string_view key) {
    if (is_bare_key(key)) out.append(key.data(), key.size());
    else append_quoted(out, key);
}

}  // namespace toon::core::detail
