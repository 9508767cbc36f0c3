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
    /// map's frame stays inside it; `nil` when none does. Markers keep their size and move with the view, so
    /// their places under another view are known without laying the map out again; the furniture
    /// barely moves (the scale bar's length changes), so it is given a little room.
    static func clearingView(_ model: MapModel, from view: MapView, _ page: PageFrame) -> MapView? {
        let cx = page.mapWidth / 2, cy = page.mapHeight / 2
        let frame = Rect(x: page.margin, y: page.margin, width: page.mapWidth - 2 * page.margin, height: page.mapHeight - 2 * page.margin)
        // Where each marker is with the extent fitted (zoom 1, no shift), and whether it is inside
        // the frame now: if so it must stay inside; one already past the frame's edge need only
        // clear the furniture.
        let base = model.markers.map { m in
            (x: cx + (m.center.x - cx - view.shiftX) * view.zoomOut, y: cy + (m.center.y - cy - view.shiftY) * view.zoomOut,
             r: m.radius, inside: frame.contains(m.bounds))
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
                if clear, candidate != view { return candidate }
            }
            zoom *= MapView.zoomStep
        }
        return nil
    }
}
