#!/usr/bin/env bash
# pg_regress (sql/*.sql vs expected/*.out) against the running cluster.
# TOON_PLANT_FAILURE=1 (self-check): a scratch copy of sql/ and expected/ plus
# one planted test whose expected output is wrong.
. "$(dirname "$0")/../lib.sh"
cd "$TOP"
out=$(mktemp)
if [ -n "${TOON_PLANT_FAILURE:-}" ]; then
    scratch=$(mktemp -d)
    mkdir -p "$scratch/sql" "$scratch/expected"
    cp sql/*.sql "$scratch/sql/"; cp expected/*.out "$scratch/expected/"
    printf 'SELECT 1 AS one;\n' > "$scratch/sql/zz_planted.sql"
    printf 'SELECT 1 AS one;\n one \n-----\n   2\n(1 row)\n\n' > "$scratch/expected/zz_planted.out"
    make -s installcheck REGRESS="zz_planted" \
        REGRESS_OPTS="--inputdir=$scratch --outputdir=$scratch --load-extension=toon" 2>&1 | tee "$out"
    rc=${PIPESTATUS[0]}
    [ -f "$scratch/regression.diffs" ] && cp "$scratch/regression.diffs" regression.diffs
    rm -rf "$scratch"
else
    make -s installcheck 2>&1 | tee "$out"
    rc=${PIPESTATUS[0]}
fi
total=$(grep -cE '^(ok|not ok|test) ' "$out" || true)
failed=$(grep -cE '^not ok |^test .* FAILED|\.\.\. FAILED' "$out" || true)
[ -f regression.diffs ] && [ "$failed" -gt 0 ] && head -200 regression.diffs
rm -f "$out"
# pg_regress failing before any test ran (e.g. CREATE EXTENSION) is one failure.
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
passed=$((total - failed)); [ "$passed" -lt 0 ] && passed=0
report "$passed" "$failed"
