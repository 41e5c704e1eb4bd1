// toon tokens: exact token counts (tiktoken's encode_ordinary), like
// toon_token_count(doc, encoding); --compare-json also counts the document
// as compact and as pretty JSON and prints what TOON saves.
#include <cmath>
#include <cstdio>

#include "cli.hpp"
#include "decode.hpp"
#include "tokens/tokenizer.hpp"
#include "utf8.hpp"

namespace toon::cli {

namespace {

const char kHelp[] =
    "usage: toon tokens [options] [FILE...]\n"
    "\n"
    "Counts the tokens of each file (stdin when no FILE or \"-\") exactly as OpenAI's\n"
    "tiktoken does, like the SQL function toon_token_count(doc, encoding). Prints one\n"
    "line per file, \"COUNT FILE\", and a total line for several files.\n"
    "\n"
    "options:\n"
    "  --encoding NAME     o200k_base (default) or cl100k_base\n"
    "  --model NAME        the encoding of a model, as tiktoken maps it (gpt-4o,\n"
    "                      gpt-4, gpt-3.5-turbo, ...)\n"
    "  --compare-json      decode each TOON file and also count its JSON, compact\n"
    "                      and pretty (2-space indent); print the savings\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 ok, 1 some file invalid (ill-formed UTF-8, or invalid TOON with\n"
    "--compare-json), 2 bad usage, 3 read error.\n";

struct Counts {
    std::size_t toon = 0, compact = 0, pretty = 0;
};

// Savings of TOON against `json` tokens, as a percentage ("-" when json is 0),
// with one decimal as JavaScript's toFixed(1) writes it (the reference CLI's
// figures): an exact tie rounds away from zero (31.25 -> 31.3, -6.25 -> -6.3),
// where printf rounds it to even (31.2, -6.2); anything else is printf's
// correctly rounded text.
std::string saving(std::size_t toon, std::size_t json) {
    if (json == 0) return "-";
    const double d = 100.0 * (static_cast<double>(json) - static_cast<double>(toon)) / json;
    char buf[48];
    const long double tenths = static_cast<long double>(d) * 10;  // exact: 53 + 4 bits fit a long double
    const long double below = std::floor(tenths);
    if (tenths - below == 0.5L) {
        const long long n = static_cast<long long>(below) + (d < 0 ? 0 : 1);
        const unsigned long long a =
            n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
        std::snprintf(buf, sizeof buf, "%s%llu.%llu%%", n < 0 ? "-" : "", a / 10, a % 10);
    } else {
        std::snprintf(buf, sizeof buf, "%.1f%%", d);
    }
    return buf;
}

void print_row(const Counts& c, const std::string& name, bool compare, std::string& out) {
    char buf[160];
    if (compare) {
        std::snprintf(buf, sizeof buf, "%10zu %12zu %7s %12zu %7s  ", c.toon, c.compact,
                      saving(c.toon, c.compact).c_str(), c.pretty, saving(c.toon, c.pretty).c_str());
    } else {
        std::snprintf(buf, sizeof buf, "%10zu  ", c.toon);
    }
    out += buf;
    out += name;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
}

}  // namespace

int cmd_tokens(Args& args) {
    bool compare = false;
    std::string encoding, model;
    args.option("encoding", &encoding);
    args.option("model", &model);
    args.flag("compare-json", &compare);
    if (!args.parse(kHelp)) return kOk;
    if (!encoding.empty() && !model.empty()) throw UsageError{"--encoding and --model exclude each other"};
    const std::string& name = !model.empty() ? model : !encoding.empty() ? encoding : std::string("o200k_base");
    core::Encoding enc;
    try {
        enc = core::resolve_encoding(name);
    } catch (const core::Error& e) {
        // The core's hint names an SQL function; list the names here instead.
        throw core::Error(e.code(), e.what(), e.detail());
    }
    const core::Tokenizer& tokenizer = core::Tokenizer::get(enc);

    std::vector<std::string> files = args.operands();
    if (files.empty()) files.push_back("-");
    int status = kOk;
    Counts total;
    std::string out;
    if (compare) out += "      TOON  JSON compact   saved  JSON pretty   saved  FILE\n";
    for (const std::string& file : files) {
        Counts c;
        try {
            const std::string doc = read_input(file);
            try {
                core::require_utf8(doc);
                c.toon = tokenizer.count(doc);
                if (compare) {
                    core::DecodeOptions options;
                    options.indent_size = 0;  // the document's own, as the toon type reads it
                    std::string json, pretty;
                    core::decode_to_json(doc, options, json);
                    c.compact = tokenizer.count(json);
                    pretty_json(json, 2, pretty);
                    c.pretty = tokenizer.count(pretty);
                }
            } catch (const core::Error& e) {
                report_file_error(display_name(file), e);
                if (status == kOk) status = exit_status_of(e);
                continue;
            }
        } catch (const IoError& e) {
            std::fprintf(stderr, "toon tokens: error: %s\n", e.message.c_str());
            status = kIoError;
            continue;
        }
        total.toon += c.toon;
        total.compact += c.compact;
        total.pretty += c.pretty;
        print_row(c, file == "-" ? (files.size() > 1 ? "<stdin>" : "") : file, compare, out);
    }
    if (files.size() > 1) print_row(total, "total", compare, out);
    write_all(stdout, out, "<stdout>");
    return status;
}

}  // namespace toon::cli
