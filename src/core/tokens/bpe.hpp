// Byte pair encoding of one pre-tokenized piece with tiktoken's merge rule:
// repeatedly merge the adjacent pair whose concatenation has the lowest rank,
// the leftmost one on ties, until no adjacent pair is in the vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vocab.hpp"

namespace toon::core {

// A piece longer than kMaxPieceBytes (one pre-token: a word, a run of spaces
// or of punctuation) stops with Error(ProgramLimit): merging it needs
// kLargePieceBytesPerByte bytes of working memory a byte, and this keeps that
// below 1 GB.
inline constexpr std::size_t kLargePieceBytesPerByte = 20;
inline constexpr std::size_t kMaxPieceBytes = std::size_t{48} << 20;

// Appends the token ids of piece p[0..n) (n >= 1) to `out`.
void bpe_encode(const Vocab& vocab, const unsigned char* p, std::size_t n, std::vector<std::uint32_t>& out);

// Number of tokens bpe_encode() would append.
std::size_t bpe_count(const Vocab& vocab, const unsigned char* p, std::size_t n);

}  // namespace toon::core
