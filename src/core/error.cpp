#include "error.hpp"

namespace toon::core {

Error syntax_error(int line, int column, const std::string& what, const char* file, int source_line,
                   const char* function) {
    Error e(ErrorCode::InvalidSyntax, "invalid input syntax for type toon",
            "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what + ".", {}, file,
            source_line, function);
    e.at(line, column);
    return e;
}

Error too_large(const std::string& what, std::size_t limit, const char* file, int source_line, const char* function) {
    return Error(ErrorCode::ProgramLimit, what + " is too large",
                 "It exceeds the limit of " + std::to_string(limit) + " bytes.", {}, file, source_line, function);
}

}  // namespace toon::core
