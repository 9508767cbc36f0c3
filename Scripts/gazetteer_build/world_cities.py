"""World, step 3: the cities: every GeoNames place outside Afghanistan with population >= the
threshold (500: all of cities500 that has a population of 500 or more), plus every PPLA/PPLC
capital, under the admin-1 polygon of its own country that
contains it, else the region of its admin-1 code, else its country."""

from .common import kind_for, log, unique_ids
from .geojson import place_feature
from .text import Names, fold, is_ascii, script_of, slugify


def city_items(gn500, allc, country_ids, city_region, region_of_i, code_region, min_pop,
               excluded_cc):
    """(parent, slug, sort key, place) of every city kept."""
    items = []
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        cc = v["countrycode"]
        if cc in excluded_cc or cc.lower() not in country_ids:
            continue
        ac = allc.get(v["geonameid"], {})
        fcode = ac.get("feature_code")
        pop = v.get("population") or 0
        if pop < min_pop and fcode not in ("PPLA", "PPLC"):
            continue
        i = city_region.get(v["geonameid"])
        reg = region_of_i.get(i) if i is not None else None
        if reg is None or reg["cc"] != cc:
            reg = code_region.get((cc, v["admin1code"]))
        parent = reg["id"] if reg else cc.lower()
        slug = slugify(v["name"]) or slugify(ac.get("asciiname") or "") or "gn%d" % v["geonameid"]
        kind = kind_for(pop, fcode)
        # same-name siblings: towns and cities before villages, then by GeoNames id, so that a
        # village never takes the plain slug from a town (ids of towns stay as they were when
        # the layer stopped at 5,000)
        items.append((parent, slug, (kind == "village", v["geonameid"]),
                      dict(v, parent=parent, fcode=fcode, kind=kind)))
    return items


def city_features(gn500, allc, country_ids, city_region, region_of_i, code_region, regions,
                  min_pop, excluded_cc, features):
    """Appends the city features (ids never clash with a region's)."""
    log("World: cities (population >= %d, plus PPLA/PPLC capitals)" % min_pop)
    items = city_items(gn500, allc, country_ids, city_region, region_of_i, code_region, min_pop,
                       excluded_cc)
    taken = {r["id"] for r in regions}
    cids = unique_ids(items, None)
    ncity = 0
    for it in items:
        v = it[3]
        fid = cids[id(v)]
        k = 2
        while fid in taken:
            fid = "%s/%s-%d" % (it[0], it[1], k)
            k += 1
        taken.add(fid)
        nm = Names(v["name"], v["countrycode"])
        ac = allc.get(v["geonameid"])
        if ac:
            nm.add(ac.get("asciiname"))
        for a in v.get("alternatenames", []):
            nm.add(a)
        if ac:
            for a in ac.get("alternatenames", []):
                nm.add(a)
        if not is_ascii(v["name"]) and script_of(v["name"]) == "Latn":
            nm.add(fold(v["name"]))
        features.append(place_feature(fid, v["longitude"], v["latitude"], {
            "name": v["name"], "kind": v["kind"], "parent": v["parent"],
            "country": v["countrycode"], "geonames_id": v["geonameid"],
            "population": v.get("population") or None, "names": nm.out(),
            "source": "GeoNames %d%s" % (v["geonameid"], " (%s)" % v["fcode"] if v["fcode"]
                                         else "")}))
        ncity += 1
    log("  %d cities" % ncity)

