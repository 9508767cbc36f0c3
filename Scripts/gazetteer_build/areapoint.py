"""Representative points of areas (countries and admin-1 regions), on an equal-area basis."""

import math

from .geometry import centroid, point_in_poly, point_in_polys, polylabel, ring_centroid_terms


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


def wrap_lon(x):
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
    return (wrap_lon(x), math.degrees(math.asin(max(-1.0, min(1.0, y)))))


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
    return (wrap_lon(x / k), y)


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
