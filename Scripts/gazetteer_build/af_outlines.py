"""Afghanistan, step 3: outlines. The districts' borders are noded into a shared-arc topology and
simplified once; gaps between districts that open onto the country border (notches) and every
gap or overlap left (patches) are each given to one province; the provinces and the country are
dissolved from their districts, with Natural Earth's polygon as the fallback when a check fails
(see Gazetteer/SOURCES.md, "Afghan province and country outlines")."""

from .af_districts import AF_DISTRICT_TOL
from .af_provinces import AF_COUNTRY_TOL, AF_PROVINCE_TOL
from .common import log
from .geometry import interior_point, point_in_polys, polys_area, ring_area
from .simplify import clean_polys
from .noding import cluster_vertices, node_faces
from .topology import Topology

AF_CLUSTER_TOL = 0.002  # district border vertices closer than this (about 20 m) are merged
AF_NOTCH_TOL = 0.02  # widest mouth of a gap between districts opening onto the border


def node_districts(dists):
    """The districts' polygons noded where borders cross or touch, near vertices merged.
    Returns (faces, vertices inserted, vertices merged)."""
    faces, n_noded = node_faces([r["polys"] for r in dists])
    n_merged = 0
    for _ in range(3):  # borders that cross near a junction make clusters of junctions
        faces, m = cluster_vertices(faces, AF_CLUSTER_TOL)
        faces, n = node_faces(faces)
        n_merged += m
        n_noded += n
        if not (m or n):
            break
    return faces, n_noded, n_merged


class Coverage:
    """The districts (and the notches that close gaps onto the country border) as one
    shared-arc topology, with the group (province code) of every face and the patches that give
    each gap or overlap between districts to one province."""

    def __init__(self, dists, flaws):
        # geoBoundaries borders do not always match: where neighbours' borders differ there are
        # gaps and overlaps. Gaps that open onto the country's outline are closed by patches
        # (notches), then every gap or overlap left is given to one province (patches), so that
        # neighbouring provinces' outlines meet.
        faces, self.n_noded, self.n_merged = node_districts(dists)
        notches = Topology(faces).notch_patches(AF_NOTCH_TOL)
        topo = Topology(faces + notches)
        topo.simplify(AF_DISTRICT_TOL)
        self.dists, self.notches, self.topo, self.nd = dists, notches, topo, len(dists)
        self.flaws = flaws  # where a failed dissolve is noted
        self.group_of = self._groups()
        self.patches = topo.gap_patches(self.group_of)
        self.patch_area = sum(abs(ring_area(topo.chain(ring, False))) for _, ring in self.patches)

    def _groups(self):
        """Province of every face: a district's own; a notch goes to the province with most
        border on it."""
        topo, nd, notches = self.topo, self.nd, self.notches
        group_of = [r["code"] for r in self.dists]
        users = topo.users()
        for k in range(nd, nd + len(notches)):  # a notch goes to the province with most border on it
            length = {}
            for ri, (f, _, _, _) in enumerate(topo.rings):
                if f == k:
                    for aid, fw in topo.ring_arcs[ri]:
                        for g in {group_of[u] for u, _ in users[aid] if u < nd}:
                            length[g] = length.get(g, 0.0) + topo.arc_length(aid)
            group_of.append(min(length, key=lambda g: (-length[g], g)))
        return group_of

    def publish_districts(self):
        """Each district's published outline (r["outline"]); a point that falls outside it is
        worked out again. Returns how many points moved."""
        topo, dists = self.topo, self.dists
        n_moved = 0
        for i, r in enumerate(dists):
            out = topo.publish(topo.face_rings(i))
            if out is None:
                raise SystemExit("district %s collapses when simplified" % r["shape_id"])
            r["outline"] = out
            if not point_in_polys(r["pt"][0], r["pt"][1], out):
                r["pt"], _ = interior_point(out, [r["polys"]], 0.0005)
                n_moved += 1
        return n_moved

    def dissolved(self, groups, what, must_contain):
        """Dissolve the districts of provinces `groups` (with their notches and patches); None
        (and the reasons, noted in `flaws`) if the result fails a check."""
        topo, dists, nd = self.topo, self.dists, self.nd
        group_of, patches, flaws = self.group_of, self.patches, self.flaws
        members = [f for f, g in enumerate(group_of) if g in groups]
        extra = [d for g, ring in patches if g in groups for d in ring]
        polys, info = topo.dissolve(members, extra)
        why = list(info["anomalies"])
        out = topo.publish(polys) if polys else None
        raw = [[topo.chain(ra, False) for ra in poly] for poly in polys]
        if out is None:
            why.append("a ring turns inside out when simplified")
        else:
            src_area = sum(polys_area(dists[i]["polys"]) for i in members if i < nd)
            if abs(info["area"] - src_area) > 0.005 * src_area:
                why.append("area %.5f vs districts %.5f" % (info["area"], src_area))
            for label, (x, y) in must_contain:
                if not (point_in_polys(x, y, raw) and point_in_polys(x, y, out)):
                    why.append("%s is outside" % label)
        if why:
            flaws.append("dissolving the districts of %s failed (%s): Natural Earth outline used"
                         % (what, "; ".join(why[:5])))
            log("  %s: dissolve failed: %s" % (what, "; ".join(why[:5])))
            return None, None, info
        return out, raw, info


def province_outlines(cov, provinces):
    """Each province's outline (p["outline"], p["outline_raw"], p["outline_source"]).
    Returns stats: slivers left and the provinces that fell back to Natural Earth."""
    dissolved = cov.dissolved
    dists = cov.dists
    dstats = {"slivers": 0, "fallback": []}
    for code, p in sorted(provinces.items()):
        members = [i for i, r in enumerate(dists) if r["code"] == code]
        must = [("district %s" % dists[i]["shape_id"], pt) for i in members
                for pt in (dists[i]["ip"], dists[i]["pt"])]
        cap = p["capital"]
        if cap:
            must.append(("capital %s" % cap["name"], (cap["longitude"], cap["latitude"])))
        out, raw, info = dissolved({code}, p["name"], must)
        if out is None:
            dstats["fallback"].append(p["name"])
            out, raw = clean_polys(p["polys"], AF_PROVINCE_TOL), p["polys"]
            p["outline_source"] = "Natural Earth admin-1 polygon (fid %d)" % p["ne"]["fid"]
        else:
            dstats["slivers"] += info["overlaps"] + info["gaps"]
            p["outline_source"] = "its %d districts" % len(members)
        p["outline"], p["outline_raw"] = out, raw
    return dstats


def country_outline(cov, provinces, af_polys, dstats):
    """The outline of `af` (published, raw)."""
    dissolved = cov.dissolved
    must = [("capital %s" % p["capital"]["name"], (p["capital"]["longitude"],
                                                   p["capital"]["latitude"]))
            for _, p in sorted(provinces.items()) if p["capital"]]
    c_out, c_raw, c_info = dissolved(set(provinces), "Afghanistan", must)
    if c_out is None:
        dstats["fallback"].append("Afghanistan")
        c_out, c_raw = clean_polys(af_polys, AF_COUNTRY_TOL), af_polys
    else:
        dstats["slivers"] += c_info["overlaps"] + c_info["gaps"]
    return c_out, c_raw


def build_outlines(dists, provinces, af_polys, flaws):
    """District, province and country outlines. Returns (country outline, its raw rings,
    stats)."""
    # --- outlines: districts from the shared-arc topology; provinces and the country dissolved
    # from their districts (Natural Earth only as a fallback)
    log("Afghanistan: outlines (districts, dissolved provinces and country)")
    cov = Coverage(dists, flaws)
    n_moved = cov.publish_districts()
    dstats = province_outlines(cov, provinces)
    c_out, c_raw = country_outline(cov, provinces, af_polys, dstats)
    topo, patches, notches = cov.topo, cov.patches, cov.notches
    n_noded, n_merged, patch_area = cov.n_noded, cov.n_merged, cov.patch_area
    flaws.append("geoBoundaries district borders do not match exactly: %d gaps or overlaps "
                 "between neighbouring districts (together %.4f sq deg) and %d gaps opening onto "
                 "the country border; provinces and the country are dissolved with each of them "
                 "given to one province (district outlines are published as they are)"
                 % (len(patches), patch_area, len(notches)))
    log("  %d vertices inserted where borders cross or touch, %d merged; %d arcs, %d junctions; %d gap/overlap patches, %d notches;"
        " slivers left: %d; %d district points recomputed; fallbacks: %s"
        % (n_noded, n_merged, len(topo.arcs), topo.n_nodes, len(patches), len(notches),
           dstats["slivers"], n_moved, ", ".join(dstats["fallback"]) or "none"))
    outline_stats = {"arcs": len(topo.arcs), "junctions": topo.n_nodes,
                     "patches": len(patches), "notches": len(notches),
                     "district_points_moved": n_moved, "ne_fallback": dstats["fallback"]}
    return c_out, c_raw, outline_stats
