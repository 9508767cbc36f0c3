#!/usr/bin/env bash
# Claims benchmark (claims issue): runs the release binary over the 36 unseen reports in
# Benchmarks/unseen-reports/ (14 wars, hand-coded truth), the 48 fresh reports in
# Benchmarks/fresh-reports/ (a to f: read once, spent; g and h: held out, never used to write a
# rule) and, when ../shared/claims-dev/
# is there, over the 25 development reports, and prints the scores of places and claims.
#
#   bash Benchmarks/claims-bench.sh             # builds the release binary first if missing
#   bash Benchmarks/claims-bench.sh --errors    # also every missed and every wrong claim
#   CONFLICTMAP_BIN=path/to/conflictmap bash Benchmarks/claims-bench.sh
#
# The unseen reports are split in two fixed halves by file number: odd numbers are the half rules
# may be developed on ("dev"), even numbers the half kept for measuring ("held-out"). Report the
# held-out figure; a rule that moves only the dev half is fitted, not general.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CONFLICTMAP_BIN:-.build/release/conflictmap}
if [ ! -x "$bin" ]; then swift build -c release >&2; fi
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
errors=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unseen=Benchmarks/unseen-reports
for g in ukr-isr africa asia; do
    for half in dev held-out; do
        files=$(cd "$unseen/$g" && ls [0-9][0-9]_*.txt | awk -v h="$half" '{ n = substr($0, 1, 2) + 0; if ((n % 2 == 1) == (h == "dev")) print }')
        # shellcheck disable=SC2086
        (cd "$unseen/$g" && CONFLICTMAP_HOME="$PWD/../../.." "$bin" analyze $files --format json --quiet > "$work/$g.$half.json")
        python3 "$unseen/score.py" "$work/$g.$half.json" "$unseen/$g/truth.json" --errors --only-analysed > "$work/$g.$half.score.json"
    done
done
fresh=Benchmarks/fresh-reports
for g in a b c d e f g h; do
    [ -f "$fresh/$g/truth.json" ] || continue
    (cd "$fresh/$g" && CONFLICTMAP_HOME="$PWD/../../.." "$bin" analyze [0-9][0-9]_*.txt --format json --quiet > "$work/fresh-$g.json")
    python3 "$unseen/score.py" "$work/fresh-$g.json" "$fresh/$g/truth.json" --errors > "$work/fresh-$g.score.json"
done
dev=${CLAIMS_DEV:-../shared/claims-dev}
if [ -f "$dev/score.py" ]; then
    (cd "$dev" && CONFLICTMAP_HOME="$OLDPWD" "$bin" analyze articles/*.txt --format json --quiet > "$work/claims-dev.json")
    python3 "$dev/score.py" "$work/claims-dev.json" "$dev/truth.json" > "$work/claims-dev.score.json"
fi
python3 - "$work" "$errors" <<'PY'
import json, os, sys
work, errors = sys.argv[1], sys.argv[2] == "--errors"
def load(name):
    p = os.path.join(work, name)
    return json.load(open(p)) if os.path.exists(p) else None
print("%-26s %-22s %-22s %s" % ("set", "claims P (right/made)", "claims R (found/all)", "places F1"))
def row(name, right, made, found, total, f1):
    p = right / made if made else 0
    r = found / total if total else 0
    print("%-26s %-22s %-22s %s" % (name, "%.2f (%d/%d)" % (p, right, made), "%.2f (%d/%d)" % (r, found, total), f1))
d = load("claims-dev.score.json")
if d:
    right = round(d["claim_precision"] * d["claims_predicted"])
    row("claims-dev (25 reports)", right, d["claims_predicted"], d["claims_recalled"], d["claims_total"], "%.2f" % d["place_f1"])
for half in ("dev", "held-out"):
    sums = dict(claims_right=0, claims_predicted=0, claims_recalled=0, claims_total=0)
    f1s = []
    for g in ("ukr-isr", "africa", "asia"):
        s = load("%s.%s.score.json" % (g, half))
        for k in sums:
            sums[k] += s[k]
        f1s.append(s["place_f1"])
    row("unseen, %s half (18)" % half, sums["claims_right"], sums["claims_predicted"], sums["claims_recalled"], sums["claims_total"],
        "%.2f" % (sum(f1s) / len(f1s)))
# a to f were read to find errors (spent); g and h were gathered after the rules from c and d, to measure.
for groups, name in ((("a", "b"), "fresh a+b, spent (16)"), (("c", "d"), "fresh c+d, spent (16)"),
                     (("e", "f"), "fresh e+f, spent (16)"), (("g", "h"), "fresh g+h, held out (16)")):
    sums = dict(claims_right=0, claims_predicted=0, claims_recalled=0, claims_total=0)
    f1s = []
    for g in groups:
        s = load("fresh-%s.score.json" % g)
        if s is None:
            continue
        for k in sums:
            sums[k] += s[k]
        f1s.append(s["place_f1"])
    if f1s:
        row(name, sums["claims_right"], sums["claims_predicted"], sums["claims_recalled"], sums["claims_total"],
            "%.2f" % (sum(f1s) / len(f1s)))
if errors:
    for g in ("ukr-isr", "africa", "asia"):
        for half in ("dev", "held-out"):
            for e in load("%s.%s.score.json" % (g, half))["errors"]:
                if "claim" in e:
                    print("%s/%s" % (g, e))
    # The spent fresh sets' errors; never the held-out ones (g, h).
    for g in ("a", "b", "c", "d", "e", "f"):
        s = load("fresh-%s.score.json" % g)
        for e in (s or {}).get("errors", []):
            if "claim" in e:
                print("fresh-%s/%s" % (g, e))
PY
