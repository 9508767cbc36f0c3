#!/usr/bin/env python3
"""Checks hand-coded truth files of the claims benchmarks against their texts.

    python3 Benchmarks/check-truth.py [FOLDER ...]

With no folder, checks every `truth.json` under Benchmarks/unseen-reports/ and
Benchmarks/fresh-reports/. For each report: every place has a known kind, both coordinates or
neither, and spellings that occur in the text; every claim quotes its text verbatim, names a place
the report lists, a known action, a side of the `sides` table (or "A vs B" of two) and a boolean
`verified`; every report has a `date` (or null). Prints one line per problem, then a summary per
folder; exits 1 if anything failed. Standard library only.
"""
import glob
import json
import os
import sys

ACTIONS = {"captured", "holds", "regained", "lost", "attacked", "contested", "denied"}
KINDS = {"country", "province", "region", "district", "city", "town", "village", "river", "fac", "mountain"}


def check_report(folder, name, article, sides):
    """The problems of one report, as printable lines."""
    problems = []
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return ["%s: no such file" % name]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    listed = {p["place"] for p in article["places"]}
    for p in article["places"]:
        if p.get("kind") not in KINDS:
            problems.append("%s: place %s has kind %r" % (name, p["place"], p.get("kind")))
        if (p.get("lat") is None) != (p.get("lon") is None):
            problems.append("%s: place %s has one coordinate" % (name, p["place"]))
        for s in p.get("surface", []):
            if s not in text:
                problems.append("%s: spelling %r of %s is not in the text" % (name, s, p["place"]))
    for c in article["claims"]:
        if c["quote"] not in text:
            problems.append("%s: quote not in the text: %s" % (name, c["quote"][:70]))
        if c["place"] not in listed:
            problems.append("%s: claim on an unlisted place: %s" % (name, c["place"]))
        if c["action"] not in ACTIONS:
            problems.append("%s: unknown action %r" % (name, c["action"]))
        parts = c["actor"].split(" vs ")
        if len(parts) > 2 or not all(x in sides for x in parts):
            problems.append("%s: side %r is not in the sides table" % (name, c["actor"]))
        if not isinstance(c.get("verified"), bool):
            problems.append("%s: verified is not true or false" % name)
    if "date" not in article:
        problems.append("%s: no date (null if unknown)" % name)
    return problems


def check_folder(folder):
    with open(os.path.join(folder, "truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    sides = set(truth.get("sides", {}))
    problems = []
    for name, article in sorted(truth["articles"].items()):
        problems += check_report(folder, name, article, sides)
    claims = sum(len(a["claims"]) for a in truth["articles"].values())
    places = sum(len(a["places"]) for a in truth["articles"].values())
    for p in problems:
        print("%s/%s" % (folder, p))
    print("%s: %d reports, %d places, %d claims, %d problems" % (folder, len(truth["articles"]), places, claims, len(problems)))
    return not problems


def main(argv):
    root = os.path.dirname(os.path.abspath(__file__))
    folders = argv[1:] or sorted(os.path.dirname(p) for p in glob.glob(os.path.join(root, "*-reports", "*", "truth.json")))
    ok = all([check_folder(f) for f in folders])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv)
