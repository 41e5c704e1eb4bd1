// The decoder's line reader (SPEC §5.1, §12): the document as a stream of
// non-blank, non-comment lines with their depth, one line of lookahead, and
// the small text helpers its messages use. Only decode.cpp includes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decode.hpp"
#include "decode_scan.hpp"
#include "error.hpp"
#include "interrupt.hpp"

namespace toon::core::decoding {

using scan::npos;

// Deepest nesting of arrays/objects (and nested field groups) accepted. Keeps
// recursion, and the recursive destruction of the resulting Value, far from
// any stack limit.
constexpr int kMaxNesting = 10000;

// One non-blank, non-comment line of the document (SPEC §5.1, §12).
struct Line {
    std::string_view content;     // after the indentation, trailing spaces removed
    const char* start = nullptr;  // first byte of the line (after a BOM), for columns
    int number = 0;               // 1-based line number
    int depth = 0;                // indentation level
    int indent = 0;               // leading spaces
    int blank_before = 0;         // number of the first blank line since the previous content line, or 0
};

// 1-based column, in characters, of `at` within the line starting at `start`.
inline int column_of(const char* start, const char* at) {
    int column = 1;
    for (const char* p = start; p < at; ++p)
        if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80) ++column;
    return column;
}

[[noreturn]] void fail_at(const Line& line, const char* at, const std::string& what) {
    throw syntax_error(line.number, column_of(line.start, at), what);
}

inline std::string quoted(std::string_view s) { return "\"" + scan::excerpt(s) + "\""; }

// "1 row", "2 rows".
inline std::string count_of(std::size_t n, const char* singular, const char* plural) {
    return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// "expected <want> <things><where>, found <found>" (found kMore: "found more")
// at `at` of `line`. Out of line and cold: the recursive decoding functions
// that report counts keep no room for the message's strings in their frames,
// which sets how deep a document the stack can decode.
inline constexpr std::size_t kMore = static_cast<std::size_t>(-1);
[[noreturn]] __attribute__((noinline, cold)) inline void count_mismatch(const Line& line, const char* at,
                                                                        std::size_t want, const char* singular,
                                                                        const char* plural, const char* where,
                                                                        std::size_t found) {
    fail_at(line, at,
            "expected " + count_of(want, singular, plural) + where + ", found " +
                (found == kMore ? std::string("more") : std::to_string(found)));
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
            const std::size_t end =
                static_cast<std::size_t>(scan::find_newline(begin, doc_.data() + size) - doc_.data());
            std::string_view raw(begin, end - pos_);
            pos_ = end + 1;
            ++line_number_;
            if (line_number_ == 1 && raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.remove_prefix(3);
            if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);

            std::size_t ws = 0, first_tab = npos, tabs = 0;
            while (ws < raw.size() && (raw[ws] == ' ' || raw[ws] == '\t')) {
                if (raw[ws] == '\t') {
                    if (first_tab == npos) first_tab = ws;
                    ++tabs;
                }
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
                                           "expected spaces for indentation, found a tab (tabs are not allowed in "
                                           "indentation in strict mode)");
                    if (indent % static_cast<std::size_t>(options_.indent_size) != 0)
                        throw syntax_error(line_number_, static_cast<int>(indent) + 1,
                                           "expected indentation in multiples of " +
                                               std::to_string(options_.indent_size) + " spaces, found " +
                                               std::to_string(indent));
                }
                const std::size_t tab_levels = (strict || first_tab == npos) ? 0 : tabs;
                // Non-strict tab policy: each tab is one level, spaces count per indentSize.
                const std::size_t depth =
                    (indent - tab_levels) / static_cast<std::size_t>(options_.indent_size) + tab_levels;
                buffer_.depth =
                    depth > static_cast<std::size_t>(kMaxNesting) * 4 ? kMaxNesting * 4 : static_cast<int>(depth);
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

}  // namespace toon::core::decoding
