// SQL side of bench/tokens.sh, on the texts written by tokens_data.mjs.
// Prints:
//   sql <text> <encoding> <MB/s> <core MB/s> <function MB/s>
//                                     toon_token_count() over the text's 10 KB rows
//                                     (one query, backend CPU time from /proc), and
//                                     the core on the same slices measured right
//                                     before and after it (mean), since the load of
//                                     a shared machine changes from minute to minute;
//                                     function: the query time minus the same scan
//                                     with octet_length(s || '') (reading the rows)
//   sqlcall <µs> <baseline µs>        per row on 100-byte rows of prose, and the
//                                     same scan with octet_length() instead
//   first <first ms> <second ms>      wall time of the first and second call in
//                                     fresh backends (medians of 15 connections)
// Usage: node tokens_sql.mjs OUTDIR TEXT...   (PG* environment variables set)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "test", "node", "package.json"));
const pg = require("pg");
const [outdir, ...names] = process.argv.slice(2);
const TICK_S = 0.01;  // /proc times are in USER_HZ = 100 ticks per second

const client = new pg.Client();
await client.connect();
const pid = (await client.query("SELECT pg_backend_pid() AS p")).rows[0].p;
const ticks = () => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
};
// Backend CPU seconds per run of q, over enough runs for >= 1.5 s.
async function cpuPerRun(q, params) {
    await client.query(q, params);  // warm-up (and first-use costs)
    let runs = 0;
    const t0 = ticks();
    while ((ticks() - t0) * TICK_S < 1.5 || runs < 3) { await client.query(q, params); runs++; }
    return ((ticks() - t0) * TICK_S) / runs;
}

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

await client.query("CREATE TABLE IF NOT EXISTS bench_rows (name text, s text)");
await client.query("ALTER TABLE bench_rows ALTER s SET STORAGE EXTERNAL");  // uncompressed: no pglz in the timing
await client.query("TRUNCATE bench_rows");
for (const name of names) {
    const buf = readFileSync(`${outdir}/tokens_${name}.txt`);
    await client.query("INSERT INTO bench_rows SELECT $1, unnest($2::text[])", [name, slices(buf, 10240)]);
    if (name === "prose") {
        const small = slices(buf.subarray(0, 200000), 100);
        await client.query("INSERT INTO bench_rows SELECT 'small', unnest($1::text[])", [small]);
    }
}
await client.query("VACUUM ANALYZE bench_rows");
for (const name of names) {
    const bytes = Number((await client.query("SELECT sum(octet_length(s)) AS b FROM bench_rows WHERE name = $1", [name])).rows[0].b);
    // The same scan, detoasting every row, without counting.
    const scan = await cpuPerRun("SELECT sum(octet_length(s || '')) FROM bench_rows WHERE name = $1", [name]);
    for (const enc of ["cl100k_base", "o200k_base"]) {
        const core = () => Number(execFileSync(join(here, "tokens_bench"), ["--slices", enc, `${outdir}/tokens_${name}.txt`]));
        const before = core();
        const s = await cpuPerRun("SELECT sum(toon_token_count(s, $2)) FROM bench_rows WHERE name = $1", [name, enc]);
        const after = core();
        console.log(`sql ${name} ${enc} ${(bytes / 1e6 / s).toFixed(1)} ${((before + after) / 2).toFixed(1)} ${(bytes / 1e6 / Math.max(s - scan, 1e-9)).toFixed(1)}`);
    }
}
const rows = Number((await client.query("SELECT count(*) AS n FROM bench_rows WHERE name = 'small'")).rows[0].n);
const call = await cpuPerRun("SELECT sum(toon_token_count(s)) FROM bench_rows WHERE name = 'small'");
const base = await cpuPerRun("SELECT sum(octet_length(s || '')) FROM bench_rows WHERE name = 'small'");
console.log(`sqlcall ${(call / rows * 1e6).toFixed(3)} ${(base / rows * 1e6).toFixed(3)}`);
await client.end();

// First call in a fresh backend (the library is loaded by that call) vs the second.
const first = [], second = [];
for (let i = 0; i < 15; i++) {
    const c = new pg.Client();
    await c.connect();
    await c.query("SELECT 1");
    for (const into of [first, second]) {
        const t0 = process.hrtime.bigint();
        await c.query("SELECT toon_token_count('The first call loads the vocabulary.')");
        into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    await c.end();
}
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
console.log(`first ${med(first).toFixed(2)} ${med(second).toFixed(2)}`);
