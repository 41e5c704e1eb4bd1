// Data for the CLI benchmark (bench/cli.sh): 20 agent checkpoint documents of
// 1 to 50 KB as TOON (a task, a plan table, touched files, decisions, notes, a history
// table, metrics), and one document of the same shape, ~5 MB as TOON, as JSON.
// Seeded (test/node/prng.mjs), so every run sees the same bytes.
//
//   node bench/cli_data.mjs <out-dir>   writes cp01.json ... cp20.json, big.json
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from '../test/node/prng.mjs';

const out = process.argv[2];
if (!out) { console.error('usage: node cli_data.mjs <out-dir>'); process.exit(2); }
mkdirSync(out, { recursive: true });
const rand = rng(20261129);
const WORDS = 'the parser decoder encoder table row column cache index token budget test suite fix bug refactor review merge branch commit schema query plan step agent model prompt context file module error retry limit timeout stream buffer'.split(' ');
const sentence = (n) => Array.from({ length: n }, () => rand.pick(WORDS)).join(' ');
const STATUS = ['done', 'in_progress', 'todo', 'blocked'];
const EVENTS = ['tool_call', 'edit', 'test_run', 'note', 'plan_update', 'review'];

// A checkpoint whose JSON text is about `bytes` long.
function checkpoint(bytes, id) {
    const doc = {
        checkpoint: { id: `cp-${id}`, created: `2026-11-29T01:${String(id % 60).padStart(2, '0')}:00Z`, agent: 'coder-1', model: 'gpt-4o' },
        task: { title: sentence(6), issue: 100 + id, branch: `feature/${rand.pick(WORDS)}-${id}`, status: rand.pick(STATUS) },
        plan: [], files: [], decisions: [], notes: [], history: [],
        metrics: { tokens_in: rand.int(200000), tokens_out: rand.int(50000), tests_passed: rand.int(900), tests_failed: rand.int(5), cost_usd: Math.round(rand() * 10000) / 100 },
    };
    // Grows the document until its JSON text reaches `bytes` (sizes summed
    // item by item: one stringify per item, not per document).
    let step = 0, size = JSON.stringify(doc).length;
    const add = (list, item) => { list.push(item); size += JSON.stringify(item).length + 1; };
    while (size < bytes) {
        switch (step++ % 5) {
            case 0: add(doc.plan, { step: doc.plan.length + 1, title: sentence(5), status: rand.pick(STATUS), owner: rand.pick(['coder-1', 'reviewer', 'lead']) }); break;
            case 1: add(doc.files, `src/${rand.pick(WORDS)}/${rand.pick(WORDS)}_${rand.int(100)}.cpp`); break;
            case 2: add(doc.history, { seq: doc.history.length + 1, at: `01:${String(rand.int(60)).padStart(2, '0')}:${String(rand.int(60)).padStart(2, '0')}`, event: rand.pick(EVENTS), detail: sentence(4 + rand.int(8)), ms: rand.int(20000) }); break;
            case 3: if (rand() < 0.4) add(doc.decisions, { id: `D${doc.decisions.length + 1}`, title: sentence(4), rationale: sentence(12), alternatives: [sentence(3), sentence(3)] }); break;
            default: if (rand() < 0.5) add(doc.notes, sentence(8 + rand.int(12)));
        }
    }
    return doc;
}

for (let i = 1; i <= 20; i++) {
    // TOON of 1 KB to 50 KB, spread evenly (compact JSON is ~1.25x the TOON).
    const bytes = Math.round(1.24 * (1024 + (i - 1) * (49 * 1024) / 19));
    writeFileSync(join(out, `cp${String(i).padStart(2, '0')}.json`), JSON.stringify(checkpoint(bytes, i), null, 2));
}
writeFileSync(join(out, 'big.json'), JSON.stringify(checkpoint(6.4 * 1024 * 1024, 99)));
