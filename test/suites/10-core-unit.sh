#!/usr/bin/env bash
# GoogleTest unit tests of src/core (no server).
. "$(dirname "$0")/../lib.sh"
out=$(mktemp)
"$TOP/test/core/toon_core_tests" --gtest_brief=1 2>&1 | tee "$out" | tail -n 30
p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
rm -f "$out"
report "${p:-0}" "${f:-0}"
