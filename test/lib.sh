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

# Runs `node SCRIPT ARGS...` with PGDATABASE set to a fresh database DB that
# has the extension, shows its output, reports the script's closing
# "RESULT <passed> <failed>" line (a run that dies before it counts as one
# failure) and drops DB. Usage: node_suite_in_fresh_db DB SCRIPT [ARGS...]
node_suite_in_fresh_db() {
    local db=$1 out p f
    shift
    PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
        -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null &&
        psql -qX -d "$db" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || {
        report 0 1
        return 1
    }
    out=$(mktemp)
    PGDATABASE=$db node "$@" 2>&1 | tee "$out"
    read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
    rm -f "$out"
    psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null
    report "${p:-0}" "${f:-1}"
}
