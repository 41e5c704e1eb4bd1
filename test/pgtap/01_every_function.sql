-- Data-driven guard over EVERY function of the extension (pg_proc members of
-- extension toon): a new function that is not IMMUTABLE, not PARALLEL SAFE or
-- has no COMMENT fails here, whoever added it. STRICT functions must return
-- NULL for NULL arguments; non-STRICT ones must not fail with an internal
-- error or crash when given NULLs.
SET client_min_messages = warning;
BEGIN;
SELECT * FROM no_plan();

-- Functions that may be STABLE instead of IMMUTABLE, with the reason.
-- (Empty: every function of toon depends only on its arguments.)
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

-- NULL arguments. Functions taking pseudo-types (cstring/internal: type I/O
-- support) and aggregates are exercised through the type instead; functions
-- without arguments have none to be NULL.
SELECT is(pg_temp.call_with_nulls(oid), 'null', sig || ' is STRICT and returns NULL (or no row) for NULL arguments')
  FROM toon_functions
 WHERE proisstrict AND prokind = 'f' AND cardinality(argtypes) > 0
   AND NOT EXISTS (SELECT 1 FROM unnest(argtypes) t JOIN pg_type ty ON ty.oid = t WHERE ty.typtype = 'p')
 ORDER BY sig;

SELECT ok(pg_temp.call_with_nulls(oid) !~ '^error (XX|58)', sig || ' (not STRICT) handles NULL arguments without an internal error: '
          || pg_temp.call_with_nulls(oid))
  FROM toon_functions
 WHERE NOT proisstrict AND prokind = 'f'
   AND NOT EXISTS (SELECT 1 FROM unnest(argtypes) t JOIN pg_type ty ON ty.oid = t WHERE ty.typtype = 'p')
 ORDER BY sig;

SELECT * FROM finish();
ROLLBACK;
