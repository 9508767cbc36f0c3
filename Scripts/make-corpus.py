#!/usr/bin/env python3
"""Writes a corpus of news reports, as JSON Lines files, made from the example reports.

    python3 Scripts/make-corpus.py OUT_FOLDER [--reports 3000] [--files 24] [--seed 1]

It stands in for a news archive when testing and measuring the Spark job: every report is one of
the five examples in Examples/panjshir-2021 (or one of a few short reports from other wars), as an
outlet would republish it:

- a verbatim syndicated copy under another outlet, title and date;
- a copy cut short (its last paragraphs dropped) or with a paragraph left out;
- a copy with a dateline before it and the outlet's boilerplate after it;
- a copy retold about another province (its place names swapped), so that the corpus names more
  places than the examples do.

Copies of one story land in different files, so a split of the folder puts syndicated copies in
different batches. About a third of the reports have an "id"; the others are named by their file
and line, as `conflictmap analyze` names them. Reports are shuffled; the output is the same for the
same arguments. Each file stays well under the reader's 16 MB limit.
"""
import argparse
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "Examples", "panjshir-2021")

OUTLETS = ["CNN", "Reuters", "AP", "AFP", "Al Jazeera", "BBC", "Dawn", "Tolo News", "Pajhwok", "Ariana News",
           "The Guardian", "Daily Trust", "Khaama Press", "The Hindu", "Gandhara", "Arab News", "Anadolu",
           "Deutsche Welle", "France 24", "NPR"]

# (place as the examples write it, replacement) for retold copies: other provinces and their towns.
SWAPS = [
    [("Panjshir", "Baghlan"), ("Shatal", "Andarab"), ("Shotul", "Andarab"), ("Shutul", "Andarab"), ("Parwan", "Kunduz"),
     ("Charikar", "Pul-e-Khumri"), ("Badakhshan", "Takhar")],
    [("Panjshir", "Kapisa"), ("Shatal", "Nijrab"), ("Shotul", "Nijrab"), ("Shutul", "Nijrab"), ("Parwan", "Laghman"),
     ("Charikar", "Mahmud-e-Raqi"), ("Badakhshan", "Nuristan")],
    [("Panjshir", "Badakhshan"), ("Shatal", "Jurm"), ("Shotul", "Jurm"), ("Shutul", "Jurm"), ("Parwan", "Takhar"),
     ("Charikar", "Faizabad"), ("Badakhshan", "Kunar")],
]

OTHER_WARS = [
    ("Kherson", "Ukrainian forces entered Kherson on Friday after Russia withdrew from the city, Ukraine's defence ministry said.",
     "2022-11-12"),
    ("Nyala", "The Rapid Support Forces said on Thursday they had seized Nyala. Sudan's army denied the claim. "
     "Fighting near Zalingei continued.", "2023-10-27"),
    ("Bakhmut", "Russian forces claimed to have captured Bakhmut, but Ukraine's military said fighting continued on the "
     "western edge of the city.", "2023-05-21"),
]


def repair(text):
    """Undo the one mis-decoding in the examples (a UTF-8 emoji read as a Greek code page)."""
    return text.replace("\u03c0\u0178\u2019\u20af", "\U0001F4A5")


def examples():
    out = []
    for name in sorted(os.listdir(EXAMPLES)):
        with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
            lines = repair(f.read()).split("\n")
        title = next(l.strip() for l in lines if l.strip())
        body = "\n".join(lines).strip()
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        out.append((title, paragraphs))
    return out


def variant(rng, title, paragraphs, outlet):
    kind = rng.choice(["verbatim", "verbatim", "cut", "omit", "dateline", "retold"])
    paras = list(paragraphs)
    if kind == "cut" and len(paras) > 4:
        paras = paras[: rng.randint(max(3, len(paras) // 2), len(paras) - 1)]
    elif kind == "omit" and len(paras) > 3:
        del paras[rng.randint(1, len(paras) - 1)]
    elif kind == "dateline":
        paras[0] = f"KABUL ({outlet}) — " + paras[0]
        paras.append(f"Copyright 2021 {outlet}. All rights reserved. This material may not be published, broadcast, "
                     f"rewritten or redistributed.")
    elif kind == "retold":
        swaps = rng.choice(SWAPS)
        def swap(text):
            for a, b in swaps:
                text = text.replace(a, b)
            return text
        paras = [swap(p) for p in paras]
        title = swap(title)
    if rng.random() < 0.5:
        title = rng.choice(["", "UPDATE: ", "Afghanistan: ", "WATCH: "]) + title
    return title, "\n\n".join(paras)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the folder to write (created; existing .jsonl files in it are replaced)")
    ap.add_argument("--reports", type=int, default=3000)
    ap.add_argument("--files", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    stories = examples()
    reports = []
    for n in range(args.reports):
        outlet = rng.choice(OUTLETS)
        if rng.random() < 0.03:
            title, text, date = rng.choice(OTHER_WARS)
            report = {"title": title, "text": text, "date": date, "outlet": outlet}
        else:
            title, paragraphs = rng.choice(stories)
            title, text = variant(rng, title, paragraphs, outlet)
            report = {"title": title, "text": text, "outlet": outlet}
            if rng.random() < 0.9:
                report["date"] = f"2021-09-{rng.randint(1, 12):02d}"
        if rng.random() < 0.35:
            report["id"] = f"{outlet.lower().replace(' ', '-')}-{n:06d}"
        if rng.random() < 0.5:
            report["url"] = f"https://example.org/{outlet.lower().replace(' ', '-')}/{n}"
        reports.append(report)
    rng.shuffle(reports)
    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.endswith(".jsonl"):
            os.remove(os.path.join(args.out, name))
    per_file = -(-len(reports) // args.files)
    size = 0
    for i in range(args.files):
        chunk = reports[i * per_file:(i + 1) * per_file]
        if not chunk:
            break
        path = os.path.join(args.out, f"reports-{i:04d}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for r in chunk:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        size += os.path.getsize(path)
    print(f"make-corpus: {len(reports)} reports in {min(args.files, -(-len(reports) // per_file))} files, "
          f"{size / 1e6:.1f} MB, in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
