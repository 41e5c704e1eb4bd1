#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + ASan + UBSan) of every harness in
# test/fuzz (decoder, JSON reader, encoder, Markdown renderer, tokenizer),
# seeded with the spec fixtures and the committed regression inputs
# (test/fuzz/seeds), for TOON_FUZZ_SECONDS (default 8) each: a short run; the
# long runs are `make fuzz` (docs/hardening-evidence.md). A crash or a broken
# property (see test/fuzz/*.cpp) fails the suite and prints the input in base64.
# TOON_PLANT_FAILURE=1 (self-check) runs the harnesses with an RSS limit
# of 1 MB, which any run exceeds: libFuzzer must stop them with an error.
. "$(dirname "$0")/../lib.sh"
cd "$TOP"
if ! make -s -j"$(nproc)" fuzz-bins >/dev/null; then echo "fuzzer build failed"; report 0 1; exit 1; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 test/fuzz/seed_corpus.py "$work/corpus" || { report 0 1; exit 1; }
passed=0; failed=0
plant=${TOON_PLANT_FAILURE:+-rss_limit_mb=1}
for h in $(ls test/fuzz/*_fuzz.cpp | sed 's,.*/\(.*\)_fuzz.cpp,\1,'); do
    bin=build/sanitize/test/fuzz/${h}_fuzz
    log="$work/$h.log"
    (cd "$work" && "$TOP/$bin" -max_total_time="${TOON_FUZZ_SECONDS:-8}" -seed="${TOON_FUZZ_SEED:-1}" \
        -timeout=10 -rss_limit_mb=4096 ${plant} -print_final_stats=1 "corpus/$h" >"$log" 2>&1)
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    if [ "$rc" -eq 0 ]; then
        echo "${h}_fuzz: ${runs:-?} inputs, no crash, properties held"
        passed=$((passed + 1))
    else
        echo "${h}_fuzz: FAILED (exit $rc)"; grep -E 'ERROR|SUMMARY|Base64' "$log" | head -5
        failed=$((failed + 1))
    fi
    plant=
done
report "$passed" "$failed"
