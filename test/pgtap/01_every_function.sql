-- Data-driven guard over EVERY function of the extension (pg_proc members of
-- extension toon): a new function that is not IMMUTABLE, not PARALLEL SAFE or
-- has no COMMENT fails here, whoever added it. Every plain function must be
-- STRICT (pg_proc.proisstrict: PostgreSQL then returns NULL for a NULL
-- argument without calling it, like the built-ins) unless it is listed in
-- not_strict below with the result it must give for all-NULL arguments, which
-- is then checked by calling it.
SET client_min_messages = warning;
BEGIN;
SELECT * FROM no_plan();

-- Functions that may be STABLE instead of IMMUTABLE, with the reason.
CREATE TEMP TABLE stable_allowed (sig text PRIMARY KEY, reason text NOT NULL);
-- toon_agg: rows are mapped as to_json() maps them (STABLE in PostgreSQL too):
-- timestamptz text depends on TimeZone, other types' output functions on
-- settings (extra_float_digits, lc_monetary, IntervalStyle, ...).
INSERT INTO stable_allowed
SELECT sig, 'maps values like to_json(): timestamptz and output functions depend on settings'
  FROM unnest(ARRAY['to_toon(anyelement,text,integer)', 'toon_agg_transfn(internal,anyelement)',
                    'toon_object_agg_transfn(internal,text,anyelement)',
                    'toon_to_markdown(anyelement,integer,boolean)']) sig;

-- Functions about this backend's own state: VOLATILE and PARALLEL RESTRICTED
-- (a parallel worker would see or change its own cache, not the leader's).
CREATE TEMP TABLE backend_state_allowed (sig text PRIMARY KEY, reason text NOT NULL);
INSERT INTO backend_state_allowed VALUES
    ('toon_cache_stats()', 'reports the counters of this backend''s result cache, which change with every call'),
    ('toon_cache_reset()', 'empties this backend''s result cache');

-- Functions that may be non-STRICT, with what a call with every argument NULL
-- must return ('null', 'value' or 'error <SQLSTATE>: <message>', as
-- call_with_nulls() reports it) and the reason.
CREATE TEMP TABLE not_strict (sig text PRIMARY KEY, with_nulls text NOT NULL, reason text NOT NULL);
-- Aggregate support functions take `internal` (so they are not called here:
-- their NULL behaviour is checked through the aggregates in sql/agg.sql):
-- a NULL row or value is an element (null) of the result, and a NULL state
-- (no input rows) gives NULL like json_agg.
INSERT INTO not_strict VALUES
    ('toon_agg_transfn(internal,anyelement)', 'null', 'a NULL value becomes a null element'),
    ('toon_agg_finalfn(internal)', 'null', 'no rows (NULL state) gives NULL like json_agg'),
    ('toon_object_agg_transfn(internal,text,anyelement)', 'null', 'a NULL value becomes null; a NULL key raises 22023'),
    ('toon_object_agg_finalfn(internal)', 'null', 'no rows (NULL state) gives NULL like json_object_agg');

CREATE TEMP VIEW toon_functions AS
SELECT p.oid, p.oid::regprocedure::text AS sig, p.prokind, p.provolatile, p.proisstrict,
       p.proparallel, p.proargtypes::oid[] AS argtypes
  FROM pg_proc p
  JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
  JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'toon';

-- Calls function `fn` with every argument NULL; returns 'null' (no row, or
-- only NULL results, so set-returning functions count too), 'value' or
-- 'error <SQLSTATE>: <message>'.
CREATE FUNCTION pg_temp.call_with_nulls(fn oid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    args text;
    n bigint;
BEGIN
    SELECT string_agg(format('NULL::%s', format_type(t, NULL)), ', ' ORDER BY i)
      INTO args
      FROM unnest((SELECT proargtypes::oid[] FROM pg_proc WHERE oid = fn)) WITH ORDINALITY AS a(t, i);
    EXECUTE format('SELECT count(*) FILTER (WHERE NOT (x IS NULL)) FROM (SELECT %s(%s) AS x) s',
                   fn::regproc, coalesce(args, '')) INTO n;
    RETURN CASE WHEN n = 0 THEN 'null' ELSE 'value' END;
EXCEPTION WHEN OTHERS THEN
    RETURN format('error %s: %s', SQLSTATE, SQLERRM);
END $$;

SELECT cmp_ok((SELECT count(*)::int FROM toon_functions), '>=', 4,
              'extension toon has its functions (type I/O at least)');

SELECT ok(provolatile = 'i' OR (provolatile = 's' AND sig IN (SELECT sig FROM stable_allowed))
          OR (provolatile = 'v' AND sig IN (SELECT sig FROM backend_state_allowed)),
          sig || ' is IMMUTABLE (volatility ' || provolatile::text || ')')
  FROM toon_functions ORDER BY sig;

SELECT ok(proparallel = 's' OR (proparallel = 'r' AND sig IN (SELECT sig FROM backend_state_allowed)),
          sig || ' is PARALLEL SAFE (proparallel ' || proparallel::text || ')')
  FROM toon_functions ORDER BY sig;

SELECT ok(coalesce(btrim(obj_description(oid, 'pg_proc')), '') <> '', sig || ' has a COMMENT')
  FROM toon_functions ORDER BY sig;

-- NULL arguments. A STRICT function is never called with a NULL argument, so
-- calling one with NULLs proves nothing: what can fail is the flag itself.
-- Functions without arguments have none to be NULL.
SELECT ok(proisstrict OR sig IN (SELECT sig FROM not_strict),
          sig || ' is STRICT (or listed in not_strict with its NULL behaviour)')
  FROM toon_functions
 WHERE prokind = 'f' AND cardinality(argtypes) > 0
 ORDER BY sig;

-- A listed function must really be non-STRICT (else the entry is stale) ...
SELECT ok(NOT proisstrict, sig || ' is listed in not_strict and is not STRICT')
  FROM toon_functions WHERE sig IN (SELECT sig FROM not_strict) ORDER BY sig;

-- ... and give its declared result for all-NULL arguments (functions taking
-- pseudo-types, cstring/internal type support, are exercised through the type).
SELECT is(pg_temp.call_with_nulls(f.oid), n.with_nulls, f.sig || ' (not STRICT) with NULL arguments: ' || n.reason)
  FROM toon_functions f JOIN not_strict n USING (sig)
 WHERE NOT EXISTS (SELECT 1 FROM unnest(f.argtypes) t JOIN pg_type ty ON ty.oid = t WHERE ty.typtype = 'p')
 ORDER BY f.sig;

SELECT * FROM finish();
ROLLBACK;
