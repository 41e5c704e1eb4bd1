-- The per-backend result cache (docs/cache.md): stats, keys, size bound,
-- reset, and results identical with and without the cache.
SET client_min_messages = warning;
\set VERBOSITY terse
SELECT toon_cache_reset();
SHOW toon.cache_size;
CREATE TEMP VIEW stats AS  -- bytes depend on the platform: checked as bounds below
SELECT cache, entries, hits, misses, evictions, round(hit_ratio::numeric, 3) AS hit_ratio FROM toon_cache_stats();
SELECT * FROM stats;

-- Documents of about 1 kB (inline), 10 kB (compressed) and 100 kB
-- (external, compressed; and external, not compressed).
CREATE TABLE cache_docs (id int PRIMARY KEY, doc toon);
CREATE TABLE cache_docs_plain (id int PRIMARY KEY, doc toon);
ALTER TABLE cache_docs_plain ALTER doc SET STORAGE EXTERNAL;
CREATE FUNCTION cache_make_doc(id int, n int) RETURNS toon LANGUAGE sql AS $$
    SELECT to_toon(jsonb_build_object('id', id, 'rows',
        (SELECT jsonb_agg(jsonb_build_object('n', j, 'name', 'item ' || (j * 7919 % 1000), 'ok', j % 3 = 0))
           FROM generate_series(1, n) j)))
$$;
INSERT INTO cache_docs VALUES (1, cache_make_doc(1, 60)), (2, cache_make_doc(2, 600)), (3, cache_make_doc(3, 5500));
INSERT INTO cache_docs_plain VALUES (1, cache_make_doc(11, 5500));
SELECT id, length(doc::text) > 1000 * 10 ^ (id - 1) AS big_enough,
       pg_column_size(doc) < length(doc::text) AS compressed FROM cache_docs ORDER BY id;

-- The expected results, computed with the cache off.
SET toon.cache_size = 0;
CREATE TEMP TABLE fresh AS
SELECT 'docs' AS t, id, toon_to_markdown(doc) AS md, toon_to_markdown(doc, 2, false) AS md2,
       toon_token_count(doc) AS o200k, toon_token_count(doc, 'cl100k_base') AS cl100k FROM cache_docs
UNION ALL
SELECT 'plain', id, toon_to_markdown(doc), toon_to_markdown(doc, 2, false),
       toon_token_count(doc), toon_token_count(doc, 'cl100k_base') FROM cache_docs_plain;
SELECT * FROM stats;  -- nothing counted while disabled
RESET toon.cache_size;

-- First pass: misses; second pass: hits; both equal the fresh results.
CREATE TEMP VIEW now_computed AS
SELECT 'docs' AS t, id, toon_to_markdown(doc) AS md, toon_to_markdown(doc, 2, false) AS md2,
       toon_token_count(doc) AS o200k, toon_token_count(doc, 'cl100k_base') AS cl100k FROM cache_docs
UNION ALL
SELECT 'plain', id, toon_to_markdown(doc), toon_to_markdown(doc, 2, false),
       toon_token_count(doc), toon_token_count(doc, 'cl100k_base') FROM cache_docs_plain;
SELECT count(*) AS differing FROM now_computed n JOIN fresh f USING (t, id)
 WHERE (n.md, n.md2, n.o200k, n.cl100k) IS DISTINCT FROM (f.md, f.md2, f.o200k, f.cl100k);
SELECT * FROM stats;
SELECT count(*) AS differing FROM now_computed n JOIN fresh f USING (t, id)
 WHERE (n.md, n.md2, n.o200k, n.cl100k) IS DISTINCT FROM (f.md, f.md2, f.o200k, f.cl100k);
SELECT * FROM stats;

-- A model name resolving to the same encoding shares the entry; literals
-- are keyed by content; the toon and text overloads share entries.
SELECT toon_token_count(doc, 'gpt-4o') = o200k AS same FROM cache_docs JOIN fresh USING (id) WHERE t = 'docs' AND id = 2;
SELECT toon_token_count('hello world'), toon_token_count('hello world'), toon_token_count('hello world!');
SELECT toon_to_markdown(doc::text) = md AS same FROM cache_docs JOIN fresh USING (id) WHERE t = 'docs' AND id = 1;
SELECT * FROM stats;

-- jsonb input is its own key space: same bytes as TOON text never meet.
SELECT toon_to_markdown('{"a": 1}'::jsonb), toon_to_markdown('{"a": 1}'::jsonb);
SELECT * FROM stats;

-- toon::jsonb: cached per document, equal to the result without the cache.
SET toon.cache_size = 0;
CREATE TEMP TABLE fresh_jsonb AS SELECT id, doc::jsonb AS j FROM cache_docs;
RESET toon.cache_size;
SELECT count(*) FILTER (WHERE c.doc::jsonb = f.j AND (c.doc::jsonb)::text = f.j::text) AS equal_twice
  FROM cache_docs c JOIN fresh_jsonb f USING (id);
SELECT * FROM stats WHERE cache = 'jsonb';

-- An updated row never gets its old value's result, also after VACUUM
-- (which lets TOAST value ids be used again).
UPDATE cache_docs SET doc = cache_make_doc(3, 5499) WHERE id = 3;
UPDATE cache_docs_plain SET doc = cache_make_doc(12, 5450) WHERE id = 1;
VACUUM cache_docs;
VACUUM cache_docs_plain;
UPDATE cache_docs SET doc = cache_make_doc(33, 5400) WHERE id = 3;
SET toon.cache_size = 0;
CREATE TEMP TABLE fresh2 AS SELECT * FROM now_computed;
RESET toon.cache_size;
SELECT count(*) AS differing FROM now_computed n JOIN fresh2 f USING (t, id)
 WHERE (n.md, n.md2, n.o200k, n.cl100k) IS DISTINCT FROM (f.md, f.md2, f.o200k, f.cl100k);
SELECT t, id FROM fresh2 n JOIN fresh f USING (t, id) WHERE n.md <> f.md OR n.o200k <> f.o200k ORDER BY t, id;

-- An error in the middle of a call leaves no entry behind.
SELECT toon_cache_reset();
SELECT toon_to_markdown('a: "unterminated');
SELECT toon_to_markdown('{"a": 1}'::jsonb, heading_level => 7);
SELECT toon_token_count('x', 'no_such_encoding');
SELECT * FROM stats;

-- Bytes: the context "toon cache" holds exactly the entries plus its first
-- block and the bucket array (under 2 kB here); lowering toon.cache_size
-- evicts at once; 0 empties it.
SELECT count(*) FROM now_computed WHERE (md, md2, o200k, cl100k) IS NOT NULL;
SELECT (SELECT total_bytes FROM pg_backend_memory_contexts WHERE name = 'toon cache')
       - (SELECT sum(bytes) FROM toon_cache_stats()) BETWEEN 0 AND 2048 AS fixed_overhead_small;
SET toon.cache_size = '64kB';
SELECT sum(bytes) <= 64 * 1024 AS within_bound, sum(evictions) > 0 AS evicted FROM toon_cache_stats();
SELECT total_bytes <= 64 * 1024 + 2048 AS context_within_bound FROM pg_backend_memory_contexts WHERE name = 'toon cache';
SELECT count(*) AS differing FROM now_computed n JOIN fresh2 f USING (t, id)
 WHERE (n.md, n.md2, n.o200k, n.cl100k) IS DISTINCT FROM (f.md, f.md2, f.o200k, f.cl100k);
SELECT sum(bytes) <= 64 * 1024 AS within_bound FROM toon_cache_stats();
SET toon.cache_size = 0;
SELECT sum(entries) AS entries, sum(bytes) AS bytes FROM toon_cache_stats();
SELECT total_bytes <= 2048 AS context_empty FROM pg_backend_memory_contexts WHERE name = 'toon cache';
RESET toon.cache_size;

-- A SET rolled back restores the size; bad sizes are refused.
BEGIN;
SET LOCAL toon.cache_size = '1MB';
SHOW toon.cache_size;
ROLLBACK;
SHOW toon.cache_size;
-- (PostgreSQL 16 added the unit to the bounds in this message: shown without it.)
DO $$ BEGIN PERFORM set_config('toon.cache_size', '-1', false);
EXCEPTION WHEN invalid_parameter_value THEN
  RAISE WARNING '%', replace(replace(SQLERRM, ' kB ..', ' ..'), ' kB)', ')');
END $$;
SET toon.cache_size = 'lots';

-- Reset empties and zeroes.
SELECT count(*) FROM now_computed WHERE (md, md2, o200k, cl100k) IS NOT NULL;
SELECT sum(entries) > 0 AS filled FROM toon_cache_stats();
SELECT toon_cache_reset();
SELECT * FROM stats;

-- Parallel workers have caches of their own; results are the same.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
-- force_parallel_mode is called debug_parallel_query since PostgreSQL 16.
SELECT CASE WHEN current_setting('server_version_num')::int >= 160000
            THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END AS parallel_guc \gset
SET :parallel_guc = on;
EXPLAIN (COSTS OFF) SELECT toon_token_count(doc) FROM cache_docs;
SELECT count(*) AS differing FROM now_computed n JOIN fresh2 f USING (t, id)
 WHERE (n.md, n.md2, n.o200k, n.cl100k) IS DISTINCT FROM (f.md, f.md2, f.o200k, f.cl100k);
RESET :parallel_guc;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP VIEW now_computed;
DROP TABLE cache_docs, cache_docs_plain;
DROP FUNCTION cache_make_doc(int, int);
