#!/usr/bin/env bash
# Geoparsing benchmark (place-names issue): runs the release binary over both public development
# corpora in ../shared/geoparse-dev/ (GeoWebNews, TR-News) and prints its scores, as score.py
# computes them, beside the nine published geoparsers' scores on the same texts.
#
#   bash Benchmarks/geoparse-bench.sh            # builds the release binary first if missing
#   CONFLICTMAP_BIN=path/to/conflictmap bash Benchmarks/geoparse-bench.sh
#
# The corpora are for evaluation only: nothing here copies them into the project.
set -euo pipefail
cd "$(dirname "$0")/.."
dev=${GEOPARSE_DEV:-../shared/geoparse-dev}
[ -d "$dev/corpora" ] || { echo "geoparse-bench: $dev/corpora not found (set GEOPARSE_DEV)" >&2; exit 2; }
bin=${CONFLICTMAP_BIN:-.build/release/conflictmap}
if [ ! -x "$bin" ]; then swift build -c release >&2; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in gwn trnews; do
    python3 -c 'import json,sys
for l in open(sys.argv[1]): d=json.loads(l); print(json.dumps({"id":d["id"],"title":"","text":d["text"]}))' \
        "$dev/corpora/$n.gold.jsonl" > "$work/$n.in.jsonl"
    "$bin" analyze "$work/$n.in.jsonl" --format json > "$work/$n.json" 2>/dev/null
    python3 "$dev/score.py" "$dev/corpora/$n.gold.jsonl" "$work/$n.json" --json "$work/$n.score.json" > /dev/null
done
python3 - "$dev/peers" "$work" <<'PY'
import json, os, sys
peers, work = sys.argv[1], sys.argv[2]
rows = {}
for f in sorted(os.listdir(peers)):
    if f.endswith(".score.json"):
        corpus, name = f[:-len(".score.json")].split("__peer-")
        rows.setdefault(name, {})[corpus] = json.load(open(os.path.join(peers, f)))
for corpus in ("gwn", "trnews"):
    rows.setdefault("ConflictMap", {})[corpus] = json.load(open(os.path.join(work, corpus + ".score.json")))
def cell(s):
    return "%.2f / %.2f / %.2f" % (s["overlap"]["f1"], s["resolution"]["acc161"], s["end_to_end"]["share"]) if s else "-"
print("overlap F1 / Acc@161 / end to end")
print("%-14s %-20s %-20s" % ("system", "GeoWebNews", "TR-News"))
for name in sorted(rows, key=lambda n: (n != "ConflictMap", -(rows[n].get("gwn") or {}).get("end_to_end", {}).get("share", 0))):
    print("%-14s %-20s %-20s" % (name, cell(rows[name].get("gwn")), cell(rows[name].get("trnews"))))
print("targets        0.80 / 0.92 / 0.60     0.80 / 0.92 / 0.63")
PY
