// TOON v4 decoder (SPEC §4-§14): the parser.
//
// One parser, generic over a sink (decode_sinks.hpp): ValueBuilder
// materializes a Value tree for decode(); JsonSink writes JSON text while
// parsing for decode_to_json(); DocumentSink builds the compact Document;
// NullSink discards everything for validate(), which therefore runs the very
// same checks without building anything. The parser reads the document line
// by line (decode_lines.hpp: string_view slices of the input, no copies)
// through a one-line lookahead, mirroring the reference decoder's structure
// (@toon-format/toon 4.4.0) so that both accept and reject the same documents;
// the deliberate differences are listed in docs. Keys and header field lists:
// decode_header.hpp; byte scans: decode_scan.hpp.
//
// Size: this file is the one Parser template (about 850 lines) and the public
// entry points. It stays one template over its sinks on purpose (one set of
// checks for every output); splitting its header parsing out needs a
// HeaderParser sharing the parser's error helpers and field-list cache.
//
// Recursion follows the document's nesting; every level enters the one
// StackGuard (interrupt.hpp: PostgreSQL's max_stack_depth or, outside
// PostgreSQL, its own stack budget), and the depth is capped at kMaxNesting,
// so no input can overflow the stack. Work is linear in the input size;
// cancellation is polled per line, per value of long lines and once per MiB
// inside scans.
#include "decode.hpp"

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

#include "decode_header.hpp"
#include "decode_lines.hpp"
#include "decode_scan.hpp"
#include "decode_sinks.hpp"
#include "document.hpp"
#include "error.hpp"
#include "escape.hpp"
#include "interrupt.hpp"
#include "json.hpp"
#include "key_hash.hpp"
#include "number.hpp"
#include "options.hpp"
#include "scratch.hpp"
#include "utf8.hpp"

namespace toon::core {

namespace {

using namespace decoding;

// "Not computed yet", for a colon index passed down to save a rescan.
constexpr std::size_t kUnknown = npos - 1;

template <typename Sink>
class Parser {
public:
    Parser(std::string_view doc, const DecodeOptions& options, Sink& sink)
        : Parser(doc, options, sink, thread_spares()) {}

    // The last field list goes to the thread's shared one when it is flat and short.
    ~Parser() {
        if (!cached_group_ || !cached_group_->flat || cached_fields_.size() > kSharedFieldsMax) return;
        SharedFields& shared = spares_.shared_fields;
        if (shared.group == cached_group_) return;
        shared.text.swap(cached_fields_);
        shared.delimiter = cached_delimiter_;
        shared.group = std::move(cached_group_);
        shared.leaf_count = cached_leaf_count_;
    }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

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
    // The last flat field list of a finished parse on this thread, for the
    // next documents (short documents of one table repeat the same headers).
    // The group depends only on the text, the delimiter and the sink (JSON
    // keys are prepared for JsonSink only): one per sink type.
    struct SharedFields {
        std::string text;
        char delimiter = 0;
        std::shared_ptr<const FieldGroup> group;
        std::size_t leaf_count = 0;
    };
    static constexpr std::size_t kSharedFieldsMax = 4096;

    // What a parse keeps for the next one on this thread (one thread-local
    // lookup per parse): spare storage of the working buffers, free headers,
    // the last field list.
    struct Spares {
        ScratchSpares<std::vector<std::string_view>> cells;
        ScratchSpares<std::string> strings;
        KeyTracker::Spares keys;
        std::vector<std::unique_ptr<Header>> headers;
        SharedFields shared_fields;
    };
    static Spares& thread_spares() {
        thread_local Spares spares;
        return spares;
    }

    Parser(std::string_view doc, const DecodeOptions& options, Sink& sink, Spares& spares)
        : doc_(doc),
          options_(options),
          strict_(options.strict),
          reader_(doc, options),
          sink_(sink),
          track_keys_(Sink::builds || options.strict),
          keys_(doc, options.max_work_bytes, spares.keys),
          stack_(options.max_stack_bytes),
          cells_(spares.cells),
          value_scratch_(spares.strings),
          spares_(spares) {}

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
            fail_at(*p, p->content.data(),
                    std::string("expected the end of the document after ") + what + ", found more content");
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
                case '\\':
                    out += '\\';
                    i += 2;
                    continue;
                case '"':
                    out += '"';
                    i += 2;
                    continue;
                case 'n':
                    out += '\n';
                    i += 2;
                    continue;
                case 'r':
                    out += '\r';
                    i += 2;
                    continue;
                case 't':
                    out += '\t';
                    i += 2;
                    continue;
                case 'u': break;
                default:
                    fail_at(line, at,
                            "invalid escape sequence " + quoted(std::string("\\") + e) +
                                " (expected \\\\, \\\", \\n, \\r, \\t or \\uXXXX)");
            }
            unsigned code = 0;
            for (std::size_t k = 0; k < 4; ++k) {
                const char h = i + 2 + k < n ? inner[i + 2 + k] : '\0';
                const int d = hex_digit_value(h);
                if (d < 0) fail_at(line, at, "invalid \\u escape: expected 4 hexadecimal digits after \\u");
                code = code * 16 + static_cast<unsigned>(d);
            }
            if (code >= 0xD800 && code <= 0xDFFF)
                fail_at(line, at,
                        "invalid \\u escape: " + std::string(inner.substr(i, 6)) +
                            " is a surrogate code point (expected a Unicode scalar value; characters above U+FFFF "
                            "must be written as UTF-8)");
            append_utf8(out, code);
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
        if (token.empty()) {
            sink_.string(token);
            return;
        }
        const char c = token[0];
        if (c == '"') {
            sink_.string(quoted_token(line, token, value_scratch_));
            return;
        }
        if constexpr (!Sink::builds) return;  // validation: every unquoted token is a valid primitive
        if (c == 't' && token == "true") {
            sink_.boolean(true);
            return;
        }
        if (c == 'f' && token == "false") {
            sink_.boolean(false);
            return;
        }
        if (c == 'n' && token == "null") {
            sink_.null();
            return;
        }
        if ((c == '-' || (c >= '0' && c <= '9')) && is_toon_number(token)) {
            sink_.number(token);
            return;
        }
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
        explicit PooledHeader(Parser& parser) : pool_(parser.spares_.headers) {
            auto& pool = pool_;
            if (pool.empty()) {
                header_ = std::make_unique<Header>();
            } else {
                header_ = std::move(pool.back());
                pool.pop_back();
            }
        }
        ~PooledHeader() {
            Header& h = *header_;
            auto& pool = pool_;
            // The thread keeps a few headers for the next calls, not long strings.
            if (pool.size() >= kPooledHeaders || h.key_storage.capacity() > 256 || h.duplicate_field.capacity() > 256)
                return;
            h.has_key = false;
            h.key = {};
            h.key_storage.clear();
            h.key_at = nullptr;
            h.length = 0;
            h.delimiter = ',';
            h.keyed = false;
            h.fields.reset();
            h.leaf_count = 0;
            h.inline_values = {};
            h.duplicate_field.clear();
            h.duplicate_at = nullptr;
            pool.push_back(std::move(header_));
        }
        PooledHeader(const PooledHeader&) = delete;
        PooledHeader& operator=(const PooledHeader&) = delete;
        Header& operator*() const { return *header_; }
        Header* operator->() const { return header_.get(); }

    private:
        static constexpr std::size_t kPooledHeaders = 64;
        // Free headers of this thread (taken and given back in nesting order).
        std::vector<std::unique_ptr<Header>>& pool_;
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
            if (close == npos || close + 1 >= content.size() || content[close + 1] != '[')
                return HeaderParse::NotHeader;
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
            if (raw_key[0] == '"') {
                h.key_storage.assign(quoted_token(line, raw_key, key_scratch_));
                h.key = h.key_storage;
            } else {
                h.key = raw_key;  // a view into the document: the sinks keep it without a copy
            }
        }
        h.inline_values = scan::trim_spaces(scan::slice(content, colon + 1));

        // Bracket segment: length, optional keyed marker, optional delimiter.
        std::string_view seg = scan::slice(content, bracket_start + 1, bracket_end - bracket_start - 1);
        const std::string_view whole_seg = seg;
        h.delimiter = ',';
        if (!seg.empty() && seg.back() == '\t') {
            h.delimiter = '\t';
            seg.remove_suffix(1);
        } else if (!seg.empty() && seg.back() == '|') {
            h.delimiter = '|';
            seg.remove_suffix(1);
        }
        if (!seg.empty() && seg.back() == ':') {
            h.keyed = true;
            seg.remove_suffix(1);
        }
        bool length_ok = !seg.empty() && (seg == "0" || (seg[0] >= '1' && seg[0] <= '9'));
        std::size_t length = 0;
        for (char c : seg) {
            if (c < '0' || c > '9') {
                length_ok = false;
                break;
            }
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
                const SharedFields& shared = spares_.shared_fields;
                if (cached_group_ && h.delimiter == cached_delimiter_ && fields == cached_fields_) {
                    h.fields = cached_group_;
                    h.leaf_count = cached_leaf_count_;
                } else if (shared.group && h.delimiter == shared.delimiter && fields == shared.text &&
                           nesting_ < kMaxNesting) {
                    // A flat list an earlier document of this thread had (parse_fields()
                    // would enter one level: the same nesting check).
                    h.fields = shared.group;
                    h.leaf_count = shared.leaf_count;
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
            if (h.duplicate_at)
                return invalid(h.duplicate_at,
                               "duplicate field name " + quoted(h.duplicate_field) + " in the field list");
            return invalid(h.inline_values.data(), "expected nothing after ':' of a header with a field list, found " +
                                                       quoted(h.inline_values));
        }
        return HeaderParse::Ok;
    }

    static std::string delimiter_name(char d) { return d == '\t' ? "tab" : d == '|' ? "\"|\"" : "\",\""; }

    // Field entries of one brace group (SPEC §6, §9.3), from s[pos] up to its
    // closing '}' (nested) or the end of `s` (the outermost group, whose
    // braces the caller removed). One pass over the text at any nesting.
    HeaderParse parse_fields(const Line& line, std::string_view s, std::size_t& pos, char delimiter, FieldGroup& group,
                             Header& h, bool nested) {
        const Level level(*this, line);
        const std::size_t n = s.size();
        std::unique_ptr<std::unordered_map<std::string, std::size_t, KeyHash>> seen;  // for wide groups only
        if (!nested) field_bytes_ = 0;
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
                    if (f.name == field.name) {
                        first = f.slot;
                        break;
                    }
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
                    seen = std::make_unique<std::unordered_map<std::string, std::size_t, KeyHash>>();
                    for (const Field& f : group.fields) seen->emplace(f.name, f.slot);
                }
                if (seen) seen->emplace(field.name, field.slot);
            }
            if (!field.group) ++h.leaf_count;
            // Working memory: the field (twice, for the vector's growth), its
            // name and JSON key, and its entry in `seen`.
            field_bytes_ += 2 * sizeof(Field) + field.name.size() + field.json_key.size() +
                            (seen ? kIndexEntryBytes + sizeof(std::string) + field.name.size() : 0);
            if (field_bytes_ > options_.max_work_bytes) work_limit("Its field list", options_.max_work_bytes);
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

    // The values are emitted as the scan finds them, never listed (one line
    // may hold millions), and counted at the end: a value's own error comes
    // before a wrong count, as in the reference decoder.
    __attribute__((noinline)) void decode_inline_array(const Header& h, const Line& line) {
        const std::size_t found = scan::for_each_delimited(h.inline_values, h.delimiter, [&](std::string_view cell) {
            poller_.tick();  // one line may hold millions of values
            emit_primitive(line, cell);
        });
        if (strict_ && found != h.length)
            count_mismatch(line, h.inline_values.data(), h.length, "value", "values", " in the inline array", found);
    }

    // One row's cells (in cells_) as an object shaped by the field list.
    void emit_row(const std::shared_ptr<const FieldGroup>& fields, const Line& line) {
        const FieldGroup& group = *fields;
        if constexpr (Sink::rows) {
            if (group.flat) {
                // Values only: the sink knows the row's keys from the field list.
                sink_.begin_row(fields);
                for (std::size_t i = 0; i < group.fields.size(); ++i) emit_primitive(line, cells_[i]);
                sink_.end_row();
                return;
            }
        }
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

    __attribute__((noinline)) void decode_tabular_array(const Header& h, const Line& header_line, int base) {
        const int row_depth = scope_content_depth(base);
        std::size_t rows = 0;
        bool span = false;
        Line last = header_line;
        while (!strict_ || rows < h.length) {
            Line* p = reader_.peek();
            if (!p || p->depth <= base) break;
            if (p->depth != row_depth) over_indented(*p, row_depth);
            std::size_t cells = 0;
            if (!scan::split_row(p->content, h.delimiter, cells_, h.leaf_count, cells)) break;
            if (strict_ && !span) {
                open_span(*p);
                span = true;
            }
            const Line line = take();
            if (cells != h.leaf_count)
                count_mismatch(line, line.content.data(), h.leaf_count, "value", "values",
                               " in this row (one per field)", cells);
            emit_row(h.fields, line);
            ++rows;
            last = line;
        }
        if (span) --open_spans_;
        if (!strict_) return;
        if (rows != h.length) count_mismatch(last, last.content.data(), h.length, "row", "rows", " in the table", rows);
        const Line* p = reader_.peek();
        if (p && p->depth == row_depth && !starts_with_item(p->content) && scan::is_data_row(p->content, h.delimiter))
            count_mismatch(*p, p->content.data(), h.length, "row", "rows", " in the table", kMore);
    }

    __attribute__((noinline)) void decode_keyed_object(const Header& h, const Line& header_line, int base) {
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
            if (strict_ && !span) {
                open_span(*p);
                span = true;
            }
            const Line line = take();
            std::size_t end = 0;
            const std::string_view key = parse_key(line, line.content, end);
            add_member(line, key, line.content.data());
            const std::string_view cells = scan::trim_spaces(scan::slice(line.content, end));
            const std::size_t found = scan::split_delimited(cells, h.delimiter, cells_, h.leaf_count);
            if (found != h.leaf_count)
                count_mismatch(line, cells.empty() ? line.content.data() + line.content.size() : cells.data(),
                               h.leaf_count, "value", "values", " after the entry key (one per field)", found);
            emit_row(h.fields, line);
            ++entries;
            last = line;
        }
        if (span) --open_spans_;
        if (strict_ && entries != h.length)
            count_mismatch(last, last.content.data(), h.length, "entry", "entries", " in the keyed table", entries);
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
            if (strict_ && !span) {
                open_span(*p);
                span = true;
            }
            last = decode_list_item(item_depth);
            ++items;
        }
        if (span) --open_spans_;
        if (!strict_) return;
        if (items != h.length)
            count_mismatch(last, last.content.data(), h.length, "list item", "list items", "", items);
        const Line* p = reader_.peek();
        if (p && p->depth == item_depth && starts_with_item(p->content))
            count_mismatch(*p, p->content.data(), h.length, "list item", "list items", "", kMore);
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
    std::size_t field_bytes_ = 0;  // working memory of the field list being parsed
    int nesting_ = 0;
    StackGuard stack_;
    int open_spans_ = 0;

    Scratch<std::vector<std::string_view>> cells_;
    Poller<> poller_;
    std::string key_scratch_;  // quoted keys with escapes (rare: no spare kept)
    Scratch<std::string> value_scratch_;
    const char* error_at_ = nullptr;
    std::string error_what_;
    Spares& spares_;
    // The last field list parsed without duplicates (its text and delimiter).
    std::string cached_fields_;
    char cached_delimiter_ = 0;
    std::shared_ptr<const FieldGroup> cached_group_;
    std::size_t cached_leaf_count_ = 0;
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
    Parser<ValueBuilder> parser(doc, options, builder);
    parser.run();
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
