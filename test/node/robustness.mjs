// Robustness of the SQL surface (test/suites/70-robustness.sh): hostile input
// never crashes or hangs the backend. Every case asserts either a correct
// result or a clean error with the right SQLSTATE, then that the same session
// still answers (`SELECT 1`).
//
//   deep     6,000-level indentation (text::toon, toon_to_json strict and
//            non-strict); to_toon() of JSON nested 60,000 deep (json) and
//            50,000 deep (jsonb: PostgreSQL's own parser can't build deeper
//            at max_stack_depth=7MB), plus a deep round trip checked exactly
//   big      300 MB documents: validation, decode and encode, exact results
//            checked server-side; the backend's peak RSS is printed
//   utf8     ill-formed UTF-8 -> 22021 (SQL_ASCII database: the bytes reach us)
//   options  bad delimiter / indent_size -> 22023
//   cancel   statement_timeout and pg_cancel_backend stop a long decode,
//            validation and encode within 100 ms (latency printed)
//   fuzz     seeded mutations of the fixture documents through text::toon:
//            every rejection is 22P02/22021 naming type toon, toon_is_valid in
//            the type's mode agrees, accepted documents decode; at indent 2,
//            toon_to_json and the reference decoder (strict) accept and reject
//            the same documents and decode them to the same values; no crash,
//            no hang
//
// Usage: node robustness.mjs <utf8-db> <sql_ascii-db> [group...]
// Ends with "RESULT <passed> <failed>".
import { decode as referenceDecode } from '@toon-format/toon';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixtures } from './fixture_source.mjs';
import { rng } from "./prng.mjs";
import { record, printResult, ms } from './checks.mjs';
import { alive, connect, errText, now, run } from './pg_session.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [db, asciiDb, ...groups] = process.argv.slice(2);
const want = (g) => groups.length === 0 || groups.includes(g);

// One case: `sql` must give a row whose column `ok` is true, or an error whose
// SQLSTATE is in `codes`; then the session must still answer.
async function expectOkOrError(client, name, sql, params, codes) {
    const r = await run(client, sql, params);
    let ok, info;
    if (r.error) {
        ok = codes.includes(r.error.code);
        info = `${ok ? 'clean error' : 'WRONG error'} ${errText(r.error)} in ${ms(r.ms)}`;
    } else {
        ok = r.rows[0]?.ok === true;
        info = `${ok ? 'correct result' : `WRONG result ${JSON.stringify(r.rows[0])}`} in ${ms(r.ms)}`;
    }
    const live = await alive(client);
    record(name, ok && live, live ? info : `${info}; backend did not survive`);
    return r;
}

async function expectError(client, name, sql, params, codes) {
    const r = await run(client, sql, params);
    const ok = r.error && codes.includes(r.error.code);
    const info = r.error ? errText(r.error) : `no error: ${JSON.stringify(r.rows[0])}`;
    const live = await alive(client);
    record(name, ok && live, live ? info : `${info}; backend did not survive`);
}

// Peak resident memory of a backend (same machine; /proc is readable).
function peakRss(pid) {
    try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? `${(Number(m[1]) / 1024).toFixed(0)} MB` : '?';
    } catch { return '?'; }
}

// ---------------------------------------------------------------- deep
async function deep(c) {
    console.log('-- deep nesting');
    await run(c, 'SET statement_timeout = 60000');
    // a:\n  a:\n    a: ... 6,000 levels, innermost "a: 1" (36 MB of indentation).
    const levels = 6000;
    const docExpr = (indent) => `(SELECT string_agg(repeat(' ', ${indent} * i) || CASE WHEN i < ${levels - 1} THEN 'a:' ELSE 'a: 1' END, E'\\n' ORDER BY i) FROM generate_series(0, ${levels - 1}) i)`;
    const want = `repeat('{"a":', ${levels}) || '1' || repeat('}', ${levels})`;
    // The documented promise: these decode correctly (no error accepted).
    await expectOkOrError(c, `${levels}-level indentation via text::toon and toon::json`,
        `SELECT ${docExpr(2)}::toon::json::text = ${want} AS ok`, [], []);
    await expectOkOrError(c, `${levels}-level indentation via toon_to_json strict`,
        `SELECT toon_to_json(${docExpr(2)})::text = ${want} AS ok`, [], []);
    await expectOkOrError(c, `${levels}-level indentation via toon_to_json non-strict, indent_size 1`,
        `SELECT toon_to_json(${docExpr(1)}, false, 1)::text = ${want} AS ok`, [], []);
    await expectOkOrError(c, `${levels}-level indentation via toon_is_valid`,
        `SELECT toon_is_valid(${docExpr(2)}) AS ok`, [], []);
    // Past the decoder's 10,000-level limit: a clean 54001 (documented).
    const deeper = 12000;
    const deepExpr = `(SELECT string_agg(repeat(' ', i) || CASE WHEN i < ${deeper - 1} THEN 'a:' ELSE 'a: 1' END, E'\\n' ORDER BY i) FROM generate_series(0, ${deeper - 1}) i)`;
    await expectError(c, `${deeper}-level indentation via toon_to_json non-strict, indent_size 1: 54001`,
        `SELECT toon_to_json(${deepExpr}, false, 1)::text AS v`, [], ['54001']);
    await expectError(c, `${deeper}-level indentation via toon_is_valid, indent_size 1: 54001`,
        `SELECT toon_is_valid(${deepExpr}, true, 1) AS v`, [], ['54001']);
    // Same depth as a list of lists: "- - - ..." is not TOON; use list items holding objects.
    const listExpr = `(SELECT 'a:' || string_agg(E'\\n' || repeat(' ', 2 * i) || CASE WHEN i < ${levels} THEN 'a:' ELSE 'a: 1' END, '' ORDER BY i) FROM generate_series(1, ${levels}) i)`;
    await expectOkOrError(c, `${levels + 1}-level indentation, deepest line 12 KB of spaces`,
        `SELECT toon_to_json(${listExpr})::text = repeat('{"a":', ${levels + 1}) || '1' || repeat('}', ${levels + 1}) AS ok`, [], []);

    // to_toon of very deep JSON. The TOON text of 60,000 nested levels would
    // need gigabytes of indentation, so the right outcome is a clean error
    // (54000 result too large, 54001 too deep) reached quickly, or a result.
    // PostgreSQL's recursive json parser stops near 50,000 levels at 7MB, so
    // the 60,000-level json value is made with a binary-coercible cast from
    // text (same representation) created in this scratch database.
    await run(c, 'CREATE CAST (text AS json) WITHOUT FUNCTION');
    for (const [label, open, close] of [['arrays', '[', ']'], ['objects', '{"a":', '}']]) {
        await expectOkOrError(c, `to_toon(json) of ${label} nested 60,000 deep`,
            `SELECT octet_length(to_toon((repeat($1, 60000) || '1' || repeat($2, 60000))::text::json)::text) > 0 AS ok`,
            [open, close], ['54000', '54001']);
        await expectOkOrError(c, `json::toon of ${label} nested 60,000 deep`,
            `SELECT octet_length(((repeat($1, 60000) || '1' || repeat($2, 60000))::text::json)::toon::text) > 0 AS ok`,
            [open, close], ['54000', '54001']);
        await expectOkOrError(c, `to_toon(jsonb) of ${label} nested 50,000 deep`,
            `SELECT octet_length(to_toon((repeat($1, 50000) || '1' || repeat($2, 50000))::jsonb)::text) > 0 AS ok`,
            [open, close], ['54000', '54001']);
        // A depth whose TOON fits: encode, decode back, compare exactly.
        await expectOkOrError(c, `to_toon/toon_to_json round trip of ${label} nested 3,000 deep (json)`,
            `WITH j AS (SELECT repeat($1, 3000) || '1' || repeat($2, 3000) AS t)
             SELECT toon_to_json(to_toon(t::json)::text)::text = t AS ok FROM j`, [open, close], []);
        await expectOkOrError(c, `to_toon/toon::jsonb round trip of ${label} nested 3,000 deep (jsonb)`,
            `WITH j AS (SELECT (repeat($1, 3000) || '1' || repeat($2, 3000))::jsonb AS t)
             SELECT to_toon(t)::jsonb = t AS ok FROM j`, [open, close], []);
    }
    await run(c, 'DROP CAST (text AS json)');
}

// ---------------------------------------------------------------- big
const NOTE = 'the quick brown fox jumps over the lazy dog, then naps in the sun for a while';
// A tabular TOON document of n rows "  <i>,Ada Lovelace,<NOTE>" (~100 bytes a row).
const toonDocExpr = (n) => `(format('rows[%s]{id,name,note}:', ${n}) || repeat(E'\\n  7,Ada Lovelace,"${NOTE}"', ${n}))`;
const jsonRow = `{"id":7,"name":"Ada Lovelace","note":"${NOTE}"}`;
const jsonDocExpr = (n) => `('{"rows":[' || repeat('${jsonRow},', ${n} - 1) || '${jsonRow}]}')`;

// Each case runs in a fresh session so that the printed peak RSS (VmHWM of
// the backend) is that case's own.
async function big() {
    console.log('-- 300 MB inputs, all must succeed (peak RSS: the backend\'s high-water mark for that statement, input generation included)');
    const n = 3000000;   // 3,000,000 rows x 97 bytes = 291 MB
    const m = 2500000;   // 2,500,000 JSON rows x 118 bytes = 295 MB
    const jsonLen = `(9 + ${n} * ${Buffer.byteLength(jsonRow)} + ${n} - 1 + 2)`;
    const c = await connect(db);
    const sizes = (await run(c, `SELECT octet_length(${toonDocExpr(n)}) AS t, octet_length(${jsonDocExpr(m)}) AS j`)).rows[0];
    await c.end();
    const cases = [
        ['text::toon', `SELECT octet_length(${toonDocExpr(n)}::toon::text) = ${sizes.t} AS ok`],
        ['toon_is_valid', `SELECT toon_is_valid(${toonDocExpr(n)}) AS ok`],
        // Decoded: {"rows":[{"id":7,"name":"Ada Lovelace","note":"..."},...]}
        ['toon_to_json', `SELECT octet_length(j) = ${jsonLen} AND left(j, 200) = left(${jsonDocExpr(3)}, 200)
                   AND right(j, 200) = right(${jsonDocExpr(3)}, 200) AS ok
              FROM (SELECT toon_to_json(${toonDocExpr(n)})::text AS j OFFSET 0) r`],   // OFFSET 0: decode once
        // Encoded: the same tabular TOON as the decode input, m rows.
        ['to_toon(json)', `SELECT to_toon(${jsonDocExpr(m)}::json)::text = ${toonDocExpr(m)} AS ok`],
    ];
    console.log(`  inputs: ${(sizes.t / 1e6).toFixed(0)} MB of TOON (${n} rows), ${(sizes.j / 1e6).toFixed(0)} MB of JSON (${m} rows)`);
    for (const [name, sql] of cases) {
        const s = await connect(db);
        await run(s, 'SET statement_timeout = 180000');
        const pid = (await run(s, 'SELECT pg_backend_pid() AS p')).rows[0].p;
        await expectOkOrError(s, `${name} of ${name === 'to_toon(json)' ? (sizes.j / 1e6).toFixed(0) : (sizes.t / 1e6).toFixed(0)} MB`,
            sql, [], []);   // documented to succeed: no error accepted
        console.log(`         peak RSS ${peakRss(pid)}`);
        await s.end();
    }
}

// ---------------------------------------------------------------- utf8
async function utf8(c) {
    console.log('-- ill-formed UTF-8 (database encoding SQL_ASCII lets the bytes through)');
    const cases = [
        ['lone continuation byte', '613a2080'],
        ['truncated 2-byte sequence', '613a20c3'],
        ['truncated 3-byte sequence at end of key', 'e2823a2031'],
        ['overlong encoding of /', '613a20c0af'],
        ['UTF-16 surrogate D800', '613a20eda080'],
        ['code point above U+10FFFF', '613a20f4908080'],
        ['0xFF in a quoted string', '613a2022ff22'],
        ['bad byte in a tabular row', '615b315d7b782c797d3a0a2020312c78ff'],
    ];
    for (const [name, hex] of cases) {
        const doc = `convert_from(decode('${hex}', 'hex'), 'SQL_ASCII')`;
        await expectError(c, `text::toon, ${name} -> 22021`, `SELECT ${doc}::toon`, [], ['22021']);
        await expectError(c, `toon_to_json, ${name} -> 22021`, `SELECT toon_to_json(${doc})`, [], ['22021']);
        await expectOkOrError(c, `toon_is_valid is false, ${name}`, `SELECT toon_is_valid(${doc}) = false AS ok`, [], []);
    }
    const jsonDoc = `convert_from(decode('7b2261223a2022ff227d', 'hex'), 'SQL_ASCII')`; // {"a": "\xff"}
    await expectOkOrError(c, 'to_toon(json) with 0xFF in a string -> 22021 (or json rejects it first)',
        `SELECT to_toon(${jsonDoc}::json) IS NULL AS ok`, [], ['22021']);
}

// Binary input (toon_recv: version byte 1 + text) in a UTF-8 database: the
// bytes of a binary COPY field reach the type unchecked by PostgreSQL.
async function utf8Binary(c) {
    console.log('-- ill-formed UTF-8 through binary COPY (toon_recv) in a UTF-8 database');
    await run(c, 'CREATE TEMP TABLE recv_src (b bytea); CREATE TEMP TABLE recv_dst (v toon)');
    const file = `/tmp/toon_robust_recv_${process.env.PGPORT ?? 'default'}.bin`;   // one per test port
    for (const [name, hex, codes] of [
        ['valid document "a: 1"', '01613a2031', null],
        ['0xFF in a value', '01613a20ff', ['22021']],
        ['truncated 2-byte sequence', '01613a20c3', ['22021']],
        ['malformed TOON', '01613a2022', ['22P02']],
    ]) {
        await run(c, 'TRUNCATE recv_src, recv_dst');
        await run(c, `INSERT INTO recv_src VALUES ('\\x${hex}')`);
        const w = await run(c, `COPY recv_src TO '${file}' WITH (FORMAT binary)`);
        if (w.error) { record(`binary COPY setup for ${name}`, false, errText(w.error)); continue; }
        if (codes) {
            await expectError(c, `binary COPY into toon, ${name} -> ${codes.join('/')}`,
                `COPY recv_dst FROM '${file}' WITH (FORMAT binary)`, [], codes);
        } else {
            const r = await run(c, `COPY recv_dst FROM '${file}' WITH (FORMAT binary)`);
            await expectOkOrError(c, `binary COPY into toon, ${name}${r.error ? `: ${errText(r.error)}` : ''}`,
                `SELECT array_agg(v::text) = ARRAY['a: 1'] AS ok FROM recv_dst`, [], []);
        }
    }
}

// ---------------------------------------------------------------- options
async function options(c) {
    console.log('-- bad options');
    const bad = [
        [`to_toon('[1,2]'::json, 'x')`, "delimiter 'x'"],
        [`to_toon('[1,2]'::jsonb, '')`, "delimiter ''"],
        [`to_toon('[1,2]'::json, ',,')`, "delimiter ',,'"],
        [`to_toon('[1,2]'::json, ';')`, "delimiter ';'"],
        [`to_toon('{"a":{"b":1}}'::json, ',', 0)`, 'to_toon indent_size 0'],
        [`to_toon('{"a":{"b":1}}'::jsonb, ',', -2)`, 'to_toon indent_size -2'],
        [`toon_to_json('a: 1', true, -1)`, 'toon_to_json indent_size -1'],
        [`toon_to_json('a: 1', false, -1)`, 'toon_to_json non-strict indent_size -1'],
    ];
    for (const [sql, name] of bad) await expectError(c, `${name} -> 22023`, `SELECT ${sql}`, [], ['22023']);
    await expectOkOrError(c, 'to_toon indent_size 2147483647 on a nested value: result or clean error',
        `SELECT octet_length(to_toon('{"a":{"b":1}}'::json, ',', 2147483647)::text) > 2147483647 AS ok`, [],
        ['22023', '54000']);
    await expectOkOrError(c, 'toon_to_json indent_size 2147483647: result or clean error',
        `SELECT toon_to_json(E'a:\\n  b: 1', false, 2147483647)::text IS NOT NULL AS ok`, [], ['22023', '22P02']);
    // Encoder and decoder accept the same indent sizes: what to_toon writes
    // with indent_size N, toon_to_json reads back with indent_size N.
    for (const n of [1, 8, 256, 257, 1000]) {
        const r = await run(c, `SELECT to_toon('{"a":{"b":[1,2]}}'::json, ',', ${n})::text AS t`);
        if (r.error) {
            record(`to_toon indent_size ${n}: clean 22023, like the decoder`, r.error.code === '22023', errText(r.error));
            continue;
        }
        await expectOkOrError(c, `indent_size ${n}: toon_to_json reads back what to_toon wrote`,
            `SELECT toon_to_json($1, true, ${n})::text = '{"a":{"b":[1,2]}}' AS ok`, [r.rows[0].t], []);
    }
    await expectOkOrError(c, 'to_toon tab delimiter works', `SELECT to_toon('[1,2]'::json, E'\\t')::text = E'[2\\t]: 1\\t2' AS ok`, [], []);
}

// ---------------------------------------------------------------- cancel
// Measures how long a long-running call takes to stop once statement_timeout
// fires or pg_cancel_backend() is sent. The input is prepared inside the same
// statement (generation or detoast, `prepSql` measures it) before the codec
// runs; the timeout is set past the preparation so it fires inside our code.
const LIMIT_MS = 100;
async function cancel(c) {
    console.log('-- query cancel and statement_timeout (limit 100 ms)');
    const canceller = await connect(db);
    await run(c, 'RESET statement_timeout');
    // Encode inputs live in tables (EXTERNAL storage: no decompression), so
    // PostgreSQL's own json/jsonb parser is not what gets canceled.
    const rows = 1000000;   // ~100 MB
    await run(c, 'DROP TABLE IF EXISTS cancel_json, cancel_jsonb');
    await run(c, 'CREATE TABLE cancel_json (j json); ALTER TABLE cancel_json ALTER j SET STORAGE EXTERNAL');
    await run(c, 'CREATE TABLE cancel_jsonb (j jsonb); ALTER TABLE cancel_jsonb ALTER j SET STORAGE EXTERNAL');
    let r = await run(c, `INSERT INTO cancel_json SELECT ${jsonDocExpr(rows)}::json`);
    if (r.error) console.log(`  setup: ${errText(r.error)}`);
    r = await run(c, 'INSERT INTO cancel_jsonb SELECT j::jsonb FROM cancel_json');
    if (r.error) console.log(`  setup: ${errText(r.error)}`);

    const docRows = 3000000;    // 300 MB of TOON
    // Decode and validation inputs come from a table too, so that the moment
    // our code starts does not vary with the time PostgreSQL takes to build a
    // 300 MB string (validation takes about 0.3 s: the window is narrow).
    await run(c, 'DROP TABLE IF EXISTS cancel_toon');
    await run(c, 'CREATE TABLE cancel_toon (t text); ALTER TABLE cancel_toon ALTER t SET STORAGE EXTERNAL');
    r = await run(c, `INSERT INTO cancel_toon SELECT ${toonDocExpr(docRows)}`);
    if (r.error) console.log(`  setup: ${errText(r.error)}`);
    // toon_to_markdown(anyelement): rows from their datums into a tape, the
    // compact tree and Markdown; the rows are one stored array (EXTERNAL).
    const aggRows = 1000000;
    await run(c, 'DROP TABLE IF EXISTS cancel_rowarr; DROP TYPE IF EXISTS cancel_row');
    await run(c, 'CREATE TYPE cancel_row AS (id int, name text, note text)');
    await run(c, 'CREATE TABLE cancel_rowarr (a cancel_row[]); ALTER TABLE cancel_rowarr ALTER a SET STORAGE EXTERNAL');
    r = await run(c, `INSERT INTO cancel_rowarr SELECT array_agg(ROW(i, 'Ada Lovelace', '${NOTE}')::cancel_row) FROM generate_series(1, ${aggRows}) i`);
    if (r.error) console.log(`  setup: ${errText(r.error)}`);
    const ops = [
        ['markdown toon_to_markdown(anyelement) (1,000,000 rows)', 'SELECT octet_length(toon_to_markdown(a)) FROM cancel_rowarr', 'SELECT cardinality(a) FROM cancel_rowarr'],
        ['decode toon_to_json (300 MB)', 'SELECT octet_length(toon_to_json(t)::text) FROM cancel_toon', "SELECT octet_length(t || '') FROM cancel_toon"],
        ['validate text::toon (300 MB)', 'SELECT octet_length(t::toon::text) FROM cancel_toon', "SELECT octet_length(t || '') FROM cancel_toon"],
        ['encode to_toon(json) (100 MB)', 'SELECT octet_length(to_toon(j)::text) FROM cancel_json', 'SELECT octet_length(j::text) FROM cancel_json'],
        ['encode to_toon(jsonb) (100 MB)', 'SELECT octet_length(to_toon(j)::text) FROM cancel_jsonb', 'SELECT jsonb_typeof(j) FROM cancel_jsonb'],
    ];
    const pid = (await run(c, 'SELECT pg_backend_pid() AS p')).rows[0].p;
    const latencies = [];
    for (const [name, sql, prepSql] of ops) {
        // Preparation time: the input expression alone (median of 3).
        const preps = [];
        for (let i = 0; i < 3; i++) preps.push((await run(c, prepSql)).ms);
        const prep = preps.sort((a, b) => a - b)[1];
        // The cancel must land while our code runs, not in PostgreSQL's own
        // work after it (copying a 300 MB result is not interruptible): fire
        // a third of the way through the operation itself, at most 300 ms in.
        const full = (await run(c, sql)).ms;
        const delay = Math.round(Math.min(300, Math.max(20, (full - prep) / 3)));

        // Three trials per mechanism; the median must be under the limit (one
        // trial alone measures the machine's scheduling as much as our code).
        const trials = Number(process.env.TOON_CANCEL_TRIALS ?? 3);
        for (const how of ['statement_timeout', 'pg_cancel_backend']) {
            const lat = [];
            const notes = [];
            let clean = true;
            let early = 0;
            for (let t = 0; t < trials; t++) {
                let latency, res;
                if (how === 'statement_timeout') {
                    // The timeout fires `prep + delay` ms after the statement starts.
                    const timeout = Math.round(Math.max(delay, prep + delay));
                    await run(c, `SET statement_timeout = ${timeout}`);
                    res = await run(c, sql);
                    await run(c, 'RESET statement_timeout');
                    latency = res.ms - timeout;
                } else {
                    // pg_cancel_backend() sent `prep + delay` ms after the statement started.
                    const started = now();
                    const p = run(c, sql);
                    await new Promise((r) => setTimeout(r, Math.max(0, prep + delay - (now() - started))));
                    const sent = now();
                    await run(canceller, 'SELECT pg_cancel_backend($1)', [pid]);
                    res = await p;
                    latency = started + res.ms - sent;
                }
                // Finished, without error, before the cancel was even sent:
                // the input was ready sooner than measured (a warm cache), so
                // the trial measured nothing. Run it again (at most 3 times in
                // all); a call that ignores a cancel still finishes after it.
                if (!res.error && latency < 0 && early < 3) {
                    early++;
                    t--;
                    continue;
                }
                if (res.error?.code !== '57014') {
                    clean = false;
                    notes.push(res.error ? errText(res.error) : `finished in ${ms(res.ms)} before the cancel: input too small to measure`);
                }
                if (!(await alive(c))) { clean = false; notes.push('backend did not survive'); }
                lat.push(latency);
            }
            const sorted = lat.slice().sort((x, y) => x - y);
            const median = sorted[Math.floor(sorted.length / 2)];
            latencies.push([name, how, median, sorted[sorted.length - 1]]);
            record(`${how} stops ${name}`, clean && median < LIMIT_MS,
                `latency median ${median.toFixed(1)} ms (${lat.map((x) => x.toFixed(1)).join(', ')} ms; input ready at ~${ms(prep)}, whole statement ~${ms(full)}, cancel at input + ${delay} ms)` +
                (early ? `; ${early} trial(s) finished before the cancel and ran again` : '') +
                (notes.length ? `; ${notes.join('; ')}` : ''));
        }
    }
    console.log('  CANCEL-LATENCY | operation | mechanism | median ms | max ms |');
    for (const [name, how, med, max] of latencies) console.log(`  CANCEL-LATENCY | ${name} | ${how} | ${med.toFixed(1)} | ${max.toFixed(1)} |`);
    await run(c, 'DROP TABLE IF EXISTS cancel_json, cancel_jsonb, cancel_toon, cancel_rowarr; DROP TYPE IF EXISTS cancel_row');
    await canceller.end();
}

const SYNTAX = [':', ',', '|', '\t', '"', '\\', '[', ']', '{', '}', '-', ' ', '\n', '#', '0', '9', 'e', '.', 'x', '\r'];
const CODEPOINTS = [0x7f, 0xa0, 0xe9, 0x2028, 0x3000, 0xfeff, 0xfffd, 0x1f600, 0x10ffff, 0x1, 0x0b];

// Mutations work on code points (not UTF-16 units), so every mutated
// document is valid Unicode and reaches the server unchanged.
function mutations(random, doc) {
    const pick = (arr) => arr[Math.floor(random() * arr.length)];
    const cps = Array.from(doc);
    const at = () => Math.floor(random() * (cps.length + 1));
    const splice = (i, del, ...ins) => { const c = cps.slice(); c.splice(i, del, ...ins); return c.join(''); };
    const lines = () => doc.split('\n');
    return {
        'byte flip': () => splice(at(), 1, pick(SYNTAX)),
        'insertion': () => splice(at(), 0, pick(SYNTAX), pick(SYNTAX)),
        'truncation': () => cps.slice(0, at()).join(''),
        'indentation change': () => {
            const ls = lines(); const i = Math.floor(random() * ls.length);
            const d = Math.floor(random() * 5) - 2;
            ls[i] = d >= 0 ? ' '.repeat(d) + ls[i] : ls[i].replace(new RegExp(`^ {0,${-d}}`), '');
            if (random() < 0.3) ls[i] = '\t' + ls[i];
            return ls.join('\n');
        },
        'line duplication or removal': () => {
            const ls = lines(); const i = Math.floor(random() * ls.length);
            if (random() < 0.5) ls.splice(i, 0, ls[i]); else ls.splice(i, 1);
            return ls.join('\n');
        },
        'random UTF-8': () => splice(at(), random() < 0.5 ? 0 : 1, String.fromCodePoint(pick(CODEPOINTS))),
    };
}

// Our decoded value (JSON.parse of toon_to_json) equals the reference's, up to
// the documented number deviation: a number token beyond a double's range
// (1e400) stays a number with us, the reference turns it into a string.
function sameAsReference(ours, ref) {
    if (typeof ours === 'number' && !Number.isFinite(ours))
        return typeof ref === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(ref) && !Number.isFinite(Number(ref));
    if (ours === null || ref === null || typeof ours !== 'object' || typeof ref !== 'object') return ours === ref;
    if (Array.isArray(ours) !== Array.isArray(ref)) return false;
    const ko = Object.keys(ours), kr = Object.keys(ref);
    return ko.length === kr.length && ko.every((k, i) => k === kr[i] && sameAsReference(ours[k], ref[k]));
}

// ---------------------------------------------------------------- fuzz
async function fuzz(c) {
    const seed = Number(process.env.TOON_FUZZ_SEED ?? 20261126);
    const perKind = Number(process.env.TOON_FUZZ_CASES ?? 400);
    console.log(`-- fuzz: seed ${seed}, ${perKind} mutated documents per kind (TOON_FUZZ_SEED / TOON_FUZZ_CASES)`);
    const random = rng(seed);
    const seeds = [];
    for (const { kind, tests } of loadFixtures(join(here, '..', 'fixtures', 'spec'))) {
        for (const t of tests) {
            if (kind === 'decode' && !t.shouldError && typeof t.input === 'string') seeds.push(t.input);
            if (kind === 'encode' && typeof t.expected === 'string') seeds.push(t.expected);
        }
    }
    await run(c, 'SET statement_timeout = 10000');
    const kinds = Object.keys(mutations(random, ''));
    for (const kind of kinds) {
        let accepted = 0, rejected = 0;
        const problems = [];
        for (let i = 0; i < perKind && problems.length < 5; i++) {
            const doc = mutations(random, seeds[Math.floor(random() * seeds.length)])[kind]();
            if (doc.includes('\0')) continue;
            // The type validates in the document's own indent size: it must
            // agree with toon_is_valid(doc, true, 0) and decode like
            // toon_to_json(doc, true, 0).
            const r = await run(c, 'SELECT $1::toon::text AS v', [doc]);
            if (r.error && !r.error.code) { problems.push(`connection lost on ${JSON.stringify(doc)}`); break; }
            const v = await run(c, 'SELECT toon_is_valid($1, true, 0) AS v', [doc]);
            if (v.error) problems.push(`toon_is_valid(doc, true, 0) raised ${errText(v.error)} on ${JSON.stringify(doc)}`);
            if (r.error) {
                rejected++;
                const e = r.error;
                if (!['22P02', '22021'].includes(e.code) || !/\btoon\b/.test(e.message) || !/Line \d+, column \d+/.test(e.detail ?? ''))
                    problems.push(`unclean rejection ${errText(e)} of ${JSON.stringify(doc)}`);
                if (!v.error && v.rows[0].v !== false) problems.push(`toon_is_valid(doc, true, 0) true but text::toon rejects ${JSON.stringify(doc)}`);
            } else {
                accepted++;
                if (r.rows[0].v !== doc) problems.push(`text::toon changed the text of ${JSON.stringify(doc)}`);
                if (!v.error && v.rows[0].v !== true) problems.push(`toon_is_valid(doc, true, 0) false but text::toon accepts ${JSON.stringify(doc)}`);
                const j = await run(c, 'SELECT toon_to_json($1, true, 0)::text AS v', [doc]);
                if (j.error) problems.push(`accepted but toon_to_json(doc, true, 0) raised ${errText(j.error)} on ${JSON.stringify(doc)}`);
            }
            // The spec decoder at the default indent size 2 against the
            // reference (strict): same documents accepted, same values;
            // toon_is_valid agrees with it.
            const d = await run(c, 'SELECT toon_to_json($1)::text AS v', [doc]);
            const v2 = await run(c, 'SELECT toon_is_valid($1, true, 2) AS v', [doc]);
            let ref, refError = null;
            try { ref = referenceDecode(doc, { strict: true }); } catch (e) { refError = e.message; }
            if (v2.error) problems.push(`toon_is_valid raised ${errText(v2.error)} on ${JSON.stringify(doc)}`);
            else if (v2.rows[0].v !== !d.error) problems.push(`toon_is_valid ${v2.rows[0].v} but toon_to_json ${d.error ? 'rejects' : 'accepts'} ${JSON.stringify(doc)}`);
            if (d.error) {
                const e = d.error;
                if (!['22P02', '22021'].includes(e.code) || !/\btoon\b/.test(e.message) || !/Line \d+, column \d+/.test(e.detail ?? ''))
                    problems.push(`unclean toon_to_json error ${errText(e)} on ${JSON.stringify(doc)}`);
                if (refError === null) problems.push(`the reference accepts what toon_to_json rejects (${errText(e)}): ${JSON.stringify(doc)}`);
            } else if (refError !== null) {
                problems.push(`the reference rejects (${refError}) what toon_to_json accepts: ${JSON.stringify(doc)}`);
            } else if (!sameAsReference(JSON.parse(d.rows[0].v), ref)) {
                problems.push(`decoded differently from the reference: ${d.rows[0].v} vs ${JSON.stringify(ref)} for ${JSON.stringify(doc)}`);
            }
            if (!(await alive(c))) { problems.push(`backend died on ${JSON.stringify(doc)}`); break; }
        }
        record(`fuzz ${kind}: ${accepted} accepted, ${rejected} rejected`, problems.length === 0,
            problems.length ? '\n        ' + problems.join('\n        ') : '');
    }
}

// ---------------------------------------------------------------- main
const c = await connect(db);
try {
    // Self-check (test/suites/99-self-check.sh): one case that must fail, through the same check.
    if (process.env.TOON_PLANT_FAILURE)
        await expectError(c, 'planted failure: SELECT 1 expected to raise 22P02', 'SELECT 1 AS v', [], ['22P02']);
    if (want('deep')) await deep(c);
    if (want('options')) await options(c);
    if (want('fuzz')) await fuzz(c);
    if (want('utf8')) {
        await utf8Binary(c);
        const a = await connect(asciiDb);
        try { await utf8(a); } finally { await a.end(); }
    }
    if (want('big')) await big();
    if (want('cancel')) await cancel(c);
} catch (e) {
    record('suite ran to the end', false, e.stack);
} finally {
    await c.end().catch(() => {});
}
printResult();
