// toon check: validates TOON files like the toon type's input function (or
// toon_is_valid with options), printing one compiler-style line per error.
#include <cstdio>

#include "cli.hpp"
#include "decode.hpp"

namespace toon::cli {

namespace {

const char kHelp[] =
    "usage: toon check [options] [FILE...]\n"
    "\n"
    "Validates TOON documents (stdin when no FILE or \"-\") by the rules of the toon\n"
    "type: strict, in each document's own indent size. Prints nothing for a valid\n"
    "file and one line per invalid one, in the form\n"
    "  FILE:LINE:COLUMN: error: MESSAGE: DETAIL\n"
    "with the error message and detail the SQL functions report.\n"
    "\n"
    "options:\n"
    "  --no-strict         lenient rules (like toon_is_valid(doc, false))\n"
    "  --indent-size N     spaces per level, 1-256; 0 for each document's own (default)\n"
    "  -q, --quiet         print nothing, only set the exit status\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 all valid, 1 some file invalid, 2 bad usage, 3 some file\n"
    "could not be read (takes precedence over 1).\n";

}  // namespace

int cmd_check(Args& args) {
    bool no_strict = false, quiet = false;
    std::string indent_size = "0";
    args.flag("no-strict", &no_strict);
    args.flag("quiet", &quiet, "q");
    args.option("indent-size", &indent_size);
    if (!args.parse(kHelp)) return kOk;
    core::DecodeOptions options;
    options.strict = !no_strict;
    options.indent_size = Args::to_int("indent-size", indent_size);
    core::validate("", options);  // rejects bad options before any input is read

    std::vector<std::string> files = args.operands();
    if (files.empty()) files.push_back("-");
    int status = kOk;
    for (const std::string& file : files) {
        std::string doc;
        try {
            doc = read_input(file);
        } catch (const IoError& e) {
            if (!quiet) std::fprintf(stderr, "toon check: error: %s\n", e.message.c_str());
            status = kIoError;
            continue;
        }
        try {
            core::validate(doc, options);
        } catch (const core::Error& e) {
            if (!quiet) report_file_error(display_name(file), e);
            if (status == kOk) status = exit_status_of(e);
        }
    }
    return status;
}

}  // namespace toon::cli
