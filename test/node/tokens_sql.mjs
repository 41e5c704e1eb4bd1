// Token functions through SQL against npm tiktoken 1.0.22 on a sample of the
// exactness corpus: toon_tokens() and toon_token_count() must equal tiktoken's
// ids and count; toon_token_truncate() must return a prefix within the budget
// by tiktoken's own count; toon_token_chunks() without overlap must
// concatenate to the document. Connects with the PG* environment variables.
// Prints "SQLTOKENS <passed> <failed>" last.
import { createRequire } from "node:module";
import { corpus } from "./tokens_corpus.mjs";

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
        check(d.text.startsWith(r.prefix) && enc.encode_ordinary(r.prefix).length <= budget, `${name} ${d.label}: truncate to ${budget}`);
        check((r.joined ?? "") === d.text, `${name} ${d.label}: chunks concatenate`);
    }
    enc.free();
}
await client.end();
console.log(`SQLTOKENS ${passed} ${failed}`);
