import Aggregator
import Foundation

/// What the areas-and-markers step settles for the steps after it (the legend and the labels).
struct Symbols {
    /// The places shown, most named first (by the count markers are sized by, then mentions, then
    /// id): the order markers and labels are made in.
    var ordered: [PlaceSummary]
    /// The provinces and districts shaded as areas.
    var areaIDs: Set<String>
    /// The provinces claimed only in part (see `claimedOnlyInPart`).
    var partOnly: Set<String>
    /// The radius of a marker for one source (or mention), and the largest count.
    var markerBase: Double
    var maxCount: Int
}

extension MapBuilder {
    /// The areas (provinces and districts with outlines) and the markers, in the order of
    /// `Symbols.ordered`; a place whose point is off the canvas is listed in `offMap` instead.
    func areasAndMarkers(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame) -> Symbols {
        let countOf: (PlaceSummary) -> Int = { options.sizeByMentions ? $0.mentions : $0.sources }
        let maxCount = max(1, plan.shown.map(countOf).max() ?? 1)
        let markerBase = 6.5 * page.u
        let ordered = plan.shown.sorted { (countOf($1), $1.mentions, $0.id) < (countOf($0), $0.mentions, $1.id) }
        var areaIDs = Set<String>()
        // A province that only claims about part of it name (its towns, "northern X", "swathes of
        // territory in X") is not shaded as a whole: it gets a marker at its point instead.
        let partOnly = Self.claimedOnlyInPart(ordered, claims: analysis.claims)
        for p in ordered where p.precision == .province || p.precision == .district {
            guard let rings = plan.outlines.rings(id: p.id) else { continue }
            let mark = partOnly.contains(p.id) ? .none : plan.palette.mark(for: p, claims: analysis.claims)
            model.areas.append(AreaMark(placeID: p.id, rings: Self.canvasRings(rings, model), fill: options.theme.areaFill,
                                        outline: options.theme.areaOutline, control: mark,
                                        strength: 0.35 + 0.65 * min(1, max(0, p.control.confidence)),
                                        change: partOnly.contains(p.id) ? nil : changeMark(for: p.id, palette: plan.palette)))
            if let note = changeNote(p.id) { model.changeNotes[p.id] = note }
            areaIDs.insert(p.id)
        }
        for p in ordered where !(p.precision == .province && areaIDs.contains(p.id) && !partOnly.contains(p.id)) && p.kind != .mountainRange {
            let at = model.point(for: p.coordinate)
            guard page.canvas.contains(Rect(x: at.x, y: at.y, width: 0, height: 0)) else {
                // A province claimed in part whose point is off the map still shows as its outline.
                if partOnly.contains(p.id), areaIDs.contains(p.id) { continue }
                model.offMap.append(DroppedLabel(place: p.id, text: p.name))
                continue
            }
            let r = markerBase * Double(max(1, countOf(p))).squareRoot()
            let mark = plan.palette.mark(for: p, claims: analysis.claims)
            model.markers.append(Marker(placeID: p.id, name: p.name, center: model.point(for: p.coordinate), radius: r, control: mark,
                                        change: changeMark(for: p.id, palette: plan.palette)))
            if let note = changeNote(p.id) { model.changeNotes[p.id] = note }
        }
        return Symbols(ordered: ordered, areaIDs: areaIDs, partOnly: partOnly, markerBase: markerBase, maxCount: maxCount)
    }

    // Honest precision (the cartography issue, part 4): an area is shaded only for claims about the
    // whole of it. ACLED and UCDP code location precision for the same reason: a claim about a camp,
    // the outskirts or "northern X" must not paint all of X.

    /// The provinces whose every claim (denials aside) is about part of them (`Claim.partial`):
    /// drawn as a marker at the province's point, its outline left unshaded.
    static func claimedOnlyInPart(_ places: [PlaceSummary], claims: [Claim]) -> Set<String> {
        var partial: [String: Bool] = [:]
        for c in claims where !c.denied { partial[c.place] = (partial[c.place] ?? true) && c.partial }
        return Set(places.filter { $0.precision == .province && partial[$0.id] == true }.map(\.id))
    }
}
