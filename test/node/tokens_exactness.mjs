// Exactness test: the core tokenizer (test/tools/toon_tokenize) against npm
// tiktoken 1.0.22 (encode_ordinary) on the corpus of tokens_corpus.mjs, for
// cl100k_base and o200k_base, comparing token ids and counts. Both encodings
// run in ONE tokenizer process, alternating per document (`toon_tokenize both
// jsonl`), so state they share (caches) is exercised.
// Prints one "RESULT <encoding> <documents> <bytes> <mismatches>" line per
// encoding and details of the first mismatches; exits 1 on any mismatch.
// Usage: node tokens_exactness.mjs TOKENIZER_BINARY [fuzz-seed fuzz-cases | patch]
//   patch: only the cases of the Unicode patch table (test/tools/patch_mutations.sh)
// TOON_PLANT_FAILURE=1 (self-check, test/suites/99-self-check.sh) plants one
// wrong expectation (an extra token on the first document) in each encoding.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { corpus, fuzz, patchCases } from "./tokens_corpus.mjs";

const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken");

const [bin, seedArg, casesArg] = process.argv.slice(2);
const docs = seedArg === "patch" ? patchCases() : seedArg ? fuzz(Number(seedArg), Number(casesArg ?? 20000)) : corpus();
const input = docs.map((d) => JSON.stringify(d.text)).join("\n") + "\n";
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
const names = ["cl100k_base", "o200k_base"];
const plant = !!process.env.TOON_PLANT_FAILURE;
let failed = false;
const run = spawnSync(bin, ["both", "jsonl"], { input, maxBuffer: 1 << 30, encoding: "utf8" });
const lines = run.status === 0 ? run.stdout.split("\n") : [];
if (run.status !== 0 || lines.length < 2 * docs.length) {
    for (const name of names) console.log(`RESULT ${name} ${docs.length} ${bytes} error: exit ${run.status}, ${lines.length} lines: ${run.stderr}`);
    process.exit(1);
}
names.forEach((name, e) => {
    const enc = get_encoding(name);
    let mismatches = 0;
    docs.forEach((d, i) => {
        const want = Array.from(enc.encode_ordinary(d.text));
        if (plant && i === 0) want.push(0);
        const [count, ...ids] = lines[2 * i + e].split(" ").map(Number);
        const same = count === want.length && ids.length === want.length && ids.every((x, k) => x === want[k]);
        if (same) return;
        if (++mismatches > 5) return;
        let k = 0;
        while (k < want.length && ids[k] === want[k]) k++;
        const dec = (arr) => JSON.stringify(new TextDecoder().decode(enc.decode(new Uint32Array(arr))));
        console.log(`MISMATCH ${name} ${d.label}: count ${count} (ids ${ids.length}) vs tiktoken ${want.length}; first difference at token ${k}`);
        console.log(`  ours:     ${ids.slice(k, k + 8).join(" ")} ${dec(ids.slice(k, k + 8))}`);
        console.log(`  tiktoken: ${want.slice(k, k + 8).join(" ")} ${dec(want.slice(k, k + 8))}`);
        console.log(`  context:  ${dec(want.slice(Math.max(0, k - 4), k + 8))}`);
    });
    enc.free();
    console.log(`RESULT ${name} ${docs.length} ${bytes} ${mismatches}`);
    if (mismatches) failed = true;
});
process.exit(failed ? 1 : 0);
