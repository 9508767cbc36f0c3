#!/usr/bin/env python3
"""Draws the Panjshir example map with matplotlib, for comparison with `conflictmap render`.

It reads what conflictmap's own pipeline produced (the analysis JSON) and the same outline files,
and draws the same content: land, international borders, province and district outlines in view,
area shading for province-level places, markers sized by independent sources, labels with halos,
title, legend, scale bar and attribution, as a 1600×1200 PNG.

    python3 Benchmarks/matplotlib_map.py ANALYSIS.json OUT.png

The stricter comparison leaves out reading the outline files: `--extract` writes the outlines in
view (with their kinds) to a small JSON file once, untimed, and `--outlines` draws from it.

    python3 Benchmarks/matplotlib_map.py --extract ANALYSIS.json OUTLINES.json
    python3 Benchmarks/matplotlib_map.py --outlines OUTLINES.json ANALYSIS.json OUT.png
"""
import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.patheffects as pe  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402


def features(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip().rstrip(",")
            if line.startswith('{"type":"Feature"'):
                yield json.loads(line)


def rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for poly in geometry["coordinates"] for ring in poly]


def view(places):
    """The extent drawn: the towns and districts named, padded; and the cosine of its middle latitude."""
    fine = [p for p in places if p["precision"] in ("town", "district")] or places
    lons = [p["lon"] for p in fine]
    lats = [p["lat"] for p in fine]
    pad_x = max((max(lons) - min(lons)) * 0.22, 0.35)
    pad_y = max((max(lats) - min(lats)) * 0.22, 0.35)
    west, east = min(lons) - pad_x, max(lons) + pad_x
    south, north = min(lats) - pad_y, max(lats) + pad_y
    return west, south, east, north


def outlines_in_view(box):
    """(id, kind, rings) of every outline that meets the box, read from the gazetteer's files."""
    west, south, east, north = box
    out = []
    for path in ("Gazetteer/boundaries/world.geojson", "Gazetteer/boundaries/afghanistan.geojson"):
        for f in features(path):
            rs = rings(f["geometry"])
            xs = [c[0] for r in rs for c in r]
            ys = [c[1] for r in rs for c in r]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            out.append((f["id"], f["properties"].get("kind"), rs))
    return out


def main(analysis_path, out_path, extracted=None):
    analysis = json.load(open(analysis_path, encoding="utf-8"))
    places = [p for p in analysis["places"] if p["precision"] != "country"]
    west, south, east, north = view(places)
    # Equirectangular with the aspect corrected at the centre latitude.
    k = math.cos(math.radians((south + north) / 2))

    fig = plt.figure(figsize=(16, 12), dpi=100)
    ax = fig.add_axes([0, 0.022, 1, 0.978])
    ax.set_facecolor("#dde6ec")
    ax.set_aspect(1 / k, adjustable="datalim")
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.axis("off")

    area_ids = {p["id"] for p in places if p["precision"] in ("province", "district")}
    if extracted is None:
        shapes = outlines_in_view((west, south, east, north))
    else:
        shapes = json.load(open(extracted, encoding="utf-8"))
    for fid, kind, rs in shapes:
        for r in rs:
            if kind == "country":
                ax.add_patch(Polygon(r, closed=True, facecolor="#fbf9f4" if fid == "af" else "#ecebe6",
                                     edgecolor="#5f584e", linewidth=1.8, zorder=1))
            elif kind == "district":
                ax.add_patch(Polygon(r, closed=True, fill=False, edgecolor="#d3ccc0", linewidth=0.9,
                                     linestyle=(0, (4, 3)), zorder=2))
            elif kind == "province":
                ax.add_patch(Polygon(r, closed=True, fill=False, edgecolor="#a39a8c", linewidth=1.0, zorder=3))
            if fid in area_ids:
                ax.add_patch(Polygon(r, closed=True, facecolor="#39424e1a", edgecolor="#39424e8c", linewidth=2.2, zorder=4))

    halo = [pe.withStroke(linewidth=3.5, foreground="white")]
    for p in places:
        if p["precision"] == "province" and p["id"] in area_ids:
            ax.text(p["lon"], p["lat"], p["name"], fontsize=11, fontweight="bold", color="#5c554b", ha="center",
                    va="center", path_effects=halo, zorder=7)
            continue
        size = (6.5 * math.sqrt(max(1, p["sources"]))) ** 2 * math.pi / 2
        ax.scatter([p["lon"]], [p["lat"]], s=size, c="#39424e", edgecolors="white", linewidths=1.6, zorder=5)
        ax.annotate(p["name"], (p["lon"], p["lat"]), xytext=(10, 0), textcoords="offset points", fontsize=11,
                    va="center", path_effects=halo, zorder=6)

    reports = len(analysis["documents"])
    sources = len({d["source_cluster"] for d in analysis["documents"]})
    fig.text(0.02, 0.965, f"{places[0]['name']}: places named in the reports", fontsize=20, fontweight="bold",
             va="top", bbox=dict(facecolor="white", edgecolor="#b9b2a6", boxstyle="round"))
    fig.text(0.02, 0.925, f"{reports} reports, {sources} independent sources · {len(places)} places named", fontsize=11)
    ax.scatter([], [], s=60, c="#39424e", label="Named by 1 independent source")
    ax.plot([], [], color="#5f584e", label="International border")
    ax.plot([], [], color="#a39a8c", label="Province boundary")
    ax.plot([], [], color="#d3ccc0", linestyle="--", label="District boundary")
    ax.legend(loc="lower left", title="Legend", framealpha=0.93)
    # Scale bar: 50 km at the centre latitude.
    km_per_deg = 111.32 * k
    x0, y0 = east - (east - west) * 0.25, south + (north - south) * 0.04
    ax.plot([x0, x0 + 50 / km_per_deg], [y0, y0], color="black", linewidth=4, zorder=8)
    ax.text(x0 + 25 / km_per_deg, y0 + (north - south) * 0.01, "50 km", ha="center", zorder=8)
    fig.text(0.01, 0.005, "Places: GeoNames (CC BY 4.0) · Boundaries: Natural Earth, geoBoundaries", fontsize=9)
    fig.savefig(out_path, dpi=100)


if __name__ == "__main__":
    if sys.argv[1] == "--extract":
        analysis = json.load(open(sys.argv[2], encoding="utf-8"))
        shown = [p for p in analysis["places"] if p["precision"] != "country"]
        found = outlines_in_view(view(shown))
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            json.dump(found, f)
        kinds = [k for _, k, _ in found]
        print(f"extracted {kinds.count('province')} province, {kinds.count('district')} district and "
              f"{kinds.count('country')} country outlines", file=sys.stderr)
    elif sys.argv[1] == "--outlines":
        main(sys.argv[3], sys.argv[4], extracted=sys.argv[2])
    else:
        main(sys.argv[1], sys.argv[2])
