#!/usr/bin/env bash
# Geoparsing benchmark (place-names issue): runs the release binary over both public development
# corpora in ../shared/geoparse-dev/ (GeoWebNews, TR-News) and prints its scores, as score.py
# computes them, beside the nine published geoparsers' scores on the same texts.
#
#   bash Benchmarks/geoparse-bench.sh            # builds the release binary first if missing
#   CONFLICTMAP_BIN=path/to/conflictmap bash Benchmarks/geoparse-bench.sh
#
# The corpora are for evaluation only: nothing here copies them into the project. The resolution
# weights were chosen on one half of each corpus (the "tuning" half: documents whose id's SHA-1 is
# even); the script also prints the scores on the other, held-out half, and the area-aware
# Acc@161 (score.py --polygons: a country or first-level unit whose outline holds the gold point
# counts as right, whatever its representative point).
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
    python3 "$dev/score.py" "$dev/corpora/$n.gold.jsonl" "$work/$n.json" --polygons Gazetteer/boundaries/world.geojson \
        --json "$work/$n.area.json" > /dev/null
    for half in tuning held-out; do
        python3 -c 'import hashlib,json,sys
want = sys.argv[2] == "tuning"
for l in open(sys.argv[1]):
    if (int(hashlib.sha1(json.loads(l)["id"].encode()).hexdigest(), 16) % 2 == 0) == want: sys.stdout.write(l)' \
            "$dev/corpora/$n.gold.jsonl" "$half" > "$work/$n.$half.gold.jsonl"
        python3 "$dev/score.py" "$work/$n.$half.gold.jsonl" "$work/$n.json" --json "$work/$n.$half.json" > /dev/null
    done
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
print()
print("ConflictMap by half (the weights were chosen on the tuning half):")
for half in ("tuning", "held-out"):
    cells = [cell(json.load(open(os.path.join(work, "%s.%s.json" % (c, half))))) for c in ("gwn", "trnews")]
    print("  %-12s %-20s %-20s" % (half, cells[0], cells[1]))
area = [json.load(open(os.path.join(work, c + ".area.json"))) for c in ("gwn", "trnews")]
def area_cell(s):
    a = s.get("area_aware", {})
    return "%.2f / %.2f" % (a.get("acc161", float("nan")), a.get("end_to_end", float("nan")))
print("Area-aware Acc@161 / end to end: GeoWebNews %s, TR-News %s" % tuple(area_cell(s) for s in area))
PY
