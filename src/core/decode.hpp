// TOON v4 decoder (SPEC §4-§14): text -> Value, and validation without a tree.
#pragma once

#include <string_view>

#include "document.hpp"
#include "value.hpp"

namespace toon::core {

struct DecodeOptions {
    bool strict = true;   // SPEC §13/§14: enforce counts, indentation, delimiters, escapes
    int indent_size = 2;  // spaces per level, 1..256; 0: the document's own (infer_indent_size)
    // decode_to_json(): JSON text past this many bytes stops with
    // Error(ProgramLimit) as soon as it passes (the PostgreSQL layer passes
    // the 1 GB varlena limit). Table headers name a field once where JSON
    // repeats it per row, so the output can be far larger than the input.
    std::size_t max_output = static_cast<std::size_t>(-1);
    // decode(): a Value tree whose estimated size (sizeof(Value) per node
    // plus its strings) passes this many bytes stops with Error(ProgramLimit).
    // The estimate ignores spare vector capacity, so the real size stays
    // below about twice the limit.
    std::size_t max_tree_bytes = static_cast<std::size_t>(-1);
    // Every decode: the decoder's own working memory (the keys of the open
    // objects and their indexes, a header's field list) past this many bytes
    // stops with Error(ProgramLimit). Values are never listed (a row keeps at
    // most its field count of cells), so nothing else grows with the input.
    std::size_t max_work_bytes = static_cast<std::size_t>(-1);
    // Every decode: the parser's recursion past this many bytes of stack
    // stops with Error(StackDepth) whatever the stack hook (PostgreSQL's
    // max_stack_depth) allows; 0 leaves the limit to the hook. The encoder's
    // read-back check sets it (encode.hpp).
    std::size_t max_stack_bytes = 0;
};

// The indent size a document uses: the indentation of its first indented
// line, comment and blank lines aside (2 when no line is indented). In a
// strict-valid document the first indented line is at depth 1, so this is
// exactly the document's unit. The toon type validates and decodes stored
// text with it, so a to_toon(..., indent_size => 4) result reads back.
int infer_indent_size(std::string_view doc);

// Decodes a whole document. Throws Error (InvalidSyntax with line/column,
// InvalidUtf8, InvalidParameter, Canceled, StackDepth).
Value decode(std::string_view doc, const DecodeOptions& options = {});

// Decodes a whole document into the compact tree (document.hpp), which views
// `doc`: keep `doc` alive as long as the Document. Same checks and errors as
// decode(); an abandoned decode frees its partial tree in one step.
Document decode_document(std::string_view doc, const DecodeOptions& options = {});

// Appends the compact JSON text of the document to `out`: the same text as
// write_json(decode(doc, options)), produced while parsing, without a tree
// (one is built only to resolve duplicate keys in non-strict mode).
void decode_to_json(std::string_view doc, const DecodeOptions& options, std::string& out);

// Same checks as decode() without building the tree; throws the same errors.
void validate(std::string_view doc, const DecodeOptions& options = {});

}  // namespace toon::core
