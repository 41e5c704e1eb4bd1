#include <gtest/gtest.h>

#include <string>

#include "escape.hpp"
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
