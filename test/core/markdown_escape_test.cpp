#include <gtest/gtest.h>

#include <string>

#include "markdown_escape.hpp"

using namespace toon::core::md;

namespace {
std::string esc(std::string_view s, Ctx ctx = Ctx::Inline) {
    std::string out;
    append_text(out, s, ctx);
    return out;
}
}  // namespace

TEST(MarkdownEscape, PunctuationIsBackslashEscaped) {
    EXPECT_EQ(esc("a*b_c`d[e]f<g>h|i~j&k\\l"), "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\|i\\~j\\&k\\\\l");
    EXPECT_EQ(esc("plain text 1.5"), "plain text 1.5");
}

TEST(MarkdownEscape, ControlsAndEdgeSpacesBecomeReferences) {
    EXPECT_EQ(esc("a\nb"), "a<br>b");
    EXPECT_EQ(esc("a\x01"
                  "b\x7f"),
              "a&#1;b&#127;");
    EXPECT_EQ(esc(" x\t"), "&#32;x&#9;");
}

TEST(MarkdownEscape, AutolinksAreBroken) {
    EXPECT_EQ(esc("www.example.com"), "www\\.example.com");
    EXPECT_EQ(esc("https://x"), "https\\://x");
    EXPECT_EQ(esc("a.b: c"), "a.b: c");
}

TEST(MarkdownEscape, BlockMarkersDependOnContext) {
    EXPECT_EQ(esc("# h", Ctx::LineStart), "\\# h");
    EXPECT_EQ(esc("- x", Ctx::LineStart), "\\- x");
    EXPECT_EQ(esc("1. x", Ctx::LineStart), "1\\. x");
    EXPECT_EQ(esc("1.5", Ctx::LineStart), "1.5");
    EXPECT_EQ(esc("# h", Ctx::Inline), "# h");
    EXPECT_EQ(esc("a #b", Ctx::Heading), "a \\#b");
    EXPECT_EQ(esc("-x", Ctx::Header), "\\-x");
    EXPECT_EQ(esc("-x", Ctx::Cell), "-x");
    EXPECT_EQ(esc("\xEF\xBB\xBFx", Ctx::LineStart), "&#65279;x");
}

TEST(MarkdownEscape, ReportsNonAscii) {
    std::string out;
    EXPECT_FALSE(append_text(out, "abc", Ctx::Inline));
    EXPECT_TRUE(append_text(out, "é", Ctx::Inline));
    EXPECT_FALSE(append_text(out, "", Ctx::Inline));
}
