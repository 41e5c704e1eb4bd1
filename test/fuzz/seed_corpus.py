#!/usr/bin/env python3
"""Writes fuzzing seed corpora from the vendored spec fixtures.

decode/: one file per decode fixture input (first byte = option byte 0:
strict, indent 2 would be 2 -> (2-1)<<1); json/: one file per encode
fixture input as JSON text."""
import json
import pathlib
import sys

top = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
fixtures = top / "test" / "fixtures" / "spec"
for kind in ("decode", "json"):
    (out / kind).mkdir(parents=True, exist_ok=True)
n = 0
for f in sorted((fixtures / "decode").glob("*.json")):
    for t in json.load(open(f, encoding="utf-8"))["tests"]:
        opts = t.get("options", {})
        byte = (0 if opts.get("strict", True) else 1) | ((min(opts.get("indentSize", 2), 4) - 1) << 1)
        (out / "decode" / f"{n:04d}").write_bytes(bytes([byte]) + t["input"].encode("utf-8"))
        n += 1
for f in sorted((fixtures / "encode").glob("*.json")):
    for t in json.load(open(f, encoding="utf-8"))["tests"]:
        (out / "json" / f"{n:04d}").write_text(json.dumps(t["input"], ensure_ascii=False), encoding="utf-8")
        n += 1
print(f"{n} seeds")
