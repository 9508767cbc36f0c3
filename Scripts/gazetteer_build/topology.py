"""The shared-arc topology of a set of faces that tile an area (the Afghan districts), from
which district, province and country outlines are built so that neighbours meet."""

import math

from .geometry import GridIndex, point_in_ring, polylabel, ring_area
from .noding import SNAP_GRID, snap_ring
from .simplify import dp_open, round_ring, simplify_ring


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
                    q = snap_ring(r, ri == 0)
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
