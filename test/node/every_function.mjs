// Every SQL function of the extension, called on one connection with a
// checked result (test/hardening/every_function.sql), plus toon_recv through a
// binary-format parameter. Fails when a function of the extension (pg_depend)
// has no check, so the replica and privilege tests cover new functions too.
//
// Usage: node every_function.mjs <database> [user] [label]
// Connection settings come from PGHOST/PGPORT/PGPASSWORD as usual.
// Ends with "RESULT <passed> <failed>".
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [database, user, label = ''] = process.argv.slice(2);
let passed = 0, failed = 0;
function record(name, ok, info = '') {
    if (ok) passed++; else failed++;
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${label}${name}${info ? `: ${info}` : ''}`);
}

const c = new pg.Client({ database, ...(user ? { user } : {}) });
c.on('error', () => {});
try {
    await c.connect();
    const checks = readFileSync(join(here, '../hardening/every_function.sql'), 'utf8');
    const rows = (await c.query(checks)).rows;
    const members = (await c.query(`
        SELECT p.oid::regprocedure::text AS fn
          FROM pg_proc p
          JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
          JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'toon'`)).rows.map((r) => r.fn);
    // regprocedure text is schema-qualified when the schema is not on the path.
    const bare = (s) => s.replace(/^[a-z_0-9]+\./, '').replace(/[a-z_0-9]+\.toon\b/g, 'toon');
    for (const r of rows) record(r.fn, r.ok === true, r.ok ? '' : 'wrong result');
    // toon_recv(internal): a toon parameter sent in binary (version byte 1 + text).
    const bin = Buffer.concat([Buffer.from([1]), Buffer.from('k[2]: 1,2', 'utf8')]);
    const recv = await c.query('SELECT $1::toon::text AS t', [bin]);
    record('toon_recv(internal)', recv.rows[0].t === 'k[2]: 1,2', `binary parameter read back as ${JSON.stringify(recv.rows[0].t)}`);
    try {
        await c.query('SELECT $1::toon::text AS t', [Buffer.concat([Buffer.from([1]), Buffer.from('[2]: 1', 'utf8')])]);
        record('toon_recv(internal) rejects an invalid document', false, 'no error');
    } catch (e) {
        record('toon_recv(internal) rejects an invalid document', e.code === '22P02', `${e.code} ${e.message}`);
    }
    const covered = new Set([...rows.map((r) => r.fn), 'toon_recv(internal)']);
    const missing = members.map(bare).filter((f) => !covered.has(f));
    record(`every one of the extension's ${members.length} functions has a check`, missing.length === 0,
        missing.length ? `no check for ${missing.join(', ')}` : '');
} catch (e) {
    record('every function', false, `${e.code ?? ''} ${e.message}`);
}
await c.end().catch(() => {});
console.log(`RESULT ${passed} ${failed}`);
