// encode(): options, quoting corner cases, numbers, root forms, tabular
// detection, deep nesting, output limit and cancellation.
#include <gtest/gtest.h>

#include <string>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json.hpp"

using namespace toon::core;

namespace {

std::string enc(const std::string& json, char delimiter = ',', int indent = 2) {
    EncodeOptions o;
    o.delimiter = delimiter;
    o.indent_size = indent;
    return encode(parse_json(json), o);
}

// The encoding of one string value as `k: <value>`, without the key.
std::string value_of(const std::string& s, char delimiter = ',') {
    Value obj = Value::object();
    obj.members.emplace_back("k", Value::string(s));
    EncodeOptions o;
    o.delimiter = delimiter;
    return encode(obj, o).substr(3);
}

std::string key_of(const std::string& k) {
    Value obj = Value::object();
    obj.members.emplace_back(k, Value::number("1"));
    std::string out = encode(obj);
    return out.substr(0, out.size() - 3);
}

}  // namespace

TEST(Encoder, BadOptionsAreInvalidParameter) {
    Value v = parse_json("[1,2]");
    EncodeOptions o;
    o.delimiter = ';';
    try {
        encode(v, o);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidParameter);
        EXPECT_STREQ(e.what(), "invalid value for parameter \"delimiter\": \";\"");
    }
    o = EncodeOptions();
    o.indent_size = 0;
    try {
        encode(v, o);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::InvalidParameter);
        EXPECT_STREQ(e.what(), "invalid value for parameter \"indent_size\": 0");
    }
    o.indent_size = -3;
    EXPECT_THROW(encode(v, o), Error);
}

TEST(Encoder, DelimitersAppearInHeadersAndRows) {
    const std::string doc = R"({"t":[{"a":1,"b":"x,y"},{"a":2,"b":"p|q"}],"l":["a b","c"]})";
    EXPECT_EQ(enc(doc, ','), "t[2]{a,b}:\n  1,\"x,y\"\n  2,p|q\nl[2]: a b,c");
    EXPECT_EQ(enc(doc, '|'), "t[2|]{a|b}:\n  1|x,y\n  2|\"p|q\"\nl[2|]: a b|c");
    EXPECT_EQ(enc(doc, '\t'), "t[2\t]{a\tb}:\n  1\tx,y\n  2\tp|q\nl[2\t]: a b\tc");
}

TEST(Encoder, IndentSize) {
    EXPECT_EQ(enc(R"({"a":{"b":{"c":1}}})", ',', 1), "a:\n b:\n  c: 1");
    EXPECT_EQ(enc(R"({"a":[{"b":1},[1]]})", ',', 4), "a[2]:\n    - b: 1\n    - [1]: 1");
}

TEST(Encoder, StringQuoting) {
    EXPECT_EQ(value_of(""), "\"\"");
    EXPECT_EQ(value_of(" a"), "\" a\"");
    EXPECT_EQ(value_of("a\t"), "\"a\\t\"");
    EXPECT_EQ(value_of("a b"), "a b");
    for (const char* kw : {"true", "false", "null"}) EXPECT_EQ(value_of(kw), std::string("\"") + kw + "\"");
    EXPECT_EQ(value_of("True"), "True");
    for (const char* num : {"42", "-3.14", "05", "+1", "1e-6", "1E+9", "0"})
        EXPECT_EQ(value_of(num), std::string("\"") + num + "\"") << num;
    for (const char* s : {"1.", ".5", "1e", "0x10", "1_000", "Infinity", "NaN", "1.2.3", "12a"})
        EXPECT_EQ(value_of(s), s) << s;
    EXPECT_EQ(value_of("-"), "\"-\"");
    EXPECT_EQ(value_of("-x"), "\"-x\"");
    EXPECT_EQ(value_of("x-"), "x-");
    EXPECT_EQ(value_of("#"), "\"#\"");
    EXPECT_EQ(value_of("a#"), "a#");
    EXPECT_EQ(value_of("a:b"), "\"a:b\"");
    EXPECT_EQ(value_of("[x]"), "\"[x]\"");
    EXPECT_EQ(value_of("{"), "\"{\"");
    EXPECT_EQ(value_of("say \"hi\""), "\"say \\\"hi\\\"\"");
    EXPECT_EQ(value_of("a\\b"), "\"a\\\\b\"");
    EXPECT_EQ(value_of("l1\nl2\r"), "\"l1\\nl2\\r\"");
    EXPECT_EQ(value_of(std::string("\x01\x1f", 2)), "\"\\u0001\\u001f\"");
    EXPECT_EQ(value_of(std::string(1, '\0')), "\"\\u0000\"");
    EXPECT_EQ(value_of("\x7f"), "\x7f");
    EXPECT_EQ(value_of("caf\xC3\xA9 \xF0\x9F\x98\x80"), "caf\xC3\xA9 \xF0\x9F\x98\x80");
    EXPECT_EQ(value_of("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // NBSP is not trimmed whitespace
    // The document delimiter decides, even for plain object field values.
    EXPECT_EQ(value_of("a,b", ','), "\"a,b\"");
    EXPECT_EQ(value_of("a,b", '|'), "a,b");
    EXPECT_EQ(value_of("a|b", '|'), "\"a|b\"");
    EXPECT_EQ(value_of("a\tb", '\t'), "\"a\\tb\"");
}

TEST(Encoder, KeyQuoting) {
    EXPECT_EQ(key_of("a"), "a");
    EXPECT_EQ(key_of("_a.b_1"), "_a.b_1");
    EXPECT_EQ(key_of("my-key"), "\"my-key\"");
    EXPECT_EQ(key_of("1a"), "\"1a\"");
    EXPECT_EQ(key_of(".a"), "\".a\"");
    EXPECT_EQ(key_of(""), "\"\"");
    EXPECT_EQ(key_of("a b"), "\"a b\"");
    EXPECT_EQ(key_of("caf\xC3\xA9"), "\"caf\xC3\xA9\"");
    EXPECT_EQ(key_of("q\"\n"), "\"q\\\"\\n\"");
    EXPECT_EQ(key_of("__proto__"), "__proto__");
    EXPECT_EQ(enc(R"({"a-b":[1,2]})"), "\"a-b\"[2]: 1,2");
    EXPECT_EQ(enc(R"({"x":[{"a b":1}]})"), "x[1]{\"a b\"}:\n  1");
}

TEST(Encoder, NumbersAreEmittedCanonicallyAndLosslessly) {
    EXPECT_EQ(enc("[1e6,1.50,-0,1E-7,1e21,-0.0]"), "[6]: 1000000,1.5,0,1e-7,1e+21,0");
    EXPECT_EQ(enc("12345678901234567890"), "12345678901234567890");
    EXPECT_EQ(enc("0.1000000000000000055511151231257827"), "0.1000000000000000055511151231257827");
    EXPECT_EQ(enc(R"({"n":-123456789012345678.5})"), "n: -123456789012345678.5");
    EXPECT_EQ(enc(R"({"n":-123456789012345678901234567890.5})"), "n: -1.234567890123456789012345678905e+29");
}

TEST(Encoder, NumbersSurviveEncodeThenDecode) {
    for (const char* json : {"12345678901234567890", "0.1000000000000000055511151231257827", "-9007199254740993",
                             "1e400", "-2.5e-400", "123456789012345678901234567890.125"}) {
        Value v = parse_json(std::string("{\"n\":") + json + ",\"l\":[" + json + "],\"t\":[{\"x\":" + json + "}]}");
        EXPECT_EQ(decode(encode(v)), v) << json;
    }
    EXPECT_EQ(decode(encode(parse_json("[1e6,1.50,-0]"))), parse_json("[1000000,1.5,0]"));
}

TEST(Encoder, RootForms) {
    EXPECT_EQ(enc("{}"), "");
    EXPECT_EQ(enc("[]"), "[]");
    EXPECT_EQ(enc("null"), "null");
    EXPECT_EQ(enc("\"\""), "\"\"");
    EXPECT_EQ(enc("\"a,b\""), "\"a,b\"");
    EXPECT_EQ(enc("\"a|b\"", '|'), "\"a|b\"");
    EXPECT_EQ(enc("\"\\ufeffx\""), "\"\xEF\xBB\xBFx\"");
    EXPECT_EQ(enc("[\"\\ufeffx\"]"), "[1]: \xEF\xBB\xBFx");
    EXPECT_EQ(enc(R"({"a":{"x":1},"b":{"x":2}})"), "[2:]{x}:\n  a: 1\n  b: 2");
}

TEST(Encoder, TabularDetection) {
    // Field order is the first row's; later rows may list keys in any order.
    EXPECT_EQ(enc(R"([{"a":1,"b":2},{"b":3,"a":4}])"), "[2]{a,b}:\n  1,2\n  4,3");
    // A missing key, an extra key, an empty object or a nested array: list form.
    EXPECT_EQ(enc(R"([{"a":1},{"b":1}])"), "[2]:\n  - a: 1\n  - b: 1");
    EXPECT_EQ(enc(R"([{"a":1},{"a":1,"b":2}])"), "[2]:\n  - a: 1\n  - a: 1\n    b: 2");
    EXPECT_EQ(enc(R"([{},{}])"), "[2]:\n  -\n  -");
    EXPECT_EQ(enc(R"([{"a":[1]}])"), "[1]:\n  - a[1]: 1");
    // Nested field groups, all-or-nothing.
    EXPECT_EQ(enc(R"({"a":[{"id":1,"c":{"x":1,"y":2}},{"id":2,"c":{"y":4,"x":3}}]})"),
              "a[2]{id,c{x,y}}:\n  1,1,2\n  2,3,4");
    EXPECT_EQ(enc(R"([{"c":{"x":1}},{"c":{"x":{}}}])"), "[2]:\n  - c:\n      x: 1\n  - c:\n      x:");
    EXPECT_EQ(enc(R"([{"c":{"x":1}},{"c":2}])"), "[2]:\n  - c:\n      x: 1\n  - c: 2");
    // Keyed tabular objects need at least two entries.
    EXPECT_EQ(enc(R"({"m":{"k":{"x":1}}})"), "m:\n  k:\n    x: 1");
    EXPECT_EQ(enc(R"({"m":{"k 1":{"x":1},"k2":{"x":2}}})", '|'), "m[2:|]{x}:\n  \"k 1\": 1\n  k2: 2");
}

// The one-pass table writer must roll back cleanly when a late row breaks
// the table (expected outputs from the reference encoder).
TEST(Encoder, LateNonUniformRowFallsBackToListForm) {
    EXPECT_EQ(enc(R"({"t":[{"a":1,"b":2},{"a":3,"b":4},{"a":5,"b":{"x":1}}]})"),
              "t[3]:\n  - a: 1\n    b: 2\n  - a: 3\n    b: 4\n  - a: 5\n    b:\n      x: 1");
    EXPECT_EQ(enc(R"({"t":[{"a":1},{"a":2},{"b":3}]})"), "t[3]:\n  - a: 1\n  - a: 2\n  - b: 3");
    EXPECT_EQ(enc(R"({"t":[{"a":1},{"a":2},3]})"), "t[3]:\n  - a: 1\n  - a: 2\n  - 3");
    EXPECT_EQ(enc(R"({"m":{"p":{"a":1},"q":{"a":2},"r":{}}})"), "m:\n  p:\n    a: 1\n  q:\n    a: 2\n  r:");
    EXPECT_EQ(enc(R"([{"t":[{"a":1},{"a":2},{"a":[]}]}])"),
              "[1]:\n  - t[3]:\n      - a: 1\n      - a: 2\n      - a: []");
    EXPECT_EQ(enc(R"({"p":{"a":1},"q":{"a":{}}})"), "p:\n  a: 1\nq:\n  a:");
}

TEST(Encoder, ListItems) {
    EXPECT_EQ(enc(R"([1,[],[2,3],{"a":1},[{"b":1}],{}])"),
              "[6]:\n  - 1\n  - [0]:\n  - [2]: 2,3\n  - a: 1\n  - [1]:\n    - b: 1\n  -");
    EXPECT_EQ(enc(R"([[[1]]])"), "[1]:\n  - [1]:\n    - [1]: 1");
    EXPECT_EQ(enc(R"([{"t":[{"a":1},{"a":2}],"z":0}])"), "[1]:\n  - t[2]{a}:\n      1\n      2\n    z: 0");
    EXPECT_EQ(enc(R"([{"m":{"p":{"x":1},"q":{"x":2}},"z":0},{"z":1}])"),
              "[2]:\n  - m[2:]{x}:\n      p: 1\n      q: 2\n    z: 0\n  - z: 1");
    EXPECT_EQ(enc(R"([{"m":{"p":{"x":1},"q":{"x":2}},"z":0}])"), "[1]{m{p{x},q{x}},z}:\n  1,2,0");
    EXPECT_EQ(enc(R"([{"o":{"x":1},"z":[]}])"), "[1]:\n  - o:\n      x: 1\n    z: []");
    EXPECT_EQ(enc(R"([{"l":[1,[2]],"z":{}}])"), "[1]:\n  - l[2]:\n      - 1\n      - [1]: 2\n    z:");
    EXPECT_EQ(enc(R"([{"e":[]}])"), "[1]:\n  - e: []");
}

TEST(Encoder, DeepFieldGroupIsIterative) {
    const auto nested = [](int depth) {
        std::string json = "[";
        for (int i = 0; i < depth; ++i) json += "{\"a\":";
        json += "1";
        json.append(depth, '}');
        return json + "]";
    };
    const int depth = 2000;
    std::string expected = "[1]{";
    for (int i = 0; i < depth - 1; ++i) expected += "a{";
    expected += "a";
    expected.append(depth, '}');
    expected += ":\n  1";
    EXPECT_EQ(enc(nested(depth)), expected);
    // 60,000 groups on one header line: written without recursion, then
    // refused by the read-back check (the decoder takes 10,000 levels),
    // though the line itself is at depth 0.
    try {
        enc(nested(60000));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::StackDepth);
        EXPECT_NE(e.detail().find("reads back"), std::string::npos) << e.detail();
    }
}

// A header or object wider than kReadBackWidth is validated with the
// decoder's working-memory limit: what toon input would refuse, the encoder
// refuses (a 4,000,000-field header once gave a toon that did not reload).
TEST(Encoder, TooWideToReadBackIsRefused) {
    std::string json = "[{";
    for (int i = 0; i < 70000; ++i) json += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
    json += "}]";
    EncodeOptions o;
    o.max_work_bytes = 4 << 20;  // 70,000 fields need more
    try {
        encode(parse_json(json), o);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::ProgramLimit);
        EXPECT_NE(e.detail().find("reads back"), std::string::npos) << e.detail();
    }
    o.max_work_bytes = 64 << 20;
    EXPECT_NO_THROW(encode(parse_json(json), o));
}

TEST(Encoder, DeepNestingEncodes) {
    const int depth = 3000;
    std::string json(depth, '[');
    json += "true";
    json.append(depth, ']');
    std::string out = enc(json, ',', 1);
    std::string tail = std::string(depth - 1, ' ') + "- [1]: true";
    ASSERT_GE(out.size(), tail.size());
    EXPECT_EQ(out.substr(out.size() - tail.size()), tail);
    EXPECT_EQ(out.substr(0, 11), "[1]:\n - [1]");
}

// Every result reads back as toon (found by an adversarial review: to_toon of
// JSON nested 12,000 deep wrote TOON that toon's own input refused, so a
// dump would not restore). Past kReadBackDepth lines deep the encoder
// validates its output: too deep for the decoder is StackDepth at encode time.
TEST(Encoder, TooDeepToReadBackIsRefused) {
    const auto nested = [](int depth) {
        std::string json;
        for (int i = 0; i < depth; ++i) json += "{\"k\":";
        json += "1";
        json.append(depth, '}');
        return json;
    };
    try {
        encode(parse_json(nested(10005)));
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::StackDepth);
        EXPECT_STREQ(e.what(), "toon document nested too deeply");
        EXPECT_NE(e.detail().find("reads back (Line 10001: nesting exceeds the maximum depth of 10000.)"),
                  std::string::npos)
            << e.detail();
    }
    // Deep but within the decoder's limit: encoded, and it reads back.
    const std::string toon = encode(parse_json(nested(5000)));
    EXPECT_NO_THROW(validate(toon, DecodeOptions{true, 0}));
}

// EncodeOptions::max_stack_bytes bounds the read-back decode whatever the
// stack allows here (PostgreSQL: a raised max_stack_depth), so the output
// reads back with that much stack.
TEST(Encoder, ReadBackStackBudgetIsFixed) {
    std::string json(2000, '[');
    json += "1";
    json.append(2000, ']');
    const Value v = parse_json(json);
    EncodeOptions options;
    EXPECT_NO_THROW(encode(v, options));  // no hook: the 6 MB budget decodes it
    options.max_stack_bytes = 64 * 1024;  // 2,000 levels take more than 64 kB
    try {
        encode(v, options);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::StackDepth);
        EXPECT_NE(e.detail().find("reads back (stack depth limit exceeded"), std::string::npos) << e.detail();
    }
    DecodeOptions decode_options{true, 0};
    decode_options.max_stack_bytes = 64 * 1024;  // the same budget, decoding
    EXPECT_THROW(validate(encode(v), decode_options), Error);
}

TEST(Encoder, OutputLimitStopsDeepNestingCleanly) {
    // 60,000 levels need ~3.6 GB of indentation; the limit stops it early.
    const int depth = 60000;
    std::string json;
    for (int i = 0; i < depth; ++i) json += "{\"k\":";
    json += "1";
    json.append(depth, '}');
    Value v = parse_json(json);
    EncodeOptions o;
    o.max_output = 10 << 20;
    try {
        encode(v, o);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
}

namespace {
bool always_cancel() { return true; }
}  // namespace

TEST(Encoder, PollsForCancel) {
    std::string json = "[";
    for (int i = 0; i < 20000; ++i) json += std::string(i ? "," : "") + "{\"a\":" + std::to_string(i) + ",\"b\":[1]}";
    json += "]";
    Value v = parse_json(json);
    InterruptHooks hooks;
    hooks.cancel_pending = always_cancel;
    set_interrupt_hooks(hooks);
    try {
        encode(v);
        set_interrupt_hooks(InterruptHooks());
        FAIL() << "no cancel";
    } catch (const Error& e) {
        set_interrupt_hooks(InterruptHooks());
        EXPECT_EQ(e.code(), ErrorCode::Canceled);
    }
}

TEST(Encoder, PollsForCancelWithinOneLongLine) {
    Value v = Value::array();
    v.items.assign(5000, Value::number("1"));
    InterruptHooks hooks;
    hooks.cancel_pending = always_cancel;
    set_interrupt_hooks(hooks);
    EXPECT_THROW(encode(v), Error);
    set_interrupt_hooks(InterruptHooks());
    EncodeOptions o;
    o.max_output = 4000;
    EXPECT_THROW(encode(v, o), Error);
    EXPECT_EQ(encode(v).size(), 5000u * 2 - 1 + 8);
}

TEST(Encoder, IndentSizeLimits) {
    EncodeOptions o;
    o.indent_size = 256;
    EXPECT_EQ(encode(parse_json(R"({"a":{"b":1}})"), o), "a:\n" + std::string(256, ' ') + "b: 1");
    for (int bad : {257, 2147483647}) {
        o.indent_size = bad;
        try {
            encode(parse_json(R"({"a":1})"), o);
            FAIL() << "no error for " << bad;
        } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::InvalidParameter); }
    }
}

TEST(Encoder, DeepIndentHitsTheLimitBeforeAllocating) {
    std::string json;
    for (int i = 0; i < 1000; ++i) json += "{\"k\":";
    json += "1";
    json.append(1000, '}');
    EncodeOptions o;
    o.indent_size = 256;
    o.max_output = 100000;
    try {
        encode(parse_json(json), o);
        FAIL() << "no error";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
}

TEST(Encoder, EncodeIntoAppends) {
    std::string out = "prefix:";
    EncodeOptions o;
    encode_into(parse_json(R"({"a":1,"b":[1,2]})"), o, out);
    EXPECT_EQ(out, "prefix:a: 1\nb[2]: 1,2");
}

// Issue 7, defect 3: rows with many keys in another order than the first row
// are matched through a hash index (and stay tabular).
TEST(EncoderKeys, ManyKeysInAnotherOrder) {
    Value rows = Value::array();
    for (int r = 0; r < 3; ++r) {
        Value row = Value::object();
        for (int k = 0; k < 100; ++k) {
            const int key = r == 1 ? 99 - k : k;
            row.members.emplace_back("k" + std::to_string(key), Value::number(std::to_string(key + 1000 * r)));
        }
        rows.items.push_back(row);
    }
    const std::string toon = encode(rows);
    EXPECT_EQ(toon.rfind("[3]{k0,k1,k2,", 0), 0u) << toon.substr(0, 40);
    EXPECT_NE(toon.find("\n  1000,1001,1002,"), std::string::npos);
    const Value back = decode(toon);  // rows come back with their keys in header order
    ASSERT_EQ(back.items.size(), 3u);
    EXPECT_EQ(back.items[1].members[0].first, "k0");
    EXPECT_EQ(back.items[1].members[0].second.text, "1000");
    EXPECT_EQ(back.items[1].members[99].second.text, "1099");
}

// max_output bounds the final text only: a keyed table written speculatively
// can pass the limit before a row breaks it, and the shorter general form
// that fits must still come back (found by test/fuzz/encode_fuzz.cpp).
TEST(Encoder, MaxOutputCountsOnlyTheFinalText) {
    const Value v = parse_json(R"({"m{v}":{"[2":"M{]{v"},"":{"a":{}}})");
    EncodeOptions o;
    o.delimiter = '|';
    o.indent_size = 7;
    const std::string text = encode(v, o);
    o.max_output = text.size();
    EXPECT_EQ(encode(v, o), text);
    o.max_output = text.size() - 1;
    try {
        (void)encode(v, o);
        ADD_FAILURE() << "no error over max_output";
    } catch (const Error& e) { EXPECT_EQ(e.code(), ErrorCode::ProgramLimit); }
}
