// The per-backend result cache in SQL functions (issue 8; docs/cache.md).
//
// A function whose result depends only on one varlena argument and a few
// options puts cached_text() / cached_int32() around its computation:
//
//   return toon::pg::cached_text(fcinfo, 0, CacheKind::Markdown, options,
//                                [&](text* doc) { return render(doc); });
//
// The argument is identified by its stored bytes, fetched from TOAST but not
// decompressed; the entry holds those bytes and is found only by an exact
// byte comparison (src/core/cache.hpp). The computation runs only on a miss,
// on the detoasted argument, and its result is stored only after it returned,
// so an error or a cancel never leaves an entry behind.
#pragma once

#include "guard.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace toon::pg {

// One row of toon_cache_stats() each.
enum class CacheKind : unsigned { Markdown = 0, TokenCount = 1, Jsonb = 2 };

// Options that, with the argument, decide the result (fixed-size values).
class CacheOptions {
public:
    template <typename T>
    CacheOptions& add(const T& v) {
        static_assert(std::is_trivially_copyable_v<T> && sizeof(T) <= 16);
        if (size_ + sizeof(T) > sizeof(bytes_)) throw std::length_error("too many cache options");
        std::memcpy(bytes_ + size_, &v, sizeof(T));
        size_ += sizeof(T);
        return *this;
    }
    std::string_view view() const { return {bytes_, size_}; }

private:
    char bytes_[48];
    std::size_t size_ = 0;
};

// Defines toon.cache_size and creates the memory context "toon cache".
void init_result_cache();

namespace cache_detail {
// The argument's stored bytes (TOAST chunks fetched, not decompressed).
struct StoredArg {
    struct varlena* raw;
    bool compressed;
};
bool enabled() noexcept;
StoredArg stored_arg(FunctionCallInfo fcinfo, int argno);
// Its content, decompressed if needed, with a 4-byte header (as
// PG_GETARG_JSONB_P would give it; a text view works as well).
text* content(const StoredArg& arg);
text* detoasted_arg(FunctionCallInfo fcinfo, int argno);
// One call's key in the result cache (the kind, a tag and the options as
// its prefix, the argument's stored bytes as its body), built and hashed
// once for the find() and the insert() after a miss.
struct Key {
    unsigned kind;
    char prefix[64];
    std::size_t prefix_size;
    std::string_view body;
    std::uint64_t hash;
};
Key key(CacheKind kind, std::string_view options, const StoredArg& arg) noexcept;
std::optional<std::string_view> find(const Key& key) noexcept;
void insert(const Key& key, std::string_view value) noexcept;
}  // namespace cache_detail

// compute(text* doc) -> text*; returns the (cached) text result as a Datum.
template <typename Compute>
Datum cached_text(FunctionCallInfo fcinfo, int argno, CacheKind kind, const CacheOptions& options, Compute&& compute) {
    using namespace cache_detail;
    if (!enabled()) { return PointerGetDatum(compute(detoasted_arg(fcinfo, argno))); }
    const StoredArg arg = stored_arg(fcinfo, argno);
    const Key k = key(kind, options.view(), arg);
    if (auto hit = find(k)) return PointerGetDatum(make_text(*hit));
    text* result = compute(content(arg));
    insert(k, text_view(result));
    return PointerGetDatum(result);
}

// compute(text* doc) -> int32; returns the (cached) result.
template <typename Compute>
int32 cached_int32(FunctionCallInfo fcinfo, int argno, CacheKind kind, const CacheOptions& options, Compute&& compute) {
    using namespace cache_detail;
    if (!enabled()) { return compute(detoasted_arg(fcinfo, argno)); }
    const StoredArg arg = stored_arg(fcinfo, argno);
    const Key k = key(kind, options.view(), arg);
    if (auto hit = find(k); hit && hit->size() == sizeof(int32)) {
        int32 v;
        std::memcpy(&v, hit->data(), sizeof v);
        return v;
    }
    const int32 result = compute(content(arg));
    insert(k, std::string_view(reinterpret_cast<const char*>(&result), sizeof result));
    return result;
}

}  // namespace toon::pg
