// toon_token_savings() through SQL against the oracles: JSON.stringify(doc,
// null, 2) and JSON.stringify(doc) counted by npm tiktoken 1.0.22, the TOON
// written by @toon-format/toon 4.4.0 counted the same way, and the two
// percentages (rounded half away from zero to 0.1). Seeded random documents
// (tables, nested objects, lists, Unicode, numbers JavaScript holds exactly),
// both encodings. Connects with the PG* environment variables.
// Prints "SAVINGS <passed> <failed>" last.
import { createRequire } from "node:module";
import { rng } from "./prng.mjs";

const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken");
const { encode } = require("@toon-format/toon");
const pg = require("pg");

const r = rng(20261129);
const words = ["alpha", "beta", "naïve café", "日本語", "a,b", "x: y", "", "true", "42", "with space", "emoji 😀", "-dash"];
function scalar() {
    switch (r.int(6)) {
        case 0: return r.int(100000) - 500;
        case 1: return Math.round(r() * 1e6) / 100;
        case 2: return r() < 0.5;
        case 3: return null;
        default: return r.pick(words);
    }
}
function value(depth) {
    const k = depth > 2 ? 0 : r.int(5);
    if (k === 0 || k === 1) return scalar();
    if (k === 2) return Array.from({ length: r.int(4) }, () => value(depth + 1));
    if (k === 3) return Object.fromEntries(Array.from({ length: 1 + r.int(4) }, (_, i) => [r.pick(words) + i, value(depth + 1)]));
    const cols = Array.from({ length: 1 + r.int(5) }, (_, i) => "col" + i);
    return Array.from({ length: 1 + r.int(8) }, () => Object.fromEntries(cols.map((c) => [c, scalar()])));
}
const pct = (base, toon) => {
    if (base === 0) return null;
    const x = (1000 * (base - toon)) / base;
    const tenths = Math.sign(x) * Math.round(Math.abs(x));
    return (tenths / 10).toFixed(1);
};

const client = new pg.Client();
await client.connect();
await client.query("SET client_encoding = 'UTF8'");
let passed = 0, failed = 0;
for (const name of ["o200k_base", "cl100k_base"]) {
    const enc = get_encoding(name);
    const count = (s) => enc.encode_ordinary(s).length;
    for (let i = 0; i < 60; i++) {
        const doc = i === 0 ? [] : value(0);
        const text = JSON.stringify(doc);
        const pretty = count(JSON.stringify(doc, null, 2)), compact = count(text), toon = count(encode(doc));
        const want = [pretty, compact, toon, pct(pretty, toon), pct(compact, toon)];
        const { rows } = await client.query("SELECT * FROM toon_token_savings($1::json, $2)", [text, name]);
        const g = rows[0];
        const got = [g.json_pretty_tokens, g.json_compact_tokens, g.toon_tokens, g.saved_vs_pretty_pct, g.saved_vs_compact_pct];
        if (JSON.stringify(got) === JSON.stringify(want)) passed++;
        else {
            failed++;
            if (failed <= 5) console.log(`FAIL ${name} ${text.slice(0, 200)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`);
        }
    }
    enc.free();
}
await client.end();
console.log(`SAVINGS ${passed} ${failed}`);
