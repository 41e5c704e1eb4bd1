#!/usr/bin/env bash
# toon_agg and the context API example: examples/context_api.sql loads, and
# every view answers with TOON that is byte-identical to the JSON path
# encoded by to_toon() and decodes to the same JSON; toon_token_savings()
# against tiktoken and the reference encoder (test/node/token_savings.mjs);
# cancel reaches a long toon_agg. (Per-type mapping and the random-table
# differential are in sql/agg.sql, run by pg_regress.)
# TOON_PLANT_FAILURE=1 (self-check): the first view check expects 301 rows
# instead of the 300 generated and must fail; everything after it is skipped.
. "$(dirname "$0")/../lib.sh"
passed=0; failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }
export PGDATABASE=toon_agg
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS toon_agg" \
    -c "CREATE DATABASE toon_agg" >/dev/null || { report 0 1; exit 1; }
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS toon_agg" >/dev/null 2>&1' EXIT

# 1. The example loads and generates data.
if PGOPTIONS="-c client_min_messages=warning" psql -qX -v ON_ERROR_STOP=1 -f "$TOP/examples/context_api.sql" >/dev/null &&
   psql -qX -v ON_ERROR_STOP=1 -c "SELECT context_api.generate(300, 19, 5)" >/dev/null; then
    pass "examples/context_api.sql loads, generate(300, 19, 5)"
else
    fail "examples/context_api.sql loads"; report "$passed" "$failed"; exit 1
fi

# 2. Each view against the JSON path (one check per view, over all its rows).
check() {  # name, query returning the number of bad rows, expected row count query
    local bad
    bad=$(psql -qAtX -c "$2" 2>&1)
    if [ "$bad" = "0" ]; then pass "$1"; else fail "$1 ($bad)"; fi
}
rows=300; [ -n "${TOON_PLANT_FAILURE:-}" ] && rows=301   # planted: a wrong expected row count
check "checkpoint_context.toon = to_toon(json path), byte for byte ($rows rows)" \
  "SELECT count(*) FILTER (WHERE x.toon::text IS DISTINCT FROM to_toon(j.json)::text) + abs(count(*) - $rows)
     FROM context_api.checkpoint_context x JOIN context_api.checkpoint_context_json j USING (id)"
[ -n "${TOON_PLANT_FAILURE:-}" ] && { report "$passed" "$failed"; exit; }
check "checkpoint_context.toon decodes to the JSON path's json" \
  "SELECT count(*) FILTER (WHERE toon_to_json(x.toon)::jsonb IS DISTINCT FROM j.json::jsonb)
     FROM context_api.checkpoint_context x JOIN context_api.checkpoint_context_json j USING (id)"
check "checkpoint_context.toon decodes to jsonb_pretty's document" \
  "SELECT count(*) FILTER (WHERE toon_to_json(x.toon)::jsonb IS DISTINCT FROM j.json_pretty::jsonb)
     FROM context_api.checkpoint_context x JOIN context_api.checkpoint_context_json j USING (id)"
check "checkpoint_context.markdown = toon_to_markdown(toon), tokens = toon_token_count(toon)" \
  "SELECT count(*) FILTER (WHERE markdown IS DISTINCT FROM toon_to_markdown(toon)
                             OR tokens IS DISTINCT FROM toon_token_count(toon) OR markdown = '')
     FROM context_api.checkpoint_context"
check "session_checkpoints (toon_agg) = to_toon(json_agg(...)) per session" \
  "SELECT count(*) FILTER (WHERE s.toon::text IS DISTINCT FROM j.t::text) + abs(count(*) - 15)
     FROM context_api.session_checkpoints s
     JOIN (SELECT c.session_id, to_toon(json_agg(r ORDER BY r.seq)) AS t
             FROM context_api.checkpoints c
            CROSS JOIN LATERAL (SELECT c.seq, c.id, c.created_at, c.title, c.status, c.tokens_used) r
            GROUP BY c.session_id) j USING (session_id)"
check "checkpoint_submodules (toon_object_agg) = to_toon(json_object_agg(...)), a keyed table" \
  "SELECT count(*) FILTER (WHERE s.toon::text IS DISTINCT FROM j.t::text OR s.toon::text NOT LIKE '[19:]{%')
     FROM context_api.checkpoint_submodules s
     JOIN (SELECT sm.checkpoint_id AS id, to_toon(json_object_agg(sm.name, r ORDER BY sm.name)) AS t
             FROM context_api.submodules sm
            CROSS JOIN LATERAL (SELECT sm.state, sm.commit, sm.files_changed, sm.tests_failed) r
            GROUP BY sm.checkpoint_id) j USING (id)"
psql -qX -c "SELECT context_api.remember_checkpoint(i) FROM unnest(ARRAY[1, 150, 300]) i" >/dev/null
check "memory table: remember_checkpoint stores the TOON; markdown/tokens/json derived on demand" \
  "SELECT count(*) FILTER (WHERE m.doc::text IS DISTINCT FROM x.toon::text OR m.json IS DISTINCT FROM toon_to_json(x.toon)::jsonb
                             OR m.markdown IS DISTINCT FROM x.markdown OR m.tokens IS DISTINCT FROM x.tokens)
          + abs(count(*) - 3)
     FROM context_api.memory_view m JOIN context_api.checkpoint_context x ON m.key = 'checkpoint/' || x.id"

plan=$(psql -qAtX -c "EXPLAIN SELECT toon FROM context_api.checkpoint_context WHERE id = 7" 2>&1)
if echo "$plan" | grep -q "Index Cond: (id = 7)" && ! echo "$plan" | grep -qE "Seq Scan on (checkpoints|submodules|tasks)"; then
    pass "GET /checkpoints/{id} is one query: index scans on checkpoints, submodules, tasks"
else
    fail "GET /checkpoints/{id} plan: $plan"
fi

# 3. toon_token_savings against tiktoken and the reference encoder.
out=$(cd "$TOP/test/node" && node token_savings.mjs 2>&1)
echo "$out" | grep -v '^SAVINGS' | head -20
read -r _ p f <<< "$(echo "$out" | grep '^SAVINGS' || echo 'SAVINGS 0 1')"
passed=$((passed + p)); failed=$((failed + f))
echo "toon_token_savings vs tiktoken: $p passed, $f failed"

# 4. Cancel: statement_timeout stops a long toon_agg with SQLSTATE 57014.
err=$(psql -qX -v VERBOSITY=verbose -c "SET statement_timeout = '300ms'" \
      -c "SELECT length(toon_agg(g)::text) FROM generate_series(1, 200000000) g" 2>&1)
if echo "$err" | grep -q "57014"; then pass "statement_timeout cancels toon_agg (57014)"; else fail "cancel: $err"; fi

report "$passed" "$failed"
