#!/usr/bin/env bash
# Token counting: exactness of the core tokenizer (test/tools/toon_tokenize)
# against npm tiktoken 1.0.22 on the corpus of test/node/tokens_corpus.mjs
# (system texts, JSON/TOON, multilingual, every code point, long runs, seeded
# fuzzer), ids and counts, both encodings alternating in one tokenizer
# process: one case per document and encoding; a missing RESULT line for
# either encoding is a failure. Then a corpus sample through SQL, cancel /
# statement_timeout on 100 MB, and near-linear scaling on unsplittable input
# (timed with /usr/bin/time: Debian package "time", installed by test/setup;
# missing, the suite fails).
# TOON_PLANT_FAILURE=1 (self-check): exactness on 200 fuzz cases with one
# planted wrong expectation per encoding, and nothing else.
. "$(dirname "$0")/../lib.sh"
passed=0; failed=0
pass() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

if ! make -s -C "$TOP" test-tools >/dev/null; then
    echo "could not build test/tools/toon_tokenize"; report 0 1; exit 1
fi
tool="$TOP/test/tools/toon_tokenize"
export PGDATABASE=toon_tokens
PGOPTIONS="-c client_min_messages=warning" psql -qX -d postgres -c "DROP DATABASE IF EXISTS toon_tokens" \
    -c "CREATE DATABASE toon_tokens" >/dev/null && psql -qX -c "CREATE EXTENSION toon" || { report 0 1; exit 1; }
cleanup() {
    for db in toon_tokens toon_tokens_latin1 toon_tokens_ascii; do psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1; done
}
trap cleanup EXIT

# 1. Exactness: every document of the corpus, both encodings.
out=$(mktemp)
corpus_args=(); [ -n "${TOON_PLANT_FAILURE:-}" ] && corpus_args=(1 200)
(cd "$TOP/test/node" && node tokens_exactness.mjs "$tool" "${corpus_args[@]}") > "$out" 2>&1
grep -v '^RESULT' "$out" | head -40
for enc in cl100k_base o200k_base; do
    read -r _ _ docs bytes mismatches < <(grep "^RESULT $enc " "$out")
    if [ -z "${docs:-}" ]; then
        fail "exactness $enc: no RESULT line (the run did not complete)"
    elif [[ "$mismatches" =~ ^[0-9]+$ ]]; then
        echo "exactness $enc: $docs documents, $bytes bytes, $mismatches mismatches"
        passed=$((passed + docs - mismatches)); failed=$((failed + mismatches))
    else
        fail "exactness $enc: $mismatches"
    fi
    docs=
done
rm -f "$out"
if [ -n "${TOON_PLANT_FAILURE:-}" ]; then report "$passed" "$failed"; exit; fi

# 2. A sample through SQL (ids, counts, truncate, chunks) against tiktoken.
out=$(mktemp)
(cd "$TOP/test/node" && node tokens_sql.mjs) > "$out" 2>&1
cat "$out"
read -r _ p f < <(grep '^SQLTOKENS' "$out" || echo "SQLTOKENS 0 1")
rm -f "$out"
passed=$((passed + p)); failed=$((failed + f))

# 3. 100 MB counts without error; statement_timeout stops it within 100 ms.
#    The text is stored uncompressed so that reading it takes little of the time.
psql -qX -c "CREATE TABLE big (doc text)" -c "ALTER TABLE big ALTER doc SET STORAGE EXTERNAL" \
    -c "INSERT INTO big SELECT repeat('hello world ', 8738134)"
n=$(psql -XAtq -c "SELECT toon_token_count(doc) FROM big")
[ "$n" = "17476269" ] && pass "100 MB counted ($n tokens)" || fail "100 MB count: got '$n'"
res=$(psql -XAq -c "SET statement_timeout = '200ms'" -c '\timing on' -c "SELECT toon_token_count(doc) FROM big" 2>&1)
ms=$(sed -n 's/^Time: \([0-9]*\).*/\1/p' <<< "$res" | tail -1)
if [[ "$res" == *"canceling statement due to statement timeout"* ]] && [ -n "$ms" ] && [ "$ms" -lt 300 ]; then
    pass "statement_timeout 200 ms stopped a 100 MB count after $ms ms"
else
    fail "statement_timeout 200 ms on a 100 MB count: ${ms:-?} ms, $res"
fi

# 4. Near-linear on 4 MB without split points: 4x the input may take at most
#    8x the time (quadratic merging would take 16x). CPU time (user + system),
#    which other work on a busy machine inflates less than elapsed time. The
#    smaller input is 1 MB, so that it takes about 0.3 s: at 256 kB (0.03 s)
#    the 10 ms resolution of the timer alone could fail the check.
scale() {
    local name=$1 unit=$2 small=$3
    local t1 t2 s
    s=$(mktemp)
    node -e "process.stdout.write(process.argv[1].repeat(+process.argv[2]))" "$unit" "$small" > "$s"
    t1=$( { /usr/bin/time -f '%U %S' "$tool" o200k_base count < "$s" >/dev/null; } 2>&1 | awk '{ print $1 + $2 }' )
    node -e "process.stdout.write(process.argv[1].repeat(4 * process.argv[2]))" "$unit" "$small" > "$s"
    t2=$( { /usr/bin/time -f '%U %S' "$tool" o200k_base count < "$s" >/dev/null; } 2>&1 | awk '{ print $1 + $2 }' )
    rm -f "$s"
    if awk -v a="$t1" -v b="$t2" 'BEGIN { exit !(b <= 8 * a + 0.05) }'; then
        pass "near-linear on $name: ${t1}s CPU for 1/4, ${t2}s for all"
    else
        fail "not linear on $name: ${t1}s CPU for 1/4, ${t2}s for all"
    fi
}
if [ -x /usr/bin/time ]; then
    scale "4 MB of one letter" a 1048576
    scale "4 MB of spaces" " " 1048576
    scale "4 MB of one emoji" "🙂" 262144
    scale "4 MB of random-free letters/marks" "é" 524288
else
    fail "scaling checks need /usr/bin/time (Debian package \"time\", installed by test/setup)"
fi
# 5. Non-UTF-8 databases: LATIN1 text is converted (same count as in UTF-8);
#    SQL_ASCII bytes must be well-formed UTF-8 (else 22021).
want=$(psql -XAtq -c "SELECT toon_token_count('café déjà vu', 'cl100k_base')")
psql -qX -d postgres -c "CREATE DATABASE toon_tokens_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" \
    -c "CREATE DATABASE toon_tokens_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" >/dev/null
got=$(PGCLIENTENCODING=UTF8 psql -XAtq -d toon_tokens_latin1 -c "CREATE EXTENSION toon" \
    -c "SELECT toon_token_count('café déjà vu', 'cl100k_base'), toon_token_truncate('café déjà vu', 2, 'cl100k_base')")
[ "$got" = "$want|café" ] && pass "LATIN1 database converts to UTF-8 ($got)" || fail "LATIN1 database: got '$got', want '$want|café'"
got=$(psql -XAtq -d toon_tokens_ascii -c "CREATE EXTENSION toon" -c "SELECT toon_token_count(convert_from('\\x636166c3a9', 'SQL_ASCII'))" 2>&1)
[ "$got" = "2" ] && pass "SQL_ASCII database counts well-formed UTF-8" || fail "SQL_ASCII well-formed: '$got'"
got=$(psql -XAtq -d toon_tokens_ascii -v VERBOSITY=verbose -c "\\set VERBOSITY verbose" -c "SELECT toon_token_count(convert_from('\\x636166e9', 'SQL_ASCII'))" 2>&1)
[[ "$got" == *22021* ]] && pass "SQL_ASCII database rejects ill-formed UTF-8 with 22021" || fail "SQL_ASCII ill-formed: '$got'"

report "$passed" "$failed"
