#include <gtest/gtest.h>

#include <string>

#include "error.hpp"
#include "options.hpp"

using namespace toon::core;

namespace {
// The message and hint of the InvalidParameter error `f` throws.
template <typename F>
std::string failure(F f) {
    try {
        f();
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidParameter);
        return std::string(e.what()) + " | " + e.hint();
    }
    ADD_FAILURE() << "no error";
    return {};
}
}  // namespace

TEST(Options, DelimiterWordsAndCharacters) {
    EXPECT_EQ(parse_delimiter(","), ',');
    EXPECT_EQ(parse_delimiter("comma"), ',');
    EXPECT_EQ(parse_delimiter("|"), '|');
    EXPECT_EQ(parse_delimiter("pipe"), '|');
    EXPECT_EQ(parse_delimiter("\t"), '\t');
    EXPECT_EQ(parse_delimiter("tab"), '\t');
    for (char d : {',', '|', '\t'}) EXPECT_NO_THROW(check_delimiter(d));
}

// One message for a bad delimiter, whether it came as text or as a character.
TEST(Options, BadDelimiterHasOneMessage) {
    const std::string hint = " | Use ',' (or 'comma'), '|' (or 'pipe'), or a tab character (E'\\t' or 'tab').";
    EXPECT_EQ(failure([] { parse_delimiter(";"); }), "invalid value for parameter \"delimiter\": \";\"" + hint);
    EXPECT_EQ(failure([] { check_delimiter(';'); }), "invalid value for parameter \"delimiter\": \";\"" + hint);
    EXPECT_EQ(failure([] { parse_delimiter(""); }), "invalid value for parameter \"delimiter\": \"\"" + hint);
    EXPECT_EQ(failure([] { check_delimiter('\n'); }), "invalid value for parameter \"delimiter\": \"?\"" + hint);
    EXPECT_EQ(failure([] { parse_delimiter("ééééééééééééééééééééé"); }),
              "invalid value for parameter \"delimiter\": \"éééééééééééééééééééé...\"" + hint);
}

TEST(Options, IndentSizeLimitsAreShared) {
    EXPECT_NO_THROW(check_encode_indent_size(1));
    EXPECT_NO_THROW(check_encode_indent_size(kMaxIndentSize));
    EXPECT_NO_THROW(check_decode_indent_size(0));
    EXPECT_NO_THROW(check_decode_indent_size(kMaxIndentSize));
    EXPECT_EQ(failure([] { check_encode_indent_size(0); }),
              "invalid value for parameter \"indent_size\": 0 | indent_size must be between 1 and 256.");
    EXPECT_EQ(failure([] { check_encode_indent_size(kMaxIndentSize + 1); }),
              "invalid value for parameter \"indent_size\": 257 | indent_size must be between 1 and 256.");
    EXPECT_EQ(failure([] { check_decode_indent_size(-1); }),
              "invalid value for parameter \"indent_size\": -1 | indent_size must be between 1 and 256, or 0 for the "
              "document's own.");
}
