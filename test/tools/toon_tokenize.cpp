// Command-line front end of the core tokenizer for the exactness tests and the
// benchmark. Reads documents from stdin and prints one line per document.
//
//   toon_tokenize ENCODING ids     whole stdin is one document: token ids, space separated
//   toon_tokenize ENCODING count   whole stdin is one document: token count
//   toon_tokenize ENCODING jsonl   each stdin line is a JSON string: "count id id ..." per line
//   toon_tokenize both jsonl       the same for cl100k_base then o200k_base, two output
//                                  lines per input line: both encodings alternate in one
//                                  process, so state they share (caches) is exercised
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "error.hpp"
#include "tokens/tokenizer.hpp"
#include "utf8.hpp"

namespace {

// Decodes a JSON string literal (as written by JSON.stringify) into UTF-8.
bool json_string(const std::string& in, std::string& out) {
    out.clear();
    std::size_t i = 0;
    if (in.empty() || in[0] != '"') return false;
    auto hex4 = [&](std::size_t at) { return unsigned(std::stoul(in.substr(at, 4), nullptr, 16)); };
    for (i = 1; i < in.size(); ++i) {
        char c = in[i];
        if (c == '"') return true;
        if (c != '\\') {
            out += c;
            continue;
        }
        char e = in[++i];
        switch (e) {
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                unsigned cp = hex4(i + 1);
                i += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && in.compare(i + 1, 2, "\\u") == 0) {
                    unsigned lo = hex4(i + 3);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;  // as TextEncoder does
                toon::core::append_utf8(out, cp);
                break;
            }
            default: out += e;
        }
    }
    return false;
}

void print_ids(const std::vector<std::uint32_t>& ids, std::string& line) {
    for (auto id : ids) {
        line += ' ';
        line += std::to_string(id);
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace toon::core;
    if (argc != 3) {
        std::cerr << "usage: toon_tokenize ENCODING ids|count|jsonl\n";
        return 2;
    }
    try {
        const std::string encoding = argv[1];
        std::string mode = argv[2];
        if (encoding == "both" && mode == "jsonl") {
            const Tokenizer* both[2] = {&Tokenizer::get(resolve_encoding("cl100k_base")),
                                        &Tokenizer::get(resolve_encoding("o200k_base"))};
            std::ios::sync_with_stdio(false);
            std::string in, doc, line;
            std::vector<std::uint32_t> ids;
            while (std::getline(std::cin, in)) {
                if (!json_string(in, doc)) {
                    std::cerr << "bad JSON string line\n";
                    return 1;
                }
                for (const Tokenizer* t : both) {
                    ids.clear();
                    t->encode(doc, ids);
                    line = std::to_string(t->count(doc));
                    print_ids(ids, line);
                    std::cout << line << "\n";
                }
            }
            return 0;
        }
        const Tokenizer& t = Tokenizer::get(resolve_encoding(encoding));
        std::ios::sync_with_stdio(false);
        if (mode == "ids" || mode == "count") {
            std::string doc((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
            if (mode == "count") {
                std::cout << t.count(doc) << "\n";
                return 0;
            }
            std::vector<std::uint32_t> ids;
            t.encode(doc, ids);
            std::string line = std::to_string(ids.size());
            print_ids(ids, line);
            std::cout << line << "\n";
            return 0;
        }
        if (mode != "jsonl") {
            std::cerr << "unknown mode " << mode << "\n";
            return 2;
        }
        std::string in, doc, line;
        std::vector<std::uint32_t> ids;
        while (std::getline(std::cin, in)) {
            if (!json_string(in, doc)) {
                std::cerr << "bad JSON string line\n";
                return 1;
            }
            ids.clear();
            t.encode(doc, ids);
            line = std::to_string(t.count(doc));
            print_ids(ids, line);
            std::cout << line << "\n";
        }
    } catch (const Error& e) {
        std::cerr << "toon_tokenize: " << e.what() << (e.detail().empty() ? "" : ": " + e.detail()) << "\n";
        return 1;
    }
    return 0;
}
