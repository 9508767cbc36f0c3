"""Noding of the Afghan districts' rings on a 1e-7 degree grid: a vertex where borders cross
or touch, near vertices merged, so that shared borders have shared vertices (for topology.py)."""

from .geometry import ring_area, seg_dist2


SNAP_GRID = 10 ** 7  # vertices are snapped to 1e-7 degree so that shared vertices coincide


def snap_ring(r, outer):
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
