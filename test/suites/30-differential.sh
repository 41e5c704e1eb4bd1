#!/usr/bin/env bash
# Differential test: the core encoder (through test/tools/toon_tool, no
# server) against the reference encoder @toon-format/toon 4.4.0 on seeded
# random JSON values, every delimiter, indent sizes 1, 2 and 4; plus the
# lossless-number deviation. TOON_DIFF_SEED / TOON_DIFF_COUNT override the
# seed and the number of values per configuration.
. "$(dirname "$0")/../lib.sh"
if ! make -s -C "$TOP" test-tools >/dev/null; then
    echo "could not build test/tools/toon_tool"
    report 0 1
    exit 1
fi
out=$(mktemp)
(cd "$TOP/test/node" && node differential.mjs "$TOP/test/tools/toon_tool") 2>&1 | tee "$out" | grep -v '^  '
read -r _ p f < <(grep '^DIFF ' "$out" | tail -1)
rm -f "$out"
if [ -z "${p:-}" ]; then report 0 1; exit 1; fi
report "$p" "$f"
