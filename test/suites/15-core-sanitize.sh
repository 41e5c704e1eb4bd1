#!/usr/bin/env bash
# The core unit tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer (memory errors, leaks, overflow, misaligned or
# out-of-range operations abort the run). Counted like 10-core-unit; a
# sanitizer abort (non-zero exit) is a failure.
# TOON_PLANT_FAILURE=1 runs only the planted failing test (self-check).
. "$(dirname "$0")/../lib.sh"
cd "$TOP"
if ! make -s -j"$(nproc)" test/core/toon_core_tests_sanitize >/dev/null; then
    echo "sanitizer build failed"; report 0 1; exit 1
fi
args=(--gtest_brief=1)
[ -n "${TOON_PLANT_FAILURE:-}" ] && args+=(--gtest_also_run_disabled_tests --gtest_filter='SelfCheck.*')
out=$(mktemp)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    test/core/toon_core_tests_sanitize "${args[@]}" >"$out" 2>&1
rc=$?
tail -n 30 "$out"
ran=$(sed -n 's/^\[==========\] \([0-9]*\) tests\? from .* ran\..*/\1/p' "$out" | tail -1)
f=$(grep -cE '^\[  FAILED  \] [A-Za-z0-9_/]+\.[A-Za-z0-9_/]+' "$out")
rm -f "$out"
p=$(( ${ran:-0} - f )); [ "$p" -lt 0 ] && p=0
# A sanitizer abort ends the run early: count it as a failure.
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then echo "toon_core_tests_sanitize exited with $rc"; f=1; fi
if [ "$rc" -eq 0 ] && [ -z "$ran" ]; then echo "toon_core_tests_sanitize printed no summary"; f=1; fi
report "$p" "$f"
