#!/usr/bin/env bash
# toon::jsonb, built directly from the document tree, against the text path
# toon_to_json(doc)::jsonb on every spec fixture document, a seeded random
# corpus and edge cases (test/node/jsonb_direct.mjs): same jsonb, or the same
# SQLSTATE. Counts documents. JSONB_SEED / JSONB_COUNT change the corpus.
# TOON_PLANT_FAILURE=1 (self-check): only the first 5 fixture documents; the
# text path's jsonb of the first one that decodes is altered in its SQL
# (wrapped by jsonb_build_array), so the real comparison reports it.
. "$(dirname "$0")/../lib.sh"
db=toon_jsonb_direct
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || { report 0 1; exit 1; }
out=$(mktemp)
PGDATABASE=$db node "$TOP/test/node/jsonb_direct.mjs" "$TOP/test/fixtures/spec" "${JSONB_SEED:-20261129}" "${JSONB_COUNT:-1500}" 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
# A crash before the summary line is one failure.
report "${p:-0}" "${f:-1}"
