#include <gtest/gtest.h>

#include "error.hpp"
#include "value.hpp"

using namespace toon::core;

TEST(Value, EqualityIsOrderedAndTyped) {
    Value a = Value::object();
    a.members.emplace_back("x", Value::number("1"));
    a.members.emplace_back("y", Value::string("1"));
    Value b = a;
    EXPECT_EQ(a, b);
    std::swap(b.members[0], b.members[1]);
    EXPECT_NE(a, b);
    EXPECT_NE(Value::number("1"), Value::string("1"));
}

TEST(Error, SyntaxErrorCarriesPosition) {
    Error e = syntax_error(3, 7, "expected ':' after key \"name\"");
    EXPECT_EQ(e.code(), ErrorCode::InvalidSyntax);
    EXPECT_STREQ(e.what(), "invalid input syntax for type toon");
    EXPECT_EQ(e.detail(), "Line 3, column 7: expected ':' after key \"name\".");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
}

#include "decode.hpp"
#include "interrupt.hpp"
#include "json.hpp"

namespace {
int g_polls_left = 0;
bool cancel_after_some_polls() { return --g_polls_left < 0; }

// A uniform table of `rows` rows, several MB of TOON.
std::string big_table(int rows) {
    std::string doc = "rows[" + std::to_string(rows) + "]{id,name,tags}:\n";
    for (int i = 0; i < rows; ++i) doc += "  " + std::to_string(i) + ",name number " + std::to_string(i) + ",x\n";
    return doc;
}
}  // namespace

// A canceled decode or parse into a Value tree stops with Canceled and frees
// its partial tree as the error unwinds (the tests' model: no SQL path
// builds Values any more, so nothing is parked for later).
TEST(ValueTree, CanceledDecodeAndParseUnwind) {
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_some_polls;
    set_interrupt_hooks(hooks);

    g_polls_left = 20;
    try {
        decode(big_table(200000));
        ADD_FAILURE() << "decode not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }

    std::string json = "[";
    for (int i = 0; i < 300000; ++i) json += (i ? ",{\"a\":" : "{\"a\":") + std::to_string(i) + "}";
    json += "]";
    g_polls_left = 20;
    try {
        parse_json(json);
        ADD_FAILURE() << "parse_json not canceled";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
    set_interrupt_hooks(InterruptHooks{});
}
