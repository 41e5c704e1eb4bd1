// `toon`: TOON on the command line (docs/cli.md). Dispatches to the
// subcommands and turns every failure into a message on stderr and one of
// the exit statuses of cli.hpp.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <vector>

#include "cli.hpp"
#include "interrupt.hpp"

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

namespace {

// The core's depth guard (interrupt.hpp) asks this hook how deep the stack
// is: measured from main()'s frame against the process's stack limit
// (ulimit -s) less a margin, so deep input ends in a clean status-1 error
// whatever the limit (with its own fixed budget the guard let a 2 MB stack
// overflow).
const char* stack_base = nullptr;
std::size_t stack_budget = 0;

bool stack_too_deep() {
    char here;
    const auto used = static_cast<std::size_t>(stack_base > &here ? stack_base - &here : &here - stack_base);
    return used > stack_budget;
}

void install_stack_guard(const char* base) {
    constexpr std::size_t kMargin = 256 << 10;  // frames between two checks, libc, ICU
    struct rlimit rl;
    std::size_t limit = std::size_t(8) << 20;
    if (getrlimit(RLIMIT_STACK, &rl) == 0)
        limit = rl.rlim_cur == RLIM_INFINITY ? std::size_t(64) << 20 : static_cast<std::size_t>(rl.rlim_cur);
    stack_base = base;
    stack_budget = limit > 2 * kMargin ? limit - kMargin : limit / 2;
    toon::core::InterruptHooks hooks;
    hooks.stack_too_deep = stack_too_deep;
    toon::core::set_interrupt_hooks(hooks);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::cli;
    char stack_base_marker;
    install_stack_guard(&stack_base_marker);
    // A closed pipe is reported by write() as EPIPE and ends the run with
    // status 3 (io.cpp) instead of killing the process mid-way.
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> rest(argv + (argc > 1 ? 2 : 1), argv + argc);
    const std::string command = argc > 1 ? argv[1] : "";
    if (command.empty()) {
        std::fputs(kUsageText, stderr);
        return kUsage;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        return run_guarded(command, [] {
            std::fputs(kUsageText, stdout);
            flush_stdout();
            return kOk;
        });
    }
    if (command == "--version" || command == "version") {
        return run_guarded(command, [] {
            std::printf("toon %s (TOON spec v4)\n", TOON_VERSION);
            flush_stdout();
            return kOk;
        });
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
    const int status = run_guarded(command, [&] {
        const int s = cmd(args);
        flush_stdout();  // anything still buffered (a command's --help text)
        return s;
    });
    return status;
}
