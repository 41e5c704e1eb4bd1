// BPE vocabularies (cl100k_base, o200k_base) embedded in the library.
//
// src/tools/vocab_pack.cpp turns the official .tiktoken files (src/vocab/) into a
// prebuilt table at build time, and src/vocab/vocab_blob.S links it in with
// .incbin; nothing is parsed at run time. Layout (little-endian):
//   uint32 magic, token count N, slot count S (a power of two), entry bytes B
//   uint32 entries[N]  offset of token r's entry in `blob`
//   uint64 slots[S]    open-addressing hash of the bytes: entry offset in the
//                      low 32 bits, rank in the high 32; kEmptySlot if free
//   uint8  blob[B]     entries: one length byte, then the token's bytes
// A lookup touches one slot and one entry (two cache lines at most).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace toon::core {

inline constexpr std::uint32_t kVocabMagic = 0x32565454;  // "TTV2"
inline constexpr std::uint64_t kEmptySlot = ~std::uint64_t(0);
inline constexpr std::uint32_t kNoRank = 0xFFFFFFFFu;

// Hash of a token's bytes; shared by the packer and the lookup.
inline std::uint64_t vocab_hash(const unsigned char* p, std::size_t n) {
    std::uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xD6E8FEB86659FD93ull);
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t(p[i]) << (8 * i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

// Byte equality for the short strings of a vocabulary (no libc call).
inline bool same_bytes(const unsigned char* a, const unsigned char* b, std::size_t n) {
    while (n >= 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a, 8);
        std::memcpy(&y, b, 8);
        if (x != y) return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    while (n--)
        if (*a++ != *b++) return false;
    return true;
}

class Vocab {
public:
    // Wraps a packed table; throws Error(Internal) when it is malformed.
    Vocab(const unsigned char* data, std::size_t size);

    std::uint32_t size() const { return count_; }

    // Rank of a byte string, or kNoRank.
    std::uint32_t rank(const unsigned char* p, std::size_t n) const {
        std::size_t slot = vocab_hash(p, n) & mask_;
        for (;;) {
            std::uint64_t e = slots_[slot];
            if (e == kEmptySlot) return kNoRank;
            const unsigned char* entry = blob_ + static_cast<std::uint32_t>(e);
            if (entry[0] == n && same_bytes(entry + 1, p, n)) return static_cast<std::uint32_t>(e >> 32);
            slot = (slot + 1) & mask_;
        }
    }

    std::string_view bytes(std::uint32_t rank) const {
        const unsigned char* entry = blob_ + entries_[rank];
        return {reinterpret_cast<const char*>(entry + 1), entry[0]};
    }

private:
    std::uint32_t count_ = 0;
    std::size_t mask_ = 0;
    const std::uint32_t* entries_ = nullptr;
    const std::uint64_t* slots_ = nullptr;
    const unsigned char* blob_ = nullptr;
};

}  // namespace toon::core
