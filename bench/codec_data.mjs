// Benchmark data and the reference's figures for bench/codec.sh.
//
//   node codec_data.mjs gen <outdir>        writes uniform.{json,toon} (a ~5 MB
//       table of {id,name,email,active,score}) and nested.{json,toon} (~5 MB of
//       orders with nested objects, tabular item lists, primitive arrays, mixed
//       lists, quoted strings); the .toon files are the reference's encode().
//   node codec_data.mjs reference <outdir>  prints "ref_<op>_<name> <MB/s>"
//       for the reference's decode and encode on the same files: median of
//       the main thread's CPU time (the same kind of clock as the core's
//       CLOCK_THREAD_CPUTIME_ID; GC work on helper threads is not counted, see
//       docs/benchmarks.md), and of wall time as ref_<op>_<name>_wall.
//
// Uses the pinned @toon-format/toon installed in test/node (npm ci there).
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng } from "../test/node/prng.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'test', 'node', 'package.json'));
const { encode, decode } = await import(pathToFileURL(require.resolve('@toon-format/toon')).href);

const [cmd, outdir] = process.argv.slice(2);

const FIRST = ['Ada', 'Grace', 'Alan', 'Evelyn', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Guido', 'Hedy', 'Niklaus', 'Sophie'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Hartmann', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie', 'Allen', 'Dijkstra', 'Perlman', 'van Rossum', 'Lamarr', 'Wirth', 'Wilson'];
const CITIES = ['Berlin', 'São Paulo', 'Tōkyō', 'New York, NY', 'Zürich', 'Lagos', 'Montréal', 'Seoul'];
const SKUS = ['A-100', 'B-220', 'C-310', 'D-404', 'E-500', 'F-615'];
const TARGET = 5 * 1000 * 1000;

function uniformRows(random, n) {
    const pick = (a) => a[Math.floor(random() * a.length)];
    const rows = [];
    for (let i = 1; i <= n; i++) {
        const first = pick(FIRST), last = pick(LAST);
        rows.push({
            id: i,
            name: `${first} ${last}`,
            email: `${first}.${last.replace(' ', '')}${i}@example.com`.toLowerCase(),
            active: random() < 0.7,
            score: Math.round(random() * 10000) / 100,
        });
    }
    return rows;
}

function orders(random, n) {
    const pick = (a) => a[Math.floor(random() * a.length)];
    const out = [];
    for (let i = 1; i <= n; i++) {
        const items = [];
        for (let k = 0, m = 1 + Math.floor(random() * 4); k < m; k++)
            items.push({ sku: pick(SKUS), qty: 1 + Math.floor(random() * 5), price: Math.round(random() * 20000) / 100 });
        const o = {
            id: `ORD-${100000 + i}`,
            placed: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:15:00Z`,
            customer: { name: `${pick(FIRST)} ${pick(LAST)}`, address: { city: pick(CITIES), zip: String(10000 + Math.floor(random() * 89999)) } },
            items,
            tags: random() < 0.5 ? ['priority', 'gift'] : ['standard'],
            total: Math.round(items.reduce((s, x) => s + x.qty * x.price, 0) * 100) / 100,
        };
        if (random() < 0.3) o.note = 'Leave at the door: ring twice, "fragile" items inside';
        if (random() < 0.2) o.history = [1, 'retried', { at: 'carrier', code: 503 }, null, true];
        if (random() < 0.1) o.coupon = null;
        out.push(o);
    }
    return { orders: out, generated: '2026-11-26', version: 4 };
}

// Grows n until the TOON text reaches TARGET bytes (estimated from a sample).
function sized(make) {
    const sample = encode(make(1000));
    const n = Math.ceil(1000 * TARGET / Buffer.byteLength(sample));
    return make(n);
}

// CPU seconds of this process's main thread (the one running JavaScript):
// utime + stime of /proc/self/task/<pid>/stat, in 10 ms ticks.
function mainThreadCpu() {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
}

// Medians of main-thread CPU seconds and of wall seconds.
function measure(fn, reps) {
    const cpu = [], wall = [];
    for (let i = 0; i < reps; i++) {
        const c0 = mainThreadCpu();
        const t0 = process.hrtime.bigint();
        fn();
        wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
        cpu.push(mainThreadCpu() - c0);
    }
    const med = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
    return { cpu: med(cpu), wall: med(wall) };
}

if (cmd === 'gen') {
    mkdirSync(outdir, { recursive: true });
    const docs = {
        uniform: sized((n) => ({ users: uniformRows(rng(1), n) })),
        nested: sized((n) => orders(rng(2), n)),
    };
    for (const [name, value] of Object.entries(docs)) {
        writeFileSync(join(outdir, `${name}.json`), JSON.stringify(value));
        writeFileSync(join(outdir, `${name}.toon`), encode(value));
    }
} else if (cmd === 'reference') {
    const reps = Number(process.env.BENCH_REPS ?? 5);
    for (const name of ['uniform', 'nested']) {
        const toon = readFileSync(join(outdir, `${name}.toon`), 'utf8');
        const value = JSON.parse(readFileSync(join(outdir, `${name}.json`), 'utf8'));
        const mb = Buffer.byteLength(toon) / 1e6;
        decode(toon); encode(value);   // warm up the JIT
        for (const [op, fn] of [['decode', () => decode(toon)], ['encode', () => encode(value)]]) {
            const t = measure(fn, reps);
            console.log(`ref_${op}_${name} ${(mb / t.cpu).toFixed(1)}`);
            console.log(`ref_${op}_${name}_wall ${(mb / t.wall).toFixed(1)}`);
        }
    }
} else {
    console.error('usage: node codec_data.mjs gen|reference <outdir>');
    process.exit(2);
}
