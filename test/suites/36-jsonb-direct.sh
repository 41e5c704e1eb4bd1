#!/usr/bin/env bash
# toon::jsonb, built directly from the document tree, against the text path
# toon_to_json(doc)::jsonb on every spec fixture document, a seeded random
# corpus and edge cases (test/node/jsonb_direct.mjs): same jsonb, or the same
# SQLSTATE. Counts documents. JSONB_SEED / JSONB_COUNT change the corpus.
# TOON_PLANT_FAILURE=1 (self-check): only the first 5 fixture documents; the
# text path's jsonb of the first one that decodes is altered in its SQL
# (wrapped by jsonb_build_array), so the real comparison reports it.
. "$(dirname "$0")/../lib.sh"
node_suite_in_fresh_db toon_jsonb_direct "$TOP/test/node/jsonb_direct.mjs" "$TOP/test/fixtures/spec" "${JSONB_SEED:-20261129}" "${JSONB_COUNT:-1500}"
