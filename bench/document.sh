#!/usr/bin/env bash
# Document tree and jsonb benchmark (issue 10), run by `make bench` inside a
# throwaway cluster. In one run, on the ~5 MB documents of bench/codec_data.mjs
# (a uniform table and nested/mixed orders):
#   - core (bench/document_bench.cpp): decode into the compact document tree
#     (also of the short documents below, one at a time) vs into a Value
#     tree vs streamed to JSON text, MB/s of TOON; the tree's
#     memory as a multiple of the input; decode + Markdown render; where
#     that time goes (the parse alone, the tree, each writer from one tree)
#     and an estimate of Markdown streamed from the parser;
#   - SQL, one stored document: toon_to_markdown(toon) vs toon::json, and
#     toon::jsonb vs json::jsonb of the same data (backend CPU ms per run,
#     plpgsql loop);
#   - SQL, short documents (every order of the nested document, and the
#     uniform table in 10-row slices: 100 B - 2 KB each): the same casts over
#     the whole table per run, where per-row fixed costs dominate.
# Ratios are "how many times faster" (peer time / our time) unless noted.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT="$TOP/bench/out"
reps=${BENCH_REPS:-9}

[ -f "$OUT/uniform.toon" ] && [ -f "$OUT/nested.toon" ] || node "$TOP/bench/codec_data.mjs" gen "$OUT" || exit 1
declare -A R
collect() { while read -r k v; do [ -n "$k" ] && R[$k]=$v; done; }
collect < <("$TOP/bench/document_bench" "$OUT" uniform nested) || exit 1

db=toon_bench_doc
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
collect < <(psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v out="$OUT" -v reps="$reps" <<'SQL'
CREATE EXTENSION toon;
-- Backend CPU ms per run of query q with $1 = arg: utime + stime of this
-- backend (/proc/self/stat, 10 ms ticks) around `reps` runs, divided by reps;
-- stable on a busy machine, unlike wall time.
CREATE FUNCTION cpu_ticks() RETURNS bigint LANGUAGE sql AS $$
    SELECT f[12]::bigint + f[13]::bigint
      FROM (SELECT string_to_array(split_part(pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) s $$;
CREATE FUNCTION bench_ms(q text, arg anyelement, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 bigint;
    b boolean;
BEGIN
    EXECUTE q INTO b USING arg;   -- warm-up
    t0 := cpu_ticks();
    FOR i IN 1..reps LOOP
        EXECUTE q INTO b USING arg;
    END LOOP;
    RETURN round((cpu_ticks() - t0) * 10.0 / reps, 1);
END $$;
CREATE TABLE docs AS
SELECT name, pg_read_file(:'out' || '/' || name || '.toon')::toon AS doc,
       pg_read_file(:'out' || '/' || name || '.json')::json AS js
  FROM unnest(ARRAY['uniform', 'nested']) name;
-- Short documents: each order, and the table in slices of 10 rows.
CREATE TABLE short_nested AS
SELECT to_toon(e)::toon AS doc, e::json AS js FROM docs, jsonb_array_elements(js::jsonb -> 'orders') e WHERE name = 'nested';
CREATE TABLE short_uniform AS
SELECT to_toon(jsonb_build_object('users', jsonb_agg(e ORDER BY n)))::toon AS doc,
       jsonb_build_object('users', jsonb_agg(e ORDER BY n))::json AS js
  FROM docs, jsonb_array_elements(js::jsonb -> 'users') WITH ORDINALITY AS x(e, n)
 WHERE name = 'uniform' GROUP BY (n - 1) / 10;
SELECT 'sql_short_bytes_' || t, round(avg(octet_length(doc::text))) FROM
  (SELECT 'nested' t, doc FROM short_nested UNION ALL SELECT 'uniform', doc FROM short_uniform) s GROUP BY t;
SELECT 'sql_short_rows_' || t, count(*) FROM
  (SELECT 'nested' t FROM short_nested UNION ALL SELECT 'uniform' FROM short_uniform) s GROUP BY t;
SELECT m.k || '_' || d.name, m.v
  FROM docs d CROSS JOIN LATERAL (VALUES
    ('sql_md',          bench_ms('SELECT toon_to_markdown($1) IS NOT NULL', d.doc, :reps)),
    ('sql_toon_json',   bench_ms('SELECT $1::json IS NOT NULL', d.doc, :reps)),
    ('sql_toon_jsonb',  bench_ms('SELECT $1::jsonb IS NOT NULL', d.doc, :reps)),
    ('sql_json_jsonb',  bench_ms('SELECT $1::jsonb IS NOT NULL', d.js, :reps))
  ) AS m(k, v);
SELECT m.k || '_' || t, m.v FROM (VALUES ('uniform'), ('nested')) AS s(t) CROSS JOIN LATERAL (VALUES
    ('sql_short_md',         bench_ms(format('SELECT count(toon_to_markdown(doc)) > 0 FROM short_%s', t), 0, :reps)),
    ('sql_short_toon_json',  bench_ms(format('SELECT count(doc::json) > 0 FROM short_%s', t), 0, :reps)),
    ('sql_short_toon_jsonb', bench_ms(format('SELECT count(doc::jsonb) > 0 FROM short_%s', t), 0, :reps)),
    ('sql_short_json_jsonb', bench_ms(format('SELECT count(js::jsonb) > 0 FROM short_%s', t), 0, :reps))
  ) AS m(k, v);
SQL
) || exit 1
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

r() { echo "${R[$1]:-?}"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2fx", a / b; else printf "?" }'; }
# "ok" / "MISSED": value (a number, "x" allowed) against a target; $3 "le" for at most.
mark() { awk -v x="${1%x}" -v t="$2" -v op="${3:-ge}" 'BEGIN { if (x == "?" || x == "") print "?"; else if ((op == "ge" && x + 0 >= t) || (op == "le" && x + 0 <= t)) print "ok"; else print "MISSED" }'; }
row() { printf '%-52s %16s %16s   %s\n' "$@"; }
both() { row "$1" "$(r "$2_uniform")" "$(r "$2_nested")" "${3:-}"; }
ratio_row() {  # label, numerator key, denominator key, target, le|ge
    local u n
    u=$(div "$(r "$2_uniform")" "$(r "$3_uniform")"); n=$(div "$(r "$2_nested")" "$(r "$3_nested")")
    row "$1" "$u" "$n" "${4:+$4: $(mark "$u" "${4#* }" "$5") / $(mark "$n" "${4#* }" "$5")}"
}

# ms per document from MB/s of TOON; $1 key prefix, $2 uniform|nested.
ms() { awk -v mb="$(r "doc_mb_$2")" -v s="$(r "$1_$2")" 'BEGIN { if (s + 0 > 0) printf "%.1f", mb * 1000 / s; else printf "?" }'; }
ms_row() { row "$1" "$(ms "$2" uniform)" "$(ms "$2" nested)" "${3:-}"; }
# Markdown streamed from the parser at the JSON writer's cost per output
# byte: (parse + (json path - parse) * Markdown bytes / JSON bytes) / json path.
floor() {
    awk -v p="$(ms doc_parse "$1")" -v j="$(ms doc_decode_json "$1")" -v m="$(r "doc_out_mb_markdown_$1")" \
        -v o="$(r "doc_out_mb_json_$1")" 'BEGIN { if (j + 0 > 0 && o + 0 > 0) printf "%.2fx", (p + (j - p) * m / o) / j; else printf "?" }'
}

echo
row "" "uniform table" "nested/mixed" "target"
row "TOON document size (MB)" "$(r doc_mb_uniform)" "$(r doc_mb_nested)" ""
row "compact tree == reference JSON" "$(r doc_same_uniform)" "$(r doc_same_nested)" ""
echo "core, MB/s of TOON text (CPU time)"
both "  decode into the compact document tree" doc_decode_tree ">= 200: $(mark "$(r doc_decode_tree_uniform)" 200) / $(mark "$(r doc_decode_tree_nested)" 200) (aim 400)"
row "  the same, short documents (ns per document)" "$(r doc_short_decode_tree_uniform) ($(r doc_short_ns_uniform))" "$(r doc_short_decode_tree_nested) ($(r doc_short_ns_nested))" ""
both "  decode into a Value tree (before)" doc_decode_value
both "  decode streamed to JSON text" doc_decode_json
both "  decode + Markdown render" doc_markdown
both "  compact tree memory / input size" doc_mem_ratio "<= 3: $(mark "$(r doc_mem_ratio_uniform)" 3 le) / $(mark "$(r doc_mem_ratio_nested)" 3 le)"
echo "core, where the time goes (CPU ms per document)"
ms_row "  parse alone, no output (validation)" doc_parse
ms_row "  decode into the compact tree" doc_decode_tree
ms_row "  Markdown from that tree" doc_tree_markdown
ms_row "  JSON from the same tree" doc_tree_json
ms_row "  decode streamed to JSON (toon::json's path)" doc_decode_json
row "  output MB: Markdown / JSON" "$(r doc_out_mb_markdown_uniform) / $(r doc_out_mb_json_uniform)" \
    "$(r doc_out_mb_markdown_nested) / $(r doc_out_mb_json_nested)" ""
row "  streamed Markdown at JSON's cost per byte / JSON" "$(floor uniform)" "$(floor nested)" "(estimate)"
echo "SQL, one stored document, backend CPU ms per run ($reps runs)"
both "  toon_to_markdown(toon)" sql_md
both "  toon::json" sql_toon_json
ratio_row "    markdown time / toon::json time" sql_md sql_toon_json "<= 1.0" le
both "  toon::jsonb" sql_toon_jsonb
both "  json::jsonb (same data)" sql_json_jsonb
ratio_row "    toon::jsonb speed-up over json::jsonb" sql_json_jsonb sql_toon_jsonb ">= 1.0" ge
echo "SQL, short documents, backend CPU ms per pass over the table ($reps passes)"
row "  rows, average TOON bytes" "$(r sql_short_rows_uniform) x $(r sql_short_bytes_uniform) B" "$(r sql_short_rows_nested) x $(r sql_short_bytes_nested) B" ""
both "  toon_to_markdown(toon)" sql_short_md
both "  toon::json" sql_short_toon_json
ratio_row "    markdown time / toon::json time" sql_short_md sql_short_toon_json
both "  toon::jsonb" sql_short_toon_jsonb
both "  json::jsonb (same data)" sql_short_json_jsonb
ratio_row "    toon::jsonb speed-up over json::jsonb" sql_short_json_jsonb sql_short_toon_jsonb
echo "($(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
