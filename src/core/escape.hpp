// The one spelling of backslash escapes, shared by every writer: JSON output
// (json_writer.cpp), TOON quoted strings (the encoder) and error excerpts.
#pragma once

#include <string>

namespace toon::core {

// Which short escapes a writer may use besides \" \\ \n \r \t.
enum class EscapeStyle {
    Json,  // RFC 8259 also has \b and \f
    Toon,  // SPEC §7.1: only \" \\ \n \r \t; other controls as \u00XX
};

// The value of a hexadecimal digit (either case), or -1; for the readers of
// \uXXXX escapes (the decoder, the JSON reader).
inline int hex_digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Two lowercase hexadecimal digits of a byte.
inline void append_hex_byte(std::string& out, unsigned char c) {
    static constexpr char hex[] = "0123456789abcdef";
    out += hex[c >> 4];
    out += hex[c & 0xF];
}

// `\u00XX` for a control byte (below 0x20): the form JSON and TOON both read.
inline void append_control_escape(std::string& out, unsigned char c) {
    out += "\\u00";
    append_hex_byte(out, c);
}

// The escape of `c`, a quote, a backslash or a control byte.
inline void append_escape(std::string& out, unsigned char c, EscapeStyle style) {
    switch (c) {
        case '"': out += "\\\""; return;
        case '\\': out += "\\\\"; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        case '\b':
            if (style == EscapeStyle::Json) {
                out += "\\b";
                return;
            }
            break;
        case '\f':
            if (style == EscapeStyle::Json) {
                out += "\\f";
                return;
            }
            break;
        default: break;
    }
    append_control_escape(out, c);
}

}  // namespace toon::core
