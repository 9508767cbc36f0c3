import Foundation
import Gazetteer
import Geo

extension MapBuilder {
    /// The base layers within the model's view: outlines (projected once, at the first zoom step,
    /// and reused at the next), rivers, and lakes (projected at each step, only those that meet the
    /// view); and whether the view gets relief.
    func baseLayers(_ model: inout MapModel, viewKm: Double, _ plan: Plan) {
        baseMap(&model, view: model.extent, viewKm: viewKm, focusCountry: plan.focusCountry, plan.outlines)
        model.lakes = Self.lakeRings(outlines.lines.lakes, in: model.extent, model)
        // Relief at regional scales only (see Hillshade): the shadows are made in build().
        model.showsRelief = outlines.relief != nil && options.theme.relief != nil && Hillshade.viewRange.contains(viewKm)
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
}
