// Unit tests of the result cache (src/core/cache.hpp): exact keys, LRU order,
// the byte bound with exact accounting, and a random workload against a
// simple reference model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <list>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>

#include "cache.hpp"

using namespace toon::core;

namespace {

// An allocator that charges size + 48 (like a memory context's headers),
// tracks what is live and can be told to fail.
struct Tracking {
    std::map<void*, std::size_t> live;
    std::size_t charged_total = 0;
    bool fail = false;

    static void* allocate(void* state, std::size_t size, std::size_t* charged) noexcept {
        auto* t = static_cast<Tracking*>(state);
        if (t->fail) return nullptr;
        void* p = std::malloc(size);
        *charged = size + 48;
        t->live[p] = *charged;
        t->charged_total += *charged;
        return p;
    }
    static void release(void* state, void* p) noexcept {
        auto* t = static_cast<Tracking*>(state);
        auto it = t->live.find(p);
        ASSERT_NE(it, t->live.end());
        t->charged_total -= it->second;
        t->live.erase(it);
        std::free(p);
    }
    CacheAllocator allocator() { return CacheAllocator{allocate, release, this}; }
};

CacheKey key(unsigned kind, std::string_view prefix, std::string_view body) { return CacheKey{kind, prefix, body}; }

std::string found(ResultCache& c, const CacheKey& k) {
    auto v = c.find(k);
    return v ? std::string(*v) : std::string("<miss>");
}

}  // namespace

TEST(Cache, HitAfterInsertMissBefore) {
    ResultCache c;
    c.set_capacity(1 << 20);
    EXPECT_EQ(found(c, key(0, "o", "doc")), "<miss>");
    EXPECT_TRUE(c.insert(key(0, "o", "doc"), "result"));
    EXPECT_EQ(found(c, key(0, "o", "doc")), "result");
    const CacheStats s = c.stats(0);
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 1u);
    EXPECT_EQ(s.entries, 1u);
    EXPECT_EQ(s.bytes, ResultCache::entry_size(1, 3, 6));
}

TEST(Cache, KeysDifferingAnywhereAreDistinct) {
    ResultCache c;
    c.set_capacity(1 << 20);
    // Same concatenation, different split between prefix and body; other
    // kind; a body that is a prefix of another; embedded NUL bytes.
    const std::string nul1("a\0b", 3), nul2("a\0c", 3);
    const std::tuple<unsigned, std::string, std::string> keys[] = {
        {0, "ab", "c"}, {0, "a", "bc"}, {1, "ab", "c"}, {0, "ab", "cd"},
        {0, "ab", ""},  {0, "", "abc"}, {0, "x", nul1}, {0, "x", nul2},
    };
    int i = 0;
    for (const auto& [k, p, b] : keys) EXPECT_TRUE(c.insert(key(k, p, b), std::to_string(i++)));
    i = 0;
    for (const auto& [k, p, b] : keys) EXPECT_EQ(found(c, key(k, p, b)), std::to_string(i++));
    EXPECT_EQ(c.entries(), std::size(keys));
}

TEST(Cache, InsertReplacesSameKey) {
    ResultCache c;
    c.set_capacity(1 << 20);
    EXPECT_TRUE(c.insert(key(2, "", "k"), "old"));
    EXPECT_TRUE(c.insert(key(2, "", "k"), "newer value"));
    EXPECT_EQ(found(c, key(2, "", "k")), "newer value");
    EXPECT_EQ(c.entries(), 1u);
    EXPECT_EQ(c.stats(2).bytes, ResultCache::entry_size(0, 1, 11));
}

TEST(Cache, EvictsLeastRecentlyUsed) {
    Tracking t;
    ResultCache c(t.allocator());
    const std::size_t one = ResultCache::entry_size(0, 1, 10) + 48;
    c.set_capacity(64 * sizeof(void*) + 48 + 3 * one);  // buckets + three entries
    const std::string v(10, 'v');
    EXPECT_TRUE(c.insert(key(0, "", "a"), v));
    EXPECT_TRUE(c.insert(key(0, "", "b"), v));
    EXPECT_TRUE(c.insert(key(0, "", "c"), v));
    EXPECT_EQ(found(c, key(0, "", "a")), v);  // a is now the most recent: b is the oldest
    EXPECT_TRUE(c.insert(key(1, "", "d"), v));
    EXPECT_EQ(found(c, key(0, "", "b")), "<miss>");
    EXPECT_EQ(found(c, key(0, "", "a")), v);
    EXPECT_EQ(found(c, key(0, "", "c")), v);
    EXPECT_EQ(found(c, key(1, "", "d")), v);
    EXPECT_EQ(c.stats(0).evictions, 1u);
    EXPECT_EQ(c.stats(1).evictions, 0u);
    EXPECT_EQ(c.bytes(), t.charged_total);
    EXPECT_LE(c.bytes(), c.capacity());
}

TEST(Cache, LoweringCapacityEvictsAtOnceAndZeroFreesEverything) {
    Tracking t;
    ResultCache c(t.allocator());
    c.set_capacity(1 << 20);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(c.insert(key(0, "", std::to_string(i)), std::string(100, 'x')));
    EXPECT_EQ(c.entries(), 100u);
    c.set_capacity(2000);
    EXPECT_LE(c.bytes(), 2000u);
    EXPECT_EQ(c.bytes(), t.charged_total);
    EXPECT_GT(c.entries(), 0u);
    EXPECT_EQ(c.stats(0).evictions + c.entries(), 100u);
    EXPECT_EQ(found(c, key(0, "", "99")), std::string(100, 'x'));  // the newest survive
    EXPECT_EQ(found(c, key(0, "", "0")), "<miss>");
    c.set_capacity(0);
    EXPECT_EQ(c.bytes(), 0u);
    EXPECT_EQ(c.entries(), 0u);
    EXPECT_TRUE(t.live.empty());
    // Disabled: nothing stored, nothing counted.
    const CacheStats before = c.stats(0);
    EXPECT_FALSE(c.insert(key(0, "", "1"), "x"));
    EXPECT_EQ(found(c, key(0, "", "1")), "<miss>");
    EXPECT_EQ(c.stats(0).misses, before.misses);
    EXPECT_TRUE(t.live.empty());
}

TEST(Cache, TooLargeOrOutOfMemoryIsNotStored) {
    Tracking t;
    ResultCache c(t.allocator());
    c.set_capacity(4096);
    EXPECT_FALSE(c.insert(key(0, "", "big"), std::string(5000, 'x')));
    EXPECT_TRUE(c.insert(key(0, "", "small"), "x"));
    t.fail = true;
    EXPECT_FALSE(c.insert(key(0, "", "other"), "y"));
    t.fail = false;
    EXPECT_EQ(found(c, key(0, "", "small")), "x");
    EXPECT_EQ(found(c, key(0, "", "other")), "<miss>");
    EXPECT_EQ(c.bytes(), t.charged_total);
    // An entry that fits the capacity only without the bucket array.
    ResultCache d(t.allocator());
    d.set_capacity(ResultCache::entry_size(0, 3, 100) + 48);
    EXPECT_FALSE(d.insert(key(0, "", "abc"), std::string(100, 'x')));
    EXPECT_EQ(d.bytes(), 0u);
}

TEST(Cache, ResetEmptiesAndZeroesCounters) {
    Tracking t;
    ResultCache c(t.allocator());
    c.set_capacity(1 << 20);
    c.insert(key(3, "p", "b"), "v");
    found(c, key(3, "p", "b"));
    found(c, key(3, "p", "x"));
    c.clear();
    EXPECT_EQ(c.stats(3).hits, 1u);
    EXPECT_EQ(c.stats(3).entries, 0u);
    EXPECT_TRUE(t.live.empty());
    c.reset();
    const CacheStats s = c.stats(3);
    EXPECT_EQ(s.hits + s.misses + s.entries + s.bytes + s.evictions, 0u);
    EXPECT_EQ(found(c, key(3, "p", "b")), "<miss>");
}

// A random workload against a reference LRU model with the same charges:
// same hits, same contents, bytes() equal to the live charges and within the
// capacity after every step, capacity changes included.
TEST(Cache, RandomWorkloadMatchesReferenceModel) {
    Tracking t;
    ResultCache c(t.allocator(), 12345);
    std::mt19937_64 rng(7);
    std::size_t capacity = 12000;
    c.set_capacity(capacity);
    using Key = std::tuple<unsigned, std::string, std::string>;
    std::list<std::pair<Key, std::string>> model;  // front = most recent
    auto charge = [](const Key& k, const std::string& v) {
        return ResultCache::entry_size(std::get<1>(k).size(), std::get<2>(k).size(), v.size()) + 48;
    };
    // Fewer than 128 entries fit: the bucket array keeps its first size.
    const std::size_t kBuckets = 64 * sizeof(void*) + 48;
    auto model_bytes = [&] {
        std::size_t sum = 0;
        for (const auto& [mk, mv] : model) sum += charge(mk, mv);
        return sum;
    };
    auto evict_model = [&] {
        while (!model.empty() && model_bytes() + kBuckets > capacity) model.pop_back();
    };
    std::uint64_t hits = 0;
    for (int step = 0; step < 20000; ++step) {
        const Key k{static_cast<unsigned>(rng() % 4), std::string(rng() % 3, 'p'), "doc" + std::to_string(rng() % 30)};
        const CacheKey ck{std::get<0>(k), std::get<1>(k), std::get<2>(k)};
        auto it = model.begin();
        while (it != model.end() && it->first != k) ++it;
        const auto v = c.find(ck);
        ASSERT_EQ(v.has_value(), it != model.end()) << "step " << step;
        if (v) {
            ++hits;
            ASSERT_EQ(std::string(*v), it->second);
            model.splice(model.begin(), model, it);
        } else {
            const std::string value(rng() % 200, static_cast<char>('a' + rng() % 26));
            const bool stored = c.insert(ck, value);
            ASSERT_EQ(stored, charge(k, value) + kBuckets <= capacity);
            if (stored) model.emplace_front(k, value);
            evict_model();
        }
        ASSERT_EQ(c.bytes(), t.charged_total);
        ASSERT_LE(c.bytes(), c.capacity());
        ASSERT_EQ(model.size(), c.entries()) << "step " << step;
        ASSERT_EQ(c.bytes(), model.empty() ? 0 : model_bytes() + kBuckets);
        if (step % 5000 == 4999) {
            capacity = capacity / 2 + 1000;
            c.set_capacity(capacity);
            evict_model();
            ASSERT_EQ(model.size(), c.entries());
        }
    }
    // Every model entry is in the cache with its value.
    for (const auto& [k, v] : model) {
        auto got = c.find(CacheKey{std::get<0>(k), std::get<1>(k), std::get<2>(k)});
        ASSERT_TRUE(got.has_value());
        EXPECT_EQ(std::string(*got), v);
    }
    std::uint64_t total_hits = 0;
    for (unsigned k = 0; k < ResultCache::kKinds; ++k) total_hits += c.stats(k).hits;
    EXPECT_EQ(total_hits, hits + model.size());
    EXPECT_GT(hits, 1000u);
}

TEST(Cache, ManyEntriesGrowTheBucketArray) {
    Tracking t;
    ResultCache c(t.allocator());
    c.set_capacity(64 << 20);
    for (int i = 0; i < 50000; ++i) ASSERT_TRUE(c.insert(key(1, "", std::to_string(i)), std::to_string(i * 7)));
    for (int i = 0; i < 50000; i += 997) EXPECT_EQ(found(c, key(1, "", std::to_string(i))), std::to_string(i * 7));
    EXPECT_EQ(c.bytes(), t.charged_total);
    EXPECT_EQ(t.live.size(), 50001u);  // entries and one bucket array
}

// A lower capacity gives back the buckets of the entries it evicts: the
// bucket array of 50,000 entries alone is larger than the new capacity,
// and once held on to every entry had to go to make room for it.
TEST(Cache, LoweringCapacityShrinksTheBucketArray) {
    Tracking t;
    ResultCache c(t.allocator());
    c.set_capacity(64 << 20);
    auto value = [](int i) { return std::to_string(i * 7); };
    for (int i = 0; i < 50000; ++i) ASSERT_TRUE(c.insert(key(1, "", std::to_string(i)), value(i)));
    const std::size_t capacity = 200 * 1024;  // below the 32,768 buckets' 256 kB
    c.set_capacity(capacity);
    EXPECT_LE(c.bytes(), capacity);
    EXPECT_EQ(c.bytes(), t.charged_total);
    // As many entries as a cache that had this capacity all along keeps.
    Tracking u;
    ResultCache fresh(u.allocator());
    fresh.set_capacity(capacity);
    for (int i = 0; i < 50000; ++i) fresh.insert(key(1, "", std::to_string(i)), value(i));
    EXPECT_GE(c.entries(), fresh.entries() * 9 / 10);
    // At most one bucket per entry: what the entries do not account for.
    std::size_t entry_bytes = 0;
    for (int i = 0; i < 50000; ++i)
        if (c.find(key(1, "", std::to_string(i))))
            entry_bytes += ResultCache::entry_size(0, std::to_string(i).size(), value(i).size()) + 48;
    EXPECT_LE(c.bytes() - entry_bytes, std::max<std::size_t>(64, c.entries()) * sizeof(void*) + 48);
    // The surviving entries are still found (they moved to the new buckets).
    EXPECT_EQ(found(c, key(1, "", "49999")), value(49999));
}

// An entry that fits the capacity but not beside the bucket array is not
// stored, and evicts nothing on its way out.
TEST(Cache, AnEntryThatCannotBeStoredEvictsNothing) {
    Tracking t;
    ResultCache c(t.allocator());
    const std::size_t capacity = 64 * 1024;
    c.set_capacity(capacity);
    for (int i = 0; i < 100; ++i) ASSERT_TRUE(c.insert(key(0, "", std::to_string(i)), "v"));
    const std::size_t buckets =
        c.bytes() - 100 * (ResultCache::entry_size(0, 1, 1) + 48) - 90 * 1;  // keys "10".."99" are one byte longer
    const std::size_t value = capacity - 48 - ResultCache::entry_size(0, 3, 0) - buckets / 2;  // fits alone, not beside
    EXPECT_FALSE(c.insert(key(0, "", "big"), std::string(value, 'x')));
    EXPECT_EQ(c.entries(), 100u);
    EXPECT_EQ(c.stats(0).evictions, 0u);
    EXPECT_EQ(found(c, key(0, "", "0")), "v");
}
