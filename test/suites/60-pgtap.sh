#!/usr/bin/env bash
# pgTAP contract tests (test/pgtap/*.sql) run by pg_prove in a fresh database
# with extensions pgtap and toon. Counts TAP test points (ok / not ok).
. "$(dirname "$0")/../lib.sh"
db=toon_pgtap
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION toon' >/dev/null ||
    { report 0 1; exit 1; }
out=$(mktemp)
files=("$TOP"/test/pgtap/*.sql)
if [ -n "${TOON_PLANT_FAILURE:-}" ]; then
    # Self-check: one planted failing test point in a scratch file.
    planted=$(mktemp --suffix=.sql)
    printf 'BEGIN;\nSELECT plan(1);\nSELECT ok(false, %s);\nSELECT * FROM finish();\nROLLBACK;\n' "'planted failure'" > "$planted"
    files+=("$planted")
fi
pg_prove -d "$db" --verbose "${files[@]}" 2>&1 | tee "$out" | grep -Ev '^ok '
rc=${PIPESTATUS[0]}
[ -n "${planted:-}" ] && rm -f "$planted"
p=$(grep -cE '^ok ' "$out"); f=$(grep -cE '^not ok ' "$out")
rm -f "$out"
# pg_prove failing without a failed test point (a script error, a bad plan) is one failure.
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
report "$p" "$f"
