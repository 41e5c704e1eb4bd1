#!/usr/bin/env bash
# Proves that every Unicode 16 change the compiled tables carry (the ranges of
# test/fixtures/unicode/unicode16_changes.inc, where tiktoken's Unicode 16.0
# classes differ from ICU 72's) is pinned by the token exactness corpus: for
# each range, a scratch copy of src/core/tokens/char_class.cpp is built that
# classifies the range as Other (as if the compiled tables lacked it), linked
# into a scratch test/tools/toon_tokenize, and the patch cases of the corpus
# (test/node/tokens_corpus.mjs patchCases(), part of the 20-tokens corpus) must
# then show a mismatch against tiktoken. The unmutated build must show none.
# `make test-patch-mutations`; prints one line per range and ends with
# "MUTATIONS <caught> <missed>"; exits non-zero when a range is not caught.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
cd "$TOP"
make -s all test/tools/toon_tokenize >/dev/null || { echo "build failed"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CXX=${CXX:-g++}
flags="-std=c++17 -O2 -fvisibility=hidden -Isrc/core -Isrc/core/tokens"
objs=$(ls src/core/*.o src/core/tokens/*.o | grep -v '/char_class\.o$')
libs=$(pkg-config --libs icu-uc icu-i18n 2>/dev/null || echo -licui18n -licuuc -licudata)
$CXX -std=c++17 -O2 -Isrc/core -c -o "$work/toon_tokenize.o" test/tools/toon_tokenize.cpp || exit 1

# build NAME [FIRST LAST]: char_class.cpp (with FIRST..LAST classified as Other)
# -> $work/NAME/toon_tokenize
build() {
    if [ $# -eq 3 ]; then
        sed "s/^CharClass table_char_class(char32_t c) {\$/&\n    if (c >= $2 \&\& c <= $3) return CharClass::Other;/" \
            src/core/tokens/char_class.cpp > "$work/$1/char_class.cpp"
        grep -q "c >= $2 " "$work/$1/char_class.cpp" || { echo "mutation not applied"; return 1; }
    else
        cp src/core/tokens/char_class.cpp "$work/$1/"
    fi
    $CXX $flags -Isrc/core -c -o "$work/$1/char_class.o" "$work/$1/char_class.cpp" &&
    $CXX -o "$work/$1/toon_tokenize" "$work/toon_tokenize.o" "$work/$1/char_class.o" $objs src/vocab/vocab_blob.o $libs
}
# mismatches NAME: total mismatches of the patch cases over both encodings ("error" if the run failed)
mismatches() {
    (cd test/node && node tokens_exactness.mjs "$work/$1/toon_tokenize" patch) |
        awk '/^RESULT/ { if ($5 ~ /^[0-9]+$/) n += $5; else bad = 1 } END { print bad ? "error" : n + 0 }'
}

mkdir -p "$work/control"
build control || { echo "control build failed"; exit 1; }
m=$(mismatches control)
echo "control (table unchanged): $m mismatches"
[ "$m" = "0" ] || { echo "the unmutated table must give 0 mismatches"; exit 1; }

caught=0; missed=0
mapfile -t ranges < <(grep '^{0x' test/fixtures/unicode/unicode16_changes.inc)
for range in "${ranges[@]}"; do
    first=$(sed 's/^{\(0x[0-9A-Fa-f]*\), .*/\1/' <<< "$range")
    last=$(sed 's/^{0x[0-9A-Fa-f]*, \(0x[0-9A-Fa-f]*\),.*/\1/' <<< "$range")
    dir="mut$first"; mkdir -p "$work/$dir"
    if ! build "$dir" "$first" "$last"; then echo "build failed for $range"; missed=$((missed + 1)); continue; fi
    m=$(mismatches "$dir")
    if [ "$m" != "0" ] && [ "$m" != "error" ]; then
        caught=$((caught + 1)); echo "caught  $range classified Other: $m mismatching documents"
    else
        missed=$((missed + 1)); echo "MISSED  $range classified Other: $m"
    fi
    rm -rf "${work:?}/$dir"
done
echo "MUTATIONS $caught $missed"
[ "$missed" -eq 0 ]
