#!/usr/bin/env bash
# The core unit tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (memory errors, leaks, overflow, misaligned or
# out-of-range operations abort the run).
. "$(dirname "$0")/../lib.sh"
cd "$TOP"
if ! make -s -j"$(nproc)" test/core/toon_core_tests_sanitize >/dev/null; then
    echo "sanitizer build failed"; report 0 1; exit 1
fi
out=$(mktemp)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    test/core/toon_core_tests_sanitize --gtest_brief=1 >"$out" 2>&1
rc=$?
tail -n 30 "$out"
p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
rm -f "$out"
# A sanitizer abort ends the run early: count it as a failure.
if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then f=1; fi
report "${p:-0}" "${f:-0}"
