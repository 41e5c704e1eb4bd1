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

// An abandoned decode parks its partial tree instead of freeing it while the
// cancel unwinds; release_parked() frees it later.
TEST(Park, CanceledDecodeAndParseParkTheirPartialTrees) {
    release_parked();
    ASSERT_FALSE(have_parked());
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_some_polls;
    set_interrupt_hooks(hooks);

    g_polls_left = 20;
    EXPECT_THROW(decode(big_table(200000)), Error);
    EXPECT_TRUE(have_parked());
    release_parked();
    EXPECT_FALSE(have_parked());

    std::string json = "[";
    for (int i = 0; i < 300000; ++i) json += (i ? ",{\"a\":" : "{\"a\":") + std::to_string(i) + "}";
    json += "]";
    g_polls_left = 20;
    EXPECT_THROW(parse_json(json), Error);
    EXPECT_TRUE(have_parked());
    release_parked();

    set_interrupt_hooks(InterruptHooks{});
    park(Value::string("x"));
    EXPECT_TRUE(have_parked());
    release_parked();
    EXPECT_FALSE(have_parked());
}
