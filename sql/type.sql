-- The toon type: input validation, verbatim storage, binary I/O, casts,
-- toon_to_json() with options, toon_is_valid(), NULL handling.

-- Input keeps the text exactly: comments, blank lines, trailing newline.
SELECT E'# a comment\nname: Ada\n\ntags[2]: x,y\n'::toon;
SELECT E'# a comment\nname: Ada\n\ntags[2]: x,y\n'::toon::text = E'# a comment\nname: Ada\n\ntags[2]: x,y\n' AS verbatim;
SELECT 'hello'::toon, '42'::toon, '[]'::toon, ''::toon AS empty;

-- A table with a toon column; text is assigned through the validating cast.
CREATE TABLE docs (id int PRIMARY KEY, doc toon);
INSERT INTO docs VALUES
    (1, E'users[2]{id,name}:\n  1,Ada\n  2,Bob'),
    (2, E'# keyed table\nservers[2:]{host,port}:\n  alpha: a.example.com,8080\n  beta: b.example.com,9090'),
    (3, NULL);
INSERT INTO docs SELECT 4, E'items[2]:\n  - id: 1\n    tags[1]: a\n  - [2]: 1,2'::text;
SELECT id, doc FROM docs ORDER BY id;
SELECT id, doc::json FROM docs ORDER BY id;
SELECT id, doc::jsonb FROM docs ORDER BY id;
SELECT pg_typeof(doc::text), doc::text FROM docs WHERE id = 1;

-- Binary send/recv: version byte 1, then the text.
SELECT toon_send(E'a: 1\n# c'::toon);
SELECT encode(toon_send(doc), 'escape') FROM docs WHERE id = 1;
COPY (SELECT id, doc FROM docs ORDER BY id) TO '/tmp/toon_type_regress.bin' WITH (FORMAT binary);
CREATE TABLE docs_copy (id int, doc toon);
COPY docs_copy FROM '/tmp/toon_type_regress.bin' WITH (FORMAT binary);
SELECT d.id, d.doc::text IS NOT DISTINCT FROM c.doc::text AS same_text
FROM docs d JOIN docs_copy c USING (id) ORDER BY id;

-- toon_recv rejects an unknown format version (22P03) and invalid TOON (22P02):
-- binary COPY files with one toon field, written through a large object.
CREATE TEMP TABLE recv_target (doc toon);
CREATE FUNCTION pg_temp.copy_binary_toon(payload bytea) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    lo oid;
BEGIN
    lo := lo_from_bytea(0, '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
        || '\x0001'::bytea || int4send(length(payload)) || payload || '\xffff'::bytea);
    PERFORM lo_export(lo, '/tmp/toon_type_regress_recv.bin');
    PERFORM lo_unlink(lo);
    TRUNCATE recv_target;
    COPY recv_target FROM '/tmp/toon_type_regress_recv.bin' WITH (FORMAT binary);
    RETURN (SELECT 'ok: ' || doc::text FROM recv_target);
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ' ' || SQLERRM;
END $$;
SELECT pg_temp.copy_binary_toon('\x01'::bytea || convert_to(E'a: 1\n# kept', 'UTF8')) AS version_1,
       pg_temp.copy_binary_toon('\x02'::bytea || convert_to('a: 1', 'UTF8')) AS version_2,
       pg_temp.copy_binary_toon('\x01'::bytea || convert_to('a: [', 'UTF8')) AS valid_odd_value,
       pg_temp.copy_binary_toon('\x01'::bytea || convert_to(E'a: 1\n  b: 2', 'UTF8')) AS invalid_toon;

-- json keeps key order and all digits; jsonb normalizes as jsonb does.
SELECT E'z: 1\na: 2\nbig: 12345678901234567890.10\nsmall: 1E-7\nneg: -0'::toon::json;
SELECT E'z: 1\na: 2\nbig: 12345678901234567890.10'::toon::jsonb;
SELECT E's: "tab\\there \\"q\\" \\\\ \\u0001 é 😀"'::toon::json;
SELECT E'nested:\n  deeper:\n    list[3|]: a|"b|c"|'::toon::json;
SELECT E'[2:]{age,geo{lat,lon}}:\n  alice: 30,52.5,13.4\n  bob: 25,59.9,10.7'::toon::json;
SELECT 'plain string'::toon::json, '"quoted"'::toon::json, 'null'::toon::jsonb;

-- toon_to_json: options. Non-strict decodes what strict rejects.
SELECT toon_to_json(E'a:\n    b: 1');
SELECT toon_to_json(E'a:\n    b: 1', indent_size => 4);
SELECT toon_to_json(E'a:\n   b: 1', strict => false);
SELECT toon_to_json(E'name: Ada\nname: Bob', false);
SELECT toon_to_json(E'items[3]:\n  - a\n\n  - b', strict => false);
SELECT toon_to_json('foo[2]extra: a,b', false);
SELECT toon_to_json(E'a:\r\n  b: 1\r\n');

-- toon_is_valid never raises for bad TOON.
SELECT toon_is_valid('a: 1') AS ok,
       toon_is_valid(E'a: 1\n  b: 2') AS over_indented,
       toon_is_valid(E'a:\n   b: 1', true, 2) AS bad_indent,
       toon_is_valid(E'a:\n   b: 1', false) AS bad_indent_lax,
       toon_is_valid(E'a:\n    b: 1', true, 4) AS indent4,
       toon_is_valid('tags[3]: a,b') AS short_array,
       toon_is_valid('x: "\q"') AS bad_escape;

-- The type reads a document in its own indent size (that of its first
-- indented line), so to_toon() results with any indent_size are valid toon
-- values and survive a round trip through text (dump and restore).
SELECT E'a:\n    b:\n        c: 1'::toon::json AS four_spaces;
SELECT to_toon('{"a":{"b":[{"x":1,"y":2},{"x":3,"y":4}]}}'::json, ',', 4) AS indent4;
SELECT to_toon('{"a":{"b":[{"x":1,"y":2},{"x":3,"y":4}]}}'::json, ',', 4)::text::toon::json AS indent4_round_trip;
SELECT toon_to_markdown(to_toon('{"a":{"k":"v"}}'::json, ',', 3)) AS indent3_markdown;
-- Still strict: line 2 sets a unit of 2, line 3 jumps two levels.
SELECT E'a:\n  b:\n      c: 1'::toon;
SELECT toon_is_valid(E'a:\n    b: 1', indent_size => 2) AS indent_2, toon_is_valid(E'a:\n    b: 1') AS own_indent,
       toon_to_json(E'a:\n    b: 1', indent_size => 0) AS decoded;

-- toon_is_valid(doc) with its defaults answers exactly what doc::toon
-- accepts (issue 7, defect 9): documents indented by 1, 3 or 4 spaces too.
CREATE FUNCTION pg_temp.toon_accepts(d text) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN PERFORM d::toon; RETURN true; EXCEPTION WHEN invalid_text_representation THEN RETURN false; END$$;
SELECT d, toon_is_valid(d) AS is_valid, pg_temp.toon_accepts(d) AS toon_accepts
FROM unnest(ARRAY[E'a:\n b: 1', E'a:\n   b: 1', E'a:\n    b:\n        c: 1', E'a:\n  b:\n      c: 1',
                  E'a:\n   b:\n    c: 1', E'# note\nx[2]:\n - 1\n - 2', 'a: 1', 'x: "\q"']) d;

-- NULL in, NULL out.
SELECT toon_to_json(NULL), toon_is_valid(NULL), NULL::toon::json IS NULL AS json_null,
       toon_to_json('a: 1', NULL) AS null_option;

-- Catalog: every function immutable, strict and parallel safe, with a comment.
SELECT p.oid::regprocedure AS function, p.provolatile, p.proisstrict, p.proparallel,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
FROM pg_proc p
WHERE p.proname IN ('toon_in', 'toon_out', 'toon_recv', 'toon_send', 'toon', 'toon_is_valid',
                    'toon_to_json', 'toon_to_jsonb')
ORDER BY p.oid::regprocedure::text COLLATE "C";
SELECT castsource::regtype, casttarget::regtype, castfunc::regprocedure, castcontext
FROM pg_cast WHERE castsource = 'toon'::regtype OR (casttarget = 'toon'::regtype AND castsource = 'text'::regtype)
ORDER BY castsource::regtype::text COLLATE "C", casttarget::regtype::text COLLATE "C";

-- In a database whose encoding is not UTF-8, text is converted to UTF-8 for
-- decoding and results back; a character the database encoding lacks is
-- PostgreSQL's usual 22P05.
\set regress_db :DBNAME
CREATE DATABASE toon_regress_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
\c toon_regress_latin1
SET client_encoding = 'UTF8';
CREATE EXTENSION toon;
\set SHOW_CONTEXT never
SELECT E'name: caf\u00e9\ntags[2]: \u00e0,"\u00fc"'::toon AS doc;
SELECT E'name: caf\u00e9\ntags[2]: \u00e0,"\u00fc"'::toon::json, E'k\u00e9y: "\\u00e9"'::toon::jsonb;
SELECT toon_is_valid(E'caf\u00e9: 1'), toon_to_json(E'"\u00e9t\u00e9": [1]');
SELECT E'price: "\\u20ac 5"'::toon::json;
\c :regress_db
DROP DATABASE toon_regress_latin1;
