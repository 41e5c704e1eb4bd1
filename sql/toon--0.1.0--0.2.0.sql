-- toon 0.1.0 -> 0.2.0 upgrade script (ALTER EXTENSION toon UPDATE TO '0.2.0').
-- Every object that 0.2.0 adds or changes relative to sql/toon--0.1.0.sql is
-- created or replaced here too; the upgrade test (test/suites, "upgrade")
-- checks that an updated 0.1.0 installation equals a fresh 0.2.0 one.
\echo Use "ALTER EXTENSION toon UPDATE TO '0.2.0'" to load this file. \quit

-- hardening (issue 7, defect 9): toon_is_valid(doc) with its defaults answers
-- exactly what doc::toon accepts: indent_size defaults to 0 (the document's own).
CREATE OR REPLACE FUNCTION toon_is_valid(doc text, strict boolean DEFAULT true, indent_size integer DEFAULT 0)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'toon_is_valid' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_is_valid(text, boolean, integer) IS
    'true when doc is a valid TOON v4 document under the given options; with the defaults (strict, indent_size 0: the document''s own) exactly when doc::toon accepts it; never raises for malformed TOON';

-- cache (issue 8): per-backend result cache
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
