// TOON v4 decoder (SPEC §4-§14): text -> Value, and validation without a tree.
#pragma once

#include <string_view>

#include "value.hpp"

namespace toon::core {

struct DecodeOptions {
    bool strict = true;     // SPEC §13/§14: enforce counts, indentation, delimiters, escapes
    int indent_size = 2;    // spaces per level; must be >= 1
};

// Decodes a whole document. Throws Error (InvalidSyntax with line/column,
// InvalidUtf8, InvalidParameter, Canceled, StackDepth).
Value decode(std::string_view doc, const DecodeOptions& options = {});

// Appends the compact JSON text of the document to `out`: the same text as
// write_json(decode(doc, options)), produced while parsing, without a tree
// (one is built only to resolve duplicate keys in non-strict mode).
void decode_to_json(std::string_view doc, const DecodeOptions& options, std::string& out);

// Same checks as decode() without building the tree; throws the same errors.
void validate(std::string_view doc, const DecodeOptions& options = {});

}  // namespace toon::core
