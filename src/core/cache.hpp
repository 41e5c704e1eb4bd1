// A bounded LRU cache of results keyed by bytes (the result cache of issue 8).
//
// Keys are compared byte for byte, never by hash alone: a key is a `kind`
// (which function and cache), a short `prefix` (options such as the encoding
// or the Markdown heading level) and a `body` (the argument's stored bytes).
// Two different keys therefore never share an entry; the hash only picks the
// bucket.
//
// Memory: every entry (header, key and value in one block) and the bucket
// array come from a CacheAllocator, which reports the bytes each block really
// costs; `bytes()` is the exact sum of those charges and never exceeds
// `capacity()`. The PostgreSQL layer backs the allocator with the memory
// context "toon cache" (src/pg/cache.cpp); the default uses malloc.
//
// Nothing here throws: an entry that cannot be allocated is simply not
// cached. A failed or canceled computation never reaches insert(), so there
// are no half-built entries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace toon::core {

struct CacheAllocator {
    // Returns a block of at least `size` bytes and stores what it costs in
    // *charged, or returns nullptr. Must not throw.
    void* (*allocate)(void* state, std::size_t size, std::size_t* charged) noexcept;
    void (*release)(void* state, void* block) noexcept;
    void* state;
};

// malloc/free, charging the requested size (for unit tests and tools).
CacheAllocator malloc_cache_allocator() noexcept;

struct CacheStats {
    std::uint64_t entries = 0;
    std::uint64_t bytes = 0;
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
};

// A key: kind < ResultCache::kKinds, a short prefix and the body.
struct CacheKey {
    unsigned kind;
    std::string_view prefix;
    std::string_view body;
};

class ResultCache {
public:
    static constexpr unsigned kKinds = 4;

    explicit ResultCache(CacheAllocator allocator = malloc_cache_allocator(), std::uint64_t seed = 0) noexcept;
    ~ResultCache();
    ResultCache(const ResultCache&) = delete;
    ResultCache& operator=(const ResultCache&) = delete;

    // Sets the bound in bytes and evicts least recently used entries at once
    // until bytes() <= capacity. 0 empties and disables the cache.
    void set_capacity(std::size_t capacity) noexcept;
    std::size_t capacity() const noexcept { return capacity_; }

    // The value stored under `key`, made most recently used (a hit), or
    // nullopt (a miss). Hits and misses are counted per kind; nothing is
    // counted while the cache is disabled. The view is valid until the next
    // call that changes the cache.
    std::optional<std::string_view> find(const CacheKey& key) noexcept;

    // Stores `value` under `key` (replacing an entry with the same key) as the
    // most recently used entry, evicting the least recently used ones to stay
    // within capacity. Returns false when it was not stored (disabled, larger
    // than the capacity, or out of memory).
    bool insert(const CacheKey& key, std::string_view value) noexcept;
    // The same with the key's hash() computed once for a find() and the
    // insert() after a miss (the key is a whole document: hashing it is
    // most of the cost of a miss).
    std::uint64_t hash(const CacheKey& key) const noexcept;
    std::optional<std::string_view> find(const CacheKey& key, std::uint64_t hash) noexcept;
    bool insert(const CacheKey& key, std::uint64_t hash, std::string_view value) noexcept;

    // Drops every entry and frees the bucket array (counters are kept).
    void clear() noexcept;
    // clear() and zero every counter.
    void reset() noexcept;

    CacheStats stats(unsigned kind) const noexcept;
    std::size_t bytes() const noexcept { return bytes_; }
    std::size_t entries() const noexcept { return entries_; }

    // Block size the cache requests for one entry with these lengths (without
    // the allocator's own overhead); lets callers skip work for entries that
    // can never fit.
    static std::size_t entry_size(std::size_t prefix_len, std::size_t body_len, std::size_t value_len) noexcept;

private:
    struct Entry;

    Entry* lookup(const CacheKey& key, std::uint64_t h) const noexcept;
    static void link_at(Entry** head, Entry* e) noexcept;  // at the head of a chain
    void unlink(Entry* e) noexcept;                        // from its chain and the LRU list
    void push_front(Entry* e) noexcept;                    // LRU head = most recently used
    void evict_one() noexcept;                             // the least recently used entry
    void release(Entry* e) noexcept;
    bool ensure_buckets(std::size_t reserve) noexcept;  // allocate or grow the bucket array
    void shrink_buckets() noexcept;                     // to the entries left
    void move_buckets(Entry** fresh, std::size_t count, std::size_t charged) noexcept;
    void free_buckets() noexcept;

    CacheAllocator allocator_;
    std::uint64_t seed_;
    std::size_t capacity_ = 0;
    std::size_t bytes_ = 0;
    std::size_t entries_ = 0;
    Entry** buckets_ = nullptr;
    std::size_t bucket_count_ = 0;  // a power of two, or 0
    std::size_t bucket_charge_ = 0;
    Entry* lru_head_ = nullptr;  // most recently used
    Entry* lru_tail_ = nullptr;  // least recently used
    CacheStats stats_[kKinds];
};

}  // namespace toon::core
