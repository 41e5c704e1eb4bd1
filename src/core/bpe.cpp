// BPE merging. Short pieces use tiktoken's own array algorithm (quadratic,
// fastest when small); long pieces use a linked list with a min-heap of
// (rank, position), O(n log n), so a megabyte without any split point stays
// fast. Both apply the same rule and give identical results.
#include "bpe.hpp"

#include <algorithm>
#include <functional>
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
            if (parts[i].rank < best) { best = parts[i].rank; at = i; }
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

}  // namespace

void bpe_encode(const Vocab& v, const unsigned char* p, std::size_t n, std::vector<std::uint32_t>& out) {
    std::uint32_t whole = v.rank(p, n);
    if (whole != kNoRank) { out.push_back(whole); return; }
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
    if (n <= kSmallPiece) {
        std::uint32_t starts[kSmallPiece + 1];
        return merge_small(v, p, n, starts) - 1;
    }
    std::size_t count = 0;
    merge_large(v, p, n, [&](std::uint32_t, std::uint32_t) { ++count; });
    return count;
}

}  // namespace toon::core
