// Writes the official <encoding>.tiktoken file ("base64 rank" per line) from
// the npm tiktoken package's encoders/<encoding>.json, whose "bpe_ranks" field
// holds the same vocabulary compressed: "! N" sets the next rank to N, and each
// following base64 token takes the current rank and increments it.
// Usage: node src/tools/derive_vocab.mjs <encoders/x.json> <out.tiktoken>
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
const { bpe_ranks } = JSON.parse(readFileSync(input, "utf8"));
const lines = [];
let rank = 0;
for (const field of bpe_ranks.split(" ")) {
    if (field === "") continue;
    if (field === "!") { rank = -1; continue; }
    if (rank === -1) { rank = Number(field); continue; }
    lines.push(`${field} ${rank++}`);
}
writeFileSync(output, lines.join("\n") + "\n");
