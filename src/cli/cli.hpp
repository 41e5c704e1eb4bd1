// The `toon` command-line tool (docs/cli.md): the core (src/core) on files and
// pipes, no PostgreSQL. One file per subcommand (decode.cpp, encode.cpp,
// check.cpp, md.cpp, tokens.cpp); main.cpp dispatches; io.cpp reads and writes
// files; args.cpp parses options; json_format.cpp pretty-prints JSON.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "error.hpp"

namespace toon::cli {

// Exit statuses (documented in docs/cli.md and every --help).
enum Exit : int {
    kOk = 0,
    kInvalidInput = 1,  // a file is not valid TOON/JSON (or too deep, too large)
    kUsage = 2,         // bad command line or option value
    kIoError = 3,       // cannot read an input or write an output (broken pipe included)
    kInternal = 4,      // a bug
};

// An input or output failure (message already complete, e.g. "cannot read
// a.toon: No such file or directory"); empty message for a broken pipe.
struct IoError {
    std::string message;
};

// A command-line mistake ("unknown option --x").
struct UsageError {
    std::string message;
};

// Command-line arguments of one subcommand: options as declared, the rest as
// operands ("-" is stdin; "--" ends the options).
class Args {
public:
    Args(std::string command, std::vector<std::string> argv) : command_(std::move(command)), argv_(std::move(argv)) {}

    // Declares a flag (--name, optional short alias) and an option taking a value.
    void flag(const std::string& name, bool* out, const std::string& alias = {});
    void option(const std::string& name, std::string* out, const std::string& alias = {});
    // Parses; throws UsageError. When --help was given, prints `help` on
    // stdout and returns false (the command then exits with status 0).
    bool parse(const char* help);
    const std::vector<std::string>& operands() const { return operands_; }
    const std::string& command() const { return command_; }

    // An integer option value; throws UsageError naming the option.
    static int to_int(const std::string& option, const std::string& value);

private:
    struct Spec {
        std::string name, alias;
        bool* flag = nullptr;
        std::string* value = nullptr;
    };
    std::string command_;
    std::vector<std::string> argv_;
    std::vector<Spec> specs_;
    std::vector<std::string> operands_;
};

// ---- io.cpp ---------------------------------------------------------------
// The display name of an operand ("<stdin>" for "-").
std::string display_name(const std::string& operand);
// Whole contents of a file, or of stdin for "-". Throws IoError.
std::string read_input(const std::string& operand);
// Writes all bytes to a stream; throws IoError (empty message on EPIPE).
void write_all(std::FILE* f, std::string_view bytes, const std::string& name);
// Writes `bytes` to `path` through a temporary file renamed into place, so a
// failed run never leaves a half-written file; a symbolic link is followed,
// and a device, FIFO or file with other hard links is written in place.
// "-" or "" means stdout.
void write_output(const std::string& path, std::string_view bytes);
// Flushes stdout; throws IoError like write_all().
void flush_stdout();
// Like write_output(path, bytes) but only when the file's current content
// differs; returns true when it wrote.
bool write_if_changed(const std::string& path, std::string_view bytes);

// ---- diagnostics (main.cpp) ---------------------------------------------------
// "FILE:LINE:COL: error: MESSAGE: WHAT" for a core error about a file (the
// same message and detail text as the SQL functions), plus "note:" for a hint.
void report_file_error(const std::string& file, const core::Error& e);
// The exit status for a core error (InvalidParameter: usage; others: input).
int exit_status_of(const core::Error& e);
// Runs body() and turns every exception into a message and an exit status.
int run_guarded(const std::string& command, const std::function<int()>& body);

// The shared tail of the one-document commands (encode, decode): reads the
// only operand (stdin when none), runs convert(input, out), reports a core
// error against the input's name (its exit status), else writes out and a
// newline to `output`.
template <typename Convert>
int convert_one(const std::vector<std::string>& operands, const char* command, const std::string& output,
                Convert convert) {
    if (operands.size() > 1)
        throw UsageError{std::string(command) + " reads one document (got " + std::to_string(operands.size()) +
                         " files)"};
    const std::string input = operands.empty() ? "-" : operands[0];
    std::string out;
    {
        const std::string text = read_input(input);
        try {
            convert(text, out);
        } catch (const core::Error& e) {
            report_file_error(display_name(input), e);
            return exit_status_of(e);
        }
    }
    out += '\n';
    write_output(output, out);
    return kOk;
}

// ---- json_format.cpp ------------------------------------------------------
// Reindents compact JSON text (as written by the core) like JavaScript's
// JSON.stringify(value, null, indent); indent 0 copies it unchanged.
void pretty_json(std::string_view compact, int indent, std::string& out);

// ---- subcommands ----------------------------------------------------------
int cmd_decode(Args& args);
int cmd_encode(Args& args);
int cmd_check(Args& args);
int cmd_md(Args& args);
int cmd_tokens(Args& args);

}  // namespace toon::cli
