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

-- PostgreSQL fills in default arguments when it plans a query, so an index
-- built under 0.1.0 on toon_is_valid(doc) (expression or WHERE) holds answers
-- of the old default that queries now compare with the new one; a CHECK
-- constraint, a stored generated column or a materialized view holds old
-- answers too. Name them, so that they can be rebuilt (docs/hardening.md, 9).
DO $$
DECLARE
    users text;
BEGIN
    SELECT string_agg(pg_describe_object(classid, objid, objsubid), ', ' ORDER BY pg_describe_object(classid, objid, objsubid))
      INTO users
      FROM pg_depend
     WHERE refclassid = 'pg_proc'::regclass
       AND refobjid = 'toon_is_valid(text, boolean, integer)'::regprocedure
       AND classid <> 'pg_extension'::regclass;
    IF users IS NOT NULL THEN
        RAISE WARNING 'toon_is_valid() now defaults to indent_size 0 (the document''s own indent size) instead of 2'
            USING DETAIL = 'Objects that call toon_is_valid(): ' || users || '. Those that call it without indent_size now get the new default.',
                  HINT = 'Rebuild what holds answers of the old default: REINDEX an index, REFRESH MATERIALIZED VIEW a materialized view, re-validate a CHECK constraint or rewrite a stored generated column (UPDATE t SET col = col).';
    END IF;
END $$;

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

-- toon_agg: rows and values to TOON (toon_agg, toon_object_agg, to_toon(anyelement), toon_token_savings)
CREATE FUNCTION toon_agg_transfn(internal, anyelement) RETURNS internal
    AS 'MODULE_PATHNAME', 'toon_agg_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_agg_transfn(internal, anyelement) IS 'toon_agg() transition function';

CREATE FUNCTION toon_agg_finalfn(internal) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_agg_finalfn(internal) IS 'toon_agg() final function';

CREATE AGGREGATE toon_agg(anyelement) (
    SFUNC = toon_agg_transfn,
    STYPE = internal,
    FINALFUNC = toon_agg_finalfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE toon_agg(anyelement) IS
    'aggregates rows (or values) into a TOON root array, byte-identical to to_toon(json_agg(...)): tabular when the rows are uniform, columns in order, numbers lossless; NULL for no rows';

CREATE FUNCTION toon_object_agg_transfn(internal, text, anyelement) RETURNS internal
    AS 'MODULE_PATHNAME', 'toon_object_agg_transfn' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_object_agg_transfn(internal, text, anyelement) IS 'toon_object_agg() transition function';

CREATE FUNCTION toon_object_agg_finalfn(internal) RETURNS toon
    AS 'MODULE_PATHNAME', 'toon_object_agg_finalfn' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION toon_object_agg_finalfn(internal) IS 'toon_object_agg() final function';

CREATE AGGREGATE toon_object_agg(key text, value anyelement) (
    SFUNC = toon_object_agg_transfn,
    STYPE = internal,
    FINALFUNC = toon_object_agg_finalfn,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE toon_object_agg(text, anyelement) IS
    'aggregates key/value pairs into a TOON root object, byte-identical to to_toon(json_object_agg(key, value)); uniform row values become a keyed table [N:]{fields}:; a repeated key keeps its last value at its first position; NULL for no rows';

CREATE FUNCTION to_toon(value anyelement, delimiter text DEFAULT ',', indent_size integer DEFAULT 2)
    RETURNS toon
    AS 'MODULE_PATHNAME', 'to_toon_any' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION to_toon(anyelement, text, integer) IS
    'encodes one row or value as TOON, types mapped as to_json() maps them (composites -> objects with columns in order, arrays -> arrays, json/jsonb nested, numbers lossless); equals to_toon(to_json(value))';

CREATE FUNCTION toon_token_savings(doc json, encoding text DEFAULT 'o200k_base',
                                   OUT json_pretty_tokens integer, OUT json_compact_tokens integer,
                                   OUT toon_tokens integer,
                                   OUT saved_vs_pretty_pct numeric, OUT saved_vs_compact_pct numeric)
    AS 'MODULE_PATHNAME', 'toon_token_savings' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_token_savings(json, text) IS
    'tokens of doc as JSON.stringify(doc, null, 2), as compact JSON.stringify(doc), and as TOON (to_toon(doc)), and the percentage TOON saves against each (rounded to 0.1); encoding as for toon_token_count';

CREATE FUNCTION toon_to_markdown(doc anyelement, heading_level integer DEFAULT 1, pad boolean DEFAULT true)
    RETURNS text
    AS 'MODULE_PATHNAME', 'toon_to_markdown_any' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION toon_to_markdown(anyelement, integer, boolean) IS
    'renders a row or value as GitHub Flavored Markdown straight from the datum (types mapped as to_toon(anyelement) maps them), without writing and parsing TOON text; same output as toon_to_markdown(to_toon(doc)); toon, text and jsonb arguments keep their own overloads';

-- code health (issue 12): the comment said "indent size 2"; the text is read
-- like toon input, in the document's own indent size.
COMMENT ON FUNCTION toon_to_markdown(text, integer, boolean) IS
    'renders TOON text (decoded strictly, in the document''s own indent size, as toon input reads it) as GitHub Flavored Markdown; same rules as toon_to_markdown(toon)';
