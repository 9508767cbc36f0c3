import Foundation
import Gazetteer
import Geo

extension MapBuilder {
    /// The locator inset's box, top right.
    static func insetBox(_ page: PageFrame) -> Rect {
        let insetWidth = 230 * page.u, insetHeight = 175 * page.u
        return Rect(x: page.canvas.width - page.margin - insetWidth, y: page.margin, width: insetWidth, height: insetHeight)
    }

    /// The locator inset, top right: the map's own country with the view outlined, when there is
    /// one and the page is wider than 400 px.
    func locatorInset(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame) {
        if let cc = plan.focusCountry, let country = boundaries[cc], page.canvas.width > 400 {
            model.inset = Self.inset(country: country, boundaries: boundaries, extent: model.extent, box: Self.insetBox(page))
        }
    }

    /// An outline's box the shorter way round: Russia and Fiji across the antimeridian, not the whole world.
    static func shortestBox(_ boundary: Boundary) -> BoundingBox {
        BoundingBox(coveringShortest: boundary.geometry.polygons.lazy.flatMap { $0.first ?? [] }) ?? boundary.boundingBox
    }

    /// The area a locator inset shows: the country's box, grown to hold the map's extent where the
    /// map reaches beyond the country (a map of Syria's war that shows Turkey's and Iraq's border
    /// towns), so that the extent is outlined whole rather than cut at the inset's edge; taken the
    /// shorter way round the antimeridian.
    static func insetArea(country: BoundingBox, extent: BoundingBox) -> BoundingBox {
        func corners(_ b: BoundingBox) -> [Coordinate] {
            [b.west, b.east].flatMap { lon in
                [b.south, b.north].map { Coordinate(latitude: $0, longitude: lon > 180 ? lon - 360 : lon) }
            }
        }
        let outside = corners(extent).contains { !country.contains($0) }
        guard outside, let both = BoundingBox(coveringShortest: corners(country) + corners(extent)), both.east - both.west < 180 else { return country }
        return both
    }

    /// The locator inset: the country (and its neighbours) in `box`, with the map's extent outlined.
    static func inset(country: Boundary, boundaries: BoundarySet, extent: BoundingBox, box: Rect) -> Inset {
        let frame = insetArea(country: shortestBox(country), extent: extent).padded(by: 0.08)
        let projection = ConformalProjection(suitedTo: frame)
        let fit = CanvasFit(frame, projection)
        let inner = box.insetBy(8)
        let s = fit.scale(width: inner.width, height: inner.height)
        let ox = inner.center.x - fit.centreX * s
        let oy = inner.center.y + fit.centreY * s
        func pt(_ c: Coordinate) -> Point {
            let p = projection.project(c)
            return Point(x: ox + p.x * s, y: oy - p.y * s)
        }
        func rings(_ g: Geometry) -> [[Point]] {
            g.polygons.flatMap { $0.map { ring in stride(from: 0, to: ring.count, by: max(1, ring.count / 400)).map { pt(ring[$0]) } } }
        }
        let neighbours = boundaries.intersecting(frame).filter { $0.kind == .country && $0.id != country.id }.flatMap { rings($0.geometry) }
        let clippedExtent = edgeSamples(extent).map(pt)
        // Order the samples around the rectangle: bottom, right, top (reversed), left (reversed).
        let steps = 17
        var ring: [Point] = []
        for i in 0..<steps { ring.append(clippedExtent[i * 4]) }
        for i in 0..<steps { ring.append(clippedExtent[i * 4 + 3]) }
        for i in (0..<steps).reversed() { ring.append(clippedExtent[i * 4 + 1]) }
        for i in (0..<steps).reversed() { ring.append(clippedExtent[i * 4 + 2]) }
        return Inset(box: box, countryName: country.name, country: rings(country.geometry), neighbours: neighbours, extent: ring)
    }
}
