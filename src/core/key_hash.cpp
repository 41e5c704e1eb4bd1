// SipHash for key indexes: see key_hash.hpp.
#include "key_hash.hpp"

#include <chrono>
#include <cstring>
#include <random>

namespace toon::core {

namespace {

inline std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }

struct State {
    std::uint64_t v0, v1, v2, v3;
    void rounds(int n) {
        for (int i = 0; i < n; ++i) {
            v0 += v1;
            v1 = rotl(v1, 13);
            v1 ^= v0;
            v0 = rotl(v0, 32);
            v2 += v3;
            v3 = rotl(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = rotl(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = rotl(v1, 17);
            v1 ^= v2;
            v2 = rotl(v2, 32);
        }
    }
};

inline std::uint64_t load_le(const unsigned char* p, std::size_t n) {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i) w |= std::uint64_t{p[i]} << (8 * i);
    return w;
}

struct Key {
    std::uint64_t k0, k1;
};

Key process_key() {
    Key k{0, 0};
    try {
        std::random_device rd;
        k.k0 = (std::uint64_t{rd()} << 32) ^ rd();
        k.k1 = (std::uint64_t{rd()} << 32) ^ rd();
    } catch (...) {
        // No entropy source: the clock still keeps the key unknown in advance.
        const auto t = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
        k.k0 = t * 0x9E3779B97F4A7C15u;
        k.k1 = reinterpret_cast<std::uintptr_t>(&k) ^ (t >> 7);
    }
    return k;
}

}  // namespace

std::uint64_t siphash(std::string_view s, std::uint64_t k0, std::uint64_t k1, int c, int d) {
    State st{k0 ^ 0x736f6d6570736575u, k1 ^ 0x646f72616e646f6du, k0 ^ 0x6c7967656e657261u, k1 ^ 0x7465646279746573u};
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const std::uint64_t m = load_le(p + i, 8);
        st.v3 ^= m;
        st.rounds(c);
        st.v0 ^= m;
    }
    const std::uint64_t b = (std::uint64_t{n} << 56) | load_le(p + i, n - i);
    st.v3 ^= b;
    st.rounds(c);
    st.v0 ^= b;
    st.v2 ^= 0xff;
    st.rounds(d);
    return st.v0 ^ st.v1 ^ st.v2 ^ st.v3;
}

std::size_t KeyHash::operator()(std::string_view s) const noexcept {
    static const Key key = process_key();
    return static_cast<std::size_t>(siphash(s, key.k0, key.k1, 1, 3));
}

}  // namespace toon::core
