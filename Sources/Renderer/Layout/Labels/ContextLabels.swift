import Foundation
import Geo
import Gazetteer

/// A town the reports do not name, drawn small and grey so that a reader can tell where the map
/// is (the layout JSON lists it with the kind `context-label`).
struct ContextPlace: Sendable, Hashable {
    var placeID: String
    var name: String
    /// Its dot, in output pixels (`nil` for a country's name).
    var dot: Rect?
    /// The top-left of its label's logical box.
    var label: Rect
    var pixelSize: Double
}

extension MapBuilder {
    /// The context, after every label of the reports' own places: the countries in view, the
    /// largest towns the reports do not name, and on a regional map the provinces.
    func contextLabels(_ model: inout MapModel, placer: inout LabelPlacer, _ plan: Plan, _ page: PageFrame, viewKm: Double) {
        let policy = placer.policy, u = page.u
        placeCountryNames(&model, placer: &placer, outlines: plan.outlines, measurer: plan.measurer, u: u)
        let named = Set(analysis.places.map(\.id))
        Self.placeContext(&model, placer: &placer, towns: outlines.lines.towns, named: named, measurer: plan.measurer, u: u)
        // Provinces are named on regional maps only: on a map of a country or more they crowd it.
        if viewKm < policy.provinceNamesBelowKm {
            placeAreaNames(&model, placer: &placer, outlines: plan.outlines, kind: .province, named: named, measurer: plan.measurer,
                           pixelSize: policy.provinceNameSize * u, u: u, limit: policy.provinceNameLimit)
        }
    }

    /// Names each country whose outline shows on the map, in grey capitals at a point inside its
    /// visible part (the reports' places are labelled first, so a country name never displaces
    /// theirs). Listed in the layout JSON as `context-label` too.
    func placeCountryNames(_ model: inout MapModel, placer: inout LabelPlacer, outlines: ProjectedOutlines,
                           measurer: TextMeasurer, u: Double) {
        placeAreaNames(&model, placer: &placer, outlines: outlines, kind: .country, named: [], measurer: measurer, pixelSize: placer.policy.countryNameSize * u, u: u)
    }

    /// Names the outlines of one kind in view (countries in capitals, provinces as written) that
    /// are not in `named` and whose name no label shows yet, at a point inside each one's visible
    /// part, where the label fits; at most `limit` of them.
    func placeAreaNames(_ model: inout MapModel, placer: inout LabelPlacer, outlines: ProjectedOutlines, kind: PlaceKind,
                        named: Set<String>, measurer: TextMeasurer, pixelSize: Double, u: Double, limit: Int = .max) {
        let policy = placer.policy
        let area = Rect(x: 0, y: 0, width: model.width, height: model.height).insetBy(policy.areaNameInset * u)
        let all = outlines.boundaries.boundaries
        var shown = Set(model.labels.map { $0.text.lowercased() } + model.contextPlaces.map { $0.name.lowercased() })
        var placed = 0
        for i in outlines.indices(intersecting: model.extent) where all[i].kind == kind && !named.contains(all[i].id) {
            guard placed < limit else { break }
            guard !shown.contains(all[i].name.lowercased()) else { continue }
            // Every 8th point is plenty for a label's anchor.
            let rings = outlines.rings(at: i).map { ring in stride(from: 0, to: ring.count, by: 8).map { model.point(projected: ring[$0]) } }
            guard let anchor = Self.interiorPoint(rings, in: area, awayFrom: model.markers.map(\.center), by: policy.areaNameClearance * u) else { continue }
            let name = kind == .country ? all[i].name.uppercased() : all[i].name
            let size = measurer.size(name, font: model.theme.font, pixelSize: pixelSize)
            guard let spot = placer.place(size: size, around: anchor, radius: 0, .interior) else { continue }
            model.contextPlaces.append(ContextPlace(placeID: all[i].id, name: name, dot: nil, label: spot, pixelSize: pixelSize))
            shown.insert(all[i].name.lowercased())
            placed += 1
        }
    }

    /// A point of a 16×12 grid over `area` that lies inside the rings (even–odd), the one nearest
    /// the mean of all such points, preferring those at least `distance` from every point of
    /// `avoid` (the markers: a country's name should not crowd the data); `nil` when no grid
    /// point is inside.
    static func interiorPoint(_ rings: [[Point]], in area: Rect, awayFrom avoid: [Point] = [], by distance: Double = 0) -> Point? {
        // A label's anchor needs no precision: each ring is tested through at most 256 of its points,
        // and only the grid points within the rings' box are tested at all.
        let coarse = rings.map { ring in ring.count <= 256 ? ring : stride(from: 0, to: ring.count, by: ring.count / 256 + 1).map { ring[$0] } }
        let all = coarse.flatMap { $0 }
        guard let minX = all.map(\.x).min(), let maxX = all.map(\.x).max(),
              let minY = all.map(\.y).min(), let maxY = all.map(\.y).max() else { return nil }
        var inside: [Point] = []
        for gy in 0..<12 {
            for gx in 0..<16 {
                let p = Point(x: area.x + (Double(gx) + 0.5) * area.width / 16, y: area.y + (Double(gy) + 0.5) * area.height / 12)
                guard p.x >= minX, p.x <= maxX, p.y >= minY, p.y <= maxY else { continue }
                if contains(coarse, p) { inside.append(p) }
            }
        }
        let clear = inside.filter { p in !avoid.contains { hypot($0.x - p.x, $0.y - p.y) < distance } }
        if !clear.isEmpty { inside = clear }
        guard !inside.isEmpty else { return nil }
        let mx = inside.map(\.x).reduce(0, +) / Double(inside.count), my = inside.map(\.y).reduce(0, +) / Double(inside.count)
        return inside.min { hypot($0.x - mx, $0.y - my) < hypot($1.x - mx, $1.y - my) }
    }

    /// Even–odd point-in-polygon over every ring.
    static func contains(_ rings: [[Point]], _ p: Point) -> Bool {
        var odd = false
        for ring in rings where ring.count >= 3 {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[i], b = ring[j]
                if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { odd.toggle() }
                j = i
            }
        }
        return odd
    }

    /// Places the largest towns in view that the reports do not name, after every label of the
    /// reports' own places, so that they never take a place a report's label needs: a dot and a
    /// grey label where both fit, at least the policy's `townSpacing` from a marker and from one another.
    static func placeContext(_ model: inout MapModel, placer: inout LabelPlacer, towns: [BaseMapTown], named: Set<String>,
                             measurer: TextMeasurer, u: Double) {
        let policy = placer.policy
        let spacing = policy.townSpacing * u
        let dotSize = policy.townDotSize * u
        let pixelSize = policy.townSize * u
        let font = model.theme.font
        var taken = model.markers.map(\.center)
        let view = model.extent
        var placed = 0
        for town in towns where !named.contains(town.id) {
            guard placed < policy.townLimit else { break }
            let c = town.coordinate
            guard view.contains(c) else { continue }
            let at = model.point(for: c)
            guard !taken.contains(where: { hypot($0.x - at.x, $0.y - at.y) < spacing }) else { continue }
            let dot = Rect(x: at.x - dotSize / 2, y: at.y - dotSize / 2, width: dotSize, height: dotSize)
            guard placer.isAvailable(dot.insetBy(-1)) else { continue }
            let size = measurer.size(town.name, font: font, pixelSize: pixelSize)
            guard let spot = placer.place(size: size, around: at, radius: dotSize / 2, .point) else { continue }
            placer.reserve(dot.insetBy(-1))
            taken.append(at)
            model.contextPlaces.append(ContextPlace(placeID: town.id, name: town.name, dot: dot, label: spot, pixelSize: pixelSize))
            placed += 1
        }
    }
}
