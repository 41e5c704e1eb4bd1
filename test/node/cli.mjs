// Tests of the `toon` command-line tool (test/suites/45-cli.sh, docs/cli.md).
//
//   node cli.mjs <path-to-toon-binary> <fixture-dir>
//   env: TOON_CLI_SEED (default: 1, printed), TOON_CLI_COUNT (random
//        documents per configuration, default 25); PGDATABASE etc. for the
//        SQL comparison of error texts and Markdown (a database with the
//        extension, created by the suite).
//
// 1. The 516 spec fixtures: `toon decode` (stdin) and `toon encode` (file).
// 2. A seeded random corpus against the reference CLI @toon-format/cli 4.1.1
//    (encode, decode, byte for byte), token counts against tiktoken, Markdown
//    against SQL toon_to_markdown().
// 3. Error texts equal to the SQL functions' (message and detail), exit
//    statuses, stdin/stdout, -o, md --write, broken pipes, --help.
//
// Prints each failure and finally "RESULT <passed> <failed>".
//
// TOON_PLANT_FAILURE=1 (self-check, test/suites/99-self-check.sh): only the
// first 5 decode fixtures (section 1's first part) run, and the expected value
// of the first one that should decode gets an extra member/element, so the
// same comparison with `toon decode`'s output must report it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, statSync, lstatSync, rmSync, utimesSync, symlinkSync, linkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { get_encoding } from 'tiktoken';
import { loadFixtures } from './fixture_source.mjs';
import { corpus } from './cli_corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [toon, fixtureDir] = process.argv.slice(2);
if (!toon || !fixtureDir) {
    console.error('usage: node cli.mjs <toon-binary> <fixture-dir>');
    process.exit(2);
}
const refCli = join(here, 'node_modules', '@toon-format', 'cli', 'bin', 'toon.mjs');
const seed = Number(process.env.TOON_CLI_SEED ?? 1);
const count = Number(process.env.TOON_CLI_COUNT ?? 25);
console.log(`seed ${seed} (rerun with TOON_CLI_SEED=${seed}), ${count} random documents per configuration`);

const work = mkdtempSync(join(tmpdir(), 'toon-cli-'));
let passed = 0, failed = 0, shown = 0;
function check(ok, what, detail = '') {
    if (ok) { passed++; return true; }
    failed++;
    if (shown++ < 25) console.log(`FAIL ${what}${detail ? '\n  ' + detail : ''}`);
    return false;
}
const show = (s) => JSON.stringify(s);
const run = (args, opts = {}) => spawnSync(toon, args, { maxBuffer: 1 << 28, ...opts });
const ref = (args) => spawnSync(process.execPath, [refCli, ...args], { maxBuffer: 1 << 28 });
const text = (b) => (b ?? Buffer.alloc(0)).toString('utf8');
function section(name, f) {
    const p0 = passed, f0 = failed;
    f();
    console.log(`${name}: ${passed - p0} passed, ${failed - f0} failed`);
}
async function asection(name, f) {
    const p0 = passed, f0 = failed;
    await f();
    console.log(`${name}: ${passed - p0} passed, ${failed - f0} failed`);
}

function sameValue(a, b) {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(a[k], b[k]));
}

// "FILE:L:C: error: MSG: WHAT" as the CLI must print an SQL error (message,
// detail "Line L, column C: WHAT").
function cliLineOf(file, err) {
    const m = /^Line (\d+), column (\d+): (.*)$/s.exec(err.detail ?? '');
    if (m) return `${file}:${m[1]}:${m[2]}: error: ${err.message}: ${m[3]}`;
    return `${file}: error: ${err.message}${err.detail ? ': ' + err.detail : ''}`;
}

const client = new pg.Client();
await client.connect();
async function sqlError(sql, params) {
    try { await client.query(sql, params); return null; } catch (e) { if (!e.code) throw e; return e; }
}

// ---- 1. spec fixtures ---------------------------------------------------------
const fixtures = loadFixtures(fixtureDir);
let fixtureCases = 0;
const plant = !!process.env.TOON_PLANT_FAILURE;
let planted = false;
await asection('fixtures: decode (stdin -> stdout), error lines equal to SQL', async () => {
    for (const fx of fixtures.filter((f) => f.kind === 'decode')) {
        for (const t0 of fx.tests) {
            if (plant && fixtureCases === 5) break;
            let t = t0;
            if (plant && !planted && !t.shouldError) {
                planted = true;
                const e = t.expected;
                t = { ...t, expected: Array.isArray(e) ? [...e, 'planted'] : e !== null && typeof e === 'object' ? { ...e, planted: 1 } : [e] };
            }
            fixtureCases++;
            const strict = t.options?.strict ?? true, indent = t.options?.indentSize ?? 2;
            const args = ['decode', '--json-indent', '0', '--indent-size', String(indent), ...(strict ? [] : ['--no-strict'])];
            const r = run(args, { input: t.input });
            const label = `${fx.file} ${show(t.name)}`;
            if (t.shouldError) {
                const err = await sqlError('SELECT toon_to_json($1, $2, $3)', [t.input, strict, indent]);
                if (!check(err !== null, label, 'SQL accepted a shouldError fixture')) continue;
                const want = cliLineOf('<stdin>', err) + '\n';
                check(r.status === 1 && text(r.stdout) === '' && text(r.stderr) === want, label,
                      `status ${r.status}, stderr ${show(text(r.stderr))}, want ${show(want)}`);
            } else {
                let got;
                try { got = JSON.parse(text(r.stdout)); } catch { got = undefined; }
                check(r.status === 0 && sameValue(got, t.expected), label,
                      `status ${r.status}, stdout ${show(text(r.stdout)).slice(0, 300)} stderr ${show(text(r.stderr))}`);
            }
        }
    }
});
if (plant) {
    await client.end();
    rmSync(work, { recursive: true, force: true });
    console.log(`RESULT ${passed} ${failed}`);
    process.exit(0);
}
section('fixtures: encode (file -> stdout), byte for byte', () => {
    for (const fx of fixtures.filter((f) => f.kind === 'encode')) {
        fx.tests.forEach((t, i) => {
            fixtureCases++;
            const file = join(work, `enc-${i}.json`);
            writeFileSync(file, t.inputSource);
            const args = ['encode', file];
            if (t.options?.delimiter) args.push('--delimiter', t.options.delimiter);
            if (t.options?.indentSize) args.push('--indent-size', String(t.options.indentSize));
            const r = run(args);
            check(r.status === 0 && text(r.stdout) === t.expected + '\n', `${fx.file} ${show(t.name)}`,
                  `status ${r.status}, got ${show(text(r.stdout))}, want ${show(t.expected + '\n')} ${text(r.stderr)}`);
        });
    }
});
check(fixtureCases === 516, 'fixture count', `${fixtureCases} fixture cases, want 516`);

// ---- 2. random corpus against the reference CLI, tiktoken and SQL --------------
const configs = [['comma', ',', 2], ['tab', '\t', 4], ['pipe', '|', 2], ['comma', ',', 1]];
const docs = [];
let ci = 0;
for (const [name, delim, indent] of configs) {
    const values = corpus(seed + ci++, count);
    section(`reference CLI [${name}, indent ${indent}]: encode and decode byte for byte`, () => {
        values.forEach((v, i) => {
            const base = join(work, `r${ci}-${i}`);
            writeFileSync(base + '.json', JSON.stringify(v, null, i % 2 ? 2 : 0));
            const want = ref(['--encode', base + '.json', '--delimiter', delim, '--indent', String(indent)]);
            if (want.status !== 0) return check(false, `reference encode failed on ${base}.json`, text(want.stderr));
            const got = run(['encode', base + '.json', '--delimiter', name, '--indent-size', String(indent)]);
            const label = `[${name}, indent ${indent}] ${JSON.stringify(v).slice(0, 200)}`;
            check(got.status === 0 && text(got.stdout) === text(want.stdout), `encode ${label}`,
                  `ours ${show(text(got.stdout)).slice(0, 400)}\n  ref  ${show(text(want.stdout)).slice(0, 400)}`);
            writeFileSync(base + '.toon', want.stdout);
            docs.push({ file: base + '.toon', toon: text(want.stdout), indent });
            const wantJ = ref(['--decode', base + '.toon', '--indent', String(indent)]);
            if (wantJ.status !== 0) return check(false, `reference decode failed on ${base}.toon`, text(wantJ.stderr));
            const gotJ = run(['decode', base + '.toon', '--indent-size', String(indent), '--json-indent', String(indent)]);
            check(gotJ.status === 0 && text(gotJ.stdout) === text(wantJ.stdout), `decode ${label}`,
                  `ours ${show(text(gotJ.stdout)).slice(0, 400)}\n  ref  ${show(text(wantJ.stdout)).slice(0, 400)}`);
        });
    });
}

section('tokens: counts equal tiktoken per file, total line, --model', () => {
    for (const [encName, args] of [['o200k_base', []], ['cl100k_base', ['--encoding', 'cl100k_base']], ['o200k_base', ['--model', 'gpt-4o-mini']]]) {
        const enc = get_encoding(encName);
        const r = run(['tokens', ...args, ...docs.map((d) => d.file)]);
        const lines = text(r.stdout).trimEnd().split('\n');
        check(r.status === 0 && lines.length === docs.length + 1, `tokens ${args.join(' ')}: ${lines.length} lines`, text(r.stderr));
        let total = 0;
        docs.forEach((d, i) => {
            const n = enc.encode_ordinary(d.toon).length;
            total += n;
            check(lines[i] === `${String(n).padStart(10)}  ${d.file}`, `tokens ${encName} ${d.file}`, `got ${show(lines[i])}, want ${n}`);
        });
        check(lines[docs.length] === `${String(total).padStart(10)}  total`, `tokens ${encName} total`, `got ${show(lines[docs.length])}, want ${total}`);
        enc.free();
    }
});

section('tokens --compare-json: JSON counts as tiktoken counts JSON.stringify', () => {
    const enc = get_encoding('o200k_base');
    const sample = docs.filter((d) => d.indent === 2).slice(0, 20);
    const r = run(['tokens', '--compare-json', ...sample.map((d) => d.file)]);
    const lines = text(r.stdout).trimEnd().split('\n');
    check(r.status === 0 && lines[0].trim().startsWith('TOON') && lines.length === sample.length + 2, 'compare-json layout', show(lines.slice(0, 2)));
    sample.forEach((d, i) => {
        const value = JSON.parse(text(run(['decode', d.file, '--json-indent', '0']).stdout));
        const t = enc.encode_ordinary(d.toon).length;
        const c = enc.encode_ordinary(JSON.stringify(value)).length;
        const p = enc.encode_ordinary(JSON.stringify(value, null, 2)).length;
        const f = lines[i + 1].trim().split(/\s+/);
        const pct = (json) => (json ? `${(100 * (json - t) / json).toFixed(1)}%` : '-');
        check(f[0] === String(t) && f[1] === String(c) && f[2] === pct(c) && f[3] === String(p) && f[4] === pct(p) && f[5] === d.file,
              `compare-json ${d.file}`, `got ${show(lines[i + 1])}, want ${t} ${c} ${pct(c)} ${p} ${pct(p)}`);
    });
    enc.free();
});

await asection('md: equal to SQL toon_to_markdown(), options too', async () => {
    for (const [i, d] of docs.slice(0, 30).entries()) {
        const [level, pad] = [[1, true], [0, true], [3, false]][i % 3];
        const r = run(['md', d.file, '--heading-level', String(level), ...(pad ? [] : ['--no-pad'])]);
        const want = (await client.query('SELECT toon_to_markdown($1::toon, $2, $3) AS v', [d.toon, level, pad])).rows[0].v;
        check(r.status === 0 && text(r.stdout) === want, `md ${d.file} level ${level} pad ${pad}`,
              `got ${show(text(r.stdout)).slice(0, 300)}\n  want ${show(want).slice(0, 300)}`);
    }
});

// ---- 3. errors, exit statuses, files and pipes ---------------------------------------
const f = (name, content) => { const p = join(work, name); writeFileSync(p, content); return p; };
const good = f('good.toon', 'users[2]{id,name}:\n  1,Ada\n  2,Bob\nn: 1.50\nbig: 123456789012345678901234567890\n');
const bad1 = f('bad1.toon', 'a:\n  b: 1\n c: 2\n');
const bad2 = f('bad2.toon', 'items[3]: a,b\n');
const bad3 = f('bad3.toon', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
const badJson = f('bad.json', '{"a": [1, 2}\n');

await asection('check: one compiler-style line per bad file, SQL texts, exit statuses', async () => {
    const r = run(['check', good, bad1, bad2, bad3]);
    const want = [];
    for (const file of [bad1, bad2]) want.push(cliLineOf(file, await sqlError('SELECT $1::toon', [readFileSync(file, 'utf8')])));
    // Ill-formed UTF-8 cannot reach SQL as text: the core's message, by shape.
    const lines = text(r.stderr).trimEnd().split('\n');
    check(r.status === 1 && text(r.stdout) === '', 'check status 1, nothing on stdout', `status ${r.status}`);
    check(lines.length === 3, 'check: three error lines', show(lines));
    check(lines[0] === want[0], 'check line for bad1 equals SQL', `got ${show(lines[0])}, want ${show(want[0])}`);
    check(lines[1] === want[1], 'check line for bad2 equals SQL', `got ${show(lines[1])}, want ${show(want[1])}`);
    check(/^.*bad3\.toon:1:4: error: invalid byte sequence for encoding "UTF8": 0xff( 0x[0-9a-f]{2})*: ill-formed UTF-8/.test(lines[2] ?? ''), 'check line for ill-formed UTF-8', show(lines[2]));
    const ok = run(['check', good]);
    check(ok.status === 0 && text(ok.stdout) === '' && text(ok.stderr) === '', 'check on a valid file: status 0, silent');
    const q = run(['check', '-q', bad1]);
    check(q.status === 1 && text(q.stderr) === '', 'check -q: status 1, silent');
    const missing = run(['check', good, join(work, 'nope.toon'), bad1]);
    check(missing.status === 3 && text(missing.stderr).includes(`toon check: error: cannot read ${join(work, 'nope.toon')}: No such file or directory`)
          && text(missing.stderr).includes('bad1.toon:3:2: error:'), 'check: unreadable file -> status 3, other files still checked', text(missing.stderr));
    const stdin = run(['check'], { input: 'a: 1\n  b: 2\n' });
    check(stdin.status === 1 && /^<stdin>:2:/.test(text(stdin.stderr)), 'check reads stdin', text(stdin.stderr));
    const lenient = run(['check', '--no-strict', bad2]);
    check(lenient.status === 0, 'check --no-strict accepts a count mismatch', text(lenient.stderr));
});

await asection('decode/encode: errors, lossless numbers, -o, stdin', async () => {
    const d = run(['decode', '--json-indent', '0'], { input: readFileSync(good) });
    check(text(d.stdout) === '{"users":[{"id":1,"name":"Ada"},{"id":2,"name":"Bob"}],"n":1.5,"big":1.2345678901234567890123456789e+29}\n',
          'decode keeps all digits of numbers (stdin)', show(text(d.stdout)));
    const sqlJson = (await client.query('SELECT toon_to_json($1)::text AS v', [readFileSync(good, 'utf8')])).rows[0].v;
    check(text(d.stdout) === sqlJson + '\n', 'decode --json-indent 0 equals SQL toon_to_json()', show(sqlJson));
    const e = run(['encode'], { input: '{"x": 0.1000000000000000055511151231257827, "y": 1E+2}' });
    check(text(e.stdout) === 'x: 0.1000000000000000055511151231257827\ny: 100\n', 'encode keeps all digits', show(text(e.stdout)));
    const je = run(['encode', badJson]);
    check(je.status === 1 && /bad\.json:1:12: error: invalid input syntax for type json: /.test(text(je.stderr)), 'encode: bad JSON -> file:line:col, status 1', text(je.stderr));
    const out = f('out.json', 'OLD');
    const bad = run(['decode', bad1, '-o', out]);
    check(bad.status === 1 && readFileSync(out, 'utf8') === 'OLD', 'decode -o: an invalid input leaves the old output file alone');
    const okOut = run(['decode', good, '--output=' + out]);
    check(okOut.status === 0 && text(okOut.stdout) === '' && JSON.parse(readFileSync(out, 'utf8')).users.length === 2, 'decode --output writes the file');
    const us = run(['decode', '--indent-size', 'x', good]);
    check(us.status === 2 && /option "--indent-size" needs an integer/.test(text(us.stderr)), 'bad integer option -> status 2', text(us.stderr));
    const sqlIndent = await sqlError('SELECT toon_to_json($1, true, 300)', ['a: 1']);
    const bi = run(['decode', '--indent-size', '300', good]);
    check(bi.status === 2 && text(bi.stderr).startsWith(`toon decode: error: ${sqlIndent.message}\n`), 'bad indent size: status 2, SQL message', text(bi.stderr));
    const sqlDelim = await sqlError("SELECT to_toon('{}'::json, ';')");
    const bd = run(['encode', '--delimiter', ';'], { input: '{}' });
    check(bd.status === 2 && text(bd.stderr).startsWith(`toon encode: error: ${sqlDelim.message}\n`), 'bad delimiter: status 2, SQL message', text(bd.stderr));
    const sqlEnc = await sqlError("SELECT toon_token_count('x', 'gpt-2')");
    const be = run(['tokens', '--model', 'gpt-2', good]);
    check(be.status === 2 && text(be.stderr).startsWith(`toon tokens: error: ${sqlEnc.message}: ${sqlEnc.detail}`), 'unknown model: status 2, SQL message and detail', text(be.stderr));
    const sqlLevel = await sqlError("SELECT toon_to_markdown('a: 1'::toon, 9)");
    const bl = run(['md', '--heading-level', '9', good]);
    check(bl.status === 2 && text(bl.stderr).startsWith(`toon md: error: ${sqlLevel.message}`), 'bad heading level: status 2, SQL message', text(bl.stderr));
    const uo = run(['md', '--frobnicate']);
    check(uo.status === 2 && text(uo.stderr).includes('unknown option "--frobnicate"'), 'unknown option: status 2');
    const uc = run(['frobnicate']);
    check(uc.status === 2 && text(uc.stderr).includes('unknown command'), 'unknown command: status 2');
    const nf = run(['decode', join(work, 'nope.toon')]);
    check(nf.status === 3 && text(nf.stderr).includes('cannot read'), 'missing input: status 3');
    const full = run(['decode', good], { stdio: ['ignore', 'pipe', 'pipe'] });
    check(full.status === 0, 'decode to a pipe');
    if (existsSync('/dev/full')) {
        const df = spawnSync('sh', ['-c', `"${toon}" decode "${good}" > /dev/full`]);
        check(df.status === 3 && text(df.stderr).includes('cannot write <stdout>: No space left on device'), 'write error: status 3 and a message', text(df.stderr));
    }
    // A reader that goes away: EPIPE, status 3, no message, no hang.
    const big = f('big.json', JSON.stringify({ rows: Array.from({ length: 200000 }, (_, i) => ({ id: i, name: 'n' + i })) }));
    const pipe = spawnSync('bash', ['-c', `set -o pipefail; "${toon}" encode "${big}" | head -c 10 >/dev/null; echo "status \${PIPESTATUS[0]}"`]);
    check(text(pipe.stdout).trim() === 'status 3' && text(pipe.stderr) === '', 'broken pipe: status 3, silent', text(pipe.stdout) + text(pipe.stderr));
});

section('md --write: X.md next to X.toon, rewritten only on change', () => {
    const a = f('w-a.toon', 'title: A\nitems[2]{id,v}:\n  1,x\n  2,y\n');
    const b = f('w-b.toon', 'title: B\n');
    const r1 = run(['md', '--write', a, b]);
    const am = join(work, 'w-a.md'), bm = join(work, 'w-b.md');
    check(r1.status === 0 && text(r1.stdout) === `wrote ${am}\nwrote ${bm}\n`, 'first --write writes both', text(r1.stdout) + text(r1.stderr));
    check(readFileSync(am, 'utf8') === text(run(['md', a]).stdout), 'X.md equals `toon md X.toon`');
    utimesSync(am, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const r2 = run(['md', '--write', a, b]);
    check(r2.status === 0 && text(r2.stdout) === '' && statSync(am).mtime.getFullYear() === 2000, 'unchanged: nothing written (mtime kept)', text(r2.stdout));
    writeFileSync(b, 'title: B2\n');
    const r3 = run(['md', '--write', a, b]);
    check(r3.status === 0 && text(r3.stdout) === `wrote ${bm}\n` && readFileSync(bm, 'utf8').includes('B2'), 'changed file: only its .md rewritten', text(r3.stdout));
    const bad = f('w-bad.toon', 'x[2]: 1\n');
    const r4 = run(['md', '--write', a, bad]);
    check(r4.status === 1 && !existsSync(join(work, 'w-bad.md')) && /w-bad\.toon:1:\d+: error: invalid input syntax for type toon: /.test(text(r4.stderr)), 'invalid file: status 1, no .md', text(r4.stderr));
    const r5 = run(['md', '--write']);
    check(r5.status === 2, '--write without files: status 2');
});

// Found by an adversarial review of the CLI (after issue 10); each case
// failed before its fix.
section('outputs that are not plain files, long names, deep input, failing stdout', () => {
    const src = f('o-src.toon', 'a: 1\n');
    const want = text(run(['decode', src]).stdout);
    // -o through a symbolic link writes the file it names; the link stays.
    const real = f('o-real.json', 'old');
    const link = join(work, 'o-link.json');
    symlinkSync(real, link);
    let r = run(['decode', src, '-o', link]);
    check(r.status === 0 && lstatSync(link).isSymbolicLink() && readFileSync(real, 'utf8') === want,
        '-o through a symlink writes its target, keeps the link', text(r.stderr));
    // md --write through a link: X.md a link to elsewhere.
    const mdSrc = f('o-md.toon', 'a: 1\n');
    const mdReal = f('o-md-real.md', 'old');
    symlinkSync(mdReal, join(work, 'o-md.md'));
    r = run(['md', '--write', mdSrc]);
    check(r.status === 0 && lstatSync(join(work, 'o-md.md')).isSymbolicLink() && readFileSync(mdReal, 'utf8') === text(run(['md', mdSrc]).stdout),
        'md --write through a symlinked X.md writes its target', text(r.stderr));
    // A second hard link keeps seeing the new content (written in place).
    const h1 = f('o-h1.json', 'old');
    const h2 = join(work, 'o-h2.json');
    linkSync(h1, h2);
    r = run(['decode', src, '-o', h2]);
    check(r.status === 0 && readFileSync(h1, 'utf8') === want, '-o to a hard-linked file writes the shared file', text(r.stderr));
    // A device or FIFO stays what it is (as root, -o /dev/null replaced the
    // device with a regular file); a FIFO of our own stands for both here.
    const fifo = join(work, 'o-fifo'), got = join(work, 'o-fifo.out');
    r = spawnSync('bash', ['-c', `mkfifo "${fifo}" && { timeout 10 cat "${fifo}" > "${got}" & } && "${toon}" decode "${src}" -o "${fifo}"; s=$?; wait; [ -p "${fifo}" ] && echo "status $s fifo"`]);
    check(text(r.stdout).trim() === 'status 0 fifo' && readFileSync(got, 'utf8') === want, '-o to a FIFO: written through, still a FIFO',
        text(r.stdout) + text(r.stderr));
    // -o /dev/stdout or /dev/fd/N writes through the descriptor as the shell
    // opened it (appending): resolved and renamed over, the file behind it
    // lost its earlier content (found by a review of this fix).
    const logf = f('o-log.txt', 'line1\n');
    r = spawnSync('bash', ['-c', `{ echo header; "${toon}" decode "${src}" -o /dev/stdout; echo footer; } >> "${logf}"; exec 3>>"${logf}"; "${toon}" decode "${src}" -o /dev/fd/3`]);
    check(r.status === 0 && readFileSync(logf, 'utf8') === `line1\nheader\n${want}footer\n${want}`,
        '-o /dev/stdout and -o /dev/fd/3 append through the descriptor', JSON.stringify(readFileSync(logf, 'utf8')) + text(r.stderr));
    // A target name of 250 bytes (legal) leaves room for the temporary file.
    const long = join(work, 'o'.repeat(245) + '.json');
    r = run(['decode', src, '-o', long]);
    check(r.status === 0 && readFileSync(long, 'utf8') === want, '-o with a 250-byte file name', text(r.stderr));
    // Deep input under a small stack: a clean status-1 error, not a crash.
    const deep = f('o-deep.toon', '[1]:\n' + Array.from({ length: 2999 }, (_, i) => '  '.repeat(i + 1) + '- [1]:').join('\n') + '\n' + '  '.repeat(3000) + '- 1\n');
    for (const cmd of ['check', 'decode', 'md']) {
        const d = spawnSync('bash', ['-c', `ulimit -s 1024; "${toon}" ${cmd} "${deep}" >/dev/null`]);
        check(d.status === 1 && /stack depth limit exceeded/.test(text(d.stderr)), `${cmd} of 3,000 nested lists under ulimit -s 1024: status 1, a message`,
            `status ${d.status} signal ${d.signal}: ${text(d.stderr).slice(0, 200)}`);
    }
    // A failing stdout is reported by every command, help and version included.
    if (existsSync('/dev/full')) {
        const fresh = f('o-full.toon', 'a: 1\n');  // no o-full.md yet: "wrote ..." goes to stdout
        for (const args of [['md', '--write', fresh], ['--help'], ['--version'], ['decode', '--help']]) {
            const d = spawnSync('sh', ['-c', `"${toon}" ${args.join(' ')} > /dev/full`]);
            check(d.status === 3 && text(d.stderr).includes('cannot write <stdout>: No space left on device'),
                `toon ${args.join(' ')} > /dev/full: status 3 and a message`, `status ${d.status}: ${text(d.stderr)}`);
        }
    }
    // --json-indent above 10 uses 10 spaces, as JSON.stringify does.
    const j12 = run(['decode', '--json-indent', '12', src]), j10 = run(['decode', '--json-indent', '10', src]);
    check(j12.status === 0 && text(j12.stdout) === text(j10.stdout), '--json-indent 12 lays out like 10 (JSON.stringify)', text(j12.stderr));
});

section('--help for every subcommand', () => {
    for (const cmd of ['decode', 'encode', 'check', 'md', 'tokens']) {
        const r = run([cmd, '--help']);
        check(r.status === 0 && text(r.stdout).startsWith(`usage: toon ${cmd}`) && text(r.stdout).includes('exit status'), `${cmd} --help`);
    }
    const top = run(['--help']);
    check(top.status === 0 && ['decode', 'encode', 'check', 'md', 'tokens'].every((c) => text(top.stdout).includes(`  ${c} `)), 'toon --help lists the commands');
    const none = run([]);
    check(none.status === 2 && text(none.stderr).startsWith('usage: toon'), 'toon without a command: usage, status 2');
});

await client.end();
rmSync(work, { recursive: true, force: true });
console.log(`RESULT ${passed} ${failed}`);
