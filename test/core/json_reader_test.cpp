// parse_json(): RFC 8259 strictness, key order, duplicates, escapes, UTF-8,
// error positions, lossless numbers and deep input.
#include <gtest/gtest.h>

#include <string>

#include "error.hpp"
#include "encode.hpp"
#include "json.hpp"
#include "json_tape.hpp"

using namespace toon::core;

namespace {

// The Error parse_json throws for `text` (fails the test when none is thrown).
Error parse_error(const std::string& text) {
    try {
        parse_json(text);
    } catch (const Error& e) { return e; }
    ADD_FAILURE() << "no error for: " << text.substr(0, 80);
    return Error(ErrorCode::Internal, "none");
}

}  // namespace

TEST(JsonReader, Scalars) {
    EXPECT_EQ(parse_json("null"), Value::null());
    EXPECT_EQ(parse_json(" true "), Value::from_bool(true));
    EXPECT_EQ(parse_json("false"), Value::from_bool(false));
    EXPECT_EQ(parse_json("\"hi\""), Value::string("hi"));
    EXPECT_EQ(parse_json("\n\t\r 42 \n"), Value::number("42"));
}

TEST(JsonReader, KeepsKeyOrder) {
    Value v = parse_json(R"({"b":1,"a":2,"10":3,"2":4})");
    ASSERT_EQ(v.kind, Kind::Object);
    ASSERT_EQ(v.members.size(), 4u);
    EXPECT_EQ(v.members[0].first, "b");
    EXPECT_EQ(v.members[1].first, "a");
    EXPECT_EQ(v.members[2].first, "10");
    EXPECT_EQ(v.members[3].first, "2");
}

TEST(JsonReader, DuplicateKeyKeepsLastValueAtFirstPosition) {
    Value v = parse_json(R"({"a":1,"b":2,"a":{"x":[3]}})");
    ASSERT_EQ(v.members.size(), 2u);
    EXPECT_EQ(v.members[0].first, "a");
    EXPECT_EQ(v.members[0].second, parse_json(R"({"x":[3]})"));
    EXPECT_EQ(v.members[1].first, "b");
}

TEST(JsonReader, DuplicateKeysInLargeObjectsUseTheIndex) {
    std::string text = "{";
    for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    text += "\"k7\":\"last\",\"k99\":null}";
    Value v = parse_json(text);
    ASSERT_EQ(v.members.size(), 100u);
    EXPECT_EQ(v.members[7].second, Value::string("last"));
    EXPECT_EQ(v.members[99].second, Value::null());
    EXPECT_EQ(v.members[8].second, Value::number("8"));
}

TEST(JsonReader, DuplicateKeysWithNestedContainers) {
    Value v = parse_json(R"({"a":{"x":1},"b":[{"a":1,"a":[2]}],"a":{"y":[1,{"z":2,"z":3}]},"c":0})");
    EXPECT_EQ(v, parse_json(R"({"a":{"y":[1,{"z":3}]},"b":[{"a":[2]}],"c":0})"));
    std::string big = "{";
    for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i % 20) + "\":{\"v\":[" + std::to_string(i) + "]},";
    big += "\"end\":true}";
    Value w = parse_json(big);
    ASSERT_EQ(w.members.size(), 21u);
    EXPECT_EQ(w.members[3].first, "k3");
    EXPECT_EQ(w.members[3].second, parse_json("{\"v\":[23]}"));
}

TEST(JsonReader, ProtoKeyIsAnOrdinaryKey) {
    Value v = parse_json(R"({"__proto__":{"a":1},"":2})");
    ASSERT_EQ(v.members.size(), 2u);
    EXPECT_EQ(v.members[0].first, "__proto__");
    EXPECT_EQ(v.members[1].first, "");
}

TEST(JsonReader, Escapes) {
    EXPECT_EQ(parse_json(R"("a\"b\\c\/d\b\f\n\r\t")").text, "a\"b\\c/d\b\f\n\r\t");
    EXPECT_EQ(parse_json(R"("\u0041\u00e9\u20AC")").text, "A\xC3\xA9\xE2\x82\xAC");
    EXPECT_EQ(parse_json(R"("\ud83d\ude00")").text, "\xF0\x9F\x98\x80");
    EXPECT_EQ(parse_json(R"("\u0000")").text, std::string(1, '\0'));
}

TEST(JsonReader, LoneSurrogatesAreErrors) {
    EXPECT_EQ(parse_error(R"("\ud83d")").code(), ErrorCode::InvalidSyntax);
    EXPECT_EQ(parse_error(R"("\ude00")").code(), ErrorCode::InvalidSyntax);
    EXPECT_EQ(parse_error(R"("\ud83d\u0041")").code(), ErrorCode::InvalidSyntax);
    EXPECT_EQ(parse_error(R"("\ud83dx")").code(), ErrorCode::InvalidSyntax);
}

TEST(JsonReader, Utf8IsValidated) {
    EXPECT_EQ(parse_json("\"\xC3\xA9\xF0\x9F\x98\x80\"").text, "\xC3\xA9\xF0\x9F\x98\x80");
    for (const char* bad : {"\"\xC3\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xFF\"",
                            "\"\xE2\x82\"", "\"\x80\""}) {
        Error e = parse_error(bad);
        EXPECT_EQ(e.code(), ErrorCode::InvalidUtf8) << bad;
        EXPECT_EQ(e.line(), 1);
        EXPECT_EQ(e.column(), 2);
    }
}

TEST(JsonReader, SyntaxErrorsCarryLineAndColumn) {
    Error e = parse_error("{\n  \"a\": 1,\n  \"b\" 2\n}");
    EXPECT_EQ(e.code(), ErrorCode::InvalidSyntax);
    EXPECT_STREQ(e.what(), "invalid input syntax for type json");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
    EXPECT_EQ(e.detail(), "Line 3, column 7: expected ':' after object key.");

    Error u = parse_error("[\"\xC3\xA9\xC3\xA9\", x]");
    EXPECT_EQ(u.line(), 1);
    EXPECT_EQ(u.column(), 8);  // columns count code points, not bytes
}

TEST(JsonReader, RejectsWhatRfc8259Rejects) {
    for (const char* bad : {"",
                            " ",
                            "[1,]",
                            "{\"a\":1,}",
                            "[1 2]",
                            "01",
                            "1.",
                            ".5",
                            "-",
                            "+1",
                            "1e",
                            "1e+",
                            "0x10",
                            "NaN",
                            "Infinity",
                            "tru",
                            "nul",
                            "'a'",
                            "\"a",
                            "\"a\tb\"",
                            "\"\\x\"",
                            "\"\\u12\"",
                            "\"\\u12g4\"",
                            "{a:1}",
                            "{\"a\"}",
                            "[",
                            "]",
                            "{}}",
                            "1 2",
                            "\xEF\xBB\xBF{}",
                            "[1]x",
                            "{\"a\":1 \"b\":2}",
                            "/*c*/1"}) {
        EXPECT_EQ(parse_error(bad).code(), ErrorCode::InvalidSyntax) << "input: " << bad;
    }
}

TEST(JsonReader, NumbersAreCanonicalAndLossless) {
    EXPECT_EQ(parse_json("1e6").text, "1000000");
    EXPECT_EQ(parse_json("1.50").text, "1.5");
    EXPECT_EQ(parse_json("-0").text, "0");
    EXPECT_EQ(parse_json("-0.0e5").text, "0");
    EXPECT_EQ(parse_json("1E+2").text, "100");
    EXPECT_EQ(parse_json("12345678901234567890").text, "12345678901234567890");
    EXPECT_EQ(parse_json("0.1000000000000000055511151231257827").text, "0.1000000000000000055511151231257827");
    EXPECT_EQ(parse_json("1e21").text, "1e+21");
    EXPECT_EQ(parse_json("1e-7").text, "1e-7");
    EXPECT_EQ(parse_json("0.000001").text, "0.000001");
    EXPECT_EQ(parse_json("[-12.5e-1]").items.at(0).text, "-1.25");
}

TEST(JsonReader, DeepNestingIsIterative) {
    const int depth = 60000;
    std::string text(depth, '[');
    text += "{\"k\":true}";
    text.append(depth, ']');
    Value v = parse_json(text);
    const Value* p = &v;
    int levels = 0;
    while (p->kind == Kind::Array) {
        p = &p->items.at(0);
        ++levels;
    }
    EXPECT_EQ(levels, depth);
    EXPECT_EQ(p->members.at(0).first, "k");
}

TEST(JsonReader, NestingBeyondTheLimitIsACleanError) {
    std::string text(100001, '[');
    text += '1';
    text.append(100001, ']');
    EXPECT_EQ(parse_error(text).code(), ErrorCode::StackDepth);
}

// parse_json_tape() reads the same language with the same errors.
TEST(JsonTape, SameErrorsAsParseJson) {
    for (const char* bad : {"", "[1,]", "01", "\"\\ud800\"", "{\"a\" 1}", "[1 2]", "\"\xC3\"", "nul"}) {
        Error a = parse_error(bad);
        try {
            parse_json_tape(bad);
            ADD_FAILURE() << "no error for: " << bad;
        } catch (const Error& b) {
            EXPECT_EQ(a.code(), b.code()) << bad;
            EXPECT_EQ(a.detail(), b.detail()) << bad;
        }
    }
}

TEST(JsonTape, EncodesLikeTheValueTree) {
    for (const char* json : {R"({"a":1,"b":[{"x":1,"y":"s"},{"x":2,"y":"t"}],"a":{"k":[]},"c":{}})",
                             R"([1,"two",[3,[4]],{"five":5},[],{},null,true,false,-0,1.50e3])",
                             R"({"m":{"p":{"q":1},"r":{"q":2}}})", R"("\ufeffx")", R"(12345678901234567890)",
                             R"({"k0":0,"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,
                                 "k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k3":"again"})"}) {
        for (char d : {',', '|', '\t'}) {
            EncodeOptions o;
            o.delimiter = d;
            std::string via_tape;
            encode_into(parse_json_tape(json), o, via_tape);
            EXPECT_EQ(via_tape, encode(parse_json(json), o)) << json;
        }
    }
}

TEST(JsonTape, DeepNesting) {
    std::string text(60000, '[');
    text += "1";
    text.append(60000, ']');
    JsonTape tape = parse_json_tape(text);
    EXPECT_EQ(tape.nodes.size(), 60001u);
    EXPECT_EQ(tape.nodes[tape.root].kind, Kind::Array);
}

// The tape counts every buffer at the capacity its growth gives it: past
// max_bytes the parse stops with ProgramLimit (SQL: 1 GB), below it parses.
TEST(JsonTape, StopsAtItsByteLimit) {
    std::string json = "[";
    for (int i = 0; i < 100000; ++i) json += i ? ",1" : "1";
    json += "]";
    // 100,000 values: 1.6 MB of nodes and 1.6 MB of slots at least.
    try {
        parse_json_tape(json, 1 << 20);
        FAIL() << "no error";
    } catch (const toon::core::Error& e) {
        EXPECT_EQ(e.code(), toon::core::ErrorCode::ProgramLimit);
        EXPECT_STREQ(e.what(), "the parsed JSON value is too large");
    }
    const toon::core::JsonTape tape = parse_json_tape(json, 16 << 20);
    EXPECT_EQ(tape.nodes.size(), 100001u);
}
