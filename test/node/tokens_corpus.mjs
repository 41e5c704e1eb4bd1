// The exactness corpus for the tokenizer: documents assembled without network
// from texts present on a Debian system (licences, package copyright files,
// C headers, this repository's sources), plus deterministic generators (JSON
// and TOON documents, multilingual text, every Unicode code point in several
// contexts, long unsplittable runs) and a seeded fuzzer of the split
// patterns' corner cases. Each document is {label, text}.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { rng } from "./prng.mjs";

const require = createRequire(import.meta.url);


const cp = (c) => String.fromCodePoint(c);
const range = (lo, hi) => Array.from({ length: hi - lo + 1 }, (_, i) => cp(lo + i));

function readText(path) {
    try {
        const s = readFileSync(path, "utf8");
        return s.includes("\uFFFD") ? null : s;
    } catch {
        return null;
    }
}

// Files under `dir` whose names pass `keep`, sorted, until `budget` bytes.
function filesUnder(dir, keep, budget, depth = 2) {
    const out = [];
    let total = 0;
    const walk = (d, level) => {
        let names;
        try { names = readdirSync(d).sort(); } catch { return; }
        for (const name of names) {
            if (total >= budget) return;
            const p = join(d, name);
            let st;
            try { st = statSync(p); } catch { continue; }
            if (st.isDirectory()) { if (level < depth) walk(p, level + 1); continue; }
            if (!keep(name) || st.size > 400000) continue;
            const text = readText(p);
            if (!text) continue;
            out.push({ label: p, text });
            total += Buffer.byteLength(text);
        }
    };
    walk(dir, 0);
    return out;
}

export function systemTexts() {
    const docs = [];
    docs.push(...filesUnder("/usr/share/common-licenses", () => true, 1e6, 0));
    docs.push(...filesUnder("/usr/share/doc", (n) => n === "copyright" || /^README(\.md|\.txt)?$/.test(n), 1.5e6, 1));
    docs.push(...filesUnder("/usr/include", (n) => n.endsWith(".h"), 1.2e6, 1));
    const top = new URL("../../", import.meta.url).pathname;
    docs.push(...filesUnder(join(top, "src"), (n) => /\.(cpp|hpp|S)$/.test(n), 0.5e6, 2));
    docs.push(...filesUnder(join(top, "test/fixtures/spec"), (n) => n.endsWith(".json"), 0.5e6, 2));
    return docs;
}

const WORDS = {
    latin: "the of and to in is was for on that with as by at from his her they we you it this be are have not but what all were when there can an your which their said if do will each about how up out them then she many some so these would other into has more two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know".split(" "),
    cyrillic: "и в не на я быть он с что а по это она этот к но они мы как из у который то за свой весь год от так о для ты же все тот мочь вы человек такой его сказать только или ещё бы себя один как уже до время если сам когда другой вот говорить наш мой знать стать при чтобы дело жизнь кто первый очень два день её новый рука даже во со раз где там под можно ну какой после их работа без самый потом надо хотеть ли слово идти большой должен место иметь ничто".split(" "),
    greek: "και το να η της ο που σε με τα για την από δεν στο τον είναι θα τις ότι οι αλλά στην ένα των μου πολύ στη σου τι αυτό μας όταν".split(" "),
    arabic: "في من على إلى أن هذا التي الذي مع كان عن لا ما هو قد كل بين هذه بعد أو ذلك عند لم إن حتى ثم كانت فيها منذ".split(" "),
    hebrew: "של את על לא זה הוא עם היא אני כל גם אבל מה יש אם או כי היה רק אז עוד".split(" "),
    hindi: "के है में की और को से का एक यह कि पर भी नहीं हैं था लिए कर तो ही या हो गया जो इस कुछ किया साथ वह अपने कहा".split(" "),
    japanese: "私 は 日本語 を 勉強 して います 東京 に 住んで いる カタカナ ひらがな 漢字 コンピューター です ました ません".split(" "),
    chinese: "我们 的 是 在 不 了 有 和 人 这 中 大 为 上 个 国 我 以 要 他 时 来 用 们 生 到 作 地 于 出 就 分 对 成 会 可 主 发 年 动 同 工 也 能 下 过 子 说 产 种 面 而 方 后 多 定 行 学 法 所 民 得 经".split(" "),
    korean: "나는 한국어 를 공부 합니다 서울 에 살고 있습니다 컴퓨터 프로그램 데이터 베이스".split(" "),
    thai: "ภาษา ไทย เป็น ภาษา ที่ ใช้ ใน ประเทศ สวัสดี ครับ ค่ะ".split(" "),
    vietnamese: "Tiếng Việt là ngôn ngữ của người Việt và là ngôn ngữ chính thức tại Việt Nam được".split(" "),
};

const EMOJI = ["😀", "👍🏽", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇫🇷", "🇯🇵", "❤️", "👨🏿‍💻", "🧑‍🤝‍🧑", "✋🏻", "🤷‍♀️", "🐘", "🎉", "☕", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"];

export function multilingual(r) {
    const docs = [];
    for (const [script, words] of Object.entries(WORDS)) {
        for (let d = 0; d < 12; d++) {
            let s = "";
            for (let i = 0; i < 600; i++) {
                let w = r.pick(words);
                if (r() < 0.08) w = w[0].toUpperCase() + w.slice(1);
                if (r() < 0.03) w = w.toUpperCase();
                if (r() < 0.02) w = w.normalize("NFD");
                s += w;
                const x = r();
                s += x < 0.06 ? ". " : x < 0.09 ? ", " : x < 0.1 ? "\n" : x < 0.11 ? " " + r.pick(EMOJI) + " " : x < 0.12 ? " " + r.int(100000) + " " : script === "chinese" || script === "japanese" ? (r() < 0.3 ? " " : "") : " ";
            }
            docs.push({ label: `multilingual:${script}:${d}`, text: s });
        }
    }
    // Random syllables from whole blocks, with marks.
    const blocks = {
        cjk: [range(0x4e00, 0x9fff), ["，", "。", "、", "「", "」"]],
        hangul: [range(0xac00, 0xd7a3), [" ", ". "]],
        cyrillic: [range(0x400, 0x4ff), [" ", ", "]],
        arabic: [range(0x621, 0x64a).concat(range(0x64b, 0x652), range(0x660, 0x669)), [" ", "، "]],
        devanagari: [range(0x915, 0x939).concat(range(0x93e, 0x94d), range(0x966, 0x96f)), [" ", "। "]],
        combining: [range(0x61, 0x7a).concat(range(0x300, 0x36f), range(0x1ab0, 0x1ace), range(0x20d0, 0x20f0)), [" ", "\n"]],
        emoji: [range(0x1f300, 0x1f64f).concat(["\u200d", "\ufe0f", "🏻", "🏼", "🏽", "🏾", "🏿"]), [" ", ""]],
    };
    for (const [name, [chars, seps]] of Object.entries(blocks)) {
        for (let d = 0; d < 6; d++) {
            let s = "";
            for (let i = 0; i < 800; i++) {
                const len = 1 + r.int(6);
                for (let k = 0; k < len; k++) s += r.pick(chars);
                s += r.pick(seps);
            }
            docs.push({ label: `blocks:${name}:${d}`, text: s });
        }
    }
    return docs;
}

export function jsonAndToon(r) {
    const { encode } = require("@toon-format/toon");
    const docs = [];
    const names = ["Alice", "Bob", "Zoë", "Łukasz", "Мария", "李雷", "محمد", "O'Brien", "Ana-María", "José"];
    const value = (depth) => {
        const x = r();
        if (depth > 3 || x < 0.4) {
            const y = r();
            if (y < 0.2) return r.int(1e6);
            if (y < 0.35) return Number((r() * 1e4 - 5e3).toFixed(r.int(6)));
            if (y < 0.45) return r() < 0.5 ? 1e21 * r() : -1.5e-7;
            if (y < 0.55) return r() < 0.5;
            if (y < 0.6) return null;
            return r.pick(names) + (r() < 0.3 ? " " + r.pick(WORDS.latin) : "") + (r() < 0.1 ? "\n" + r.pick(EMOJI) : "");
        }
        if (x < 0.7) {
            const n = r.int(6);
            if (r() < 0.5) return Array.from({ length: n }, (_, i) => ({ id: i + 1, name: r.pick(names), score: r.int(100), active: r() < 0.5 }));
            return Array.from({ length: n }, () => value(depth + 1));
        }
        const o = {};
        for (let i = 0, n = 1 + r.int(6); i < n; i++) o[r.pick(["id", "name", "email", "tags", "items", "price_usd", "createdAt", "héllo wörld", "key:with:colons", "a-b"]) + (r() < 0.2 ? i : "")] = value(depth + 1);
        return o;
    };
    for (let d = 0; d < 150; d++) {
        const v = { data: value(0), rows: Array.from({ length: 5 + r.int(40) }, (_, i) => ({ id: i, user: r.pick(names), amount: Number((r() * 1000).toFixed(2)), note: r.pick(WORDS.latin) })) };
        docs.push({ label: `json:pretty:${d}`, text: JSON.stringify(v, null, 2) });
        docs.push({ label: `json:compact:${d}`, text: JSON.stringify(v) });
        docs.push({ label: `toon:${d}`, text: encode(v) });
        if (d % 3 === 0) docs.push({ label: `toon:tab:${d}`, text: encode(v, { delimiter: "\t" }) });
    }
    return docs;
}

// The contexts of the split patterns (cl100k_base and o200k_base) around one
// code point c: letters (lower, upper, case changes both ways), marks, numbers,
// spaces (one, two, a newline), punctuation before and after, contractions
// ('s, 'LL) directly after it, and c repeated.
export const CONTEXTS = [
    (c) => `a${c}b `,        // between lower-case letters
    (c) => `A${c}a `,        // upper before, lower after (case change)
    (c) => `ab${c}CD `,      // lower before, upper after
    (c) => ` ${c}${c}'s`,    // after a space, doubled, contraction
    (c) => `x${c}'LL `,      // letter before, upper-case contraction after
    (c) => `1${c}23 `,       // digits around
    (c) => `${c}\u0301 `,    // combining mark after
    (c) => `\u0301${c}e `,   // mark before
    (c) => `!${c}/\n`,       // punctuation before, '/' and newline after
    (c) => `  ${c}  \n`,     // spaces around, newline
];

// Code points whose class tiktoken's Unicode 16 and ICU 72's data disagree on:
// the ranges of test/fixtures/unicode/unicode16_changes.inc, {first, last, class}.
export function patchRanges() {
    const text = readFileSync(new URL("../fixtures/unicode/unicode16_changes.inc", import.meta.url), "utf8");
    return [...text.matchAll(/\{0x([0-9A-Fa-f]+), 0x([0-9A-Fa-f]+), (\d+)\}/g)].map((m) => ({
        first: parseInt(m[1], 16), last: parseInt(m[2], 16), cls: Number(m[3]),
    }));
}

// One document per Unicode 16 change: every code point of the range in every
// context. Taking any one range out of the compiled tables (test/tools/
// patch_mutations.sh) makes at least one of these documents tokenize wrongly.
export function patchCases() {
    return patchRanges().map(({ first, last }) => {
        let s = "";
        for (let c = first; c <= last; c++) for (const ctx of CONTEXTS) s += ctx(cp(c));
        return { label: `patch:${first.toString(16)}-${last.toString(16)}`, text: s };
    });
}

// Every code point except surrogates. Assigned code points (per node's
// Unicode data, which may be older than tiktoken's: the patch table's code
// points are covered by patchCases()) appear in EVERY context. Unassigned
// (Cn) and private-use (Co) code points have no letter, mark, number or space
// property in either pattern, so they are one class; they take the contexts
// in turn (each context still sees thousands of them). TOON_TOKENS_FULL=1
// puts them in every context too (about 70 MB more).
function allCodePoints() {
    const docs = [];
    const full = !!process.env.TOON_TOKENS_FULL;
    const uniform = /^[\p{Cn}\p{Co}]$/u;
    let k = 0;
    for (let base = 0; base < 0x110000; base += 0x2000) {
        let s = "";
        for (let c = base; c < base + 0x2000; c++) {
            if (c >= 0xd800 && c <= 0xdfff) continue;
            const ch = cp(c);
            if (full || !uniform.test(ch)) for (const ctx of CONTEXTS) s += ctx(ch);
            else s += CONTEXTS[k++ % CONTEXTS.length](ch);
        }
        docs.push({ label: `codepoints:${base.toString(16)}`, text: s });
    }
    return docs;
}

// Atoms of the split patterns' corner cases.
const ATOMS = [
    ...range(0x9, 0xd), " ", " ", " ", "  ", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000",
    "\ufeff", "\u200b", "\u180e", "\r\n", "\n\n", " \n", "\t\n ",
    "'s", "'S", "'ſ", "'t", "'T", "'re", "'RE", "'rE", "'ve", "'Ve", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D", "'x", "'", "''", "’s",
    "0", "1", "12", "123", "1234", "²", "³", "¼", "Ⅻ", "ⅻ", "①", "٣", "३", "𝟘", "〇", "𐌢",
    "a", "b", "z", "A", "Z", "hello", "Hello", "HELLO", "HeLLo", "hELLO", "ǅ", "ǈ", "ʰ", "ˇ", "ª", "º", "中", "文", "א", "ع", "ß", "É", "é", "Σ", "ς",
    "\u0301", "\u0308", "\u0903", "\u20dd", "\u093f", "\u0e31", "e\u0301", "E\u0301", "\u0301a", "A\u0301b",
    "/", "//", "\\", ".", ",", "!", "?", "-", "_", "(", ")", "{", "}", "[", "]", "\"", ":", ";", "@", "#", "$", "%", "^", "&", "*", "+", "=", "<|endoftext|>", "<|fim_prefix|>",
    "😀", "👍🏽", "👩‍👩‍👧‍👦", "\u200d", "\ufe0f", "🇫🇷",
    "\u1c89", "\u1c8a", "\ua7cb", "\ua7dc", "\u{105c0}", "\u{10d50}", "\u{10d70}", "\u{10d40}", "\u{11380}", "\u{116d0}", "\u{2ebf0}", "\u{13460}", "\u0897",
    "\u{e0001}", "\u{10ffff}", "\ufffd",
];

export function fuzz(seed, cases) {
    const r = rng(seed);
    const docs = [];
    for (let i = 0; i < cases; i++) {
        let s = "";
        for (let k = 0, n = 1 + r.int(24); k < n; k++) s += r.pick(ATOMS);
        docs.push({ label: `fuzz:${seed}:${i}`, text: s });
    }
    return docs;
}

function longRuns(r) {
    const lower = "abcdefghijklmnopqrstuvwxyz";
    let rand = "";
    for (let i = 0; i < 12000; i++) rand += lower[r.int(26)];
    let b64 = "";
    const b64c = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (let i = 0; i < 60000; i++) b64 += b64c[r.int(64)];
    return [
        { label: "long:a", text: "a".repeat(12000) },
        { label: "long:spaces", text: " ".repeat(6000) + "x" + " ".repeat(6000) },
        { label: "long:newlines", text: "\n \r\n".repeat(2000) },
        { label: "long:emoji", text: "🙂".repeat(3000) },
        { label: "long:random-lower", text: rand },
        { label: "long:base64", text: b64 },
        { label: "long:digits", text: "1234567890".repeat(5000) },
        { label: "long:marks", text: "a" + "\u0301".repeat(5000) },
        { label: "long:cjk", text: "中文".repeat(2000) },
    ];
}

export function corpus() {
    const r = rng(20261126);
    return [...systemTexts(), ...jsonAndToon(r), ...multilingual(r), ...allCodePoints(), ...patchCases(), ...longRuns(r), ...fuzz(1, 20000)];
}
