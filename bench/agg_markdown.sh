#!/usr/bin/env bash
# toon_to_markdown(anyelement) over a large row set (issue 10, item 1): the
# rows go straight from their datums into the compact document tree and are
# rendered from it. One array of AGG_ROWS rows (default 200,000) of a typical
# table (int, text, numeric, boolean, timestamptz, text[]), in one run:
#   - backend CPU ms per call (utime + stime around BENCH_REPS calls) of
#     toon_to_markdown(array) next to to_toon(array) (the encoder on the same
#     tape) and json_agg-equivalent to_json(array)::text (PostgreSQL's own);
#   - peak backend memory (VmHWM) of a fresh session that makes one call,
#     minus the session's size before it.
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
SELECT m.k || '_' || shape, m.v FROM (VALUES ('flat'), ('mixed')) s(shape) CROSS JOIN LATERAL (VALUES
    ('cpu_ms_toon_to_markdown', bench_ms(format('SELECT toon_to_markdown(a) IS NOT NULL FROM arr_%s', shape), :reps)),
    ('cpu_ms_to_toon', bench_ms(format('SELECT to_toon(a) IS NOT NULL FROM arr_%s', shape), :reps)),
    ('cpu_ms_to_json', bench_ms(format('SELECT to_json(a)::text IS NOT NULL FROM arr_%s', shape), :reps))
  ) AS m(k, v);
SQL
# Peak memory of one call in a fresh session (kB of VmHWM above VmRSS before).
for f in toon_to_markdown to_toon; do for shape in flat mixed; do
    psql -qX -At -d "$db" -v ON_ERROR_STOP=1 <<SQL || exit 1
CREATE TEMP TABLE m AS SELECT (regexp_match(pg_read_file('/proc/self/status'), 'VmRSS:\s+(\d+)'))[1]::bigint AS before;
SELECT $f(a) IS NOT NULL FROM arr_$shape \g /dev/null
SELECT 'peak_mb_${f}_$shape ' || round(((regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]::bigint - before) / 1024.0, 1) FROM m;
SQL
done; done
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
