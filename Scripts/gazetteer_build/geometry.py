"""Plane geometry on (lon, lat) rings: areas, centroids, the one point-in-polygon test of the
project (also used by Scripts/check-gazetteer.py), distances, polylabel, interior points and a
grid index for point-in-polygon look-ups.

A polygon is a list of rings (outer ring first, then holes); a ring is a list of (x, y)."""

import heapq
import math


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
    """Whether (x, y) is inside ring r (crossing-number test, the ring closed or not). The only
    point-in-polygon test of the build and of Scripts/check-gazetteer.py: point_in_poly,
    point_in_polys, signed_dist and GridIndex all use it."""
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
    """Inside the outer ring and in no hole."""
    if not point_in_ring(x, y, p[0]):
        return False
    for h in p[1:]:
        if point_in_ring(x, y, h):
            return False
    return True


def point_in_polys(x, y, ps):
    """Inside any polygon of the multipolygon ps."""
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
    """Distance from (x, y) to polygon outline; positive inside (inside an odd number of p's
    rings), negative outside."""
    inside = False
    for r in p:
        if point_in_ring(x, y, r):
            inside = not inside
    best = float("inf")
    for r in p:
        n = len(r)
        j = n - 1
        for i in range(n):
            ax, ay = r[i]
            bx, by = r[j]
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
