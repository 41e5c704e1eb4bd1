#!/usr/bin/env bash
# Decode differential: the core decoder (test/tools/decode_batch, no server)
# against the reference decoder @toon-format/toon 4.4.0 on seeded random
# documents, most of them damaged, strict and non-strict. TOON_DECODE_DIFF_SEED
# and TOON_DECODE_DIFF_COUNT override the seed and the number of documents.
. "$(dirname "$0")/../lib.sh"
if ! make -s -C "$TOP" test/tools/decode_batch >/dev/null; then
    echo "could not build test/tools/decode_batch"
    report 0 1
    exit 1
fi
out=$(mktemp)
(cd "$TOP/test/node" && node decode_differential.mjs "$TOP/test/tools/decode_batch") 2>&1 | tee "$out" | grep -v '^DIFF '
read -r _ p f < <(grep '^DIFF ' "$out" | tail -1)
rm -f "$out"
if [ -z "${p:-}" ]; then report 0 1; exit 1; fi
report "$p" "$f"
