// Exactness test: the core tokenizer (test/tools/toon_tokenize) against npm
// tiktoken 1.0.22 (encode_ordinary) on the corpus of tokens_corpus.mjs, for
// cl100k_base and o200k_base, comparing token ids and counts.
// Prints one "RESULT <encoding> <documents> <bytes> <mismatches>" line per
// encoding and details of the first mismatches; exits 1 on any mismatch.
// Usage: node tokens_exactness.mjs TOKENIZER_BINARY [fuzz-seed fuzz-cases]
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { corpus, fuzz } from "./tokens_corpus.mjs";

const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken");

const [bin, seedArg, casesArg] = process.argv.slice(2);
const docs = seedArg ? fuzz(Number(seedArg), Number(casesArg ?? 20000)) : corpus();
const input = docs.map((d) => JSON.stringify(d.text)).join("\n") + "\n";
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
let failed = false;
for (const name of ["cl100k_base", "o200k_base"]) {
    const enc = get_encoding(name);
    const run = spawnSync(bin, [name, "jsonl"], { input, maxBuffer: 1 << 30, encoding: "utf8" });
    if (run.status !== 0) { console.log(`RESULT ${name} ${docs.length} ${bytes} error: ${run.stderr}`); failed = true; continue; }
    const lines = run.stdout.split("\n");
    let mismatches = 0;
    docs.forEach((d, i) => {
        const want = Array.from(enc.encode_ordinary(d.text));
        const [count, ...ids] = lines[i].split(" ").map(Number);
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
}
process.exit(failed ? 1 : 0);
