#!/usr/bin/env bash
# Matrix suite: the whole token exactness corpus through SQL
# (test/matrix/tokens_sql_corpus.mjs) in a fresh database.
. "$(dirname "$0")/../lib.sh"
db=toon_tokens_corpus
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || { report 0 1; exit 1; }
out=$(mktemp)
PGDATABASE=$db node "$TOP/test/matrix/tokens_sql_corpus.mjs" 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
report "${p:-0}" "${f:-1}"
