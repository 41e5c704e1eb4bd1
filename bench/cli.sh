#!/usr/bin/env bash
# CLI benchmark (issue 13), run by `make bench` (or alone: bash bench/cli.sh;
# no server needed). Wall-clock times with process start included, measured
# by hyperfine (medians), ours (build/toon) side by side with the reference
# CLI @toon-format/cli 4.1.1 (Node.js, pinned in test/node) on the same files:
#   1. 20 checkpoint files of 1-50 KB TOON (bench/cli_data.mjs): checked and
#      rendered to Markdown (`toon check` + `toon md --write`, the pre-commit
#      hooks); the reference has no check or Markdown: its nearest work is one
#      `toon --decode` per file (decoding validates). Target: < 50 ms.
#   2. A ~5 MB document: decode (TOON -> JSON) and encode (JSON -> TOON) to a
#      file, MB/s of input. Target: >= 10x the reference's throughput.
# BENCH_RUNS sets hyperfine's runs for the fast commands (default 30).
set -uo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
OUT="$TOP/bench/out/cli"
TOON="$TOP/build/toon"
REF="node $TOP/test/node/node_modules/@toon-format/cli/bin/toon.mjs"
runs=${BENCH_RUNS:-30}

command -v hyperfine >/dev/null || { echo "hyperfine is missing (apt-get install hyperfine; test/setup installs it)"; exit 1; }
make -s -C "$TOP" cli || exit 1
[ -f "$TOP/test/node/node_modules/@toon-format/cli/bin/toon.mjs" ] || { echo "run test/setup first (npm ci in test/node)"; exit 1; }
if [ ! -f "$OUT/big.toon" ]; then
    node "$TOP/bench/cli_data.mjs" "$OUT" || exit 1
    # Our encoder's output is byte-identical to the reference's (test/suites/45-cli.sh).
    for f in "$OUT"/*.json; do "$TOON" encode "$f" -o "${f%.json}.toon" || exit 1; done
fi
FILES=$(ls "$OUT"/cp*.toon | tr '\n' ' ')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

hyperfine -S bash --style none --warmup 3 --runs "$runs" --export-json "$tmp/small.json" \
    -n ours_check_md "$TOON check $FILES && $TOON md --write $FILES >/dev/null" \
    -n ours_check_md_rewrite --prepare "rm -f $OUT/cp*.md" "$TOON check $FILES && $TOON md --write $FILES >/dev/null" \
    -n ours_per_file "for f in $FILES; do $TOON check \$f && $TOON md \$f >/dev/null; done" \
    >/dev/null || exit 1
hyperfine -S bash --style none --warmup 0 --runs 3 --export-json "$tmp/small_ref.json" \
    -n ref_decode_per_file "for f in $FILES; do $REF --decode \$f -o $tmp/ref.json >/dev/null; done" \
    >/dev/null || exit 1
hyperfine -S bash --style none --warmup 1 --runs 10 --export-json "$tmp/big.json" \
    -n ours_decode "$TOON decode $OUT/big.toon -o $tmp/big.out.json" \
    -n ours_encode "$TOON encode $OUT/big.json -o $tmp/big.out.toon" \
    -n ours_check "$TOON check $OUT/big.toon" \
    >/dev/null || exit 1
hyperfine -S bash --style none --warmup 0 --runs 1 --export-json "$tmp/big_ref.json" \
    -n ref_decode "$REF --decode $OUT/big.toon -o $tmp/big.ref.json" \
    -n ref_encode "$REF --encode $OUT/big.json -o $tmp/big.ref.toon" \
    >/dev/null || exit 1
# The reference's outputs must equal ours (decode: its JSON, pretty at indent 2).
cmp -s "$tmp/big.out.toon" "$tmp/big.ref.toon" || echo "WARNING: encode outputs differ"
cmp -s "$tmp/big.out.json" "$tmp/big.ref.json" || echo "WARNING: decode outputs differ"

node - "$tmp" "$OUT" <<'JS'
const fs = require('fs');
const [tmp, out] = process.argv.slice(2);
const t = {}, cpu = {};
for (const f of ['small', 'small_ref', 'big', 'big_ref'])
    for (const r of JSON.parse(fs.readFileSync(`${tmp}/${f}.json`)).results) {
        t[r.command] = r.median * 1000;
        cpu[r.command] = (r.user + r.system) * 1000;  // means over the runs
    }
const size = (f) => fs.statSync(`${out}/${f}`).size / 1e6;
const kb = fs.readdirSync(out).filter((f) => /^cp\d+\.toon$/.test(f)).map((f) => fs.statSync(`${out}/${f}`).size / 1024);
const ms = (x) => `${x.toFixed(1)} ms`;
const row = (a, b, c = '', d = '', e = '') => console.log(a.padEnd(58) + b.padStart(12) + e.padStart(12) + c.padStart(10) + '   ' + d);
console.log(`20 checkpoint files, ${Math.min(...kb).toFixed(1)}-${Math.max(...kb).toFixed(1)} KB of TOON (${kb.reduce((a, b) => a + b).toFixed(0)} KB)`);
row('', 'wall', 'vs ref', 'target', 'CPU');
row('ours: toon check + toon md --write (.md up to date)', ms(t.ours_check_md), `${(t.ref_decode_per_file / t.ours_check_md).toFixed(0)}x`, `< 50 ms: ${t.ours_check_md < 50 ? 'ok' : 'MISSED'}`, ms(cpu.ours_check_md));
row('ours: the same, every .md rewritten', ms(t.ours_check_md_rewrite), `${(t.ref_decode_per_file / t.ours_check_md_rewrite).toFixed(0)}x`, `< 50 ms: ${t.ours_check_md_rewrite < 50 ? 'ok' : 'MISSED'}`, ms(cpu.ours_check_md_rewrite));
row('ours: check + md, one process per file and step (40)', ms(t.ours_per_file), `${(t.ref_decode_per_file / t.ours_per_file).toFixed(0)}x`, '', ms(cpu.ours_per_file));
row('reference: toon --decode, one process per file (20)', ms(t.ref_decode_per_file), '1x', '', ms(cpu.ref_decode_per_file));
console.log();
const bt = size('big.toon'), bj = size('big.json');
const mbs = (mb, x) => `${(mb / (x / 1000)).toFixed(1)} MB/s`;
console.log(`one document: ${bt.toFixed(2)} MB of TOON, ${bj.toFixed(2)} MB of JSON (compact)`);
row('', 'throughput', 'vs ref', 'target', 'CPU');
row(`ours: toon decode big.toon -o big.json (${ms(t.ours_decode)})`, mbs(bt, t.ours_decode), `${(t.ref_decode / t.ours_decode).toFixed(1)}x`, `>= 10x: ${t.ref_decode / t.ours_decode >= 10 ? 'ok' : 'MISSED'}`, ms(cpu.ours_decode));
row(`reference: toon --decode (${ms(t.ref_decode)})`, mbs(bt, t.ref_decode), '1x', '', ms(cpu.ref_decode));
row(`ours: toon encode big.json -o big.toon (${ms(t.ours_encode)})`, mbs(bj, t.ours_encode), `${(t.ref_encode / t.ours_encode).toFixed(1)}x`, `>= 10x: ${t.ref_encode / t.ours_encode >= 10 ? 'ok' : 'MISSED'}`, ms(cpu.ours_encode));
row(`reference: toon --encode (${ms(t.ref_encode)})`, mbs(bj, t.ref_encode), '1x', '', ms(cpu.ref_encode));
row(`ours: toon check big.toon (${ms(t.ours_check)})`, mbs(bt, t.ours_check), `${(t.ref_decode / t.ours_check).toFixed(1)}x`, '', ms(cpu.ours_check));
JS
echo "(wall: hyperfine medians; CPU: mean user+system; process start included; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC'))"
