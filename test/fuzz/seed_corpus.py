#!/usr/bin/env python3
"""Writes fuzzing seed corpora from the vendored spec fixtures.

decode/: one file per decode fixture input (first byte = option byte 0:
strict, indent 2 would be 2 -> (2-1)<<1); json/: one file per encode
fixture input as JSON text. encode/, markdown/ and tokens/ take the same
documents behind their own option bytes (see each harness). Committed
regression inputs in test/fuzz/seeds/<harness>/ (inputs that once broke a
property) are copied in as well."""
import json
import pathlib
import sys

top = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
fixtures = top / "test" / "fixtures" / "spec"
for kind in ("decode", "json", "encode", "markdown", "tokens"):
    (out / kind).mkdir(parents=True, exist_ok=True)
n = 0
for f in sorted((fixtures / "decode").glob("*.json")):
    for t in json.load(open(f, encoding="utf-8"))["tests"]:
        opts = t.get("options", {})
        byte = (0 if opts.get("strict", True) else 1) | ((min(opts.get("indentSize", 2), 4) - 1) << 1)
        doc = t["input"].encode("utf-8")
        (out / "decode" / f"{n:04d}").write_bytes(bytes([byte]) + doc)
        (out / "encode" / f"{n:04d}").write_bytes(bytes([byte, n % 256]) + doc)
        (out / "markdown" / f"{n:04d}").write_bytes(bytes([n % 16]) + doc)
        (out / "tokens" / f"{n:04d}").write_bytes(bytes([n % 256, (n * 7) % 256]) + doc)
        n += 1
for f in sorted((fixtures / "encode").glob("*.json")):
    for t in json.load(open(f, encoding="utf-8"))["tests"]:
        (out / "json" / f"{n:04d}").write_text(json.dumps(t["input"], ensure_ascii=False), encoding="utf-8")
        n += 1
for d in sorted((top / "test" / "fuzz" / "seeds").glob("*/*")):
    (out / d.parent.name / f"seed-{d.name}").write_bytes(d.read_bytes())
    n += 1
print(f"{n} seeds")
