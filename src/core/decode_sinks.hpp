// The decoder's sinks: what the one parser template (decode.cpp) builds
// while it parses. ValueBuilder makes a Value tree (decode()), JsonSink
// writes JSON text (decode_to_json()), DocumentSink builds the compact
// Document (decode_document()), NullSink discards everything (validate()).
// Only decode.cpp includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode_header.hpp"
#include "decode_lines.hpp"
#include "document.hpp"
#include "json.hpp"
#include "number.hpp"
#include "value.hpp"

namespace toon::core::decoding {

// Builds the Value tree for decode().
class ValueBuilder {
public:
    static constexpr bool builds = true;
    static constexpr bool rows = false;  // no begin_row()/end_row()

    explicit ValueBuilder(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    Value& result() { return root_; }

    void begin_object(std::size_t reserve) {
        Value& v = slot();
        v.kind = Kind::Object;
        if (reserve) v.members.reserve(reserve);
        stack_.push_back(&v);
    }
    void begin_array(std::size_t reserve) {
        Value& v = slot();
        v.kind = Kind::Array;
        if (reserve) v.items.reserve(reserve);
        stack_.push_back(&v);
    }
    void end_object() { stack_.pop_back(); }
    void end_array() { stack_.pop_back(); }

    // The next value is the member at `index` of the innermost object: a new
    // member when index is the member count, else a replaced value (LWW).
    void member(std::string_view key, std::size_t index, std::string_view /*json_key*/ = {}) {
        auto& members = stack_.back()->members;
        if (index == members.size()) {
            account(sizeof(std::string) + key.size());
            members.emplace_back(std::piecewise_construct, std::forward_as_tuple(key.data(), key.size()),
                                 std::forward_as_tuple());
            pending_ = &members.back().second;
        } else {
            pending_ = &members[index].second;
            *pending_ = Value{};
        }
    }

    void null() { slot(); }
    void boolean(bool b) {
        Value& v = slot();
        v.kind = Kind::Bool;
        v.boolean = b;
    }
    void number(std::string_view token) {
        Value& v = slot();
        v.kind = Kind::Number;
        v.text.clear();
        append_canonical_number(token, v.text);
        account(v.text.size());
    }
    void string(std::string_view s) {
        account(s.size());
        Value& v = slot();
        v.kind = Kind::String;
        v.text.assign(s.data(), s.size());
    }

private:
    // Adds to the tree's estimated size; stops past max_tree_bytes.
    void account(std::size_t bytes) {
        used_ += bytes;
        if (used_ > max_bytes_) throw too_large("the document's tree", max_bytes_);
    }

    Value& slot() {
        account(sizeof(Value));
        if (stack_.empty()) return root_;
        Value* top = stack_.back();
        if (top->kind == Kind::Array) {
            top->items.emplace_back();
            return top->items.back();
        }
        return *pending_;
    }

    Value root_;
    std::vector<Value*> stack_;
    Value* pending_ = nullptr;
    const std::size_t max_bytes_;
    std::size_t used_ = 0;
};

// Writes compact JSON while parsing, for decode_to_json(). A duplicate key
// (possible in non-strict mode only, where it resolves last-write-wins at the
// first occurrence's position) cannot be streamed: it throws Restart and the
// caller decodes through a tree instead.
class JsonSink {
public:
    static constexpr bool builds = true;
    static constexpr bool rows = false;
    struct Restart {};

    JsonSink(std::string& out, std::size_t limit) : out_(out), start_(out.size()), limit_(limit) {}

    void begin_object(std::size_t) {
        prefix();
        out_ += '{';
        counts_.push_back(0);
    }
    void begin_array(std::size_t) {
        prefix();
        out_ += '[';
        counts_.push_back(0);
    }
    void end_object() {
        out_ += '}';
        counts_.pop_back();
    }
    void end_array() {
        out_ += ']';
        counts_.pop_back();
    }
    // `json_key`, when given, is `key` already written as "key": (field names).
    void member(std::string_view key, std::size_t index, std::string_view json_key = {}) {
        check_size();
        std::size_t& count = counts_.back();
        if (index < count) throw Restart{};
        if (count++) out_ += ',';
        if (!json_key.empty()) {
            out_.append(json_key.data(), json_key.size());
        } else {
            write_json_string(key, out_);
            out_ += ':';
        }
        after_key_ = true;
    }
    void null() {
        prefix();
        out_ += "null";
    }
    void boolean(bool b) {
        prefix();
        out_ += b ? "true" : "false";
    }
    void number(std::string_view token) {
        prefix();
        append_canonical_number(token, out_);
    }
    void string(std::string_view s) {
        prefix();
        write_json_string(s, out_);
    }

private:
    // Every value and member starts with a check, so the text stops within
    // one item (at most a few times that item's input size) past the limit.
    void check_size() {
        if (out_.size() - start_ > limit_) throw too_large("JSON output", limit_);
    }

    // The comma before an array element (a member's comma comes with its key).
    void prefix() {
        check_size();
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!counts_.empty() && counts_.back()++) out_ += ',';
    }

    std::string& out_;
    const std::size_t start_;
    const std::size_t limit_;
    std::vector<std::size_t> counts_;
    bool after_key_ = false;
};

// Builds the compact Document for decode_document() (document.hpp): strings
// and canonical numbers stay views into the document.
class DocumentSink {
public:
    static constexpr bool builds = true;
    // A flat table row comes as begin_row(), its values, end_row(): its keys
    // are the field list's, copied into the tree once per field list.
    static constexpr bool rows = true;

    explicit DocumentSink(DocumentBuilder& builder) : b_(builder) {}

    void begin_row(const std::shared_ptr<const FieldGroup>& fields) {
        if (fields != row_fields_) {
            row_fields_ = fields;  // kept alive, so that the pointer test stays sound
            row_keys_ = b_.key_span(fields->fields.size(), [&](std::size_t i) { return fields->fields[i].name; });
        }
        b_.begin_row(row_keys_, fields->fields.size());
        in_row_ = true;
    }
    void end_row() {
        in_row_ = false;
        b_.end_row();
    }

    void begin_object(std::size_t reserve) { b_.begin_object(reserve); }
    void begin_array(std::size_t reserve) { b_.begin_array(reserve); }
    void end_object() { b_.end_object(); }
    void end_array() { b_.end_array(); }
    void member(std::string_view key, std::size_t index, std::string_view /*json_key*/ = {}) { b_.member(key, index); }
    void null() {
        if (in_row_) b_.row_null();
        else b_.null();
    }
    void boolean(bool b) {
        if (in_row_) b_.row_boolean(b);
        else b_.boolean(b);
    }
    void number(std::string_view token) {
        std::string_view canonical = canonical_prefix(token);
        if (canonical.empty()) {
            scratch_ = canonical_number(token);
            canonical = scratch_;  // not in the source: copied into the arena
        }
        if (in_row_) b_.row_number(canonical);
        else b_.number(canonical);
    }
    void string(std::string_view s) {
        if (in_row_) b_.row_string(s);
        else b_.string(s);
    }

private:
    DocumentBuilder& b_;
    std::string scratch_;
    std::shared_ptr<const FieldGroup> row_fields_;
    const Key* row_keys_ = nullptr;
    bool in_row_ = false;
};

// Discards everything: validate() runs the parser's checks only.
struct NullSink {
    static constexpr bool builds = false;
    static constexpr bool rows = false;
    void begin_object(std::size_t) {}
    void begin_array(std::size_t) {}
    void end_object() {}
    void end_array() {}
    void member(std::string_view, std::size_t, std::string_view = {}) {}
    void null() {}
    void boolean(bool) {}
    void number(std::string_view) {}
    void string(std::string_view) {}
};

}  // namespace toon::core::decoding
