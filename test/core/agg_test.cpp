// AggTape (agg.hpp): a document built value by value (containers opened
// before their children, a virtual root growing one element per row, JSON
// tapes spliced in, shared keys) encodes byte-identically to the same JSON
// encoded by encode().
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "agg.hpp"
#include "encode.hpp"
#include "json.hpp"
#include "json_tape.hpp"

using namespace toon::core;

namespace {

using Tape = AggTape<>;

// Adds `v` depth-first the way the PostgreSQL layer does.
std::uint32_t add(Tape& t, const Value& v) {
    switch (v.kind) {
        case Kind::Null: return t.null_value();
        case Kind::Bool: return t.boolean(v.boolean);
        case Kind::Number: return t.number(v.text);
        case Kind::String: return t.string(v.text);
        case Kind::Array: {
            std::uint32_t c = t.container(Kind::Array, v.items.size());
            for (std::size_t i = 0; i < v.items.size(); ++i) t.set_item(c, i, add(t, v.items[i]));
            return c;
        }
        case Kind::Object: {
            std::uint32_t c = t.container(Kind::Object, v.members.size());
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                Tape::Text k = t.text(v.members[i].first);
                t.set_member(c, i, k, add(t, v.members[i].second));
            }
            return c;
        }
    }
    return 0;
}

const char* kDocs[] = {
    R"([{"id":1,"name":"a"},{"id":2,"name":"b"}])",
    R"([{"id":1,"p":{"x":1,"y":2}},{"id":2,"p":{"x":3,"y":4}}])",
    R"([{"id":1,"p":null},{"id":2,"p":{"x":3}}])",
    R"([1,"two",[3,4],{"five":5,"six":[6]},[],{},null,true])",
    R"([[1,2],[3,4]])",
    R"([{"a":[{"x":1},{"x":2}],"b":"c"},{"a":[],"b":"d"}])",
    R"([{"k":"a,b","v":"- x"},{"k":"","v":"null"}])",
    R"([123456789012345678901234567890.5,1e-7,-0])",
};

// Root array from rows added one by one vs encode() of the whole array.
TEST(AggTape, RootArrayMatchesEncode) {
    for (const char* doc : kDocs) {
        Value v = parse_json(doc);
        for (char d : {',', '|', '\t'}) {
            EncodeOptions o;
            o.delimiter = d;
            Tape t;
            for (const Value& row : v.items) t.push_root(add(t, row));
            std::string out;
            t.encode(Tape::kRoot, Kind::Array, o, out);
            EXPECT_EQ(out, encode(v, o)) << doc;
        }
    }
}

// Root object (toon_object_agg), keyed tables included.
TEST(AggTape, RootObjectMatchesEncode) {
    for (const char* doc : {R"({"a":{"x":1,"y":2},"b":{"x":3,"y":4}})", R"({"a":1,"b":[1,2],"c":{"d":null}})",
                            R"({"only":{"x":1}})", R"({"a b":{"x":{"p":1}},"c":{"x":{"p":2}}})"}) {
        Value v = parse_json(doc);
        Tape t;
        for (const Member& m : v.members) {
            Tape::Text k = t.text(m.first);
            t.push_root(k, add(t, m.second));
        }
        std::string out;
        t.encode(Tape::kRoot, Kind::Object, EncodeOptions{}, out);
        EXPECT_EQ(out, encode(v)) << doc;
    }
}

// Spliced JSON tapes and a non-virtual root node.
TEST(AggTape, SpliceAndSingleValue) {
    for (const char* doc : kDocs) {
        Tape t;
        std::uint32_t obj = t.container(Kind::Object, 2);
        t.set_member(obj, 0, t.text("id"), t.number("7"));
        t.set_member(obj, 1, t.text("doc"), t.splice(parse_json_tape(doc)));
        std::string out;
        t.encode(obj, Kind::Null, EncodeOptions{}, out);
        EXPECT_EQ(out, encode(parse_json(std::string(R"({"id":7,"doc":)") + doc + "}"))) << doc;
    }
}

// A key stored once and shared by every row; replacing a root element.
TEST(AggTape, SharedKeysAndReplacedRoot) {
    Tape t;
    Tape::Text id = t.text("id");
    for (int i = 0; i < 3; ++i) {
        std::uint32_t row = t.container(Kind::Object, 1);
        t.set_member(row, 0, id, t.number(std::to_string(i)));
        t.push_root(row);
    }
    t.set_root(1, t.null_value());
    std::string out;
    t.encode(Tape::kRoot, Kind::Array, EncodeOptions{}, out);
    EXPECT_EQ(out, encode(parse_json(R"([{"id":0},null,{"id":2}])")));
    EXPECT_EQ(t.root_size(), 3u);
}

// The output limit applies.
TEST(AggTape, OutputLimit) {
    Tape t;
    for (int i = 0; i < 100; ++i) t.push_root(t.string("some text"));
    EncodeOptions o;
    o.max_output = 50;
    std::string out;
    EXPECT_THROW(t.encode(Tape::kRoot, Kind::Array, o, out), Error);
}

}  // namespace

// write_json_pretty_into (toon_token_savings' "pretty"): JSON.stringify(v, null, 2).
TEST(JsonPretty, LikeJsonStringify) {
    std::string out;
    write_json_pretty_into(parse_json(R"({"a":[1,{"b":[]},{}],"c":"x\"y","d":{"e":null}})"), 2, out);
    EXPECT_EQ(out,
              "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": \"x\\\"y\",\n"
              "  \"d\": {\n    \"e\": null\n  }\n}");
    out.clear();
    write_json_pretty_into(parse_json("[]"), 2, out);
    EXPECT_EQ(out, "[]");
    out.clear();
    write_json_pretty_into(parse_json("7"), 2, out);
    EXPECT_EQ(out, "7");
}
