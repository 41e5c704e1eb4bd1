#!/usr/bin/env bash
# The 516 spec fixtures through SQL: toon_to_json/toon_is_valid/text::toon for
# decode, to_toon(json)/json::toon for encode (test/node/sql_conformance.mjs).
# Counts fixture cases; prints pass/fail per fixture file and every failure.
. "$(dirname "$0")/../lib.sh"
node_suite_in_fresh_db toon_sql_conformance "$TOP/test/node/sql_conformance.mjs" "$TOP/test/fixtures/spec"
