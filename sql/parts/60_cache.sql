-- Per-backend result cache (docs/cache.md): Markdown, token counts and toon::jsonb
-- of a document already seen by this backend cost a lookup. Size: toon.cache_size.

CREATE FUNCTION toon_cache_stats(OUT cache text, OUT entries bigint, OUT bytes bigint, OUT hits bigint,
                                 OUT misses bigint, OUT evictions bigint, OUT hit_ratio float8)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'toon_cache_stats' LANGUAGE C VOLATILE PARALLEL RESTRICTED ROWS 3;  -- no arguments: STRICT would mean nothing
COMMENT ON FUNCTION toon_cache_stats() IS
    'one row per result cache of this backend (markdown, token_count, jsonb): entries, bytes of memory they take (context "toon cache", bounded by toon.cache_size), hits, misses, evictions and hits / (hits + misses), NULL before any lookup';

CREATE FUNCTION toon_cache_reset() RETURNS void
    AS 'MODULE_PATHNAME', 'toon_cache_reset' LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION toon_cache_reset() IS
    'empties this backend''s result caches and zeroes their counters; results of toon functions never depend on the cache';
