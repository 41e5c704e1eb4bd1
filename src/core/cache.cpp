// The result cache: a chained hash table over entries that also form one
// doubly linked LRU list (head = most recently used). See cache.hpp.
#include "cache.hpp"

#include <cstdlib>
#include <cstring>
#include <new>

namespace toon::core {

// One block: this header, then prefix, body and value bytes.
struct ResultCache::Entry {
    Entry* chain_next;
    Entry** chain_link;  // the pointer to this entry (a bucket or the previous entry's chain_next)
    Entry* lru_prev;
    Entry* lru_next;
    std::uint64_t hash;
    std::size_t charged;
    std::size_t body_len;
    std::size_t value_len;
    std::uint32_t prefix_len;
    unsigned kind;

    char* bytes() noexcept { return reinterpret_cast<char*>(this + 1); }
    const char* bytes() const noexcept { return reinterpret_cast<const char*>(this + 1); }
    std::string_view prefix() const noexcept { return {bytes(), prefix_len}; }
    std::string_view body() const noexcept { return {bytes() + prefix_len, body_len}; }
    std::string_view value() const noexcept { return {bytes() + prefix_len + body_len, value_len}; }
};

namespace {

void* malloc_allocate(void*, std::size_t size, std::size_t* charged) noexcept {
    void* p = std::malloc(size);
    *charged = p ? size : 0;
    return p;
}

void malloc_release(void*, void* block) noexcept { std::free(block); }

constexpr std::size_t kMinBuckets = 64;
constexpr std::size_t kMaxPrefix = 0xffffffffu;

std::uint64_t mix(std::uint64_t h) noexcept {  // murmur3's fmix64
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

// A fast non-cryptographic hash, 8 bytes at a time. It only spreads keys over
// buckets: equality is always decided by comparing the bytes.
std::uint64_t hash_bytes(std::uint64_t h, std::string_view s) noexcept {
    const char* p = s.data();
    std::size_t n = s.size();
    constexpr std::uint64_t k = 0x9e3779b97f4a7c15ULL;
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ (w * k)) * 0x100000001b3ULL;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ ((w + n) * k)) * 0x100000001b3ULL;
    return mix(h ^ s.size());
}

}  // namespace

CacheAllocator malloc_cache_allocator() noexcept { return CacheAllocator{malloc_allocate, malloc_release, nullptr}; }

ResultCache::ResultCache(CacheAllocator allocator, std::uint64_t seed) noexcept : allocator_(allocator), seed_(seed) {}

ResultCache::~ResultCache() { clear(); }

std::size_t ResultCache::entry_size(std::size_t prefix_len, std::size_t body_len, std::size_t value_len) noexcept {
    const std::size_t max = static_cast<std::size_t>(-1);
    std::size_t n = sizeof(Entry);
    if (prefix_len > max - n) return max;
    n += prefix_len;
    if (body_len > max - n) return max;
    n += body_len;
    if (value_len > max - n) return max;
    return n + value_len;
}

std::uint64_t ResultCache::hash(const CacheKey& key) const noexcept {
    std::uint64_t h = mix(seed_ ^ (key.kind + 1));
    h = hash_bytes(h, key.prefix);
    return hash_bytes(h, key.body);
}

ResultCache::Entry* ResultCache::lookup(const CacheKey& key, std::uint64_t h) const noexcept {
    if (!bucket_count_) return nullptr;
    for (Entry* e = buckets_[h & (bucket_count_ - 1)]; e; e = e->chain_next) {
        if (e->hash == h && e->kind == key.kind && e->prefix() == key.prefix && e->body() == key.body) return e;
    }
    return nullptr;
}

void ResultCache::push_front(Entry* e) noexcept {
    e->lru_prev = nullptr;
    e->lru_next = lru_head_;
    if (lru_head_) lru_head_->lru_prev = e;
    lru_head_ = e;
    if (!lru_tail_) lru_tail_ = e;
}

void ResultCache::link_at(Entry** head, Entry* e) noexcept {
    e->chain_next = *head;
    e->chain_link = head;
    if (*head) (*head)->chain_link = &e->chain_next;
    *head = e;
}

void ResultCache::unlink(Entry* e) noexcept {
    // O(1), without walking the chain: evicting a cold entry used to touch
    // every entry before it in its bucket.
    *e->chain_link = e->chain_next;
    if (e->chain_next) e->chain_next->chain_link = e->chain_link;
    (e->lru_prev ? e->lru_prev->lru_next : lru_head_) = e->lru_next;
    (e->lru_next ? e->lru_next->lru_prev : lru_tail_) = e->lru_prev;
}

void ResultCache::release(Entry* e) noexcept {
    CacheStats& s = stats_[e->kind];
    s.entries -= 1;
    s.bytes -= e->charged;
    bytes_ -= e->charged;
    entries_ -= 1;
    allocator_.release(allocator_.state, e);
}

void ResultCache::evict_one() noexcept {
    Entry* e = lru_tail_;
    unlink(e);
    stats_[e->kind].evictions += 1;
    release(e);
}

void ResultCache::free_buckets() noexcept {
    if (!buckets_) return;
    allocator_.release(allocator_.state, buckets_);
    bytes_ -= bucket_charge_;
    buckets_ = nullptr;
    bucket_count_ = 0;
    bucket_charge_ = 0;
}

// Allocates the bucket array, or doubles it once entries outnumber buckets
// twice over, if that fits in the capacity beside `reserve` more bytes
// (otherwise chains grow longer).
bool ResultCache::ensure_buckets(std::size_t reserve) noexcept {
    if (bucket_count_ && entries_ < 2 * bucket_count_) return true;
    const std::size_t count = bucket_count_ ? 2 * bucket_count_ : kMinBuckets;
    if (count > static_cast<std::size_t>(-1) / sizeof(Entry*)) return bucket_count_ != 0;
    std::size_t charged = 0;
    auto** fresh = static_cast<Entry**>(allocator_.allocate(allocator_.state, count * sizeof(Entry*), &charged));
    if (!fresh) return bucket_count_ != 0;
    if (bytes_ - bucket_charge_ + charged + reserve > capacity_) {
        allocator_.release(allocator_.state, fresh);
        return bucket_count_ != 0;
    }
    move_buckets(fresh, count, charged);
    return true;
}

// Moves every entry into `fresh` (`count` buckets, charged `charged`) and
// frees the old bucket array.
void ResultCache::move_buckets(Entry** fresh, std::size_t count, std::size_t charged) noexcept {
    std::memset(fresh, 0, count * sizeof(Entry*));
    for (std::size_t i = 0; i < bucket_count_; ++i) {
        for (Entry* e = buckets_[i]; e;) {
            Entry* next = e->chain_next;
            link_at(&fresh[e->hash & (count - 1)], e);
            e = next;
        }
    }
    if (buckets_) allocator_.release(allocator_.state, buckets_);
    bytes_ = bytes_ - bucket_charge_ + charged;
    buckets_ = fresh;
    bucket_count_ = count;
    bucket_charge_ = charged;
}

// Gives back the buckets of entries that are gone (a lowered capacity): at
// most one bucket per entry (kMinBuckets at least), as growth leaves it. If
// the smaller array cannot be allocated the old one stays.
void ResultCache::shrink_buckets() noexcept {
    if (!entries_) {
        free_buckets();
        return;
    }
    std::size_t count = kMinBuckets;
    while (count * 2 <= entries_) count *= 2;
    if (count >= bucket_count_) return;
    std::size_t charged = 0;
    auto** fresh = static_cast<Entry**>(allocator_.allocate(allocator_.state, count * sizeof(Entry*), &charged));
    if (fresh) move_buckets(fresh, count, charged);
}

void ResultCache::set_capacity(std::size_t capacity) noexcept {
    capacity_ = capacity;
    while (lru_tail_ && bytes_ > capacity_) {
        evict_one();
        // The buckets count against the capacity too: give back those of the
        // entries gone, so that no entry leaves to make room for them.
        if (entries_ < bucket_count_) shrink_buckets();
    }
    if (!entries_ && (bytes_ > capacity_ || capacity_ == 0)) free_buckets();
}

std::optional<std::string_view> ResultCache::find(const CacheKey& key) noexcept { return find(key, hash(key)); }

std::optional<std::string_view> ResultCache::find(const CacheKey& key, std::uint64_t h) noexcept {
    if (capacity_ == 0 || key.kind >= kKinds) return std::nullopt;
    Entry* e = lookup(key, h);
    if (!e) {
        stats_[key.kind].misses += 1;
        return std::nullopt;
    }
    stats_[key.kind].hits += 1;
    if (e != lru_head_) {
        (e->lru_prev ? e->lru_prev->lru_next : lru_head_) = e->lru_next;
        (e->lru_next ? e->lru_next->lru_prev : lru_tail_) = e->lru_prev;
        push_front(e);
    }
    return e->value();
}

bool ResultCache::insert(const CacheKey& key, std::string_view value) noexcept { return insert(key, hash(key), value); }

bool ResultCache::insert(const CacheKey& key, std::uint64_t h, std::string_view value) noexcept {
    if (capacity_ == 0 || key.kind >= kKinds || key.prefix.size() > kMaxPrefix) return false;
    const std::size_t size = entry_size(key.prefix.size(), key.body.size(), value.size());
    if (size > capacity_) return false;
    if (Entry* old = lookup(key, h)) {
        unlink(old);
        release(old);
    }
    std::size_t charged = 0;
    auto* e = static_cast<Entry*>(allocator_.allocate(allocator_.state, size, &charged));
    if (!e) return false;
    if (charged > capacity_) {
        allocator_.release(allocator_.state, e);
        return false;
    }
    // An entry that cannot fit beside the bucket array is not stored, and
    // evicts nothing on its way out.
    if (buckets_ && bucket_charge_ + charged > capacity_) {
        allocator_.release(allocator_.state, e);
        return false;
    }
    while (lru_tail_ && bytes_ + charged > capacity_) evict_one();
    if (bytes_ + charged > capacity_ || !ensure_buckets(charged) || bytes_ + charged > capacity_) {
        // Only the bucket array is left and the entry does not fit beside it.
        allocator_.release(allocator_.state, e);
        if (!entries_) free_buckets();
        return false;
    }
    new (e) Entry{};
    e->hash = h;
    e->charged = charged;
    e->prefix_len = static_cast<std::uint32_t>(key.prefix.size());
    e->body_len = key.body.size();
    e->value_len = value.size();
    e->kind = key.kind;
    char* p = e->bytes();
    if (!key.prefix.empty()) std::memcpy(p, key.prefix.data(), key.prefix.size());
    p += key.prefix.size();
    if (!key.body.empty()) std::memcpy(p, key.body.data(), key.body.size());
    p += key.body.size();
    if (!value.empty()) std::memcpy(p, value.data(), value.size());
    link_at(&buckets_[h & (bucket_count_ - 1)], e);
    push_front(e);
    bytes_ += charged;
    entries_ += 1;
    stats_[key.kind].entries += 1;
    stats_[key.kind].bytes += charged;
    return true;
}

void ResultCache::clear() noexcept {
    while (lru_tail_) {
        Entry* e = lru_tail_;
        unlink(e);
        release(e);
    }
    free_buckets();
}

void ResultCache::reset() noexcept {
    clear();
    for (auto& s : stats_) s = CacheStats{};
}

CacheStats ResultCache::stats(unsigned kind) const noexcept { return kind < kKinds ? stats_[kind] : CacheStats{}; }

}  // namespace toon::core
