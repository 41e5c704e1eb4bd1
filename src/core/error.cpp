#include "error.hpp"

namespace toon::core {

Error syntax_error(int line, int column, const std::string& what) {
    Error e(ErrorCode::InvalidSyntax, "invalid input syntax for type toon",
            "Line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + what + ".");
    e.at(line, column);
    return e;
}

}  // namespace toon::core
