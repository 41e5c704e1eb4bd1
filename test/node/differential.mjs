// Differential test of the core encoder against the reference encoder
// @toon-format/toon 4.4.0: seeded random JSON values, for each delimiter and
// several indent sizes; our output must equal the reference's byte for byte,
// and both the reference decoder and ours must read our output back to the
// same value.
//
//   node differential.mjs <path-to-toon_tool>
//   env: TOON_DIFF_SEED (default: random, printed), TOON_DIFF_COUNT (values
//        per configuration, default 1500), TOON_DIFF_VERBOSE=1.
//
// Prints one line per check group and a final "DIFF <passed> <failed>" line.
//
// Numbers: random values use only numbers JavaScript represents exactly in
// its shortest form, so both encoders see the same digits. Big and precise
// numbers are checked separately (section "lossless numbers"): there we
// deliberately differ from the reference, which rounds them to a double.
import { spawnSync } from 'node:child_process';
import { encode, decode } from '@toon-format/toon';
import { rng } from "./prng.mjs";

const tool = process.argv[2];
if (!tool) {
  console.error('usage: node differential.mjs <toon_tool>');
  process.exit(2);
}
const seed = Number(process.env.TOON_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const count = Number(process.env.TOON_DIFF_COUNT ?? 1500);
const verbose = process.env.TOON_DIFF_VERBOSE === '1';
// Self-check (test/suites/99-self-check.sh): one wrong expectation, planted.
let plant = !!process.env.TOON_PLANT_FAILURE;
console.log(`seed ${seed} (rerun with TOON_DIFF_SEED=${seed}), ${count} values per configuration`);

const rand = rng(seed);
const int = (n) => Math.floor(rand() * n);
const pick = (xs) => xs[int(xs.length)];
const chance = (p) => rand() < p;

// Strings that stress quoting: delimiters, quotes, backslashes, colons,
// brackets, edge spaces, '-', '#', numeric- and keyword-looking text,
// unicode, control characters, empty.
const NASTY = [
  '', ' ', '  ', 'a', 'hello world', ' lead', 'trail ', '\ttab', 'tab\t', 'a,b', 'a|b', 'a\tb', 'a:b', ':',
  'say "hi"', '"', '\\', 'C:\\path', '[x]', '{y}', '[', '}', '-', '-x', '--', 'x-y', '#', '#tag', 'a#b',
  'true', 'false', 'null', 'True', 'NULL', '42', '-7', '3.14', '05', '+1', '1e5', '1E-7', '-0', '0', '1.', '.5',
  '0x1F', '1_000', 'Infinity', 'NaN', '12abc', '1.2.3', 'line\nbreak', 'cr\rhere', 'nul\u0000byte', 'bell\u0007',
  '\u001f', '\u007f', 'café', 'naïve façade', '日本語', '😀 emoji', '\u00a0nbsp\u00a0', 'zero\u200bwidth',
  '\ufeffbom', 'a\ufeff', '__proto__', 'constructor', 'toString', '- item', 'key: value', '[2]: a,b', 'x[1]{a}:',
  '"quoted"', "it's", 'back`tick', 'a\\nb', 'trailing\\', '  both  ', '\u2028sep', 'a b c', 'é', '𝔘𝔫𝔦',
];
const KEYS = [
  'id', 'name', 'email', 'active', 'score', 'a', 'b', 'c', 'x', 'y', '_private', 'snake_case', 'dotted.key',
  'camelCase', 'A1', 'my-key', 'with space', '', ' ', '0', '1', '12', '007', '-1', '1.5', 'a:b', 'a,b', 'a|b',
  'a\tb', '"q"', 'back\\slash', '[i]', '{o}', '#h', '-', 'true', 'null', '__proto__', 'constructor', 'hasOwnProperty',
  'ünï', '日本', '😀', 'nl\nkey', 'tab\tkey', '\u0001', 'key[1]', 'a.b.c', '.lead', 'trail.', '_', '__',
];

function randomString() {
  if (chance(0.6)) return pick(NASTY);
  if (chance(0.5)) return pick(NASTY) + pick(NASTY);
  const alphabet = 'abcXYZ09 ,|\t:"\\[]{}#-._\n\u00e9\u4e2d😀';
  const chars = [...alphabet];
  let s = '';
  for (let i = int(12); i > 0; i--) s += pick(chars);
  return s;
}

function randomKey() {
  if (chance(0.75)) return pick(KEYS);
  return chance(0.5) ? randomString() : 'k' + int(1000);
}

// Numbers whose shortest JavaScript text is exact: both encoders agree.
function randomNumber() {
  switch (int(10)) {
    case 0: return int(10);
    case 1: return -int(1000);
    case 2: return int(2 ** 31);
    case 3: return Number.MAX_SAFE_INTEGER - int(1000);
    case 4: return Math.round(rand() * 1e6) / 100;
    case 5: return rand();
    case 6: return (rand() - 0.5) * 10 ** (int(40) - 20);
    case 7: return pick([0, -0, 1e21, 1e-7, 1e-6, 1.5e300, -2.5e-300, 123e20, 0.000001, 5e-324, 1e6, 1.7976931348623157e308]);
    case 8: return Number((rand() * 100).toFixed(int(6)));
    default: return int(100000) / 8;
  }
}

function randomPrimitive() {
  switch (int(8)) {
    case 0: return null;
    case 1: return chance(0.5);
    case 2: case 3: return randomNumber();
    default: return randomString();
  }
}

// Builds an object from entries; defineProperty keeps `__proto__` an own key.
function obj(entries) {
  const o = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}

function randomKeys(n) {
  const ks = [];
  while (ks.length < n) {
    const k = randomKey();
    if (!ks.includes(k)) ks.push(k);
  }
  return ks;
}

// A uniform table; sometimes with nested field groups, shuffled key order in
// later rows, or one broken row (so that the encoder must fall back).
function randomTable(depth) {
  const keys = randomKeys(1 + int(5));
  const nested = new Map();
  for (const k of keys) if (chance(0.2)) nested.set(k, randomKeys(1 + int(3)));
  const rows = [];
  const n = 1 + int(6);
  for (let r = 0; r < n; r++) {
    let entries = keys.map((k) => [k, nested.has(k)
      ? obj(nested.get(k).map((c) => [c, chance(0.1) && depth < 3 ? obj([[randomKey(), randomPrimitive()]]) : randomPrimitive()]))
      : randomPrimitive()]);
    if (r > 0 && chance(0.2)) entries = entries.reverse();
    rows.push(entries);
  }
  if (chance(0.2)) {
    const r = rows[int(rows.length)];
    switch (int(5)) {
      case 0: r.pop(); break;
      case 1: r.push([randomKey(), randomPrimitive()]); break;
      case 2: if (r.length) r[0][1] = []; break;
      case 3: if (r.length) r[0][1] = {}; break;
      default: if (r.length) r[0][1] = randomValue(depth + 1); break;
    }
  }
  return rows.map(obj);
}

function randomValue(depth = 0) {
  const shape = depth > 4 ? int(3) : int(14);
  switch (shape) {
    case 0: case 1: case 2: return randomPrimitive();
    case 3: return [];
    case 4: return {};
    case 5: return Array.from({ length: int(6) }, randomPrimitive);
    case 6: case 7: return randomTable(depth);
    case 8: { // keyed map: an object of uniform objects
      const t = randomTable(depth);
      return obj(t.map((row) => [randomKey(), row]));
    }
    case 9: return Array.from({ length: 1 + int(4) }, () => Array.from({ length: int(4) }, randomPrimitive));
    case 10: case 11: return Array.from({ length: 1 + int(5) }, () => randomValue(depth + 1));
    default: return obj(randomKeys(int(6)).map((k) => [k, randomValue(depth + 1)]));
  }
}

// JSON-model equality where object key order is ignored: tabular forms
// legitimately reorder keys to the header's field order (SPEC §2, §9.3).
function sameModel(a, b) {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameModel(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameModel(a[k], b[k]));
  }
  return false;
}

// Runs toon_tool on JSON lines; returns [{ok, text}] in input order.
function runTool(lines, args) {
  const r = spawnSync(tool, ['encode', ...args], { input: lines.join('\n') + '\n', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`toon_tool failed: ${r.stderr}`);
  const buf = r.stdout;
  const out = [];
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const head = buf.toString('utf8', pos, nl);
    if (head.startsWith('ok ')) {
      const [, len, rt] = head.split(' ');
      const n = Number(len);
      out.push({ ok: true, roundTrip: rt, text: buf.toString('utf8', nl + 1, nl + 1 + n) });
      pos = nl + 1 + n + 1;
    } else {
      out.push({ ok: false, text: head });
      pos = nl + 1;
    }
  }
  return out;
}

let passed = 0, failed = 0;
const shown = { n: 0 };
function fail(what, detail) {
  failed++;
  if (shown.n++ < 15) console.log(`FAIL ${what}\n${detail}`);
}

// 1. Random values, every delimiter, several indent sizes.
const configs = [];
for (const [name, delimiter] of [['comma', ','], ['tab', '\t'], ['pipe', '|']])
  for (const indentSize of [2, 1, 4]) configs.push({ name, delimiter, indentSize });

for (const cfg of configs) {
  const values = Array.from({ length: count }, () => randomValue());
  const ours = runTool(values.map((v) => JSON.stringify(v)), ['--delimiter', cfg.name, '--indent', String(cfg.indentSize)]);
  let p0 = passed, f0 = failed;
  values.forEach((v, i) => {
    let expected = encode(v, { delimiter: cfg.delimiter, indentSize: cfg.indentSize });
    if (plant) { expected += ' (planted)'; plant = false; }
    const got = ours[i];
    const label = `[${cfg.name}, indent ${cfg.indentSize}] value ${JSON.stringify(v).slice(0, 300)}`;
    if (!got.ok) return fail(label, `  ours: ${got.text}`);
    if (got.text !== expected) return fail(label, `  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(got.text)}`);
    let back;
    try { back = decode(got.text, { indentSize: cfg.indentSize }); } catch (e) { return fail(label, `  reference decode failed: ${e.message}`); }
    if (!sameModel(back, v)) return fail(label, `  round trip: ${JSON.stringify(back).slice(0, 300)}`);
    if (got.roundTrip !== 'same') return fail(label, `  our decoder on our output: ${got.roundTrip}\n  toon ${JSON.stringify(got.text)}`);
    passed++;
  });
  console.log(`random values [${cfg.name}, indent ${cfg.indentSize}]: ${passed - p0} passed, ${failed - f0} failed`);
}

// 2. Lossless numbers: a deliberate deviation. The reference rounds numbers
// to a double; we keep every digit, in the canonical layout of number.hpp.
{
  const cases = [
    ['12345678901234567890', '12345678901234567890'],
    ['9007199254740993', '9007199254740993'],
    ['-9007199254740993', '-9007199254740993'],
    ['0.1000000000000000055511151231257827', '0.1000000000000000055511151231257827'],
    ['3.141592653589793238462643383279', '3.141592653589793238462643383279'],
    ['1.50', '1.5'], ['1e6', '1000000'], ['-0', '0'], ['1E+2', '100'], ['0.0000001', '1e-7'],
    ['123456789012345678901', '123456789012345678901'],
    ['1234567890123456789012', '1.234567890123456789012e+21'],
    ['1e400', '1e+400'], ['-2.5e-400', '-2.5e-400'], ['100000000000000000000000000001', '1.00000000000000000000000000001e+29'],
  ];
  for (let i = 0; i < 200; i++) {
    // Random integers of 17..30 digits: exact digits expected.
    let d = String(1 + int(9));
    for (let k = 16 + int(14); k > 0; k--) d += int(10);
    const rest = d.slice(1).replace(/0+$/, '');
    cases.push([d, d.length <= 21 ? d : d[0] + (rest ? '.' + rest : '') + 'e+' + (d.length - 1)]);
  }
  const ours = runTool(cases.map(([t]) => `{"n":${t},"l":[${t},1]}`), ['--delimiter', 'comma', '--indent', '2']);
  let p0 = passed, f0 = failed, deviations = 0;
  cases.forEach(([t, canon], i) => {
    const want = `n: ${canon}\nl[2]: ${canon},1`;
    if (!ours[i].ok || ours[i].text !== want) return fail(`lossless number ${t}`, `  expected ${JSON.stringify(want)}\n  got      ${JSON.stringify(ours[i].text)}`);
    if (ours[i].roundTrip !== 'same') return fail(`lossless number ${t}`, `  our decoder on our output: ${ours[i].roundTrip}`);
    const ref = encode(JSON.parse(`{"n":${t},"l":[${t},1]}`));
    if (ref !== want) deviations++;
    passed++;
  });
  console.log(`lossless numbers: ${passed - p0} passed, ${failed - f0} failed (${deviations} differ from the reference by design: it rounds to a double)`);
}

// 3. Key order: a deliberate deviation. to_toon(json) keeps the keys in the
// order they are written. The reference encodes a JavaScript object, and
// JSON.parse puts integer-like keys (array indices "0".."4294967294") first,
// ascending, so encode(JSON.parse(text)) reorders them. Both sides are pinned:
// our output, and the reference's reordering (the documented difference).
{
  const cases = [
    ['{"b":1,"2":2,"1":3}', 'b: 1\n"2": 2\n"1": 3', '"1": 3\n"2": 2\nb: 1'],
    ['{"01":1,"1":2,"a":3}', '"01": 1\n"1": 2\na: 3', '"1": 2\n"01": 1\na: 3'],
    ['{"x":{"10":true,"9":false}}', 'x:\n  "10": true\n  "9": false', 'x:\n  "9": false\n  "10": true'],
    ['[{"b":1,"1":2},{"b":3,"1":4}]', '[2]{b,"1"}:\n  1,2\n  3,4', '[2]{"1",b}:\n  2,1\n  4,3'],
    ['{"4294967295":1,"4294967294":2}', '"4294967295": 1\n"4294967294": 2', '"4294967294": 2\n"4294967295": 1'],
  ];
  const ours = runTool(cases.map(([t]) => t), ['--delimiter', 'comma', '--indent', '2']);
  let p0 = passed, f0 = failed;
  cases.forEach(([t, want, refWant], i) => {
    if (!ours[i].ok || ours[i].text !== want) return fail(`key order ${t}`, `  expected ${JSON.stringify(want)}\n  got      ${JSON.stringify(ours[i].text)}`);
    const ref = encode(JSON.parse(t));
    if (ref !== refWant) return fail(`key order ${t} (reference)`, `  the reference no longer reorders as documented: ${JSON.stringify(ref)}`);
    passed++;
  });
  console.log(`key order kept as written (reference reorders integer-like keys): ${passed - p0} passed, ${failed - f0} failed`);
}

console.log(`DIFF ${passed} ${failed}`);
