import Foundation

/// What changed at one place between two days.
public struct PlaceChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A side now holds it that did not before, and a claim made since says it took it (changed
        /// hands when `before` had another side).
        case advance
        /// Now contested; before, it was held by one side or by none.
        case contested
        /// Held or contested before; nothing holds it now (the claims were denied or have aged out).
        case cleared
        /// Control as before, but a claim made since was denied.
        case denied
        /// New claims since, none of them of a side taking it: control as before, or known only now
        /// from reports of earlier events.
        case newClaims = "new-claims"
    }
    public var place: String
    public var name: String
    public var kind: Kind
    public var before: ControlAssessment
    public var after: ControlAssessment
    /// For an advance: whether an independent source (a third party or the report itself, unhedged
    /// and undenied) says so since, as ISW's "assessed advance"; otherwise only a side claims it.
    public var assessed: Bool
    /// The claims made since, by id.
    public var claims: [String]

    enum CodingKeys: String, CodingKey { case place, name, kind, before, after, assessed, claims }
}

/// The changes between the map as of `since` and as of `until`: ``Analysis/changes(since:until:scoring:)``.
public struct ControlChanges: Sendable, Hashable, Codable {
    public var since: String
    public var until: String
    public var changes: [PlaceChange]

    /// The change at a place, if any.
    public func change(at place: String) -> PlaceChange? { changes.first { $0.place == place } }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

extension Analysis {
    /// What changed between the end of `since` and the end of `until` (the last report date when
    /// `nil`), each side scored as ``asOf(_:scoring:)`` scores it. `nil` when a date is not a
    /// calendar date, or `until` is before `since`.
    public func changes(since: String, until: String? = nil, scoring: ControlScoring = ControlScoring()) -> ControlChanges? {
        guard let start = CivilDate(since), let endText = until ?? dateRange?.last, let end = CivilDate(endText), start <= end,
            let before = asOf(start.iso, scoring: scoring), let after = asOf(end.iso, scoring: scoring) else { return nil }
        let fresh = Dictionary(grouping: after.claimsMade(after: start.iso), by: \.place)
        let beforePlaces = Dictionary(before.places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // One side written two ways on two days is one side (as the scoring groups names).
        let sides = SideNames.canonical(after.claims.reduce(into: [:]) { $0[$1.actor, default: 0] += 1 })
        func side(_ name: String?) -> String? { name.map { sides[$0] ?? $0 } }
        var out: [PlaceChange] = []
        // (The later day's places include the earlier day's: its reports include the earlier ones.)
        for p in after.places {
            let was = beforePlaces[p.id]?.control ?? .none
            let new = fresh[p.id] ?? []
            // A side took it since only if a claim made since says it took it; else it is news of before.
            let taking = new.filter { Self.takes($0, side: side(p.control.actor), sides: sides) }
            guard let kind = Self.changeKind(was: was, now: p.control, newClaims: new, taken: !taking.isEmpty, side: side) else { continue }
            let assessed = kind == .advance && taking.contains(where: \.isIndependentReport)
            out.append(PlaceChange(place: p.id, name: p.name, kind: kind, before: was, after: p.control, assessed: assessed,
                                   claims: new.map(\.claimID).uniqued()))
        }
        out.sort { ($0.kind.order, $0.name, $0.place) < ($1.kind.order, $1.name, $1.place) }
        return ControlChanges(since: start.iso, until: end.iso, changes: out)
    }

    /// The claims made after the end of `day`: in reports dated after it, about events not dated
    /// on or before it (a report of 8 December retelling the capture of Aleppo on 30 November makes
    /// no new claim for a change map from 1 December). Empty when `day` is not a date.
    public func claimsMade(after day: String) -> [Claim] {
        guard let start = CivilDate(day) else { return [] }
        let dates = Dictionary(documents.map { ($0.id, CivilDate($0.date)) }, uniquingKeysWith: { a, _ in a })
        return claims.filter { c in
            guard let reported = dates[c.document] ?? nil, reported > start else { return false }
            return CivilDate(c.date).map { $0 > start } ?? true
        }
    }

    /// What changed, from the standing before and after and the claims made since; `taken`: a
    /// claim made since says the side now holding it took it.
    static func changeKind(was: ControlAssessment, now: ControlAssessment, newClaims: [Claim], taken: Bool,
                           side: (String?) -> String?) -> PlaceChange.Kind? {
        switch now.status {
        case .claimed where !(was.status == .claimed && side(was.actor) == side(now.actor)):
            // Held now, by another side, with no claim since of taking it: news of before.
            return taken ? .advance : (newClaims.isEmpty ? nil : .newClaims)
        case .contested where was.status != .contested: return .contested
        case .none where was.status != .none: return .cleared
        default:
            if newClaims.contains(where: \.denied) { return .denied }
            return newClaims.isEmpty ? nil : .newClaims
        }
    }

    /// Whether a claim says that `side` took its place: captured or regained it, or the other side
    /// lost it or withdrew (not that it holds it, which may be old news).
    static func takes(_ c: Claim, side: String?, sides: [String: String]) -> Bool {
        guard let side, !c.denied, let action = c.actionKind else { return false }
        func same(_ name: String?) -> Bool { name.map { (sides[$0] ?? $0) == side } ?? false }
        switch action {
        case .captured, .regained: return same(c.actor)
        case .lost, .withdrew: return same(c.opponent)
        case .holds, .attacked, .contested: return false
        }
    }
}

extension PlaceChange.Kind {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
