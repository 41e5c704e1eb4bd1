// Loads the vendored spec fixtures (test/fixtures/spec/{decode,encode}/*.json)
// keeping, for every test case, the exact source text of its "input" value.
// JSON.parse would route numbers through a double (100000000000000000000,
// 1.5000, -0); the SQL suites pass the original text so lossless numbers are
// tested as written.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Returns the [start, end) source span of each member value of the object at
// `pos`, as a Map key -> span, and the position after the object.
function scanValue(src, pos, wantSpans) {
    const ws = () => { while (pos < src.length && ' \t\r\n'.includes(src[pos])) pos++; };
    ws();
    const c = src[pos];
    if (c === '{') {
        const spans = new Map();
        pos++; ws();
        if (src[pos] === '}') return { end: pos + 1, spans };
        for (;;) {
            ws();
            const k = scanValue(src, pos, false);
            const key = JSON.parse(src.slice(pos, k.end).trim());
            pos = k.end; ws();
            if (src[pos] !== ':') throw new Error(`fixture JSON: ':' expected at ${pos}`);
            pos++; ws();
            const start = pos;
            const v = scanValue(src, pos, false);
            spans.set(key, [start, v.end]);
            pos = v.end; ws();
            if (src[pos] === ',') { pos++; continue; }
            if (src[pos] === '}') return { end: pos + 1, spans };
            throw new Error(`fixture JSON: ',' or '}' expected at ${pos}`);
        }
    }
    if (c === '[') {
        pos++; ws();
        if (src[pos] === ']') return { end: pos + 1 };
        for (;;) {
            pos = scanValue(src, pos, false).end; ws();
            if (src[pos] === ',') { pos++; continue; }
            if (src[pos] === ']') return { end: pos + 1 };
            throw new Error(`fixture JSON: ',' or ']' expected at ${pos}`);
        }
    }
    if (c === '"') {
        pos++;
        while (src[pos] !== '"') pos += src[pos] === '\\' ? 2 : 1;
        return { end: pos + 1 };
    }
    const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(src.slice(pos, pos + 400));
    if (!m) throw new Error(`fixture JSON: value expected at ${pos}`);
    return { end: pos + m[0].length };
}

// Span of every element of the array at `pos`.
function arrayElementSpans(src, pos) {
    const spans = [];
    while (src[pos] !== '[') pos++;
    pos++;
    for (;;) {
        while (' \t\r\n'.includes(src[pos])) pos++;
        if (src[pos] === ']') return spans;
        const start = pos;
        pos = scanValue(src, pos, true).end;
        spans.push([start, pos]);
        while (' \t\r\n'.includes(src[pos])) pos++;
        if (src[pos] === ',') pos++;
    }
}

// [{ kind: 'decode'|'encode', file, tests: [{...case, inputSource}] }]
export function loadFixtures(fixtureDir) {
    const out = [];
    for (const kind of ['decode', 'encode']) {
        for (const name of readdirSync(join(fixtureDir, kind)).filter((f) => f.endsWith('.json')).sort()) {
            const src = readFileSync(join(fixtureDir, kind, name), 'utf8');
            const doc = JSON.parse(src);
            const top = scanValue(src, 0, true).spans;
            const testSpans = arrayElementSpans(src, top.get('tests')[0]);
            if (testSpans.length !== doc.tests.length) throw new Error(`${name}: test span count mismatch`);
            const tests = doc.tests.map((t, i) => {
                const [s, e] = testSpans[i];
                const inputSpan = scanValue(src, s, true).spans.get('input');
                return { ...t, inputSource: src.slice(inputSpan[0], inputSpan[1]) };
            });
            out.push({ kind, file: `${kind}/${name}`, tests });
        }
    }
    return out;
}
