// Option checks and their messages: see options.hpp.
#include "options.hpp"

#include <string>

#include "error.hpp"
#include "utf8.hpp"

namespace toon::core {

namespace {

constexpr const char* kDelimiterHint = "Use ',' (or 'comma'), '|' (or 'pipe'), or a tab character (E'\\t' or 'tab').";

[[noreturn]] void bad_delimiter(std::string_view utf8) {
    std::string shown(utf8_prefix(utf8, 20));
    for (char& c : shown)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    if (shown.size() < utf8.size()) shown += "...";
    throw Error(ErrorCode::InvalidParameter, "invalid value for parameter \"delimiter\": \"" + shown + "\"", {},
                kDelimiterHint);
}

[[noreturn]] void bad_indent_size(int n, const char* also) {
    throw Error(ErrorCode::InvalidParameter, "invalid value for parameter \"indent_size\": " + std::to_string(n), {},
                "indent_size must be between 1 and " + std::to_string(kMaxIndentSize) + also + ".");
}

}  // namespace

char parse_delimiter(std::string_view d) {
    if (d == "," || d == "comma") return ',';
    if (d == "|" || d == "pipe") return '|';
    if (d == "\t" || d == "tab") return '\t';
    bad_delimiter(d);
}

void check_delimiter(char d) {
    if (d != ',' && d != '\t' && d != '|') bad_delimiter(std::string_view(&d, 1));
}

void check_encode_indent_size(int n) {
    if (n < 1 || n > kMaxIndentSize) bad_indent_size(n, "");
}

void check_decode_indent_size(int n) {
    if (n < 0 || n > kMaxIndentSize) bad_indent_size(n, ", or 0 for the document's own");
}

}  // namespace toon::core
