#!/usr/bin/env bash
# Self-check of the test harness: every other suite, run with
# TOON_PLANT_FAILURE=1, plants one genuinely failing case that goes through
# its real checks (a failing gtest, a wrong expectation against the oracle, a
# wrong expected file, a failing pgTAP point, ...; see each suite's header)
# and must then exit non-zero AND report at least one failure. One case per
# suite. Sizes are cut down for speed (the planted case does not depend on
# them). Runs last; a suite that cannot fail shows up here as FAIL.
. "$(dirname "$0")/../lib.sh"
passed=0; failed=0
for s in "$TOP"/test/suites/*.sh; do
    name=$(basename "$s" .sh)
    [ "$name" = "$SUITE" ] && continue
    results=$(mktemp); log=$(mktemp)
    t0=$(date +%s)
    TOON_PLANT_FAILURE=1 TOON_RESULTS="$results" TOON_FUZZ_SECONDS=3 TOON_DIFF_COUNT=20 \
        TOON_DECODE_DIFF_COUNT=50 TOON_MD_COUNT=5 TOON_ROBUSTNESS=options \
        bash "$s" >"$log" 2>&1
    rc=$?
    read -r _ p f < <(tail -n 1 "$results") || true
    took=$(( $(date +%s) - t0 ))
    if [ "$rc" -ne 0 ] && [[ "${f:-}" =~ ^[0-9]+$ ]] && [ "$f" -ge 1 ]; then
        passed=$((passed + 1)); echo "ok   $name fails on its planted case: exit $rc, ${p:-0} passed, $f failed (${took}s)"
    else
        failed=$((failed + 1)); echo "FAIL $name did not report its planted failure: exit $rc, result '${p:-?} ${f:-?}' (${took}s)"
        tail -n 15 "$log" | sed 's/^/     /'
    fi
    p=; f=
    rm -f "$results" "$log"
done
report "$passed" "$failed"
