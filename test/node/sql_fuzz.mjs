// SQL-level fuzz of every entry point (test/suites/75-sql-fuzz.sh), seeded:
// mutated fixture documents (TOON) and mutated fixture JSON go, as raw bytes
// turned into text by the server in its own encoding, through
//   text::toon, toon_is_valid, toon_to_json(text, strict, indent),
//   toon::json / ::jsonb / toon_to_json / toon_to_jsonb, toon_to_markdown
//   (toon and text, random options), every token function (random encoding,
//   budget and overlap), to_toon(json|jsonb) with random delimiter and indent.
// Properties: every error carries an expected SQLSTATE (22P02 from our type
// naming "toon"; 22P05 when a decoded character does not exist in the
// database encoding), toon_is_valid(doc, true, 0) is true exactly when ::toon
// accepts, accepted documents decode, render and count, json and jsonb
// decodes agree, to_toon results decode back to the same jsonb, token counts
// equal the token arrays, truncations fit and chunks without overlap
// concatenate to the text; the session survives every case (no backend exit).
//
// Usage: node sql_fuzz.mjs <seed> <cases-per-db> <db>...
// TOON_PLANT_FAILURE=1 (self-check, test/suites/99-self-check.sh; the suite
// then runs 3 cases in the UTF8 database only): in the first case, the
// toon_is_valid check expects the opposite of what ::toon decided.
// Ends with "RESULT <passed> <failed>" (one check per case and database).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixtures } from './fixture_source.mjs';
import { rng } from './prng.mjs';
import { connect } from './pg_session.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [seedArg, casesArg, ...dbs] = process.argv.slice(2);
const seed = Number(seedArg), cases = Number(casesArg);
const CLEAN = new Set(['22P02', '22021', '22P05', '22023', '54000', '54001', '22003']);
let passed = 0, failed = 0;
let plant = !!process.env.TOON_PLANT_FAILURE;
const codes = new Map();
const stats = { accepted: 0, toToon: 0, tokens: 0 };

const fixtures = loadFixtures(join(here, '../fixtures/spec'));
const toonDocs = fixtures.filter((f) => f.kind === 'decode').flatMap((f) => f.tests.map((t) => t.input))
    .filter((s) => typeof s === 'string');
const jsonDocs = fixtures.filter((f) => f.kind === 'encode').flatMap((f) => f.tests.map((t) => t.inputSource));

const ALPHABET = ['"', '\\', ':', ',', '|', '\t', ' ', '  ', '\n', '\n  ', '[', ']', '{', '}', '- ', '#', '0', '9',
    '-1e999', 'é', '€', '😀', '\u00ad', '\r', 'true', 'null', '[3]', '{a,b}', '\\u0041', '\u0000'];

// 0-3 mutations of a string: delete, insert, duplicate/swap/reindent lines,
// change counts or delimiters, repeat a line, truncate.
function mutate(r, s) {
    for (let k = r.int(4); k > 0; k--) {
        const lines = s.split('\n');
        const i = r.int(s.length + 1), li = r.int(lines.length);
        switch (r.int(9)) {
            case 0: s = s.slice(0, i) + s.slice(i + 1 + r.int(4)); break;
            case 1: s = s.slice(0, i) + r.pick(ALPHABET) + s.slice(i); break;
            case 2: lines.splice(li, 0, lines[li]); s = lines.join('\n'); break;
            case 3: { const lj = r.int(lines.length); [lines[li], lines[lj]] = [lines[lj], lines[li]]; s = lines.join('\n'); break; }
            case 4: lines[li] = r.int(2) ? ' '.repeat(1 + r.int(3)) + lines[li] : lines[li].replace(/^ {1,2}/, ''); s = lines.join('\n'); break;
            case 5: s = s.replace(/\[(\d+)/, (_, n) => `[${Math.max(0, Number(n) + r.int(5) - 2)}`); break;
            case 6: s = s.replace(r.pick([/,/g, /\|/g, /\t/g]), r.pick([',', '|', '\t'])); break;
            case 7: lines.splice(li, 0, ...Array(1 + r.int(300)).fill(lines[li])); s = lines.join('\n'); break;
            default: s = s.slice(0, i); break;
        }
    }
    return s;
}

// The bytes the server reads: UTF-8, or LATIN1 when every character fits;
// now and then a raw byte 0x80-0xFF (ill-formed UTF-8 for UTF8 and SQL_ASCII).
function bytesFor(r, s, encoding) {
    let b = encoding === 'LATIN1' && [...s].every((c) => c.codePointAt(0) < 256) ? Buffer.from(s, 'latin1') : Buffer.from(s, 'utf8');
    if (r.int(8) === 0) {
        const at = r.int(b.length + 1);
        b = Buffer.concat([b.subarray(0, at), Buffer.from([0x80 + r.int(128)]), b.subarray(at)]);
    }
    return b.toString('hex');
}


async function q(c, sql, params) {
    try { return { rows: (await c.query(sql, params)).rows }; } catch (e) { return { error: e }; }
}

const fromHex = (n) => `convert_from(decode($${n}, 'hex'), current_setting('server_encoding'))`;

// One case in one database. Returns a list of problems (empty: passed).
async function oneCase(c, r, encoding) {
    const problems = [];
    const note = (what, res) => {
        if (!res.error) return true;
        const code = res.error.code;
        codes.set(code ?? 'none', (codes.get(code ?? 'none') ?? 0) + 1);
        if (!CLEAN.has(code)) problems.push(`${what}: unexpected ${code ?? 'no SQLSTATE'} ${res.error.message}`);
        return false;
    };
    const toon = mutate(r, r.pick(toonDocs));
    const hex = bytesFor(r, toon, encoding);

    // The type and toon_is_valid in the type's mode.
    const cast = await q(c, `SELECT ${fromHex(1)}::toon::text AS t`, [hex]);
    const accepted = note('::toon', cast);
    if (cast.error?.code === '22P02' && !/type toon/.test(cast.error.message))
        problems.push(`::toon: 22P02 without the type's name: ${cast.error.message}`);
    const valid = await q(c, `SELECT toon_is_valid(${fromHex(1)}, true, 0) AS v`, [hex]);
    const expectValid = plant && !valid.error ? !accepted : accepted;   // planted: the opposite expectation, once
    if (!valid.error) plant = false;
    if (note('toon_is_valid', valid) && valid.rows[0].v !== expectValid)
        problems.push(`toon_is_valid(doc, true, 0) = ${valid.rows[0].v} but ::toon ${accepted ? 'accepts' : 'rejects'}${expectValid !== accepted ? ' (planted: the opposite expected)' : ''}`);
    else if (valid.error && accepted) problems.push('toon_is_valid raised for a document ::toon accepts');

    if (accepted) {
        stats.accepted++;
        const h = r.int(7), pad = r.int(2) === 1, d = r.pick([',', '|', 'tab']), ind = 1 + r.int(6);
        const res = await q(c, `WITH d AS (SELECT ${fromHex(1)}::toon AS doc)
            SELECT toon_to_json(doc)::jsonb = toon_to_jsonb(doc) AND doc::jsonb = toon_to_jsonb(doc)
                   AND doc::json::text = toon_to_json(doc)::text
                   AND toon_to_jsonb(to_toon(toon_to_jsonb(doc), $2, $3)) = toon_to_jsonb(doc)
                   AND toon_to_jsonb(to_toon(toon_to_json(doc), $2, $3)) = toon_to_jsonb(doc)
                   AND toon_to_json(doc::text, true, 0)::text = toon_to_json(doc)::text
                   AND toon_to_markdown(doc, $4, $5) IS NOT NULL
                   AND toon_to_markdown(toon_to_jsonb(doc), $4, $5) IS NOT NULL
                   AND toon_token_count(doc) = cardinality(toon_tokens(doc))
                   AND toon_token_count(doc, 'cl100k_base') = cardinality(toon_tokens(doc, 'cl100k_base')) AS ok
              FROM d`, [hex, d, ind, h, pad]);
        if (note('accepted document', res) && res.rows[0].ok !== true)
            problems.push(`accepted document: a decode/encode/count identity failed (delimiter ${d}, indent ${ind})`);
        // 22P05: a \uXXXX escape decodes to a character the database
        // encoding lacks (LATIN1), like PostgreSQL's own jsonb input.
        else if (res.error && !['54000', '54001', ...(encoding === 'UTF8' ? [] : ['22P05'])].includes(res.error.code))
            problems.push(`accepted document raised ${res.error.code} ${res.error.message}; doc ${JSON.stringify(hex.slice(0, 200))}`);
    }
    // Text entry points with random (sometimes invalid) options.
    const strict = r.int(2) === 1, indent = r.pick([0, 0, 1, 2, 2, 3, 4, -1, 257]);
    note('toon_to_json(text)', await q(c, `SELECT toon_to_json(${fromHex(1)}, $2, $3) IS NOT NULL`, [hex, strict, indent]));
    note('toon_to_markdown(text)', await q(c, `SELECT toon_to_markdown(${fromHex(1)}, $2, $3)`, [hex, r.int(9) - 1, r.int(2) === 1]));
    const enc = r.int(12) ? r.pick(['o200k_base', 'cl100k_base', 'gpt-4o', 'gpt-4']) : r.pick(['nope', '']);
    const n = r.int(12) ? r.pick([0, 1, 2, 5, 17, 100]) : -1, ov = r.int(10) ? r.pick([0, 0, 1, 3]) : 200;
    const tok = await q(c, `WITH d AS (SELECT ${fromHex(1)} AS t)
        SELECT toon_token_count(t, $2) = cardinality(toon_tokens(t, $2)) AS counts,
               toon_token_count(toon_token_truncate(t, $3, $2), $2) <= $3 AS truncate_fits,
               (SELECT $4 > 0 OR coalesce(string_agg(c, '' ORDER BY i), '') = t
                  FROM toon_token_chunks(t, $3, $4, $2) WITH ORDINALITY AS x(c, i)) AS chunks_concat,
               (SELECT array_agg(c) FILTER (WHERE toon_token_count(c, $2) > $3)
                  FROM toon_token_chunks(t, $3, $4, $2) AS c) AS over_budget FROM d`, [hex, enc, n, ov]);
    if (!tok.error) {
        stats.tokens++;
        const row = tok.rows[0];
        // A chunk over the budget must be a single character (counted in
        // UTF-8: char_length counts bytes in SQL_ASCII).
        const wide = (row.over_budget ?? []).filter((x) => [...x].length !== 1);
        const bad = ['counts', 'truncate_fits', 'chunks_concat'].filter((k) => row[k] !== true);
        if (wide.length) bad.push(`chunks over the budget: ${JSON.stringify(wide).slice(0, 100)}`);
        if (bad.length) problems.push(`token functions (${enc}, ${n}, ${ov}): ${bad.join(', ')}; text ${JSON.stringify(hex.slice(0, 120))}`);
    }
    note('token functions', tok);

    // to_toon of mutated JSON.
    const json = mutate(r, r.pick(jsonDocs));
    const jhex = bytesFor(r, json, encoding);
    const d = r.pick([',', '|', 'tab', '\t', 'comma', 'pipe', ';', '']), ind = r.pick([1, 2, 3, 4, 8, 0, -2, 300]);
    for (const type of ['json', 'jsonb']) {
        const res = await q(c, `WITH j AS (SELECT ${fromHex(1)}::${type} AS v)
            SELECT toon_to_jsonb(to_toon(v, $2, $3)) = v::jsonb AS ok FROM j`, [jhex, d, ind]);
        if (!res.error) stats.toToon++;
        if (note(`to_toon(${type})`, res) && res.rows[0].ok !== true) problems.push(`to_toon(${type}) did not round-trip`);
    }
    const alive = await q(c, 'SELECT 1 AS one');
    if (alive.error) problems.push(`session lost: ${alive.error.message}`);
    return problems;
}

for (const db of dbs) {
    const r = rng(seed);
    let c = await connect(db);
    const encoding = (await c.query('SHOW server_encoding')).rows[0].server_encoding;
    await c.query('SET statement_timeout = 20000');
    let p = 0, f = 0;
    const t0 = Date.now();
    for (let i = 0; i < cases; i++) {
        const problems = await oneCase(c, r, encoding);
        if (problems.length === 0) { p++; continue; }
        f++;
        console.log(`  FAIL ${db} (${encoding}) case ${i} (seed ${seed}): ${problems.join('; ')}`);
        if (problems.some((x) => x.startsWith('session lost'))) { await c.end().catch(() => {}); c = await connect(db); }
    }
    await c.end();
    console.log(`  ${f ? 'FAIL' : 'ok  '} ${db} (${encoding}): ${cases} cases, ${p} clean, ${f} with problems, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    passed += p; failed += f;
}
console.log(`  documents accepted by ::toon: ${stats.accepted}; token checks run: ${stats.tokens}; to_toon round trips: ${stats.toToon}`);
console.log(`  SQLSTATEs seen: ${[...codes].sort().map(([k, v]) => `${k} x${v}`).join(', ')}`);
console.log(`RESULT ${passed} ${failed}`);
