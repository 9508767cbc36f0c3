#!/usr/bin/env python3
"""Builds the claim reader's lexicon (Sources/Aggregator/ClaimLexicon+Generated*.swift) from its data file.

The data file, Sources/Aggregator/Lexicons/claim-lexicon.json, holds every word the claim reader
(ClaimExtractor) knows, all lowercase:
- "format": "conflictmap-claim-lexicon/1", the layout below; this script refuses any other.
- "version": an integer, raised whenever a change to the words moves the analysis's output.
- "triggers": groups of single words that state an action (verbs and nouns, each with its inflected
  forms), each group with a name, a description, an example, the action (a ClaimAction) and how
  its words behave: "needsObject" (a place or "control" right after), "ranged" (strikes from a
  distance), "presence" (forces at a place, not control of it), "noun" (its actor is a possessive
  or a name just before), and "special" (a Trigger.Special read by its own rules). A form is in
  one group only.
- "sets": named word sets (hedges, denials, titles, word classes such as group nouns or
  prepositions), each with a description, an optional example and its "words"; "includes" names
  sets whose words it also holds ("abbreviations" holds the "titles").
- "maps": named tables of a word to a number ("months") or to a list of place kinds
  ("descriptionKinds").
- "kindSets": named sets of gazetteer place kinds (PlaceKind raw values).
The names of sets and maps are the Swift names (ClaimLexicon.speech, ClaimLexicon.titles, ...).
Words keep the order of the file, so the generated source only changes where the data does.
Tests/AggregatorTests/ClaimLexiconDataTests.swift checks the generated Swift equals the data file.

Usage: python3 Scripts/build-claim-lexicon.py   (no network; standard library only)
Writes: Sources/Aggregator/ClaimLexicon+Generated.swift (triggers, maps, kind sets) and
Sources/Aggregator/ClaimLexicon+GeneratedSets.swift, ...Sets2.swift (word sets, split so each file
stays under 500 lines).
"""
import glob
import importlib.util
import json
import os
import re
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Sources", "Aggregator", "Lexicons", "claim-lexicon.json")
OUT = os.path.join(ROOT, "Sources", "Aggregator", "ClaimLexicon+Generated.swift")
SETS_OUT = os.path.join(ROOT, "Sources", "Aggregator", "ClaimLexicon+GeneratedSets%s.swift")
MAX_LINES = 480  # a generated file stays under the project's 500 lines
FORMAT = "conflictmap-claim-lexicon/1"
ACTIONS = {"captured", "holds", "regained", "lost", "attacked", "contested", "withdrew"}
SPECIALS = {"none", "pushBack", "pullBack", "fall", "control", "holdout", "under", "expel"}
FLAGS = ["needsObject", "ranged", "presence", "noun"]

# The Swift string-literal rows of the other lexicons (Scripts/build-lexicons.py).
_spec = importlib.util.spec_from_file_location("build_lexicons", os.path.join(ROOT, "Scripts", "build-lexicons.py"))
_lexicons = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_lexicons)


def literal(s):
    return json.dumps(s, ensure_ascii=False)  # a JSON string of these words is a valid Swift literal


def rows(words):
    for w in words:
        if w != w.lower() or '"' in w or "\\" in w:
            raise SystemExit("not a lowercase plain word: %r" % w)
    return _lexicons.string_rows(words)


def doc(text, example=None, indent="    "):
    if example:
        text += " Example: %s." % example.rstrip(".")
    return [indent + "/// " + line for line in textwrap.wrap(text, 110 - len(indent) - 4)]


def swift_name(name):
    if not re.fullmatch(r"[a-z][A-Za-z0-9]*", name):
        raise SystemExit("not a Swift name: %r" % name)
    return name


def kind_case(raw):
    parts = raw.split("_")
    return "." + parts[0] + "".join(p.capitalize() for p in parts[1:])


def triggers(groups):
    seen = {}
    out = ["    /// Single words that state an action: %d forms in %d groups." % (sum(len(g["forms"]) for g in groups), len(groups)),
           "    static let triggers: [String: Trigger] = {",
           "        var m: [String: Trigger] = [:]",
           "        func add(_ words: [String], _ trigger: Trigger) { for w in words { m[w] = trigger } }"]
    for g in groups:
        if g["action"] not in ACTIONS or g.get("special", "none") not in SPECIALS:
            raise SystemExit("trigger group %s: unknown action or special" % g["name"])
        for w in g["forms"]:
            if w in seen:
                raise SystemExit("%r is in trigger groups %s and %s" % (w, seen[w], g["name"]))
            seen[w] = g["name"]
        args = ["action: .%s" % g["action"]] + ["%s: true" % f for f in FLAGS if g.get(f)]
        if g.get("special", "none") != "none":
            args.append("special: .%s" % g["special"])
        out += [line.replace("///", "//", 1) for line in doc("%s: %s" % (g["name"], g["description"]), g.get("example"), "        ")]
        out.append("        add([")
        out += ["    " + r for r in rows(g["forms"])]
        out.append("        ], Trigger(%s))" % ", ".join(args))
    out += ["        return m", "    }()"]
    return out


def set_block(name, s, sets):
    """The Swift lines of one named word set, with its documentation."""
    out = doc(s["description"], s.get("example"))
    included = s.get("includes", [])
    for other in included:
        if other not in sets:
            raise SystemExit("set %s includes unknown set %s" % (name, other))
    if included:
        base = included[0] + "".join(".union(%s)" % other for other in included[1:])
        out.append("    static let %s: Set<String> = %s.union([" % (swift_name(name), base))
        return out + rows(s["words"]) + ["    ])"]
    out.append("    static let %s: Set<String> = [" % swift_name(name))
    return out + rows(s["words"]) + ["    ]"]


def set_sources(header, sets):
    """The word sets in order, split across as few files as keep each under MAX_LINES:
    [(path, lines)], the first file ClaimLexicon+GeneratedSets.swift, then ...Sets2.swift and on."""
    files, body = [], []
    def close():
        n = len(files) + 1
        path = SETS_OUT % ("" if n == 1 else str(n))
        files.append((path, header + ["// The named word sets (part %d)." % n, "", "extension ClaimLexicon {"] + body + ["}", ""]))
    for name, s in sets.items():
        block = set_block(name, s, sets)
        if body and len(header) + 5 + len(body) + len(block) > MAX_LINES:
            close()
            body = []
        body += block
    close()
    return files


def main():
    with open(DATA, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("format") != FORMAT:
        raise SystemExit("%s: format is %r, not %r" % (DATA, data.get("format"), FORMAT))
    version = data["version"]
    if not isinstance(version, int):
        raise SystemExit("version must be an integer")
    header = ["// Generated by Scripts/build-claim-lexicon.py from Sources/Aggregator/Lexicons/claim-lexicon.json",
              "// (%s, version %d). Do not edit by hand: edit the data file and run the script." % (FORMAT, version),
              ""]
    lines = header + ["// The trigger table, maps and kind sets; the word sets are in ClaimLexicon+GeneratedSets.swift.",
             "",
             "import Gazetteer",
             "",
             "extension ClaimLexicon {",
             "    /// The layout and version of the data file this was generated from.",
             "    static let dataFormat = %s" % literal(FORMAT),
             "    static let dataVersion = %d" % version,
             ""]
    lines += triggers(data["triggers"])
    sets = data["sets"]
    set_files = set_sources(header, sets)
    for name, m in data["maps"].items():
        lines += doc(m["description"], m.get("example"))
        values = m["values"]
        if all(isinstance(v, int) for v in values.values()):
            lines.append("    static let %s: [String: Int] = [" % swift_name(name))
            entries = ['%s: %d' % (literal(k), v) for k, v in values.items()]
        else:
            lines.append("    static let %s: [String: [String]] = [" % swift_name(name))
            entries = ['%s: [%s]' % (literal(k), ", ".join(literal(x) for x in v)) for k, v in values.items()]
        row = []
        for e in entries:
            if row and len(", ".join(row + [e])) > 104:
                lines.append("        " + ", ".join(row) + ",")
                row = []
            row.append(e)
        if row:
            lines.append("        " + ", ".join(row) + ",")
        lines.append("    ]")
    for name, k in data["kindSets"].items():
        lines += doc(k["description"], k.get("example"))
        lines.append("    static let %s: Set<PlaceKind> = [%s]" % (swift_name(name), ", ".join(kind_case(x) for x in k["kinds"])))
    lines += ["",
              "    /// Every generated word set, map and kind set by its name in the data file (for the test that checks them).",
              "    static let generatedSets: [String: Set<String>] = ["]
    lines += ["        %s: %s," % (literal(n), n) for n in sets]
    lines += ["    ]", "    static let generatedNumberMaps: [String: [String: Int]] = ["]
    lines += ["        %s: %s," % (literal(n), n) for n, m in data["maps"].items() if all(isinstance(v, int) for v in m["values"].values())]
    lines += ["    ]", "    static let generatedListMaps: [String: [String: [String]]] = ["]
    lines += ["        %s: %s," % (literal(n), n) for n, m in data["maps"].items() if not all(isinstance(v, int) for v in m["values"].values())]
    lines += ["    ]", "    static let generatedKindSets: [String: Set<PlaceKind>] = ["]
    lines += ["        %s: %s," % (literal(n), n) for n in data["kindSets"]]
    lines += ["    ]", "}", ""]
    for path, text in [(OUT, lines)] + set_files:
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(text))
    for stale in sorted(glob.glob(os.path.join(ROOT, "Sources", "Aggregator", "ClaimLexicon+GeneratedSets*.swift"))):
        if stale not in [path for path, _ in set_files]:
            os.remove(stale)
    print("wrote %s and %s: %d trigger forms in %d groups, %d sets (%d words), %d maps, %d kind sets" % (
        os.path.relpath(OUT, ROOT), ", ".join(os.path.basename(p) for p, _ in set_files), sum(len(g["forms"]) for g in data["triggers"]), len(data["triggers"]), len(sets),
        sum(len(s["words"]) for s in sets.values()), len(data["maps"]), len(data["kindSets"])))


if __name__ == "__main__":
    main()
