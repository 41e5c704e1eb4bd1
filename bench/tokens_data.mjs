// Writes the token benchmark texts to bench/out/: about 2 MB each of English
// prose (licences and Debian copyright files), C source (system headers),
// multilingual text and TOON/JSON documents, all taken from the exactness corpus
// generator (test/node/tokens_corpus.mjs), so the same bytes go to every peer.
import { mkdirSync, writeFileSync } from "node:fs";
import { rng } from "../test/node/prng.mjs";
import { systemTexts, multilingual, jsonAndToon } from "../test/node/tokens_corpus.mjs";

const out = process.argv[2];
mkdirSync(out, { recursive: true });
const cap = 2_000_000;
const join = (docs) => {
    let s = "";
    for (const d of docs) { if (Buffer.byteLength(s) >= cap) break; s += d.text + "\n"; }
    return s;
};
const sys = systemTexts();
const r = rng(7);
const texts = {
    prose: join(sys.filter((d) => d.label.startsWith("/usr/share/"))),
    code: join(sys.filter((d) => d.label.startsWith("/usr/include/"))),
    multilingual: join(multilingual(r)),
    structured: join(jsonAndToon(r)),
};
for (const [name, text] of Object.entries(texts)) writeFileSync(`${out}/tokens_${name}.txt`, text);
