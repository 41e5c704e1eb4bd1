// Compact JSON text from a Value (RFC 8259): members in order, numbers as
// their canonical text, strings escaped like JSON.stringify and PostgreSQL's
// json output (\" \\ \b \f \n \r \t, other controls as \u00XX, everything
// else as UTF-8). Iterative, so any nesting depth is safe.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "document.hpp"
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

namespace {

// The two trees as the pretty writer reads them.
bool write_open(const Node& n, std::string& out) {
    switch (n.kind) {
        case Kind::Null: out += "null"; return false;
        case Kind::Bool: out += n.boolean ? "true" : "false"; return false;
        case Kind::Number: out.append(n.text()); return false;
        case Kind::String: write_json_string(n.text(), out); return false;
        case Kind::Array: out += '['; return true;
        case Kind::Object: out += '{'; return true;
    }
    return false;
}
std::size_t element_count(const Value& c) { return c.kind == Kind::Array ? c.items.size() : c.members.size(); }
std::size_t element_count(const Node& c) { return c.size_; }
const Value& item_at(const Value& c, std::size_t i) { return c.items[i]; }
const Node& item_at(const Node& c, std::size_t i) { return c.items()[i]; }
std::string_view key_at(const Value& c, std::size_t i) { return c.members[i].first; }
std::string_view key_at(const Node& c, std::size_t i) { return c.members()[i].first; }
const Value& value_at(const Value& c, std::size_t i) { return c.members[i].second; }
const Node& value_at(const Node& c, std::size_t i) { return c.members()[i].second; }

template <class Tree>
void write_pretty(const Tree& value, int indent, std::string& out) {
    struct Frame {
        const Tree* container;
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
        const Tree& c = *top.container;
        const bool array = c.kind == Kind::Array;
        const std::size_t n = element_count(c);
        if (top.next == n) {
            if (n) newline(stack.size() - 1);
            out += array ? ']' : '}';
            stack.pop_back();
            continue;
        }
        if (top.next) out += ',';
        newline(stack.size());
        const Tree* child;
        if (array) {
            child = &item_at(c, top.next++);
        } else {
            write_json_string(key_at(c, top.next), out);
            out += ": ";
            child = &value_at(c, top.next++);
        }
        if (write_open(*child, out)) stack.push_back({child, 0});
    }
}

}  // namespace

void write_json_pretty_into(const Value& value, int indent, std::string& out) { write_pretty(value, indent, out); }

void write_json_pretty_into(const Node& node, int indent, std::string& out) { write_pretty(node, indent, out); }

std::string write_json(const Value& value) {
    std::string out;
    write_json_into(value, out);
    return out;
}

}  // namespace toon::core
