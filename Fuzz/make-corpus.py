#!/usr/bin/env python3
"""Writes the seed corpus of a fuzz target (Scripts/fuzz.sh calls it) into a folder, from the
project's own inputs: the example reports (Examples/), the actor profiles (Actors/), lines of the
gazetteer and outline files (Gazetteer/), the string literals of the tests (Tests/), the tiny
committed seeds (Fuzz/corpus/<target>/) and the crash reproducers (Fuzz/regressions/<target>/).
Nothing is downloaded; the seeds are written under .build-fuzz/, not committed.

    python3 Fuzz/make-corpus.py TARGET OUT_FOLDER
"""
import glob
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SEED = 16384


def swift_literals():
    """The string literals of the test sources, unescaped (those with interpolation left out)."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "Tests", "**", "*.swift"), recursive=True)):
        src = open(path, encoding="utf-8").read()
        # Multi-line literals.
        for m in re.finditer(r'"""\n(.*?)\n\s*"""', src, re.S):
            body = m.group(1)
            if "\\(" not in body:
                lines = body.split("\n")
                indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
                out.append("\n".join(l[indent:] for l in lines))
        # Raw literals #"..."#.
        for m in re.finditer(r'#"(.*?)"#', src):
            out.append(m.group(1))
        # Ordinary one-line literals.
        for m in re.finditer(r'(?<![#"])"((?:[^"\\\n]|\\.)*)"(?!#)', src):
            s = m.group(1)
            if "\\(" in s:
                continue
            try:
                s = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda u: chr(int(u.group(1), 16)), s)
                s = s.replace("\\n", "\n").replace("\\t", "\t").replace('\\"', '"').replace("\\\\", "\\")
            except ValueError:
                continue
            out.append(s)
    return out


def lines_of(path, every=1, limit=None, max_len=MAX_SEED):
    if not os.path.exists(path):
        return []
    out = []
    with open(path, "rb") as f:
        for i, line in enumerate(f):
            if limit is not None and len(out) >= limit:
                break
            line = line.rstrip(b"\n")
            if i % every == 0 and 0 < len(line) <= max_len and line.startswith(b"{\"type\":\"Feature\""):
                out.append(line.rstrip(b","))
    return out


def examples():
    return [(os.path.basename(p), open(p, "rb").read()) for p in sorted(glob.glob(os.path.join(ROOT, "Examples", "**", "*.txt"), recursive=True))]


def seeds(target):
    lits = swift_literals()
    out = []
    if target == "reports":
        for name, data in examples():
            text = data.decode("utf-8", "replace")
            title, _, body = text.partition("\n")
            out.append(b"0" + data)
            out.append(b"6" + data[:3000])
            out.append(("1<html><head><title>%s</title></head><body><p>%s</p><script>x()</script></body></html>"
                        % (title, body[:3000].replace("\n\n", "</p><p>"))).encode())
            record = {"title": title, "text": body[:3000], "date": "2021-09-05", "outlet": "Reuters", "url": "https://example.com/" + name}
            out.append(b"2" + json.dumps(record).encode())
            out.append(b"3" + (json.dumps(record) + "\n" + json.dumps({"title": "B", "text": body[-800:]})).encode())
            out.append(b"4" + json.dumps(record, ensure_ascii=False).encode())
            out.append(b"5" + json.dumps({"path": "a/" + name, "text": text[:3000]}).encode())
            out.append(b"7" + data[-2000:])
        for s in lits:
            if len(s) >= 20 and " " in s and re.search(r"[A-Z][a-z]", s):
                out.append(("0" if not s.startswith("{") else "3") + s)
    elif target == "gazetteer-line":
        g = os.path.join(ROOT, "Gazetteer")
        out += lines_of(os.path.join(g, "afghanistan.geojson"), every=40, max_len=4096)
        out += lines_of(os.path.join(g, "world.geojson"), every=4000, limit=60, max_len=4096)
        for p in sorted(glob.glob(os.path.join(g, "sources", "*.geojson"))):
            out += lines_of(p)
        out += [s for s in lits if '"Feature"' in s and "Collection" not in s]
    elif target == "partial":
        out += [s for s in lits if "format_version" in s or '"documents"' in s]
    elif target == "actors":
        out += [open(p, "rb").read() for p in sorted(glob.glob(os.path.join(ROOT, "Actors", "*.json")))]
        out += [s for s in lits if "conflictmap-actors" in s or '"sides"' in s]
    elif target == "geojson":
        g = os.path.join(ROOT, "Gazetteer")
        out += lines_of(os.path.join(g, "afghanistan.geojson"), every=200, max_len=4096)
        out += lines_of(os.path.join(g, "boundaries", "afghanistan.geojson"), every=20, max_len=8192)
        out += lines_of(os.path.join(g, "basemap", "rivers.geojson"), every=300, max_len=4096)
        for p in sorted(glob.glob(os.path.join(g, "sources", "*.geojson"))):
            data = open(p, "rb").read()
            if len(data) <= MAX_SEED:
                out.append(data)
        out += [s for s in lits if s.lstrip().startswith(("{", "[")) and ("type" in s or "coordinates" in s)]
    elif target == "render":
        heads = ["", "w=1600;h=1200", "w=800;h=600;s=0.5;theme=print", "page=a4;fmt=svg", "page=letter-portrait;fmt=pdf;bilingual",
                 "bbox=69,34.8,70.6,35.9;transparent", "focus=Bazarak;mentions", "w=200;h=150;s=1;title=Panjshir"]
        for i, (name, data) in enumerate(examples()):
            text = data.decode("utf-8", "replace")[:2500]
            for j in (i, i + 3):
                out.append(heads[j % len(heads)] + "\n" + text)
        for s in lits:
            if len(s) >= 30 and " " in s and re.search(r"[A-Z][a-z]", s) and not s.startswith("{"):
                out.append("w=640;h=480\n" + s)
    else:
        sys.exit("make-corpus: unknown target %s" % target)
    for folder in ("corpus", "regressions"):
        for p in sorted(glob.glob(os.path.join(ROOT, "Fuzz", folder, target, "*"))):
            if os.path.isfile(p) and not os.path.basename(p).startswith("."):
                out.append(open(p, "rb").read())
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    target, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    n = 0
    for s in seeds(target):
        data = s.encode("utf-8") if isinstance(s, str) else s
        if not data or len(data) > MAX_SEED:
            continue
        with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
        n += 1
    print("make-corpus: %d seeds for %s in %s" % (n, target, os.path.relpath(folder, ROOT)))


if __name__ == "__main__":
    main()
