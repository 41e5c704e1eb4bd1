// Tokenizer: pre-tokenize, look pieces up whole, BPE-merge the others.
#include "tokenizer.hpp"

#include <algorithm>
#include <string>

#include "bpe.hpp"
#include "error.hpp"
#include "interrupt.hpp"
#include "pretokenizer.hpp"

extern "C" {
// Packed vocabularies linked in by src/vocab/vocab_blob.S.
extern const unsigned char toon_vocab_cl100k_base[] __attribute__((visibility("hidden")));
extern const unsigned char toon_vocab_cl100k_base_end[] __attribute__((visibility("hidden")));
extern const unsigned char toon_vocab_o200k_base[] __attribute__((visibility("hidden")));
extern const unsigned char toon_vocab_o200k_base_end[] __attribute__((visibility("hidden")));
}

namespace toon::core {

const Tokenizer& Tokenizer::get(Encoding e) {
    if (e == Encoding::Cl100kBase) {
        static const Tokenizer t(
            e, Vocab(toon_vocab_cl100k_base, std::size_t(toon_vocab_cl100k_base_end - toon_vocab_cl100k_base)));
        return t;
    }
    static const Tokenizer t(
        e, Vocab(toon_vocab_o200k_base, std::size_t(toon_vocab_o200k_base_end - toon_vocab_o200k_base)));
    return t;
}

template <typename F>
void Tokenizer::for_each_piece(std::string_view text, F&& f) const {
    auto s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size(), i = 0;
    Poller<1 << 16> poller;
    if (encoding_ == Encoding::O200kBase) {
        while (i < n) {
            std::size_t e = next_piece_o200k(s, n, i);
            f(i, e);
            poller.tick(unsigned(std::min<std::size_t>(e - i, 1u << 16)));
            i = e;
        }
    } else {
        while (i < n) {
            std::size_t e = next_piece_cl100k(s, n, i);
            f(i, e);
            poller.tick(unsigned(std::min<std::size_t>(e - i, 1u << 16)));
            i = e;
        }
    }
}

std::size_t Tokenizer::count(std::string_view text) const {
    auto s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t total = 0;
    for_each_piece(text, [&](std::size_t b, std::size_t e) { total += bpe_count(vocab_, s + b, e - b); });
    return total;
}

void Tokenizer::encode(std::string_view text, std::vector<std::uint32_t>& out, std::size_t max_tokens,
                       std::vector<std::uint32_t>* piece_starts) const {
    auto s = reinterpret_cast<const unsigned char*>(text.data());
    for_each_piece(text, [&](std::size_t b, std::size_t e) {
        if (piece_starts) piece_starts->push_back(static_cast<std::uint32_t>(b));
        bpe_encode(vocab_, s + b, e - b, out);
        if (out.size() > max_tokens)
            throw Error(
                ErrorCode::ProgramLimit, "too many tokens",
                "The document has more than " + std::to_string(max_tokens) + " tokens, the most a result can hold.");
    });
}

namespace {

bool is_char_start(std::string_view text, std::size_t i) {
    return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

// Byte offset where each token of `text` ends: the ids are replaced in
// place (4 bytes per token of working memory in all); with `piece_starts`,
// the start of each pre-tokenized piece too, from the same pass.
std::vector<std::uint32_t> token_ends(const Tokenizer& t, std::string_view text,
                                      std::vector<std::uint32_t>* piece_starts = nullptr) {
    if (text.size() > UINT32_MAX) throw Error(ErrorCode::ProgramLimit, "text too large to split into tokens");
    std::vector<std::uint32_t> ends;
    t.encode(text, ends, static_cast<std::size_t>(-1), piece_starts);
    std::uint32_t at = 0;
    Poller<1 << 16> poller;
    for (auto& e : ends) {
        at += static_cast<std::uint32_t>(t.vocab().bytes(e).size());
        e = at;
        poller.tick();
    }
    return ends;
}

}  // namespace

std::size_t truncate_length(const Tokenizer& t, std::string_view text, std::size_t max_tokens) {
    std::vector<std::uint32_t> starts;
    const auto ends = token_ends(t, text, &starts);
    if (ends.size() <= max_tokens) return text.size();
    // A prefix is pre-tokenized like the document except in its last pieces
    // (a piece's extent looks at most one character ahead), so its count is
    // the document's tokens before `from`, the start of the second piece
    // before the one holding the prefix's last byte, plus a count of the text
    // from there: each try costs a few pieces, not the whole prefix. Tries go
    // from kTruncateLookAhead tokens past the budget down, one boundary at a
    // time, and stop at the first that fits (the longest).
    Poller<256> poller;
    for (std::size_t k = std::min(ends.size() - 1, max_tokens + kTruncateLookAhead); k > 0; --k) {
        poller.tick();
        std::size_t len = ends[k - 1];
        while (!is_char_start(text, len)) --len;
        if (len == 0) break;
        // The piece holding the prefix's last byte, and two before it.
        const std::size_t last =
            static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), len - 1) - starts.begin()) - 1;
        const std::uint32_t from = starts[last >= 2 ? last - 2 : 0];
        const std::size_t before =
            static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), from) - ends.begin());
        if (before + t.count(text.substr(from, len - from)) <= max_tokens) return len;
    }
    return 0;
}

std::vector<std::pair<std::size_t, std::size_t>> chunk_ranges(const Tokenizer& t, std::string_view text,
                                                              std::size_t max_tokens, std::size_t overlap) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (text.empty() || max_tokens == 0) return out;
    const auto ends = token_ends(t, text);
    auto snap_back = [&](std::size_t i) {
        while (!is_char_start(text, i)) --i;
        return i;
    };
    auto snap_forward = [&](std::size_t i) {
        while (!is_char_start(text, i)) ++i;
        return i;
    };
    std::size_t first = 0;  // first token of the chunk (the one holding byte `begin`)
    std::size_t begin = 0;  // byte offset of the chunk, a character start
    Poller<256> poller;
    for (;;) {
        poller.tick();
        // The chunk's last token: at most max_tokens of the document's tokens,
        // fewer when the chunk re-tokenized on its own would exceed the budget.
        std::size_t last = std::min(first + max_tokens, ends.size());  // one past the chunk's last token
        std::size_t end = 0;
        for (; last > first; --last) {
            end = snap_back(ends[last - 1]);
            if (end > begin && t.count(text.substr(begin, end - begin)) <= max_tokens) break;
        }
        if (last == first) {  // the first character alone is wider than the budget: keep it whole
            last = first + 1;
            end = snap_forward(ends[first]);
        }
        out.emplace_back(begin, end);
        if (end >= text.size()) break;
        std::size_t next = last - std::min(overlap, last - first);
        std::size_t next_begin = next == 0 ? std::size_t(0) : snap_back(ends[next - 1]);
        // An overlap that starts inside the chunk's first character (one
        // that takes several tokens) would not move forward: it starts at
        // the next of the chunk's token ends that does, so that it shrinks
        // rather than disappears.
        while (next_begin <= begin && next < last) next_begin = snap_back(ends[next++]);
        next_begin = std::min(next_begin, end);
        if (next_begin <= begin) next_begin = end;  // the overlap would not move forward
        first = std::size_t(std::upper_bound(ends.begin(), ends.end(), next_begin) - ends.begin());
        begin = next_begin;
    }
    return out;
}

}  // namespace toon::core
