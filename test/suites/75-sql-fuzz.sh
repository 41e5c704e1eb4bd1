#!/usr/bin/env bash
# SQL-level fuzz of every entry point (test/node/sql_fuzz.mjs) in UTF8, LATIN1
# and SQL_ASCII databases: clean SQLSTATEs only, toon_is_valid agreeing with
# ::toon, round trips and token identities, no backend exit.
# TOON_SQL_FUZZ_SEED (default 1) and TOON_SQL_FUZZ_CASES (per database,
# default 300) make longer or different runs.
# TOON_PLANT_FAILURE=1 (self-check): 3 cases in the UTF8 database only; in
# the first, the toon_is_valid check expects the opposite of ::toon's verdict.
. "$(dirname "$0")/../lib.sh"
u=toon_fuzz_utf8; l=toon_fuzz_latin1; a=toon_fuzz_ascii
drop() { PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $u" \
    -c "DROP DATABASE IF EXISTS $l" -c "DROP DATABASE IF EXISTS $a" >/dev/null; }
drop
psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "CREATE DATABASE $u ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
     -c "CREATE DATABASE $l ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
     -c "CREATE DATABASE $a ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null &&
for d in $u $l $a; do psql -qX -d "$d" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || exit 1; done ||
    { report 0 1; exit 1; }
out=$(mktemp)
if [ -n "${TOON_PLANT_FAILURE:-}" ]; then fuzz_args=(3 $u); else fuzz_args=("${TOON_SQL_FUZZ_CASES:-300}" $u $l $a); fi
node "$TOP/test/node/sql_fuzz.mjs" "${TOON_SQL_FUZZ_SEED:-1}" "${fuzz_args[@]}" 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
drop
report "${p:-0}" "${f:-1}"
