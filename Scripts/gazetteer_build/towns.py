"""Base map, towns for orientation: every city and town of the built place files (kind city or
town: 5,000 people or more, or a capital) and, in each one-degree cell with fewer than
PER_CELL of them, its largest villages up to that number (so that sparse country such as Darfur
still has places to name); one point a line with its `bbox`, so that the renderer reads only those
near a map. They are drawn, in grey, only when the reports do not name them:
they tell a reader where a one-town map is.

Derived from Gazetteer/world.geojson and Gazetteer/afghanistan.geojson, written to
Gazetteer/basemap/towns.geojson, most populous first (a reader can stop early), ties by id.
"""

import json
import os

from .common import log

KINDS = ("city", "town")
PER_CELL = 4


def read_towns(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith('{"type":"Feature"'):
                continue
            feat = json.loads(line.rstrip().rstrip(","))
            props = feat["properties"]
            if props.get("kind") not in KINDS + ("village",) or feat["geometry"]["type"] != "Point":
                continue
            lon, lat = feat["geometry"]["coordinates"][:2]
            out.append((feat["id"], props["name"], props["kind"], props.get("population") or 0, lon, lat))
    return out


def with_villages_where_sparse(places):
    """The cities and towns, and in each one-degree cell with fewer than PER_CELL of them its most
    populous villages (ties by id) up to PER_CELL."""
    cells = {}
    for t in places:
        cells.setdefault((int(t[5] // 1), int(t[4] // 1)), []).append(t)
    out = []
    for cell in sorted(cells):
        members = cells[cell]
        towns = [t for t in members if t[2] in KINDS]
        villages = sorted((t for t in members if t[2] == "village"), key=lambda t: (-t[3], t[0]))
        out.extend(towns)
        out.extend(villages[:max(0, PER_CELL - len(towns))])
    return out


def write_towns(out_dir):
    towns = []
    for name in ("afghanistan.geojson", "world.geojson"):
        towns.extend(read_towns(os.path.join(out_dir, name)))
    towns = with_villages_where_sparse(towns)
    towns.sort(key=lambda t: (-t[3], t[0]))
    path = os.path.join(out_dir, "basemap", "towns.geojson")
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, (pid, name, kind, pop, lon, lat) in enumerate(towns):
            props = {"name": name, "kind": kind}
            if pop:
                props["population"] = pop
            feat = ('{"type":"Feature","id":%s,"bbox":[%s,%s,%s,%s],"geometry":{"type":"Point","coordinates":[%s,%s]},'
                    '"properties":%s}' % (json.dumps(pid, ensure_ascii=False), lon, lat, lon, lat, lon, lat,
                                          json.dumps(props, ensure_ascii=False, separators=(",", ":"))))
            f.write(feat + ("," if i < len(towns) - 1 else "") + "\n")
        f.write("]}\n")
    os.replace(tmp, path)
    log("towns: %d cities and towns written to %s" % (len(towns), path))
