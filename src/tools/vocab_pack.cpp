// Build-time packer: reads an official .tiktoken file ("base64 rank" per line,
// ranks 0..N-1 in order) and writes the table described in src/core/tokens/vocab.hpp.
// Usage: vocab_pack in.tiktoken out.bin
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "tokens/vocab.hpp"

namespace {

int b64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool b64_decode(const std::string& in, std::string& out) {
    out.clear();
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        int v = b64_value(c);
        if (v < 0) return false;
        acc = (acc << 6) | std::uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(char((acc >> bits) & 0xFF));
        }
    }
    return true;
}

void put32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back((v >> (8 * i)) & 0xFF);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: vocab_pack in.tiktoken out.bin\n";
        return 2;
    }
    std::ifstream in(argv[1]);
    std::vector<std::string> tokens;
    std::string line, b64, bytes;
    while (std::getline(in, line)) {
        auto space = line.find(' ');
        if (space == std::string::npos || !b64_decode(line.substr(0, space), bytes) ||
            std::stoul(line.substr(space + 1)) != tokens.size()) {
            std::cerr << argv[1] << ": bad line " << tokens.size() + 1 << "\n";
            return 1;
        }
        tokens.push_back(bytes);
    }
    std::uint32_t slots = 1;
    while (slots < tokens.size() * 5 / 2) slots <<= 1;
    std::vector<std::uint64_t> table(slots, toon::core::kEmptySlot);
    std::vector<std::uint32_t> entries;
    std::string blob;
    for (std::uint32_t r = 0; r < tokens.size(); ++r) {
        const auto& t = tokens[r];
        if (t.empty() || t.size() > 255) {
            std::cerr << argv[1] << ": token " << r << " has " << t.size() << " bytes\n";
            return 1;
        }
        std::uint32_t entry = std::uint32_t(blob.size());
        blob += char(t.size());
        blob += t;
        entries.push_back(entry);
        auto slot = toon::core::vocab_hash(reinterpret_cast<const unsigned char*>(t.data()), t.size()) & (slots - 1);
        while (table[slot] != toon::core::kEmptySlot) {
            if (tokens[table[slot] >> 32] == t) {
                std::cerr << argv[1] << ": duplicate token " << r << "\n";
                return 1;
            }
            slot = (slot + 1) & (slots - 1);
        }
        table[slot] = (std::uint64_t(r) << 32) | entry;
    }
    std::vector<unsigned char> out;
    put32(out, toon::core::kVocabMagic);
    put32(out, std::uint32_t(tokens.size()));
    put32(out, slots);
    put32(out, std::uint32_t(blob.size()));
    for (auto e : entries) put32(out, e);
    while (out.size() % 8) out.push_back(0);
    for (auto s : table) {
        put32(out, std::uint32_t(s));
        put32(out, std::uint32_t(s >> 32));
    }
    out.insert(out.end(), blob.begin(), blob.end());
    std::ofstream(argv[2], std::ios::binary).write(reinterpret_cast<const char*>(out.data()), out.size());
    return 0;
}
