// TEMPORARY test-only JSON reader for the fixture files, until parse_json
// (src/core/json_reader.cpp) is on main; then this file is deleted and the
// conformance test calls parse_json.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "number.hpp"
#include "value.hpp"

namespace fixture_json {

using toon::core::Value;

class Reader {
public:
    explicit Reader(std::string_view s) : s_(s) {}
    Value parse() {
        Value v = value();
        ws();
        if (i_ != s_.size()) throw std::runtime_error("trailing JSON");
        return v;
    }

private:
    void ws() { while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_; }
    void expect(char c) {
        ws();
        if (i_ >= s_.size() || s_[i_] != c) throw std::runtime_error(std::string("expected ") + c);
        ++i_;
    }
    Value value() {
        ws();
        const char c = s_.at(i_);
        if (c == '{') {
            ++i_;
            Value v = Value::object();
            ws();
            if (s_[i_] == '}') { ++i_; return v; }
            for (;;) {
                ws();
                std::string k = str();
                expect(':');
                v.members.emplace_back(std::move(k), value());
                ws();
                if (s_[i_] == ',') { ++i_; continue; }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            ++i_;
            Value v = Value::array();
            ws();
            if (s_[i_] == ']') { ++i_; return v; }
            for (;;) {
                v.items.push_back(value());
                ws();
                if (s_[i_] == ',') { ++i_; continue; }
                expect(']');
                return v;
            }
        }
        if (c == '"') return Value::string(str());
        if (s_.compare(i_, 4, "true") == 0) { i_ += 4; return Value::from_bool(true); }
        if (s_.compare(i_, 5, "false") == 0) { i_ += 5; return Value::from_bool(false); }
        if (s_.compare(i_, 4, "null") == 0) { i_ += 4; return Value::null(); }
        std::size_t b = i_;
        while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
        return Value::number(toon::core::canonical_number(s_.substr(b, i_ - b)));
    }
    static void put_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) out += char(cp);
        else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) { out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
        else { out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F)); }
    }
    unsigned hex4() {
        unsigned v = std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16);
        i_ += 4;
        return v;
    }
    std::string str() {
        expect('"');
        std::string out;
        while (s_.at(i_) != '"') {
            char c = s_[i_++];
            if (c != '\\') { out += c; continue; }
            char e = s_.at(i_++);
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.compare(i_, 2, "\\u") == 0) {
                        i_ += 2;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4() - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: out += e;
            }
        }
        ++i_;
        return out;
    }
    std::string_view s_;
    std::size_t i_ = 0;
};

inline Value parse(std::string_view s) { return Reader(s).parse(); }

}  // namespace fixture_json
