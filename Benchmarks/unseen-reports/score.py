#!/usr/bin/env python3
"""Scores `conflictmap analyze --format json` on the unseen reports against their hand-coded truth.

    python3 Benchmarks/unseen-reports/score.py OUTPUT.json GROUP/truth.json [--errors] [--only-analysed]

--only-analysed scores only the reports the output holds (for a run on part of a group).

Each group's truth.json (ukr-isr, africa, asia) has the form of ../shared/claims-dev/truth.json:
per report the places it names (with a representative point and a kind) and every claim of
control (place, side, action, claimant, whether verified, the sentence), plus a "sides" table: for
each side, the names and descriptions the reports use for it, lower case. The truth was coded from
the texts alone, without the tool's output (see README.md).

The rules are those of claims-dev's scorer, so the two sets' figures compare:
- a place is found when the tool puts a place of the same report within 25 km (towns, villages,
  districts, facilities), 100 km (provinces, regions) or 800 km (countries) of it;
- a truth claim is recalled when the tool makes, in the same report, a claim at a place within that
  distance, of the same family of action (gain: captured, regained; hold; loss: lost, withdrew;
  fight: attacked, contested) and by the same side; a truth "denied" needs a claim flagged denied;
- a tool claim is right when it matches some truth claim of its report by the same rule.
The tool's side is the report's truth side whose longest listed name occurs in the tool's actor
name (word-bounded), among the sides that report's truth claims name. Claims at places the truth
leaves without coordinates are not scored. Standard library only.
"""
import json
import math
import os
import re
import sys

FAMILY = {"captured": "gain", "regained": "gain", "holds": "hold", "lost": "loss", "withdrew": "loss",
          "attacked": "fight", "contested": "fight", "denied": "denied"}
FINE = {"city", "town", "village", "district", "pass", "fac", "facility"}


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    a = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1, a)))


def tolerance_km(kind):
    kind = (kind or "").lower()
    return 800 if kind == "country" else 25 if kind in FINE else 100


def truth_sides(actor):
    """The side keys of a truth claim's actor: "RSF", or "RSF vs Sudanese army"."""
    return {s.strip() for s in (actor or "").split(" vs ")}


def tool_side(actor, candidates, sides):
    """The candidate side whose longest name occurs in the tool's actor name, or None."""
    name = " " + re.sub(r"[^\w']+", " ", (actor or "").lower().replace("\u2019", "'")) + " "
    best, best_len = None, 0
    for key in candidates:
        for alias in [key.lower()] + sides.get(key, []):
            a = " " + re.sub(r"[^\w']+", " ", alias.lower()).strip() + " "
            if a.strip() and a in name and len(a) > best_len:
                best, best_len = key, len(a)
    return best


def matches(c, t, place, tplace, candidates, sides):
    if place is None or place.get("lat") is None:
        return False
    if km(place["lat"], place["lon"], tplace["lat"], tplace["lon"]) > tolerance_km(tplace["kind"]):
        return False
    fam = FAMILY.get(t["action"])
    if fam == "denied":
        return bool(c.get("denied"))
    if c.get("denied") or FAMILY.get(str(c.get("action", "")).lower()) != fam:
        return False
    return tool_side(c.get("actor"), candidates, sides) in truth_sides(t["actor"])


def score(pred, truth, only_analysed=False):
    sides = truth.get("sides", {})
    docs = {d["id"]: os.path.basename(d.get("path") or d["id"]) for d in pred.get("documents", [])}
    articles = truth["articles"]
    if only_analysed:
        articles = {f: a for f, a in articles.items() if f in set(docs.values())}
    places = {p["id"]: p for p in pred.get("places", [])}
    found = {}
    for m in pred.get("mentions", []):
        p = places.get(m.get("place"))
        if p and p.get("lat") is not None and m.get("document") in docs:
            found.setdefault(docs[m["document"]], {})[p["id"]] = p
    claims = {}
    for c in pred.get("claims", []):
        claims.setdefault(docs.get(c.get("document")), []).append(c)
    r = dict(places_tp=0, places_fn=0, places_fp=0, claims_total=0, claims_recalled=0, claims_predicted=0,
             claims_right=0, errors=[])
    for f, art in sorted(articles.items()):
        tplaces = [p for p in art["places"] if p.get("lat") is not None]
        got = list(found.get(f, {}).values())
        near = lambda g, t: km(g["lat"], g["lon"], t["lat"], t["lon"]) <= tolerance_km(t["kind"])
        for t in tplaces:
            hit = any(near(g, t) for g in got)
            r["places_tp" if hit else "places_fn"] += 1
            if not hit:
                r["errors"].append("%s missed place %s" % (f[:2], t["place"]))
        for g in got:
            if not any(near(g, t) for t in tplaces):
                r["places_fp"] += 1
                r["errors"].append("%s extra place %s (%s)" % (f[:2], g.get("name"), g["id"]))
        by_name = {p["place"]: p for p in art["places"]}
        tclaims = [(t, by_name.get(t["place"])) for t in art["claims"]]
        tclaims = [(t, p) for t, p in tclaims if p and p.get("lat") is not None]
        candidates = set().union(*[truth_sides(t["actor"]) for t, _ in tclaims]) if tclaims else set()
        mine = claims.get(f, [])
        for t, tp in tclaims:
            r["claims_total"] += 1
            if any(matches(c, t, places.get(c.get("place")), tp, candidates, sides) for c in mine):
                r["claims_recalled"] += 1
            else:
                r["errors"].append("%s missed claim %s %s %s: %s" % (f[:2], t["actor"], t["action"], t["place"], t["quote"][:90]))
        for c in mine:
            r["claims_predicted"] += 1
            if any(matches(c, t, places.get(c.get("place")), tp, candidates, sides) for t, tp in tclaims):
                r["claims_right"] += 1
            else:
                p = places.get(c.get("place")) or {}
                r["errors"].append("%s wrong claim %s %s%s %s: %s" % (f[:2], c.get("actor"), "denied " if c.get("denied") else "",
                                                                    c.get("action"), p.get("name"), (c.get("sentence") or "")[:90]))
    return r


def summary(r):
    def ratio(a, b):
        return a / b if b else 0.0
    pp = ratio(r["places_tp"], r["places_tp"] + r["places_fp"])
    pr = ratio(r["places_tp"], r["places_tp"] + r["places_fn"])
    return dict(place_precision=round(pp, 3), place_recall=round(pr, 3),
                place_f1=round(ratio(2 * pp * pr, pp + pr), 3),
                claim_precision=round(ratio(r["claims_right"], r["claims_predicted"]), 3),
                claim_recall=round(ratio(r["claims_recalled"], r["claims_total"]), 3),
                claims_right=r["claims_right"], claims_predicted=r["claims_predicted"],
                claims_recalled=r["claims_recalled"], claims_total=r["claims_total"])


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        pred = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        truth = json.load(f)
    r = score(pred, truth, "--only-analysed" in argv)
    out = summary(r)
    if "--errors" in argv:
        out["errors"] = r["errors"]
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv)
