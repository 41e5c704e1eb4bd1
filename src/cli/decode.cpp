// toon decode: TOON -> JSON, like toon_to_json(doc, strict, indent_size).
#include <cstdio>

#include "cli.hpp"
#include "decode.hpp"

namespace toon::cli {

namespace {

const char kHelp[] =
    "usage: toon decode [options] [FILE]\n"
    "\n"
    "Decodes a TOON document (FILE, or stdin when FILE is \"-\" or missing) to JSON,\n"
    "like the SQL function toon_to_json(doc, strict, indent_size). Object keys keep\n"
    "their order; numbers keep all their digits.\n"
    "\n"
    "options:\n"
    "  --strict            enforce every check of SPEC section 14 (default)\n"
    "  --no-strict         lenient decoding (counts, indentation, delimiters)\n"
    "  --indent-size N     spaces per TOON level, 1-256, or 0 for the document's own\n"
    "                      (default 2)\n"
    "  --json-indent N     indent the JSON by N spaces like JSON.stringify, 0-256,\n"
    "                      of which at most 10 are used, as there (default 2);\n"
    "                      0 writes compact JSON, the text toon_to_json returns\n"
    "  -o, --output FILE   write to FILE (replaced atomically) instead of stdout\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok, 1 invalid TOON, 2 bad usage, 3 read/write error.\n";

}  // namespace

int cmd_decode(Args& args) {
    bool strict = false, no_strict = false;
    std::string indent_size = "2", json_indent = "2", output;
    args.flag("strict", &strict);
    args.flag("no-strict", &no_strict);
    args.option("indent-size", &indent_size);
    args.option("json-indent", &json_indent);
    args.option("output", &output, "o");
    if (!args.parse(kHelp)) return kOk;
    if (strict && no_strict) throw UsageError{"--strict and --no-strict exclude each other"};
    core::DecodeOptions options;
    options.strict = !no_strict;
    options.indent_size = Args::to_int("indent-size", indent_size);
    const int json_indent_n = Args::to_int("json-indent", json_indent);
    if (json_indent_n < 0 || json_indent_n > 256) throw UsageError{"--json-indent must be between 0 and 256"};
    const int json_spaces = json_indent_n < 10 ? json_indent_n : 10;  // JSON.stringify uses at most 10
    core::validate("", options);                                      // rejects bad options before any input is read

    return convert_one(args.operands(), "decode", output, [&](const std::string& doc, std::string& out) {
        std::string compact;
        compact.reserve(doc.size() * 2 + 64);
        core::decode_to_json(doc, options, compact);
        if (json_spaces == 0) out = std::move(compact);
        else pretty_json(compact, json_spaces, out);
    });
}

}  // namespace toon::cli
