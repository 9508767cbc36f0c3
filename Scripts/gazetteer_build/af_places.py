"""Afghanistan, step 4: the 319 GeoNames populated places, each under the district containing it
(else the province), with their alternate names and ezafe spellings; districts borrow the
Arabic-script names of their same-named centre."""

from .common import kind_for, log, unique_ids
from .geojson import place_feature
from .geometry import point_in_polys
from .text import Names, ezafe_variants, fold, is_ascii, script_of, similarity, slugify


def place_rows(af_places, allc, didx, dist_by_sid, provinces, pid, dists):
    """The places with their parent, kind, primary name and id (ids never clash with a
    district's)."""
    log("Afghanistan: places")
    pl_items = []
    for v in af_places:
        ac = allc.get(v["geonameid"], {})
        code = ac.get("feature_code")
        x, y = v["longitude"], v["latitude"]
        sid = didx.find(x, y)
        if sid:
            parent = dist_by_sid[sid]["id"]
        else:
            pc = None
            for c, p in sorted(provinces.items()):
                if point_in_polys(x, y, p["polys"]):
                    pc = c
                    break
            parent = pid[pc] if pc else "af"
        is_cap = code in ("PPLA", "PPLC")
        pop = v.get("population") or 0
        kind = kind_for(pop, code)
        primary = fold(v["name"])
        v2 = dict(v, parent=parent, kind=kind, primary=primary, fcode=code, is_cap=is_cap)
        pl_items.append((parent, slugify(primary) or "gn%d" % v["geonameid"],
                         (v["geonameid"],), v2))
    # ids must not clash with district ids under the same province
    taken = {r["id"] for r in dists}
    pids = unique_ids(pl_items, None)
    place_rows = []
    for it in pl_items:
        v = it[3]
        fid = pids[id(v)]
        k = 2
        while fid in taken:
            fid = "%s/%s-%d" % (it[0], it[1], k)
            k += 1
        taken.add(fid)
        v["id"] = fid
        place_rows.append(v)
    return place_rows


def place_names(place_rows, allc):
    """Each place's names (v["names"])."""
    for v in place_rows:
        nm = Names(v["primary"], "AF")
        nm.add(v["name"])
        ac = allc.get(v["geonameid"])
        if ac:
            nm.add(ac.get("asciiname"))
        for a in v.get("alternatenames", []):
            nm.add(a)
        if ac:
            for a in ac.get("alternatenames", []):
                nm.add(a)
        for a in list(nm.items) + [v["primary"]]:
            if is_ascii(a) and a[:1].isupper():
                for var in ezafe_variants(a):
                    nm.add(var)
        # folded forms of Latin names with diacritics
        for a in list(nm.items):
            if script_of(a) == "Latn" and not is_ascii(a):
                nm.add(fold(a))
        v["names"] = nm


def borrow_arabic_names(dists, dist_names, place_rows):
    """Districts are mostly named after their centre: a district gets the Arabic-script (Dari /
    Pashto) names of the same-named GeoNames place inside it, when the sources have none."""
    by_parent = {}
    for v in place_rows:
        by_parent.setdefault(v["parent"], []).append(v)
    n_borrowed = 0
    for r in dists:
        nm = dist_names[r["shape_id"]]
        if any(script_of(n) == "Arab" for n in nm.items):
            continue
        latin = [nm.primary] + [n for n in nm.items if script_of(n) == "Latn"]
        cands = sorted(by_parent.get(r["id"], []),
                       key=lambda v: (-(v.get("population") or 0), v["geonameid"]))
        for v in cands:
            if max(similarity(v["primary"], n) for n in latin) >= 0.85:
                arab = [n for n in v["names"].items if script_of(n) == "Arab"]
                for n in arab:
                    lang, script = v["names"].items[n]
                    nm.add(n, lang=lang, script=script)
                if arab:
                    n_borrowed += 1
                break
    log("  %d districts got Arabic-script names from their same-named centre" % n_borrowed)


def add_ezafe_variants(names):
    """Ezafe spellings of the names in each Names of `names`."""
    for nm in names:
        for a in list(nm.items) + [nm.primary]:
            if is_ascii(a) and a[:1].isupper():
                for var in ezafe_variants(a):
                    nm.add(var)


def place_features(place_rows, features):
    """Appends the places' features."""
    for v in place_rows:
        nm = v["names"]
        features.append(place_feature(v["id"], v["longitude"], v["latitude"], {
            "name": v["primary"], "kind": v["kind"], "parent": v["parent"], "country": "AF",
            "geonames_id": v["geonameid"], "population": v.get("population") or None,
            "names": nm.out(), "source": "GeoNames %d%s" % (
                v["geonameid"], " (%s)" % v["fcode"] if v["fcode"] else "")}))

