// Byte pair encoding of one pre-tokenized piece with tiktoken's merge rule:
// repeatedly merge the adjacent pair whose concatenation has the lowest rank,
// the leftmost one on ties, until no adjacent pair is in the vocabulary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "vocab.hpp"

namespace toon::core {

// Appends the token ids of piece p[0..n) (n >= 1) to `out`.
void bpe_encode(const Vocab& vocab, const unsigned char* p, std::size_t n, std::vector<std::uint32_t>& out);

// Number of tokens bpe_encode() would append.
std::size_t bpe_count(const Vocab& vocab, const unsigned char* p, std::size_t n);

}  // namespace toon::core
