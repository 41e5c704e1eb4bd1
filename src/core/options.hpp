// Checks and messages for the options users pass (delimiter, indent size),
// shared by the encoder, the decoder, the SQL functions and the CLI, so that
// the same mistake gets the same message everywhere (SQLSTATE 22023).
#pragma once

#include <string_view>

namespace toon::core {

// The largest indent size accepted, by the encoder and the decoder alike
// (whatever we write can be read back).
constexpr int kMaxIndentSize = 256;

// A delimiter argument: ',', '|' or a tab character, or the words 'comma',
// 'pipe', 'tab' (the reference CLI's names). `text` is UTF-8. Throws
// Error(InvalidParameter) naming the value (cut to 20 characters).
char parse_delimiter(std::string_view text);

// Throws Error(InvalidParameter) unless `d` is ',', '|' or '\t'.
void check_delimiter(char d);

// Throws Error(InvalidParameter) unless 1 <= n <= kMaxIndentSize.
void check_encode_indent_size(int n);

// As check_encode_indent_size(), but 0 (the document's own) is accepted too.
void check_decode_indent_size(int n);

}  // namespace toon::core
