#include <gtest/gtest.h>

#include "error.hpp"
#include "number.hpp"

using namespace toon::core;

TEST(Number, ToonGrammar) {
    for (const char* ok : {"0", "-0", "42", "-3.14", "1e-6", "-1E+9", "0.5", "0e1", "-0.5", "-0e1", "1.5000"})
        EXPECT_TRUE(is_toon_number(ok)) << ok;
    for (const char* no : {"",     "-",   ".5",    "1.",   "+5", "Infinity", "NaN",  "0x10", "1_000", "05",
                           "0001", "-05", "-0001", "00.5", "1e", "1e+",      "1.e5", " 1",   "1 ",    "١"})
        EXPECT_FALSE(is_toon_number(no)) << no;
}

TEST(Number, LooksNumericQuotesPlusAndLeadingZeros) {
    for (const char* s : {"42", "-3.14", "05", "+1", "1e-6", "0001"}) EXPECT_TRUE(looks_numeric(s)) << s;
    for (const char* s : {"", "a1", "1a", ".5", "1.", "- 1", "1e"}) EXPECT_FALSE(looks_numeric(s)) << s;
}

TEST(Number, CanonicalFormFollowsSpecSection2) {
    EXPECT_EQ(canonical_number("1e6"), "1000000");
    EXPECT_EQ(canonical_number("1e-6"), "0.000001");
    EXPECT_EQ(canonical_number("1.50"), "1.5");
    EXPECT_EQ(canonical_number("1.0"), "1");
    EXPECT_EQ(canonical_number("-0"), "0");
    EXPECT_EQ(canonical_number("-0.000"), "0");
    EXPECT_EQ(canonical_number("0e5"), "0");
    EXPECT_EQ(canonical_number("-1E+03"), "-1000");
    EXPECT_EQ(canonical_number("1.5000"), "1.5");
    EXPECT_EQ(canonical_number("123.456e1"), "1234.56");
    EXPECT_EQ(canonical_number("0.1e1"), "1");
    EXPECT_EQ(canonical_number("1e-7"), "1e-7");
    EXPECT_EQ(canonical_number("1.5e-7"), "1.5e-7");
    EXPECT_EQ(canonical_number("1e21"), "1e+21");
    EXPECT_EQ(canonical_number("-2.5e21"), "-2.5e+21");
    EXPECT_EQ(canonical_number("999999999999999999999"), "999999999999999999999");
    EXPECT_EQ(canonical_number("0.0000015"), "0.0000015");
}

TEST(Number, CanonicalFormIsLossless) {
    EXPECT_EQ(canonical_number("12345678901234567890"), "12345678901234567890");
    EXPECT_EQ(canonical_number("0.1000000000000000055511151231257827"), "0.1000000000000000055511151231257827");
    EXPECT_EQ(canonical_number("9007199254740993"), "9007199254740993");
    EXPECT_EQ(canonical_number("1234567890123456789012345"), "1.234567890123456789012345e+24");
    EXPECT_EQ(canonical_number("1e400"), "1e+400");
    EXPECT_EQ(canonical_number("-1.25e-400"), "-1.25e-400");
}

TEST(Number, CanonicalIsIdempotent) {
    for (const char* s : {"1e6", "1.50", "1e-7", "1e21", "0.000001", "-12.5e3", "7"}) {
        std::string c = canonical_number(s);
        EXPECT_EQ(canonical_number(c), c) << s;
    }
}

TEST(Number, HugeExponentsStayExact) {
    EXPECT_EQ(canonical_number("1e99999999999999999999999"), "1e+99999999999999999999999");
    EXPECT_EQ(canonical_number("12.5e99999999999999999999999"), "1.25e+100000000000000000000000");
    EXPECT_EQ(canonical_number("-0.00125E-000099999999999999999999999"), "-1.25e-100000000000000000000002");
    EXPECT_EQ(canonical_number("0.0e99999999999999999999999"), "0");
    EXPECT_EQ(canonical_number("1E888888888888888888888888888888888888888888888"),
              "1e+888888888888888888888888888888888888888888888");
}

// The fast path agrees with canonical_number() wherever it answers, and
// answers for numeric_out's usual plain decimals.
TEST(Number, CanonicalPrefixIsCanonicalNumber) {
    EXPECT_EQ(canonical_prefix("1.50"), "1.5");
    EXPECT_EQ(canonical_prefix("2.000"), "2");
    EXPECT_EQ(canonical_prefix("-12"), "-12");
    EXPECT_EQ(canonical_prefix("0.000001"), "0.000001");
    EXPECT_EQ(canonical_prefix("123456789012345678901"), "123456789012345678901");
    for (const char* none : {"", "-", "-0", "-0.00", "0.0000001", "0.00000010", "1e5", "1.5E-3", "05", "1.", ".5",
                             "1.5x", "NaN", "Infinity", "1234567890123456789012"})
        EXPECT_TRUE(canonical_prefix(none).empty()) << none;
    for (const char* t : {"0", "-0", "1.50", "-0.5", "0.000001", "0.0000001", "100", "1e21", "1.0e-7", "-0.000",
                          "123456789012345678901.5", "1234567890123456789012", "3.14159265358979323846264"}) {
        std::string out = "x";
        append_canonical_number(t, out);
        EXPECT_EQ(out, "x" + canonical_number(t)) << t;
        const std::string_view prefix = canonical_prefix(t);
        if (!prefix.empty()) { EXPECT_EQ(std::string(prefix), canonical_number(t)) << t; }
    }
}
