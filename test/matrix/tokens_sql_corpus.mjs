// The whole token exactness corpus (test/node/tokens_corpus.mjs: system
// texts, JSON/TOON, multilingual, every code point, long runs, seeded fuzz)
// through SQL: toon_tokens(doc, enc) and toon_token_count(doc, enc) must equal
// npm tiktoken 1.0.22's encode_ordinary ids and count, for cl100k_base and
// o200k_base. Run by test/matrix/run against each server in the matrix, so the
// counts are checked under the ICU that server's root links (test/suites/
// 20-tokens.sh checks the whole corpus only through the core tool on the host,
// and a 1-in-40 sample through SQL). Connects with the PG* variables.
// Documents containing U+0000 cannot be a PostgreSQL text value: they are
// counted and listed as "not representable", never silently dropped.
// Prints "RESULT <passed> <failed>" (one case per document and encoding).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const nodeDir = join(dirname(fileURLToPath(import.meta.url)), "..", "node");
const require = createRequire(join(nodeDir, "package.json"));
const { corpus } = await import(join(nodeDir, "tokens_corpus.mjs"));
const { get_encoding } = require("tiktoken");
const pg = require("pg");

const client = new pg.Client();
await client.connect();
await client.query("SET client_encoding = 'UTF8'");
const all = corpus();
const docs = all.filter((d) => !d.text.includes("\0"));
console.log(`${all.length} documents, ${all.length - docs.length} not representable in text (contain U+0000)`);
const icu = await client.query("SELECT version() AS v");
console.log(`server: ${icu.rows[0].v}`);

await client.query("CREATE TEMP TABLE corpus (id int PRIMARY KEY, doc text NOT NULL)");
const batch = 500;
for (let i = 0; i < docs.length; i += batch) {
    const part = docs.slice(i, i + batch);
    await client.query("INSERT INTO corpus SELECT * FROM unnest($1::int[], $2::text[])",
        [part.map((_, k) => i + k), part.map((d) => d.text)]);
}

let passed = 0, failed = 0, bytes = 0;
for (const d of docs) bytes += Buffer.byteLength(d.text);
for (const name of ["cl100k_base", "o200k_base"]) {
    const enc = get_encoding(name);
    let mismatches = 0;
    for (let lo = 0; lo < docs.length; lo += 2000) {
        const { rows } = await client.query(
            "SELECT id, toon_token_count(doc, $1) AS n, toon_tokens(doc, $1) AS ids FROM corpus WHERE id >= $2 AND id < $3 ORDER BY id",
            [name, lo, lo + 2000]);
        for (const r of rows) {
            const d = docs[r.id];
            const want = enc.encode_ordinary(d.text);
            const same = r.n === want.length && r.ids.length === want.length && r.ids.every((x, k) => x === want[k]);
            if (same) { passed++; continue; }
            failed++;
            if (++mismatches <= 5) console.log(`MISMATCH ${name} ${d.label}: count ${r.n} (ids ${r.ids.length}) vs tiktoken ${want.length}`);
        }
        if (rows.length !== Math.min(2000, docs.length - lo)) { failed++; console.log(`FAIL ${name}: ${rows.length} rows for ids ${lo}..`); }
    }
    console.log(`${name}: ${docs.length} documents, ${bytes} bytes, ${mismatches} mismatches`);
    enc.free();
}
await client.end();
console.log(`RESULT ${passed} ${failed}`);
