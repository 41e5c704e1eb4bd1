#include <gtest/gtest.h>

#include <string>

#include "escape.hpp"
#include "utf8.hpp"
#include "json.hpp"

using namespace toon::core;

namespace {
std::string escaped(unsigned char c, EscapeStyle style) {
    std::string out;
    append_escape(out, c, style);
    return out;
}
}  // namespace

TEST(Escape, ShortFormsCommonToJsonAndToon) {
    for (EscapeStyle style : {EscapeStyle::Json, EscapeStyle::Toon}) {
        EXPECT_EQ(escaped('"', style), "\\\"");
        EXPECT_EQ(escaped('\\', style), "\\\\");
        EXPECT_EQ(escaped('\n', style), "\\n");
        EXPECT_EQ(escaped('\r', style), "\\r");
        EXPECT_EQ(escaped('\t', style), "\\t");
    }
}

TEST(Escape, BackspaceAndFormFeedAreShortOnlyInJson) {
    EXPECT_EQ(escaped('\b', EscapeStyle::Json), "\\b");
    EXPECT_EQ(escaped('\f', EscapeStyle::Json), "\\f");
    EXPECT_EQ(escaped('\b', EscapeStyle::Toon), "\\u0008");
    EXPECT_EQ(escaped('\f', EscapeStyle::Toon), "\\u000c");
}

TEST(Escape, OtherControlsAreLowercaseU00XX) {
    EXPECT_EQ(escaped(0x00, EscapeStyle::Json), "\\u0000");
    EXPECT_EQ(escaped(0x1f, EscapeStyle::Toon), "\\u001f");
    EXPECT_EQ(escaped(0x1b, EscapeStyle::Json), "\\u001b");
    std::string hex;
    append_hex_byte(hex, 0xAB);
    EXPECT_EQ(hex, "ab");
}

// Every control byte round-trips through the JSON writer's use of the helper.
TEST(Escape, JsonWriterUsesTheHelper) {
    for (int c = 0; c < 0x20; ++c) {
        std::string out;
        write_json_string(std::string(1, static_cast<char>(c)), out);
        EXPECT_EQ(out, "\"" + escaped(static_cast<unsigned char>(c), EscapeStyle::Json) + "\"") << c;
    }
}

TEST(Escape, HexDigitValues) {
    for (int c = 0; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        const std::string hex = "0123456789abcdef", upper = "0123456789ABCDEF";
        int want = -1;
        if (hex.find(ch) != std::string::npos && c != 0) want = static_cast<int>(hex.find(ch));
        if (upper.find(ch) != std::string::npos && c != 0) want = static_cast<int>(upper.find(ch));
        EXPECT_EQ(hex_digit_value(ch), want) << c;
    }
}

// append_utf8 is what \uXXXX escapes become: every scalar value round-trips
// through next_code_point, with the UTF-8 length at each boundary.
TEST(Escape, Utf8OfEveryScalarValue) {
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string s;
        append_utf8(s, c);
        ASSERT_EQ(s.size(), c < 0x80 ? 1u : c < 0x800 ? 2u : c < 0x10000 ? 3u : 4u) << c;
        ASSERT_EQ(find_invalid_utf8(s), std::string::npos) << c;
        std::size_t i = 0;
        ASSERT_EQ(next_code_point(s, i), c);
        ASSERT_EQ(i, s.size());
    }
}
