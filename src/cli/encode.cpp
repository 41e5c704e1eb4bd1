// toon encode: JSON -> TOON, like to_toon(json, delimiter, indent_size).
#include <cstdio>

#include "cli.hpp"
#include "encode.hpp"
#include "json_tape.hpp"

namespace toon::cli {

namespace {

const char kHelp[] =
    "usage: toon encode [options] [FILE]\n"
    "\n"
    "Encodes a JSON text (FILE, or stdin when FILE is \"-\" or missing) as TOON, like\n"
    "the SQL function to_toon(json, delimiter, indent_size): key order as written, a\n"
    "repeated key keeps its last value, numbers keep all their digits. The output is\n"
    "byte-identical to the reference encoder's (@toon-format/toon), plus a final\n"
    "newline.\n"
    "\n"
    "options:\n"
    "  --delimiter D       ',' or comma (default), '|' or pipe, a tab or tab\n"
    "  --indent-size N     spaces per level, 1-256 (default 2)\n"
    "  -o, --output FILE   write to FILE (replaced atomically) instead of stdout\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok, 1 invalid JSON, 2 bad usage, 3 read/write error.\n";

// The delimiter option: as for to_toon(), plus a typed "\\t" for a tab.
char parse_delimiter(const std::string& d) { return core::parse_delimiter(d == "\\t" ? "\t" : d); }

}  // namespace

int cmd_encode(Args& args) {
    std::string delimiter = ",", indent_size = "2", output;
    args.option("delimiter", &delimiter);
    args.option("indent-size", &indent_size);
    args.option("output", &output, "o");
    if (!args.parse(kHelp)) return kOk;
    core::EncodeOptions options;
    options.delimiter = parse_delimiter(delimiter);
    options.indent_size = Args::to_int("indent-size", indent_size);
    core::check_encode_options(options);

    return convert_one(args.operands(), "encode", output, [&](const std::string& json, std::string& out) {
        const core::JsonTape tape = core::parse_json_tape(json);
        out.reserve(json.size() + 1);
        core::encode_into(tape, options, out);
    });
}

}  // namespace toon::cli
