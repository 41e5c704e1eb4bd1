#!/usr/bin/env bash
# pgTAP contract tests (test/pgtap/*.sql) run by pg_prove in a fresh database
# with extensions pgtap and toon. Counts TAP test points (ok / not ok).
. "$(dirname "$0")/../lib.sh"
db=toon_pgtap
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION toon' >/dev/null ||
    { report 0 1; exit 1; }
out=$(mktemp)
pg_prove -d "$db" --verbose "$TOP"/test/pgtap/*.sql 2>&1 | tee "$out" | grep -Ev '^ok ' 
rc=${PIPESTATUS[0]}
p=$(grep -cE '^ok ' "$out"); f=$(grep -cE '^not ok ' "$out")
rm -f "$out"
# pg_prove failing without a failed test point (a script error, a bad plan) is one failure.
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
report "$p" "$f"
