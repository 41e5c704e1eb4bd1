// `toon`: TOON on the command line (docs/cli.md). Dispatches to the
// subcommands and turns every failure into a message on stderr and one of
// the exit statuses of cli.hpp.
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "cli.hpp"

#ifndef TOON_VERSION
#define TOON_VERSION "unknown"
#endif

namespace toon::cli {

namespace {

const char kUsageText[] =
    "usage: toon <command> [options] [file...]\n"
    "\n"
    "TOON (Token-Oriented Object Notation) on files and pipes, with the same\n"
    "core, rules and error messages as the toon PostgreSQL extension.\n"
    "\n"
    "commands:\n"
    "  decode   TOON -> JSON                    (SQL: toon_to_json)\n"
    "  encode   JSON -> TOON                    (SQL: to_toon)\n"
    "  check    validate TOON files, one line per error (SQL: toon_is_valid)\n"
    "  md       TOON -> Markdown; --write updates X.md next to X.toon (SQL: toon_to_markdown)\n"
    "  tokens   exact token counts (tiktoken)   (SQL: toon_token_count)\n"
    "\n"
    "A file operand \"-\" or no operand reads stdin. Run `toon <command> --help`\n"
    "for the options of a command.\n"
    "\n"
    "exit status: 0 ok, 1 invalid input, 2 bad usage, 3 read/write error\n"
    "(including a closed pipe), 4 internal error.\n";

// The message after "Line L, column C: " in a core error's detail.
std::string detail_without_position(const core::Error& e) {
    const std::string& d = e.detail();
    if (d.compare(0, 5, "Line ") == 0) {
        const std::size_t colon = d.find(": ");
        if (colon != std::string::npos) return d.substr(colon + 2);
    }
    return d;
}

}  // namespace

void report_file_error(const std::string& file, const core::Error& e) {
    std::string line = file;
    if (e.line() > 0) line += ":" + std::to_string(e.line()) + ":" + std::to_string(e.column());
    line += ": error: ";
    line += e.what();
    const std::string detail = e.line() > 0 ? detail_without_position(e) : e.detail();
    if (!detail.empty()) line += ": " + detail;
    line += '\n';
    // A hint that names a PostgreSQL setting means nothing here.
    if (!e.hint().empty() && e.code() != core::ErrorCode::StackDepth) {
        line += file;
        if (e.line() > 0) line += ":" + std::to_string(e.line()) + ":" + std::to_string(e.column());
        line += ": note: " + e.hint() + "\n";
    }
    std::fputs(line.c_str(), stderr);
}

int exit_status_of(const core::Error& e) {
    switch (e.code()) {
        case core::ErrorCode::InvalidParameter: return kUsage;
        case core::ErrorCode::Internal: return kInternal;
        default: return kInvalidInput;
    }
}

int run_guarded(const std::string& command, const std::function<int()>& body) {
    const std::string who = "toon " + command;
    try {
        return body();
    } catch (const UsageError& e) {
        std::fprintf(stderr, "%s: error: %s\nTry '%s --help'.\n", who.c_str(), e.message.c_str(), who.c_str());
        return kUsage;
    } catch (const IoError& e) {
        if (!e.message.empty()) std::fprintf(stderr, "%s: error: %s\n", who.c_str(), e.message.c_str());
        return kIoError;
    } catch (const core::Error& e) {
        // Errors not tied to a file: option values checked by the core.
        report_file_error(who, e);
        return exit_status_of(e);
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "%s: error: out of memory\n", who.c_str());
        return kInvalidInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: internal error: %s\n", who.c_str(), e.what());
        return kInternal;
    } catch (...) {
        std::fprintf(stderr, "%s: internal error: unknown exception\n", who.c_str());
        return kInternal;
    }
}

}  // namespace toon::cli

int main(int argc, char** argv) {
    using namespace toon::cli;
    // A closed pipe is reported by write() as EPIPE and ends the run with
    // status 3 (io.cpp) instead of killing the process mid-way.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> rest(argv + (argc > 1 ? 2 : 1), argv + argc);
    const std::string command = argc > 1 ? argv[1] : "";
    if (command.empty() || command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsageText, command.empty() ? stderr : stdout);
        return command.empty() ? kUsage : kOk;
    }
    if (command == "--version" || command == "version") {
        std::printf("toon %s (TOON spec v4)\n", TOON_VERSION);
        return kOk;
    }
    int (*cmd)(Args&) = nullptr;
    if (command == "decode") cmd = cmd_decode;
    else if (command == "encode") cmd = cmd_encode;
    else if (command == "check") cmd = cmd_check;
    else if (command == "md") cmd = cmd_md;
    else if (command == "tokens") cmd = cmd_tokens;
    if (!cmd) {
        std::fprintf(stderr, "toon: error: unknown command \"%s\"\n%s", command.c_str(), kUsageText);
        return kUsage;
    }
    Args args(command, std::move(rest));
    const int status = run_guarded(command, [&] { return cmd(args); });
    // Anything still buffered (stdout is flushed by write_all; this is a backstop).
    if (std::fflush(stdout) != 0 && status == kOk) return kIoError;
    return status;
}
