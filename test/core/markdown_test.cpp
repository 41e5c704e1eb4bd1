// Unit tests of the Markdown renderer on hand-built Values (no decoder).
// The end-to-end check against a real GFM renderer is
// test/suites/40-markdown-render.sh.
#include <gtest/gtest.h>

#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>

#include "display_width.hpp"
#include "document.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "markdown.hpp"
#include "value.hpp"

using namespace toon::core;

namespace {

Value S(const char* s) { return Value::string(s); }
Value N(const char* n) { return Value::number(n); }
Value B(bool b) { return Value::from_bool(b); }
Value Null() { return Value::null(); }
Value A(std::initializer_list<Value> items) {
    Value v = Value::array();
    v.items.assign(items.begin(), items.end());
    return v;
}
Value O(std::initializer_list<Member> members) {
    Value v = Value::object();
    v.members.assign(members.begin(), members.end());
    return v;
}

std::string md(const Value& v, int heading_level = 1, bool pad = true) {
    MarkdownOptions o;
    o.heading_level = heading_level;
    o.pad = pad;
    return render_markdown(v, o);
}

}  // namespace

// The core takes text as UTF-8 checked before it arrives; should a sequence
// still be cut short by the end, the width stops there (U+FFFD) rather than
// reading past the text (the buffers are exactly as long as the text, so the
// sanitizer build catches a read past them).
TEST(DisplayWidth, SequenceCutShortAtTheEndStaysInBounds) {
    for (const std::string_view text : {"a\xC3", "a\xE6\x97", "a\xF0\x9F\x98", "\xF0"}) {
        const std::unique_ptr<char[]> exact(new char[text.size()]);
        std::memcpy(exact.get(), text.data(), text.size());
        EXPECT_EQ(display_width(std::string_view(exact.get(), text.size())), text[0] == 'a' ? 2u : 1u);
    }
}

TEST(DisplayWidth, AsciiCjkEmojiCombining) {
    EXPECT_EQ(display_width(""), 0u);
    EXPECT_EQ(display_width("abc"), 3u);
    EXPECT_EQ(display_width("日本語"), 6u);     // East Asian Wide
    EXPECT_EQ(display_width("ＡＢ"), 4u);       // Fullwidth
    EXPECT_EQ(display_width("😀"), 2u);          // emoji presentation
    EXPECT_EQ(display_width("e\xCC\x81"), 1u);  // e + U+0301 combining acute
    EXPECT_EQ(display_width("a\xE2\x80\x8B"
                            "b"),
              2u);                                             // U+200B zero width space
    EXPECT_EQ(display_width("\xE2\x9D\xA4\xEF\xB8\x8F"), 2u);  // U+2764 U+FE0F
    EXPECT_EQ(display_width("\xE2\x9D\xA4"), 1u);              // U+2764 text presentation
    EXPECT_EQ(display_width("한"), 2u);
    EXPECT_EQ(display_width("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), 2u);  // conjoining jamo ᄒ+ᅡ+ᆫ
    EXPECT_EQ(display_width("é"), 1u);
}

TEST(Markdown, RootPrimitives) {
    EXPECT_EQ(md(S("hello")), "hello\n");
    EXPECT_EQ(md(N("-1.5")), "\\-1.5\n");
    EXPECT_EQ(md(B(true)), "true\n");
    EXPECT_EQ(md(Null()), "*null*\n");
    EXPECT_EQ(md(S("")), "<!-- -->\n");
    EXPECT_EQ(md(A({})), "*[]*\n");
    EXPECT_EQ(md(O({})), "*{}*\n");
}

TEST(Markdown, EscapesInlineMarkup) {
    EXPECT_EQ(md(S("a|b\\c*d_e`f[g]h<i>j&k~l")), "a\\|b\\\\c\\*d\\_e\\`f\\[g\\]h\\<i\\>j\\&k\\~l\n");
    EXPECT_EQ(md(S("&amp; <b>x</b>")), "\\&amp; \\<b\\>x\\</b\\>\n");
}

TEST(Markdown, EscapesBlockMarkersAtLineStart) {
    EXPECT_EQ(md(S("# title")), "\\# title\n");
    EXPECT_EQ(md(S("- item")), "\\- item\n");
    EXPECT_EQ(md(S("+ item")), "\\+ item\n");
    EXPECT_EQ(md(S("> quote")), "\\> quote\n");
    EXPECT_EQ(md(S("12. x")), "12\\. x\n");
    EXPECT_EQ(md(S("3) x")), "3\\) x\n");
    EXPECT_EQ(md(S("===")), "\\===\n");
    EXPECT_EQ(md(S("1.5")), "1.5\n");
    EXPECT_EQ(md(S("7.")), "7\\.\n");
    // Not at line start: left alone.
    EXPECT_EQ(md(O({{"k", S("# - 1. x")}})), "- k: # - 1. x\n");
}

TEST(Markdown, WhitespaceControlsAndNewlines) {
    EXPECT_EQ(md(S("  two  ")), "&#32; two &#32;\n");
    EXPECT_EQ(md(S(" ")), "&#32;\n");
    EXPECT_EQ(md(S("\tx")), "&#9;x\n");
    EXPECT_EQ(md(S("a\nb\r\nc")), "a<br>b&#13;<br>c\n");
    EXPECT_EQ(md(S("a\tb\x01")), "a&#9;b&#1;\n");
}

TEST(Markdown, ObjectAsKeyValueList) {
    Value v = O({{"id", N("1")},
                 {"name", S("Ada")},
                 {"ok", B(false)},
                 {"none", Null()},
                 {"empty", S("")},
                 {"tags", A({S("a"), S("b"), N("3")})},
                 {"nothing", A({})},
                 {"blank", O({})}});
    EXPECT_EQ(md(v),
              "- id: 1\n- name: Ada\n- ok: false\n- none: *null*\n- empty:\n- tags: a, b, 3\n"
              "- nothing: *[]*\n- blank: *{}*\n");
}

TEST(Markdown, InlineArrayFallsBackToListWhenAmbiguous) {
    EXPECT_EQ(md(O({{"xs", A({S("a,b"), S("c")})}})), "# xs\n\n- a,b\n- c\n");
    EXPECT_EQ(md(A({S(""), S(" x"), S("-")})), "- <!-- -->\n- &#32;x\n- \\-\n");
    EXPECT_EQ(md(A({N("1"), Null(), B(true), S("x y")})), "1, *null*, true, x y\n");
}

TEST(Markdown, TabularArrayIsPaddedTable) {
    Value v = A({O({{"id", N("1")}, {"name", S("Ada")}}), O({{"id", N("22")}, {"name", S("日本")}})});
    EXPECT_EQ(md(v),
              "| id  | name |\n"
              "| --- | ---- |\n"
              "| 1   | Ada  |\n"
              "| 22  | 日本 |\n");
    EXPECT_EQ(md(v, 1, false), "|id|name|\n|-|-|\n|1|Ada|\n|22|日本|\n");
}

TEST(Markdown, TableCellsEscapePipesNewlinesAndEdges) {
    Value v = A({O({{"a|b", S("x|y\nz")}, {"c", S(" pad ")}}), O({{"a|b", Null()}, {"c", S("")}})});
    EXPECT_EQ(md(v, 1, false), "|a\\|b|c|\n|-|-|\n|x\\|y<br>z|&#32;pad&#32;|\n|*null*||\n");
}

TEST(Markdown, KeyOrderMayVaryBetweenRows) {
    Value v = A({O({{"a", N("1")}, {"b", N("2")}}), O({{"b", N("4")}, {"a", N("3")}})});
    EXPECT_EQ(md(v, 1, false), "|a|b|\n|-|-|\n|1|2|\n|3|4|\n");
}

TEST(Markdown, NestedFieldGroupsBecomeDottedHeaders) {
    Value v = A({O({{"id", N("1")}, {"customer", O({{"name", S("Ada")}, {"geo", O({{"cc", S("FR")}})}})}}),
                 O({{"id", N("2")}, {"customer", O({{"name", S("Bob")}, {"geo", O({{"cc", S("DE")}})}})}})});
    EXPECT_EQ(md(v, 1, false), "|id|customer.name|customer.geo.cc|\n|-|-|-|\n|1|Ada|FR|\n|2|Bob|DE|\n");
}

TEST(Markdown, KeyedObjectIsTableWithKeyColumn) {
    Value v = O(
        {{"alice", O({{"age", N("30")}, {"city", S("Paris")}})}, {"bob", O({{"age", N("41")}, {"city", S("東京")}})}});
    EXPECT_EQ(md(v),
              "|       | age | city  |\n"
              "| ----- | --- | ----- |\n"
              "| alice | 30  | Paris |\n"
              "| bob   | 41  | 東京  |\n");
}

TEST(Markdown, NonUniformShapesAreNotTables) {
    // A column mixing null and objects, an array column, an empty object and
    // differing keys all disqualify the table form (SPEC §9.3).
    Value mixed = A({O({{"a", O({{"x", N("1")}})}}), O({{"a", Null()}})});
    EXPECT_EQ(md(mixed), "- - a:\n    - x: 1\n- - a: *null*\n");
    Value keys = A({O({{"a", N("1")}}), O({{"b", N("2")}})});
    EXPECT_EQ(md(keys), "- - a: 1\n- - b: 2\n");
    Value with_empty = A({O({{"a", N("1")}}), O({})});
    EXPECT_EQ(md(with_empty), "- - a: 1\n- *{}*\n");
    // One entry is not a keyed table (SPEC §9.5).
    Value single = O({{"alice", O({{"age", N("30")}})}});
    EXPECT_EQ(md(single), "# alice\n\n- age: 30\n");
}

TEST(Markdown, NestedObjectsUseHeadingsInOrder) {
    Value v = O({{"name", S("shop")},
                 {"owner", O({{"name", S("Ada")}, {"address", O({{"city", S("Paris")}})}})},
                 {"count", N("2")},
                 {"orders", A({O({{"id", N("1")}}), O({{"id", N("2")}})})}});
    EXPECT_EQ(md(v, 1, false),
              "- name: shop\n\n"
              "# owner\n\n- name: Ada\n\n## address\n\n- city: Paris\n\n"
              "# count\n\n2\n\n"
              "# orders\n\n|id|\n|-|\n|1|\n|2|\n");
    EXPECT_EQ(md(v, 5, false),
              "- name: shop\n\n"
              "##### owner\n\n- name: Ada\n\n###### address\n\n- city: Paris\n\n"
              "##### count\n\n2\n\n"
              "##### orders\n\n|id|\n|-|\n|1|\n|2|\n");
}

TEST(Markdown, HeadingsStopAtLevelSixThenNestedLists) {
    Value v = O({{"a", O({{"x", N("1")}, {"b", O({{"c", O({{"y", N("2")}})}})}})}});
    EXPECT_EQ(md(v, 6, false), "###### a\n\n- x: 1\n- b:\n  - c:\n    - y: 2\n");
}

TEST(Markdown, HeadingLevelZeroIsNestedLists) {
    Value v = O({{"n", N("1")}, {"o", O({{"t", A({O({{"a", N("1")}, {"b", S("x")}})})}, {"z", B(true)}})}});
    EXPECT_EQ(md(v, 0, false), "- n: 1\n- o:\n  - t:\n    |a|b|\n    |-|-|\n    |1|x|\n  - z: true\n");
}

TEST(Markdown, HeadingTextEscapesHashes) {
    Value v = O({{"C# #", O({{"x", N("1")}})}, {" ", O({{"y", N("2")}})}});
    EXPECT_EQ(md(v), "# C\\# \\#\n\n- x: 1\n\n# &#32;\n\n- y: 2\n");
}

TEST(Markdown, MixedArraysAreNestedBulletLists) {
    Value v = A({N("1"), S("two"), A({N("3"), N("4")}), A({A({S("deep")}), S("")}),
                 O({{"k", S("v")}, {"l", A({S("a,b")})}}), A({O({{"id", N("1")}}), O({{"id", N("2")}})})});
    EXPECT_EQ(md(v, 1, false),
              "- 1\n- two\n- 3, 4\n- - deep\n  - <!-- -->\n"
              "- - k: v\n  - l:\n    - a,b\n"
              "- |id|\n  |-|\n  |1|\n  |2|\n");
}

TEST(Markdown, KeysAtLineStartAreEscaped) {
    EXPECT_EQ(md(O({{"-x", N("1")}, {"", N("2")}, {"1. y", N("3")}})), "- \\-x: 1\n- : 2\n- 1\\. y: 3\n");
}

TEST(Markdown, PaddingUsesDisplayWidth) {
    Value v = A({O({{"k", S("😀")}}), O({{"k", S("e\xCC\x81")}}), O({{"k", S("a|b")}})});
    EXPECT_EQ(md(v),
              "| k    |\n"
              "| ---- |\n"
              "| 😀   |\n"
              "| e\xCC\x81    |\n"
              "| a\\|b |\n");
}

TEST(Markdown, RejectsBadHeadingLevel) {
    MarkdownOptions o;
    o.heading_level = 7;
    try {
        render_markdown(Null(), o);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::InvalidParameter); }
}

// Without a stack hook the renderer's StackGuard bounds the stack it uses:
// 500,000 levels (far past any stack) end in a clean StackDepth error. The
// tree is built directly, so neither the decoder's nesting cap nor the
// Value converter's guard is what stops it.
TEST(Markdown, DeepNestingIsBoundedWithoutHooks) {
    constexpr int kLevels = 500000;
    DocumentBuilder b(std::string_view{});
    for (int i = 0; i < kLevels; ++i) b.begin_array(2);
    b.string("leaf");
    for (int i = 0; i < kLevels; ++i) {
        b.number("1");
        b.end_array();
    }
    const Document doc = b.finish();
    try {
        render_markdown(doc.root());
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::StackDepth); }
}

// The same bound for a Value tree, whose conversion shares the guard.
TEST(Markdown, DeepValueIsBoundedWithoutHooks) {
    constexpr int kLevels = 500000;
    Value v = S("leaf");
    for (int i = 0; i < kLevels; ++i) {
        Value a = Value::array();
        a.items.push_back(std::move(v));
        a.items.push_back(N("1"));
        v = std::move(a);
    }
    EXPECT_THROW(render_markdown(v), Error);
    // Taken apart level by level: destroying it whole would recurse.
    while (v.kind == Kind::Array) {
        Value inner = std::move(v.items[0]);
        v = std::move(inner);
    }
}

TEST(Markdown, AppendsToExistingBuffer) {
    std::string out = "prefix\n";
    render_markdown_into(O({{"a", O({{"b", N("1")}})}}), MarkdownOptions{}, out);
    EXPECT_EQ(out, "prefix\n# a\n\n- b: 1\n");
}

TEST(Markdown, AutolinkTriggersAreEscaped) {
    // GFM's autolink extension would show backslash escapes inside the link.
    EXPECT_EQ(md(S("see www.a_b.com or http://x.y/a_b")), "see www\\.a\\_b.com or http\\://x.y/a\\_b\n");
    EXPECT_EQ(md(S("12:30 a.b WWW.x")), "12:30 a.b WWW.x\n");
}

TEST(Markdown, TableEdgeCasesForGfmCellScanner) {
    // A header that looks like a delimiter row would swallow the line above;
    // "\\|" at a cell end would read as an escaped pipe.
    Value v = O({{"t", A({O({{"-", S("a\\")}, {":x", S("b")}})})}});
    EXPECT_EQ(md(v, 0, false), "- t:\n  |\\-|\\:x|\n  |-|-|\n  |a\\\\ |b|\n");
    Value nested = A({O({{"", O({{"x", N("1")}})}})});
    EXPECT_EQ(md(nested, 0, false), "|.x|\n|-|\n|1|\n");
}

namespace {
int g_polls = 0;
bool cancel_after_a_few_polls() { return ++g_polls > 3; }
}  // namespace

TEST(Markdown, LongRendersPollForCancel) {
    // A large table and one long string both reach the cancel hook.
    Value rows = Value::array();
    for (int i = 0; i < 100000; ++i) rows.items.push_back(O({{"id", N("1")}, {"name", S("x")}}));
    Value big = S("");
    big.text.assign(8u << 20, 'a');
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_a_few_polls;
    set_interrupt_hooks(hooks);
    for (const Value* v : {&rows, &big}) {
        g_polls = 0;
        try {
            render_markdown(*v);
            ADD_FAILURE() << "not canceled";
        } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
        EXPECT_EQ(g_polls, 4);
    }
    set_interrupt_hooks(InterruptHooks{});
}

TEST(Markdown, DuplicateKeysAreNotTables) {
    // Only a hand-built Value can repeat a key; a table would drop one value.
    Value dup = O({{"a", N("1")}, {"a", N("2")}});
    EXPECT_EQ(md(A({dup, dup}), 1, false), "- - a: 1\n  - a: 2\n- - a: 1\n  - a: 2\n");
    Value wide = Value::object();
    for (int i = 0; i < 40; ++i) wide.members.emplace_back("k" + std::to_string(i % 39), N("1"));
    EXPECT_EQ(md(A({wide, wide}), 1, false).rfind("|", 0), std::string::npos);
}

TEST(Markdown, EmptyKeyHeadingHasNoTrailingSpace) { EXPECT_EQ(md(O({{"", O({{"x", N("1")}})}}), 2), "##\n\n- x: 1\n"); }

TEST(Markdown, LeadingByteOrderMarkSurvives) { EXPECT_EQ(md(S("\xEF\xBB\xBFx")), "&#65279;x\n"); }

TEST(Markdown, PaddingIsCappedForLongCells) {
    // One long value must not pad every other row to its width.
    const std::string long_text(200, 'x');
    Value v = A({O({{"k", S(long_text.c_str())}, {"n", N("1")}}), O({{"k", S("short")}, {"n", N("2")}})});
    const std::string out = md(v);
    EXPECT_EQ(out, "| k" + std::string(59, ' ') +
                       " | n   |\n"
                       "| " +
                       std::string(60, '-') +
                       " | --- |\n"
                       "| " +
                       long_text +
                       " | 1   |\n"
                       "| short" +
                       std::string(55, ' ') + " | 2   |\n");
}

// Issue 7, defect 2: padding multiplies a table's size; the renderer stops
// before writing a block of rows past max_output.
TEST(MarkdownLimits, OutputStopsAtTheLimit) {
    Value rows = Value::array();
    for (int i = 0; i < 20000; ++i) {
        Value row = Value::object();
        row.members.emplace_back("a", Value::number("1"));
        row.members.emplace_back("b", Value::string(i == 0 ? std::string(80, 'x') : "y"));
        rows.items.push_back(row);
    }
    MarkdownOptions options;
    options.max_output = 200000;
    std::string out;
    try {
        render_markdown_into(rows, options, out);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
    EXPECT_LE(out.size(), options.max_output);
    options.max_output = 2000000;
    out.clear();
    render_markdown_into(rows, options, out);
    EXPECT_GT(out.size(), 1000000u);
}
