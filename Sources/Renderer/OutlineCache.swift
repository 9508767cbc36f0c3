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
    /// The elevation grid hill shadows are drawn from, if the gazetteer folder has one.
    public let relief: ReliefGrid?
    /// Each river's bounding box (`nil` for a river without points), computed once.
    let riverBoxes: [BoundingBox?]
    private let capacity: Int
    private var recent: [ProjectedOutlines] = []

    public init(boundaries: BoundarySet, lines: BaseMapLines = BaseMapLines(), relief: ReliefGrid? = nil, capacity: Int = 1) {
        self.boundaries = boundaries
        self.lines = lines
        self.relief = relief
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
