// parse_json() and parse_json_tape(): RFC 8259 text -> Value or JsonTape;
// strict, iterative, lossless numbers (canonical text, never a double).
//
// Duplicate object keys: the LAST value is kept at the FIRST key's position,
// which is what JavaScript's JSON.parse does (and therefore what the reference
// encoder sees). PostgreSQL's jsonb also keeps the last value, but sorts keys.
#include "json.hpp"
#include "json_tape.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "error.hpp"
#include "escape.hpp"
#include "interrupt.hpp"
#include "key_hash.hpp"
#include "number.hpp"
#include "utf8.hpp"

namespace toon::core {

namespace {

// Bytes a JSON string body can copy without a closer look: printable ASCII
// except '"' and '\\'.
struct PlainTable {
    bool plain[256];
    constexpr PlainTable() : plain() {
        for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
    }
};
constexpr PlainTable kPlain;

// Objects larger than this get a hash index for duplicate-key detection.
constexpr std::size_t kIndexThreshold = 16;

// Deepest nesting accepted. The parser itself is iterative, but a Value tree's
// destructor, copy and operator== recurse: 100,000 levels is what they handle
// on an 8 MB stack with room to spare (measured: 150,000 does not fit).
constexpr std::size_t kMaxDepth = 100000;

// Builds a Value tree. Elements of open containers wait on a scratch stack
// and are moved into their container, sized exactly, when it closes.
class ValueBuilder {
public:
    explicit ValueBuilder(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    void push_slot() {
        account(sizeof(Member));
        scratch_.emplace_back();
    }
    void pop_slot() { scratch_.pop_back(); }
    std::size_t slots() const { return scratch_.size(); }
    void set_key(std::size_t i, std::string_view k) {
        account(k.size());
        scratch_[i].first.assign(k.data(), k.size());
    }
    std::string_view key(std::size_t i) const { return scratch_[i].first; }
    void set_string(std::size_t i, std::string_view s) {
        account(s.size());
        scratch_[i].second = Value::string(std::string(s));
    }
    void set_number(std::size_t i, std::string_view canonical) {
        account(canonical.size());
        Value& v = scratch_[i].second;
        v = Value();
        v.kind = Kind::Number;
        v.text.assign(canonical.data(), canonical.size());
    }
    void set_bool(std::size_t i, bool b) { scratch_[i].second = Value::from_bool(b); }
    void set_null(std::size_t i) { scratch_[i].second = Value::null(); }
    void open(std::size_t i, bool is_object) { scratch_[i].second = is_object ? Value::object() : Value::array(); }
    // Moves slots [start, end) into the container in slot `i`.
    void close(std::size_t i, std::size_t start, bool is_object) {
        Value& container = scratch_[i].second;
        const auto first = scratch_.begin() + static_cast<std::ptrdiff_t>(start);
        if (is_object) {
            container.members.assign(std::make_move_iterator(first), std::make_move_iterator(scratch_.end()));
        } else {
            container.items.reserve(scratch_.size() - start);
            for (auto it = first; it != scratch_.end(); ++it) container.items.push_back(std::move(it->second));
        }
        scratch_.erase(first, scratch_.end());
    }
    Value result() { return std::move(scratch_[0].second); }

private:
    // Adds to the tree's estimated size; stops past max_bytes_.
    void account(std::size_t bytes) {
        used_ += bytes;
        if (used_ > max_bytes_) throw too_large("the JSON value's tree", max_bytes_);
    }

    std::vector<Member> scratch_;
    const std::size_t max_bytes_;
    std::size_t used_ = 0;
};

// Builds a JsonTape: the same scratch discipline with node indexes.
class TapeBuilder {
public:
    struct Entry {
        std::uint64_t key = 0;
        std::uint32_t key_size = 0;
        std::uint32_t node = 0;
    };
    TapeBuilder(std::size_t input_size, std::size_t max_bytes) : max_bytes_(max_bytes) {
        tape_.text.reserve(input_size);
        room(0, 0);
    }

    void push_slot() {
        if (scratch_.size() == scratch_.capacity()) room(0, 0, 1);
        scratch_.emplace_back();
    }
    void pop_slot() { scratch_.pop_back(); }
    std::size_t slots() const { return scratch_.size(); }
    void set_key(std::size_t i, std::string_view k) {
        scratch_[i].key = tape_.text.size();
        scratch_[i].key_size = checked_size(k.size());
        if (tape_.text.capacity() - tape_.text.size() < k.size()) room(0, 0, 0, k.size());
        tape_.text.append(k.data(), k.size());
    }
    std::string_view key(std::size_t i) const {
        return std::string_view(tape_.text.data() + scratch_[i].key, scratch_[i].key_size);
    }
    void set_string(std::size_t i, std::string_view s) { set_text(i, Kind::String, s); }
    void set_number(std::size_t i, std::string_view canonical) { set_text(i, Kind::Number, canonical); }
    void set_bool(std::size_t i, bool b) { scratch_[i].node = add(JsonTape::Node{0, 0, Kind::Bool, b}); }
    void set_null(std::size_t i) { scratch_[i].node = add(JsonTape::Node{0, 0, Kind::Null, false}); }
    void open(std::size_t i, bool is_object) {
        scratch_[i].node = add(JsonTape::Node{0, 0, is_object ? Kind::Object : Kind::Array, false});
    }
    void close(std::size_t i, std::size_t start, bool) {
        JsonTape::Node& n = tape_.nodes[scratch_[i].node];
        n.first = tape_.slots.size();
        n.count = checked_size(scratch_.size() - start);
        if (tape_.slots.capacity() - tape_.slots.size() < n.count) room(0, n.count);
        for (std::size_t k = start; k < scratch_.size(); ++k)
            tape_.slots.push_back(JsonTape::Slot{scratch_[k].key, scratch_[k].key_size, scratch_[k].node});
        scratch_.resize(start);
    }
    JsonTape result() {
        tape_.root = scratch_[0].node;
        return std::move(tape_);
    }

private:
    JsonTape tape_;
    std::vector<Entry> scratch_;
    const std::size_t max_bytes_;

    // Called before a buffer grows by the given counts (nodes, slots, open
    // elements, text bytes): stops with Error(ProgramLimit) when the buffers,
    // at the capacity that growth gives them (libstdc++ at least doubles),
    // would pass max_bytes_. Every byte the tape holds is counted, so the
    // memory of a parse stays below the limit (plus the one buffer being
    // moved while it grows).
    void room(std::size_t nodes, std::size_t slots, std::size_t open = 0, std::size_t text = 0) {
        const auto grown = [](std::size_t size, std::size_t capacity, std::size_t more) {
            return more == 0 || capacity - size >= more ? capacity : std::max(size + more, 2 * capacity);
        };
        const std::size_t bytes = grown(tape_.nodes.size(), tape_.nodes.capacity(), nodes) * sizeof(JsonTape::Node) +
                                  grown(tape_.slots.size(), tape_.slots.capacity(), slots) * sizeof(JsonTape::Slot) +
                                  grown(scratch_.size(), scratch_.capacity(), open) * sizeof(Entry) +
                                  grown(tape_.text.size(), tape_.text.capacity(), text);
        if (bytes > max_bytes_) throw too_large("the parsed JSON value", max_bytes_);
    }

    static std::uint32_t checked_size(std::size_t n) {
        if (n > UINT32_MAX) throw Error(ErrorCode::ProgramLimit, "JSON value too large");
        return static_cast<std::uint32_t>(n);
    }
    std::uint32_t add(const JsonTape::Node& n) {
        if (tape_.nodes.size() == tape_.nodes.capacity()) room(1, 0);
        tape_.nodes.push_back(n);
        return checked_size(tape_.nodes.size() - 1);
    }
    void set_text(std::size_t i, Kind kind, std::string_view s) {
        scratch_[i].node = add(JsonTape::Node{tape_.text.size(), checked_size(s.size()), kind, false});
        if (tape_.text.capacity() - tape_.text.size() < s.size()) room(0, 0, 0, s.size());
        tape_.text.append(s.data(), s.size());
    }
};

// An open container: its elements are the builder's slots from `start` on;
// the container itself is slot `slot`.
struct Frame {
    std::size_t slot;
    std::size_t start;
    bool is_object;
    // Large objects only (owned): key hash -> slot.
    std::unordered_multimap<std::size_t, std::size_t>* index = nullptr;
};

template <typename Builder>
class JsonReader {
public:
    JsonReader(std::string_view text, Builder& builder) : s_(text), b_(builder) {}

    ~JsonReader() {
        for (auto& f : stack_) delete f.index;
    }

    void parse() {
        b_.push_slot();
        std::size_t slot = 0;  // where the next value goes
        skip_ws();
        if (pos_ >= s_.size()) fail(pos_, "expected a JSON value");
        for (;;) {
            // Parse one value into slot `slot`; a container opens a frame and
            // continues with its first element.
            poller_.tick();
            skip_ws();
            if (pos_ >= s_.size()) fail(pos_, "expected a JSON value");
            const char c = s_[pos_];
            if (c == '{' || c == '[') {
                ++pos_;
                const bool is_object = c == '{';
                b_.open(slot, is_object);
                skip_ws();
                if (peek() == (is_object ? '}' : ']')) {
                    ++pos_;
                    b_.close(slot, b_.slots(), is_object);
                } else {
                    push_frame(slot, is_object);
                    slot = is_object ? next_member_slot() : next_item_slot();
                    continue;
                }
            } else {
                parse_scalar(slot);
            }

            // After a complete value: close finished containers, or move on to
            // the next element of the innermost open one.
            for (;;) {
                if (stack_.empty()) {
                    skip_ws();
                    if (pos_ != s_.size()) fail(pos_, "expected end of input");
                    return;
                }
                Frame& f = stack_.back();
                skip_ws();
                const char d = peek();
                if (d == ',') {
                    ++pos_;
                    slot = f.is_object ? next_member_slot() : next_item_slot();
                    break;
                }
                if (d == (f.is_object ? '}' : ']')) {
                    ++pos_;
                    Frame done = f;
                    stack_.pop_back();
                    delete done.index;
                    b_.close(done.slot, done.start, done.is_object);
                    continue;
                }
                fail(pos_, f.is_object ? "expected ',' or '}' after an object member"
                                       : "expected ',' or ']' after an array element");
            }
        }
    }

private:
    std::string_view s_;
    Builder& b_;
    std::size_t pos_ = 0;
    std::vector<Frame> stack_;
    std::string str_;  // the string token being read
    Poller<> poller_;

    void push_frame(std::size_t slot, bool is_object) {
        if (stack_.size() >= kMaxDepth)
            throw Error(ErrorCode::StackDepth, "JSON nesting is too deep",
                        "Nesting depth exceeds the limit of " + std::to_string(kMaxDepth) + " levels.");
        stack_.push_back(Frame{slot, b_.slots(), is_object});
    }

    std::size_t next_item_slot() {
        b_.push_slot();
        return b_.slots() - 1;
    }

    char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

    void skip_ws() {
        while (pos_ < s_.size()) {
            char c = s_[pos_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
            ++pos_;
        }
    }

    // Reads `"key" :` of the innermost object and returns the slot its value
    // goes to (the earlier member's slot when the key repeats).
    std::size_t next_member_slot() {
        skip_ws();
        if (peek() != '"') fail(pos_, "expected a string as object key");
        str_.clear();
        parse_string_into(str_);
        skip_ws();
        if (peek() != ':') fail(pos_, "expected ':' after object key");
        ++pos_;
        Frame& f = stack_.back();
        const std::string_view key = str_;
        const std::size_t end = b_.slots();
        std::size_t found = end;
        const std::size_t hash = f.index ? KeyHash()(key) : 0;
        if (f.index) {
            auto range = f.index->equal_range(hash);
            for (auto it = range.first; it != range.second; ++it)
                if (b_.key(it->second) == key) {
                    found = it->second;
                    break;
                }
        } else {
            for (std::size_t i = f.start; i < end; ++i)
                if (b_.key(i) == key) {
                    found = i;
                    break;
                }
        }
        if (found != end) return found;  // the new value replaces the old one
        b_.push_slot();
        b_.set_key(end, key);
        if (f.index) {
            f.index->emplace(hash, end);
        } else if (end - f.start >= kIndexThreshold) {
            f.index = new std::unordered_multimap<std::size_t, std::size_t>();
            for (std::size_t i = f.start; i <= end; ++i) f.index->emplace(KeyHash()(b_.key(i)), i);
        }
        return end;
    }

    void parse_scalar(std::size_t slot) {
        char c = s_[pos_];
        if (c == '"') {
            str_.clear();
            parse_string_into(str_);
            b_.set_string(slot, str_);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            parse_number(slot);
        } else if (s_.compare(pos_, 4, "true") == 0) {
            b_.set_bool(slot, true);
            pos_ += 4;
        } else if (s_.compare(pos_, 5, "false") == 0) {
            b_.set_bool(slot, false);
            pos_ += 5;
        } else if (s_.compare(pos_, 4, "null") == 0) {
            b_.set_null(slot);
            pos_ += 4;
        } else {
            fail(pos_, "expected a JSON value");
        }
    }

    void parse_number(std::size_t slot) {
        const std::size_t start = pos_;
        auto digits = [&] {
            std::size_t d = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
            return pos_ - d;
        };
        const bool negative = peek() == '-';
        if (negative) ++pos_;
        std::size_t int_digits = 1;
        if (peek() == '0') {
            ++pos_;
        } else if ((int_digits = digits()) == 0) {
            fail(pos_, "expected a digit in number");
        }
        bool plain_integer = true;
        if (peek() == '.') {
            ++pos_;
            plain_integer = false;
            if (digits() == 0) fail(pos_, "expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            plain_integer = false;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (digits() == 0) fail(pos_, "expected a digit in the exponent");
        }
        const std::string_view token = s_.substr(start, pos_ - start);
        // An integer below 1e21 other than -0 is already canonical.
        if (plain_integer && int_digits <= 21 && !(negative && token[1] == '0')) b_.set_number(slot, token);
        else b_.set_number(slot, canonical_number(token));
    }

    // Reads the 4 hex digits of a \u escape at pos_ (just after the 'u').
    unsigned read_hex4() {
        if (pos_ + 4 > s_.size()) fail(pos_, "expected four hex digits after \\u");
        unsigned u = 0;
        for (int i = 0; i < 4; ++i) {
            int h = hex_digit_value(s_[pos_ + i]);
            if (h < 0) fail(pos_ + i, "expected four hex digits after \\u");
            u = (u << 4) | static_cast<unsigned>(h);
        }
        pos_ += 4;
        return u;
    }

    // Length of the well-formed UTF-8 sequence at s_[i] (Unicode §3.9 table
    // 3-7), or 0 when it is ill-formed.
    std::size_t utf8_sequence_length(std::size_t i) const {
        auto b = [&](std::size_t k) { return i + k < s_.size() ? static_cast<unsigned char>(s_[i + k]) : 0u; };
        unsigned b0 = b(0);
        auto cont = [](unsigned x) { return x >= 0x80 && x <= 0xBF; };
        if (b0 >= 0xC2 && b0 <= 0xDF) return cont(b(1)) ? 2 : 0;
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
            return b(1) >= lo && b(1) <= hi && cont(b(2)) ? 3 : 0;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
            return b(1) >= lo && b(1) <= hi && cont(b(2)) && cont(b(3)) ? 4 : 0;
        }
        return 0;
    }

    // Reads a string token at pos_ (on the opening quote) and appends its
    // unescaped UTF-8 value to `out`.
    void parse_string_into(std::string& out) {
        ++pos_;
        const std::size_t n = s_.size();
        for (;;) {
            std::size_t run = pos_;
            while (pos_ < n && kPlain.plain[static_cast<unsigned char>(s_[pos_])]) ++pos_;
            out.append(s_.data() + run, pos_ - run);
            if (pos_ >= n) fail(pos_, "expected '\"' to end the string");
            auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') {
                ++pos_;
                return;
            }
            if (c == '\\') {
                ++pos_;
                if (pos_ >= n) fail(pos_, "expected an escape character after '\\'");
                char e = s_[pos_++];
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'u': {
                        std::size_t at = pos_ - 2;
                        char32_t u = read_hex4();
                        if (u >= 0xDC00 && u <= 0xDFFF) fail(at, "unpaired low surrogate in \\u escape");
                        if (u >= 0xD800 && u <= 0xDBFF) {
                            if (pos_ + 1 >= n || s_[pos_] != '\\' || s_[pos_ + 1] != 'u')
                                fail(at, "expected a low surrogate \\u escape after a high surrogate");
                            pos_ += 2;
                            char32_t lo = read_hex4();
                            if (lo < 0xDC00 || lo > 0xDFFF)
                                fail(at, "expected a low surrogate \\u escape after a high surrogate");
                            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                        }
                        append_utf8(out, u);
                        break;
                    }
                    default: fail(pos_ - 1, "expected a valid escape character after '\\'");
                }
                continue;
            }
            if (c < 0x20) fail(pos_, "expected '\"' to end the string before a control character");
            // Non-ASCII: validate the sequence and copy it.
            std::size_t len = utf8_sequence_length(pos_);
            if (len == 0) {
                auto [line, col] = position(pos_);
                throw Error(
                    ErrorCode::InvalidUtf8, "invalid byte sequence for encoding \"UTF8\"",
                    "Line " + std::to_string(line) + ", column " + std::to_string(col) + ": ill-formed UTF-8 sequence.")
                    .at(line, col);
            }
            out.append(s_.data() + pos_, len);
            pos_ += len;
        }
    }

    // 1-based line and column (in code points) of byte offset `at`.
    std::pair<int, int> position(std::size_t at) const {
        int line = 1, col = 1;
        for (std::size_t i = 0; i < at && i < s_.size(); ++i) {
            auto c = static_cast<unsigned char>(s_[i]);
            if (c == '\n') {
                ++line;
                col = 1;
            } else if ((c & 0xC0) != 0x80) ++col;
        }
        return {line, col};
    }

    [[noreturn]] void fail(std::size_t at, const char* what) const {
        auto [line, col] = position(at);
        std::string detail = "Line " + std::to_string(line) + ", column " + std::to_string(col) + ": " + what;
        if (at >= s_.size()) detail += " (at end of input)";
        detail += '.';
        throw Error(ErrorCode::InvalidSyntax, "invalid input syntax for type json", detail).at(line, col);
    }
};

}  // namespace

Value parse_json(std::string_view text, std::size_t max_tree_bytes) {
    ValueBuilder builder(max_tree_bytes);
    JsonReader<ValueBuilder> reader(text, builder);
    reader.parse();
    return builder.result();
}

JsonTape parse_json_tape(std::string_view text, std::size_t max_bytes) {
    TapeBuilder builder(text.size(), max_bytes);
    JsonReader<TapeBuilder> reader(text, builder);
    reader.parse();
    return builder.result();
}

}  // namespace toon::core
