// The one error type the core throws. The PostgreSQL layer (src/pg/guard.hpp)
// turns it into ereport() with the matching SQLSTATE; the core never calls
// into PostgreSQL.
#pragma once

#include <stdexcept>
#include <string>

namespace toon::core {

enum class ErrorCode {
    InvalidSyntax,     // 22P02 invalid_text_representation: malformed TOON/JSON
    InvalidParameter,  // 22023 invalid_parameter_value: bad option (delimiter, indent size, encoding)
    InvalidUtf8,       // 22021 character_not_in_repertoire: ill-formed UTF-8
    Canceled,          // 57014 query_canceled: the interrupt flag was seen (see interrupt.hpp)
    StackDepth,        // 54001 statement_too_complex: nesting deeper than the stack allows
    ProgramLimit,      // 54000 program_limit_exceeded: result larger than we can represent
    Internal,          // XX000 internal_error: a bug
};

// Every Error records where it was made (GCC's and Clang's __builtin_FILE()
// and friends as default arguments give the caller's place, like C++20's
// std::source_location): the PostgreSQL layer reports it as the error's
// LOCATION, as ereport() does for PostgreSQL's own errors. Helpers that make
// an Error (syntax_error(), too_large()) pass their caller's place on.
class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string message, std::string detail = {}, std::string hint = {},
          const char* file = __builtin_FILE(), int source_line = __builtin_LINE(),
          const char* function = __builtin_FUNCTION())
        : std::runtime_error(message),
          code_(code),
          detail_(std::move(detail)),
          hint_(std::move(hint)),
          file_(file),
          source_line_(source_line),
          function_(function) {}

    ErrorCode code() const noexcept { return code_; }
    // Full sentence(s), e.g. "Line 3, column 7: expected ':' after key \"name\"."
    const std::string& detail() const noexcept { return detail_; }
    const std::string& hint() const noexcept { return hint_; }
    // 1-based position for syntax errors, 0 when not applicable.
    int line() const noexcept { return line_; }
    int column() const noexcept { return column_; }
    // Where the error was made in the source (static strings).
    const char* file() const noexcept { return file_; }
    int source_line() const noexcept { return source_line_; }
    const char* function() const noexcept { return function_; }

    Error& at(int line, int column) {
        line_ = line;
        column_ = column;
        return *this;
    }

private:
    ErrorCode code_;
    std::string detail_;
    std::string hint_;
    const char* file_;
    int source_line_;
    const char* function_;
    int line_ = 0;
    int column_ = 0;
};

// Error(ProgramLimit) for a result or working tree past its byte limit:
// message "<what> is too large", detail naming the limit.
Error too_large(const std::string& what, std::size_t limit, const char* file = __builtin_FILE(),
                int source_line = __builtin_LINE(), const char* function = __builtin_FUNCTION());

// A syntax error at a 1-based line/column: message "invalid input syntax for
// type toon", detail "Line L, column C: <what>." (what starts lowercase, no
// trailing period).
Error syntax_error(int line, int column, const std::string& what, const char* file = __builtin_FILE(),
                   int source_line = __builtin_LINE(), const char* function = __builtin_FUNCTION());

}  // namespace toon::core
