// Token counting and encoding identical to OpenAI's tiktoken (encode_ordinary)
// for the cl100k_base and o200k_base encodings.
//
// Text is split by the encoding's pre-tokenizer (pretokenizer.hpp), each piece
// is looked up whole, then byte-pair merged (bpe.hpp) against the embedded
// vocabulary (vocab.hpp). Special-token text such as "<|endoftext|>" is
// ordinary text here, as in tiktoken's encode_ordinary(). The input must be
// well-formed UTF-8 (tiktoken takes a Rust str); long loops poll for cancel.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "vocab.hpp"

namespace toon::core {

enum class Encoding { Cl100kBase, O200kBase };

// Encodings in a fixed order (for listings).
inline constexpr Encoding kEncodings[] = {Encoding::Cl100kBase, Encoding::O200kBase};

const char* encoding_name(Encoding e);

// A model name (or name prefix) and the encoding tiktoken uses for it.
struct ModelEncoding {
    const char* name;
    Encoding encoding;
    bool prefix;  // matches every model name starting with `name`
};

// openai/tiktoken's model.py tables, restricted to our two encodings: exact
// names first, then prefixes in tiktoken's order.
const std::vector<ModelEncoding>& model_encodings();

// Resolves an encoding name ("o200k_base") or a model name ("gpt-4o",
// "gpt-4o-2024-08-06") like tiktoken; throws Error(InvalidParameter) listing
// the valid names.
Encoding resolve_encoding(std::string_view name);

class Tokenizer {
public:
    // The tokenizer of an encoding; built on first use in O(1) (the
    // vocabulary is a prebuilt table in the library).
    static const Tokenizer& get(Encoding e);

    Encoding encoding() const { return encoding_; }
    const Vocab& vocab() const { return vocab_; }

    std::size_t count(std::string_view text) const;

    // Appends tiktoken's token ids for `text` to `out`. Stops with
    // Error(ProgramLimit) as soon as `out` holds more than max_tokens ids.
    // With `piece_starts`, also appends the start offset of each pre-tokenized
    // piece (no token crosses a piece boundary; `text` must then fit in 32
    // bits), from the same pass.
    void encode(std::string_view text, std::vector<std::uint32_t>& out,
                std::size_t max_tokens = static_cast<std::size_t>(-1),
                std::vector<std::uint32_t>* piece_starts = nullptr) const;

    Tokenizer(Encoding e, const Vocab& v) : encoding_(e), vocab_(v) {}

private:
    // Calls f(begin, end) for each pre-tokenized piece, in order.
    template <typename F>
    void for_each_piece(std::string_view text, F&& f) const;

    Encoding encoding_;
    Vocab vocab_;
};

// Byte length of the longest prefix of `text` that ends at a boundary of its
// tokenization (moved back to a character boundary) and whose own count is
// at most max_tokens. Boundaries up to kTruncateLookAhead tokens past the
// budget are tried too: a prefix can re-tokenize into fewer tokens than the
// document has up to that point ("a   1" is 4 tokens in o200k_base, its
// prefix "a   " 2).
inline constexpr std::size_t kTruncateLookAhead = 8;
std::size_t truncate_length(const Tokenizer& t, std::string_view text, std::size_t max_tokens);

// Byte ranges [begin, end) of token-bounded chunks for retrieval pipelines.
// Chunks are cut at token boundaries of the document's tokenization, moved
// back to character boundaries; each chunk re-tokenized on its own has at most
// max_tokens tokens, except a single character wider than the budget, which
// forms a chunk by itself. Consecutive chunks share about `overlap` of the
// document's tokens (always moving forward: an overlap that would start
// inside the chunk's first character starts after it); without overlap the chunks
// concatenate to the text. Requires max_tokens > overlap.
std::vector<std::pair<std::size_t, std::size_t>> chunk_ranges(const Tokenizer& t, std::string_view text,
                                                              std::size_t max_tokens, std::size_t overlap);

}  // namespace toon::core
