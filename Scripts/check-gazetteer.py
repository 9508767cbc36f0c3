#!/usr/bin/env python3
"""Check the gazetteer files against Gazetteer/FORMAT.md and the project's expectations.

Python 3 standard library only. Exit status 0 when every check passes.

Usage: python3 Scripts/check-gazetteer.py [--gazetteer DIR]
"""

import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# the build's point-in-polygon test (the one implementation of it)
from gazetteer_build.geometry import point_in_poly, point_in_polys  # noqa: E402
from gazetteer_build.relief import check_relief  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

KINDS = {"country", "province", "district", "city", "town", "village", "valley", "pass",
         "mountain_range", "region"}
PLACE_KEYS = ["name", "kind", "parent", "country", "geonames_id", "population", "names", "source"]

failures = []


def fail(msg):
    failures.append(msg)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def check_number(v, where):
    if isinstance(v, float):
        if v != round(v, 5):
            fail("%s: coordinate %r has more than 5 decimals" % (where, v))


def walk_coords(c, where):
    if isinstance(c, list) and c and isinstance(c[0], (int, float)):
        for v in c:
            check_number(v, where)
        if len(c) != 2:
            fail("%s: position with %d values" % (where, len(c)))
        elif not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
            fail("%s: position out of range %r" % (where, c))
    else:
        for x in c:
            walk_coords(x, where)


def read_lines(path):
    """Check the line layout and return the features."""
    rel = os.path.relpath(path, ROOT)
    with open(path, "rb") as f:
        raw = f.read()
    if not raw.endswith(b"\n"):
        fail("%s: does not end with a newline" % rel)
    text = raw.decode("utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines = lines[:-1]
    if lines[0] != '{"type":"FeatureCollection","features":[':
        fail("%s: bad first line" % rel)
    if lines[-1] != "]}":
        fail("%s: bad last line" % rel)
    feats = []
    body = lines[1:-1]
    for i, line in enumerate(body):
        last = i == len(body) - 1
        if last == line.endswith(","):
            fail("%s:%d: trailing comma wrong" % (rel, i + 2))
        s = line[:-1] if line.endswith(",") else line
        try:
            ft = json.loads(s)
        except ValueError as e:
            fail("%s:%d: invalid JSON (%s)" % (rel, i + 2, e))
            continue
        if dumps(ft) != s:
            fail("%s:%d: not in canonical compact form" % (rel, i + 2))
        feats.append(ft)
    try:
        json.loads(text)
    except ValueError as e:
        fail("%s: whole file is not valid JSON (%s)" % (rel, e))
    ids = [f.get("id") for f in feats]
    if ids != sorted(ids, key=lambda s: s.encode("utf-8")):
        fail("%s: features not sorted by id" % rel)
    if len(set(ids)) != len(ids):
        fail("%s: duplicate ids" % rel)
    return feats


def check_places(path, feats, all_ids):
    rel = os.path.relpath(path, ROOT)
    for f in feats:
        fid = f["id"]
        where = "%s %s" % (rel, fid)
        if list(f) != ["type", "id", "geometry", "properties"] or f["type"] != "Feature":
            fail("%s: feature keys %r" % (where, list(f)))
        if not all(c.islower() or c.isdigit() or c in "-/" for c in fid) or not fid.isascii():
            fail("%s: id is not lowercase ASCII slugs" % where)
        g = f["geometry"]
        if g["type"] != "Point":
            fail("%s: geometry %s" % (where, g["type"]))
        walk_coords(g["coordinates"], where)
        p = f["properties"]
        keys = list(p)
        if keys != [k for k in PLACE_KEYS if k in p] or set(keys) - set(PLACE_KEYS):
            fail("%s: property keys %r" % (where, keys))
        # continents and world regions (world name layer) are top-level: no parent, no country
        world_region = p.get("kind") == "region" and "/" not in fid
        for k in ("name", "kind") if world_region else ("name", "kind", "country"):
            if not p.get(k):
                fail("%s: missing %s" % (where, k))
        if p.get("kind") not in KINDS:
            fail("%s: kind %r" % (where, p.get("kind")))
        if world_region:
            if "parent" in p or "country" in p or not p.get("source"):
                fail("%s: a world region has a source and no parent or country" % where)
        elif p.get("kind") != "country":
            if not p.get("parent"):
                fail("%s: no parent" % where)
            elif p["parent"] not in all_ids:
                fail("%s: parent %r does not exist" % (where, p["parent"]))
            elif not fid.startswith(p["parent"] + "/"):
                fail("%s: id does not start with parent %r" % (where, p["parent"]))
        elif "parent" in p:
            fail("%s: country with a parent" % where)
        for n in p.get("names", []):
            if list(n) != [k for k in ("name", "lang", "script") if k in n] or not n.get("name"):
                fail("%s: bad name entry %r" % (where, n))
        seen = [n["name"] for n in p.get("names", [])]
        if len(seen) != len(set(seen)):
            fail("%s: duplicate alternate names" % where)


def polys_of(g):
    if g["type"] == "Polygon":
        return [g["coordinates"]]
    return g["coordinates"]


def inside(x, y, g):
    return point_in_polys(x, y, polys_of(g))


def ea_area(p):
    """Area of a polygon (outer ring minus holes) in the cylindrical equal-area projection
    (x = longitude, y = sin latitude): proportional to its true area."""
    def ring(r):
        q = [(x, math.sin(math.radians(y))) for x, y in r]
        return abs(sum(q[i][0] * q[i + 1][1] - q[i + 1][0] * q[i][1]
                       for i in range(len(q) - 1))) / 2.0
    return ring(p[0]) - sum(ring(h) for h in p[1:])


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def check_bbox(f, where):
    """bbox (RFC 7946) right after id, equal to the extent of the coordinates."""
    if list(f)[:3] != ["type", "id", "bbox"]:
        fail("%s: bbox is not the member after id" % where)
        return
    xs, ys = [], []

    def walk(c):
        if c and isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for x in c:
                walk(x)
    walk(f["geometry"]["coordinates"])
    if not xs or f["bbox"] != [min(xs), min(ys), max(xs), max(ys)]:
        fail("%s: bbox %r is not the extent of the geometry" % (where, f.get("bbox")))


def check_boundaries(path, feats, places):
    rel = os.path.relpath(path, ROOT)
    for f in feats:
        where = "%s %s" % (rel, f["id"])
        if list(f) != ["type", "id", "bbox", "geometry", "properties"]:
            fail("%s: feature keys %r" % (where, list(f)))
        check_bbox(f, where)
        g = f["geometry"]
        if g["type"] not in ("Polygon", "MultiPolygon"):
            fail("%s: geometry %s" % (where, g["type"]))
            continue
        walk_coords(g["coordinates"], where)
        if list(f["properties"]) != ["name", "kind"]:
            fail("%s: properties %r" % (where, list(f["properties"])))
        for p in polys_of(g):
            for r in p:
                if len(r) < 4 or r[0] != r[-1]:
                    fail("%s: ring not closed or too short" % where)
        pl = places.get(f["id"])
        if pl is None:
            fail("%s: no place with this id" % where)
            continue
        x, y = pl["geometry"]["coordinates"]
        if not inside(x, y, g):
            fail("%s: the place's point is not inside its polygon" % where)
        elif "of its largest part" in pl["properties"].get("source", ""):
            lp = max(polys_of(g), key=ea_area)
            if not point_in_poly(x, y, lp):
                fail("%s: the point is not inside the largest part, as its source says" % where)


def ring_area(r):
    return sum(r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1] for i in range(len(r) - 1)) / 2.0


def area(g):
    return sum(abs(ring_area(p[0])) - sum(abs(ring_area(h)) for h in p[1:]) for p in polys_of(g))


def edges(g):
    return {(tuple(r[i]), tuple(r[i + 1])) for p in polys_of(g) for r in p
            for i in range(len(r) - 1)}


def check_af_outlines(af, bounds):
    """Province and country outlines are dissolved from the districts: each district's point
    lies in its province's outline, each province's area is its districts' within 0.5%, and
    neighbouring outlines meet (an outline edge is a district edge, and an edge that is not on
    the country's outline is used backwards by the neighbouring province)."""
    provs = sorted(f["id"] for f in af if f["properties"]["kind"] == "province")
    dists = [f for f in af if f["properties"]["kind"] == "district"]
    if any(p not in bounds for p in provs + ["af"]):
        fail("boundaries/afghanistan.geojson lacks provinces or the country")
        return
    dedges = set()
    darea = {}
    for d in dists:
        b = bounds.get(d["id"])
        if b is None:
            continue
        par = d["properties"]["parent"]
        x, y = d["geometry"]["coordinates"]
        if not inside(x, y, bounds[par]["geometry"]):
            fail("district %s's point is not inside its province's outline" % d["id"])
        dedges |= edges(b["geometry"])
        darea[par] = darea.get(par, 0.0) + area(b["geometry"])
    country = edges(bounds["af"]["geometry"])
    pedges = {}
    for p in provs:
        a, da = area(bounds[p]["geometry"]), darea.get(p, 0.0)
        if abs(a - da) > 0.005 * da:
            fail("%s: area %.5f, its districts %.5f (more than 0.5%% apart)" % (p, a, da))
        pedges[p] = edges(bounds[p]["geometry"])
    owner = {}
    for p, es in pedges.items():
        for e in es:
            owner[e] = p
    loose = other = 0
    for p, es in sorted(pedges.items()):
        for a, b in es:
            if (a, b) not in dedges and (b, a) not in dedges and (a, b) not in country:
                other += 1
            if (a, b) not in country and owner.get((b, a), p) == p:
                loose += 1
    if other:
        fail("%d province outline edges are neither district edges nor on the country outline"
             % other)
    if loose:
        fail("%d province outline edges inside the country have no neighbour on the other side"
             % loose)
    ca = area(bounds["af"]["geometry"])
    pa = sum(area(bounds[p]["geometry"]) for p in provs)
    if abs(ca - pa) > 1e-6 * ca:
        fail("the provinces' areas (%.5f) do not add up to the country's (%.5f)" % (pa, ca))


def check_rivers(path, feats):
    rel = os.path.relpath(path, ROOT)
    classes = {}
    for f in feats:
        where = "%s %s" % (rel, f.get("id"))
        if list(f) != ["type", "id", "bbox", "geometry", "properties"] or f["type"] != "Feature":
            fail("%s: feature keys %r" % (where, list(f)))
            continue
        c = f["properties"].get("class")
        if list(f["properties"]) != ["class"] or c not in (1, 2, 3):
            fail("%s: properties %r" % (where, f["properties"]))
        elif not f["id"].startswith("r%d/" % c):
            fail("%s: id does not start with r%d/" % (where, c))
        g = f["geometry"]
        if g["type"] != "LineString" or len(g["coordinates"]) < 2:
            fail("%s: geometry %s with %d positions" % (where, g["type"], len(g["coordinates"])))
            continue
        walk_coords(g["coordinates"], where)
        if any(a == b for a, b in zip(g["coordinates"], g["coordinates"][1:])):
            fail("%s: repeated position" % where)
        check_bbox(f, where)
        classes[c] = classes.get(c, 0) + 1
    if not classes.get(1) or not classes.get(2):
        fail("%s: classes %r" % (rel, classes))


def check_water(path, feats, all_ids, lakes_path, lakes):
    """water.geojson: kinds lake and sea; a lake in one country hangs under it (id cc/slug), one
    on a border and every sea stand at the top with no country; every named lake's point lies
    inside its outline in basemap/lakes.geojson, which names it back; only full names."""
    rel = os.path.relpath(path, ROOT)
    outline = {}
    lrel = os.path.relpath(lakes_path, ROOT)
    for n, f in enumerate(lakes, 1):
        where = "%s %s" % (lrel, f.get("id"))
        if list(f) != ["type", "id", "bbox", "geometry", "properties"] or f["type"] != "Feature":
            fail("%s: feature keys %r" % (where, list(f)))
            continue
        if f["id"] != "l/%05d" % n:
            fail("%s: id is not l/%05d" % (where, n))
        if f["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            fail("%s: geometry %s" % (where, f["geometry"]["type"]))
            continue
        walk_coords(f["geometry"]["coordinates"], where)
        check_bbox(f, where)
        props = f["properties"]
        if props and list(props) != ["place"]:
            fail("%s: properties %r" % (where, props))
        elif props:
            outline[props["place"]] = f["geometry"]
    kinds = {}
    for f in feats:
        fid = f["id"]
        where = "%s %s" % (rel, fid)
        if list(f) != ["type", "id", "geometry", "properties"] or f["geometry"]["type"] != "Point":
            fail("%s: not a Point feature" % where)
            continue
        walk_coords(f["geometry"]["coordinates"], where)
        p = f["properties"]
        if list(p) != [k for k in PLACE_KEYS if k in p] or not p.get("name") or not p.get("source"):
            fail("%s: property keys %r (name and source required)" % (where, list(p)))
        k = p.get("kind")
        kinds[k] = kinds.get(k, 0) + 1
        if k not in ("lake", "sea"):
            fail("%s: kind %r" % (where, k))
        if "/" in fid:
            if k != "lake" or p.get("parent") not in all_ids or fid != "%s/%s" % (
                    p.get("parent"), fid.split("/")[-1]) or p.get("country", "").lower() != p["parent"]:
                fail("%s: a lake under a country needs that country as parent and country" % where)
        elif "parent" in p or "country" in p or len(fid) < 3 or fid in all_ids:
            fail("%s: a top-level water id has no parent or country, and is not another place's" % where)
        if k == "lake":
            x, y = f["geometry"]["coordinates"]
            if fid not in outline:
                fail("%s: no outline in %s names it" % (where, lrel))
            elif not inside(x, y, outline[fid]):
                fail("%s: point outside its lake outline" % where)
        first = {"lake": ("Lake",), "sea": ()}.get(k, ())
        for nm in names_of(f):
            if " " not in nm and "-" not in nm and nm not in ("Bosphorus", "Bosporus", "Dardanelles", "Bodensee"):
                fail("%s: %r is a bare word" % (where, nm))
            if any(nm == w for w in first):
                fail("%s: %r alone" % (where, nm))
    for must in ("lake-kivu", "black-sea", "red-sea", "sea-of-azov", "ua/kakhovka-reservoir"):
        if must not in {f["id"] for f in feats}:
            fail("%s: %s missing" % (rel, must))
    if not (kinds.get("lake", 0) >= 50 and kinds.get("sea", 0) >= 40):
        fail("%s: kinds %r" % (rel, kinds))


def names_of(f):
    p = f["properties"]
    return {p["name"]} | {n["name"] for n in p.get("names", [])}


def check_afghanistan(af, feats, by_id):
    """The Afghan expectations: 34 provinces with one capital each inside, the dissolved
    outlines, the Panjshir districts, the report spellings, the curated features, Fayzabad."""
    provs = [f for f in af if f["properties"]["kind"] == "province"]
    if len(provs) != 34:
        fail("afghanistan.geojson has %d provinces, not 34" % len(provs))
    bounds = {f["id"]: f for f in feats.get("baf", [])}
    for pv in provs:
        caps = [f for f in af if f["id"].startswith(pv["id"] + "/")
                and f["properties"]["kind"] == "city"
                and f["properties"].get("source", "").endswith(("(PPLA)", "(PPLC)"))]
        if len(caps) != 1:
            fail("province %s has %d capitals (PPLA/PPLC) under it" % (pv["id"], len(caps)))
            continue
        x, y = caps[0]["geometry"]["coordinates"]
        if pv["id"] not in bounds or not inside(x, y, bounds[pv["id"]]["geometry"]):
            fail("capital %s is not inside province %s" % (caps[0]["id"], pv["id"]))
    check_af_outlines(af, bounds)
    want = {"Bazarak", "Dara", "Khenj", "Paryan", "Rukha", "Shutul", "Unaba"}
    got = {f["properties"]["name"] for f in af if f["properties"]["kind"] == "district"
           and f["properties"].get("parent") == "af/panjshir"}
    if got != want:
        fail("Panjshir districts: %r" % sorted(got))
    spellings = {
        "af/panjshir/shutul": ["Shatal", "Shotul", "Shutul"],
        "af/parwan/charikar/charikar": ["Charika", "Charikar", "Chārīkār"],
        "af/panjshir/unaba": ["Anaba", "Unaba", "Unabah", "’Unābah"],
        "af/panjshir/khenj": ["Khenj", "Khinj"],
        "af/panjshir": ["Panjsher", "Panjshir", "Panjshayr"],
        "af/baghlan/pul-e-khumri/pul-e-khumri": ["Pul-e-Khumri", "Pul i Khumri", "Pol-e Khomri"],
        "af/panjshir/bazarak": ["Bazarak"], "af/panjshir/dara": ["Dara"],
        "af/panjshir/paryan": ["Paryan"], "af/panjshir/rukha": ["Rukha"],
        "af/panjshir/panjshir-valley": ["Panjshir Valley", "Panjsher Valley", "Panjshayr Valley",
                                        "Dara-ye Panjshir", "Panjshir", "Panjsher", "Panjshayr",
                                        "دره پنجشیر"],
    }
    for fid, ns in spellings.items():
        f = by_id.get(fid)
        if f is None:
            fail("missing %s" % fid)
            continue
        missing = [n for n in ns if n not in names_of(f)]
        if missing:
            fail("%s lacks names %r" % (fid, missing))
    for fid, kind in [("af/panjshir/panjshir-valley", "valley"),
                      ("af/baghlan/andarab-valley", "valley"), ("af/parwan/salang-pass", "pass"),
                      ("af/panjshir/khawak-pass", "pass"), ("af/hindu-kush", "mountain_range"),
                      ("af/panjshir/dara/malimah", "region")]:
        if fid not in by_id or by_id[fid]["properties"]["kind"] != kind:
            fail("curated %s (%s) missing" % (fid, kind))
    gul = [f for f in af if f["properties"]["name"] == "Gulbahar"]
    if len(gul) != 1:
        fail("Gulbahar: %d features" % len(gul))
    mal, dara = by_id.get("af/panjshir/dara/malimah"), by_id.get("af/panjshir/dara")
    if mal and dara and mal["geometry"] != dara["geometry"]:
        fail("Malimah's point is no longer Dara district's interior point: update the curated "
             "file")
    fz = [f for f in af if f["properties"]["name"] in ("Fayzabad", "Faizabad")
          and f["properties"]["kind"] in ("city", "town", "village")]
    if len({f["properties"].get("geonames_id") for f in fz}) != len(fz) or len(fz) < 3:
        fail("Fayzabad places: %r" % [f["id"] for f in fz])
    for f in feats.get("curated", []):
        if not f["properties"].get("source"):
            fail("curated %s has no source" % f["id"])


def check_world(world, feats, by_id, all_places):
    """The world expectations: conflict places resolve, area points, the world name layer,
    the size of the gazetteer."""
    for n in ["Kherson", "Khartoum", "Mariupol", "Bakhmut", "El Fasher", "Gaza",
              "Khan Younis", "Goma"]:
        hits = [f["id"] for f in world if n in names_of(f)]
        if not hits:
            fail("world: %r does not resolve" % n)
    # an area's point is a representative point, not the middle of its outline: the United
    # States' used to fall in Montana, 1,317 km from GeoNames' point (39.76, -98.5)
    us = by_id.get("us")
    if us:
        x, y = us["geometry"]["coordinates"]
        if km(y, x, 39.76, -98.5) > 161:
            fail("the United States' point %r is %.0f km from GeoNames' 39.76, -98.5"
                 % ((y, x), km(y, x, 39.76, -98.5)))
    # the world name layer: names as English-language reporting writes them
    for fid, ns in [("us", ["US", "USA", "U.S.A."]), ("gb", ["UK", "U.K.", "Britain"]),
                    ("ae", ["UAE"]), ("cd", ["DRC", "Democratic Republic of Congo"]),
                    ("us/virginia", ["Va."]), ("ca/british-columbia", ["B.C."])]:
        f = by_id.get(fid)
        if f is None or [n for n in ns if n not in names_of(f)]:
            fail("world name layer: %s lacks %r" % (fid, ns))
    if by_id.get("ps", {}).get("properties", {}).get("name") != "Palestine":
        fail("world name layer: ps is not named Palestine")
    if "Africa" in names_of(by_id.get("tn/mahdia/mahdia", {"properties": {"name": ""}})):
        fail("world name layer: Mahdia is still called Africa")
    for fid in ["africa", "asia", "europe", "north-america", "south-america", "oceania"]:
        if by_id.get(fid, {}).get("properties", {}).get("kind") != "region":
            fail("world name layer: continent %s missing" % fid)
    for f in feats.get("curated-world", []):
        if not f["properties"].get("source") or not f["properties"].get("members"):
            fail("curated world %s has no source or no members" % f["id"])
        elif f["id"] not in by_id:
            fail("curated world %s not built" % f["id"])
    for f in feats.get("aliases-world", []):
        if f["id"] not in by_id:
            fail("world alias %s: no such place" % f["id"])
    nplaces = len(all_places)
    nnames = sum(len(f["properties"].get("names", [])) + 1 for f in all_places)
    if nplaces < 50000:
        fail("only %d places" % nplaces)
    if nnames < 300000:
        fail("only %d names" % nnames)


def report(files, feats, all_places):
    """Prints the figures and the failures; exits 1 if any check failed."""
    kinds = {}
    for f in all_places:
        k = f["properties"]["kind"]
        kinds[k] = kinds.get(k, 0) + 1
    nalt = sum(len(f["properties"].get("names", [])) for f in all_places)
    print("places: %d (%s)" % (len(all_places), ", ".join("%s %d" % kv for kv in
                                                          sorted(kinds.items()))))
    print("names: %d primary + %d alternate = %d" % (len(all_places), nalt,
                                                      len(all_places) + nalt))
    for k, p in files.items():
        if os.path.exists(p):
            print("%-55s %10d bytes  %6d features" % (os.path.relpath(p, ROOT), os.path.getsize(p),
                                                      len(feats.get(k, []))))
    if failures:
        for m in failures[:200]:
            print("FAIL", m)
        print("%d passed, %d failed" % (0, len(failures)))
        sys.exit(1)
    print("all gazetteer checks passed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gazetteer", default=os.path.join(ROOT, "Gazetteer"))
    args = ap.parse_args()
    G = args.gazetteer
    files = {
        "af": os.path.join(G, "afghanistan.geojson"),
        "world": os.path.join(G, "world.geojson"),
        "baf": os.path.join(G, "boundaries/afghanistan.geojson"),
        "bworld": os.path.join(G, "boundaries/world.geojson"),
        "curated": os.path.join(G, "sources/curated-afghanistan.geojson"),
        "aliases": os.path.join(G, "sources/aliases-afghanistan.geojson"),
        "curated-world": os.path.join(G, "sources/curated-world.geojson"),
        "aliases-world": os.path.join(G, "sources/aliases-world.geojson"),
        "rivers": os.path.join(G, "basemap/rivers.geojson"),
        "water": os.path.join(G, "water.geojson"),
        "lakes": os.path.join(G, "basemap/lakes.geojson"),
    }
    feats = {k: read_lines(p) for k, p in files.items() if os.path.exists(p)}
    for k in ("af", "baf"):
        if k not in feats:
            fail("missing %s" % files[k])
    af = feats.get("af", [])
    world = feats.get("world", [])
    all_places = af + world
    all_ids = {f["id"] for f in all_places}
    if len(all_ids) != len(all_places):
        fail("ids repeat across afghanistan.geojson and world.geojson")
    check_places(files["af"], af, all_ids)
    if world:
        check_places(files["world"], world, all_ids)
        if any(f["properties"].get("country") == "AF" for f in world):
            fail("world.geojson has Afghan places")
    by_id = {f["id"]: f for f in all_places}
    check_boundaries(files["baf"], feats.get("baf", []), by_id)
    if "bworld" in feats:
        check_boundaries(files["bworld"], feats["bworld"], by_id)
    if "rivers" in feats:
        check_rivers(files["rivers"], feats["rivers"])
    if "water" in feats:
        check_water(files["water"], feats["water"], all_ids, files["lakes"], feats.get("lakes", []))
        all_places = all_places + feats["water"]
    if os.path.exists(os.path.join(G, "basemap/relief.bin")):
        failures.extend(check_relief(os.path.join(G, "basemap/relief.bin")))
    check_afghanistan(af, feats, by_id)
    if world:
        check_world(world, feats, by_id, all_places)
    report(files, feats, all_places)


if __name__ == "__main__":
    main()
