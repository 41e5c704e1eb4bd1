// toon_tool: runs the core on many documents at once, for the differential
// test (test/node/differential.mjs) and ad-hoc checks. No server involved.
//
//   toon_tool encode [--delimiter ,|tab|pipe] [--indent N]
//       stdin: one JSON text per line; stdout per line:
//         "ok <bytes>\n<TOON>\n"  or  "error <message>\n"
//
// Output records are length-prefixed because TOON spans several lines.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "encoder.hpp"
#include "error.hpp"
#include "json.hpp"

using namespace toon::core;

namespace {

int usage() {
    std::fprintf(stderr, "usage: toon_tool encode [--delimiter ,|tab|pipe] [--indent N] < json-lines\n");
    return 2;
}

void write_record(const std::string& body) {
    std::cout << "ok " << body.size() << '\n';
    std::cout.write(body.data(), static_cast<std::streamsize>(body.size()));
    std::cout << '\n';
}

void write_error(const Error& e) {
    std::string msg = e.what();
    if (!e.detail().empty()) msg += " (" + e.detail() + ")";
    for (char& c : msg)
        if (c == '\n') c = ' ';
    std::cout << "error " << msg << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "encode") != 0) return usage();
    EncodeOptions options;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--delimiter" && i + 1 < argc) {
            std::string d = argv[++i];
            options.delimiter = d == "tab" ? '\t' : d == "pipe" ? '|' : d == "comma" ? ',' : d.empty() ? '\0' : d[0];
        } else if (a == "--indent" && i + 1 < argc) {
            options.indent_size = std::atoi(argv[++i]);
        } else {
            return usage();
        }
    }
    std::ios::sync_with_stdio(false);
    std::string line, out;
    while (std::getline(std::cin, line)) {
        try {
            out.clear();
            encode_into(parse_json(line), options, out);
            write_record(out);
        } catch (const Error& e) {
            write_error(e);
        }
    }
    return 0;
}
