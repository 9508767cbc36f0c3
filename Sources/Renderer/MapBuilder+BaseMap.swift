import Foundation
import Gazetteer
import Geo

/// The outlines and rivers a map is drawn on, and what has been projected of them: kept for the
/// zoom-out steps of one map, and for the next maps drawn from the same cache under the same
/// projection (the maps of one extent in other sizes, themes or formats).
///
/// `MapBuilder(analysis:gazetteer:boundaries:lines:options:)` makes one for its map; pass one
/// to `MapBuilder(analysis:gazetteer:outlines:options:)` to keep it across maps. It keeps the
/// projections of the last `capacity` projections used. Not for use by two builds at once.
public final class OutlineCache {
    public let boundaries: BoundarySet
    public let lines: BaseMapLines
    /// Each river's bounding box (`nil` for a river without points), computed once.
    let riverBoxes: [BoundingBox?]
    private let capacity: Int
    private var recent: [ProjectedOutlines] = []

    public init(boundaries: BoundarySet, lines: BaseMapLines = BaseMapLines(), capacity: Int = 1) {
        self.boundaries = boundaries
        self.lines = lines
        self.riverBoxes = lines.rivers.map { BoundingBox(covering: $0.points) }
        self.capacity = max(1, capacity)
    }

    /// The outlines as projected (so far) with `projection`; the oldest projection kept is dropped
    /// when a new one would make more than `capacity`.
    func outlines(for projection: ConformalProjection) -> ProjectedOutlines {
        if let i = recent.firstIndex(where: { $0.projection == projection }) {
            let hit = recent.remove(at: i)
            recent.append(hit)
            return hit
        }
        if recent.count >= capacity { recent.removeFirst() }
        let made = ProjectedOutlines(projection: projection, self)
        recent.append(made)
        return made
    }
}

/// The outlines and rivers of an ``OutlineCache``, projected onto the map's plane (in metres)
/// the first time a build needs them and kept: the projection does not change as the map zooms
/// out, only the affine step from metres to pixels does, so each step reuses the projected points
/// instead of projecting every coordinate again (sines, tangents and powers).
final class ProjectedOutlines {
    let projection: ConformalProjection
    let boundaries: BoundarySet
    let rivers: [(points: [Coordinate], rank: Int)]
    let riverBoxes: [BoundingBox?]
    private var byIndex: [Int: [[ProjectedPoint]]] = [:]
    private var byID: [String: [[ProjectedPoint]]] = [:]
    private var riverPoints: [Int: [ProjectedPoint]] = [:]

    init(projection: ConformalProjection, _ base: OutlineCache) {
        self.projection = projection
        self.boundaries = base.boundaries
        self.rivers = base.lines.rivers
        self.riverBoxes = base.riverBoxes
    }

    /// The indices (in the boundary set's order) of the outlines whose bounding boxes meet `view`.
    func indices(intersecting view: BoundingBox) -> [Int] {
        boundaries.boundaries.indices.filter { boundaries.boundaries[$0].boundingBox.intersects(view) }
    }

    /// The rings of every polygon of the outline at `index` in the boundary set, projected.
    func rings(at index: Int) -> [[ProjectedPoint]] {
        if let cached = byIndex[index] { return cached }
        let rings = project(boundaries.boundaries[index].geometry)
        byIndex[index] = rings
        return rings
    }

    /// The rings of the outline the boundary set gives for `id`, projected; `nil` when it has none.
    func rings(id: String) -> [[ProjectedPoint]]? {
        if let cached = byID[id] { return cached }
        guard let boundary = boundaries[id] else { return nil }
        let rings = project(boundary.geometry)
        byID[id] = rings
        return rings
    }

    /// The river at `index`, projected.
    func river(at index: Int) -> [ProjectedPoint] {
        if let cached = riverPoints[index] { return cached }
        let points = rivers[index].points.map(projection.project)
        riverPoints[index] = points
        return points
    }

    private func project(_ geometry: Geometry) -> [[ProjectedPoint]] {
        geometry.polygons.flatMap { rings in rings.map { $0.map(projection.project) } }
    }
}

extension MapBuilder {
    /// Canvas rings of projected rings, dropping points within 0.6 px of the last one kept.
    static func canvasRings(_ rings: [[ProjectedPoint]], _ model: MapModel) -> [[Point]] {
        rings.map { canvasRing($0, model) }
    }

    static func canvasRing(_ ring: [ProjectedPoint], _ model: MapModel) -> [Point] {
        thinned(ring) { model.point(projected: $0) }
    }

    /// A ring's points on the canvas, dropping each within 0.6 px of the last one kept.
    @inline(__always)
    static func thinned<Element>(_ ring: [Element], _ point: (Element) -> Point) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(ring.count)
        for m in ring {
            let p = point(m)
            if let last = out.last, abs(last.x - p.x) < 0.6, abs(last.y - p.y) < 0.6 { continue }
            out.append(p)
        }
        return out
    }

    /// The base map within `view`: country outlines (the focus country's marked), district
    /// outlines when the view spans less than 700 km, province outlines, then rivers.
    func baseMap(_ model: inout MapModel, view: BoundingBox, viewKm: Double, focusCountry: String?, _ outlines: ProjectedOutlines) {
        let inView = outlines.indices(intersecting: view)
        let all = outlines.boundaries.boundaries
        for i in inView where all[i].kind == .country {
            let role: BaseRole = all[i].id == focusCountry ? .focusCountry : .otherCountry
            model.base.append((role, Self.canvasRings(outlines.rings(at: i), model)))
        }
        if viewKm < 700 {
            for i in inView where all[i].kind == .district {
                model.base.append((.district, Self.canvasRings(outlines.rings(at: i), model)))
            }
        }
        for i in inView where all[i].kind == .province {
            model.base.append((.province, Self.canvasRings(outlines.rings(at: i), model)))
        }
        for (i, box) in outlines.riverBoxes.enumerated() where box?.intersects(view) ?? false {
            model.rivers.append((Self.canvasRing(outlines.river(at: i), model), outlines.rivers[i].rank))
        }
    }

    /// The locator inset: the country (and its neighbours) in `box`, with the map's extent outlined.
    static func inset(country: Boundary, boundaries: BoundarySet, extent: BoundingBox, box: Rect) -> Inset {
        // The country the shorter way round: Russia and Fiji across the antimeridian, not the whole world.
        let outer = country.geometry.polygons.lazy.flatMap { $0.first ?? [] }
        let frame = (BoundingBox(coveringShortest: outer) ?? country.boundingBox).padded(by: 0.08)
        let projection = ConformalProjection(suitedTo: frame)
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for c in edgeSamples(frame) {
            let p = projection.project(c)
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        let inner = box.insetBy(8)
        let s = min(inner.width / (maxX - minX), inner.height / (maxY - minY))
        let ox = inner.center.x - (minX + maxX) / 2 * s
        let oy = inner.center.y + (minY + maxY) / 2 * s
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
