// The hash of the indexes over keys that documents choose (object keys,
// field names): in the decoder's duplicate-key check, the JSON reader, the
// tabular analysis and toon_object_agg. std::hash has a fixed seed, and its
// block mix lets anyone build keys that all collide whatever the seed: 64,000
// such keys made one object cost 12 s of CPU (a hash-flooding review). This
// is SipHash (Aumasson and Bernstein, 2012), the keyed hash made against
// that attack, with 1 compression and 3 finalization rounds as Rust's and
// Python's tables use it, keyed once per process from std::random_device.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace toon::core {

// SipHash-c-d of `s` under the 128-bit key (k0, k1), as in the reference
// implementation (words little-endian).
std::uint64_t siphash(std::string_view s, std::uint64_t k0, std::uint64_t k1, int c, int d);

// SipHash-1-3 under this process's random key.
struct KeyHash {
    std::size_t operator()(std::string_view s) const noexcept;
};

}  // namespace toon::core
