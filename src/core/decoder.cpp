// TOON v4 decoder (SPEC §4-§14).
//
// One parser, generic over a sink: ValueBuilder materializes a Value tree for
// decode(); JsonSink writes JSON text while parsing for decode_to_json();
// NullSink discards everything for validate(), which therefore runs the very
// same checks without building anything. The parser reads the
// document line by line (string_view slices of the input, no copies) through
// a one-line lookahead, mirroring the reference decoder's structure
// (@toon-format/toon 4.4.0) so that both accept and reject the same documents;
// the deliberate differences are listed in README.md (section "type").
//
// Recursion follows the document's nesting; every level enters the one
// StackGuard (interrupt.hpp: PostgreSQL's max_stack_depth or, outside
// PostgreSQL, its own stack budget), and the depth is capped at kMaxNesting,
// so no input can overflow the stack. Work is linear in the input size; cancellation is polled per
// line, per value of long lines and once per MiB inside scans.
#include "decoder.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "decoder_scan.hpp"
#include "document.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "json.hpp"
#include "number.hpp"
#include "options.hpp"
#include "utf8.hpp"

namespace toon::core {

namespace {

using scan::npos;

// Deepest nesting of arrays/objects (and nested field groups) accepted. Keeps
// recursion, and the recursive destruction of the resulting Value, far from
// any stack limit.
constexpr int kMaxNesting = 10000;

// One non-blank, non-comment line of the document (SPEC §5.1, §12).
struct Line {
    std::string_view content;  // after the indentation, trailing spaces removed
    const char* start = nullptr;  // first byte of the line (after a BOM), for columns
    int number = 0;            // 1-based line number
    int depth = 0;             // indentation level
    int indent = 0;            // leading spaces
    int blank_before = 0;      // number of the first blank line since the previous content line, or 0
};

// 1-based column, in characters, of `at` within the line starting at `start`.
int column_of(const char* start, const char* at) {
    int column = 1;
    for (const char* p = start; p < at; ++p)
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++column;
    return column;
}

[[noreturn]] void fail_at(const Line& line, const char* at, const std::string& what) {
    throw syntax_error(line.number, column_of(line.start, at), what);
}

std::string quoted(std::string_view s) { return "\"" + scan::excerpt(s) + "\""; }

// "1 row", "2 rows".
std::string count_of(std::size_t n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// Splits the document into lines lazily, strips comment lines, records blank
// lines and enforces the strict indentation rules (SPEC §5.1, §12).
class LineReader {
public:
    LineReader(std::string_view doc, const DecodeOptions& options) : doc_(doc), options_(options) {}

    // The next content line, or nullptr at the end of the document.
    Line* peek() {
        if (!have_) fill();
        return have_ ? &buffer_ : nullptr;
    }

    Line take() {
        have_ = false;
        return buffer_;
    }

private:
    void fill() {
        const std::size_t size = doc_.size();
        while (pos_ <= size) {
            poller_.tick();
            const char* begin = doc_.data() + pos_;
            const std::size_t end = static_cast<std::size_t>(scan::find_newline(begin, doc_.data() + size) - doc_.data());
            std::string_view raw(begin, end - pos_);
            pos_ = end + 1;
            ++line_number_;
            if (line_number_ == 1 && raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.remove_prefix(3);
            if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);

            std::size_t ws = 0, first_tab = npos, tabs = 0;
            while (ws < raw.size() && (raw[ws] == ' ' || raw[ws] == '\t')) {
                if (raw[ws] == '\t') { if (first_tab == npos) first_tab = ws; ++tabs; }
                ++ws;
            }
            const bool strict = options_.strict;
            const std::size_t indent = (strict && first_tab != npos) ? first_tab : ws;
            std::string_view content = scan::slice(raw, indent);
            while (!content.empty() && content.back() == ' ') content.remove_suffix(1);
            if (first_tab == npos && !content.empty() && content[0] == '#') continue;  // comment line
            if (content.empty()) {
                if (blank_pending_ == 0) blank_pending_ = line_number_;
                continue;
            }
            if (first_tab == npos && indent == last_indent_) {
                // The indentation of the previous line (the common case): same depth, already checked.
                buffer_.depth = last_depth_;
            } else {
                if (strict) {
                    if (first_tab != npos)
                        throw syntax_error(line_number_, column_of(raw.data(), raw.data() + first_tab),
                                           "expected spaces for indentation, found a tab (tabs are not allowed in indentation in strict mode)");
                    if (indent % static_cast<std::size_t>(options_.indent_size) != 0)
                        throw syntax_error(line_number_, static_cast<int>(indent) + 1,
                                           "expected indentation in multiples of " + std::to_string(options_.indent_size) +
                                               " spaces, found " + std::to_string(indent));
                }
                const std::size_t tab_levels = (strict || first_tab == npos) ? 0 : tabs;
                // Non-strict tab policy: each tab is one level, spaces count per indentSize.
                const std::size_t depth = (indent - tab_levels) / static_cast<std::size_t>(options_.indent_size) + tab_levels;
                buffer_.depth = depth > static_cast<std::size_t>(kMaxNesting) * 4 ? kMaxNesting * 4 : static_cast<int>(depth);
                if (first_tab == npos) {
                    last_indent_ = indent;
                    last_depth_ = buffer_.depth;
                }
            }
            buffer_.content = content;
            buffer_.start = raw.data();
            buffer_.number = line_number_;
            buffer_.indent = static_cast<int>(std::min<std::size_t>(indent, 1u << 30));
            buffer_.blank_before = blank_pending_;
            blank_pending_ = 0;
            have_ = true;
            return;
        }
    }

    std::string_view doc_;
    const DecodeOptions& options_;
    std::size_t pos_ = 0;
    int line_number_ = 0;
    int blank_pending_ = 0;
    bool have_ = false;
    std::size_t last_indent_ = npos;  // indentation (spaces only) of the last line whose depth was computed
    int last_depth_ = 0;
    Line buffer_;
    Poller<> poller_;
};

// Sibling keys of the objects being decoded, for the duplicate-key rule
// (SPEC §14.3): strict mode rejects duplicates, non-strict resolves them
// last-write-wins, keeping the first occurrence's position. add() returns the
// member index the key maps to. Keys that lie inside the document are kept as
// views (no copy); others (unescaped quoted keys) are copied.
class KeyTracker {
public:
    explicit KeyTracker(std::string_view doc) : doc_(doc) {}

    void push() { scopes_.push_back(Scope{used_, owned_used_, 0, nullptr}); }

    void pop() {
        used_ = scopes_.back().begin;
        owned_used_ = scopes_.back().owned_begin;
        scopes_.pop_back();
    }

    // {index, true} when the key was already present in the innermost scope.
    std::pair<std::size_t, bool> add(std::string_view key) {
        return add(key.data(), key.size());
    }

private:
    // add() on the key's pointer and length, kept in registers (a string_view
    // rebuilt from a spilled copy stalls store forwarding on this hot path).
    std::pair<std::size_t, bool> add(const char* data, std::size_t size) {
        std::string_view key(data, size);
        Scope& scope = scopes_.back();
        const std::size_t count = used_ - scope.begin;
        if (scope.index) {
            auto it = scope.index->find(key);
            if (it != scope.index->end()) return {it->second, true};
        } else {
            // A 64-bit filter of the scope's keys: most new keys skip the comparisons.
            const std::uint64_t bit = filter_bit(data, size);
            if (scope.filter & bit) {
                for (std::size_t i = scope.begin; i < used_; ++i)
                    if (keys_[i].size() == size && std::memcmp(keys_[i].data(), data, size) == 0)
                        return {i - scope.begin, true};
            }
            scope.filter |= bit;
        }
        if (!in_document(key)) {
            const std::string_view copy = own(key);
            data = copy.data();
        }
        if (used_ == keys_.size()) keys_.resize(keys_.size() * 2 + 64);
        keys_[used_++] = std::string_view(data, size);
        if (scope.index) {
            scope.index->emplace(std::string_view(data, size), count);
        } else if (count + 1 > kLinearLimit) {
            scope.index = std::make_unique<std::unordered_map<std::string_view, std::size_t>>();
            for (std::size_t i = scope.begin; i < used_; ++i) scope.index->emplace(keys_[i], i - scope.begin);
        }
        return {count, false};
    }

    static std::uint64_t filter_bit(const char* data, std::size_t size) {
        if (size == 0) return 1;
        const unsigned h = static_cast<unsigned char>(data[0]) * 7u + static_cast<unsigned char>(data[size - 1]) * 3u +
                           static_cast<unsigned>(size);
        return std::uint64_t(1) << (h & 63);
    }

    bool in_document(std::string_view key) const {
        return std::less_equal<const char*>()(doc_.data(), key.data()) &&
               std::less_equal<const char*>()(key.data() + key.size(), doc_.data() + doc_.size());
    }

    std::string_view own(std::string_view key) {
        if (owned_used_ < owned_.size()) owned_[owned_used_].assign(key.data(), key.size());
        else owned_.emplace_back(key);
        return owned_[owned_used_++];
    }

    static constexpr std::size_t kLinearLimit = 16;
    struct Scope {
        std::size_t begin;
        std::size_t owned_begin;
        std::uint64_t filter;  // filter_bit() of every key in the scope (linear mode)
        std::unique_ptr<std::unordered_map<std::string_view, std::size_t>> index;
    };
    std::string_view doc_;
    std::vector<std::string_view> keys_;  // keys_[0, used_) are in use
    std::size_t used_ = 0;
    std::deque<std::string> owned_;  // a deque: elements never move, so views into them stay valid
    std::size_t owned_used_ = 0;
    std::vector<Scope> scopes_;
};

// A field list of a tabular or keyed header, with nested groups (SPEC §9.3).
struct FieldGroup;
struct Field {
    std::string name;
    std::string json_key;  // "name": as JSON, written once per header rather than once per row
    std::size_t slot = 0;  // member index in the row object (duplicates share the first one's)
    std::unique_ptr<FieldGroup> group;
};
struct FieldGroup {
    std::vector<Field> fields;
    std::size_t member_count = 0;  // distinct names
    bool flat = true;              // no nested groups and no duplicate names
};

// A parsed array or keyed header line (SPEC §6).
struct Header {
    bool has_key = false;
    std::string key;
    const char* key_at = nullptr;
    std::size_t length = 0;
    char delimiter = ',';
    bool keyed = false;
    std::shared_ptr<const FieldGroup> fields;  // shared with the parser's cache of the last field list
    std::size_t leaf_count = 0;
    std::string_view inline_values;  // trimmed content after the colon
    std::string duplicate_field;     // first duplicate field name, if any
    const char* duplicate_at = nullptr;
};

enum class HeaderParse { NotHeader, Invalid, Ok };

// Builds the Value tree for decode().
class ValueBuilder {
public:
    static constexpr bool builds = true;

    explicit ValueBuilder(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    Value& result() { return root_; }

    void begin_object(std::size_t reserve) {
        Value& v = slot();
        v.kind = Kind::Object;
        if (reserve) v.members.reserve(reserve);
        stack_.push_back(&v);
    }
    void begin_array(std::size_t reserve) {
        Value& v = slot();
        v.kind = Kind::Array;
        if (reserve) v.items.reserve(reserve);
        stack_.push_back(&v);
    }
    void end_object() { stack_.pop_back(); }
    void end_array() { stack_.pop_back(); }

    // The next value is the member at `index` of the innermost object: a new
    // member when index is the member count, else a replaced value (LWW).
    void member(std::string_view key, std::size_t index, std::string_view /*json_key*/ = {}) {
        auto& members = stack_.back()->members;
        if (index == members.size()) {
            account(sizeof(std::string) + key.size());
            members.emplace_back(std::piecewise_construct, std::forward_as_tuple(key.data(), key.size()),
                                 std::forward_as_tuple());
            pending_ = &members.back().second;
        } else {
            pending_ = &members[index].second;
            *pending_ = Value{};
        }
    }

    void null() { slot(); }
    void boolean(bool b) {
        Value& v = slot();
        v.kind = Kind::Bool;
        v.boolean = b;
    }
    void number(std::string_view token) {
        Value& v = slot();
        v.kind = Kind::Number;
        v.text.clear();
        append_canonical_number(token, v.text);
        account(v.text.size());
    }
    void string(std::string_view s) {
        account(s.size());
        Value& v = slot();
        v.kind = Kind::String;
        v.text.assign(s.data(), s.size());
    }

private:
    // Adds to the tree's estimated size; stops past max_tree_bytes.
    void account(std::size_t bytes) {
        used_ += bytes;
        if (used_ > max_bytes_) throw too_large("the document's tree", max_bytes_);
    }

    Value& slot() {
        account(sizeof(Value));
        if (stack_.empty()) return root_;
        Value* top = stack_.back();
        if (top->kind == Kind::Array) {
            top->items.emplace_back();
            return top->items.back();
        }
        return *pending_;
    }

    Value root_;
    std::vector<Value*> stack_;
    Value* pending_ = nullptr;
    const std::size_t max_bytes_;
    std::size_t used_ = 0;
};

// Writes compact JSON while parsing, for decode_to_json(). A duplicate key
// (possible in non-strict mode only, where it resolves last-write-wins at the
// first occurrence's position) cannot be streamed: it throws Restart and the
// caller decodes through a tree instead.
class JsonSink {
public:
    static constexpr bool builds = true;
    struct Restart {};

    JsonSink(std::string& out, std::size_t limit) : out_(out), start_(out.size()), limit_(limit) {}

    void begin_object(std::size_t) {
        prefix();
        out_ += '{';
        counts_.push_back(0);
    }
    void begin_array(std::size_t) {
        prefix();
        out_ += '[';
        counts_.push_back(0);
    }
    void end_object() {
        out_ += '}';
        counts_.pop_back();
    }
    void end_array() {
        out_ += ']';
        counts_.pop_back();
    }
    // `json_key`, when given, is `key` already written as "key": (field names).
    void member(std::string_view key, std::size_t index, std::string_view json_key = {}) {
        check_size();
        std::size_t& count = counts_.back();
        if (index < count) throw Restart{};
        if (count++) out_ += ',';
        if (!json_key.empty()) {
            out_.append(json_key.data(), json_key.size());
        } else {
            write_json_string(key, out_);
            out_ += ':';
        }
        after_key_ = true;
    }
    void null() {
        prefix();
        out_ += "null";
    }
    void boolean(bool b) {
        prefix();
        out_ += b ? "true" : "false";
    }
    void number(std::string_view token) {
        prefix();
        append_canonical_number(token, out_);
    }
    void string(std::string_view s) {
        prefix();
        write_json_string(s, out_);
    }

private:
    // Every value and member starts with a check, so the text stops within
    // one item (at most a few times that item's input size) past the limit.
    void check_size() {
        if (out_.size() - start_ > limit_) throw too_large("JSON output", limit_);
    }

    // The comma before an array element (a member's comma comes with its key).
    void prefix() {
        check_size();
        if (after_key_) {
            after_key_ = false;
            return;
        }
        if (!counts_.empty() && counts_.back()++) out_ += ',';
    }

    std::string& out_;
    const std::size_t start_;
    const std::size_t limit_;
    std::vector<std::size_t> counts_;
    bool after_key_ = false;
};

// Builds the compact Document for decode_document() (document.hpp): strings
// and canonical numbers stay views into the document.
class DocumentSink {
public:
    static constexpr bool builds = true;

    explicit DocumentSink(DocumentBuilder& builder) : b_(builder) {}

    void begin_object(std::size_t reserve) { b_.begin_object(reserve); }
    void begin_array(std::size_t reserve) { b_.begin_array(reserve); }
    void end_object() { b_.end_object(); }
    void end_array() { b_.end_array(); }
    void member(std::string_view key, std::size_t index, std::string_view /*json_key*/ = {}) { b_.member(key, index); }
    void null() { b_.null(); }
    void boolean(bool b) { b_.boolean(b); }
    void number(std::string_view token) {
        if (const std::string_view prefix = canonical_prefix(token); !prefix.empty()) {
            b_.number(prefix);
        } else {
            scratch_ = canonical_number(token);
            b_.number(scratch_);  // not in the source: copied into the arena
        }
    }
    void string(std::string_view s) { b_.string(s); }

private:
    DocumentBuilder& b_;
    std::string scratch_;
};

// Discards everything: validate() runs the parser's checks only.
struct NullSink {
    static constexpr bool builds = false;
    void begin_object(std::size_t) {}
    void begin_array(std::size_t) {}
    void end_object() {}
    void end_array() {}
    void member(std::string_view, std::size_t, std::string_view = {}) {}
    void null() {}
    void boolean(bool) {}
    void number(std::string_view) {}
    void string(std::string_view) {}
};

// "Not computed yet", for a colon index passed down to save a rescan.
constexpr std::size_t kUnknown = npos - 1;

template <typename Sink>
class Parser {
public:
    Parser(std::string_view doc, const DecodeOptions& options, Sink& sink)
        : doc_(doc), options_(options), strict_(options.strict), reader_(doc, options), sink_(sink),
          track_keys_(Sink::builds || options.strict), keys_(doc) {}

    // Root form discovery (SPEC §5).
    void run() {
        const Line* first = reader_.peek();
        if (!first) {
            sink_.begin_object(0);
            sink_.end_object();
            return;
        }
        if (first->depth != 0) over_indented(*first, 0);
        if (first->content == "[]") {
            reader_.take();
            sink_.begin_array(0);
            sink_.end_array();
            expect_end("an empty root array");
            return;
        }
        if (first->content[0] == '[' && scan::find_unquoted(first->content, ':') != npos) {
            Header header;
            const Line line = *first;
            const HeaderParse r = parse_header(line, line.content, header);
            if (r == HeaderParse::Invalid && strict_) fail_at(line, error_at_, error_what_);
            if (r == HeaderParse::Ok) {
                check_duplicate_field(line, header);
                reader_.take();
                decode_array_from_header(header, line, 0);
                expect_end(header.keyed ? "a root object in keyed tabular form" : "a root array");
                return;
            }
        }
        const Line line = reader_.take();
        const Line* next = reader_.peek();
        const bool key_value = scan::find_unquoted(line.content, ':') != npos;
        if (!next && !key_value) {
            emit_primitive(line, line.content);
            return;
        }
        if (!key_value && next->depth == 0)
            fail_at(line, line.content.data(),
                    "expected a key-value line or an array header, found a bare value (a single value is a valid "
                    "document only on its own)");
        sink_.begin_object(0);
        if (track_keys_) keys_.push();
        decode_key_value(line, 0);
        while (const Line* p = reader_.peek()) {
            if (p->depth != 0) over_indented(*p, 0);
            decode_key_value(take(), 0);
        }
        if (track_keys_) keys_.pop();
        sink_.end_object();
    }

private:
    // ---- errors -------------------------------------------------------------
    [[noreturn]] void over_indented(const Line& line, int expected) {
        fail_at(line, line.content.data(),
                "expected indentation of " + std::to_string(expected * options_.indent_size) + " spaces (depth " +
                    std::to_string(expected) + "), found " + std::to_string(line.indent) +
                    " (a line may only be deeper than the previous one when that line opens a block)");
    }

    [[noreturn]] void depth_jump(const Line& line, int expected) {
        fail_at(line, line.content.data(),
                "expected indentation of " + std::to_string(expected * options_.indent_size) + " spaces (depth " +
                    std::to_string(expected) + "), found " + std::to_string(line.indent) +
                    " (indentation may increase by one level only)");
    }

    void expect_end(const char* what) {
        if (const Line* p = reader_.peek())
            fail_at(*p, p->content.data(), std::string("expected the end of the document after ") + what +
                                               ", found more content");
    }

    void check_duplicate_field(const Line& line, const Header& header) {
        if (strict_ && header.duplicate_at)
            fail_at(line, header.duplicate_at,
                    "duplicate field name " + quoted(header.duplicate_field) +
                        " in the field list (strict mode requires distinct names)");
    }

    // ---- nesting ------------------------------------------------------------
    void enter(const Line& line) {
        if (++nesting_ > kMaxNesting)
            throw Error(ErrorCode::StackDepth, "toon document nested too deeply",
                        "Line " + std::to_string(line.number) + ": nesting exceeds the maximum depth of " +
                            std::to_string(kMaxNesting) + ".");
        stack_.enter();
    }
    void leave() {
        --nesting_;
        stack_.leave();
    }

    // One level of nesting for the lifetime of the object.
    struct Level {
        Level(Parser& parser, const Line& line) : parser_(parser) { parser_.enter(line); }
        ~Level() { parser_.leave(); }
        Level(const Level&) = delete;
        Level& operator=(const Level&) = delete;
        Parser& parser_;
    };

    // Consumes the peeked line; in strict mode a blank line before it inside
    // an open array span is an error (SPEC §12).
    Line take() {
        Line line = reader_.take();
        if (line.blank_before && open_spans_ > 0) blank_in_array(line.blank_before);
        return line;
    }

    [[noreturn]] void blank_in_array(int blank_line) {
        throw syntax_error(blank_line, 1,
                           "expected the next item, row or entry of the array, found a blank line (blank lines are not "
                           "allowed inside an array in strict mode)");
    }

    // Called before consuming the first item/row/entry line of an array scope
    // (strict mode): the blank line check for it concerns only enclosing spans.
    void open_span(Line& first) {
        if (first.blank_before && open_spans_ > 0) blank_in_array(first.blank_before);
        first.blank_before = 0;
        ++open_spans_;
    }

    // ---- strings and keys (SPEC §7) ------------------------------------------
    // Unescapes the inside of a quoted token; returns a view of `inner` itself
    // when it has no escapes, else of `out`.
    std::string_view unescape(const Line& line, std::string_view inner, std::string& out) {
        std::size_t i = inner.find('\\');
        if (i == npos) return inner;
        out.assign(inner.data(), i);
        const std::size_t n = inner.size();
        while (i < n) {
            const char c = inner[i];
            if (c != '\\') {
                std::size_t j = inner.find('\\', i);
                if (j == npos) j = n;
                out.append(inner.data() + i, j - i);
                i = j;
                continue;
            }
            const char* at = inner.data() + i;
            poller_.tick();  // per escape: a long string may hold millions
            if (i + 1 >= n) fail_at(line, at, "expected an escape sequence after '\\'");
            const char e = inner[i + 1];
            switch (e) {
                case '\\': out += '\\'; i += 2; continue;
                case '"': out += '"'; i += 2; continue;
                case 'n': out += '\n'; i += 2; continue;
                case 'r': out += '\r'; i += 2; continue;
                case 't': out += '\t'; i += 2; continue;
                case 'u': break;
                default:
                    fail_at(line, at,
                            "invalid escape sequence " + quoted(std::string("\\") + e) +
                                " (expected \\\\, \\\", \\n, \\r, \\t or \\uXXXX)");
            }
            unsigned code = 0;
            for (std::size_t k = 0; k < 4; ++k) {
                const char h = i + 2 + k < n ? inner[i + 2 + k] : '\0';
                int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
                if (d < 0) fail_at(line, at, "invalid \\u escape: expected 4 hexadecimal digits after \\u");
                code = code * 16 + static_cast<unsigned>(d);
            }
            if (code >= 0xD800 && code <= 0xDFFF)
                fail_at(line, at,
                        "invalid \\u escape: " + std::string(inner.substr(i, 6)) +
                            " is a surrogate code point (expected a Unicode scalar value; characters above U+FFFF "
                            "must be written as UTF-8)");
            if (code < 0x80) {
                out += static_cast<char>(code);
            } else if (code < 0x800) {
                out += static_cast<char>(0xC0 | (code >> 6));
                out += static_cast<char>(0x80 | (code & 0x3F));
            } else {
                out += static_cast<char>(0xE0 | (code >> 12));
                out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
                out += static_cast<char>(0x80 | (code & 0x3F));
            }
            i += 6;
        }
        return out;
    }

    // A complete quoted token `"..."` (SPEC §7.1, Appendix B.4).
    std::string_view quoted_token(const Line& line, std::string_view token, std::string& out) {
        const std::size_t close = scan::find_closing_quote(token, 0);
        if (close == npos) fail_at(line, token.data(), "unterminated string: expected a closing '\"'");
        if (close != token.size() - 1)
            fail_at(line, token.data() + close + 1,
                    "unexpected characters after the closing quote (expected the end of the value)");
        return unescape(line, scan::slice(token, 1, close - 1), out);
    }

    // A primitive value token (SPEC §4), already trimmed.
    void emit_primitive(const Line& line, std::string_view token) {
        token = scan::trim_spaces(token);
        if (token.empty()) { sink_.string(token); return; }
        const char c = token[0];
        if (c == '"') {
            sink_.string(quoted_token(line, token, value_scratch_));
            return;
        }
        if constexpr (!Sink::builds) return;  // validation: every unquoted token is a valid primitive
        if (c == 't' && token == "true") { sink_.boolean(true); return; }
        if (c == 'f' && token == "false") { sink_.boolean(false); return; }
        if (c == 'n' && token == "null") { sink_.null(); return; }
        if ((c == '-' || (c >= '0' && c <= '9')) && is_toon_number(token)) { sink_.number(token); return; }
        sink_.string(token);
    }

    // The key before the first unquoted colon (SPEC §7.4); `end` is set past the colon.
    // `colon`, when known, is that colon's index (npos: there is none).
    std::string_view parse_key(const Line& line, std::string_view content, std::size_t& end,
                               std::size_t colon = kUnknown) {
        if (!content.empty() && content[0] == '"') {
            const std::size_t close = scan::find_closing_quote(content, 0);
            if (close == npos) fail_at(line, content.data(), "unterminated quoted key: expected a closing '\"'");
            std::string_view key = unescape(line, scan::slice(content, 1, close - 1), key_scratch_);
            std::size_t p = close + 1;
            while (p < content.size() && content[p] == ' ') ++p;
            if (p >= content.size() || content[p] != ':')
                fail_at(line, content.data() + p, "expected ':' after the key " + quoted(key));
            end = p + 1;
            return key;
        }
        if (colon == kUnknown) colon = scan::find_unquoted(content, ':');
        if (colon == npos)
            fail_at(line, content.data() + content.size(),
                    std::string(scan::find_unquoted(content, '[') != npos ? "expected ':' after the array header "
                                                                          : "expected ':' after the key ") +
                        quoted(scan::trim_spaces(content)));
        end = colon + 1;
        return scan::trim_spaces(scan::slice(content, 0, colon));
    }

    // Announces a member of the innermost object, checking duplicates (SPEC §14.3).
    void add_member(const Line& line, std::string_view key, const char* at) {
        if (!track_keys_) return;
        const auto [index, duplicate] = keys_.add(key);
        if (duplicate && strict_)
            fail_at(line, at, "duplicate key " + quoted(key) + " (strict mode requires distinct keys in an object)");
        sink_.member(key, index);
    }

    // ---- headers (SPEC §6) ---------------------------------------------------
    // A Header from the parser's free list (header lines are frequent; their
    // strings and allocation are reused), back on the list when it goes out of
    // scope. On the heap: the frames that hold one are on the recursion path.
    class PooledHeader {
    public:
        explicit PooledHeader(Parser& parser) : parser_(parser) {
            if (parser_.free_headers_.empty()) {
                header_ = std::make_unique<Header>();
            } else {
                header_ = std::move(parser_.free_headers_.back());
                parser_.free_headers_.pop_back();
            }
        }
        ~PooledHeader() {
            Header& h = *header_;
            h.has_key = false;
            h.key.clear();
            h.key_at = nullptr;
            h.length = 0;
            h.delimiter = ',';
            h.keyed = false;
            h.fields.reset();
            h.leaf_count = 0;
            h.inline_values = {};
            h.duplicate_field.clear();
            h.duplicate_at = nullptr;
            parser_.free_headers_.push_back(std::move(header_));
        }
        PooledHeader(const PooledHeader&) = delete;
        PooledHeader& operator=(const PooledHeader&) = delete;
        Header& operator*() const { return *header_; }
        Header* operator->() const { return header_.get(); }

    private:
        Parser& parser_;
        std::unique_ptr<Header> header_;
    };

    HeaderParse invalid(const char* at, std::string what) {
        error_at_ = at;
        error_what_ = std::move(what);
        return HeaderParse::Invalid;
    }

    static std::string gap_text(std::string_view gap) {
        std::size_t b = 0, e = gap.size();
        while (b < e && (gap[b] == ' ' || gap[b] == '\t')) ++b;
        while (e > b && (gap[e - 1] == ' ' || gap[e - 1] == '\t')) --e;
        return b == e ? std::string("whitespace") : quoted(gap.substr(b, e - b));
    }

    // `first_colon`, when known, is the index of the first unquoted ':' (npos: none).
    HeaderParse parse_header(const Line& line, std::string_view content, Header& h,
                             std::size_t first_colon = kUnknown) {
        const char* base = content.data();
        std::size_t bracket_start;
        if (!content.empty() && content[0] == '"') {
            const std::size_t close = scan::find_closing_quote(content, 0);
            if (close == npos || close + 1 >= content.size() || content[close + 1] != '[') return HeaderParse::NotHeader;
            bracket_start = close + 1;
        } else {
            bracket_start = scan::find_unquoted(content, '[');
        }
        if (bracket_start == npos) return HeaderParse::NotHeader;
        if (first_colon == kUnknown) first_colon = scan::find_unquoted(content, ':');
        if (first_colon == npos || first_colon < bracket_start) return HeaderParse::NotHeader;

        const std::size_t bracket_end = scan::find_unquoted(content, ']', bracket_start);
        if (bracket_end == npos) return invalid(base + bracket_start, "expected ']' to close the array length");
        std::size_t brace_end = bracket_end + 1;
        const std::size_t colon_after =
            first_colon > bracket_end ? first_colon : scan::find_unquoted(content, ':', bracket_end);
        // Only a '{' before that colon matters (a quote open before an
        // unquoted colon closes before it, so the cut keeps quote states).
        const std::size_t brace_start =
            colon_after == npos ? npos : scan::find_unquoted(scan::slice(content, 0, colon_after), '{', bracket_end);
        std::size_t match = npos;
        if (brace_start != npos) {
            if (brace_start != bracket_end + 1)
                return invalid(base + bracket_end + 1,
                               "expected '{' or ':' right after ']', found " +
                                   gap_text(content.substr(bracket_end + 1, brace_start - bracket_end - 1)));
            match = scan::find_matching_brace(content, brace_start);
            if (match == npos) return invalid(base + brace_start, "expected '}' to close the field list");
            brace_end = match + 1;
        }
        const std::size_t colon =
            brace_start == npos ? colon_after : scan::find_unquoted(content, ':', std::max(bracket_end, brace_end));
        if (colon == npos) return invalid(base + content.size(), "expected ':' after the array header");
        const std::size_t gap_start = std::max(bracket_end + 1, brace_end);
        if (colon != gap_start)
            return invalid(base + gap_start, "expected ':' right after the array header, found " +
                                                 gap_text(content.substr(gap_start, colon - gap_start)));
        if (bracket_start > 0) {
            std::string_view raw_key = scan::slice(content, 0, bracket_start);
            if (raw_key.back() == ' ' || raw_key.back() == '\t')
                return invalid(base + bracket_start - 1, "expected '[' right after the key, found whitespace");
            h.has_key = true;
            h.key_at = base;
            if (raw_key[0] == '"') h.key = std::string(quoted_token(line, raw_key, key_scratch_));
            else h.key.assign(raw_key.data(), raw_key.size());
        }
        h.inline_values = scan::trim_spaces(scan::slice(content, colon + 1));

        // Bracket segment: length, optional keyed marker, optional delimiter.
        std::string_view seg = scan::slice(content, bracket_start + 1, bracket_end - bracket_start - 1);
        const std::string_view whole_seg = seg;
        h.delimiter = ',';
        if (!seg.empty() && seg.back() == '\t') { h.delimiter = '\t'; seg.remove_suffix(1); }
        else if (!seg.empty() && seg.back() == '|') { h.delimiter = '|'; seg.remove_suffix(1); }
        if (!seg.empty() && seg.back() == ':') { h.keyed = true; seg.remove_suffix(1); }
        bool length_ok = !seg.empty() && (seg == "0" || (seg[0] >= '1' && seg[0] <= '9'));
        std::size_t length = 0;
        for (char c : seg) {
            if (c < '0' || c > '9') { length_ok = false; break; }
            length = length > (SIZE_MAX - 9) / 10 ? SIZE_MAX : length * 10 + static_cast<std::size_t>(c - '0');
        }
        if (!length_ok)
            return invalid(base + bracket_start + 1,
                           "invalid array length " + quoted(whole_seg) +
                               " (expected a non-negative integer without leading zeros, optionally followed by ':' "
                               "for a keyed header and by a tab or '|' delimiter)");
        h.length = length;

        if (brace_start != npos && brace_start < colon) {
            if (match != npos && match < colon) {
                std::string_view fields = scan::slice(content, brace_start + 1, match - brace_start - 1);
                // Arrays of objects repeat the same field list: reuse the last one parsed.
                if (cached_group_ && h.delimiter == cached_delimiter_ && fields == cached_fields_) {
                    h.fields = cached_group_;
                    h.leaf_count = cached_leaf_count_;
                } else {
                    for (char other : {',', '\t', '|'}) {
                        if (other == h.delimiter) continue;
                        const std::size_t at = scan::find_unquoted(fields, other);
                        if (at != npos)
                            return invalid(fields.data() + at,
                                           "header delimiter mismatch: expected fields separated by " +
                                               delimiter_name(h.delimiter) + " as declared in the brackets, found " +
                                               delimiter_name(other));
                    }
                    auto group = std::make_shared<FieldGroup>();
                    std::size_t pos = 0;
                    if (parse_fields(line, fields, pos, h.delimiter, *group, h, false) == HeaderParse::Invalid)
                        return HeaderParse::Invalid;
                    h.fields = group;
                    if (!h.duplicate_at) {
                        cached_fields_.assign(fields.data(), fields.size());
                        cached_delimiter_ = h.delimiter;
                        cached_group_ = std::move(group);
                        cached_leaf_count_ = h.leaf_count;
                    }
                }
            }
        }
        if (h.keyed && !h.fields)
            return invalid(base + colon, "expected a field list {...} before ':' in a keyed header");
        if (h.fields && !h.inline_values.empty()) {
            if (h.duplicate_at) return invalid(h.duplicate_at, "duplicate field name " + quoted(h.duplicate_field) +
                                                                   " in the field list");
            return invalid(h.inline_values.data(),
                           "expected nothing after ':' of a header with a field list, found " +
                               quoted(h.inline_values));
        }
        return HeaderParse::Ok;
    }

    static std::string delimiter_name(char d) {
        return d == '\t' ? "tab" : d == '|' ? "\"|\"" : "\",\"";
    }

    // Field entries of one brace group (SPEC §6, §9.3), from s[pos] up to its
    // closing '}' (nested) or the end of `s` (the outermost group, whose
    // braces the caller removed). One pass over the text at any nesting.
    HeaderParse parse_fields(const Line& line, std::string_view s, std::size_t& pos, char delimiter,
                             FieldGroup& group, Header& h, bool nested) {
        const Level level(*this, line);
        const std::size_t n = s.size();
        std::unique_ptr<std::unordered_map<std::string, std::size_t>> seen;  // for wide groups only
        for (;;) {
            // The name: up to an unquoted delimiter, brace or the end.
            const std::size_t start = pos;
            bool in_quotes = false;
            for (; pos < n; ++pos) {
                const char c = s[pos];
                scan::poll_every_mib(pos);
                if (in_quotes) {
                    if (c == '\\' && pos + 1 < n) ++pos;
                    else if (c == '"') in_quotes = false;
                } else if (c == '"') {
                    in_quotes = true;
                } else if (c == delimiter || c == '{' || c == '}') {
                    break;
                }
            }
            const std::string_view name_part = scan::trim_spaces(s.substr(start, pos - start));
            Field field;
            if (pos < n && s[pos] == '{') {
                if (name_part.empty()) return invalid(s.data() + pos, "expected a field name before '{'");
                if (s[pos - 1] == ' ')
                    return invalid(s.data() + pos - 1, "expected '{' right after the field name, found whitespace");
                const char* open = s.data() + pos;
                field.group = std::make_unique<FieldGroup>();
                group.flat = false;
                ++pos;
                if (parse_fields(line, s, pos, delimiter, *field.group, h, true) == HeaderParse::Invalid)
                    return HeaderParse::Invalid;
                if (pos >= n) return invalid(open, "expected '}' to close the nested field group");
                ++pos;  // the group's '}'
                while (pos < n && s[pos] == ' ') ++pos;
                if (pos < n && s[pos] != delimiter && s[pos] != '}')
                    return invalid(s.data() + pos, "expected a delimiter or '}' after the nested field group");
            } else if (name_part.empty()) {
                return invalid(s.data() + start, "expected a field name in the field list");
            }
            if (name_part[0] == '"') field.name = std::string(quoted_token(line, name_part, key_scratch_));
            else field.name.assign(name_part.data(), name_part.size());
            if constexpr (std::is_same_v<Sink, JsonSink>) {
                write_json_string(field.name, field.json_key);
                field.json_key += ':';
            }
            std::size_t first = npos;  // slot of an earlier field with the same name
            if (seen) {
                auto it = seen->find(field.name);
                if (it != seen->end()) first = it->second;
            } else {
                for (const Field& f : group.fields)
                    if (f.name == field.name) { first = f.slot; break; }
            }
            if (first != npos) {
                field.slot = first;
                group.flat = false;
                if (!h.duplicate_at) {
                    h.duplicate_at = name_part.data();
                    h.duplicate_field = field.name;
                }
            } else {
                field.slot = group.member_count++;
                if (!seen && group.fields.size() >= 16) {
                    seen = std::make_unique<std::unordered_map<std::string, std::size_t>>();
                    for (const Field& f : group.fields) seen->emplace(f.name, f.slot);
                }
                if (seen) seen->emplace(field.name, field.slot);
            }
            if (!field.group) ++h.leaf_count;
            group.fields.push_back(std::move(field));
            if (pos >= n) return HeaderParse::Ok;  // a nested group: the caller reports the missing '}'
            if (s[pos] == '}') {
                if (nested) return HeaderParse::Ok;
                return invalid(s.data() + pos, "expected a delimiter or the end of the field list, found '}'");
            }
            ++pos;  // the delimiter
        }
    }

    // ---- objects (SPEC §8) ---------------------------------------------------
    // One "key: value" line or keyed array header; `colon` as for parse_key(),
    // `bracket` as find_key_colon() reports it with that colon.
    void decode_key_value(const Line& line, int base, std::size_t colon = kUnknown, bool bracket = true) {
        const std::string_view content = line.content;
        if (colon == kUnknown) {
            const scan::KeyColon kc = scan::find_key_colon(content);
            colon = kc.colon;
            bracket = kc.bracket;
        }
        // A header needs a '[' before the first unquoted colon (parse_header()).
        if (colon != npos && bracket && decode_header_line(line, base, colon)) return;
        std::size_t end = 0;
        const std::string_view key = parse_key(line, content, end, colon);
        add_member(line, key, content.data());
        const std::string_view rest = scan::trim_spaces(scan::slice(content, end));
        if (rest.empty()) {
            const Line* next = reader_.peek();
            if (next && next->depth > base) {
                if (strict_ && next->depth > base + 1) depth_jump(*next, base + 1);
                const Level level(*this, line);
                sink_.begin_object(0);
                if (track_keys_) keys_.push();
                decode_object_fields(base + 1);
                if (track_keys_) keys_.pop();
                sink_.end_object();
            } else {
                sink_.begin_object(0);
                sink_.end_object();
            }
            return;
        }
        if (rest == "[]") {
            sink_.begin_array(0);
            sink_.end_array();
            return;
        }
        emit_primitive(line, rest);
    }

    // A key-value line that may be a keyed array header: true when it was one
    // (and is decoded), false when it is to be read as a plain key-value line
    // (non-strict fall-through, SPEC §6). Out of line: its locals stay off
    // decode_key_value()'s frame, which is on the recursion path of every level.
    __attribute__((noinline)) bool decode_header_line(const Line& line, int base, std::size_t colon) {
        const std::string_view content = line.content;
        const PooledHeader owned(*this);
        Header& header = *owned;
        const HeaderParse r = parse_header(line, content, header, colon);
        if (r == HeaderParse::Ok) {
            if (header.has_key) {
                check_duplicate_field(line, header);
                add_member(line, header.key, header.key_at);
                decode_array_from_header(header, line, base);
                return true;
            }
            if (strict_)
                fail_at(line, content.data(),
                        header.keyed ? "a keyless keyed header is only valid as the document root (expected a "
                                       "key before '[')"
                                     : "a keyless array header is only valid as the document root or after "
                                       "\"- \" (expected a key before '[')");
        } else if (r == HeaderParse::Invalid && strict_) {
            fail_at(line, error_at_, error_what_);
        }
        return false;
    }

    // Fields of a nested object whose content starts at depth `base`.
    void decode_object_fields(int base) {
        int depth = -1;
        while (const Line* p = reader_.peek()) {
            if (p->depth < base) break;
            if (depth < 0) depth = p->depth;
            if (p->depth != depth) over_indented(*p, depth);
            decode_key_value(take(), depth);
        }
    }

    // Further fields of a list-item object (SPEC §10).
    void follow_sibling_fields(int depth) {
        while (const Line* p = reader_.peek()) {
            if (p->depth < depth) break;
            if (p->depth != depth) over_indented(*p, depth);
            decode_key_value(take(), depth);
        }
    }

    // Depth of the first line of a block opened at `base` (SPEC §8: one level deeper).
    int scope_content_depth(int base) {
        const Line* p = reader_.peek();
        if (!p || p->depth <= base + 1) return base + 1;
        if (strict_) depth_jump(*p, base + 1);
        return p->depth;
    }

    // ---- arrays (SPEC §9) ----------------------------------------------------
    void decode_array_from_header(const Header& h, const Line& line, int base) {
        const Level level(*this, line);
        if (h.keyed) {
            decode_keyed_object(h, line, base);
        } else {
            // Each item takes at least two bytes, so a declared length beyond
            // the input's size is not worth reserving for.
            sink_.begin_array(std::min(h.length, doc_.size() / 2));
            if (!h.inline_values.empty()) decode_inline_array(h, line);
            else if (h.fields) decode_tabular_array(h, line, base);
            else decode_list_array(h, line, base);
            sink_.end_array();
        }
    }

    void decode_inline_array(const Header& h, const Line& line) {
        scan::split_delimited(h.inline_values, h.delimiter, cells_);
        if (strict_ && cells_.size() != h.length)
            fail_at(line, h.inline_values.data(),
                    "expected " + count_of(h.length, "value", "values") + " in the inline array, found " +
                        std::to_string(cells_.size()));
        for (std::string_view cell : cells_) {
            poller_.tick();  // one line may hold millions of values
            emit_primitive(line, cell);
        }
    }

    // One row's cells (in cells_) as an object shaped by the field list.
    void emit_row(const FieldGroup& group, const Line& line) {
        if (group.flat) {
            sink_.begin_object(group.fields.size());
            for (std::size_t i = 0; i < group.fields.size(); ++i) {
                sink_.member(group.fields[i].name, i, group.fields[i].json_key);
                emit_primitive(line, cells_[i]);
            }
            sink_.end_object();
            return;
        }
        std::size_t cell = 0;
        emit_group(group, line, cell);
    }

    void emit_group(const FieldGroup& group, const Line& line, std::size_t& cell) {
        const Level level(*this, line);
        sink_.begin_object(group.member_count);
        for (const Field& field : group.fields) {
            sink_.member(field.name, field.slot, field.json_key);
            if (field.group) emit_group(*field.group, line, cell);
            else emit_primitive(line, cells_[cell++]);
        }
        sink_.end_object();
    }

    void decode_tabular_array(const Header& h, const Line& header_line, int base) {
        const int row_depth = scope_content_depth(base);
        std::size_t rows = 0;
        bool span = false;
        Line last = header_line;
        while (!strict_ || rows < h.length) {
            Line* p = reader_.peek();
            if (!p || p->depth <= base) break;
            if (p->depth != row_depth) over_indented(*p, row_depth);
            if (!scan::split_row(p->content, h.delimiter, cells_)) break;
            if (strict_ && !span) { open_span(*p); span = true; }
            const Line line = take();
            if (cells_.size() != h.leaf_count)
                fail_at(line, line.content.data(),
                        "expected " + count_of(h.leaf_count, "value", "values") + " in this row (one per field), found " +
                            std::to_string(cells_.size()));
            emit_row(*h.fields, line);
            ++rows;
            last = line;
        }
        if (span) --open_spans_;
        if (!strict_) return;
        if (rows != h.length)
            fail_at(last, last.content.data(),
                    "expected " + count_of(h.length, "row", "rows") + " in the table, found " + std::to_string(rows));
        const Line* p = reader_.peek();
        if (p && p->depth == row_depth && !starts_with_item(p->content) && scan::is_data_row(p->content, h.delimiter))
            fail_at(*p, p->content.data(),
                    "expected " + count_of(h.length, "row", "rows") + " in the table, found more");
    }

    void decode_keyed_object(const Header& h, const Line& header_line, int base) {
        const int entry_depth = scope_content_depth(base);
        std::size_t entries = 0;
        bool span = false;
        Line last = header_line;
        sink_.begin_object(0);
        if (track_keys_) keys_.push();
        while (Line* p = reader_.peek()) {
            if (p->depth <= base) break;
            if (p->depth != entry_depth) over_indented(*p, entry_depth);
            if (scan::find_unquoted(p->content, ':') == npos)
                fail_at(*p, p->content.data(),
                        "expected an entry row \"key: values\" of the keyed table, found no ':'");
            if (strict_ && !span) { open_span(*p); span = true; }
            const Line line = take();
            std::size_t end = 0;
            const std::string_view key = parse_key(line, line.content, end);
            add_member(line, key, line.content.data());
            const std::string_view cells = scan::trim_spaces(scan::slice(line.content, end));
            scan::split_delimited(cells, h.delimiter, cells_);
            if (cells_.size() != h.leaf_count)
                fail_at(line, cells.empty() ? line.content.data() + line.content.size() : cells.data(),
                        "expected " + count_of(h.leaf_count, "value", "values") +
                            " after the entry key (one per field), found " + std::to_string(cells_.size()));
            emit_row(*h.fields, line);
            ++entries;
            last = line;
        }
        if (span) --open_spans_;
        if (strict_ && entries != h.length)
            fail_at(last, last.content.data(),
                    "expected " + count_of(h.length, "entry", "entries") + " in the keyed table, found " +
                        std::to_string(entries));
        if (track_keys_) keys_.pop();
        sink_.end_object();
    }

    static bool starts_with_item(std::string_view s) { return s.size() >= 2 && s[0] == '-' && s[1] == ' '; }

    void decode_list_array(const Header& h, const Line& header_line, int base) {
        const int item_depth = scope_content_depth(base);
        std::size_t items = 0;
        bool span = false;
        Line last = header_line;
        while (!strict_ || items < h.length) {
            Line* p = reader_.peek();
            if (!p || p->depth <= base) break;
            if (p->depth != item_depth) over_indented(*p, item_depth);
            if (!(starts_with_item(p->content) || p->content == "-")) break;
            if (strict_ && !span) { open_span(*p); span = true; }
            last = decode_list_item(item_depth);
            ++items;
        }
        if (span) --open_spans_;
        if (!strict_) return;
        if (items != h.length)
            fail_at(last, last.content.data(),
                    "expected " + count_of(h.length, "list item", "list items") + ", found " + std::to_string(items));
        const Line* p = reader_.peek();
        if (p && p->depth == item_depth && starts_with_item(p->content))
            fail_at(*p, p->content.data(),
                    "expected " + count_of(h.length, "list item", "list items") + ", found more");
    }

    // One "- ..." item (SPEC §9.4, §10). Returns the item's line.
    Line decode_list_item(int base) {
        const Line line = take();
        if (line.content == "-") {
            sink_.begin_object(0);
            sink_.end_object();
            return line;
        }
        std::string_view after = scan::slice(line.content, 2);
        while (!after.empty() && after[0] == ' ') after.remove_prefix(1);
        if (after.empty()) {
            sink_.begin_object(0);
            sink_.end_object();
            return line;
        }
        if (after == "[]") {
            sink_.begin_array(0);
            sink_.end_array();
            return line;
        }
        Line item = line;
        item.content = after;
        PooledHeader owned(*this);  // on the heap: this frame is on the recursion path
        HeaderParse r = HeaderParse::NotHeader;
        const scan::KeyColon kc = scan::find_key_colon(after);
        const std::size_t colon = kc.colon;
        const bool bracket = kc.bracket;
        const bool has_colon = colon != npos;
        if (has_colon && bracket) {
            r = parse_header(item, after, *owned, colon);
            if (r == HeaderParse::Invalid && strict_) fail_at(item, error_at_, error_what_);
        }
        if (r == HeaderParse::Ok && !owned->has_key) {
            const Header& header = *owned;
            if (!header.keyed && !header.fields) {
                decode_array_from_header(header, item, base);
                return line;
            }
            if (strict_)
                fail_at(item, after.data(),
                        header.keyed ? "a keyless keyed header is only valid as the document root (expected a key "
                                       "before '[')"
                                     : "a keyless header with a field list is only valid as the document root "
                                       "(expected a key before '[')");
        }
        if (r == HeaderParse::Ok && owned->has_key && owned->fields) {
            // A table as the first field: rows at depth +2, sibling fields at +1.
            const Header& header = *owned;
            check_duplicate_field(item, header);
            const Level level(*this, item);
            sink_.begin_object(0);
            if (track_keys_) keys_.push();
            add_member(item, header.key, header.key_at);
            decode_array_from_header(header, item, base + 1);
            follow_sibling_fields(base + 1);
            if (track_keys_) keys_.pop();
            sink_.end_object();
            return line;
        }
        if (has_colon) {
            const Level level(*this, item);
            sink_.begin_object(0);
            if (track_keys_) keys_.push();
            decode_key_value(item, base + 1, colon, bracket);
            follow_sibling_fields(base + 1);
            if (track_keys_) keys_.pop();
            sink_.end_object();
            return line;
        }
        emit_primitive(item, after);
        return line;
    }

    std::string_view doc_;
    const DecodeOptions& options_;
    const bool strict_;
    LineReader reader_;
    Sink& sink_;
    const bool track_keys_;
    KeyTracker keys_;
    int nesting_ = 0;
    StackGuard stack_;
    int open_spans_ = 0;

    std::vector<std::string_view> cells_;
    Poller<> poller_;
    std::string key_scratch_;
    std::string value_scratch_;
    const char* error_at_ = nullptr;
    std::string error_what_;
    // The last field list parsed without duplicates (its text and delimiter).
    std::string cached_fields_;
    char cached_delimiter_ = 0;
    std::shared_ptr<const FieldGroup> cached_group_;
    std::size_t cached_leaf_count_ = 0;
    std::vector<std::unique_ptr<Header>> free_headers_;  // see PooledHeader
};

// The options a decode runs with: indent size 0 is resolved from the document.
DecodeOptions effective_options(const DecodeOptions& options, std::string_view doc) {
    check_decode_indent_size(options.indent_size);
    DecodeOptions effective = options;
    if (effective.indent_size == 0) effective.indent_size = infer_indent_size(doc);
    return effective;
}

}  // namespace

int infer_indent_size(std::string_view doc) {
    std::size_t pos = 0;
    Poller<> poller;
    while (pos < doc.size()) {
        std::size_t end = doc.find('\n', pos);
        if (end == std::string_view::npos) end = doc.size();
        std::size_t i = pos;
        while (i < end && doc[i] == ' ') ++i;
        const std::size_t spaces = i - pos;
        const bool blank = doc.find_first_not_of(" \t\r", i) >= end;
        if (spaces > 0 && !blank && doc[i] != '#')
            return static_cast<int>(std::min<std::size_t>(spaces, kMaxIndentSize));
        pos = end + 1;
        poller.tick();
    }
    return 2;
}

Value decode(std::string_view doc, const DecodeOptions& requested) {
    const DecodeOptions options = effective_options(requested, doc);
    require_utf8(doc);
    ValueBuilder builder(options.max_tree_bytes);
    try {
        Parser<ValueBuilder> parser(doc, options, builder);
        parser.run();
    } catch (...) {
        park(std::move(builder.result()));  // the partial tree: see park() in value.hpp
        throw;
    }
    return std::move(builder.result());
}

Document decode_document(std::string_view doc, const DecodeOptions& requested) {
    const DecodeOptions options = effective_options(requested, doc);
    require_utf8(doc);
    // The tree takes one to two times the input's size (16 bytes per value).
    DocumentBuilder builder(doc, doc.size() + 1024, options.max_tree_bytes);
    DocumentSink sink(builder);
    Parser<DocumentSink> parser(doc, options, sink);
    parser.run();
    return builder.finish();
}

void decode_to_json(std::string_view doc, const DecodeOptions& requested, std::string& out) {
    const DecodeOptions options = effective_options(requested, doc);
    require_utf8(doc);
    const std::size_t start = out.size();
    try {
        JsonSink sink(out, options.max_output);
        Parser<JsonSink> parser(doc, options, sink);
        parser.run();
        if (out.size() - start > options.max_output) throw too_large("JSON output", options.max_output);
    } catch (const JsonSink::Restart&) {
        out.resize(start);
        write_json_into(decode_document(doc, options).root(), out, options.max_output);
    }
}

void validate(std::string_view doc, const DecodeOptions& requested) {
    const DecodeOptions options = effective_options(requested, doc);
    require_utf8(doc);
    NullSink sink;
    Parser<NullSink> parser(doc, options, sink);
    parser.run();
}

}  // namespace toon::core
