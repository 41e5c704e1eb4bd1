// Seeded random JSON values for the CLI tests (test/node/cli.mjs): the shapes
// of differential.mjs (tables, keyed maps, nested lists, quoting-hostile
// strings and keys), smaller, with numbers whose shortest JavaScript text is
// exact so that the reference CLI (which reads numbers as doubles) and ours
// see the same digits.
import { rng } from './prng.mjs';

const NASTY = [
    '', ' ', 'a', 'hello world', ' lead', 'trail ', 'a,b', 'a|b', 'a\tb', 'a:b', ':', 'say "hi"', '"', '\\',
    'C:\\path', '[x]', '{y}', '-', '-x', '#', 'true', 'false', 'null', '42', '-7', '3.14', '05', '1e5', '-0',
    'line\nbreak', 'cr\rhere', 'bell\u0007', 'café', '日本語', '😀 emoji', '\u00a0nbsp', '- item', 'key: value',
    '[2]: a,b', "it's", 'a\\nb', '  both  ', 'é', '𝔘𝔫𝔦',
];
const KEYS = [
    'id', 'name', 'email', 'active', 'score', 'a', 'b', 'x', '_private', 'snake_case', 'dotted.key', 'camelCase',
    'my-key', 'with space', '', '0', '12', '-1', 'a:b', 'a,b', 'a|b', '"q"', '[i]', '#h', 'true', 'ünï', '日本',
    'nl\nkey', 'key[1]',
];

export function corpus(seed, count) {
    const rand = rng(seed);
    const int = rand.int, pick = rand.pick, chance = (p) => rand() < p;
    const str = () => (chance(0.7) ? pick(NASTY) : chance(0.5) ? pick(NASTY) + pick(NASTY) : 'w' + int(100000));
    const key = () => (chance(0.8) ? pick(KEYS) : 'k' + int(1000));
    const num = () => {
        switch (int(7)) {
            case 0: return int(10);
            case 1: return -int(100000);
            case 2: return Math.round(rand() * 1e6) / 100;
            case 3: return pick([0, 1e21, 1e-7, 1e-6, 1.5e300, 123e20, 0.000001, 1e6, 9007199254740991]);
            case 4: return rand();
            default: return int(100000) / 8;
        }
    };
    const primitive = () => (chance(0.15) ? [null, true, false][int(3)] : chance(0.4) ? num() : str());
    const keys = (n) => {
        const ks = [];
        while (ks.length < n) { const k = key(); if (!ks.includes(k)) ks.push(k); }
        return ks;
    };
    const obj = (entries) => {
        const o = {};
        for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
        return o;
    };
    const table = () => {
        const ks = keys(1 + int(5));
        const rows = Array.from({ length: 1 + int(8) }, () => obj(ks.map((k) => [k, primitive()])));
        if (chance(0.2)) rows[int(rows.length)][ks[0]] = [primitive()];
        return rows;
    };
    const value = (depth = 0) => {
        switch (depth > 3 ? int(3) : int(12)) {
            case 0: case 1: case 2: return primitive();
            case 3: return chance(0.5) ? [] : {};
            case 4: return Array.from({ length: int(6) }, primitive);
            case 5: case 6: return table();
            case 7: return obj(table().map((row) => [key() + int(100), row]));
            case 8: return Array.from({ length: 1 + int(4) }, () => value(depth + 1));
            default: return obj(keys(int(6)).map((k) => [k, value(depth + 1)]));
        }
    };
    // Documents are objects at the root most of the time, as checkpoints are.
    return Array.from({ length: count }, (_, i) => (i % 5 === 4 ? value() : obj(keys(1 + int(5)).map((k) => [k, value(1)]))));
}
