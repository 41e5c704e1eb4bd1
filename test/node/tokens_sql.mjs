// Token functions through SQL against npm tiktoken 1.0.22 on a sample of the
// exactness corpus: toon_tokens() and toon_token_count() must equal tiktoken's
// ids and count; toon_token_truncate() must return the longest prefix ending
// at a boundary of tiktoken's tokens (moved back to a character start) whose
// own tiktoken count is within the budget (searched by brute force up to
// twice the budget), on the sample and on 400 short random texts of spaces,
// newlines, words and digits, where a prefix often takes fewer tokens than
// the document has there; toon_token_chunks() without overlap must
// concatenate to the document. Connects with the PG* environment variables.
// Prints "SQLTOKENS <passed> <failed>" last.
import { createRequire } from "node:module";
import { corpus } from "./tokens_corpus.mjs";
import { rng } from "./prng.mjs";

const require = createRequire(import.meta.url);
const { get_encoding } = require("tiktoken");
const pg = require("pg");

const client = new pg.Client();
await client.connect();
await client.query("SET client_encoding = 'UTF8'");
const sample = corpus().filter((d, i) => i % 40 === 0 && !d.text.includes("\0"));
let passed = 0, failed = 0;
const check = (ok, what) => {
    if (ok) { passed++; return; }
    failed++;
    if (failed <= 10) console.log(`FAIL ${what}`);
};
// The longest prefix by brute force: the boundaries of the first 2 x budget +
// 8 tokens (at most 64 past the budget), moved back to a character start,
// each counted by tiktoken on its own, longest first.
const utf8 = new TextEncoder(), utf8d = new TextDecoder("utf-8", { ignoreBOM: true });  // keep a leading U+FEFF
function longestPrefix(enc, text, ids, budget) {
    if (ids.length <= budget) return text;
    const bytes = utf8.encode(text);
    const ends = [];
    let end = 0;
    for (const id of ids) ends.push(end += enc.decode_single_token_bytes(id).length);
    for (let k = Math.min(ids.length - 1, 2 * budget + 8, budget + 64); k >= 1; k--) {
        let len = ends[k - 1];
        while (len > 0 && len < bytes.length && (bytes[len] & 0xc0) === 0x80) len--;
        const prefix = utf8d.decode(bytes.subarray(0, len));
        if (enc.encode_ordinary(prefix).length <= budget) return prefix;
    }
    return "";
}
const random = rng(20261129);
const parts = [" ", "  ", "   ", "\n", "\n\n", " \n", "\t", "a", "word", " the", "123", "4567", "caf\u00e9", "\u65e5\u672c", "!", "'s", "--"];
const shorts = Array.from({ length: 400 }, (_, i) => ({
    label: `random ${i}`,
    text: Array.from({ length: 2 + random.int(12) }, () => random.pick(parts)).join(""),
}));
for (const name of ["cl100k_base", "o200k_base"]) {
    const enc = get_encoding(name);
    for (const d of sample) {
        const want = Array.from(enc.encode_ordinary(d.text));
        const budget = Math.max(1, Math.floor(want.length / 3));
        const { rows } = await client.query(
            `SELECT toon_tokens($1, $2) AS ids, toon_token_count($1, $2) AS n,
                    toon_token_truncate($1, $3, $2) AS prefix,
                    (SELECT string_agg(c, '' ORDER BY o) FROM toon_token_chunks($1, $3, 0, $2) WITH ORDINALITY AS t(c, o)) AS joined`,
            [d.text, name, budget]);
        const r = rows[0];
        check(r.n === want.length && r.ids.length === want.length && r.ids.every((x, k) => x === want[k]), `${name} ${d.label}: ids/count`);
        const longest = longestPrefix(enc, d.text, want, budget);
        check(r.prefix === longest, `${name} ${d.label}: truncate to ${budget}: ${JSON.stringify(r.prefix.slice(-20))} (${r.prefix.length} chars), longest ${JSON.stringify(longest.slice(-20))} (${longest.length})`);
        check((r.joined ?? "") === d.text, `${name} ${d.label}: chunks concatenate`);
    }
    for (const d of shorts) {
        const want = Array.from(enc.encode_ordinary(d.text));
        const budget = 1 + random.int(Math.max(1, want.length - 1));
        const { rows } = await client.query("SELECT toon_token_truncate($1, $3, $2) AS prefix", [d.text, name, budget]);
        const longest = longestPrefix(enc, d.text, want, budget);
        check(rows[0].prefix === longest, `${name} ${d.label} ${JSON.stringify(d.text)}: truncate to ${budget}: ${JSON.stringify(rows[0].prefix)}, longest ${JSON.stringify(longest)}`);
    }
    enc.free();
}
await client.end();
console.log(`SQLTOKENS ${passed} ${failed}`);
