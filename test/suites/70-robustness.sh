#!/usr/bin/env bash
# Hostile input against the SQL surface (test/node/robustness.mjs): deep
# nesting, 300 MB documents, ill-formed UTF-8, bad options, query cancel and
# statement_timeout latency, seeded fuzz. Every case: correct result or clean
# error with the right SQLSTATE, and the backend survives.
# TOON_ROBUSTNESS=deep,fuzz,... runs only some groups.
. "$(dirname "$0")/../lib.sh"
db=toon_robust; adb=toon_robust_ascii
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $adb" \
     -c "CREATE DATABASE $db" \
     -c "CREATE DATABASE $adb ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null &&
psql -qX -d "$adb" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || { report 0 1; exit 1; }
out=$(mktemp)
node "$TOP/test/node/robustness.mjs" "$db" "$adb" ${TOON_ROBUSTNESS:+${TOON_ROBUSTNESS//,/ }} 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $adb" >/dev/null
report "${p:-0}" "${f:-1}"
