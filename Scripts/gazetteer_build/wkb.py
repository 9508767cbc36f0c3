"""Geometry parsing: GeoPackage geometry blobs (GP header + WKB) and plain WKB."""

import struct


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
