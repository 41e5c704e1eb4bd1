#!/usr/bin/env bash
# Context API benchmark (issue 9), run by `make bench` inside a throwaway
# cluster (or alone: `bench/run context`).
#  1. GET /checkpoints/{id}?format=toon|md with pgbench (bench/context/*.sql,
#     prepared statements, random id over 10,000 checkpoints x 19 submodules
#     x 5 tasks of examples/context_api.sql) at 1, 4 and 16 clients, side by
#     side in the same run with the same document as jsonb_pretty(...), as
#     compact json, and with the N+1 pattern: tps and p95 latency (from
#     pgbench's per-transaction log).
#  2. toon_agg vs json_agg and jsonb_agg over 1,000,000 rows (median of
#     BENCH_REPS runs, server-side time).
# BENCH_SECONDS (default 5) sets each pgbench run's duration, BENCH_ROUNDS
# (default 3) the rounds.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
secs=${BENCH_SECONDS:-5}
reps=${BENCH_REPS:-5}
PGBENCH=$(pg_config --bindir)/pgbench
[ -x "$PGBENCH" ] || PGBENCH=pgbench
db=toon_bench_ctx
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null || exit 1
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; rm -rf "$logs"' EXIT
PGOPTIONS="-c client_min_messages=warning" psql -qX -d "$db" -v ON_ERROR_STOP=1 -f "$TOP/examples/context_api.sql" >/dev/null || exit 1
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c "SELECT context_api.generate(10000, 19, 5)" -c "VACUUM ANALYZE" >/dev/null || exit 1
logs=$(mktemp -d)
chmod 777 "$logs"

# Variants are interleaved and repeated (BENCH_ROUNDS, default 3) so that load
# from other processes on the machine hits them alike: tps is the median of the
# rounds, p95 is over every transaction of all rounds.
rounds=${BENCH_ROUNDS:-3}
echo "pgbench -n -M prepared -T $secs x $rounds rounds (interleaved), random checkpoint id of 10,000 ($(nproc) cores)"
printf '%-14s %7s %10s %9s %16s %8s\n' "variant" clients "tps" "p95 ms" "tps vs jsonb_pretty" "p95<5ms"
variants="jsonb_pretty toon md json n_plus_1"
declare -A TPS
for c in 1 4 16; do
    j=$(( c < $(nproc) ? c : $(nproc) ))
    rm -rf "${logs:?}"/*
    declare -A RUNS=()
    for r in $(seq 1 "$rounds"); do
        for v in $variants; do
            mkdir -p "$logs/$v.$r"
            out=$(cd "$logs/$v.$r" && "$PGBENCH" -n -M prepared -T "$secs" -c "$c" -j "$j" -l --log-prefix="$logs/$v.$r/log" \
                  -f "$TOP/bench/context/$v.sql" "$db" 2>&1)
            RUNS[$v]="${RUNS[$v]:-} $(echo "$out" | sed -n 's/^tps = \([0-9.]*\) .*/\1/p' | head -1)"
        done
    done
    for v in $variants; do
        tps=$(echo ${RUNS[$v]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
        p95=$(cat "$logs"/"$v".*/log* 2>/dev/null | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {if (NR) printf "%.2f", a[int(NR*0.95 + 0.5)]/1000}')
        TPS[$v$c]=$tps
        ratio=$(awk -v a="$tps" -v b="${TPS[jsonb_pretty$c]}" 'BEGIN {printf "%.2fx", a/b}')
        ok=$(awk -v p="$p95" 'BEGIN {print (p < 5 ? "yes" : "NO")}')
        printf '%-14s %7d %10.0f %9s %16s %8s\n' "$v" "$c" "$tps" "$p95" "$ratio" "$ok"
    done
done

echo
echo "1,000,000 rows (id, name, score numeric, active, at timestamptz), median of $reps, ms:"
psql -qX -At -F ' ' -d "$db" -v ON_ERROR_STOP=1 -v reps="$reps" <<'SQL' | awk '
{ t[$1] = $2 } END {
  printf "%-10s %10s %10s\n", "aggregate", "ms", "vs jsonb_agg";
  n = split("toon_agg json_agg jsonb_agg", k, " ");
  for (i = 1; i <= n; i++) printf "%-10s %10.0f %9.2fx\n", k[i], t[k[i]], t["jsonb_agg"] / t[k[i]];
}'
CREATE TABLE agg_rows AS
SELECT i AS id, 'name ' || i AS name, (i % 1000)::numeric / 8 AS score, i % 2 = 0 AS active,
       timestamptz '2026-01-01' + i * interval '1 second' AS at
  FROM generate_series(1, 1000000) i;
VACUUM ANALYZE agg_rows;
SET max_parallel_workers_per_gather = 0;
CREATE FUNCTION bench_ms(q text, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE t float8[] := '{}'; t0 timestamptz; n int;
BEGIN
    EXECUTE q INTO n;
    FOR i IN 1..reps LOOP
        t0 := clock_timestamp();
        EXECUTE q INTO n;
        t := t || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x)::numeric FROM unnest(t) x);
END $$;
SELECT 'toon_agg', bench_ms('SELECT pg_column_size(toon_agg(r)) FROM agg_rows r', :reps);
SELECT 'json_agg', bench_ms('SELECT pg_column_size(json_agg(r)) FROM agg_rows r', :reps);
SELECT 'jsonb_agg', bench_ms('SELECT pg_column_size(jsonb_agg(r)) FROM agg_rows r', :reps);
SQL
