#!/usr/bin/env bash
# pg_regress (sql/*.sql vs expected/*.out) against the running cluster.
. "$(dirname "$0")/../lib.sh"
cd "$TOP"
out=$(mktemp)
make -s installcheck 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}
total=$(grep -cE '^(ok|not ok|test) ' "$out" || true)
failed=$(grep -cE '^not ok |^test .* FAILED|\.\.\. FAILED' "$out" || true)
[ -f regression.diffs ] && [ "$failed" -gt 0 ] && head -200 regression.diffs
rm -f "$out"
# pg_regress failing before any test ran (e.g. CREATE EXTENSION) is one failure.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
passed=$((total - failed)); [ "$passed" -lt 0 ] && passed=0
report "$passed" "$failed"
