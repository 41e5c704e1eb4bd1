// Compact JSON text from a Value (RFC 8259): members in order, numbers as
// their canonical text, strings escaped like JSON.stringify and PostgreSQL's
// json output (\" \\ \b \f \n \r \t, other controls as \u00XX, everything
// else as UTF-8). Iterative, so any nesting depth is safe.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "error.hpp"
#include "escape.hpp"
#include "interrupt.hpp"
#include "json.hpp"

namespace toon::core {

namespace {

// 1 for bytes that need an escape inside a JSON string.
struct EscapeTable {
    bool escape[256] = {};
    constexpr EscapeTable() {
        for (int c = 0; c < 0x20; ++c) escape[c] = true;
        escape[static_cast<unsigned char>('"')] = true;
        escape[static_cast<unsigned char>('\\')] = true;
    }
};
constexpr EscapeTable kEscape;

}  // namespace

void write_json_string(std::string_view s, std::string& out) {
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // Skip 8 bytes at a time while none needs escaping (SWAR test for a
        // byte < 0x20, '"' or '\\').
        while (i + 8 <= s.size()) {
            std::uint64_t w;
            std::memcpy(&w, s.data() + i, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
            const std::uint64_t hit = ((w - ones * 0x20) | (quote - ones) | (backslash - ones)) & ~w & highs;
            if (hit) break;
            i += 8;
        }
        if (i >= s.size()) break;
        const auto c = static_cast<unsigned char>(s[i]);
        if (!kEscape.escape[c]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        append_escape(out, c, EscapeStyle::Json);
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

namespace {

// Writes a scalar, or the opening bracket of a container (returns true).
bool write_open(const Value& v, std::string& out) {
    switch (v.kind) {
        case Kind::Null: out += "null"; return false;
        case Kind::Bool: out += v.boolean ? "true" : "false"; return false;
        case Kind::Number: out += v.text; return false;
        case Kind::String: write_json_string(v.text, out); return false;
        case Kind::Array: out += '['; return true;
        case Kind::Object: out += '{'; return true;
    }
    return false;
}

}  // namespace

void write_json_into(const Value& value, std::string& out, std::size_t max_output) {
    const std::size_t start = out.size();
    struct Frame {
        const Value* container;
        std::size_t next;
    };
    std::vector<Frame> stack;
    Poller<> poller;
    if (!write_open(value, out)) return;
    stack.push_back({&value, 0});
    while (!stack.empty()) {
        poller.tick();
        if (out.size() - start > max_output) throw too_large("JSON output", max_output);
        Frame& top = stack.back();
        const Value& c = *top.container;
        const Value* child = nullptr;
        if (c.kind == Kind::Array) {
            if (top.next == c.items.size()) {
                out += ']';
                stack.pop_back();
                continue;
            }
            if (top.next) out += ',';
            child = &c.items[top.next++];
        } else {
            if (top.next == c.members.size()) {
                out += '}';
                stack.pop_back();
                continue;
            }
            if (top.next) out += ',';
            const Member& m = c.members[top.next++];
            write_json_string(m.first, out);
            out += ':';
            child = &m.second;
        }
        if (write_open(*child, out)) stack.push_back({child, 0});
    }
    if (out.size() - start > max_output) throw too_large("JSON output", max_output);
}

void write_json_pretty_into(const Value& value, int indent, std::string& out) {
    struct Frame {
        const Value* container;
        std::size_t next;
    };
    std::vector<Frame> stack;
    Poller<> poller;
    const std::size_t step = indent > 0 ? static_cast<std::size_t>(indent) : 0;
    auto newline = [&](std::size_t depth) {
        out += '\n';
        out.append(depth * step, ' ');
    };
    if (!write_open(value, out)) return;
    stack.push_back({&value, 0});
    while (!stack.empty()) {
        poller.tick();
        Frame& top = stack.back();
        const Value& c = *top.container;
        const bool array = c.kind == Kind::Array;
        const std::size_t n = array ? c.items.size() : c.members.size();
        if (top.next == n) {
            if (n) newline(stack.size() - 1);
            out += array ? ']' : '}';
            stack.pop_back();
            continue;
        }
        if (top.next) out += ',';
        newline(stack.size());
        const Value* child;
        if (array) {
            child = &c.items[top.next++];
        } else {
            const Member& m = c.members[top.next++];
            write_json_string(m.first, out);
            out += ": ";
            child = &m.second;
        }
        if (write_open(*child, out)) stack.push_back({child, 0});
    }
}

std::string write_json(const Value& value) {
    std::string out;
    write_json_into(value, out);
    return out;
}

}  // namespace toon::core
