// Encodes the Markdown renderer-check corpus (JSON lines from
// test/tools/markdown_render_check.py gen) to TOON with the reference encoder
// and writes CSV rows "id,heading_level,pad,toon" for psql \copy.
// The corpus avoids integer-like keys, whose order JavaScript objects change.
import { readFileSync } from 'node:fs';
import { encode } from '@toon-format/toon';

const csv = (s) => '"' + String(s).replace(/"/g, '""') + '"';
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter((l) => l.length > 0);
const out = [];
for (const line of lines) {
    const rec = JSON.parse(line);
    out.push([rec.id, rec.heading_level, rec.pad, csv(encode(rec.doc))].join(','));
}
process.stdout.write(out.join('\n') + '\n');
