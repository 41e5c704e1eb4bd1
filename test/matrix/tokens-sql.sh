#!/usr/bin/env bash
# Matrix suite: the whole token exactness corpus through SQL
# (test/matrix/tokens_sql_corpus.mjs) in a fresh database.
. "$(dirname "$0")/../lib.sh"
node_suite_in_fresh_db toon_tokens_corpus "$TOP/test/matrix/tokens_sql_corpus.mjs"
