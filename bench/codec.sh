#!/usr/bin/env bash
# Codec benchmark (issue 2), run by `make bench` inside a throwaway cluster.
# On the SAME two ~5 MB documents (bench/codec_data.mjs: a uniform table and
# nested/mixed orders), in one run:
#   - core decode / validate / encode MB/s (bench/codec_bench.cpp);
#   - the reference @toon-format/toon 4.4.0 decode / encode MB/s in node;
#   - server-side SQL timings (bench/codec_sql.mjs: plpgsql loop in the
#     backend), like with like: validation text::toon vs text::json
#     (json_in), parse-and-build toon::jsonb vs text::jsonb (jsonb_in),
#     to_toon(jsonb) vs jsonb::text, toon_to_json and to_toon(json).
# MB/s always counts TOON bytes (decode input, encode output).
# Clocks: one per comparison, the same on both sides. Core and node: CPU time
# of the thread doing the work (CLOCK_THREAD_CPUTIME_ID; node's main thread
# from /proc), median per run. SQL: the backend's CPU time (/proc), per run.
# CPU time stays meaningful when other work shares the machine; the
# wall-clock figure follows in parentheses.
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
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -c 'CREATE EXTENSION toon' >/dev/null || exit 1
collect < <(BENCH_DB=$db node "$TOP/bench/codec_sql.mjs" "$OUT") || exit 1
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

# ---- the table: "CPU (wall)" in every cell
r() { echo "${R[$1]:-?}"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "?" }'; }
fig() { echo "$(r "$1") ($(r "$1_wall"))"; }
# ratio A/B of two figures, CPU (wall)
ratio() { echo "$(div "$(r "$1")" "$(r "$2")") ($(div "$(r "$1_wall")" "$(r "$2_wall")"))"; }
# "ok" / "MISSED" for a CPU figure or ratio against a target
mark() { awk -v x="$(echo "$1" | sed 's/x\? .*//')" -v t="$2" 'BEGIN { if (x == "?" || x == "") print "?"; else if (x + 0 >= t) print "ok"; else print "MISSED" }'; }
row() { printf '%-42s %20s %20s   %s\n' "$@"; }
both() { row "$1" "$($2 "$3_uniform" "${4:+$4_uniform}")" "$($2 "$3_nested" "${4:+$4_nested}")" "${5:-}"; }
ratio2() { ratio "$1" "$2"; }

echo
row "" "uniform table" "nested/mixed" "target (on CPU time)"
row "TOON document size (MB)" "$(r core_mb_uniform)" "$(r core_mb_nested)" ""
row "JSON document size (MB)" "$(r sql_json_mb_uniform)" "$(r sql_json_mb_nested)" ""
row "core == reference (encode bytes, decode, JSON)" "$(r core_same_encode_uniform), $(r core_same_decode_uniform), $(r core_same_decode_json_uniform)" "$(r core_same_encode_nested), $(r core_same_decode_nested), $(r core_same_decode_json_nested)" ""
echo "MB/s of TOON text"
both "  core decode to a Value tree" fig core_decode "" ">= 200 on uniform: $(mark "$(r core_decode_uniform)" 200)"
both "  core decode to JSON text (streamed)" fig core_decode_json
both "  core validate (no tree)" fig core_validate
both "  core encode" fig core_encode "" ">= 300 on uniform: $(mark "$(r core_encode_uniform)" 300)"
both "  reference decode (node)" fig ref_decode
both "  reference encode (node)" fig ref_encode
both "  core / reference, decode" ratio2 core_decode ref_decode
both "  core / reference, encode" ratio2 core_encode ref_encode
echo "SQL, ms per document (server side)"
echo " validation: check the syntax, keep the text"
both "  text::toon (toon_from_text)" fig sql_toon_in
both "  text::json (json_in), same data" fig sql_json_in
u=$(ratio sql_json_in_uniform sql_toon_in_uniform); n=$(ratio sql_json_in_nested sql_toon_in_nested)
row "    text::toon speed over text::json" "$u" "$n" ">= 1x: $(mark "$u" 1) / $(mark "$n" 1)"
echo " parse and build jsonb"
both "  toon::jsonb (built from the compact tree)" fig sql_toon_jsonb
both "  text::jsonb (jsonb_in), same data" fig sql_jsonb_in
both "    toon::jsonb speed over text::jsonb" ratio2 sql_jsonb_in sql_toon_jsonb
both "  to_toon(jsonb)" fig sql_to_toon_jsonb
both "  jsonb::text" fig sql_jsonb_out
u=$(ratio sql_jsonb_out_uniform sql_to_toon_jsonb_uniform); n=$(ratio sql_jsonb_out_nested sql_to_toon_jsonb_nested)
row "    to_toon(jsonb) speed vs jsonb::text" "$u" "$n" ">= 1x: $(mark "$u" 1) / $(mark "$n" 1)"
both "  toon_to_json(text)" fig sql_toon_to_json
both "  to_toon(json)" fig sql_to_toon_json
echo "(CPU time of the working thread (core, node) or backend (SQL), wall clock in parentheses;"
echo " medians of ${BENCH_REPS:-11} runs (core), 3 (node); SQL: CPU over max(25, BENCH_REPS) runs, median wall;"
echo " $(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
