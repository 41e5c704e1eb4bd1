// The JSON data model that TOON encodes (SPEC §2) as a plain tree: the model
// of the tests, fuzz harnesses and oracles (decode(), parse_json(), encode()
// of a Value). No SQL path builds one: those use the compact Document
// (document.hpp), which frees a tree of any size in one step.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace toon::core {

enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

struct Value;
using Member = std::pair<std::string, Value>;

// One JSON value. Numbers are kept as canonical decimal text (see number.hpp):
// digits never pass through a double, so big integers and long fractions are
// lossless. Object members keep their order; duplicates are the producer's
// business (the decoder keeps the last value at the first key's position).
struct Value {
    Kind kind = Kind::Null;
    bool boolean = false;
    std::string text;             // Kind::String: the UTF-8 value; Kind::Number: canonical number text
    std::vector<Value> items;     // Kind::Array
    std::vector<Member> members;  // Kind::Object

    static Value null() { return Value{}; }
    static Value from_bool(bool b) {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static Value string(std::string s) {
        Value v;
        v.kind = Kind::String;
        v.text = std::move(s);
        return v;
    }
    // `canonical` must already be in canonical form (number.hpp).
    static Value number(std::string canonical) {
        Value v;
        v.kind = Kind::Number;
        v.text = std::move(canonical);
        return v;
    }
    static Value array() {
        Value v;
        v.kind = Kind::Array;
        return v;
    }
    static Value object() {
        Value v;
        v.kind = Kind::Object;
        return v;
    }

    bool is_primitive() const { return kind != Kind::Array && kind != Kind::Object; }
};

// JSON-model equality of SPEC §2 (ordered keys, numbers by canonical text).
bool operator==(const Value& a, const Value& b);
inline bool operator!=(const Value& a, const Value& b) { return !(a == b); }

}  // namespace toon::core
