#include "error.hpp"

namespace toon::core {

Error syntax_error(int line, int column, const std::string& what) {
    Error e(ErrorCode::InvalidSyntax, "invalid input syntax for type toon",
            "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what + ".");
    e.at(line, column);
    return e;
}

Error too_large(const std::string& what, std::size_t limit) {
    return Error(ErrorCode::ProgramLimit, what + " is too large",
                 "It exceeds the limit of " + std::to_string(limit) + " bytes.");
}

}  // namespace toon::core
