-- toon_agg(), toon_object_agg(), to_toon(anyelement), toon_token_savings().
-- The oracle throughout is the JSON path: toon_agg(x) must be byte-identical
-- to to_toon(json_agg(x)), toon_object_agg(k, v) to
-- to_toon(json_object_agg(k, v)) and to_toon(x) to to_toon(to_json(x)).
SET timezone = 'UTC';
SET extra_float_digits = 1;

-- Every mapped type, NULLs, column order (not alphabetical), domains.
CREATE DOMAIN agg_posint AS int CHECK (VALUE > 0);
CREATE DOMAIN agg_short AS varchar(20);
CREATE TYPE agg_pt AS (y numeric, x int);
CREATE TYPE agg_box AS (lo agg_pt, hi agg_pt, tags text[]);
CREATE DOMAIN agg_ptd AS agg_pt;
CREATE TABLE agg_every (
    z_first int, i2 smallint, i8 bigint, n numeric, r real, d8 double precision,
    b boolean, t text, vc varchar(5), c char(4), nm name, dpos agg_posint, dtext agg_short,
    dt date, ts timestamp, tz timestamptz, iv interval, tm time, u uuid, by bytea,
    j json, jb jsonb, ia int[], ta text[], m2 int[][], comp agg_pt, nested agg_box, dcomp agg_ptd,
    comps agg_pt[], inet_ inet, bits bit(3), e_first text
);
INSERT INTO agg_every VALUES
  (1, -32768, 9223372036854775807, 12345678901234567890.123456789012345678900, 1.5, 0.1,
   true, 'plain', 'ab', 'c', 'nm', 7, 'dom text',
   '2024-02-29', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+02', '1 day 2 hours', '12:34:56', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\x00ff',
   '{"b":1,"a":[1,{"c":null}],"b":2}', '{"b":1,"a":[1.50,true]}', '{1,NULL,3}', '{"x,y","","null","42"}', '{{1,2},{3,4}}',
   '(2.50,1)', '("(1,2)","(3,4)","{a,b}")', '(9,9)', '{"(1,2)","(3,4)"}', '10.0.0.1/8', B'101', 'last'),
  (2, NULL, -1, 'NaN', 'Infinity', '-Infinity', false, '', NULL, NULL, NULL, NULL, NULL,
   'infinity', '-infinity', NULL, NULL, NULL, NULL, NULL,
   'null', '[]', '{}', '{}', NULL, NULL, ROW(NULL, NULL, NULL), NULL, '{NULL}', NULL, NULL, 'a: b'),
  (3, 0, 0, -0.000001, -0.0, 1e300, NULL, E'line\nbreak "quoted" \\ tab\t', 'true', '-', 'x', 1, '  pad ',
   '0001-01-01', '2000-01-01', '1999-12-31 23:59:59.999+14', '-1 sec', '00:00', NULL, '\x',
   '1e2', '"str"', '{-5}', '{"- item"}', '{{5,6}}', '(0,0)', NULL, NULL, '{}', '::1', B'000', '#hash');

SELECT toon_agg(e ORDER BY z_first) FROM agg_every e;
SELECT toon_agg(e ORDER BY z_first)::text = to_toon(json_agg(e ORDER BY z_first))::text AS same_as_json_path FROM agg_every e;
-- one column at a time, agg_every type
DO $$
DECLARE col text; bad text := '';
BEGIN
  FOR col IN SELECT attname FROM pg_attribute WHERE attrelid = 'agg_every'::regclass AND attnum > 0 ORDER BY attnum LOOP
    EXECUTE format('SELECT CASE WHEN toon_agg(%1$I ORDER BY z_first)::text IS NOT DISTINCT FROM to_toon(json_agg(%1$I ORDER BY z_first))::text THEN %2$L ELSE %3$L END FROM agg_every',
                   col, '', col || ' ') INTO STRICT col;
    bad := bad || col;
  END LOOP;
  RAISE NOTICE 'columns differing from the JSON path: [%]', bad;
END $$;

-- Scalars, a tabular result, column order kept, ORDER BY inside the call.
SELECT toon_agg(z_first ORDER BY z_first DESC) FROM agg_every;
SELECT toon_agg(x ORDER BY x.i8) FROM (SELECT e_first, i8, z_first FROM agg_every) x;
SELECT toon_agg(x) FROM (SELECT 'v' || g AS zeta, g AS alpha, g * 1.5 AS mid FROM generate_series(1, 3) g) x;
-- nested field groups for composite columns; expanded list when not uniform
SELECT toon_agg(x) FROM (SELECT g AS id, ROW(g, g + 1)::agg_pt AS p FROM generate_series(1, 2) g) x;
SELECT toon_agg(x) FROM (SELECT g AS id, CASE WHEN g = 1 THEN ROW(1, 2)::agg_pt END AS p FROM generate_series(1, 2) g) x;
-- big numbers keep agg_every digit
SELECT toon_agg(v) FROM (VALUES (123456789012345678901234567890.000000000000000000001::numeric), (1e-30), (-0.0)) s(v);
-- NULL rows and NULL values
SELECT toon_agg(v) FROM (VALUES (1), (NULL), (3)) s(v);
SELECT toon_agg(x) FROM (VALUES (1, NULL::text), (NULL, 'b')) x(a, b);
SELECT toon_agg(NULL::int) FROM generate_series(1, 2);
-- empty input -> NULL, like json_agg
SELECT toon_agg(e) IS NULL AS empty_is_null, json_agg(e) IS NULL AS json_agg_too FROM agg_every e WHERE false;
SELECT toon_object_agg(t, z_first) IS NULL AS empty_is_null FROM agg_every WHERE false;
-- anonymous records, arrays of records, multi-dimensional arrays
SELECT toon_agg(ROW(g, 'x' || g)) FROM generate_series(1, 2) g;
SELECT toon_agg(ARRAY[ROW(g, 'a')::text, 'b']) FROM generate_series(1, 2) g;
SELECT toon_agg(ARRAY[[g, g], [g, g]]) FROM generate_series(1, 2) g;
-- a toon column goes through its cast to json (nested, like to_json does)
SELECT toon_agg(x) FROM (SELECT 1 AS id, 'a: 1'::toon AS doc) x;
SELECT toon_agg(x)::text = to_toon(json_agg(x))::text AS toon_cast_same FROM (SELECT 1 AS id, 'a[2]: 1,2'::toon AS doc) x;
-- GROUP BY (hash and sort), window use, a parallel-safe plan
SELECT k, toon_agg(v ORDER BY v) FROM (VALUES (1, 'a'), (2, 'b'), (1, 'c')) s(k, v) GROUP BY k ORDER BY k;
SELECT v, toon_agg(v) OVER (ORDER BY v) FROM (VALUES (1), (2), (3)) s(v);

-- to_toon(anyelement): one row or value; equals to_toon(to_json(x)).
SELECT to_toon(e) FROM agg_every e WHERE z_first = 1;
SELECT bool_and(to_toon(e)::text = to_toon(to_json(e))::text) AS rows_same FROM agg_every e;
SELECT to_toon(42), to_toon('text'::text), to_toon(ARRAY[1, 2]), to_toon(ROW(1.5, 2)::agg_pt);
SELECT to_toon(x, '|', 4) FROM (SELECT 1 AS a, ARRAY[ROW(1, 2)::agg_pt, ROW(3, 4)::agg_pt] AS ps) x;
-- overloads: json and jsonb still pick their own to_toon, unknown stays
-- ambiguous exactly as before to_toon(anyelement) existed (json vs jsonb)
SELECT to_toon('{"b":1,"a":1,"b":2}'::json) AS json_one, to_toon('{"b":1,"a":1}'::jsonb) AS jsonb_one;
SELECT p.oid::regprocedure FROM pg_proc p WHERE p.proname = 'to_toon' ORDER BY 1::text COLLATE "C";
SELECT to_toon('{"a":1}');
SELECT to_toon(NULL::int) IS NULL AS strict;
SELECT to_toon(1, 'x');

-- toon_object_agg: keyed object; uniform rows -> keyed table [N:]{...}:
SELECT toon_object_agg(name, x) FROM (SELECT 'r' || g AS name, g AS id, g * 2 AS twice FROM generate_series(1, 3) g) x;
SELECT toon_object_agg(k, v) FROM (VALUES ('b', 1), ('a', 2), ('b', 3)) s(k, v);
SELECT toon_object_agg(k, v)::text = to_toon(json_object_agg(k, v))::text AS same
  FROM (VALUES ('b', 1), ('a', 2), ('b', 3), ('key with space', NULL)) s(k, v);
SELECT toon_object_agg(k, v) FROM (VALUES ('a', 1), (NULL, 2)) s(k, v);

-- Differential: random tables of random column types, toon_agg vs the JSON path.
SELECT setseed(0.42);
CREATE FUNCTION agg_random_value(typ text) RETURNS text LANGUAGE sql VOLATILE AS $$
  SELECT CASE WHEN random() < 0.1 THEN 'NULL' ELSE CASE typ
    WHEN 'int' THEN (floor(random() * 2000000) - 1000000)::int::text
    WHEN 'bigint' THEN (floor(random() * 9e18) - 4.5e18)::bigint::text
    WHEN 'numeric' THEN quote_literal(round(((random() - 0.5) * 10 ^ floor(random() * 30)::int)::numeric, floor(random() * 12)::int)::text) || '::numeric'
    WHEN 'float8' THEN quote_literal((ARRAY['0.1','-2.5e-9','1e300','NaN','3.14159'])[1 + floor(random() * 5)::int]) || '::float8'
    WHEN 'boolean' THEN (random() < 0.5)::text
    WHEN 'text' THEN quote_literal((ARRAY['', 'a', 'null', '42', '-x', 'a,b', 'a: b', 'say "hi"', ' pad', 'é ü', '[1]', '#', 'true'])[1 + floor(random() * 13)::int])
    WHEN 'date' THEN quote_literal(date '2000-01-01' + floor(random() * 10000)::int) || '::date'
    WHEN 'timestamptz' THEN quote_literal(timestamptz '2020-01-01' + random() * interval '1000 days') || '::timestamptz'
    WHEN 'int[]' THEN 'ARRAY[' || floor(random() * 9)::int || ',' || floor(random() * 9)::int || ']'
    WHEN 'jsonb' THEN quote_literal((ARRAY['{"a":1}', '[1,2]', '"s"', '{}', '[{"x":1},{"x":2}]'])[1 + floor(random() * 5)::int]) || '::jsonb'
    WHEN 'agg_pt' THEN 'ROW(' || round(random()::numeric, 2) || ',' || floor(random() * 9)::int || ')::agg_pt'
  END END
$$;
DO $$
DECLARE
  types text[] := ARRAY['int', 'bigint', 'numeric', 'float8', 'boolean', 'text', 'date', 'timestamptz', 'int[]', 'jsonb', 'agg_pt'];
  ncols int; nrows int; cols text; vals text; r int; c int; same boolean; tables int := 0; failures int := 0; colt text[];
BEGIN
  FOR tbl IN 1..60 LOOP
    ncols := 1 + floor(random() * 6)::int;
    nrows := floor(random() * 12)::int;
    colt := '{}';
    cols := '';
    FOR c IN 1..ncols LOOP
      colt := colt || types[1 + floor(random() * array_length(types, 1))::int];
      cols := cols || CASE WHEN c > 1 THEN ', ' ELSE '' END || 'c' || (ncols - c) || ' ' || colt[c];
    END LOOP;
    EXECUTE 'DROP TABLE IF EXISTS agg_rnd; CREATE TEMP TABLE agg_rnd (' || cols || ')';
    FOR r IN 1..nrows LOOP
      vals := '';
      FOR c IN 1..ncols LOOP
        vals := vals || CASE WHEN c > 1 THEN ', ' ELSE '' END || agg_random_value(colt[c]);
      END LOOP;
      EXECUTE 'INSERT INTO agg_rnd VALUES (' || vals || ')';
    END LOOP;
    EXECUTE 'SELECT (toon_agg(t)::text IS NOT DISTINCT FROM to_toon(json_agg(t))::text)
                    AND coalesce(bool_and(to_toon(t)::text = to_toon(to_json(t))::text), true)
                    AND coalesce(bool_and(toon_to_markdown(t) = toon_to_markdown(to_toon(t))), true)
               FROM agg_rnd t' INTO same;
    tables := tables + 1;
    IF NOT same THEN failures := failures + 1; RAISE NOTICE 'differs: %', cols; END IF;
  END LOOP;
  RAISE NOTICE 'random tables: %, differing from to_toon(json_agg(t)): %', tables, failures;
END $$;

-- toon_to_markdown(anyelement): rendered from the row, same as through TOON text.
SELECT toon_to_markdown(x) FROM (SELECT 1 AS id, 'a|b' AS name, ARRAY[ROW(1, 2)::agg_pt, ROW(3, 4)::agg_pt] AS pts) x;
SELECT bool_and(toon_to_markdown(e) = toon_to_markdown(to_toon(e))) AS rows_same,
       bool_and(toon_to_markdown(e, 0, false) = toon_to_markdown(to_toon(e), 0, false)) AS options_same
  FROM agg_every e;
SELECT toon_to_markdown(to_toon(x)) = toon_to_markdown(x) AS table_same
  FROM (SELECT array_agg(e ORDER BY z_first) AS rows FROM agg_every e) x;
-- overloads: toon, text (also an untyped literal) and jsonb keep their own
SELECT toon_to_markdown('a: 1') AS literal_is_toon_text, toon_to_markdown('{"b":1,"a":2}'::jsonb) AS jsonb_order,
       toon_to_markdown('{"b":1,"a":2}'::json) AS json_order;
SELECT toon_to_markdown(1, 7);

-- toon_token_savings: pretty = JSON.stringify(doc, null, 2), compact = JSON.stringify(doc)
SELECT * FROM toon_token_savings('[{"id":1,"name":"alice","role":"admin"},{"id":2,"name":"bob","role":"user"}]');
SELECT json_pretty_tokens = toon_token_count(E'[\n  {\n    "a": 1,\n    "b": []\n  }\n]') AS pretty_layout,
       json_compact_tokens = toon_token_count('[{"a":1,"b":[]}]') AS compact_layout,
       toon_tokens = toon_token_count(to_toon('[{"a":1,"b":[]}]'::json)) AS toon_layout
  FROM toon_token_savings('[ {"a" : 1, "b": [ ]} ]');
SELECT * FROM toon_token_savings('{}', 'cl100k_base');
SELECT * FROM toon_token_savings('{"a":1}', 'no_such_encoding');
SELECT * FROM toon_token_savings('{"a":');
-- A repeated column name is one member with the last value at the first
-- position, as to_toon(to_json(row)) gives: TOON has no duplicate keys, so
-- every result reads back.
SELECT to_toon(s) AS toon, to_toon(s)::text = to_toon(to_json(s))::text AS as_json, to_toon(s)::json AS reads_back
  FROM (SELECT 1 AS a, 2 AS a, 3 AS b) s;
SELECT toon_agg(s)::text = to_toon(json_agg(s))::text AS as_json, toon_agg(s)::json AS reads_back
  FROM (SELECT g AS a, 'x' AS b, g * 10 AS a, 2 AS b FROM generate_series(1, 2) g) s;
SELECT toon_object_agg(k, s)::text = to_toon(json_object_agg(k, s))::text AS as_json
  FROM (SELECT 'k' || g AS k, g AS x, g * 10 AS x FROM generate_series(1, 2) g) s;
SELECT toon_to_markdown(s) = toon_to_markdown(to_toon(to_json(s))) AS as_json FROM (SELECT 1 AS a, 2 AS a) s;
-- A record nested in a record of the same shape (both anonymous: one row
-- type) keeps its own values: the inner one must not overwrite the outer's.
SELECT to_toon(r)::json::text = to_json(r)::text AS nested_same, to_toon(r) AS toon
  FROM (SELECT ROW(1, ROW(2, NULL::record, 'inner'), 'outer') AS r) s;
SELECT to_toon(r)::json::text = to_json(r)::text AS in_array_same
  FROM (SELECT ROW(1, ARRAY[ROW(2, NULL::record[], 'in1'), ROW(3, NULL::record[], 'in2')], 'outer') AS r) s;
SELECT toon_agg(r)::text = to_toon(json_agg(r))::text AS agg_same, toon_to_markdown(r) AS markdown
  FROM (SELECT ROW(1, ROW(2, NULL::record, 'inner'), 'outer') AS r) s GROUP BY r;
-- A row type that changes within one query (ALTER TABLE in a function called
-- per row) is read with its columns as they are now, as to_json does.
CREATE TABLE agg_altered (a int, b text);
INSERT INTO agg_altered VALUES (1, 'hello');
CREATE FUNCTION agg_altered_row(i int) RETURNS agg_altered LANGUAGE plpgsql AS $$
DECLARE r agg_altered;
BEGIN
    IF i = 2 THEN ALTER TABLE agg_altered ALTER COLUMN b TYPE int USING 1073741824; END IF;
    IF i = 3 THEN ALTER TABLE agg_altered ADD COLUMN c text DEFAULT 'new'; END IF;
    SELECT * INTO r FROM agg_altered;
    RETURN r;
END $$;
SELECT i, to_toon(r)::json::text = to_json(r)::text AS same, to_toon(r) AS toon
  FROM (SELECT i, agg_altered_row(i) AS r FROM generate_series(1, 3) i OFFSET 0) s;
DROP TABLE agg_altered CASCADE;
