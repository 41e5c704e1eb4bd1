#include "display_width.hpp"

#include <unicode/uchar.h>

#include "utf8.hpp"

namespace toon::core {

int code_point_width(char32_t c) {
    if (c < 0x7F) return c >= 0x20 ? 1 : 0;
    if (c < 0xA0) return 0;  // DEL and C1 controls
    const UChar32 u = static_cast<UChar32>(c);
    const auto category = static_cast<UCharCategory>(u_charType(u));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR) return 0;
    // Hangul jungseong/jongseong combine with the preceding choseong.
    if ((c >= 0x1160 && c <= 0x11FF) || (c >= 0xD7B0 && c <= 0xD7FF)) return 0;
    const int eaw = u_getIntPropertyValue(u, UCHAR_EAST_ASIAN_WIDTH);
    if (eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH) return 2;
    if (u_hasBinaryProperty(u, UCHAR_EMOJI_PRESENTATION)) return 2;
    return 1;
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            width += (b >= 0x20 && b < 0x7F) ? 1 : 0;
            ++i;
            continue;
        }
        const char32_t c = next_code_point(s, i);
        // An emoji-capable character followed by VS16 (U+FE0F) is shown as a
        // wide emoji (e.g. U+2764 U+FE0F).
        int w = code_point_width(c);
        if (w == 1 && i + 3 <= n && static_cast<unsigned char>(s[i]) == 0xEF &&
            static_cast<unsigned char>(s[i + 1]) == 0xB8 && static_cast<unsigned char>(s[i + 2]) == 0x8F &&
            u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EMOJI))
            w = 2;
        width += static_cast<std::size_t>(w);
    }
    return width;
}

}  // namespace toon::core
