import Gazetteer
import Geo

extension MapBuilder {
    /// The rings of the lakes that meet the view, projected (outer rings and islands alike: they
    /// are filled with the even-odd rule). Rings that shrink to under three points are left out.
    static func lakeRings(_ lakes: [[[Coordinate]]], in view: BoundingBox, _ model: MapModel) -> [[Point]] {
        var out: [[Point]] = []
        for lake in lakes {
            guard let outer = lake.first, BoundingBox(covering: outer).map({ $0.intersects(view) }) ?? false else { continue }
            out.append(contentsOf: lake.map { canvasRing($0, model) }.filter { $0.count >= 3 })
        }
        return out
    }

    /// A ring on the canvas, dropping points within 0.6 px of the last one kept.
    static func canvasRing(_ ring: [Coordinate], _ model: MapModel) -> [Point] {
        var out: [Point] = []
        out.reserveCapacity(ring.count)
        for c in ring {
            let p = model.point(for: c)
            if let last = out.last, abs(last.x - p.x) < 0.6, abs(last.y - p.y) < 0.6 { continue }
            out.append(p)
        }
        return out
    }
}

extension MapDrawer {
    /// Lakes as water: filled with the background's colour (the sea's), over the land and the
    /// shaded areas, under the rivers and boundary lines, with a thin shoreline in the rivers'
    /// colour (which keeps them visible in the print theme, whose water and land are both white).
    static func drawLakes(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        guard !model.lakes.isEmpty else { return }
        let t = model.theme
        ctx.rings(model.lakes)
        ctx.fill(t.background, preserve: true)
        ctx.stroke(t.river, width: 0.7 * u)
    }
}
