"""GeoJSON output: boundary and place features, the canonical one-feature-a-line collection
writer (Gazetteer/FORMAT.md) and its reader."""

import json
import os

from .common import ROOT, log
from .simplify import rnd


def geojson_geom(ps):
    def ring(r):
        return [[x, y] for x, y in r]
    if len(ps) == 1:
        return {"type": "Polygon", "coordinates": [ring(r) for r in ps[0]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in ps]}


def geom_bbox(ps):
    """RFC 7946 bbox [west, south, east, north] of a (rounded) multipolygon."""
    xs = [x for p in ps for r in p for x, _ in r]
    ys = [y for p in ps for r in p for _, y in r]
    return [rnd(min(xs)), rnd(min(ys)), rnd(max(xs)), rnd(max(ys))]


def boundary_feature(fid, ps, name, kind):
    """A boundary feature: id, bbox (so a reader can skip it from the first bytes of its line),
    geometry, properties."""
    return {"type": "Feature", "id": fid, "bbox": geom_bbox(ps), "geometry": geojson_geom(ps),
            "properties": {"name": name, "kind": kind}}


PROP_ORDER = ["name", "kind", "parent", "country", "geonames_id", "population", "names", "source"]


def place_feature(fid, lon, lat, props):
    p = {}
    for k in PROP_ORDER:
        v = props.get(k)
        if v is None or v == [] or v == "":
            continue
        p[k] = v
    return {"type": "Feature", "id": fid,
            "geometry": {"type": "Point", "coordinates": [rnd(lon), rnd(lat)]},
            "properties": p}


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write_collection(path, features):
    features = sorted(features, key=lambda f: f["id"].encode("utf-8"))
    ids = [f["id"] for f in features]
    dup = [a for a, b in zip(ids, ids[1:]) if a == b]
    if dup:
        raise SystemExit("duplicate ids in %s: %s" % (path, dup[:10]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, ft in enumerate(features):
            f.write(dumps(ft))
            f.write(",\n" if i < len(features) - 1 else "\n")
        f.write("]}\n")
    os.replace(tmp, path)
    log("wrote %s (%d features, %d bytes)" % (os.path.relpath(path, ROOT), len(features),
                                              os.path.getsize(path)))


def read_collection(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["features"]
