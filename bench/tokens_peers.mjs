// Node peers of the token benchmark on the same texts as bench/tokens_bench:
// tiktoken 1.0.22 (WASM, encode_ordinary), gpt-tokenizer 4.0.0 (pure JS,
// countTokens) and tiktoken-node 0.0.7 (native tiktoken-rs, cl100k_base only).
// Prints "peer <name> <text> <encoding> <whole MB/s> <100-byte call µs> <tokens>"
// with medians of 3 runs of process CPU time.
// Usage: node tokens_peers.mjs FILE...
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken");
const peers = [];
for (const enc of ["cl100k_base", "o200k_base"]) {
    const t = get_encoding(enc);
    peers.push({ name: "tiktoken", enc, count: (s) => t.encode_ordinary(s).length });
    const g = require(`gpt-tokenizer/encoding/${enc}`);
    peers.push({ name: "gpt-tokenizer", enc, count: (s) => g.countTokens(s) });
}
try {
    const n = require("tiktoken-node").getEncoding("cl100k_base");
    peers.push({ name: "tiktoken-node", enc: "cl100k_base", count: (s) => n.encode(s).length });
} catch (e) {
    console.error(`tiktoken-node unavailable: ${e.message}`);
}

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
// Median over 3 runs of the seconds one call of f() takes (each run >= 0.3 s).
function median(f) {
    const runs = [];
    for (let r = 0; r < 3; r++) {
        let reps = 0;
        const t0 = cpu();
        let el;
        do { f(); reps++; el = cpu() - t0; } while (el < 0.3);
        runs.push(el / reps);
    }
    return runs.sort((a, b) => a - b)[1];
}
// ~100-byte slices cut at character starts (as bench/tokens_bench.cpp).
function slices(buf, size) {
    const out = [];
    for (let at = 0; at < buf.length;) {
        let end = Math.min(buf.length, at + size);
        while (end < buf.length && (buf[end] & 0xc0) === 0x80) end++;
        out.push(buf.subarray(at, end).toString("utf8"));
        at = end;
    }
    return out;
}

for (const file of process.argv.slice(2)) {
    const buf = readFileSync(file);
    const text = buf.toString("utf8");
    const name = basename(file).replace(/^tokens_/, "").replace(/\.txt$/, "");
    const small = slices(buf.subarray(0, 200000), 100);
    for (const p of peers) {
        const tokens = p.count(text);
        const whole = median(() => p.count(text));
        const calls = median(() => { for (const s of small) p.count(s); });
        console.log(`peer ${p.name} ${name} ${p.enc} ${(buf.length / 1e6 / whole).toFixed(1)} ${(calls / small.length * 1e6).toFixed(3)} ${tokens}`);
    }
}
