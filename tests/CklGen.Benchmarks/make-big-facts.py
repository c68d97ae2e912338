#!/usr/bin/env python3
"""Writes a large facts snapshot for memory measurements (never committed: generate it when needed).

  python3 tests/CklGen.Benchmarks/make-big-facts.py /tmp/big.json 100   # about 100 MB

It is templates/examples/facts/exch2019-mailbox-EXMBX01.json with Get-ReceiveConnector grown to as many
distinct connector objects (names and IP ranges numbered) as the size asks for; every rule still reads it.
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "..", "templates", "examples", "facts", "exch2019-mailbox-EXMBX01.json")
out, megabytes = sys.argv[1], float(sys.argv[2])
doc = json.load(open(src, encoding="utf-8-sig"))
connectors = doc["commands"]["Get-ReceiveConnector"]
base = connectors if isinstance(connectors, list) else [connectors]
with open(out, "w", encoding="utf-8") as f:
    f.write("{\n")
    for k, v in doc.items():
        if k not in ("commands", "errors"):
            f.write(f"  {json.dumps(k)}: {json.dumps(v)},\n")
    f.write('  "commands": {\n')
    for k, v in doc["commands"].items():
        if k != "Get-ReceiveConnector":
            f.write(f"    {json.dumps(k)}: {json.dumps(v, indent=2)},\n")
    f.write('    "Get-ReceiveConnector": [\n')
    target, written, i = megabytes * 1024 * 1024, 0, 0
    while written < target:
        o = dict(base[i % len(base)])
        o["Name"] = f"{o.get('Name', 'Connector')} {i}"
        o["Identity"] = f"EXMBX01\\{o['Name']}"
        o["RemoteIPRanges"] = [f"10.{(i >> 8) & 255}.{i & 255}.0-10.{(i >> 8) & 255}.{i & 255}.255"] + list(o.get("RemoteIPRanges") or [])
        item = ("" if i == 0 else ",\n") + json.dumps(o, indent=2)
        f.write(item); written += len(item); i += 1
    f.write("\n    ]\n  },\n")
    f.write('  "errors": ' + json.dumps(doc.get("errors") or {}) + "\n}\n")
print(f"{out}: {os.path.getsize(out):,} bytes, {i} receive connectors")
