#!/usr/bin/env bash
# Soak (make soak; not part of make test): pgbench with 8 clients for
# SOAK_SECONDS (default 300) runs a mixed workload of every function of the
# extension, each transaction checking its own result (a wrong result divides
# by zero, so it counts as a failed transaction):
#   every   test/hardening/every_function.sql: all functions, known answers
#   read    a random stored document through every decoder, Markdown and the
#           token functions, checked against its generated columns
#   write   to_toon() of a random document with a random delimiter and indent
#           into a table with generated columns and an expression index
# Passes when pgbench reports zero failed transactions and every client
# backend's private memory (RssAnon in /proc) at the end is within
# SOAK_MAX_GROWTH_KB (default 4096) of what it was after the warm-up
# (SOAK_WARMUP seconds, default 30).
. "$(dirname "$0")/../lib.sh"
secs=${SOAK_SECONDS:-300}; warm=${SOAK_WARMUP:-30}; max_kb=${SOAK_MAX_GROWTH_KB:-4096}
db=toon_soak
work=$(mktemp -d); chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); echo "  ok   $2"; else failed=$((failed + 1)); echo "  FAIL $2"; fi; }

PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { report 0 1; exit 1; }
CREATE EXTENSION toon;
CREATE TABLE soak_docs (
    id int PRIMARY KEY,
    src jsonb NOT NULL,
    doc toon NOT NULL,
    j jsonb GENERATED ALWAYS AS (toon_to_jsonb(doc)) STORED,
    n int GENERATED ALWAYS AS (toon_token_count(doc)) STORED
);
INSERT INTO soak_docs (id, src, doc)
SELECT i, s, to_toon(s, (ARRAY[',', '|', 'tab'])[1 + i % 3], 1 + i % 4)
  FROM (SELECT i, jsonb_build_object(
          'id', i, 'name', 'user ' || i || ' ' || repeat('é€😀', i % 4),
          'tags', jsonb_build_array('a', 'b c', i, i % 2 = 0, NULL),
          'rows', (SELECT jsonb_agg(jsonb_build_object('k', k, 'v', k * i, 'note', md5((k * i)::text)))
                     FROM generate_series(1, 1 + i % 40) k),
          'nested', jsonb_build_object('deep', jsonb_build_object('x', i::numeric / 7, 'list',
                     (SELECT jsonb_agg(jsonb_build_array(k, 'x' || k)) FROM generate_series(1, i % 5) k)))) AS s
          FROM generate_series(1, 400) i) g;
CREATE TABLE soak_log (
    id bigserial PRIMARY KEY,
    doc toon NOT NULL,
    n int GENERATED ALWAYS AS (toon_token_count(doc, 'cl100k_base')) STORED
);
CREATE INDEX soak_log_name ON soak_log ((toon_to_jsonb(doc) ->> 'name'));
SQL

# every: the known-answer checks of every function; a false one divides by zero.
{ echo 'SELECT 1 / (bool_and(ok))::int FROM ('
  grep -v '^--' "$TOP/test/hardening/every_function.sql" | sed '/^ORDER BY fn;$/d'
  echo ') s;'; } > "$work/every.sql"
cat > "$work/read.sql" <<'SQL'
\set id random(1, 400)
SELECT 1 / (toon_to_jsonb(doc) = src AND doc::jsonb = j AND toon_to_json(doc)::jsonb = src
            AND toon_to_json(doc::text, true, 0)::jsonb = src AND toon_is_valid(doc::text, true, 0)
            AND to_toon(toon_to_json(doc))::jsonb = src
            AND toon_token_count(doc) = n AND cardinality(toon_tokens(doc)) = n
            AND toon_token_count(toon_token_truncate(doc::text, n / 2)) <= n / 2
            AND (SELECT bool_and(toon_token_count(c) <= 50) FROM toon_token_chunks(doc::text, 50, 5) c)
            AND length(toon_to_markdown(doc)) > 0 AND length(toon_to_markdown(j, 0, false)) > 0)::int
  FROM soak_docs WHERE id = :id;
SQL
cat > "$work/write.sql" <<'SQL'
\set id random(1, 400)
\set d random(1, 3)
\set ind random(1, 8)
INSERT INTO soak_log (doc)
SELECT to_toon(src, (ARRAY[',', '|', 'tab'])[:d], :ind) FROM soak_docs WHERE id = :id;
SELECT 1 / (count(*) > 0)::int FROM soak_log WHERE toon_to_jsonb(doc) ->> 'name' = 'user ' || :id || ' '
       || repeat('é€😀', :id % 4);
SQL

# Private memory (kB) of each pgbench backend, "pid:kB" per line.
backend_mem() {
    psql -XAt -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'pgbench'
                            AND backend_type = 'client backend' AND datname = current_database() ORDER BY pid" |
    while read -r pid; do echo "$pid:$(sed -n 's/^RssAnon:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$pid/status 2>/dev/null)"; done
}

echo "pgbench: 8 clients, ${secs} s, scripts every@1 read@8 write@2 (prepared statements)"
pgbench -n -M prepared -c 8 -j 2 -T "$secs" -P 60 -d "$db" \
    -f "$work/every.sql@1" -f "$work/read.sql@8" -f "$work/write.sql@2" >"$work/pgbench.out" 2>&1 &
bench=$!
sleep 3; backend_mem > "$work/mem.cold"
sleep $((warm - 3)); backend_mem > "$work/mem.start"
sleep $((secs - warm - 3)); backend_mem > "$work/mem.end"
wait $bench; rc=$?
grep -E '^(number of|tps|latency average|progress)' "$work/pgbench.out" | sed 's/^/  /'
grep -E 'aborted|ERROR' "$work/pgbench.out" | head -5 | sed 's/^/  /'
tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")
fails=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.out")
check $(( rc != 0 || ${tx:-0} == 0 || ${fails:-1} != 0 )) "pgbench: ${tx:-?} transactions, ${fails:-?} failed, exit $rc"

echo "  backend private memory (RssAnon, kB): pid cold(3 s) start(${warm} s) end($((secs - 3)) s) growth"
worst=0; n=0
while IFS=: read -r pid start; do
    cold=$(sed -n "s/^$pid://p" "$work/mem.cold"); end=$(sed -n "s/^$pid://p" "$work/mem.end")
    if [ -z "$end" ] || [ -z "$start" ]; then echo "    $pid: not measured (start '$start', end '$end')"; continue; fi
    n=$((n + 1)); growth=$((end - start)); [ "$growth" -gt "$worst" ] && worst=$growth
    echo "    $pid ${cold:-?} $start $end $growth"
done < "$work/mem.start"
check $(( n != 8 || worst > max_kb )) "memory: $n backends measured, largest growth after warm-up ${worst} kB (limit ${max_kb} kB)"
psql -XAt -d "$db" -c "SELECT 'rows written: ' || count(*) FROM soak_log" | sed 's/^/  /'
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
report "$passed" "$failed"
