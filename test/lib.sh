# Shared helpers for test/suites/*.sh (sourced). A suite prints what it does
# and ends by calling `report PASSED FAILED` once.
set -u
TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SUITE=$(basename "$0" .sh)

report() {
    echo "== $SUITE: $1 passed, $2 failed"
    if [ -n "${TOON_RESULTS:-}" ]; then echo "$SUITE $1 $2" >> "$TOON_RESULTS"; fi
    [ "$2" -eq 0 ]
}
