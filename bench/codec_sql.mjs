// SQL side of bench/codec.sh: server-side timings of the codec through SQL on
// the documents written by codec_data.mjs.
//
// One clock for both sides of every comparison: the backend's process CPU
// time (the backend is single-threaded), with wall time alongside.
// Each query runs `reps` times in a plpgsql loop inside the backend
// (EXECUTE ... USING the document, which is an in-memory, detoasted value), so
// nothing is sent to the client but a boolean. Two figures per query:
//   <key>       backend CPU ms per run (utime + stime from /proc/<pid>/stat
//               around the loop, minus the same call with 0 runs, which
//               prepares the argument, divided by reps): stable on a busy machine;
//   <key>_wall  median wall ms per run (clock_timestamp() around each run).
//
// Usage: node codec_sql.mjs <outdir>   (PG* environment variables set)
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'test', 'node', 'package.json'));
const pg = require('pg');

const outdir = process.argv[2];
// /proc counts CPU in 10 ms ticks: at least 25 runs, so a 10 ms query is
// measured over 250 ms (4% resolution).
const reps = Math.max(25, Number(process.env.BENCH_REPS ?? 25));
const TICK_MS = 10;   // /proc times are in USER_HZ = 100 ticks per second on Linux

const client = new pg.Client({ database: process.env.BENCH_DB ?? 'toon_bench' });
await client.connect();
const pid = (await client.query('SELECT pg_backend_pid() AS p')).rows[0].p;

function backendCpuTicks() {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);   // utime, stime (fields 14 and 15)
}

await client.query(`
CREATE OR REPLACE FUNCTION bench_loop(q text, arg anyelement, reps int) RETURNS float8[] LANGUAGE plpgsql AS $$
DECLARE
    t float8[] := '{}';
    t0 timestamptz;
    b boolean;
BEGIN
    FOR i IN 1..reps LOOP
        t0 := clock_timestamp();
        EXECUTE q INTO b USING arg;
        t := t || extract(epoch FROM clock_timestamp() - t0)::float8 * 1000;
    END LOOP;
    RETURN t;
END $$`);

// The document as an argument: "|| ''" makes a fresh in-memory value, so no
// run pays for detoasting.
const args = {
    toon: `(SELECT toon_text || '' FROM docs WHERE name = $2)`,
    json_text: `(SELECT json_text || '' FROM docs WHERE name = $2)`,
    json: `(SELECT (json_text || '')::json FROM docs WHERE name = $2)`,
    toon_value: `(SELECT (toon_text || '')::toon FROM docs WHERE name = $2)`,
    jsonb: `(SELECT (json_text || '')::jsonb FROM docs WHERE name = $2)`,
};
// Like with like: validation (text::toon, toon_from_text) against json_in
// (text::json), parse-and-build (toon::jsonb: TOON decoded and handed to
// jsonb_in) against jsonb_in (text::jsonb).
const queries = [
    ['sql_toon_in', 'SELECT $1::toon IS NOT NULL', 'toon'],
    ['sql_json_in', 'SELECT $1::json IS NOT NULL', 'json_text'],
    ['sql_toon_jsonb', 'SELECT $1::jsonb IS NOT NULL', 'toon_value'],
    ['sql_jsonb_in', 'SELECT $1::jsonb IS NOT NULL', 'json_text'],
    ['sql_to_toon_jsonb', 'SELECT to_toon($1) IS NOT NULL', 'jsonb'],
    ['sql_jsonb_out', 'SELECT $1::text IS NOT NULL', 'jsonb'],
    ['sql_toon_to_json', 'SELECT toon_to_json($1) IS NOT NULL', 'toon'],
    ['sql_to_toon_json', 'SELECT to_toon($1) IS NOT NULL', 'json'],
];

await client.query('CREATE TEMP TABLE docs (name text, toon_text text, json_text text)');
for (const name of ['uniform', 'nested']) {
    await client.query('INSERT INTO docs VALUES ($1, $2, $3)', [name,
        readFileSync(join(outdir, `${name}.toon`), 'utf8'), readFileSync(join(outdir, `${name}.json`), 'utf8')]);
    const jsonMb = Buffer.byteLength(readFileSync(join(outdir, `${name}.json`))) / 1e6;
    console.log(`sql_json_mb_${name} ${jsonMb.toFixed(2)}`);
    for (const [key, q, arg] of queries) {
        const sql = `SELECT bench_loop($1, ${args[arg]}, $3) AS t`;
        await client.query(sql, [q, name, 1]);   // warm-up (plans, caches)
        // CPU of preparing the argument alone (0 runs), subtracted below.
        let c0 = backendCpuTicks();
        await client.query(sql, [q, name, 0]);
        const base = backendCpuTicks() - c0;
        c0 = backendCpuTicks();
        const r = await client.query(sql, [q, name, reps]);
        const cpu = Math.max(0, backendCpuTicks() - c0 - base) * TICK_MS / reps;
        const wall = r.rows[0].t.sort((a, b) => a - b)[Math.floor(reps / 2)];
        console.log(`${key}_${name} ${cpu.toFixed(1)}`);
        console.log(`${key}_${name}_wall ${wall.toFixed(1)}`);
    }
}
await client.end();
