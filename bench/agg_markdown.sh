#!/usr/bin/env bash
# toon_to_markdown(anyelement) over a large row set (issue 10, item 1): the
# rows go straight from their datums into the compact document tree and are
# rendered from it. One array of AGG_ROWS rows (default 200,000) of a typical
# table (int, text, numeric, boolean, timestamptz; "mixed" adds a text[]
# column), in one run, each function in a fresh session:
#   - backend CPU ms per call (utime + stime around BENCH_REPS calls after a
#     warm-up call) of toon_to_markdown(array) next to to_toon(array) (the
#     encoder on the same tape) and to_json(array)::text (PostgreSQL's own);
#   - peak backend memory of that session (VmHWM minus VmRSS before), MB.
set -uo pipefail
rows=${AGG_ROWS:-200000}
reps=${BENCH_REPS:-5}
db=toon_bench_aggmd
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v rows="$rows" -v reps="$reps" <<'SQL' || exit 1
CREATE EXTENSION toon;
CREATE FUNCTION cpu_ticks() RETURNS bigint LANGUAGE sql AS $$
    SELECT f[12]::bigint + f[13]::bigint
      FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s $$;
CREATE FUNCTION bench_ms(q text, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 bigint;
    b boolean;
BEGIN
    EXECUTE q INTO b;   -- warm-up
    t0 := cpu_ticks();
    FOR i IN 1..reps LOOP
        EXECUTE q INTO b;
    END LOOP;
    RETURN round((cpu_ticks() - t0) * 10.0 / reps, 1);
END $$;
CREATE TABLE items (id int, name text, price numeric, active boolean, created timestamptz, tags text[]);
INSERT INTO items SELECT i, 'item ' || i || CASE WHEN i % 7 = 0 THEN ' | special' ELSE '' END,
       (i * 37 % 100000) / 100.0, i % 3 = 0, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute',
       ARRAY['t' || i % 5, 't' || i % 11]
  FROM generate_series(1, :rows) i;
-- mixed: rows with an array column (a Markdown list); flat: the same rows
-- without it (a Markdown table).
CREATE TABLE arr_mixed AS SELECT array_agg(i ORDER BY id) AS a FROM items i;
CREATE TYPE flat AS (id int, name text, price numeric, active boolean, created timestamptz);
CREATE TABLE arr_flat AS SELECT array_agg(ROW(id, name, price, active, created)::flat ORDER BY id) AS a FROM items;
SELECT 'rows', :rows;
SELECT 'markdown_bytes_flat', octet_length(toon_to_markdown(a)) FROM arr_flat;
SELECT 'markdown_bytes_mixed', octet_length(toon_to_markdown(a)) FROM arr_mixed;
SELECT 'toon_bytes_flat', octet_length(to_toon(a)::text) FROM arr_flat;
SELECT 'toon_bytes_mixed', octet_length(to_toon(a)::text) FROM arr_mixed;
SQL
# Each function in a fresh session (a backend's malloc heap, warm or cold,
# moves the next call's time by a third): CPU ms per call after one warm-up
# call, and peak memory (VmHWM minus VmRSS before, MB).
for shape in flat mixed; do for f in toon_to_markdown to_toon to_json; do
    q="SELECT $f(a)::text IS NOT NULL FROM arr_$shape"
    psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v q="$q" -v reps="$reps" <<SQL || exit 1
CREATE TEMP TABLE m AS SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s+(\d+)'))[1]::bigint AS before;
SELECT 'cpu_ms_${f}_$shape', bench_ms(:'q', :reps);
SELECT 'peak_mb_${f}_$shape', round(((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]::bigint - before) / 1024.0, 1) FROM m;
SQL
done; done
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
