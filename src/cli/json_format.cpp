// Pretty-printing of the compact JSON text the core writes (decode_to_json):
// the layout of JavaScript's JSON.stringify(value, null, indent), which is
// what the reference CLI prints, so outputs compare byte for byte. Numbers
// are copied as written (all their digits).
#include "cli.hpp"

namespace toon::cli {

void pretty_json(std::string_view s, int indent, std::string& out) {
    if (indent <= 0) {
        out.append(s.data(), s.size());
        return;
    }
    out.reserve(out.size() + s.size() + s.size() / 2);
    std::size_t depth = 0;
    const auto newline = [&](std::size_t d) {
        out += '\n';
        out.append(d * static_cast<std::size_t>(indent), ' ');
    };
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = s[i];
        switch (c) {
            case '"': {
                // Copy the string up to its closing quote (escapes skipped).
                std::size_t j = i + 1;
                while (j < n && s[j] != '"') j += s[j] == '\\' ? 2 : 1;
                out.append(s.data() + i, j + 1 - i);
                i = j;
                break;
            }
            case '{':
            case '[':
                out += c;
                if (i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
                    out += s[++i];
                } else {
                    newline(++depth);
                }
                break;
            case '}':
            case ']':
                newline(--depth);
                out += c;
                break;
            case ',':
                out += ',';
                newline(depth);
                break;
            case ':': out += ": "; break;
            default: out += c;
        }
    }
}

}  // namespace toon::cli
