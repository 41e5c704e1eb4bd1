#!/usr/bin/env bash
# GoogleTest unit tests of src/core (no server). A test counts as failed by its
# own "[  FAILED  ] Suite.Name (N ms)" line (--gtest_brief prints no failure
# summary); a non-zero exit without such a line (abort, crash) is one failure.
# TOON_PLANT_FAILURE=1 runs only the planted failing test (self-check).
. "$(dirname "$0")/../lib.sh"
args=(--gtest_brief=1)
[ -n "${TOON_PLANT_FAILURE:-}" ] && args+=(--gtest_also_run_disabled_tests --gtest_filter='SelfCheck.*')
out=$(mktemp)
"$TOP/test/core/toon_core_tests" "${args[@]}" >"$out" 2>&1
rc=$?
tail -n 30 "$out"
ran=$(sed -n 's/^\[==========\] \([0-9]*\) tests\? from .* ran\..*/\1/p' "$out" | tail -1)
f=$(grep -cE '^\[  FAILED  \] [A-Za-z0-9_/]+\.[A-Za-z0-9_/]+' "$out")
rm -f "$out"
p=$(( ${ran:-0} - f )); [ "$p" -lt 0 ] && p=0
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "toon_core_tests exited with $rc"; f=1; fi
if [ "$rc" -eq 0 ] && [ -z "$ran" ]; then echo "toon_core_tests printed no summary"; f=1; fi
report "$p" "$f"
