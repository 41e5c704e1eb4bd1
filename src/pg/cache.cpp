// The per-backend result cache in PostgreSQL: the GUC toon.cache_size, the
// memory context "toon cache" behind the core's ResultCache, argument keys
// from stored bytes, and toon_cache_stats() / toon_cache_reset().
// Design and key reasoning: docs/cache.md.
#include "cache.hpp"

#include <algorithm>
#include <climits>
#include <new>

extern "C" {
#include "access/detoast.h"
#include "funcapi.h"
#include "utils/guc.h"
#include "utils/tuplestore.h"
}

#include "../core/cache.hpp"

namespace toon::pg {

namespace {

MemoryContext g_context = nullptr;
int g_cache_size_kb = 16 * 1024;

// Every block is requested at least this large, above the context's chunk
// limit (128 bytes with 1 kB blocks), so each entry is a block of its own:
// freeing it returns the memory at once and the block's whole size shows in
// the context's mem_allocated, which is what we charge.
constexpr std::size_t kMinBlock = 256;

void* context_allocate(void*, std::size_t size, std::size_t* charged) noexcept {
    size = std::max(size, kMinBlock);
    if (!g_context || size > MaxAllocSize) return nullptr;
    const Size before = MemoryContextMemAllocated(g_context, false);
    void* p = MemoryContextAllocExtended(g_context, size, MCXT_ALLOC_NO_OOM);
    if (!p) return nullptr;
    const Size after = MemoryContextMemAllocated(g_context, false);
    *charged = after > before ? after - before : GetMemoryChunkSpace(p);
    return p;
}

void context_release(void*, void* block) noexcept { pfree(block); }

// Built on first use and never destroyed (no destructor runs at process exit).
core::ResultCache& result_cache() {
    alignas(core::ResultCache) static unsigned char storage[sizeof(core::ResultCache)];
    static core::ResultCache* cache = [] {
        std::uint64_t seed = 0;
        if (!pg_strong_random(&seed, sizeof seed)) seed = static_cast<std::uint64_t>(MyProcPid) * 0x9e3779b97f4a7c15ULL;
        return new (storage) core::ResultCache(core::CacheAllocator{context_allocate, context_release, nullptr}, seed);
    }();
    return *cache;
}

std::size_t capacity_bytes(int kb) { return static_cast<std::size_t>(std::max(kb, 0)) * 1024; }

// Assign hook: evicts, and may move the bucket array into a smaller one
// allocated with MCXT_ALLOC_NO_OOM (on failure the old one stays); nothing in
// it can raise (noexcept), so it is safe wherever GUCs are assigned,
// transaction abort included.
void assign_cache_size(int newval, void*) { result_cache().set_capacity(capacity_bytes(newval)); }

const char* const kCacheNames[] = {"markdown", "token_count", "jsonb"};

}  // namespace

void init_result_cache() {
    g_context = AllocSetContextCreate(TopMemoryContext, "toon cache", 0, 1024, 1024);
    DefineCustomIntVariable(
        "toon.cache_size",
        "Memory for this backend's cache of toon results (Markdown, token counts, toon::jsonb); 0 disables "
        "it.",
        "Results are looked up by the exact stored bytes of the argument; lowering the size evicts at once.",
        &g_cache_size_kb, 16 * 1024, 0, MAX_KILOBYTES, PGC_USERSET, GUC_UNIT_KB, nullptr, assign_cache_size, nullptr);
    // toon.* names are ours: a misspelt setting (toon.cache_sise) is an error, not a silent placeholder.
    MarkGUCPrefixReserved("toon");
}

namespace cache_detail {

bool enabled() noexcept { return result_cache().capacity() != 0; }

StoredArg stored_arg(FunctionCallInfo fcinfo, int argno) {
    auto* v = reinterpret_cast<struct varlena*>(PG_GETARG_POINTER(argno));
    struct varlena* raw = pg_call([&] {
        if (VARATT_IS_EXTERNAL_ONDISK(v)) return detoast_external_attr(v);  // chunks fetched, still compressed
        if (VARATT_IS_EXTERNAL(v)) return detoast_attr(v);  // in memory (indirect, expanded): its content
        return v;
    });
    return StoredArg{raw, VARATT_IS_COMPRESSED(raw) != 0};
}

text* content(const StoredArg& arg) {
    return pg_call([&] { return reinterpret_cast<text*>(pg_detoast_datum(arg.raw)); });
}

text* detoasted_arg(FunctionCallInfo fcinfo, int argno) {
    auto* v = reinterpret_cast<struct varlena*>(PG_GETARG_POINTER(argno));
    return pg_call([&] { return reinterpret_cast<text*>(pg_detoast_datum(v)); });
}

namespace {

// The key body: a compressed value's whole varlena (its header holds the
// method and the raw size, so equal bytes decompress to equal content), or a
// plain value's content. The prefix gets a tag for which of the two it is.
std::string_view key_body(const StoredArg& arg) {
    if (arg.compressed) return {reinterpret_cast<const char*>(arg.raw), VARSIZE(arg.raw)};
    return {VARDATA_ANY(arg.raw), VARSIZE_ANY_EXHDR(arg.raw)};
}

core::CacheKey cache_key(const Key& k) { return core::CacheKey{k.kind, {k.prefix, k.prefix_size}, k.body}; }

}  // namespace

Key key(CacheKind kind, std::string_view options, const StoredArg& arg) noexcept {
    Key k;
    k.kind = static_cast<unsigned>(kind);
    k.prefix[0] = arg.compressed ? 'c' : 'p';
    k.prefix_size = 1 + std::min(options.size(), sizeof k.prefix - 1);
    std::memcpy(k.prefix + 1, options.data(), k.prefix_size - 1);
    k.body = key_body(arg);
    k.hash = result_cache().hash(cache_key(k));
    return k;
}

std::optional<std::string_view> find(const Key& k) noexcept { return result_cache().find(cache_key(k), k.hash); }

void insert(const Key& k, std::string_view value) noexcept { result_cache().insert(cache_key(k), k.hash, value); }

}  // namespace cache_detail

}  // namespace toon::pg

// toon_cache_stats() -> TABLE(cache, entries, bytes, hits, misses, evictions, hit_ratio)
TOON_FUNCTION(toon_cache_stats) {
    toon::pg::pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
    auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
    const auto& cache = toon::pg::result_cache();
    for (unsigned k = 0; k < std::size(toon::pg::kCacheNames); ++k) {
        const toon::core::CacheStats s = cache.stats(k);
        Datum values[7];
        bool nulls[7] = {false, false, false, false, false, false, false};
        text* name = toon::pg::make_text(toon::pg::kCacheNames[k]);
        values[0] = PointerGetDatum(name);
        values[1] = Int64GetDatum(static_cast<int64>(s.entries));
        values[2] = Int64GetDatum(static_cast<int64>(s.bytes));
        values[3] = Int64GetDatum(static_cast<int64>(s.hits));
        values[4] = Int64GetDatum(static_cast<int64>(s.misses));
        values[5] = Int64GetDatum(static_cast<int64>(s.evictions));
        const std::uint64_t lookups = s.hits + s.misses;
        if (lookups) values[6] = Float8GetDatum(static_cast<double>(s.hits) / static_cast<double>(lookups));
        else nulls[6] = true;
        toon::pg::pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
    }
    return (Datum)0;
}

// toon_cache_reset() -> void: drops every entry and zeroes the counters.
TOON_FUNCTION(toon_cache_reset) {
    toon::pg::result_cache().reset();
    PG_RETURN_VOID();
}
