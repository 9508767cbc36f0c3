import Foundation

/// How a map's extent sits in its frame: zoomed out `zoomOut` times about the frame's middle, then
/// moved `shiftX`, `shiftY` pixels (right and down).
struct MapView: Sendable, Hashable {
    var zoomOut = 1.0
    var shiftX = 0.0
    var shiftY = 0.0

    /// The most a map zooms out to clear its furniture (as five steps of 1.25 did).
    static let maximumZoomOut = 1.25 * 1.25 * 1.25 * 1.25 * 1.25
    /// The zoom steps tried, each this much farther out than the one before.
    static let zoomStep = 1.03
    /// The shifts tried, as fractions of the frame's width and height (up to a quarter of it: a
    /// tall legend can take the frame's left third), smallest first.
    static let shiftFractions: [Double] = [0] + stride(from: 0.04, through: 0.25, by: 0.04).flatMap { [-$0, $0] }
}

extension MapBuilder {
    /// The view nearest to the map's own (least zoomed out, then least moved) under which no marker
    /// lies under the furniture of `model` (laid out under `view`) and every marker inside the
    /// map's frame stays inside it; with `areas` (``shadedSamples``), also no side's shaded area is more than
    /// ``areaCoverAllowed`` under the furniture, while ``areaKeptShown`` of what shows of it stays in
    /// the frame; `nil` when none does. Markers keep their size and move with the view, so
    /// their places under another view are known without laying the map out again; the furniture
    /// barely moves (the scale bar's length changes), so it is given a little room.
    static func clearingView(_ model: MapModel, from view: MapView, _ page: PageFrame, areas: [[Point]] = []) -> MapView? {
        let cx = page.mapWidth / 2, cy = page.mapHeight / 2
        let frame = page.frame
        // Where each marker is with the extent fitted (zoom 1, no shift), and whether it is inside
        // the frame now: if so it must stay inside; one already past the frame's edge need only
        // clear the furniture.
        let base = model.markers.map { m in
            (x: cx + (m.center.x - cx - view.shiftX) * view.zoomOut, y: cy + (m.center.y - cy - view.shiftY) * view.zoomOut,
             r: m.radius, inside: frame.contains(m.bounds))
        }
        // Points inside each shaded area, taken back to the fitted extent as the markers are.
        let areaPoints = areas.map { points in
            points.map { p in Point(x: cx + (p.x - cx - view.shiftX) * view.zoomOut, y: cy + (p.y - cy - view.shiftY) * view.zoomOut) }
        }
        let room = 4 * page.u
        let furniture = model.furniture.map { Rect(x: $0.x - room, y: $0.y - room, width: $0.width + 2 * room, height: $0.height + 2 * room) }
        let shifts = MapView.shiftFractions.flatMap { fx in MapView.shiftFractions.map { fy in (fx, fy) } }
            .sorted { abs($0.0) + abs($0.1) < abs($1.0) + abs($1.1) }
        var zoom = max(1, view.zoomOut)
        while zoom <= MapView.maximumZoomOut * 1.0001 {
            for (fx, fy) in shifts {
                let candidate = MapView(zoomOut: zoom, shiftX: fx * page.mapWidth, shiftY: fy * page.mapHeight)
                let clear = base.allSatisfy { b in
                    let x = cx + (b.x - cx) / zoom + candidate.shiftX, y = cy + (b.y - cy) / zoom + candidate.shiftY
                    let box = Rect(x: x - b.r, y: y - b.r, width: 2 * b.r, height: 2 * b.r)
                    return (!b.inside || frame.contains(box)) && !furniture.contains { $0.intersects(box) }
                }
                // (A shaded area cleared by moving it out of the frame is not cleared: most of what
                // shows now must still show.)
                let areasClear = clear && areaPoints.allSatisfy { points in
                    let moved = points.map { p in Point(x: cx + (p.x - cx) / zoom + candidate.shiftX, y: cy + (p.y - cy) / zoom + candidate.shiftY) }
                    let shown = moved.filter { frame.containsPoint($0) }.count
                    return Double(shown) >= Self.areaKeptShown * Double(points.count)
                        && Self.coveredShare(moved, furniture: furniture, frame: frame) <= Self.areaCoverAllowed
                }
                if areasClear, candidate != view { return candidate }
            }
            zoom *= MapView.zoomStep
        }
        return nil
    }
}

extension MapBuilder {
    /// The share of a shaded area's part inside the frame that furniture may cover before the map
    /// moves to show it: a side's colour under the title block is a claim the reader cannot see.
    static let areaCoverAllowed = 0.2
    /// The share of a shaded area shown in the frame that a move to clear the furniture must keep shown.
    static let areaKeptShown = 0.8

    /// Points on a grid inside each area that carries a mark (a side's shading or a change), in
    /// canvas coordinates: at most about 20 × 20 for an area, over the part of it inside `frame`.
    static func shadedSamples(_ model: MapModel, _ frame: Rect) -> [[Point]] {
        model.areas.filter { $0.control != .none || $0.change != nil }.compactMap { area in
            let points = area.rings.flatMap { $0 }
            guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
                  let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return nil }
            let west = max(minX, frame.x), east = min(maxX, frame.maxX), north = max(minY, frame.y), south = min(maxY, frame.maxY)
            guard east > west, south > north else { return nil }
            let step = max(east - west, south - north) / 20
            var inside: [Point] = []
            for y in stride(from: north + step / 2, to: south, by: step) {
                for x in stride(from: west + step / 2, to: east, by: step) where Self.contains(area.rings, Point(x: x, y: y)) {
                    inside.append(Point(x: x, y: y))
                }
            }
            return inside.isEmpty ? nil : inside
        }
    }

    /// The share of `points` inside the frame that lie under furniture (0 when none is inside).
    static func coveredShare(_ points: [Point], furniture: [Rect], frame: Rect) -> Double {
        var shown = 0, covered = 0
        for p in points where frame.containsPoint(p) {
            shown += 1
            if furniture.contains(where: { $0.containsPoint(p) }) { covered += 1 }
        }
        return shown == 0 ? 0 : Double(covered) / Double(shown)
    }
}
