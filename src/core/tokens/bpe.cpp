// BPE merging. Short pieces use tiktoken's own array algorithm (quadratic,
// fastest when small); long pieces use a linked list with a min-heap of
// (rank, position), O(n log n), so a megabyte without any split point stays
// fast. Both apply the same rule and give identical results.
#include "bpe.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <queue>
#include <utility>

#include "interrupt.hpp"

namespace toon::core {

namespace {

constexpr std::size_t kSmallPiece = 192;

// Token start offsets of a piece (n >= 2) of at most kSmallPiece bytes,
// followed by n; returns how many offsets were written.
std::size_t merge_small(const Vocab& v, const unsigned char* p, std::size_t n, std::uint32_t* starts) {
    struct Part {
        std::uint32_t start;
        std::uint32_t rank;  // rank of this part merged with the next one
    };
    Part parts[kSmallPiece + 1];
    std::size_t len = n + 1;
    for (std::size_t i = 0; i + 1 < n; ++i) parts[i] = {std::uint32_t(i), v.rank(p + i, 2)};
    parts[n - 1] = {std::uint32_t(n - 1), kNoRank};
    parts[n] = {std::uint32_t(n), kNoRank};
    auto merged_rank = [&](std::size_t i) {
        if (i + 3 < len) return v.rank(p + parts[i].start, parts[i + 3].start - parts[i].start);
        return kNoRank;
    };
    for (;;) {
        std::uint32_t best = kNoRank;
        std::size_t at = 0;
        for (std::size_t i = 0; i + 1 < len; ++i) {
            if (parts[i].rank < best) {
                best = parts[i].rank;
                at = i;
            }
        }
        if (best == kNoRank) break;
        if (at > 0) parts[at - 1].rank = merged_rank(at - 1);
        parts[at].rank = merged_rank(at);
        std::copy(parts + at + 2, parts + len, parts + at + 1);
        --len;
    }
    for (std::size_t i = 0; i < len; ++i) starts[i] = parts[i].start;
    return len;
}

// Long pieces: calls emit(start, end) for each final token, left to right.
template <typename Emit>
void merge_large(const Vocab& v, const unsigned char* p, std::size_t n, Emit&& emit) {
    std::vector<std::uint32_t> next(n + 1), prev(n + 1), rank(n + 1, kNoRank);
    for (std::size_t i = 0; i <= n; ++i) {
        next[i] = std::uint32_t(i < n ? i + 1 : n);
        prev[i] = std::uint32_t(i > 0 ? i - 1 : 0);
    }
    using Entry = std::pair<std::uint32_t, std::uint32_t>;  // (rank, start)
    std::vector<Entry> heap_storage;
    heap_storage.reserve(n);
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap(std::greater<Entry>(),
                                                                             std::move(heap_storage));
    // Rank of node i merged with its successor.
    auto pair_rank = [&](std::uint32_t i) {
        std::uint32_t j = next[i];
        if (j >= n) return kNoRank;
        return v.rank(p + i, next[j] - i);
    };
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
        rank[i] = pair_rank(i);
        if (rank[i] != kNoRank) heap.push({rank[i], i});
    }
    Poller<1024> poller;
    while (!heap.empty()) {
        auto [r, i] = heap.top();
        heap.pop();
        if (rank[i] != r) continue;  // stale: node merged away or its pair changed
        poller.tick();
        std::uint32_t j = next[i];
        next[i] = next[j];
        prev[next[j]] = i;
        rank[j] = kNoRank;
        rank[i] = pair_rank(i);
        if (rank[i] != kNoRank) heap.push({rank[i], i});
        if (i > 0) {
            std::uint32_t k = prev[i];
            rank[k] = pair_rank(k);
            if (rank[k] != kNoRank) heap.push({rank[k], k});
        }
    }
    for (std::uint32_t i = 0; i < n; i = next[i]) emit(i, next[i]);
}

// Recently merged pieces and their tokens, per thread: words that are not
// single tokens recur, and merging them again costs ten or more lookups.
// Direct-mapped; holds pieces of up to kKeyBytes bytes with up to kIds tokens.
class PieceCache {
public:
    static constexpr std::size_t kKeyBytes = 22;
    static constexpr std::size_t kIds = 7;

    struct Entry {
        const Vocab* vocab;
        std::uint8_t len;
        std::uint8_t count;
        unsigned char key[kKeyBytes];
        std::uint32_t ids[kIds];
    };

    // The entry for this piece: a hit when it holds the piece, else the slot to fill.
    Entry& slot(const Vocab& v, const unsigned char* p, std::size_t n, bool& hit) {
        Entry& e = entries_[(vocab_hash(p, n) >> 20) & (kEntries - 1)];
        hit = e.vocab == &v && e.len == n && same_bytes(e.key, p, n);
        return e;
    }

    static PieceCache& get() {
        thread_local std::unique_ptr<PieceCache> cache;
        if (!cache) cache.reset(new PieceCache());
        return *cache;
    }

private:
    static constexpr std::size_t kEntries = 4096;
    Entry entries_[kEntries] = {};
};

// Fills a cache entry with the tokens of a piece when they fit.
void remember(PieceCache::Entry& e, const Vocab& v, const unsigned char* p, std::size_t n, const std::uint32_t* ids,
              std::size_t count) {
    if (count > PieceCache::kIds) return;
    e.vocab = &v;
    e.len = static_cast<std::uint8_t>(n);
    e.count = static_cast<std::uint8_t>(count);
    std::memcpy(e.key, p, n);
    std::copy(ids, ids + count, e.ids);
}

}  // namespace

void bpe_encode(const Vocab& v, const unsigned char* p, std::size_t n, std::vector<std::uint32_t>& out) {
    std::uint32_t whole = v.rank(p, n);
    if (whole != kNoRank) {
        out.push_back(whole);
        return;
    }
    if (n <= PieceCache::kKeyBytes) {
        bool hit;
        PieceCache::Entry& e = PieceCache::get().slot(v, p, n, hit);
        if (hit) {
            out.insert(out.end(), e.ids, e.ids + e.count);
            return;
        }
        std::uint32_t starts[PieceCache::kKeyBytes + 1];
        std::size_t m = merge_small(v, p, n, starts);
        std::size_t first = out.size();
        for (std::size_t k = 0; k + 1 < m; ++k) out.push_back(v.rank(p + starts[k], starts[k + 1] - starts[k]));
        remember(e, v, p, n, out.data() + first, out.size() - first);
        return;
    }
    if (n <= kSmallPiece) {
        std::uint32_t starts[kSmallPiece + 1];
        std::size_t m = merge_small(v, p, n, starts);
        for (std::size_t k = 0; k + 1 < m; ++k) out.push_back(v.rank(p + starts[k], starts[k + 1] - starts[k]));
        return;
    }
    merge_large(v, p, n, [&](std::uint32_t a, std::uint32_t b) { out.push_back(v.rank(p + a, b - a)); });
}

std::size_t bpe_count(const Vocab& v, const unsigned char* p, std::size_t n) {
    if (v.rank(p, n) != kNoRank) return 1;
    if (n <= PieceCache::kKeyBytes) {
        bool hit;
        PieceCache::Entry& e = PieceCache::get().slot(v, p, n, hit);
        if (hit) return e.count;
        std::uint32_t starts[PieceCache::kKeyBytes + 1], ids[PieceCache::kKeyBytes];
        std::size_t m = merge_small(v, p, n, starts);
        for (std::size_t k = 0; k + 1 < m; ++k) ids[k] = v.rank(p + starts[k], starts[k + 1] - starts[k]);
        remember(e, v, p, n, ids, m - 1);
        return m - 1;
    }
    if (n <= kSmallPiece) {
        std::uint32_t starts[kSmallPiece + 1];
        return merge_small(v, p, n, starts) - 1;
    }
    std::size_t count = 0;
    merge_large(v, p, n, [&](std::uint32_t, std::uint32_t) { ++count; });
    return count;
}

}  // namespace toon::core
