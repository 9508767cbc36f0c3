"""Douglas-Peucker simplification, 5-decimal rounding and cleaning of multipolygons."""

from .geometry import largest_poly, ring_area, seg_dist2


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
