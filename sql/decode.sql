-- Malformed toon literals: one per line, covering every strict-mode error
-- class of the TOON v4 spec (§14), bad UTF-8 and bad options. Each shows its
-- SQLSTATE, message and detail (line, column, what was expected).
\set SHOW_CONTEXT never

-- What a user sees.
SELECT E'a: 1\n  b: 2'::toon;
SELECT 'tags[3]: a,b'::toon;
SELECT toon_to_json('x: 1', indent_size => -1);

-- The error of casting `doc` to toon, or 'ok'.
CREATE FUNCTION pg_temp.toon_error(doc text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
BEGIN
    PERFORM doc::toon;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ' ' || SQLERRM || ': ' || detail;
END $$;

-- Inputs are shown with \n and \t spelled out.
SELECT replace(replace(doc, E'\n', '\n'), E'\t', '\t') AS input, pg_temp.toon_error(doc) AS error
FROM (VALUES
    -- §14.1 counts and widths
    ('tags[2]: a,b,c'),
    (E'items[2]:\n  - a'),
    (E'items[1]:\n  - a\n  - b'),
    (E'items[2]{id}:\n  1'),
    (E'items[1]{id}:\n  1\n  2'),
    (E'items[1]{id,name}:\n  1'),
    (E'orders[1]{id,customer{name,country}}:\n  1,Ada'),
    (E'm[2:]{v}:\n  a: 1'),
    (E'm[1:]{a,b}:\n  k: 1'),
    (E'm[1:]{v}:\n  a:'),
    (E'pairs[2]:\n  - [3]: 1,2\n  - [2]: 3,4'),
    (E'items[2]{id}:\n  # 1\n  2'),
    -- §14.2 keys, strings, escapes
    (E'a:\n  user'),
    (E'a:\n  "key: 1'),
    ('x: "abc'),
    ('x: "ab"c'),
    ('x: "a\qb"'),
    ('x: "a\u12"'),
    ('x: "\uD800"'),
    -- §14.2 headers
    (E'items[2\t]{a,b}:\n  1\t2\n  3\t4'),
    ('x[03]: 1'),
    ('x[-1]: 1'),
    ('x[bar]: 1'),
    ('key[]: 1,2'),
    (E'm[2|:]{v}:\n  a: 1\n  b: 2'),
    (E'm[2 :]{v}:\n  a: 1\n  b: 2'),
    (E'm[2:,]{v}:\n  a: 1\n  b: 2'),
    (E'm[03:]{v}:\n  a: 1'),
    (E'items[1]{}:\n  1'),
    (E'items[1]{id,meta{}}:\n  1'),
    (E'items[1]{id,c{name:\n  1,Ada'),
    (E'm[2:]:\n  a: 1\n  b: 2'),
    ('items[2]{a,b}: 1,2'),
    ('foo[1][bar]: 10'),
    ('foo[2]extra: a,b'),
    (E'items[2] :\n  1,2'),
    (E'items[2] {a,b}:\n  1,2\n  3,4'),
    (E'items[2]{id,name}\n  1,Ada\n  2,Bob'),
    -- §14.2 keyless and keyed headers out of place
    (E'a:\n  [2]: 1,2'),
    (E'a: 1\n[2]: x,y'),
    (E'items[1]:\n  - [2]{x}:\n    1\n    2'),
    (E'items[1]:\n  - [2:]{v}:\n      a: 1\n      b: 2'),
    (E'm[2:]{v}:\n  a: 1\n  5'),
    -- §14.2 indentation, blank lines, depth
    (E'a:\n  b:\n     c: 1'),
    (E'a:\n\tb: 1'),
    (E'a: 1\n\t# not a comment'),
    (E'items[2]:\n  - a\n\n  - b'),
    (E'm[2:]{v}:\n  a: 1\n\n  b: 2'),
    (E'a:\n  b:\n      c: 1'),
    (E'a: 1\n  b: 2'),
    (E'u[1]{a}:\n  1\n    junk: 9'),
    -- §14.2 root form
    (E'[2]: 1,2\njunk: 3'),
    (E'[2:]{v}:\n  a: 1\n  b: 2\njunk: 3'),
    (E'[]\njunk: 3'),
    (E'hello\nworld'),
    (E'items[2]:\n  - a\n  b'),
    -- §14.3 duplicate keys
    (E'name: Ada\nname: Bob'),
    (E'outer:\n  name: Ada\n  name: Bob'),
    (E'items[1]:\n  - id: 1\n    id: 2'),
    (E'm[2:]{v}:\n  a: 1\n  a: 2'),
    (E'items[1]{a,a{x}}:\n  1,2')
) AS v(doc);

-- The same documents through toon_to_json and toon_is_valid.
SELECT toon_to_json(E'a:\n    b: 1');
SELECT toon_is_valid(E'a:\n    b: 1'), toon_is_valid(E'a:\n    b: 1', indent_size => 4);

-- Bad options raise 22023 (invalid_parameter_value), also in toon_is_valid.
CREATE FUNCTION pg_temp.sql_error(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    hint text;
BEGIN
    EXECUTE query;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS hint = PG_EXCEPTION_HINT;
    RETURN SQLSTATE || ' ' || SQLERRM || coalesce(' (' || nullif(hint, '') || ')', '');
END $$;
SELECT q AS query, pg_temp.sql_error(q) AS error FROM (VALUES
    ($$SELECT toon_to_json('a: 1', indent_size => -1)$$),
    ($$SELECT toon_to_json('a: 1', true, -2)$$),
    ($$SELECT toon_to_json('a: 1', true, 100000)$$),
    ($$SELECT toon_is_valid('a: 1', true, -1)$$),
    ($$SELECT toon_is_valid('not: [valid', false, 257)$$)
) AS v(q);

-- Ill-formed UTF-8 raises 22021. A UTF8 database never lets such bytes into
-- text, so this part uses a SQL_ASCII database, where they reach the type.
\set regress_db :DBNAME
CREATE DATABASE toon_regress_sql_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c toon_regress_sql_ascii
SET client_encoding = 'SQL_ASCII';
CREATE EXTENSION toon;
\set SHOW_CONTEXT never
SELECT E'a: \xc3\x28'::toon;
SELECT E'ok: 1\nbad: caf\xc3\xa9 \xed\xa0\x80'::toon;
SELECT toon_to_json(E'a: \xf4\x90\x80\x80');
SELECT toon_is_valid(E'a: \xff'), toon_is_valid(E'a: caf\xc3\xa9');
SELECT E'a: caf\xc3\xa9'::toon::json::text = E'{"a":"caf\xc3\xa9"}' AS utf8_passes_through;
\c :regress_db
DROP DATABASE toon_regress_sql_ascii;
