// toon_tool: runs the core on many documents at once, for the differential
// test (test/node/differential.mjs) and ad-hoc checks. No server involved.
//
//   toon_tool encode [--delimiter ,|tab|pipe] [--indent N]
//       stdin: one JSON text per line; stdout per line:
//         "ok <bytes> <rt>\n<TOON>\n"  or  "error <message>\n"
//       where <rt> tells whether our decoder reads the TOON back to the same
//       value: "same", "differs" or "error" (JSON-model equality with object
//       key order ignored, since tabular forms reorder keys: SPEC §2).
//       The tape path (parse_json_tape, used by to_toon(json)) must give
//       the same bytes; a difference is reported as an error.
//
// Output records are length-prefixed because TOON spans several lines.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "decode.hpp"
#include "encode.hpp"
#include "error.hpp"
#include "json.hpp"
#include "json_tape.hpp"

using namespace toon::core;

namespace {

int usage() {
    std::fprintf(stderr, "usage: toon_tool encode [--delimiter ,|tab|pipe] [--indent N] < json-lines\n");
    return 2;
}

// JSON-model equality ignoring object key order (keys are unique).
bool same_model(const Value& a, const Value& b) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Array:
            if (a.items.size() != b.items.size()) return false;
            for (std::size_t i = 0; i < a.items.size(); ++i)
                if (!same_model(a.items[i], b.items[i])) return false;
            return true;
        case Kind::Object:
            if (a.members.size() != b.members.size()) return false;
            for (const auto& m : a.members) {
                const Value* other = nullptr;
                for (const auto& n : b.members)
                    if (n.first == m.first) {
                        other = &n.second;
                        break;
                    }
                if (!other || !same_model(m.second, *other)) return false;
            }
            return true;
        default: return a == b;
    }
}

const char* round_trip(const Value& value, const std::string& toon, int indent_size) {
    try {
        DecodeOptions options;
        options.indent_size = indent_size;
        return same_model(decode(toon, options), value) ? "same" : "differs";
    } catch (const Error&) { return "error"; }
}

void write_record(const std::string& body, const char* rt) {
    std::cout << "ok " << body.size() << ' ' << rt << '\n';
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
            const Value value = parse_json(line);
            encode_into(value, options, out);
            std::string via_tape;
            encode_into(parse_json_tape(line), options, via_tape);
            if (via_tape != out) {
                std::cout << "error tape encoding differs: " << via_tape.size() << " bytes\n";
                continue;
            }
            write_record(out, round_trip(value, out, options.indent_size));
        } catch (const Error& e) { write_error(e); }
    }
    return 0;
}
