import CCairo
import Foundation

extension MapDrawer {
    /// A change mark round a marker of radius `r` at `c` (a change map, ``MapOptions/changes``).
    static func drawChange(_ mark: ChangeMark, center c: Point, radius r: Double, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, cr = ctx.pointer
        let ring = r + 5 * u
        func halo(_ width: Double) {
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.halo, width: width + 2.5 * u)
        }
        switch mark {
        case .assessedAdvance(let a):
            halo(4.5 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.actorColor(a, model.palette), width: 4.5 * u)
        case .claimedAdvance(let a):
            halo(4.5 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.actorColor(a, model.palette), width: 4.5 * u, dash: [7 * u, 4.5 * u])
        case .contested:
            halo(3 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.text, width: 3 * u, dash: [3 * u, 3 * u])
        case .cleared:
            halo(2.5 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.secondaryText, width: 2.5 * u, dash: [0.5 * u, 4 * u])
        case .denied:
            halo(1.8 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.text, width: 1.8 * u)
            let d = ring * 0.7071
            cairo_move_to(cr, c.x - d, c.y + d)
            cairo_line_to(cr, c.x + d, c.y - d)
            ctx.stroke(t.text, width: 1.8 * u)
        case .newClaims:
            halo(1.8 * u)
            ctx.circle(center: c, radius: ring)
            ctx.stroke(t.text, width: 1.8 * u)
        }
    }

    /// A change mark along an area's outline: its side's colour, solid or dashed as on a marker.
    static func drawAreaChange(_ mark: ChangeMark, rings: [[Point]], _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme
        ctx.rings(rings)
        switch mark {
        case .assessedAdvance(let a): ctx.stroke(t.actorColor(a, model.palette), width: 4.5 * u)
        case .claimedAdvance(let a): ctx.stroke(t.actorColor(a, model.palette), width: 4.5 * u, dash: [7 * u, 4.5 * u])
        case .contested: ctx.stroke(t.text, width: 3 * u, dash: [3 * u, 3 * u])
        case .cleared: ctx.stroke(t.secondaryText, width: 2.5 * u, dash: [0.5 * u, 4 * u])
        case .denied, .newClaims: ctx.stroke(t.text, width: 1.8 * u)
        }
    }

    /// The legend's sample of a change mark: a plain marker with its ring.
    static func drawChangeSample(_ mark: ChangeMark, center c: Point, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        drawMarker(center: c, radius: 5 * u, control: .none, model, ctx, u)
        drawChange(mark, center: c, radius: 5 * u, model, ctx, u)
    }
}
