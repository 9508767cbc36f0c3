"""Afghanistan, step 5: the hand-maintained layers in Gazetteer/sources/: spellings seen in
reports (aliases-afghanistan.geojson, names added to built ids) and curated features
(curated-afghanistan.geojson: valleys, passes, the Hindu Kush, Gulbahar, Malimah)."""

import os

from .common import ROOT
from .geojson import place_feature, read_collection
from .text import Names

AF_ALIAS_PATH = os.path.join(ROOT, "Gazetteer/sources/aliases-afghanistan.geojson")
AF_CURATED_PATH = os.path.join(ROOT, "Gazetteer/sources/curated-afghanistan.geojson")


def apply_aliases(names_by_id, alias_path=AF_ALIAS_PATH):
    """Adds the alias layer's names to the Names of the ids it names (id -> Names)."""
    if os.path.exists(alias_path):
        for f in read_collection(alias_path):
            nm = names_by_id.get(f["id"])
            if nm is None:
                raise SystemExit("%s: id %r does not exist in the built data" %
                                 (os.path.relpath(alias_path, ROOT), f["id"]))
            for n in f["properties"].get("names", []):
                nm.add(n["name"], lang=n.get("lang"), script=n.get("script"))


def curated_features(features, curated_path=AF_CURATED_PATH):
    """Appends the curated features; their ids must be new and their parents exist."""
    ids_now = {f["id"] for f in features}
    if os.path.exists(curated_path):
        for f in read_collection(curated_path):
            if f["id"] in ids_now:
                raise SystemExit("curated id %r clashes with a built id" % f["id"])
            pr = f["properties"]
            if pr.get("parent") and pr["parent"] not in ids_now:
                raise SystemExit("curated %r: parent %r does not exist" % (f["id"], pr["parent"]))
            if not pr.get("source"):
                raise SystemExit("curated %r has no source" % f["id"])
            nm = Names(pr["name"], "AF")
            for n in pr.get("names", []):
                nm.add(n["name"], lang=n.get("lang"), script=n.get("script"))
            lon, lat = f["geometry"]["coordinates"]
            out = dict(pr)
            out["names"] = nm.out()
            features.append(place_feature(f["id"], lon, lat, out))

