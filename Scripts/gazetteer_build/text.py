"""Names: ASCII folding, slugs, comparison keys, scripts, the alternate-name list (Names), and
name helpers (similarity, "District"/"Province" stripping, ezafe spellings)."""

import difflib
import re
import unicodedata


APOS = "'’‘ʻʼ`´ʹʾʿ\u02bb\u02bc\u2019\u2018"


def fold(s):
    """ASCII-fold: strip diacritics and apostrophes, keep case and punctuation."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    for a in APOS:
        s = s.replace(a, "")
    repl = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d",
            "Đ": "D", "ð": "d", "þ": "th", "ı": "i", "œ": "oe", "Œ": "OE", "ŀ": "l", "ħ": "h",
            "‐": "-", "–": "-", "—": "-"}
    s = "".join(repl.get(ch, ch) for ch in s)
    return s


def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def slugify(s):
    s = fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def norm_key(s):
    """Loose comparison key: folded, lowercase, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", fold(s).lower())


SCRIPT_PREFIX = [
    ("ARABIC", "Arab"), ("CYRILLIC", "Cyrl"), ("GREEK", "Grek"), ("HEBREW", "Hebr"),
    ("DEVANAGARI", "Deva"), ("BENGALI", "Beng"), ("GURMUKHI", "Guru"), ("GUJARATI", "Gujr"),
    ("ORIYA", "Orya"), ("TAMIL", "Taml"), ("TELUGU", "Telu"), ("KANNADA", "Knda"),
    ("MALAYALAM", "Mlym"), ("SINHALA", "Sinh"), ("THAI", "Thai"), ("LAO", "Laoo"),
    ("TIBETAN", "Tibt"), ("MYANMAR", "Mymr"), ("GEORGIAN", "Geor"), ("ARMENIAN", "Armn"),
    ("ETHIOPIC", "Ethi"), ("HANGUL", "Hang"), ("HIRAGANA", "Jpan"), ("KATAKANA", "Jpan"),
    ("CJK", "Hani"), ("KHMER", "Khmr"), ("MONGOLIAN", "Mong"), ("THAANA", "Thaa"),
    ("SYRIAC", "Syrc"), ("TIFINAGH", "Tfng"), ("CHEROKEE", "Cher"), ("CANADIAN", "Cans"),
    ("NKO", "Nkoo"), ("OL CHIKI", "Olck"), ("BOPOMOFO", "Bopo"), ("YI ", "Yiii"),
    ("LATIN", "Latn"),
]

_script_cache = {}


def char_script(ch):
    s = _script_cache.get(ch)
    if s is None:
        try:
            nm = unicodedata.name(ch)
        except ValueError:
            nm = ""
        s = ""
        for pre, code in SCRIPT_PREFIX:
            if nm.startswith(pre):
                s = code
                break
        _script_cache[ch] = s
    return s


def script_of(name):
    """ISO 15924 script of a name (majority of its letters); Jpan wins over Hani when kana appear."""
    counts = {}
    for ch in name:
        if ch.isalpha():
            s = char_script(ch)
            if s:
                counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    if "Jpan" in counts and "Hani" in counts:
        counts["Jpan"] += counts.pop("Hani")
    return max(sorted(counts), key=lambda k: counts[k])


PASHTO_LETTERS = set("ټځڅډړږښګڼېۍ")


def tag_name(name, country=None):
    """(lang, script) for a name whose language the source does not give."""
    sc = script_of(name)
    if sc is None or sc == "Latn":
        return None, None
    if sc == "Arab" and country in ("AF", "PK") and any(ch in PASHTO_LETTERS for ch in name):
        return "ps", None
    return None, sc


CODE_RE = re.compile(r"^[A-Z0-9]{2,4}$")


def clean_text(s):
    s = s.replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "")
    s = re.sub(r"\s+", " ", s).strip()
    return s


class Names:
    """Ordered alternate-name list without duplicates (exact string)."""

    def __init__(self, primary, country=None):
        self.primary = primary
        self.country = country
        self.items = {}

    def add(self, name, lang=None, script=None, allow_codes=False):
        if name is None:
            return
        name = clean_text(name)
        if not name or name == self.primary:
            return
        if not allow_codes and CODE_RE.match(name):
            return  # IATA/ICAO-style codes: not names, and they collide with acronyms in text
        if len(name) > 120:
            return
        if lang is None and script is None:
            lang, script = tag_name(name, self.country)
        cur = self.items.get(name)
        if cur is None:
            self.items[name] = (lang, script)
        elif cur[0] is None and lang is not None:
            self.items[name] = (lang, script)

    def add_all(self, names, **kw):
        for n in names:
            self.add(n, **kw)

    def out(self):
        res = []
        for n, (lang, script) in self.items.items():
            d = {"name": n}
            if lang:
                d["lang"] = lang
            if script:
                d["script"] = script
            res.append(d)
        return res

    def __len__(self):
        return len(self.items)


def similarity(a, b):
    a, b = norm_key(a), norm_key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def bare(name):
    """Name without 'District'/'Province'/'Wilayat-e' etc. (or None if nothing to strip)."""
    s = name
    s = re.sub(r"^(Wilayat-e|Velayat-e|Welayat-e|Provincia de|Province of|Província de)\s+", "",
               s, flags=re.I)
    s = re.sub(r"\s+(District|Province|viloyati|tumani|welaýaty|Region|Oblast)$", "", s,
               flags=re.I)
    for w in ("ولایت ", "ولايت ", "ولسوالی ", "ولسوالۍ ", "وُلُسوالی ", "د "):
        if s.startswith(w):
            s = s[len(w):]
    for w in (" ولایت", " ولايت", " ولسوالی", " ولسوالۍ"):
        if s.endswith(w):
            s = s[: -len(w)]
    s = s.strip()
    return s if s and s != name else None


def ezafe_variants(name):
    """Transliteration variants of Dari/Pashto names analysts meet: ezafe spelled -e-, -e , -i-,
    i, -ye (Pul-e Khumri / Pul-e-Khumri / Pul-i-Khumri / Pul i Khumri / Puli Khumri)."""
    out = []
    m = re.match(r"^(\w+?)(-e-|-e |-i-|-i |-ye |-ye-| i | e | y )(\w.*)$", name)
    if m:
        a, c = m.group(1), m.group(3)
        for sep in ("-e ", "-e-", "-i-", " i ", "-i "):
            out.append(a + sep + c)
        out.append(a + "i " + c)
        out.append(a + "-" + c)
    return [v for v in out if v != name]
