#!/usr/bin/env bash
# Token-counting benchmark (issue 3), run by `make bench` inside a throwaway
# cluster. On the SAME texts (bench/tokens_data.mjs: ~2 MB English prose,
# C headers, multilingual text, TOON/JSON), in one run:
#   - the core count() MB/s, whole text and per 10 KB slice, and µs per call on
#     100-byte texts (bench/tokens_bench.cpp; thread CPU time, medians);
#   - node peers: tiktoken 1.0.22 (WASM), gpt-tokenizer 4.0.0 (JS) and
#     tiktoken-node 0.0.7 (native tiktoken-rs, cl100k_base only), pinned in
#     bench/package.json (process CPU time, medians);
#   - SQL: toon_token_count() over 10 KB rows and per 100-byte row (backend CPU
#     time), and the first call in a fresh backend against the second.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT="$TOP/bench/out"
TEXTS="prose code multilingual structured"

if [ ! -d "$TOP/bench/node_modules" ] || [ "$TOP/bench/package-lock.json" -nt "$TOP/bench/node_modules/.package-lock.json" ]; then
    (cd "$TOP/bench" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
node "$TOP/bench/tokens_data.mjs" "$OUT" || exit 1
files=$(for t in $TEXTS; do printf '%s ' "$OUT/tokens_$t.txt"; done)

declare -A R
raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
db=toon_tokens_bench
"$TOP/bench/tokens_bench" $files > "$raw" || exit 1
(cd "$TOP/bench" && node tokens_peers.mjs $files) >> "$raw" || exit 1
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null 2>&1 &&
    psql -qX -d "$db" -c "CREATE EXTENSION toon" &&
    PGDATABASE=$db node "$TOP/bench/tokens_sql.mjs" "$OUT" $TEXTS >> "$raw"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
while read -r kind a b c d e f g; do
    case $kind in
        core) R[core_${a}_$b]=$c; R[core10k_${a}_$b]=$d; R[corecall_${a}_$b]=$e; R[tokens_${a}_$b]=$f ;;
        peer) R[${a}_${b}_$c]=$d; R[${a}call_${b}_$c]=$e; R[${a}tokens_${b}_$c]=$f ;;
        sql) R[sql_${a}_$b]=$c; R[coreadj_${a}_$b]=$d; R[sqlfn_${a}_$b]=$e ;;
        sqlcall) R[sqlcall]=$a; R[sqlcallbase]=$b ;;
        first) R[first]=$a; R[second]=$b ;;
    esac
done < "$raw"

v() { echo "${R[$1]:--}"; }
ratio() { awk -v a="${R[$1]:-}" -v b="${R[$2]:-}" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.1fx", a / b }'; }
best_peer() {  # fastest node peer for text $1, encoding $2
    local best=0 p
    for p in tiktoken gpt-tokenizer tiktoken-node; do
        local x=${R[${p}_$1_$2]:-0}
        awk -v x="$x" -v b="$best" 'BEGIN { exit !(x > b) }' && best=$x
    done
    echo "$best"
}

echo
echo "Token counting throughput, MB/s (CPU time; higher is better)"
echo
echo "| text | encoding | core | SQL, 10 KB rows | SQL / core | SQL function only / core | tiktoken (WASM) | gpt-tokenizer | tiktoken-node | core / tiktoken | core / fastest peer |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for t in $TEXTS; do
    for e in o200k_base cl100k_base; do
        R[best_${t}_$e]=$(best_peer "$t" "$e")
        echo "| $t | $e | $(v core_${t}_$e) | $(v sql_${t}_$e) | $(ratio sql_${t}_$e coreadj_${t}_$e) | $(ratio sqlfn_${t}_$e coreadj_${t}_$e) | $(v tiktoken_${t}_$e) | $(v gpt-tokenizer_${t}_$e) | $(v tiktoken-node_${t}_$e) | $(ratio core_${t}_$e tiktoken_${t}_$e) | $(ratio core_${t}_$e best_${t}_$e) |"
    done
done
echo
echo "SQL / core: toon_token_count() over a table of 10 KB rows (uncompressed TOAST) against the"
echo "core on the same 10 KB slices measured just before and after the query (same machine load)."
echo "SQL function only: the query time minus the same scan reading every row (octet_length(s || ''))."
echo
echo "Token counts on the same texts (tiktoken is the reference)"
echo
echo "| text | encoding | core | tiktoken | gpt-tokenizer | tiktoken-node |"
echo "|---|---|---:|---:|---:|---:|"
for t in $TEXTS; do
    for e in o200k_base cl100k_base; do
        echo "| $t | $e | $(v tokens_${t}_$e) | $(v tiktokentokens_${t}_$e) | $(v gpt-tokenizertokens_${t}_$e) | $(v tiktoken-nodetokens_${t}_$e) |"
    done
done
echo
echo "Per call on 100-byte texts of prose, µs (o200k_base unless noted)"
echo
echo "| core | SQL per row | SQL scan without counting | tiktoken (WASM) | gpt-tokenizer | tiktoken-node (cl100k) |"
echo "|---:|---:|---:|---:|---:|---:|"
echo "| $(v corecall_prose_o200k_base) | $(v sqlcall) | $(v sqlcallbase) | $(v tiktokencall_prose_o200k_base) | $(v gpt-tokenizercall_prose_o200k_base) | $(v tiktoken-nodecall_prose_cl100k_base) |"
echo
echo "First call in a fresh backend (loads the library and touches the vocabulary): $(v first) ms;"
echo "second call: $(v second) ms (client wall time, medians of 15 connections)."
echo "($(nproc) cores, load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
