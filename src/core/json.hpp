// JSON text <-> Value with lossless numbers (RFC 8259). Used for the json
// casts and by tests; jsonb is walked directly by the PostgreSQL layer.
#pragma once

#include <string>
#include <string_view>

#include "value.hpp"

namespace toon::core {

// Parses one JSON text. Object key order is kept; numbers keep all digits.
// Throws Error(InvalidSyntax) with line/column, InvalidUtf8, Canceled, StackDepth.
// A tree whose estimated size passes max_tree_bytes stops with
// Error(ProgramLimit) (see DecodeOptions::max_tree_bytes).
Value parse_json(std::string_view text, std::size_t max_tree_bytes = static_cast<std::size_t>(-1));

// Compact JSON text (no insignificant whitespace), keys in member order.
// Stops with Error(ProgramLimit) as soon as more than max_output bytes are written.
std::string write_json(const Value& value);
void write_json_into(const Value& value, std::string& out, std::size_t max_output = static_cast<std::size_t>(-1));

// JSON.stringify(value, null, indent): one member or item per line, nested
// levels indented by `indent` spaces, "key": value, empty containers as {} / [].
void write_json_pretty_into(const Value& value, int indent, std::string& out);

// Appends `s` (UTF-8) as a JSON string literal, quotes included.
void write_json_string(std::string_view s, std::string& out);

}  // namespace toon::core
