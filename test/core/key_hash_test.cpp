// KeyHash (key_hash.hpp): SipHash as its reference computes it, and keys
// built to collide under std::hash do not collide under it.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "key_hash.hpp"

using namespace toon::core;

namespace {

// SipHash-2-4 reference vectors (the paper's Appendix A / vectors.h): key
// 00 01 .. 0f, messages of n bytes 00 01 .. n-1.
TEST(KeyHash, SipHash24MatchesTheReferenceVectors) {
    const std::uint64_t k0 = 0x0706050403020100u, k1 = 0x0f0e0d0c0b0a0908u;
    const std::uint64_t expected[] = {0x726fdb47dd0e0e31u, 0x74f839c593dc67fdu, 0x0d6c8009d9a94f5au,
                                      0x85676696d7fb7e2du};
    std::string message;
    for (std::uint64_t want : expected) {
        EXPECT_EQ(siphash(message, k0, k1, 2, 4), want) << message.size() << " bytes";
        message += static_cast<char>(message.size());
    }
}

// SipHash-1-3, the variant KeyHash uses, against Python's bytes hash
// (sys.hash_info.algorithm 'siphash13'; PYTHONHASHSEED=0 zeroes the key):
// PYTHONHASHSEED=0 python3 -c "print(hash(b'abc') & 0xffffffffffffffff)"
TEST(KeyHash, SipHash13MatchesPython) {
    EXPECT_EQ(siphash("a", 0, 0, 1, 3), 4644417185603328019u);
    EXPECT_EQ(siphash("abc", 0, 0, 1, 3), 13851880170939887858u);
    EXPECT_EQ(siphash("abcdefgh", 0, 0, 1, 3), 4574395652268504554u);
    EXPECT_EQ(siphash("abcdefghijklmnopq", 0, 0, 1, 3), 7044894726457044172u);
}

// 17 segments, each one of two 16-byte blocks: all 2^17 such keys have one
// std::hash value (libstdc++'s block mix cancels a flipped top bit whatever
// its seed), which made an object of 64,000 of them cost 12 s to decode.
TEST(KeyHash, KeysBuiltToCollideDoNotCollide) {
    const std::string a = "I.l[\xCB\x8C\xCD\xBF", b = "I.)ufruN";
    std::set<std::size_t> std_hashes, key_hashes;
    for (int m = 0; m < 2000; ++m) {
        std::string key;
        for (int i = 0; i < 17; ++i) key += (m >> i) & 1 ? b + b : a + a;
        std_hashes.insert(std::hash<std::string>()(key));
        key_hashes.insert(KeyHash()(key));
    }
    EXPECT_LE(std_hashes.size(), 2u);     // the attack works on std::hash ...
    EXPECT_EQ(key_hashes.size(), 2000u);  // ... and not on KeyHash
}

}  // namespace
