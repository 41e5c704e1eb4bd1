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
