#!/usr/bin/env bash
# Result cache benchmark (issue 8), run by `make bench` (or `make bench-cache`)
# inside a throwaway cluster.
#   1. Per-call time of a miss and of a hit of toon_to_markdown(doc),
#      toon_token_count(doc) and doc::jsonb on documents of ~1 kB, ~10 kB and
#      ~100 kB read from a table (default storage: 1 kB inline, 10 kB and
#      100 kB compressed and external). One query computes the function over
#      all rows of a size (every document distinct): after toon_cache_reset()
#      every call misses, run again every call hits. The scan alone (same query
#      with count(doc)) is subtracted; per call = (query - scan) / rows; the
#      fastest of BENCH_REPS (default 7) runs (the least disturbed by other
#      load), server-side clock_timestamp().
#   2. pgbench, 2 clients, Zipf-distributed ids (random_zipfian, s = 1.1) over
#      1000 stored 10 kB documents, one call per transaction: throughput with
#      toon.cache_size = 16MB (default) and 0, and the hit ratio (the last
#      toon_cache_stats() row each client sampled).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
reps=${BENCH_REPS:-7}
secs=${BENCH_PGBENCH_SECONDS:-10}
db=toon_bench_cache
declare -A R
collect() { while read -r k v; do [ -n "$k" ] && R[$k]=$v; done; }

PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT

collect < <(psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v reps="$reps" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION toon;
-- A document of n rows (~19 bytes of TOON each), distinct per id.
CREATE FUNCTION make_doc(id int, n int) RETURNS toon LANGUAGE sql AS $$
    SELECT to_toon(jsonb_build_object('id', id, 'title', 'Report ' || id, 'rows',
        (SELECT jsonb_agg(jsonb_build_object('n', j, 'user', 'user' || ((j * 7919 + id) % 997),
                                             'code', substr(md5((id * 100003 + j)::text), 1, 6),
                                             'ok', (j + id) % 3 = 0))
           FROM generate_series(1, n) j)))
$$;
CREATE TABLE docs_1k   AS SELECT i AS id, make_doc(i, 38)   AS doc FROM generate_series(1, 2000) i;
CREATE TABLE docs_10k  AS SELECT i AS id, make_doc(i, 380)  AS doc FROM generate_series(1, 300) i;
CREATE TABLE docs_100k AS SELECT i AS id, make_doc(i, 3800) AS doc FROM generate_series(1, 40) i;
VACUUM ANALYZE docs_1k, docs_10k, docs_100k;
SET toon.cache_size = '1GB';  -- every result of a size fits

-- Fastest server time (ms) of query q over `reps` runs (the least disturbed by
-- other load on a shared machine); reset: empty the cache first.
CREATE FUNCTION bench_ms(q text, reset boolean, reps int) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t float8[] := '{}';
    t0 timestamptz;
    x bigint;
BEGIN
    EXECUTE q INTO x;  -- warm-up (and fills the cache for hit runs)
    FOR i IN 1..reps LOOP
        IF reset THEN PERFORM toon_cache_reset(); END IF;
        t0 := clock_timestamp();
        EXECUTE q INTO x;
        t := t || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN (SELECT min(v) FROM unnest(t) v);
END $$;

SELECT s || '_bytes', round(avg(length(doc::text))) FROM (VALUES ('1k'), ('10k'), ('100k')) v(s),
       LATERAL (SELECT doc FROM docs_1k WHERE s = '1k' UNION ALL SELECT doc FROM docs_10k WHERE s = '10k'
                UNION ALL SELECT doc FROM docs_100k WHERE s = '100k') d GROUP BY s;
SELECT s || '_stored', round(avg(pg_column_size(doc))) FROM (VALUES ('1k'), ('10k'), ('100k')) v(s),
       LATERAL (SELECT doc FROM docs_1k WHERE s = '1k' UNION ALL SELECT doc FROM docs_10k WHERE s = '10k'
                UNION ALL SELECT doc FROM docs_100k WHERE s = '100k') d GROUP BY s;
SELECT s || '_rows', (SELECT count(*) FROM docs_1k WHERE s = '1k') + (SELECT count(*) FROM docs_10k WHERE s = '10k')
       + (SELECT count(*) FROM docs_100k WHERE s = '100k') FROM (VALUES ('1k'), ('10k'), ('100k')) v(s);

-- Per size: scan alone, then each function missing and hitting.
SELECT s || '_' || k, v
  FROM (VALUES ('1k'), ('10k'), ('100k')) sz(s) CROSS JOIN LATERAL (VALUES
    ('scan',     bench_ms(format('SELECT count(doc) FROM docs_%s', s), false, :reps)),
    ('md_miss',  bench_ms(format('SELECT sum(octet_length(toon_to_markdown(doc))) FROM docs_%s', s), true, :reps)),
    ('md_hit',   bench_ms(format('SELECT sum(octet_length(toon_to_markdown(doc))) FROM docs_%s', s), false, :reps)),
    ('tok_miss', bench_ms(format('SELECT sum(toon_token_count(doc)) FROM docs_%s', s), true, :reps)),
    ('tok_hit',  bench_ms(format('SELECT sum(toon_token_count(doc)) FROM docs_%s', s), false, :reps)),
    ('js_miss',  bench_ms(format('SELECT sum(pg_column_size(doc::jsonb)) FROM docs_%s', s), true, :reps)),
    ('js_hit',   bench_ms(format('SELECT sum(pg_column_size(doc::jsonb)) FROM docs_%s', s), false, :reps))
  ) AS m(k, v);

-- Memory: the context against the setting, with the 300 10 kB documents cached.
SET toon.cache_size = '1MB';
SELECT toon_cache_reset();
SELECT 'mem_sum', sum(octet_length(toon_to_markdown(doc))) + sum(toon_token_count(doc)) FROM docs_10k;
SELECT 'mem_limit', 1024 * 1024;
SELECT 'mem_context', total_bytes FROM pg_backend_memory_contexts WHERE name = 'toon cache';
SELECT 'mem_cached', sum(bytes) FROM toon_cache_stats();

-- The pgbench table: 1000 distinct 10 kB documents.
CREATE TABLE zdocs AS SELECT i AS id, make_doc(i, 380) AS doc FROM generate_series(1, 1000) i;
ALTER TABLE zdocs ADD PRIMARY KEY (id);
VACUUM ANALYZE zdocs;
CREATE TABLE samples (pid int, at timestamptz, cache text, hits bigint, misses bigint);
SQL
) || exit 1

# pgbench: one script per function; every ~200th transaction also records
# this backend's counters (the last sample per backend gives the hit ratio).
script=$(mktemp -d)
trap 'rm -rf "$script"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
for f in md tok; do
    call='toon_token_count(doc)'
    [ "$f" = md ] && call='octet_length(toon_to_markdown(doc))'
    cat > "$script/$f.sql" <<EOF
\set id random_zipfian(1, 1000, 1.1)
SELECT $call FROM zdocs WHERE id = :id;
\set r random(1, 200)
\if :r = 1
INSERT INTO samples SELECT pg_backend_pid(), clock_timestamp(), cache, hits, misses FROM toon_cache_stats();
\endif
EOF
done
tps() { sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1; }
for f in md tok; do
    for size in 16MB 0; do
        psql -qX -d "$db" -c "TRUNCATE samples"
        t=$(PGOPTIONS="-c toon.cache_size=$size" pgbench -n -c 2 -j 2 -T "$secs" -f "$script/$f.sql" "$db" 2>&1 | tps)
        R[pgb_${f}_${size}]=${t:-?}
        if [ "$size" = 16MB ]; then
            R[pgb_${f}_ratio]=$(psql -XAtq -d "$db" -c "
                SELECT round(sum(hits)::numeric / nullif(sum(hits + misses), 0), 3) FROM (
                  SELECT DISTINCT ON (pid, cache) hits, misses FROM samples
                   WHERE cache = CASE '$f' WHEN 'md' THEN 'markdown' ELSE 'token_count' END
                   ORDER BY pid, cache, at DESC) s")
        fi
    done
done

r() { echo "${R[$1]:-?}"; }
# Per-call microseconds: (query - scan) / rows.
us() { awk -v q="$(r "$1_$2")" -v s="$(r "$1_scan")" -v n="$(r "$1_rows")" 'BEGIN { if (n + 0 > 0 && q != "?") printf "%.1f", 1000 * (q - s) / n; else printf "?" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0fx", a / b; else printf "?" }'; }
mark() { awk -v x="${1%x}" -v t="$2" 'BEGIN { if (x == "?") print "?"; else if (x + 0 >= t) print "ok"; else print "MISSED" }'; }
row() { printf '%-40s %14s %14s %14s   %s\n' "$@"; }

echo
row "" "~1 kB" "~10 kB" "~100 kB" "target"
row "TOON bytes / stored bytes" "$(r 1k_bytes) / $(r 1k_stored)" "$(r 10k_bytes) / $(r 10k_stored)" "$(r 100k_bytes) / $(r 100k_stored)" ""
row "rows per query" "$(r 1k_rows)" "$(r 10k_rows)" "$(r 100k_rows)" ""
for f in md tok js; do
    name="toon_to_markdown"; [ "$f" = tok ] && name="toon_token_count"; [ "$f" = js ] && name="doc::jsonb"
    row "$name miss (us/call)" "$(us 1k ${f}_miss)" "$(us 10k ${f}_miss)" "$(us 100k ${f}_miss)" ""
    row "$name hit (us/call)" "$(us 1k ${f}_hit)" "$(us 10k ${f}_hit)" "$(us 100k ${f}_hit)" ""
    rt=$(ratio "$(us 10k ${f}_miss)" "$(us 10k ${f}_hit)")
    row "  miss / hit" "$(ratio "$(us 1k ${f}_miss)" "$(us 1k ${f}_hit)")" "$rt" \
        "$(ratio "$(us 100k ${f}_miss)" "$(us 100k ${f}_hit)")" "$([ "$f" = js ] || echo ">= 20x on 10 kB (aim 100x): $(mark "$rt" 20)")"
done
echo
echo "memory, 300 x 10 kB documents, both functions, toon.cache_size = 1MB ($(r mem_limit) bytes):"
echo "  context \"toon cache\" total_bytes $(r mem_context), entries $(r mem_cached)," \
     "first block and bucket array $(( $(r mem_context) - $(r mem_cached) )) bytes:" \
     "$( [ "$(r mem_context)" -le $(( $(r mem_limit) + 4096 )) ] 2>/dev/null && echo ok || echo MISSED)"
echo
printf '%-40s %14s %14s %14s %14s\n' "pgbench, Zipf s=1.1 over 1000 x 10 kB" "tps cache on" "tps cache off" "on / off" "hit ratio"
for f in md tok; do
    name="toon_to_markdown"; [ "$f" = tok ] && name="toon_token_count"
    printf '%-40s %14s %14s %14s %14s\n' "$name" "$(r pgb_${f}_16MB)" "$(r pgb_${f}_0)" \
        "$(awk -v a="$(r pgb_${f}_16MB)" -v b="$(r pgb_${f}_0)" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.1fx", a / b; else printf "?" }')" "$(r pgb_${f}_ratio)"
done
echo "(fastest of $reps runs server-side; pgbench -c 2 -j 2 -T $secs per row; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
