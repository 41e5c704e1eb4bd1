#!/usr/bin/env bash
# Codec benchmark (issue 2), run by `make bench` inside a throwaway cluster.
# On the SAME two ~5 MB documents (bench/codec_data.mjs: a uniform table and
# nested/mixed orders), in one run:
#   - core decode / validate / encode MB/s (bench/codec_bench.cpp);
#   - the reference @toon-format/toon 4.4.0 decode / encode MB/s in node;
#   - server-side SQL timings (plpgsql loop with clock_timestamp(), median):
#     text::toon vs text::jsonb (and text::json), to_toon(jsonb) vs jsonb::text,
#     toon_to_json and to_toon(json).
# MB/s always counts TOON bytes (decode input, encode output).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT="$TOP/bench/out"
DOCS="uniform nested"
reps=${BENCH_REPS:-9}

node "$TOP/bench/codec_data.mjs" gen "$OUT" || exit 1
declare -A R
collect() { while read -r k v; do [ -n "$k" ] && R[$k]=$v; done; }
collect < <("$TOP/bench/codec_bench" "$OUT" $DOCS) || exit 1
collect < <(BENCH_REPS=3 node "$TOP/bench/codec_data.mjs" reference "$OUT") || exit 1

db=toon_bench
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
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
SELECT name, pg_read_file(:'out' || '/' || name || '.toon') AS toon_text,
             pg_read_file(:'out' || '/' || name || '.json') AS json_text
  FROM unnest(ARRAY['uniform', 'nested']) name;
SELECT m.k || '_' || d.name, m.v
  FROM docs d CROSS JOIN LATERAL (VALUES
    ('sql_toon_in',     bench_ms('SELECT $1::toon IS NOT NULL', d.toon_text, :reps)),
    ('sql_jsonb_in',    bench_ms('SELECT $1::jsonb IS NOT NULL', d.json_text, :reps)),
    ('sql_json_in',     bench_ms('SELECT $1::json IS NOT NULL', d.json_text, :reps)),
    ('sql_to_toon_jsonb', bench_ms('SELECT to_toon($1) IS NOT NULL', d.json_text::jsonb, :reps)),
    ('sql_jsonb_out',   bench_ms('SELECT $1::text IS NOT NULL', d.json_text::jsonb, :reps)),
    ('sql_toon_to_json', bench_ms('SELECT toon_to_json($1) IS NOT NULL', d.toon_text, :reps)),
    ('sql_to_toon_json', bench_ms('SELECT to_toon($1) IS NOT NULL', d.json_text::json, :reps)),
    ('sql_json_mb',     round(octet_length(d.json_text) / 1e6, 2))
  ) AS m(k, v);
SQL
) || exit 1
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

# ---- the table
r() { echo "${R[$1]:-?}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "?" }'; }
mark() { awk -v x="${1%x}" -v t="$2" 'BEGIN { if (x == "?") print "?"; else if (x + 0 >= t) print "ok"; else print "MISSED" }'; }
row() { printf '%-44s %16s %16s   %s\n' "$@"; }

echo
row "" "uniform table" "nested/mixed" "target"
row "TOON document size (MB)" "$(r core_mb_uniform)" "$(r core_mb_nested)" ""
row "JSON document size (MB)" "$(r sql_json_mb_uniform)" "$(r sql_json_mb_nested)" ""
row "core == reference (encode bytes, decode)" "$(r core_same_encode_uniform), $(r core_same_decode_uniform)" "$(r core_same_encode_nested), $(r core_same_decode_nested)" ""
echo
row "core decode (MB/s)" "$(r core_decode_uniform)" "$(r core_decode_nested)" ">= 200 on uniform: $(mark "$(r core_decode_uniform)" 200)"
row "core validate, no tree (MB/s)" "$(r core_validate_uniform)" "$(r core_validate_nested)" ""
row "core encode (MB/s)" "$(r core_encode_uniform)" "$(r core_encode_nested)" ">= 300 on uniform: $(mark "$(r core_encode_uniform)" 300)"
row "reference decode, node (MB/s)" "$(r ref_decode_uniform)" "$(r ref_decode_nested)" ""
row "reference encode, node (MB/s)" "$(r ref_encode_uniform)" "$(r ref_encode_nested)" ""
row "  core / reference, decode" "$(ratio "$(r core_decode_uniform)" "$(r ref_decode_uniform)")" "$(ratio "$(r core_decode_nested)" "$(r ref_decode_nested)")" ""
row "  core / reference, encode" "$(ratio "$(r core_encode_uniform)" "$(r ref_encode_uniform)")" "$(ratio "$(r core_encode_nested)" "$(r ref_encode_nested)")" ""
echo
row "SQL text::toon (ms/doc)" "$(r sql_toon_in_uniform)" "$(r sql_toon_in_nested)" ""
row "SQL text::jsonb, same data (ms/doc)" "$(r sql_jsonb_in_uniform)" "$(r sql_jsonb_in_nested)" ""
r1=$(ratio "$(r sql_jsonb_in_uniform)" "$(r sql_toon_in_uniform)"); r2=$(ratio "$(r sql_jsonb_in_nested)" "$(r sql_toon_in_nested)")
row "  text::toon speed-up over text::jsonb" "$r1" "$r2" ">= 2x: $(mark "$r1" 2) / $(mark "$r2" 2)"
row "SQL text::json, validation only (ms/doc)" "$(r sql_json_in_uniform)" "$(r sql_json_in_nested)" ""
row "  text::toon speed-up over text::json" "$(ratio "$(r sql_json_in_uniform)" "$(r sql_toon_in_uniform)")" "$(ratio "$(r sql_json_in_nested)" "$(r sql_toon_in_nested)")" ""
echo
row "SQL to_toon(jsonb) (ms/doc)" "$(r sql_to_toon_jsonb_uniform)" "$(r sql_to_toon_jsonb_nested)" ""
row "SQL jsonb::text (ms/doc)" "$(r sql_jsonb_out_uniform)" "$(r sql_jsonb_out_nested)" ""
r1=$(ratio "$(r sql_jsonb_out_uniform)" "$(r sql_to_toon_jsonb_uniform)"); r2=$(ratio "$(r sql_jsonb_out_nested)" "$(r sql_to_toon_jsonb_nested)")
row "  to_toon(jsonb) speed vs jsonb::text" "$r1" "$r2" ">= 1x: $(mark "$r1" 1) / $(mark "$r2" 1)"
row "SQL toon_to_json(text) (ms/doc)" "$(r sql_toon_to_json_uniform)" "$(r sql_toon_to_json_nested)" ""
row "SQL to_toon(json) (ms/doc)" "$(r sql_to_toon_json_uniform)" "$(r sql_to_toon_json_nested)" ""
echo "(medians: core ${BENCH_REPS:-11} runs, SQL $reps runs server-side, reference 3 runs; $(nproc) cores)"
