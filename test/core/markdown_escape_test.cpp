#include <gtest/gtest.h>

#include <string>

#include "markdown.hpp"
#include "markdown_escape.hpp"
#include "value.hpp"
#include "number.hpp"

using namespace toon::core::md;

namespace {
std::string esc(std::string_view s, Ctx ctx = Ctx::Inline) {
    std::string out;
    append_text(out, s, ctx);
    return out;
}

// Seeded text for the property tests: `n` bytes, each a byte of `alphabet`
// once in `one_in` and a lowercase letter otherwise.
std::string mixed_text(std::uint32_t& seed, int n, const std::string& alphabet, unsigned one_in) {
    std::string s;
    for (int j = 0; j < n; ++j) {
        seed = seed * 1103515245u + 12345u;
        s += (seed >> 20) % one_in == 0 ? alphabet[(seed >> 8) % alphabet.size()]
                                        : static_cast<char>('a' + (seed >> 8) % 26);
    }
    return s;
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

// is_plain_cell() is the renderer's shortcut past append_text() for table
// cells: it must answer true exactly when escaping would change nothing and
// the text is ASCII. Checked on every string of up to three bytes over an
// alphabet of each escaping class, and on seeded random strings.
TEST(MarkdownEscape, PlainCellMatchesEscaping) {
    auto agrees = [](const std::string& s) {
        std::string out;
        const bool non_ascii = append_text(out, s, Ctx::Cell);
        const bool plain = out == s && !non_ascii;
        EXPECT_EQ(is_plain_cell(s), plain) << "text: \"" << s << "\"";
        return is_plain_cell(s) == plain;
    };
    const std::string alphabet = std::string("a1 .:/w|*\\\t\n-#&") + '\x7f' + "\xc3\xa9";
    std::size_t checked = 0;
    for (char a : alphabet)
        for (char b : alphabet)
            for (char c : alphabet) {
                for (const std::string& s : {std::string(1, a), std::string{a, b}, std::string{a, b, c}}) {
                    ASSERT_TRUE(agrees(s));
                    ++checked;
                }
            }
    std::uint32_t seed = 12345;
    for (int i = 0; i < 20000; ++i) {
        const int n = static_cast<int>((seed = seed * 1103515245u + 12345u) >> 16) % 12;
        std::string s = mixed_text(seed, n, alphabet, 3);
        for (const char* w : {"www.", "http://", "a:b"})
            if ((seed >> 4) % 7 == 0) s += w;
        ASSERT_TRUE(agrees(s));
        ++checked;
    }
    // Long strings (the 16-byte blocks of plain_cell_prefix()): mostly plain
    // text with a rare byte of another class, anywhere, "www." across a
    // block boundary included.
    for (int i = 0; i < 20000; ++i) {
        const int n = 16 + static_cast<int>((seed = seed * 1103515245u + 12345u) >> 16) % 64;
        std::string s = mixed_text(seed, n, alphabet, 29);
        if ((seed >> 5) % 3 == 0) s.insert((seed >> 9) % s.size(), "www.");
        ASSERT_TRUE(agrees(s));
        ++checked;
    }
    // Cells over 4 KB take the chunked path (cancel polled between 1 MB
    // chunks): plain, and with one byte of another class near the start, in
    // the middle or near the end, and "www." across the first chunk boundary.
    for (const std::size_t n : {std::size_t{4097}, std::size_t{5000}, (std::size_t{1} << 20) + 10}) {
        const std::string plain(n, 'a');
        ASSERT_TRUE(agrees(plain));
        for (const std::size_t at : {std::size_t{1}, n / 2, n - 2})
            for (const char c : {'|', ':', '\x01', '\xc3'}) {
                std::string s = plain;
                s[at] = c;
                ASSERT_TRUE(agrees(s));
                ++checked;
            }
    }
    std::string across((std::size_t{1} << 20) + 10, 'a');
    across.replace((std::size_t{1} << 20) - 2, 4, "www.");
    ASSERT_TRUE(agrees(across));
    EXPECT_TRUE(agrees(""));
    EXPECT_GT(checked, 40000u);
}

// Both x86 forms of plain_cell_prefix() (the CPU picks one at run time)
// skip only bytes that the byte-wise check would pass: a prefix they skip,
// plus the byte-wise check of the rest, answers what is_plain_cell() does.
TEST(MarkdownEscape, PlainCellPrefixFormsAgree) {
    const std::string alphabet = std::string("a1 .:/w|*\\\t\n-#&`_[]<>~") + '\x7f' + '\x01' + "\xc3\xa9";
    auto bytewise = [](std::string_view s, std::size_t from) { return plain_cell_bytes(s, from, s.size()); };
    std::uint32_t seed = 99;
    std::size_t skipped = 0;
    for (int i = 0; i < 30000; ++i) {
        const int n = static_cast<int>((seed = seed * 1103515245u + 12345u) >> 16) % 70;
        const std::string s = mixed_text(seed, n, alphabet, 23);
        if (s.empty() || is_edge_space(s.front()) || is_edge_space(s.back())) continue;
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const bool expected = bytewise(s, 0);
        for (std::size_t from : {plain_cell_prefix_sse2(p, s.size()), plain_cell_prefix_ssse3(p, s.size())}) {
            ASSERT_LE(from, s.size());
            ASSERT_EQ(bytewise(s, from), expected) << "text: \"" << s << "\" skipped " << from;
            skipped += from;
        }
    }
    EXPECT_GT(skipped, 100000u);  // the blocks did skip
    // Text with nothing to look at is skipped whole, tail block included.
    for (std::size_t n = 16; n < 100; ++n) {
        std::string s;
        for (std::size_t j = 0; j < n; ++j) s += "abcdefghijklmnopqrstuvxyz0123456789 ,;=!?@#$%^(){}+-/"[j * 7 % 53];
        s.front() = s.back() = 'a';
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
#if defined(__SSE2__)
        EXPECT_EQ(plain_cell_prefix_sse2(p, n), n) << s;
        if (__builtin_cpu_supports("ssse3")) { EXPECT_EQ(plain_cell_prefix_ssse3(p, n), n) << s; }
#endif
    }
}

// The table writer skips is_plain_cell() for numbers (markdown.cpp
// cell_text()): a canonical number never needs escaping in a cell. Checked
// on the canonical text of integers, decimals and exponents of every sign
// and size, and of seeded random tokens.
TEST(MarkdownEscape, CanonicalNumbersArePlainCells) {
    auto plain = [](const std::string& token) {
        const std::string n = toon::core::canonical_number(token);
        std::string out;
        const bool non_ascii = append_text(out, n, Ctx::Cell);
        EXPECT_TRUE(is_plain_cell(n) && out == n && !non_ascii) << "number: " << n;
        return is_plain_cell(n);
    };
    std::size_t checked = 0;
    for (const char* t :
         {"0", "-0", "1", "-1", "0.5", "-0.5", "1e-7", "-1E+21", "1.5e300", "-2.5e-300",
          "123456789012345678901234567890", "0.000001", "1e21", "9007199254740993", "-1.0", "10.50", "1e0", "5E-1"}) {
        ASSERT_TRUE(plain(t));
        ++checked;
    }
    std::uint32_t seed = 777;
    auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    for (int i = 0; i < 20000; ++i) {
        std::string t = next() % 2 ? "-" : "";
        t += std::to_string(next() % 100000);
        if (next() % 2) t += "." + std::to_string(next() % 1000000);
        if (next() % 3 == 0)
            t += std::string(next() % 2 ? "e" : "E") + (next() % 2 ? "-" : "+") + std::to_string(next() % 400);
        ASSERT_TRUE(plain(t));
        ++checked;
    }
    EXPECT_EQ(checked, 20018u);
}

// A member line "<indent>- key: value" is written in one piece from a stack
// buffer when it is short (markdown.cpp member_line()) and piece by piece
// otherwise. Both must give the line that append_text() defines, whatever the
// escaping: checked on seeded random keys and values (controls, newlines,
// edge spaces, digits before '.', Markdown punctuation, a leading byte order
// mark, non-ASCII) of 0-120 bytes, around the buffer's size, at depths 0-3.
TEST(Markdown, MemberLinesMatchTheEscapingRules) {
    const std::string alphabet = std::string("ab1 .:\\*|#-\t\n") + '\x01' + '\x7f' + "\xc3\xa9";
    std::uint32_t seed = 4242;
    auto next = [&] { return (seed = seed * 1103515245u + 12345u) >> 8; };
    auto text = [&](std::size_t n) {
        std::string s = next() % 9 == 0 ? "\xEF\xBB\xBF" : "";
        for (std::size_t i = 0; i < n; ++i) s += next() % 4 == 0 ? alphabet[next() % alphabet.size()] : 'x';
        return s;
    };
    using toon::core::Value;
    for (int i = 0; i < 4000; ++i) {
        const std::string key = text(next() % 60);
        const std::string value = text(next() % 121);
        // A string, a number, true, null, an inline array (items without
        // ',', newlines or edge spaces), an empty array or object, or an
        // object (then the line is "- key:" and its members follow).
        const int kind = static_cast<int>(next() % 8);
        Value v = kind == 0   ? Value::string(value)
                  : kind == 1 ? Value::number("-12500")
                  : kind == 2 ? Value::from_bool(true)
                  : kind == 3 ? Value::null()
                  : kind == 5 ? Value::array()
                  : kind == 6 ? Value::object()
                              : Value::array();
        std::string inline_items;
        if (kind == 4) {
            const std::size_t n = 1 + next() % 4;
            for (std::size_t j = 0; j < n; ++j) {
                if (j) inline_items += ", ";
                if (j % 2 == 0) {  // numbers and strings in turn
                    v.items.push_back(Value::number("7"));
                    inline_items += "7";
                    continue;
                }
                std::string item = "i" + text(next() % 30) + "i";
                for (char& c : item)
                    if (c == ',' || c == '\n' || c == '\r') c = 'c';
                v.items.push_back(Value::string(item));
                append_text(inline_items, item, Ctx::Inline);
            }
        }
        if (kind == 7) v = Value::object(), v.members.emplace_back("m", Value::number("1"));
        const int depth = static_cast<int>(next() % 4);
        Value doc = Value::object();
        doc.members.emplace_back(key, v);
        doc.members.emplace_back("z", Value::object());  // a second line after it
        for (int d = 0; d < depth; ++d) {
            Value outer = Value::object();
            outer.members.emplace_back("k", doc);
            doc = outer;
        }
        std::string expected(static_cast<std::size_t>(2 * depth), ' ');
        expected += "- ";
        append_text(expected, key, Ctx::LineStart);
        expected += kind == 7 ? ":\n" : ": ";
        if (kind == 0) append_text(expected, value, Ctx::Inline);
        else if (kind == 1) expected += "-12500";
        else if (kind == 2) expected += "true";
        else if (kind == 3) expected += "*null*";
        else if (kind == 4) expected += inline_items;
        else if (kind == 5) expected += "*[]*";
        else if (kind == 6) expected += "*{}*";
        else expected += std::string(static_cast<std::size_t>(2 * depth) + 2, ' ') + "- m: 1";
        if (expected.back() == ' ') expected.pop_back();
        expected += '\n';
        toon::core::MarkdownOptions options;
        options.heading_level = 0;
        const std::string out = toon::core::render_markdown(doc, options);
        ASSERT_NE(out.find(expected), std::string::npos) << "key: " << key << "\nkind: " << kind << "\n" << out;
    }
}
