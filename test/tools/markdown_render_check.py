#!/usr/bin/env python3
"""Real-renderer check of toon_to_markdown() (issue 4, suite 40-markdown-render).

  gen   --seed S --count N        seeded random corpus, one JSON line per document:
                                  {"id", "heading_level", "pad", "doc"} (numbers as
                                  canonical literals, so nothing passes through a float)
  check --corpus F --rendered F   reads our Markdown (CSV "id,markdown"), renders it with
                                  cmark-gfm and compares the HTML with the structure the
                                  README rules predict for each document

The expected structure is computed here from the data, independently of the C++
renderer: which values are tables (SPEC §9.3 / §9.5 uniformity), headings, lists,
header cells (dotted field paths, "" for the key column) and, above all, the text of
every cell, list item, heading and paragraph, which must equal the source value
(strings), the TOON literal (numbers, booleans) or the documented marker
(<em>null</em>, <em>[]</em>, <em>{}</em>).
"""
import argparse
import csv
import html.parser
import json
import random
import subprocess
import sys

CMARK = ["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"]


class Num:
    """A JSON number kept as its canonical literal."""
    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        return isinstance(other, Num) and other.text == self.text


def to_json(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, Num):
        return v.text
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(to_json(x) for x in v) + "]"
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + to_json(x) for k, x in v.items()) + "}"


def from_json(text):
    return json.loads(text, parse_int=Num, parse_float=Num,
                      object_pairs_hook=lambda pairs: dict(pairs))


# ---- corpus -----------------------------------------------------------------

FRAGMENTS = [
    "|", "||", "`", "``", "```", "\\", "\\|", "*", "**bold**", "_", "__x__", "[", "]", "[link](http://x.y)",
    "![img](a.png)", "[^1]", "<b>html</b>", "<br>", "<!-- c -->", "<http://a.b>", "&", "&amp;", "&#32;",
    "&nbsp;", "~", "~~del~~", "# h", "#", "## ", "- item", "-", "--", "---", "+ x", "* y", "> quote", ">",
    "1. one", "2) two", "3.", "===", "    code", "\n", "\r\n", "\r", "\t", " ", "  ", "日本語", "中文字",
    "한국어", "ｶﾀｶﾅ", "😀", "👍🏽", "👩‍💻", "❤️", "e\u0301", "\u200b", "null", "true", "false", "42", "-3.5",
    "05", ":", ": ", ",", ", ", "a, b", "www.example.com", "http://example.com/a_b?c=1&d=2",
    "foo@bar.com", "$x$", "{}", "[]", "\"quoted\"", "'", "(", ")", "=", "!", "\u00a0", "x", "abc", "Ada",
    "naïve café", "\u3000", "\u202e", "\u2028", "\ufeff", "\u00ad",
]
KEY_FRAGMENTS = ["id", "name", "a", "b", "x y", "k|p", "*k*", "#", "-", "1.", "日本", "😀", " sp", "tr ",
                 "a.b", "_u_", "`c`", "<k>", "&k", "", "n\nl", "q\"", "c:d"]
NUMBERS = ["0", "1", "-7", "42", "3.25", "-0.5", "1e+21", "1.5e-7", "123456789012", "100", "0.001"]


class Gen:
    def __init__(self, rng):
        self.r = rng

    def string(self):
        r = self.r
        k = r.choice([0, 1, 1, 2, 2, 3, 4])
        parts = [r.choice(FRAGMENTS) if r.random() < 0.7 else r.choice(["a", "b", "c", "z"]) * r.randint(1, 3)
                 for _ in range(k)]
        return "".join(parts)

    def key(self, used):
        r = self.r
        for _ in range(50):
            k = r.choice(KEY_FRAGMENTS) if r.random() < 0.5 else "".join(r.choice("abcdefgh") for _ in range(r.randint(1, 6)))
            if r.random() < 0.2:
                k += r.choice(KEY_FRAGMENTS)
            if k not in used:
                used.add(k)
                return k
        k = "k%d" % len(used)
        used.add(k)
        return k

    def primitive(self):
        x = self.r.random()
        if x < 0.65:
            return self.string()
        if x < 0.82:
            return Num(self.r.choice(NUMBERS))
        if x < 0.92:
            return self.r.random() < 0.5
        return None

    def schema(self, depth):
        used = set()
        fields = []
        for _ in range(self.r.randint(1, 4)):
            name = self.key(used)
            if depth < 2 and self.r.random() < 0.25:
                fields.append((name, self.schema(depth + 1)))
            else:
                fields.append((name, None))
        return fields

    def row(self, fields):
        return {name: (self.primitive() if sub is None else self.row(sub)) for name, sub in fields}

    def value(self, depth):
        r = self.r
        x = r.random()
        if depth >= 4 or x < 0.35:
            return self.primitive()
        if x < 0.47:
            fields = self.schema(0)
            return [self.row(fields) for _ in range(r.randint(1, 6))]
        if x < 0.55:
            fields = self.schema(0)
            used = set()
            return {self.key(used): self.row(fields) for _ in range(r.randint(2, 5))}
        if x < 0.65:
            return [self.primitive() for _ in range(r.randint(1, 5))]
        if x < 0.75:
            return [self.value(depth + 1) for _ in range(r.randint(1, 4))]
        if x < 0.8:
            return r.choice([[], {}, ""])
        return self.obj(depth + 1)

    def obj(self, depth):
        used = set()
        return {self.key(used): self.value(depth) for _ in range(self.r.randint(1, 6))}

    def document(self):
        x = self.r.random()
        if x < 0.6:
            return self.obj(0)
        if x < 0.85:
            return self.value(1) if self.r.random() < 0.5 else [self.value(2) for _ in range(self.r.randint(1, 4))]
        return self.primitive()


def cmd_gen(args):
    rng = random.Random(args.seed)
    g = Gen(rng)
    for i in range(args.count):
        doc = g.document()
        level = rng.choice([0, 1, 1, 2, 5, 6])
        pad = rng.random() < 0.7
        sys.stdout.write('{"id":%d,"heading_level":%d,"pad":%s,"doc":%s}\n'
                         % (i, level, "true" if pad else "false", to_json(doc)))


# ---- expected structure (README rules) --------------------------------------

def is_prim(v):
    return not isinstance(v, (list, dict))


def inline_ok(a):
    if not a:
        return False
    for v in a:
        if not is_prim(v):
            return False
        if isinstance(v, str) and (v == "" or v[0] in " \t" or v[-1] in " \t" or any(c in v for c in ",\n\r")):
            return False
    return True


def is_simple(v):
    if isinstance(v, list):
        return not v or inline_ok(v)
    if isinstance(v, dict):
        return not v
    return True


def fields_of(obj):
    """SPEC §9.3 field tree of a non-empty object, or None."""
    out = []
    for k, v in obj.items():
        if is_prim(v):
            out.append((k, None))
        elif isinstance(v, dict) and v:
            sub = fields_of(v)
            if sub is None:
                return None
            out.append((k, sub))
        else:
            return None
    return out


def matches(obj, fields):
    if not isinstance(obj, dict) or len(obj) != len(fields):
        return False
    for k, sub in fields:
        if k not in obj:
            return False
        if sub is None:
            if not is_prim(obj[k]):
                return False
        elif not matches(obj[k], sub):
            return False
    return True


def tabular(a):
    if not isinstance(a, list) or not a or not isinstance(a[0], dict) or not a[0]:
        return None
    f = fields_of(a[0])
    if f is None or not all(matches(x, f) for x in a[1:]):
        return None
    return f


def keyed(o):
    if not isinstance(o, dict) or len(o) < 2:
        return None
    vals = list(o.values())
    if not isinstance(vals[0], dict) or not vals[0]:
        return None
    f = fields_of(vals[0])
    if f is None or not all(matches(x, f) for x in vals[1:]):
        return None
    return f


def norm(segs):
    """Merge adjacent strings, drop empty ones: the comparable form of inline text."""
    out = []
    for s in segs:
        if isinstance(s, str):
            if not s:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += s
                continue
        out.append(s)
    return tuple(out)


def literal(v):
    if v is None:
        return [("em", "null")]
    if v is True:
        return ["true"]
    if v is False:
        return ["false"]
    if isinstance(v, Num):
        return [v.text]
    if isinstance(v, str):
        return [v]
    if isinstance(v, list):
        if not v:
            return [("em", "[]")]
        segs = []
        for i, x in enumerate(v):
            if i:
                segs.append(", ")
            segs += literal(x)
        return segs
    return [("em", "{}")]


def leaves(obj, fields, prefix, headers, cells):
    for k, sub in fields:
        path = prefix + "." + k if prefix is not None else k
        if sub is None:
            if headers is not None:
                headers.append(norm([path]))
            if cells is not None:
                cells.append(norm(literal(obj[k])))
        else:
            leaves(obj[k] if obj is not None else None, sub, path, headers, cells)


def table(v, fields, is_keyed):
    headers = [()] if is_keyed else []
    leaves(None, fields, None, headers, None)
    rows = []
    for key, obj in (v.items() if is_keyed else ((None, x) for x in v)):
        cells = [norm([key])] if is_keyed else []
        leaves(obj, fields, None, None, cells)
        rows.append(tuple(cells))
    return ("table", tuple(headers), tuple(rows))


def nested(v):
    if isinstance(v, list):
        f = tabular(v)
        return [table(v, f, False)] if f else [("ul", array_items(v))]
    f = keyed(v)
    return [table(v, f, True)] if f else [("ul", object_items(v))]


def kv_text(k, v):
    return norm([k + ":"] if v == "" else [k + ": "] + literal(v))


def object_items(o):
    return tuple((kv_text(k, v), ()) if is_simple(v) else (norm([k + ":"]), tuple(nested(v))) for k, v in o.items())


def array_items(a):
    return tuple((norm(literal(v)), ()) if is_simple(v) else ((), tuple(nested(v))) for v in a)


def block(v, level):
    if is_simple(v):
        return [("p", norm(literal(v)))]
    if isinstance(v, list):
        return nested(v)
    f = keyed(v)
    if f:
        return [table(v, f, True)]
    if not 1 <= level <= 6:
        return [("ul", object_items(v))]
    items = list(v.items())
    i = 0
    out = []
    while i < len(items) and is_simple(items[i][1]):
        i += 1
    if i:
        out.append(("ul", object_items(dict(items[:i]))))
    for k, x in items[i:]:
        out.append(("h", level, norm([k])))
        out += block(x, level + 1)
    return out


# ---- cmark-gfm HTML -> the same structure -----------------------------------

class Node:
    def __init__(self, tag):
        self.tag = tag
        self.children = []


class TreeBuilder(html.parser.HTMLParser):
    VOID = {"br", "hr", "img", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        n = Node(tag)
        self.stack[-1].children.append(n)
        if tag not in self.VOID:
            self.stack.append(n)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        raise ValueError("unbalanced </%s>" % tag)

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def handle_comment(self, data):
        self.stack[-1].children.append(Node("#comment"))


BLOCK_TAGS = {"ul", "ol", "table", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "pre", "blockquote"}


def inline_segs(children):
    segs = []
    for c in children:
        if isinstance(c, str):
            segs.append(c.replace("\n", ""))  # raw newlines in cmark's HTML are structural only
        elif c.tag == "br":
            segs.append("\n")
        elif c.tag == "em":
            segs.append(("em", "".join(x for x in norm(inline_segs(c.children)) if isinstance(x, str))))
        elif c.tag == "a":  # GFM autolink: the text is still the value
            segs += inline_segs(c.children)
        elif c.tag == "#comment":
            pass
        else:
            segs.append(("tag", c.tag))
    return norm(segs)


def html_blocks(children):
    out = []
    for c in children:
        if isinstance(c, str):
            if c.strip("\n"):
                out.append(("stray-text", c))
            continue
        if c.tag == "#comment":
            out.append(("p", ()))  # our empty-string marker as a block
        elif c.tag == "br":
            # A value "\n" alone is the line "<br>": an HTML block (CommonMark
            # type 7) rather than a paragraph; a browser shows the same break.
            out.append(("p", ("\n",)))
        elif c.tag == "p":
            out.append(("p", inline_segs(c.children)))
        elif c.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            out.append(("h", int(c.tag[1]), inline_segs(c.children)))
        elif c.tag == "ul":
            items = []
            for li in c.children:
                if isinstance(li, str):
                    continue
                inl = [x for x in li.children if isinstance(x, str) or x.tag not in BLOCK_TAGS]
                blk = [x for x in li.children if not isinstance(x, str) and x.tag in BLOCK_TAGS]
                items.append((inline_segs(inl), tuple(html_blocks(blk))))
            out.append(("ul", tuple(items)))
        elif c.tag == "table":
            head, rows = [], []
            for tr in iter_tag(c, "tr"):
                cells = [inline_segs(td.children) for td in tr.children if not isinstance(td, str)]
                if any(td.tag == "th" for td in tr.children if not isinstance(td, str)):
                    head = cells
                else:
                    rows.append(tuple(cells))
            out.append(("table", tuple(head), tuple(rows)))
        else:
            out.append(("unexpected", c.tag))
    return out


def iter_tag(node, tag):
    for c in node.children:
        if isinstance(c, str):
            continue
        if c.tag == tag:
            yield c
        else:
            yield from iter_tag(c, tag)


def count_checked(blocks):
    """(tables, cells + items + headings + paragraphs compared)."""
    t = n = 0
    for b in blocks:
        if b[0] == "table":
            t += 1
            n += len(b[1]) + sum(len(r) for r in b[2])
        elif b[0] == "ul":
            for _, sub in b[1]:
                n += 1
                st, sn = count_checked(sub)
                t += st
                n += sn
        else:
            n += 1
    return t, n


def first_difference(a, b, path="doc"):
    if type(a) != type(b):
        return "%s: expected %r, got %r" % (path, a, b)
    if isinstance(a, tuple) or isinstance(a, list):
        if len(a) != len(b):
            return "%s: expected %d entries, got %d: expected %r, got %r" % (path, len(a), len(b), a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: expected %r, got %r" % (path, a, b)


def cmd_check(args):
    docs = {}
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line, parse_int=Num, parse_float=Num, object_pairs_hook=lambda p: dict(p))
            docs[int(rec["id"].text)] = rec
    rendered = {}
    csv.field_size_limit(1 << 30)
    with open(args.rendered, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            rendered[int(row[0])] = row[1]
    passed = failed = tables = checked = 0
    for i in sorted(docs):
        rec = docs[i]
        level = int(rec["heading_level"].text)
        expected = [list_to_tuple(b) for b in block(rec["doc"], level)]
        md = rendered.get(i)
        if md is None:
            failed += 1
            print("FAIL doc %d: not rendered" % i)
            continue
        out = subprocess.run(CMARK, input=md.encode("utf-8"), stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
        tb = TreeBuilder()
        tb.feed(out)
        tb.close()
        got = [list_to_tuple(b) for b in html_blocks(tb.root.children)]
        diff = first_difference(tuple(expected), tuple(got))
        if diff:
            failed += 1
            if failed <= args.show:
                print("FAIL doc %d (heading_level %d, pad %s): %s" % (i, level, rec["pad"], diff))
                print("  json: %s" % to_json(rec["doc"])[:600])
                print("  markdown:\n    " + md[:1500].replace("\n", "\n    "))
        else:
            passed += 1
            t, n = count_checked(expected)
            tables += t
            checked += n
    print("documents %d, tables %d, cells/items/headings checked %d, failed documents %d"
          % (passed + failed, tables, checked, failed))
    print("RESULT %d %d" % (passed, failed))
    return 0 if failed == 0 else 1


def list_to_tuple(x):
    if isinstance(x, (list, tuple)):
        return tuple(list_to_tuple(y) for y in x)
    return x


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gen")
    g.add_argument("--seed", type=int, required=True)
    g.add_argument("--count", type=int, required=True)
    c = sub.add_parser("check")
    c.add_argument("--corpus", required=True)
    c.add_argument("--rendered", required=True)
    c.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    sys.exit(cmd_gen(a) if a.cmd == "gen" else cmd_check(a))


if __name__ == "__main__":
    main()
