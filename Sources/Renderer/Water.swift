import Gazetteer
import Geo

extension MapBuilder {
    /// The rings of the lakes that meet the view, projected (outer rings and islands alike: they
    /// are filled with the even-odd rule). Rings that shrink to under three points are left out.
    static func lakeRings(_ lakes: [[[Coordinate]]], in view: BoundingBox, _ model: MapModel) -> [[Point]] {
        var out: [[Point]] = []
        for lake in lakes {
            guard let outer = lake.first, BoundingBox(covering: outer).map({ $0.intersects(view) }) ?? false else { continue }
            out.append(contentsOf: lake.map { ring in thinned(ring) { model.point(for: $0) } }.filter { $0.count >= 3 })
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
