// The spec conformance fixtures through SQL (test/suites/35-sql-conformance.sh).
//
// decode cases: toon_to_json(input, strict, indent_size) must equal `expected`
//   (same JSON value, object keys in document order); toon_is_valid() must
//   agree; for fixtures in the type's defaults (strict, indent 2) text::toon
//   must accept or reject the same way (the type reads a document in its own
//   indent size, see below) and toon::json / toon::jsonb give the same value.
//   shouldError cases must raise SQLSTATE 22P02 (22021 for ill-formed UTF-8)
//   with errmsg "invalid input syntax for type toon" (22P02) and an errdetail
//   giving "Line N, column M".
// encode cases: to_toon(input::json, delimiter, indent_size)::text must equal
//   `expected` byte for byte (input passed as its exact fixture source text);
//   with default options json::toon must give the same text.
//
// Prints a pass/fail count per fixture file, each failure, and finally
// "RESULT <passed> <failed>" (fixture cases) for the suite script.
import pg from 'pg';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixtures } from './fixture_source.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureDir = process.argv[2] ?? join(here, '..', 'fixtures', 'spec');

// JSON value equality; object keys must also come in the same order when
// `ordered` (json keeps document order, jsonb does not). Numbers compare as
// JS numbers, like the reference's own fixture runner.
function sameValue(a, b, ordered) {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i], ordered));
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    if (ordered && ka.some((k, i) => k !== kb[i])) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue(a[k], b[k], ordered));
}

const show = (s) => JSON.stringify(s);
// Fixtures invalid at indent 2 that the type accepts in their own indent size.
const ownIndentAccepted = [];

// Runs `sql` and returns { value } or { error } without throwing.
async function attempt(client, sql, params) {
    try {
        const r = await client.query(sql, params);
        return { value: r.rows[0]?.v };
    } catch (e) {
        if (!e.code) throw e;   // connection loss etc.: abort the run
        return { error: e };
    }
}

// Problems (strings) with an error that a malformed document must raise.
function badInputErrorProblems(what, err) {
    const problems = [];
    if (err.code !== '22P02' && err.code !== '22021') problems.push(`${what}: SQLSTATE ${err.code} (${err.message}), want 22P02 or 22021`);
    if (err.code === '22P02' && err.message !== 'invalid input syntax for type toon') problems.push(`${what}: errmsg ${show(err.message)}`);
    if (!/Line \d+, column \d+/.test(err.detail ?? '')) problems.push(`${what}: errdetail ${show(err.detail)} lacks "Line N, column M"`);
    return problems;
}

async function decodeCase(client, t) {
    const strict = t.options?.strict ?? true;
    const indent = t.options?.indentSize ?? 2;
    const problems = [];
    const r = await attempt(client, 'SELECT toon_to_json($1, $2, $3)::text AS v', [t.input, strict, indent]);
    if (t.shouldError) {
        if (!r.error) problems.push(`toon_to_json: no error, returned ${r.value}`);
        else problems.push(...badInputErrorProblems('toon_to_json', r.error));
    } else if (r.error) {
        problems.push(`toon_to_json: ${r.error.code} ${r.error.message}: ${r.error.detail ?? ''}`);
    } else if (r.value === null || r.value === undefined || !sameValue(JSON.parse(r.value), t.expected, true)) {
        problems.push(`toon_to_json: got ${r.value}, want ${show(t.expected)}`);
    }

    const valid = await attempt(client, 'SELECT toon_is_valid($1, $2, $3) AS v', [t.input, strict, indent]);
    if (valid.error) problems.push(`toon_is_valid raised ${valid.error.code} ${valid.error.message}`);
    else if (valid.value !== !t.shouldError) problems.push(`toon_is_valid: ${valid.value}, want ${!t.shouldError}`);

    // The type validates strictly in the document's own indent size (the
    // indentation of its first indented line; toon_is_valid(doc, true, 0)), so
    // that to_toon(..., indent_size => n) results are toon values too. For a
    // fixture of the type's defaults (strict, indent 2) it must accept exactly
    // the valid documents, except those whose only fault is indentation that
    // is wrong for 2 but consistent with their own size: those it must accept
    // and decode like toon_to_json(doc, true, 0).
    if (strict && indent === 2) {
        const own = await attempt(client, 'SELECT toon_is_valid($1, true, 0) AS v', [t.input]);
        if (own.error) problems.push(`toon_is_valid(doc, true, 0) raised ${own.error.code} ${own.error.message}`);
        const ownIndentOnly = t.shouldError && own.value === true;
        const cast = await attempt(client, 'SELECT $1::toon::json::text AS v', [t.input]);
        if (t.shouldError && !ownIndentOnly) {
            if (!cast.error) problems.push(`text::toon accepted it`);
            else problems.push(...badInputErrorProblems('text::toon', cast.error));
        } else if (cast.error) {
            problems.push(`text::toon::json: ${cast.error.code} ${cast.error.message}: ${cast.error.detail ?? ''}`);
        } else if (ownIndentOnly) {
            const d = await attempt(client, 'SELECT toon_to_json($1, true, 0)::text AS v', [t.input]);
            if (d.error || d.value !== cast.value) problems.push(`toon::json ${cast.value} differs from toon_to_json(doc, true, 0)`);
            else ownIndentAccepted.push(t.name);
        } else if (!sameValue(JSON.parse(cast.value), t.expected, true)) {
            problems.push(`toon::json: got ${cast.value}`);
        }
        if (!t.shouldError) {
            const jb = await attempt(client, 'SELECT $1::toon::jsonb::text AS v', [t.input]);
            if (jb.error) problems.push(`toon::jsonb: ${jb.error.code} ${jb.error.message}`);
            else if (!sameValue(JSON.parse(jb.value), t.expected, false)) problems.push(`toon::jsonb: got ${jb.value}`);
        }
    }
    return problems;
}

async function encodeCase(client, t) {
    const delimiter = t.options?.delimiter ?? ',';
    const indent = t.options?.indentSize ?? 2;
    const problems = [];
    const r = await attempt(client, 'SELECT to_toon($1::json, $2, $3)::text AS v', [t.inputSource, delimiter, indent]);
    if (r.error) problems.push(`to_toon: ${r.error.code} ${r.error.message}: ${r.error.detail ?? ''}`);
    else if (r.value !== t.expected) problems.push(`to_toon: got ${show(r.value)}, want ${show(t.expected)}`);
    if (!t.options) {
        const c = await attempt(client, 'SELECT ($1::json::toon)::text AS v', [t.inputSource]);
        if (c.error) problems.push(`json::toon: ${c.error.code} ${c.error.message}`);
        else if (c.value !== t.expected) problems.push(`json::toon: got ${show(c.value)}`);
    }
    return problems;
}

// Self-check (test/suites/99-self-check.sh): the first fixture file only, its
// first case with a planted wrong expectation.
const plant = !!process.env.TOON_PLANT_FAILURE;
const client = new pg.Client();
await client.connect();
let passed = 0, failed = 0;
try {
    for (const { kind, file, tests } of plant ? loadFixtures(fixtureDir).slice(0, 1) : loadFixtures(fixtureDir)) {
        let p = 0;
        const failures = [];
        if (plant) tests[0] = { ...tests[0], expected: kind === 'decode' ? { planted: tests[0].expected ?? null } : `${tests[0].expected} (planted)`, shouldError: false };
        for (const t of tests) {
            const problems = kind === 'decode' ? await decodeCase(client, t) : await encodeCase(client, t);
            if (problems.length === 0) p++;
            else failures.push(`    FAIL ${show(t.name)}\n      input: ${show(t.input)}\n${problems.map((s) => `      ${s}`).join('\n')}`);
        }
        console.log(`  ${file.padEnd(34)} ${String(p).padStart(3)}/${tests.length}${failures.length ? `  (${failures.length} failed)` : ''}`);
        for (const f of failures) console.log(f);
        passed += p;
        failed += tests.length - p;
    }
} finally {
    await client.end();
}
if (ownIndentAccepted.length)
    console.log(`  text::toon accepted ${ownIndentAccepted.length} fixture(s) that are invalid only at indent 2, in their own indent size (by design):\n${ownIndentAccepted.map((n) => `    ${show(n)}`).join('\n')}`);
console.log(`RESULT ${passed} ${failed}`);
