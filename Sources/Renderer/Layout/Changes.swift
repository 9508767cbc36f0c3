import Aggregator
import Foundation

/// How a change map marks what changed at a place (``MapOptions/changes``), after ISW's pair of
/// "assessed" and "claimed" advances.
enum ChangeMark: Sendable, Hashable {
    /// A side took it, and an independent source says so: a solid ring in its colour.
    case assessedAdvance(actor: Int)
    /// A side took it by its own or its opponent's word only: a dashed ring in its colour.
    case claimedAdvance(actor: Int)
    /// Newly contested: a dark ring, dashed short.
    case contested
    /// Held or contested before, held by nobody now: a dotted grey ring.
    case cleared
    /// A claim made since was denied; control as before: a thin ring with a slash.
    case denied
    /// New claims, none of them of a side taking the place (its control may read otherwise now, from
    /// reports of earlier days): a thin dark ring.
    case newClaims

    /// The legend's words for it, with the first day of the change map.
    func legendText(since: String, palette: ActorPalette) -> String {
        let day = MapBuilder.readableDate(since)
        switch self {
        case .assessedAdvance(let a): return "Taken by \(palette.name(a)) since \(day), reported independently"
        case .claimedAdvance(let a): return "Claimed taken by \(palette.name(a)) since \(day), not verified"
        case .contested: return "Contested since \(day)"
        case .cleared: return "No side holds it any more (since \(day))"
        case .denied: return "Claim since \(day) denied"
        case .newClaims: return "New claims since \(day), none of a side taking it"
        }
    }

    var order: Int {
        switch self {
        case .assessedAdvance(let a): return a * 2
        case .claimedAdvance(let a): return a * 2 + 1
        case .contested: return 1000
        case .cleared: return 1001
        case .denied: return 1002
        case .newClaims: return 1003
        }
    }
}

extension ActorPalette {
    func name(_ index: Int) -> String { names.indices.contains(index) ? names[index] : "?" }
}

extension MapBuilder {
    /// The change mark of a place, on a change map.
    func changeMark(for placeID: String, palette: ActorPalette) -> ChangeMark? {
        guard let change = options.changes?.change(at: placeID) else { return nil }
        switch change.kind {
        case .advance:
            guard let a = palette.index(of: change.after.actor) else { return nil }
            return change.assessed ? .assessedAdvance(actor: a) : .claimedAdvance(actor: a)
        case .contested: return .contested
        case .cleared: return .cleared
        case .denied: return .denied
        case .newClaims: return .newClaims
        }
    }

    /// On a change map, the analysis with only the claims made since its first day (what the
    /// claims panel lists); otherwise the analysis.
    func changedClaims(_ analysis: Analysis) -> Analysis {
        guard let changes = options.changes else { return analysis }
        var out = analysis
        out.claims = analysis.claimsMade(after: changes.since)
        return out
    }

    /// The legend rows for the change marks drawn, one per meaning.
    func changeLegendRows(_ model: MapModel, _ palette: ActorPalette) -> [Legend.Row] {
        guard let since = options.changes?.since else { return [] }
        let marks = Set(model.markers.compactMap(\.change) + model.areas.compactMap(\.change))
        return marks.sorted { $0.order < $1.order }.map { .init(symbol: .change($0), text: $0.legendText(since: since, palette: palette)) }
    }

    /// A changed place's control before and after, as the layout JSON gives it: "no side → Taliban".
    func changeNote(_ placeID: String) -> String? {
        guard let c = options.changes?.change(at: placeID) else { return nil }
        func say(_ a: ControlAssessment) -> String {
            switch a.status {
            case .none: return "no side"
            case .contested: return "contested"
            case .claimed: return a.actor ?? "a side"
            }
        }
        return "\(say(c.before)) → \(say(c.after))"
    }

    /// On a change map, the side that held a place before another took it, for its label.
    func changedHandsFrom(_ placeID: String) -> String? {
        guard let c = options.changes?.change(at: placeID), c.kind == .advance, c.before.status == .claimed,
              let before = c.before.actor, before != c.after.actor else { return nil }
        return before
    }

    /// The change map's subtitle words: "Changes 4–8 December 2024" (from the end of the first day to
    /// the end of the last).
    var changeSubtitle: String? {
        guard let c = options.changes else { return nil }
        return "Changes " + Self.readableRange(c.since, c.until)
    }
}

extension MapModel {
    /// One layout element per place drawn with a change mark, its text saying what changed.
    var changeElements: [LayoutElement] {
        var out: [LayoutElement] = []
        for a in areas {
            guard let change = a.change else { continue }
            let xs = a.rings.flatMap { $0.map(\.x) }, ys = a.rings.flatMap { $0.map(\.y) }
            guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { continue }
            out.append(LayoutElement(kind: .change, text: changeText(change, a.placeID), place: a.placeID,
                                     rect: Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)))
        }
        for m in markers {
            guard let change = m.change else { continue }
            // The ring drawn (`MapDrawer.drawChange`): 5 units outside the marker, with its stroke.
            let r = m.radius + 7.5 * MapDrawer.unit(self)
            out.append(LayoutElement(kind: .change, text: changeText(change, m.placeID), place: m.placeID,
                                     rect: Rect(x: m.center.x - r, y: m.center.y - r, width: 2 * r, height: 2 * r)))
        }
        return out
    }

    func changeText(_ mark: ChangeMark, _ placeID: String) -> String {
        let words: String
        switch mark {
        case .assessedAdvance: words = "assessed advance"
        case .claimedAdvance: words = "claimed advance"
        case .contested: words = "contested"
        case .cleared: words = "cleared"
        case .denied: words = "denied"
        case .newClaims: words = "new claims"
        }
        return changeNotes[placeID].map { "\(words): \($0)" } ?? words
    }
}
