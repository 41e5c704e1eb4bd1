#!/usr/bin/env bash
# Markdown benchmark (issue 4), run by `make bench` inside a throwaway cluster.
# On the ~5 MB documents of bench/codec_data.mjs (a uniform table, the target
# case, and nested/mixed orders), MB/s of TOON input:
#   - core: decode alone, decode + render, render alone (padded and compact)
#     (bench/markdown_bench.cpp);
#   - SQL: toon_to_markdown(doc) side by side with toon_to_json(doc), which
#     does the same decode and writes JSON instead (plpgsql loop with
#     clock_timestamp(), median).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT="$TOP/bench/out"
DOCS="uniform nested"
reps=${BENCH_REPS:-9}

[ -f "$OUT/uniform.toon" ] && [ -f "$OUT/nested.toon" ] || node "$TOP/bench/codec_data.mjs" gen "$OUT" || exit 1
declare -A R
collect() { while read -r k v; do [ -n "$k" ] && R[$k]=$v; done; }
collect < <("$TOP/bench/markdown_bench" "$OUT" $DOCS) || exit 1

db=toon_bench_md
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
collect < <(psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v out="$OUT" -v reps="$reps" <<'SQL'
CREATE EXTENSION toon;
-- Median server-side time (ms) of `reps` runs of query q with $1 = arg.
CREATE FUNCTION bench_ms(q text, arg anyelement, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t float8[] := '{}';
    t0 timestamptz;
    b boolean;
BEGIN
    EXECUTE q INTO b USING arg;   -- warm-up
    FOR i IN 1..reps LOOP
        t0 := clock_timestamp();
        EXECUTE q INTO b USING arg;
        t := t || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN (SELECT round(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric, 2) FROM unnest(t) x);
END $$;
CREATE TABLE docs AS
SELECT name, pg_read_file(:'out' || '/' || name || '.toon')::toon AS doc
  FROM unnest(ARRAY['uniform', 'nested']) name;
SELECT m.k || '_' || d.name, m.v
  FROM docs d CROSS JOIN LATERAL (VALUES
    ('sql_md',         bench_ms('SELECT toon_to_markdown($1) IS NOT NULL', d.doc, :reps)),
    ('sql_md_compact', bench_ms('SELECT toon_to_markdown($1, pad => false) IS NOT NULL', d.doc, :reps)),
    ('sql_json',       bench_ms('SELECT toon_to_json($1) IS NOT NULL', d.doc, :reps))
  ) AS m(k, v);
SQL
) || exit 1
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

r() { echo "${R[$1]:-?}"; }
mbs() { awk -v mb="$1" -v ms="$2" 'BEGIN { if (ms + 0 > 0) printf "%.0f", mb / (ms / 1000); else printf "?" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "?" }'; }
mark() { awk -v x="$1" -v t="$2" 'BEGIN { if (x == "?") print "?"; else if (x + 0 >= t) print "ok"; else print "MISSED" }'; }
row() { printf '%-46s %14s %14s   %s\n' "$@"; }

echo
row "" "uniform table" "nested/mixed" "target"
row "TOON input (MB)" "$(r md_toon_mb_uniform)" "$(r md_toon_mb_nested)" ""
row "Markdown output, padded / compact (MB)" "$(r md_out_mb_uniform) / $(r md_out_compact_mb_uniform)" "$(r md_out_mb_nested) / $(r md_out_compact_mb_nested)" ""
echo
row "core render alone, padded (MB/s)" "$(r md_render_uniform)" "$(r md_render_nested)" ">= 100 on uniform: $(mark "$(r md_render_uniform)" 100)"
row "core render alone, compact (MB/s)" "$(r md_render_compact_uniform)" "$(r md_render_compact_nested)" ""
row "core decode + render, padded (MB/s)" "$(r md_decode_render_uniform)" "$(r md_decode_render_nested)" ""
row "core decode alone (MB/s)" "$(r md_decode_uniform)" "$(r md_decode_nested)" ""
row "  render share of decode + render" \
    "$(awk -v a="$(r md_decode_render_uniform)" -v b="$(r md_decode_uniform)" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0f%%", 100 * (1 - a / b); else printf "?" }')" \
    "$(awk -v a="$(r md_decode_render_nested)" -v b="$(r md_decode_nested)" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.0f%%", 100 * (1 - a / b); else printf "?" }')" ""
echo
row "SQL toon_to_markdown(doc) (ms/doc)" "$(r sql_md_uniform)" "$(r sql_md_nested)" ""
row "SQL toon_to_markdown(doc) (MB/s)" "$(mbs "$(r md_toon_mb_uniform)" "$(r sql_md_uniform)")" "$(mbs "$(r md_toon_mb_nested)" "$(r sql_md_nested)")" ""
row "SQL toon_to_markdown(doc, pad => false) (ms)" "$(r sql_md_compact_uniform)" "$(r sql_md_compact_nested)" ""
row "SQL toon_to_json(doc), same decode (ms/doc)" "$(r sql_json_uniform)" "$(r sql_json_nested)" ""
row "  toon_to_markdown time / toon_to_json time" "$(ratio "$(r sql_md_uniform)" "$(r sql_json_uniform)")" "$(ratio "$(r sql_md_nested)" "$(r sql_json_nested)")" ""
echo "(medians: core ${BENCH_REPS:-11} runs, SQL $reps runs server-side; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
