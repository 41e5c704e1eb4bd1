#!/usr/bin/env bash
# The 516 spec fixtures through SQL: toon_to_json/toon_is_valid/text::toon for
# decode, to_toon(json)/json::toon for encode (test/node/sql_conformance.mjs).
# Counts fixture cases; prints pass/fail per fixture file and every failure.
. "$(dirname "$0")/../lib.sh"
db=toon_sql_conformance
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || { report 0 1; exit 1; }
out=$(mktemp)
PGDATABASE=$db node "$TOP/test/node/sql_conformance.mjs" "$TOP/test/fixtures/spec" 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
# A crash before the summary line is one failure.
report "${p:-0}" "${f:-1}"
