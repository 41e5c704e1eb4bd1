// Unit tests of the TOON decoder (decode, decode_to_json, validate), the
// UTF-8 validator and the JSON writer. Fixture conformance is in
// decode_conformance_test.cpp; these cover error positions and messages,
// options, limits and what the fixtures don't.
#include <gtest/gtest.h>

#include <string>

#include "decode.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json.hpp"
#include "utf8.hpp"

using namespace toon::core;

namespace {

DecodeOptions lax() {
    DecodeOptions o;
    o.strict = false;
    return o;
}

// Compact JSON of the decoded document; also checks that decode_to_json
// writes the same text and that validate() accepts it.
std::string json(std::string_view doc, const DecodeOptions& options = {}) {
    const std::string text = write_json(decode(doc, options));
    std::string streamed;
    decode_to_json(doc, options, streamed);
    EXPECT_EQ(streamed, text) << "decode_to_json differs for: " << doc;
    EXPECT_NO_THROW(validate(doc, options)) << doc;
    return text;
}

// The error decode() throws (the test fails if none); validate() and
// decode_to_json() must throw the same.
Error error_of(std::string_view doc, const DecodeOptions& options = {}) {
    try {
        decode(doc, options);
    } catch (const Error& e) {
        try {
            validate(doc, options);
            ADD_FAILURE() << "validate() accepted: " << doc;
        } catch (const Error& v) { EXPECT_EQ(v.detail(), e.detail()) << doc; }
        try {
            std::string out;
            decode_to_json(doc, options, out);
            ADD_FAILURE() << "decode_to_json() accepted: " << doc;
        } catch (const Error& v) { EXPECT_EQ(v.detail(), e.detail()) << doc; }
        return e;
    }
    ADD_FAILURE() << "decode() accepted: " << doc;
    return Error(ErrorCode::Internal, "no error");
}

std::string detail(std::string_view doc, const DecodeOptions& options = {}) {
    const Error e = error_of(doc, options);
    EXPECT_EQ(e.code(), ErrorCode::InvalidSyntax) << doc;
    EXPECT_STREQ(e.what(), "invalid input syntax for type toon");
    return e.detail();
}

}  // namespace

// ---- values -----------------------------------------------------------------

TEST(Decoder, RootForms) {
    EXPECT_EQ(json(""), "{}");
    EXPECT_EQ(json("\n\n"), "{}");
    EXPECT_EQ(json("# only a comment\n  # another"), "{}");
    EXPECT_EQ(json("hello world"), "\"hello world\"");
    EXPECT_EQ(json("42"), "42");
    EXPECT_EQ(json("\"42\""), "\"42\"");
    EXPECT_EQ(json("null"), "null");
    EXPECT_EQ(json("[]"), "[]");
    EXPECT_EQ(json("[3]: a,b,c"), "[\"a\",\"b\",\"c\"]");
    EXPECT_EQ(json("[0]:"), "[]");
    EXPECT_EQ(json("[2]{a}:\n  1\n  2"), "[{\"a\":1},{\"a\":2}]");
    EXPECT_EQ(json("[2:]{v}:\n  x: 1\n  y: 2"), "{\"x\":{\"v\":1},\"y\":{\"v\":2}}");
    EXPECT_EQ(json("a: 1\nb: two"), "{\"a\":1,\"b\":\"two\"}");
}

TEST(Decoder, ObjectsKeepOrderAndNest) {
    EXPECT_EQ(json("z: 1\na:\n  y: true\n  b:\n    c: null\nm: []\ne:"),
              "{\"z\":1,\"a\":{\"y\":true,\"b\":{\"c\":null}},\"m\":[],\"e\":{}}");
    EXPECT_EQ(json("\"a:b\": 1\n\"\": 2\nweird-key 2: 3\nuser.name: 4"),
              "{\"a:b\":1,\"\":2,\"weird-key 2\":3,\"user.name\":4}");
    EXPECT_EQ(json("__proto__: 1\nconstructor: 2"), "{\"__proto__\":1,\"constructor\":2}");
}

TEST(Decoder, NumbersAreLosslessAndCanonical) {
    EXPECT_EQ(json("a: 1.50\nb: -0\nc: 1e6\nd: -1E+03\ne: 0.000001\nf: 1e-7\ng: 0.0000001"),
              "{\"a\":1.5,\"b\":0,\"c\":1000000,\"d\":-1000,\"e\":0.000001,\"f\":1e-7,\"g\":1e-7}");
    EXPECT_EQ(json("big: 123456789012345678901234567890\nfrac: 0.1000000000000000055511151231257827"),
              "{\"big\":1.2345678901234567890123456789e+29,\"frac\":0.1000000000000000055511151231257827}");
    EXPECT_EQ(json("a: 1e21\nb: 100000000000000000000\nc: 1e999"),
              "{\"a\":1e+21,\"b\":100000000000000000000,\"c\":1e+999}");
    // Not numbers per SPEC §4: leading zeros, '+', '.5', '1.', hex, Infinity.
    EXPECT_EQ(json("[7]: 05,+1,.5,1.,0x10,Infinity,-05"),
              "[\"05\",\"+1\",\".5\",\"1.\",\"0x10\",\"Infinity\",\"-05\"]");
    EXPECT_EQ(json("[4]: 0.5,0e1,-0.5,-0e1"), "[0.5,0,-0.5,0]");
}

TEST(Decoder, StringsAndEscapes) {
    EXPECT_EQ(json("s: \"a\\\\b\\\"c\\nd\\re\\tf\\u00e9\\u0001\""), "{\"s\":\"a\\\\b\\\"c\\nd\\re\\tf\u00e9\\u0001\"}");
    EXPECT_EQ(json("s: \"\\u20AC\\u20ac\""), "{\"s\":\"\u20ac\u20ac\"}");
    EXPECT_EQ(json("s: caf\u00e9 \xF0\x9F\x98\x80 ok"), "{\"s\":\"caf\u00e9 \xF0\x9F\x98\x80 ok\"}");
    EXPECT_EQ(json("s: -x\nt: a # not a comment\nu: [1"), "{\"s\":\"-x\",\"t\":\"a # not a comment\",\"u\":\"[1\"}");
    EXPECT_EQ(json("s:    padded   "), "{\"s\":\"padded\"}");
    EXPECT_EQ(json("s: \"  kept  \""), "{\"s\":\"  kept  \"}");
    // Only U+0020 is trimmed; NBSP stays.
    EXPECT_EQ(json("s: \xC2\xA0x"), "{\"s\":\"\xC2\xA0x\"}");
}

TEST(Decoder, ArraysAndDelimiterScoping) {
    EXPECT_EQ(json("t[3]: a, b ,\"c,d\""), "{\"t\":[\"a\",\"b\",\"c,d\"]}");
    EXPECT_EQ(json("t[3|]: a|b,c|"), "{\"t\":[\"a\",\"b,c\",\"\"]}");
    EXPECT_EQ(json("t[2\t]: a b\tc|d"), "{\"t\":[\"a b\",\"c|d\"]}");
    // A nested header without a delimiter symbol is comma, whatever its parent.
    EXPECT_EQ(json("o[1|]:\n  - [2]: a|b,c"), "{\"o\":[[\"a|b\",\"c\"]]}");
    EXPECT_EQ(json("l[4]:\n  - 1\n  - [2]: x,y\n  - []\n  -"), "{\"l\":[1,[\"x\",\"y\"],[],{}]}");
    EXPECT_EQ(json("l[1]:\n  - [1]:\n    - [1]: deep"), "{\"l\":[[[\"deep\"]]]}");
}

TEST(Decoder, TablesFieldGroupsAndKeyedTables) {
    EXPECT_EQ(json("u[2]{id,name}:\n  1,Ada\n  2,\"Bob, Jr\"\nnext: 1"),
              "{\"u\":[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Bob, Jr\"}],\"next\":1}");
    EXPECT_EQ(json("o[1]{id,c{name,geo{lat}},t}:\n  1,Ada,52.5,9"),
              "{\"o\":[{\"id\":1,\"c\":{\"name\":\"Ada\",\"geo\":{\"lat\":52.5}},\"t\":9}]}");
    EXPECT_EQ(json("m[2:|]{a|b{c}}:\n  \"k:1\": 1|x\n  k2: 2|y"),
              "{\"m\":{\"k:1\":{\"a\":1,\"b\":{\"c\":\"x\"}},\"k2\":{\"a\":2,\"b\":{\"c\":\"y\"}}}}");
    EXPECT_EQ(json("m[0:]{v}:"), "{\"m\":{}}");
    EXPECT_EQ(json("m[1:]{v}:\n  alice: []"), "{\"m\":{\"alice\":{\"v\":\"[]\"}}}");
    // Rows end at a key-value line at row depth (SPEC §9.3).
    EXPECT_EQ(json("l[1]:\n  - t[1]{a,b}:\n      1,2\n    k: v"), "{\"l\":[{\"t\":[{\"a\":1,\"b\":2}],\"k\":\"v\"}]}");
    EXPECT_EQ(json("\"x-items\"[2]{\"id\",\"a b\"}:\n  1,2\n  3,4"),
              "{\"x-items\":[{\"id\":1,\"a b\":2},{\"id\":3,\"a b\":4}]}");
}

TEST(Decoder, ListItemObjects) {
    EXPECT_EQ(json("i[2]:\n  - id: 1\n    n:\n      x: 1\n  - a[2]: 1,2\n    b: 3"),
              "{\"i\":[{\"id\":1,\"n\":{\"x\":1}},{\"a\":[1,2],\"b\":3}]}");
    EXPECT_EQ(json("i[1]:\n  - o:\n      p: 1\n    q: 2"), "{\"i\":[{\"o\":{\"p\":1},\"q\":2}]}");
    EXPECT_EQ(json("i[1]:\n  - l[1]:\n      - z\n    q: 2"), "{\"i\":[{\"l\":[\"z\"],\"q\":2}]}");
}

TEST(Decoder, CommentsCrLfBomAndBlankLines) {
    EXPECT_EQ(json("a: 1\r\nb:\r\n  c: 2\r\n"), "{\"a\":1,\"b\":{\"c\":2}}");
    EXPECT_EQ(json("a: x\ry"), "{\"a\":\"x\\ry\"}");  // a CR inside a line is content
    EXPECT_EQ(json("\xEF\xBB\xBF"
                   "a: 1"),
              "{\"a\":1}");
    EXPECT_EQ(json("# c\nt[2]{id}:\n  1\n      # deep comment\n  2\n# end"), "{\"t\":[{\"id\":1},{\"id\":2}]}");
    EXPECT_EQ(json("a:\n\n  b: 1\n\nc: 2\n\n"), "{\"a\":{\"b\":1},\"c\":2}");
    EXPECT_EQ(json("t[1]:\n\n  - x"), "{\"t\":[\"x\"]}");  // before the first item: allowed
    EXPECT_EQ(json("a: 1\n     \nb: 2"), "{\"a\":1,\"b\":2}");
}

TEST(Decoder, Options) {
    DecodeOptions four;
    four.indent_size = 4;
    EXPECT_EQ(json("a:\n    b:\n        c: 1", four), "{\"a\":{\"b\":{\"c\":1}}}");
    DecodeOptions one;
    one.indent_size = 1;
    EXPECT_EQ(json("a:\n b:\n  c: 1", one), "{\"a\":{\"b\":{\"c\":1}}}");
    for (int bad : {-1, 257}) {
        DecodeOptions o;
        o.indent_size = bad;
        try {
            decode("a: 1", o);
            ADD_FAILURE() << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::InvalidParameter);
            EXPECT_EQ(std::string(e.what()), "invalid value for parameter \"indent_size\": " + std::to_string(bad));
        }
        EXPECT_THROW(validate("a: 1", o), Error);
    }
}

TEST(Decoder, NonStrictMode) {
    // Last write wins, at the first occurrence's position (SPEC §14.3).
    EXPECT_EQ(json("a: 1\nb: 2\na: 3", lax()), "{\"a\":3,\"b\":2}");
    EXPECT_EQ(json("a:\n  x: 1\na: 2", lax()), "{\"a\":2}");
    EXPECT_EQ(json("t[1]{a,b,a}:\n  1,2,3", lax()), "{\"t\":[{\"a\":3,\"b\":2}]}");
    EXPECT_EQ(json("m[2:]{v}:\n  k: 1\n  k: 2", lax()), "{\"m\":{\"k\":{\"v\":2}}}");
    // Many keys (hash index path) with a late duplicate.
    std::string many;
    for (int i = 0; i < 40; ++i) many += "k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
    many += "k7: last";
    EXPECT_NE(json(many, lax()).find("\"k7\":\"last\",\"k8\":8"), std::string::npos);
    EXPECT_NE(detail(many).find("duplicate key \"k7\""), std::string::npos);
    // Counts are not enforced; blank lines inside arrays are ignored.
    EXPECT_EQ(json("t[5]: a,b\nl[1]:\n  - x\n\n  - y", lax()), "{\"t\":[\"a\",\"b\"],\"l\":[\"x\",\"y\"]}");
    // Indentation: floor(spaces / indentSize); each tab is one level.
    EXPECT_EQ(json("a:\n   b:\n     c: 1", lax()), "{\"a\":{\"b\":{\"c\":1}}}");
    EXPECT_EQ(json("a:\n\tb:\n\t\tc: 1", lax()), "{\"a\":{\"b\":{\"c\":1}}}");
    EXPECT_EQ(json("a:\n    b: 1", lax()), "{\"a\":{\"b\":1}}");  // depth jump accepted
    // Lines failing the header grammar are key-value lines with literal keys (SPEC §6).
    EXPECT_EQ(json("foo[1][bar]: 10\nkey[]: 1,2\nx[03]: y\n[2]: lit", lax()),
              "{\"foo[1][bar]\":10,\"key[]\":\"1,2\",\"x[03]\":\"y\",\"[2]\":\"lit\"}");
}

// ---- errors: one case per class of SPEC §14, with line, column and message --

TEST(DecoderErrors, CountsAndWidths) {  // §14.1
    EXPECT_EQ(detail("tags[2]: a,b,c"), "Line 1, column 10: expected 2 values in the inline array, found 3.");
    EXPECT_EQ(detail("tags[1]: a,b"), "Line 1, column 10: expected 1 value in the inline array, found 2.");
    EXPECT_EQ(detail("items[2]:\n  - a"), "Line 2, column 3: expected 2 list items, found 1.");
    EXPECT_EQ(detail("items[1]:\n  - a\n  - b"), "Line 3, column 3: expected 1 list item, found more.");
    EXPECT_EQ(detail("items[2]{id}:\n  1"), "Line 2, column 3: expected 2 rows in the table, found 1.");
    EXPECT_EQ(detail("items[1]{id}:\n  1\n  2"), "Line 3, column 3: expected 1 row in the table, found more.");
    EXPECT_EQ(detail("items[1]{id,name}:\n  1"),
              "Line 2, column 3: expected 2 values in this row (one per field), found 1.");
    EXPECT_EQ(detail("o[1]{id,c{n,k}}:\n  1,Ada"),
              "Line 2, column 3: expected 3 values in this row (one per field), found 2.");
    EXPECT_EQ(detail("m[2:]{v}:\n  a: 1"), "Line 2, column 3: expected 2 entries in the keyed table, found 1.");
    EXPECT_EQ(detail("m[1:]{a,b}:\n  k: 1"),
              "Line 2, column 6: expected 2 values after the entry key (one per field), found 1.");
    EXPECT_EQ(detail("m[1:]{v}:\n  a:"),
              "Line 2, column 5: expected 1 value after the entry key (one per field), found 0.");
    EXPECT_EQ(detail("p[2]:\n  - [3]: 1,2\n  - [2]: 3,4"),
              "Line 2, column 10: expected 3 values in the inline array, found 2.");
    // Comment lines never count (§5.1).
    EXPECT_EQ(detail("t[2]{id}:\n  #1\n  2"), "Line 3, column 3: expected 2 rows in the table, found 1.");
}

TEST(DecoderErrors, KeysStringsAndEscapes) {  // §14.2
    EXPECT_EQ(detail("a:\n  user"), "Line 2, column 7: expected ':' after the key \"user\".");
    EXPECT_EQ(detail("\"k\" x: 1"), "Line 1, column 5: expected ':' after the key \"k\".");
    EXPECT_EQ(detail("a:\n  \"key: 1"), "Line 2, column 3: unterminated quoted key: expected a closing '\"'.");
    EXPECT_EQ(detail("\"key: 1"), "Line 1, column 1: unterminated string: expected a closing '\"'.");
    EXPECT_EQ(detail("x: \"abc"), "Line 1, column 4: unterminated string: expected a closing '\"'.");
    EXPECT_EQ(detail("x: \"ab\"c"),
              "Line 1, column 8: unexpected characters after the closing quote (expected the end of the value).");
    EXPECT_EQ(detail("x: \"a\\qb\""),
              "Line 1, column 6: invalid escape sequence \"\\q\" (expected \\\\, \\\", \\n, \\r, \\t or \\uXXXX).");
    EXPECT_EQ(detail("x: \"a\\u12\""),
              "Line 1, column 6: invalid \\u escape: expected 4 hexadecimal digits after \\u.");
    EXPECT_EQ(detail("x: \"\\uDBFF\""),
              "Line 1, column 5: invalid \\u escape: \\uDBFF is a surrogate code point (expected a Unicode scalar "
              "value; characters above U+FFFF must be written as UTF-8).");
    EXPECT_EQ(detail("\"a\\x\""),
              "Line 1, column 3: invalid escape sequence \"\\x\" (expected \\\\, \\\", \\n, \\r, "
              "\\t or \\uXXXX).");
    EXPECT_EQ(detail("t[2]: \"a\\x\",b"),
              "Line 1, column 9: invalid escape sequence \"\\x\" (expected \\\\, \\\", "
              "\\n, \\r, \\t or \\uXXXX).");
    EXPECT_EQ(detail("\"k\\t\"[1]: \"\\z\""),
              "Line 1, column 12: invalid escape sequence \"\\z\" (expected \\\\, "
              "\\\", \\n, \\r, \\t or \\uXXXX).");
    // Columns count characters, not bytes.
    EXPECT_EQ(detail("\xC3\xA9t\xC3\xA9: \"\\q\""),
              "Line 1, column 7: invalid escape sequence \"\\q\" (expected "
              "\\\\, \\\", \\n, \\r, \\t or \\uXXXX).");
}

TEST(DecoderErrors, Headers) {  // §6, §14.2
    EXPECT_EQ(detail("items[2\t]{a,b}:\n  1\t2\n  3\t4"),
              "Line 1, column 12: header delimiter mismatch: expected fields separated by tab as declared in the "
              "brackets, found \",\".");
    EXPECT_EQ(detail("i[2|]{a\tb}:\n  1|2\n  3|4"),
              "Line 1, column 8: header delimiter mismatch: expected fields separated by \"|\" as declared in the "
              "brackets, found tab.");
    const std::string length_rule =
        " (expected a non-negative integer without leading zeros, optionally followed by ':' for a keyed header "
        "and by a tab or '|' delimiter).";
    EXPECT_EQ(detail("x[03]: 1"), "Line 1, column 3: invalid array length \"03\"" + length_rule);
    EXPECT_EQ(detail("x[-1]: 1"), "Line 1, column 3: invalid array length \"-1\"" + length_rule);
    EXPECT_EQ(detail("x[bar]: 1"), "Line 1, column 3: invalid array length \"bar\"" + length_rule);
    EXPECT_EQ(detail("key[]: 1,2"), "Line 1, column 5: invalid array length \"\"" + length_rule);
    EXPECT_EQ(detail("m[2|:]{v}:\n  a: 1\n  b: 2"), "Line 1, column 3: invalid array length \"2|:\"" + length_rule);
    EXPECT_EQ(detail("m[2 :]{v}:\n  a: 1\n  b: 2"), "Line 1, column 3: invalid array length \"2 :\"" + length_rule);
    EXPECT_EQ(detail("m[2:,]{v}:\n  a: 1\n  b: 2"), "Line 1, column 3: invalid array length \"2:,\"" + length_rule);
    EXPECT_EQ(detail("m[03:]{v}:\n  a: 1"), "Line 1, column 3: invalid array length \"03:\"" + length_rule);
    EXPECT_EQ(detail("items[1]{}:\n  1"), "Line 1, column 10: expected a field name in the field list.");
    EXPECT_EQ(detail("items[1]{id,meta{}}:\n  1"), "Line 1, column 18: expected a field name in the field list.");
    EXPECT_EQ(detail("items[1]{id,c{name:\n  1,Ada"), "Line 1, column 9: expected '}' to close the field list.");
    EXPECT_EQ(detail("i[1]{a,b {c}}:\n  1,2"),
              "Line 1, column 9: expected '{' right after the field name, found whitespace.");
    EXPECT_EQ(detail("i[1]{a{b}c}:\n  1"),
              "Line 1, column 10: expected a delimiter or '}' after the nested field group.");
    EXPECT_EQ(detail("m[2:]:\n  a: 1\n  b: 2"),
              "Line 1, column 6: expected a field list {...} before ':' in a keyed header.");
    EXPECT_EQ(detail("items[2]{a,b}: 1,2"),
              "Line 1, column 16: expected nothing after ':' of a header with a field list, found \"1,2\".");
    EXPECT_EQ(detail("m[1:]{v}: x\n  a: 1"),
              "Line 1, column 11: expected nothing after ':' of a header with a field list, found \"x\".");
    EXPECT_EQ(detail("foo[1][bar]: 10"),
              "Line 1, column 7: expected ':' right after the array header, found \"[bar]\".");
    EXPECT_EQ(detail("foo[2]extra: a,b"),
              "Line 1, column 7: expected ':' right after the array header, found \"extra\".");
    EXPECT_EQ(detail("items[2] :\n  1,2"),
              "Line 1, column 9: expected ':' right after the array header, found whitespace.");
    EXPECT_EQ(detail("items[2] {a,b}:\n  1,2\n  3,4"),
              "Line 1, column 9: expected '{' or ':' right after ']', found whitespace.");
    EXPECT_EQ(detail("items [2]: 1,2"), "Line 1, column 6: expected '[' right after the key, found whitespace.");
    EXPECT_EQ(detail("x[2: a"), "Line 1, column 2: expected ']' to close the array length.");
    EXPECT_EQ(detail("items[1]{a,a{x}}:\n  1,2"),
              "Line 1, column 12: duplicate field name \"a\" in the field list (strict mode requires distinct names).");
}

TEST(DecoderErrors, KeylessHeadersAndKeyedScopes) {  // §6, §9.5, §14.2
    const std::string keyless =
        "a keyless array header is only valid as the document root or after \"- \" (expected a key before '[').";
    EXPECT_EQ(detail("a:\n  [2]: 1,2"), "Line 2, column 3: " + keyless);
    EXPECT_EQ(detail("a: 1\n[2]: x,y"), "Line 2, column 1: " + keyless);
    EXPECT_EQ(detail("items[1]:\n  - [2]{x}:\n    1\n    2"),
              "Line 2, column 5: a keyless header with a field list is only valid as the document root (expected a "
              "key before '[').");
    EXPECT_EQ(detail("items[1]:\n  - [2:]{v}:\n      a: 1\n      b: 2"),
              "Line 2, column 5: a keyless keyed header is only valid as the document root (expected a key before "
              "'[').");
    EXPECT_EQ(detail("a:\n  [1:]{v}:\n    k: 1"),
              "Line 2, column 3: a keyless keyed header is only valid as the document root (expected a key before "
              "'[').");
    EXPECT_EQ(detail("m[2:]{v}:\n  a: 1\n  5"),
              "Line 3, column 3: expected an entry row \"key: values\" of the keyed table, found no ':'.");
}

TEST(DecoderErrors, IndentationAndBlankLines) {  // §12, §8, §14.2
    EXPECT_EQ(detail("a:\n   b: 1"), "Line 2, column 4: expected indentation in multiples of 2 spaces, found 3.");
    DecodeOptions four;
    four.indent_size = 4;
    EXPECT_EQ(detail("a:\n  b: 1", four), "Line 2, column 3: expected indentation in multiples of 4 spaces, found 2.");
    const std::string tab =
        "expected spaces for indentation, found a tab (tabs are not allowed in indentation in strict mode).";
    EXPECT_EQ(detail("a:\n\tb: 1"), "Line 2, column 1: " + tab);
    EXPECT_EQ(detail("a:\n  \tb: 1"), "Line 2, column 3: " + tab);
    EXPECT_EQ(detail("a: 1\n\t# not a comment"), "Line 2, column 1: " + tab);
    const std::string blank =
        "expected the next item, row or entry of the array, found a blank line (blank lines are not allowed inside "
        "an array in strict mode).";
    EXPECT_EQ(detail("items[2]:\n  - a\n\n  - b"), "Line 3, column 1: " + blank);
    EXPECT_EQ(detail("t[2]{id}:\n  1\n   \n  2"), "Line 3, column 1: " + blank);
    EXPECT_EQ(detail("m[2:]{v}:\n  a: 1\n\n  b: 2"), "Line 3, column 1: " + blank);
    EXPECT_EQ(detail("i[1]:\n  - a: 1\n\n    b: 2"), "Line 3, column 1: " + blank);
    EXPECT_EQ(detail("o[2]:\n  - i[2]{a}:\n\n      1\n      2\n  - x"), "Line 3, column 1: " + blank);
    EXPECT_EQ(detail("a:\n    b: 1"),
              "Line 2, column 5: expected indentation of 2 spaces (depth 1), found 4 (indentation may increase by "
              "one level only).");
    EXPECT_EQ(detail("t[1]{a}:\n      1"),
              "Line 2, column 7: expected indentation of 2 spaces (depth 1), found 6 (indentation may increase by "
              "one level only).");
    const std::string over = " (a line may only be deeper than the previous one when that line opens a block).";
    EXPECT_EQ(detail("a: 1\n  b: 2"), "Line 2, column 3: expected indentation of 0 spaces (depth 0), found 2" + over);
    EXPECT_EQ(detail("  a: 1"), "Line 1, column 3: expected indentation of 0 spaces (depth 0), found 2" + over);
    EXPECT_EQ(detail("a:\n  b: 1\n      c: 2"),
              "Line 3, column 7: expected indentation of 2 spaces (depth 1), found 6" + over);
    EXPECT_EQ(detail("u[1]{a}:\n  1\n    junk: 9"),
              "Line 3, column 5: expected indentation of 0 spaces (depth 0), found 4" + over);
}

TEST(DecoderErrors, RootFormAndScalarLines) {  // §5, §14.2
    EXPECT_EQ(detail("[2]: 1,2\njunk: 3"),
              "Line 2, column 1: expected the end of the document after a root array, found more content.");
    EXPECT_EQ(detail("[2:]{v}:\n  a: 1\n  b: 2\njunk: 3"),
              "Line 4, column 1: expected the end of the document after a root object in keyed tabular form, found "
              "more content.");
    EXPECT_EQ(detail("[]\njunk: 3"),
              "Line 2, column 1: expected the end of the document after an empty root array, found more content.");
    EXPECT_EQ(detail("hello\nworld"),
              "Line 1, column 1: expected a key-value line or an array header, found a bare value (a single value "
              "is a valid document only on its own).");
    EXPECT_EQ(detail("items[2]:\n  - a\n  b"), "Line 2, column 3: expected 2 list items, found 1.");
    EXPECT_EQ(detail("a:\n  b: 1\n  loose"), "Line 3, column 8: expected ':' after the key \"loose\".");
}

TEST(DecoderErrors, DuplicateKeysInStrictMode) {  // §14.3
    const std::string dup = " (strict mode requires distinct keys in an object).";
    EXPECT_EQ(detail("name: Ada\nname: Bob"), "Line 2, column 1: duplicate key \"name\"" + dup);
    EXPECT_EQ(detail("o:\n  a: 1\n  \"a\": 2"), "Line 3, column 3: duplicate key \"a\"" + dup);
    EXPECT_EQ(detail("a[1]: x\na: 2"), "Line 2, column 1: duplicate key \"a\"" + dup);
    EXPECT_EQ(detail("m[2:]{v}:\n  a: 1\n  a: 2"), "Line 3, column 3: duplicate key \"a\"" + dup);
    EXPECT_EQ(detail("i[1]:\n  - id: 1\n    id: 2"), "Line 3, column 5: duplicate key \"id\"" + dup);
    EXPECT_EQ(detail("i[1]:\n  - t[1]{a}:\n      1\n    t: 2"), "Line 4, column 5: duplicate key \"t\"" + dup);
    // The same key in different objects is fine.
    EXPECT_EQ(json("a:\n  x: 1\nb:\n  x: 2"), "{\"a\":{\"x\":1},\"b\":{\"x\":2}}");
}

// ---- UTF-8 --------------------------------------------------------------------

TEST(Utf8, FindsTheFirstIllFormedSequence) {
    EXPECT_EQ(find_invalid_utf8("plain ascii"), std::string_view::npos);
    EXPECT_EQ(find_invalid_utf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF"), std::string_view::npos);
    EXPECT_EQ(find_invalid_utf8("ab\x80"), 2u);             // lone continuation byte
    EXPECT_EQ(find_invalid_utf8("a\xC0\xAF"), 1u);          // overlong 2-byte
    EXPECT_EQ(find_invalid_utf8("a\xE0\x80\xAF"), 1u);      // overlong 3-byte
    EXPECT_EQ(find_invalid_utf8("a\xF0\x80\x80\xAF"), 1u);  // overlong 4-byte
    EXPECT_EQ(find_invalid_utf8("a\xED\xA0\x80"), 1u);      // surrogate U+D800
    EXPECT_EQ(find_invalid_utf8("a\xF4\x90\x80\x80"), 1u);  // above U+10FFFF
    EXPECT_EQ(find_invalid_utf8("a\xF5\x80\x80\x80"), 1u);
    EXPECT_EQ(find_invalid_utf8("abc\xE2\x82"), 3u);  // truncated at the end
    EXPECT_EQ(find_invalid_utf8("abc\xC3(x"), 3u);
    EXPECT_EQ(find_invalid_utf8(std::string(100, 'x') + "\xFF"), 100u);  // after the 8-byte fast path
    EXPECT_EQ(find_invalid_utf8(std::string("\0\0", 2)), std::string_view::npos);
    // A bad byte at every offset, after a valid accented letter at every offset.
    for (std::size_t before = 0; before < 20; ++before)
        for (std::size_t bad = before + 2; bad < 40; ++bad) {
            std::string s(48, 'x');
            s.replace(before, 2, "\xC3\xA9");
            s[bad] = '\xFF';
            EXPECT_EQ(find_invalid_utf8(s), bad) << before << " " << bad;
            s[bad] = 'y';
            EXPECT_EQ(find_invalid_utf8(s), std::string_view::npos) << before;
        }
}

TEST(Utf8, DecodeReportsLineAndColumn) {
    const Error e = error_of("a: 1\nb: \xC3\xA9\xC3(");
    EXPECT_EQ(e.code(), ErrorCode::InvalidUtf8);
    EXPECT_STREQ(e.what(), "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28");
    EXPECT_EQ(e.detail(), "Line 2, column 5: ill-formed UTF-8 (TOON text must be well-formed UTF-8).");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.column(), 5);
    EXPECT_EQ(error_of("k: \xED\xA0\x80", lax()).code(), ErrorCode::InvalidUtf8);  // non-strict too
    EXPECT_EQ(error_of("# comment \xFF\nk: 1").code(), ErrorCode::InvalidUtf8);    // even in a comment
}

// ---- limits and cancellation --------------------------------------------------

TEST(DecoderLimits, SixThousandLevelsOfIndentationDecode) {
    std::string doc, expected_open, expected_close;
    for (int i = 0; i < 6000; ++i) {
        doc += std::string(2 * i, ' ') + "k:\n";
        expected_open += "{\"k\":";
        expected_close += "}";
    }
    doc += std::string(2 * 6000, ' ') + "leaf: 1";
#ifdef __SANITIZE_ADDRESS__
    // AddressSanitizer's frames (about 1 KB per level here, depending on the
    // compiler's inlining) may exceed the parser's stack budget: then a clean error.
    try {
        EXPECT_EQ(json(doc), expected_open + "{\"leaf\":1}" + expected_close);
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::StackDepth); }
#else
    EXPECT_EQ(json(doc), expected_open + "{\"leaf\":1}" + expected_close);
#endif
    // Nested lists.
    std::string lists = "l[1]:\n";
    for (int i = 1; i < 6000; ++i) lists += std::string(2 * i, ' ') + "- [1]:\n";
    lists += std::string(2 * 6000, ' ') + "- x";
#ifdef __SANITIZE_ADDRESS__
    // AddressSanitizer's larger frames exceed the parser's stack budget: a clean error.
    try {
        validate(lists);
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::StackDepth); }
#else
    EXPECT_NO_THROW(validate(lists));
    EXPECT_EQ(decode(lists).kind, Kind::Object);
#endif
}

TEST(DecoderLimits, ExcessiveNestingIsACleanError) {
    DecodeOptions one;
    one.indent_size = 1;
    std::string doc;
    for (int i = 0; i < 10050; ++i) doc += std::string(i, ' ') + "k:\n";
    doc += std::string(10050, ' ') + "leaf: 1";
#ifndef __SANITIZE_ADDRESS__
    const Error e = error_of(doc, one);
    EXPECT_EQ(e.code(), ErrorCode::StackDepth);
    EXPECT_EQ(std::string(e.what()), "toon document nested too deeply");
#else
    // Under ASan frames are larger: an entry point may run out of its stack
    // budget before the nesting limit, and which one does depends on its
    // frame sizes; each still stops with a clean StackDepth error.
    const auto code = [&](auto&& run) {
        try {
            run();
        } catch (const Error& e) { return e.code(); }
        return ErrorCode::Internal;
    };
    std::string out;
    EXPECT_EQ(code([&] { decode(doc, one); }), ErrorCode::StackDepth);
    EXPECT_EQ(code([&] { validate(doc, one); }), ErrorCode::StackDepth);
    EXPECT_EQ(code([&] { decode_to_json(doc, one, out); }), ErrorCode::StackDepth);
    EXPECT_EQ(code([&] { decode_document(doc, one); }), ErrorCode::StackDepth);
#endif
    // Deep nested field groups in one header line.
    std::string groups = "t[1]{";
    for (int i = 0; i < 20000; ++i) groups += "a{";
    groups += "b" + std::string(20000, '}') + "}:\n  1";
    EXPECT_EQ(error_of(groups).code(), ErrorCode::StackDepth);
}

TEST(DecoderLimits, HugeDeclaredLengthsDoNotPreallocate) {
    EXPECT_EQ(detail("t[99999999999999999999]: a"),
              "Line 1, column 26: expected 18446744073709551615 values in the inline array, found 1.");
    EXPECT_EQ(json("t[4000000000]:", lax()), "{\"t\":[]}");
}

namespace {
int g_polls = 0;
bool cancel_after_some_polls() { return ++g_polls > 3; }
}  // namespace

TEST(DecoderLimits, PollsForCancellation) {
    std::string doc = "rows[100000]{id,name}:\n";
    for (int i = 0; i < 100000; ++i) doc += "  " + std::to_string(i) + ",name\n";
    InterruptHooks hooks;
    hooks.cancel_pending = cancel_after_some_polls;
    for (int mode = 0; mode < 3; ++mode) {
        g_polls = 0;
        set_interrupt_hooks(hooks);
        try {
            if (mode == 0) decode(doc);
            else if (mode == 1) validate(doc);
            else {
                std::string out;
                decode_to_json(doc, {}, out);
            }
            ADD_FAILURE() << "not canceled, mode " << mode;
        } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::Canceled); }
        set_interrupt_hooks(InterruptHooks{});
    }
    // A single enormous line is polled too.
    g_polls = 0;
    set_interrupt_hooks(hooks);
    EXPECT_THROW(validate("t[1]: \"" + std::string(8 << 20, 'x') + "\""), Error);
    set_interrupt_hooks(InterruptHooks{});
}

// ---- JSON writer --------------------------------------------------------------

TEST(JsonWriter, EscapesAndNumbers) {
    Value v = Value::object();
    v.members.emplace_back("k\"\\", Value::string("\x01\b\f\n\r\t\x1f\x7f \xC3\xA9 \"q\" \\ /"));
    v.members.emplace_back("n", Value::number("1e+21"));
    v.members.emplace_back("a", Value::array());
    v.members.back().second.items.push_back(Value::null());
    v.members.back().second.items.push_back(Value::from_bool(false));
    v.members.back().second.items.push_back(Value::object());
    EXPECT_EQ(write_json(v),
              "{\"k\\\"\\\\\":\"\\u0001\\b\\f\\n\\r\\t\\u001f\x7f \xC3\xA9 \\\"q\\\" \\\\ /\",\"n\":1e+21,"
              "\"a\":[null,false,{}]}");
    std::string long_text(1000, 'a');
    long_text[997] = '"';
    EXPECT_EQ(write_json(Value::string(long_text)), "\"" + long_text.substr(0, 997) + "\\\"aa\"");
    std::string out = "x";
    write_json_into(Value::array(), out);
    EXPECT_EQ(out, "x[]");
}

TEST(JsonWriter, DeepValuesAreWrittenIteratively) {
    Value root = Value::array();
    Value* cur = &root;
    for (int i = 0; i < 100000; ++i) {
        cur->items.push_back(Value::array());
        cur = &cur->items.back();
    }
    const std::string text = write_json(root);
    EXPECT_EQ(text.size(), 200002u);
    // Dismantle iteratively: the recursive destructor is not under test here.
    std::vector<Value> chain;
    chain.reserve(100001);
    Value node = std::move(root);
    while (!node.items.empty()) {
        Value next = std::move(node.items.back());
        node.items.clear();
        node = std::move(next);
    }
}

TEST(DecoderIndentInference, UsesTheFirstIndentedContentLine) {
    EXPECT_EQ(infer_indent_size("a: 1\nb: 2"), 2);
    EXPECT_EQ(infer_indent_size(""), 2);
    EXPECT_EQ(infer_indent_size("a:\n    b: 1"), 4);
    EXPECT_EQ(infer_indent_size("# c\n      # indented comment\n\n   \na:\n   b:\n      c: 1"), 3);
    EXPECT_EQ(infer_indent_size("rows[1]{a}:\n\t1"), 2);  // tabs are not indentation
    EXPECT_EQ(infer_indent_size("a:\n" + std::string(300, ' ') + "b: 1"), 256);
}

TEST(DecoderIndentInference, IndentSizeZeroDecodesInTheDocumentsOwnUnit) {
    DecodeOptions inferred;
    inferred.indent_size = 0;
    for (int indent : {1, 2, 3, 4, 8}) {
        const std::string pad(indent, ' ');
        const std::string doc =
            "a:\n" + pad + "b:\n" + pad + pad + "c: 1\nrows[2]{x,y}:\n" + pad + "1,2\n" + pad + "3,4";
        DecodeOptions explicit_size;
        explicit_size.indent_size = indent;
        EXPECT_EQ(decode(doc, inferred), decode(doc, explicit_size)) << indent;
        EXPECT_NO_THROW(validate(doc, inferred)) << indent;
    }
    // Still strict: a unit of 2 set by the first indented line, then a jump of 4.
    EXPECT_THROW(validate("a:\n  b:\n      c: 1", inferred), Error);
    DecodeOptions negative;
    negative.indent_size = -1;
    EXPECT_THROW(validate("a: 1", negative), Error);
}

// Issue 7, defect 2: JSON repeats a table's field names on every row; the
// writer stops as soon as its output passes max_output, and a tree past
// max_tree_bytes stops too (ProgramLimit).
TEST(DecoderLimits, JsonOutputStopsAtTheLimit) {
    std::string doc = "t[2000]{" + std::string(10000, 'k') + "}:";
    for (int i = 0; i < 2000; ++i) doc += "\n  1";
    DecodeOptions options;
    options.max_output = 100000;
    std::string out;
    try {
        decode_to_json(doc, options, out);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
    EXPECT_LE(out.size(), options.max_output + 10020);  // at most one member past the limit
    out.clear();
    options.max_output = 20014007;  // exactly {"t":[ + 2000 x {"k...":1} + 1999 commas + ]}
    decode_to_json(doc, options, out);
    EXPECT_EQ(out, write_json(decode(doc)));
    out.clear();
    options.max_output = 20014006;
    EXPECT_THROW(decode_to_json(doc, options, out), Error);
}

TEST(DecoderLimits, TreeStopsAtTheBudget) {
    std::string doc = "t[10000]{a,b}:";
    for (int i = 0; i < 10000; ++i) doc += "\n  1,2";
    DecodeOptions options;
    options.max_tree_bytes = 100000;
    try {
        decode(doc, options);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
    options.max_tree_bytes = 100000000;
    EXPECT_EQ(decode(doc, options).members.size(), 1u);
    std::string many = "[";
    for (int i = 0; i < 10000; ++i) many += i ? ",1" : "1";
    many += "]";
    EXPECT_THROW(parse_json(many, 100000), Error);
    EXPECT_EQ(parse_json(many, 10000000).items.size(), 10000u);
}

// Working memory (docs/hardening.md, "Working memory"): values are never
// listed, and what the decoder does keep (keys of open objects, a field list)
// counts against max_work_bytes.
namespace {
// The ProgramLimit error of every decode path (validate, JSON, both trees).
void expect_work_limit(const std::string& doc, const DecodeOptions& options) {
    const auto check = [&](auto&& run, const char* path) {
        try {
            run();
            ADD_FAILURE() << path << " accepted";
        } catch (const Error& e) {
            EXPECT_EQ(e.code(), ErrorCode::ProgramLimit) << path << ": " << e.what();
            EXPECT_STREQ(e.what(), "document exceeds the decoder's working memory limit") << path;
        }
    };
    check([&] { validate(doc, options); }, "validate");
    check(
        [&] {
            std::string out;
            decode_to_json(doc, options, out);
        },
        "decode_to_json");
    check([&] { decode_document(doc, options); }, "decode_document");
    check([&] { decode(doc, options); }, "decode");
}
}  // namespace

TEST(DecoderWorkingMemory, KeysOfAnOpenObjectCount) {
    std::string doc;
    for (int i = 0; i < 20000; ++i) doc += "k" + std::to_string(i) + ": 1\n";
    DecodeOptions options;
    options.max_work_bytes = 1 << 20;  // ~100 bytes a key: 20,000 keys need about 2 MB
    expect_work_limit(doc, options);
    options.max_work_bytes = 4 << 20;
    EXPECT_NO_THROW(validate(doc, options));
    EXPECT_EQ(decode_document(doc, options).root().members().size(), 20000u);
}

TEST(DecoderWorkingMemory, ClosedObjectsGiveTheirKeysBack) {
    // 5,000 objects of 40 keys (hash-indexed past 16): 200,000 keys in all,
    // about 40 x 100 bytes open at any time.
    std::string doc = "items[5000]:\n";
    for (int i = 0; i < 5000; ++i)
        for (int k = 0; k < 40; ++k)
            doc += (k ? "    k" : "  - k") + std::to_string(k) + ": " + std::to_string(i) + "\n";
    DecodeOptions options;
    options.max_work_bytes = 64 << 10;
    EXPECT_NO_THROW(validate(doc, options));
    std::string out;
    EXPECT_NO_THROW(decode_to_json(doc, options, out));
    EXPECT_EQ(decode_document(doc, options).root().members()[0].second.items().size(), 5000u);
    options.max_work_bytes = 2 << 10;  // but one object's 40 keys do not fit in 2 KB
    expect_work_limit(doc, options);
}

TEST(DecoderWorkingMemory, AFieldListCounts) {
    std::string doc = "t[1]{";
    for (int i = 0; i < 20000; ++i) doc += (i ? ",f" : "f") + std::to_string(i);
    doc += "}:\n  1";
    for (int i = 1; i < 20000; ++i) doc += ",1";
    DecodeOptions options;
    options.max_work_bytes = 1 << 20;  // > 100 bytes a field: 20,000 fields need over 2 MB
    expect_work_limit(doc, options);
    options.max_work_bytes = 16 << 20;
    EXPECT_EQ(decode_document(doc, options).root().members()[0].second.items()[0].members().size(), 20000u);
}

TEST(DecoderWorkingMemory, ValuesAreNotListed) {
    // Under a 64 KB budget: an inline array and a row each far larger than
    // that, and a row with far more cells than fields (reported in full).
    DecodeOptions options;
    options.max_work_bytes = 64 << 10;
    std::string inline_array = "a[200000]: 1";
    for (int i = 1; i < 200000; ++i) inline_array += ",1";
    EXPECT_NO_THROW(validate(inline_array, options));
    EXPECT_EQ(decode_document(inline_array, options).root().members()[0].second.items().size(), 200000u);
    std::string row = "t[1]{a,b}:\n  1";
    for (int i = 1; i < 200000; ++i) row += ",1";
    EXPECT_EQ(detail(row, options), "Line 2, column 3: expected 2 values in this row (one per field), found 200000.");
    std::string keyed = "t[1:]{a,b}:\n  x: 1";
    for (int i = 1; i < 200000; ++i) keyed += ",1";
    EXPECT_EQ(detail(keyed, options),
              "Line 2, column 6: expected 2 values after the entry key (one per field), found 200000.");
}

TEST(DecoderWorkingMemory, InlineArrayCountAfterItsValues) {
    // The values are checked as they stream: a bad value is reported before
    // a wrong count, as the reference decoder does; a count alone as before.
    EXPECT_EQ(detail("a[3]: 1,2"), "Line 1, column 7: expected 3 values in the inline array, found 2.");
    EXPECT_EQ(detail("a[5]: 1,\"x,2"), detail("a[2]: 1,\"x,2"));
}

TEST(DocumentBuilderLimits, WorkingStacksCountWithTheTree) {
    // A root list's items wait on the builder's stack until it closes: 100,000
    // one-byte items take 1.6 MB there (3.2 MB counted with keys), though
    // the finished tree is 1.6 MB.
    std::string doc = "[100000]:";
    for (int i = 0; i < 100000; ++i) doc += "\n  - 1";
    DecodeOptions options;
    options.max_tree_bytes = 3 << 20;
    try {
        decode_document(doc, options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ProgramLimit);
        EXPECT_STREQ(e.what(), "document tree exceeds the memory limit");
    }
    options.max_tree_bytes = 16 << 20;
    EXPECT_EQ(decode_document(doc, options).root().items().size(), 100000u);
}
