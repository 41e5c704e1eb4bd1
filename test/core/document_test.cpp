// The compact document tree (document.hpp): what decode_document() builds,
// what it views and copies, how objects of one shape share their keys, its
// memory, and the converters (Value, JSON text, JSON tape).
#include <gtest/gtest.h>

#include <string>

#include "decode.hpp"
#include "document.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json.hpp"

using namespace toon::core;

namespace {

bool inside(std::string_view part, std::string_view whole) {
    return part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size();
}

}  // namespace

TEST(Document, NodesAreSixteenBytes) { EXPECT_EQ(sizeof(Node), 16u); }

TEST(Document, DecodesLikeTheValueTree) {
    const std::string doc =
        "name: Ada\nscore: 1.50\nbig: 12345678901234567890123\ntags[3]: a,\"b c\",3\n"
        "users[2]{id,name}:\n  1,Alan\n  2,\"Grace \\\"G\\\"\"\nnested:\n  deep:\n    x: true\n    y: null\n"
        "list[2]:\n  - a: 1\n    b: 2\n  - [2]: x,y\nempty:\n";
    const Document d = decode_document(doc);
    EXPECT_EQ(to_value(d.root()), decode(doc));
    std::string json;
    write_json_into(d.root(), json);
    EXPECT_EQ(json, write_json(decode(doc)));
    EXPECT_EQ(d.node_count(), 27u);
}

TEST(Document, ViewsTheInputUnlessUnescapedOrCanonicalised) {
    const std::string doc = "plain: hello\nquoted: \"x, y\"\nescaped: \"a\\nb\"\nnum: 42\nexp: 1E3\n";
    const Document d = decode_document(doc);
    const MemberSpan m = d.root().members();
    ASSERT_EQ(m.size(), 5u);
    EXPECT_TRUE(inside(m[0].first, doc));          // keys view the input
    EXPECT_TRUE(inside(m[0].second.text(), doc));  // hello
    EXPECT_TRUE(inside(m[1].second.text(), doc));  // the inside of the quotes
    EXPECT_EQ(m[2].second.text(), "a\nb");
    EXPECT_FALSE(inside(m[2].second.text(), doc));  // unescaped: a copy
    EXPECT_TRUE(inside(m[3].second.text(), doc));   // canonical number: a view
    EXPECT_EQ(m[4].second.text(), "1000");          // canonicalised: a copy
    EXPECT_EQ(m[4].second.kind, Kind::Number);
}

TEST(Document, RowsOfOneShapeShareTheirKeys) {
    const Document table = decode_document("rows[3]{id,name}:\n  1,a\n  2,b\n  3,c\n");
    const auto rows = table.root().members()[0].second.items();
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].members().keys, rows[1].members().keys);
    EXPECT_EQ(rows[1].members().keys, rows[2].members().keys);
    // List items with the same fields share too; a different shape does not.
    const Document list = decode_document("l[3]:\n  - a: 1\n    b: 2\n  - a: 3\n    b: 4\n  - a: 5\n    c: 6\n");
    const auto items = list.root().members()[0].second.items();
    EXPECT_EQ(items[0].members().keys, items[1].members().keys);
    EXPECT_NE(items[1].members().keys, items[2].members().keys);
    EXPECT_EQ(items[2].members()[1].first, "c");
}

// Rows of a flat table go straight into place (DocumentBuilder::begin_row):
// the same tree as the Value decoder's, keys copied once per field list,
// copies only for unescaped and canonicalised cells, and the same counts.
TEST(Document, TableRowsArePlacedInTheTree) {
    const std::string doc =
        "a[2]{x,\"y z\"}:\n  1,2\n  3,\"4\"\nb:\n  c: 1\nd[2]{x,\"y z\"}:\n  1E3,\"q\\nr\"\n  null,true\n"
        "k[2:]{p,q}:\n  one: 1,2\n  two: 3,4\n";
    const Document d = decode_document(doc);
    EXPECT_EQ(to_value(d.root()), decode(doc));
    EXPECT_EQ(d.node_count(), 24u);  // 1 root, 7 + 2 (a, b), 7 (d), 7 (k)
    EXPECT_EQ(d.number_count(), 9u);
    const MemberSpan root = d.root().members();
    const auto a = root[0].second.items();
    const auto rows_d = root[2].second.items();
    EXPECT_EQ(a[0].members().keys, a[1].members().keys);
    EXPECT_EQ(rows_d[0].members().keys, rows_d[1].members().keys);
    EXPECT_EQ(a[0].members()[1].first, "y z");
    EXPECT_EQ(rows_d[0].members()[0].second.text(), "1000");
    EXPECT_FALSE(inside(rows_d[0].members()[0].second.text(), doc));
    EXPECT_EQ(rows_d[0].members()[1].second.text(), "q\nr");
    EXPECT_TRUE(inside(a[1].members()[1].second.text(), doc));  // "4": the inside of the quotes
    const MemberSpan keyed = root[3].second.members();
    ASSERT_EQ(keyed.size(), 2u);
    EXPECT_EQ(keyed[0].second.members().keys, keyed[1].second.members().keys);
}

TEST(Document, EscapedKeysAreCopiedPerKey) {
    // Quoted keys with escapes are unescaped into one reused scratch buffer:
    // every key must keep its own text.
    const std::string doc = "\"k\\n1\": 1\n\"k\\n2\": 2\nt[2]{\"f\\t1\",\"f\\t2\"}:\n  1,2\n  3,4\n";
    const Document d = decode_document(doc);
    EXPECT_EQ(to_value(d.root()), decode(doc));
}

TEST(Document, NonStrictDuplicateKeysKeepTheLastValueAtTheFirstPosition) {
    DecodeOptions lenient;
    lenient.strict = false;
    const std::string doc = "a: 1\nb: 2\na:\n  x: 3\n";
    const Document d = decode_document(doc, lenient);
    EXPECT_EQ(to_value(d.root()), decode(doc, lenient));
    ASSERT_EQ(d.root().members().size(), 2u);
    EXPECT_EQ(d.root().members()[0].second.kind, Kind::Object);
    // decode_to_json falls back to the tree for these.
    std::string json;
    decode_to_json(doc, lenient, json);
    EXPECT_EQ(json, "{\"a\":{\"x\":3},\"b\":2}");
}

TEST(Document, MemoryIsAFewTimesTheInput) {
    std::string doc = "rows[20000]{id,name,score,active}:\n";
    for (int i = 0; i < 20000; ++i)
        doc += "  " + std::to_string(i) + ",name" + std::to_string(i) + "," + std::to_string(i % 97) + ".5,true\n";
    const Document d = decode_document(doc);
    EXPECT_EQ(d.node_count(), 1u + 1 + 20000 * 5);
    // 16 bytes per value, 8 more per object, one key span for all rows; the
    // arena's blocks add at most half of that (and the first block).
    const std::size_t tree = d.node_count() * 16 + 20000 * 8 + 4 * 16;
    EXPECT_GE(d.memory(), tree);
    EXPECT_LE(d.memory(), tree + tree / 2 + doc.size() + 4096);
}

TEST(Document, ErrorsAreTheDecodersAndFreeEverything) {
    EXPECT_THROW(decode_document("a: 1\na: 2\n"), Error);     // strict duplicate key
    EXPECT_THROW(decode_document("t[2]{a}:\n  1\n"), Error);  // row count
    EXPECT_THROW(decode_document("a: \"\\x\"\n"), Error);     // bad escape
}

namespace {
int g_polls = 0;
bool cancel_after_two_polls() { return ++g_polls > 2; }
}  // namespace

TEST(Document, CancelUnwindsMidDecode) {
    std::string doc = "rows[200000]{id,name}:\n";
    for (int i = 0; i < 200000; ++i) doc += "  " + std::to_string(i) + ",n\n";
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_two_polls;
    set_interrupt_hooks(hooks);
    g_polls = 0;
    try {
        decode_document(doc);
        ADD_FAILURE() << "not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
    set_interrupt_hooks(InterruptHooks{});
    EXPECT_EQ(g_polls, 3);
}

TEST(Document, FromValueAndJsonText) {
    const std::string json = R"({"b":[1,2.50,{"x":"y\u00e9"}],"a":null,"c":{"":true},"b2":[],"d":"\u0041"})";
    const Value v = parse_json(json);
    EXPECT_EQ(to_value(document_from_value(v).root()), v);
    const Document d = parse_json_document(json);
    EXPECT_EQ(to_value(d.root()), v);
    EXPECT_EQ(to_value(parse_json_document("[[[[]]]]").root()), parse_json("[[[[]]]]"));
    EXPECT_EQ(to_value(parse_json_document("\"s\"").root()), parse_json("\"s\""));
    EXPECT_THROW(parse_json_document("{\"a\":}"), Error);
}

TEST(Arena, AlignsGrowsAndMoves) {
    Arena a(4096);
    void* p = a.allocate(3);
    void* q = a.allocate(5);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 8, 0u);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(q) % 8, 0u);
    void* big = a.allocate(1 << 20);  // larger than any block so far
    EXPECT_NE(big, nullptr);
    EXPECT_GE(a.reserved(), (1u << 20) + 4096u);
    EXPECT_LE(a.used(), a.reserved());
    Arena b = std::move(a);
    EXPECT_EQ(a.reserved(), 0u);
    EXPECT_GE(b.reserved(), 1u << 20);
    EXPECT_EQ(b.copy("abc"), "abc");
}

TEST(Arena, LimitIsAProgramLimitError) {
    Arena a(4096);
    a.set_limit(100000);
    a.allocate(50000);
    try {
        a.allocate(200000);
        ADD_FAILURE() << "no error past the limit";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
    EXPECT_LE(a.reserved(), 100000u);
    // A builder with a bound: a large table does not fit in 64 KB.
    std::string doc = "rows[5000]{id}:\n";
    for (int i = 0; i < 5000; ++i) doc += "  " + std::to_string(i) + "\n";
    DocumentBuilder b(doc, 4096, 65536);
    b.begin_array(0);
    EXPECT_THROW(for (int i = 0; i < 5000; ++i) b.number("1"); b.end_array(), Error);
}

// jsonb skips its per-string \u0000 scan when the tree says no string can hold a NUL.
TEST(Document, KnowsWhetherAStringMayHoldANul) {
    EXPECT_FALSE(decode_document("a: x\nb: \"y\\tz\"\nc[2]: p,q").may_hold_nul());
    EXPECT_TRUE(decode_document("a: \"x\\u0000y\"").may_hold_nul());  // an unescaped copy
    EXPECT_TRUE(decode_document("\"k\\u0000\": 1").may_hold_nul());   // a key
    try {  // a raw NUL in the input, viewed by the tree (if the decoder accepts it)
        EXPECT_TRUE(decode_document(std::string("a: x\0y", 6)).may_hold_nul());
    } catch (const Error&) {}
    EXPECT_TRUE(parse_json_document(std::string("{\"a\":\"x\\u0000\"}")).may_hold_nul());
    EXPECT_FALSE(parse_json_document("{\"a\":\"x\"}").may_hold_nul());
    EXPECT_TRUE(Document().may_hold_nul());  // nothing known: assume it may
}
