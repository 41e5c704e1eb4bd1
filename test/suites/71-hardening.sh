#!/usr/bin/env bash
# Regression tests for the defects of issue 7 (test/node/hardening.mjs):
# output and tree limits, key lookup and cancel in to_toon, SQL_ASCII
# consistency, streaming token chunks, token arrays over MaxArraySize,
# messages in LATIN1, memory after a cancel. Needs UTF8, LATIN1 and SQL_ASCII
# databases. The limits group peaks near 2 GB of backend memory per case.
# TOON_HARDENING=keys,chunks,... runs only some groups.
# TOON_PLANT_FAILURE=1 (self-check): group ascii only (no 2 GB cases); its
# first to_toon(jsonb) case expects 22P02 instead of 22021 and must fail.
. "$(dirname "$0")/../lib.sh"
db=toon_hard; ldb=toon_hard_latin1; adb=toon_hard_ascii
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -v ON_ERROR_STOP=1 \
     -c "DROP DATABASE IF EXISTS $db" -c "DROP DATABASE IF EXISTS $ldb" -c "DROP DATABASE IF EXISTS $adb" \
     -c "CREATE DATABASE $db" \
     -c "CREATE DATABASE $ldb ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
     -c "CREATE DATABASE $adb ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null &&
for d in $db $ldb $adb; do psql -qX -d "$d" -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION toon' >/dev/null || exit 1; done ||
    { report 0 1; exit 1; }
# Defect 8: the tokenizer's character classes are compiled in, so none of
# its objects may call ICU (whose Unicode version follows the server's).
hp=0; hf=0
objs=$(ls "$TOP"/src/core/tokens/*.o 2>/dev/null)
if icu=$(nm -u $objs 2>&1 | grep -E ' (u_|ucase_|uchar_|ubrk_|utrie)|_[0-9]{2}$'); then
    echo "  FAIL tokenizer objects use ICU at run time: $(echo $icu | head -c 300)"; hf=1
elif ! nm -u $objs >/dev/null 2>&1; then
    echo "  FAIL tokenizer objects not found (build first)"; hf=1
else
    echo "  ok   tokenizer objects (src/core/tokens/*.o) make no ICU call"; hp=1
fi
out=$(mktemp)
[ -n "${TOON_PLANT_FAILURE:-}" ] && TOON_HARDENING=ascii
node "$TOP/test/node/hardening.mjs" "$db" "$ldb" "$adb" ${TOON_HARDENING:+${TOON_HARDENING//,/ }} 2>&1 | tee "$out"
read -r p f < <(sed -n 's/^RESULT \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out")
rm -f "$out"
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
    -c "DROP DATABASE IF EXISTS $ldb" -c "DROP DATABASE IF EXISTS $adb" >/dev/null
report $(( ${p:-0} + hp )) $(( ${f:-1} + hf ))
