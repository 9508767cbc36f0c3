"""Rivers (basemap/rivers.geojson): GSHHG WDB-II's binned netCDF-4 river file, as shipped for
GMT, read with h5py; segments joined back into lines, simplified and rounded."""

import os
import sys

from .common import log
from .simplify import dp_open, rnd

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
    segs, scale = read_segments(src, classes)
    lines = join_segments(segs, scale, tol)
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


def read_segments(src, classes):
    """The segments of the given classes, as (class, [(x, y) in integer units]), and the size of
    a unit in degrees."""
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
    return segs, bsize / 60.0 / M


def join_segments(segs, scale, tol):
    """Lines (class, points) joined where exactly two ends of the same class meet, simplified
    and rounded."""
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
    return lines
