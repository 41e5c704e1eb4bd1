// BPE merging. Short pieces use tiktoken's own array algorithm (quadratic,
// fastest when small); long pieces use a linked list with an indexed min-heap
// of (rank, position), O(n log n) time and 20 bytes of memory a byte, so a
// megabyte without any split point stays fast. Both apply the same rule and
// give identical results.
#include "bpe.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "error.hpp"
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
// A linked list of parts (next, prev) and an indexed min-heap of the parts
// whose pair with the next part is in the vocabulary, ordered by (rank,
// start) like tiktoken's leftmost-lowest rule; a changed rank moves its part
// in place, so the heap never holds stale entries. Five 4-byte arrays a byte
// of the piece, allocated once: kLargePieceBytesPerByte.
template <typename Emit>
void merge_large(const Vocab& v, const unsigned char* p, std::size_t n, Emit&& emit) {
    if (n > kMaxPieceBytes)
        throw Error(ErrorCode::ProgramLimit, "text too long to tokenize without a break",
                    "A run of " + std::to_string(n) +
                        " bytes that is one pre-token (a word, a run of spaces or of punctuation) would need " +
                        std::to_string(kLargePieceBytesPerByte) +
                        " bytes of working memory a byte; the limit is a run of " + std::to_string(kMaxPieceBytes) +
                        " bytes (960 MB of working memory).");
    constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    Poller<1024> poller;
    // Left uninitialized here and filled below, polling: filling 4 x 4 bytes
    // a byte of a 40 MB piece (and faulting its pages in) took a cancel
    // about 300 ms to reach.
    const std::unique_ptr<std::uint32_t[]> next(new std::uint32_t[n + 1]), prev(new std::uint32_t[n + 1]),
        rank(new std::uint32_t[n + 1]), pos(new std::uint32_t[n + 1]);
    std::vector<std::uint32_t> heap;
    heap.reserve(n);
    auto before = [&](std::uint32_t a, std::uint32_t b) { return rank[a] < rank[b] || (rank[a] == rank[b] && a < b); };
    auto place = [&](std::size_t at, std::uint32_t i) {
        heap[at] = i;
        pos[i] = static_cast<std::uint32_t>(at);
    };
    auto sift_up = [&](std::size_t at) {
        const std::uint32_t i = heap[at];
        while (at > 0 && before(i, heap[(at - 1) / 2])) {
            place(at, heap[(at - 1) / 2]);
            at = (at - 1) / 2;
        }
        place(at, i);
    };
    auto sift_down = [&](std::size_t at) {
        const std::uint32_t i = heap[at];
        for (;;) {
            std::size_t c = 2 * at + 1;
            if (c >= heap.size()) break;
            if (c + 1 < heap.size() && before(heap[c + 1], heap[c])) ++c;
            if (!before(heap[c], i)) break;
            place(at, heap[c]);
            at = c;
        }
        place(at, i);
    };
    auto remove = [&](std::uint32_t i) {
        const std::size_t at = pos[i];
        pos[i] = kNone;
        const std::uint32_t last = heap.back();
        heap.pop_back();
        if (at == heap.size()) return;
        place(at, last);
        sift_up(at);
        sift_down(pos[last]);
    };
    // Rank of part i merged with its successor.
    auto pair_rank = [&](std::uint32_t i) {
        std::uint32_t j = next[i];
        if (j >= n) return kNoRank;
        return v.rank(p + i, next[j] - i);
    };
    // Part i's pair rank changed: move, add or remove its heap entry.
    auto rerank = [&](std::uint32_t i) {
        const std::uint32_t old = rank[i];
        rank[i] = pair_rank(i);
        if (pos[i] == kNone) {
            if (rank[i] == kNoRank) return;
            heap.push_back(i);
            sift_up(heap.size() - 1);
        } else if (rank[i] == kNoRank) {
            remove(i);
        } else if (rank[i] < old) {
            sift_up(pos[i]);
        } else {
            sift_down(pos[i]);
        }
    };
    for (std::size_t i = 0; i <= n; ++i) {
        poller.tick();
        next[i] = std::uint32_t(i < n ? i + 1 : n);
        prev[i] = std::uint32_t(i > 0 ? i - 1 : 0);
        rank[i] = kNoRank;
        pos[i] = kNone;
    }
    for (std::uint32_t i = 0; i + 1 < n; ++i) {
        poller.tick();
        rank[i] = pair_rank(i);
        if (rank[i] != kNoRank) {
            pos[i] = static_cast<std::uint32_t>(heap.size());
            heap.push_back(i);
        }
    }
    for (std::size_t at = heap.size() / 2; at-- > 0;) {
        poller.tick();
        sift_down(at);
    }
    while (!heap.empty()) {
        poller.tick();
        const std::uint32_t i = heap[0];
        const std::uint32_t j = next[i];
        next[i] = next[j];
        prev[next[j]] = i;
        if (pos[j] != kNone) remove(j);
        rank[j] = kNoRank;
        rerank(i);
        if (i > 0) rerank(prev[i]);
    }
    for (std::uint32_t i = 0; i < n; i = next[i]) {
        poller.tick();
        emit(i, next[i]);
    }
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
