import Foundation

/// What changed at one place between two days.
public struct PlaceChange: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A side now holds it that did not before (taken, or changed hands when `before` had another side).
        case advance
        /// Now contested; before, it was held by one side or by none.
        case contested
        /// Held or contested before; nothing holds it now (the claims were denied or have aged out).
        case cleared
        /// Control as before, but a claim made since was denied.
        case denied
        /// Control as before, with new claims since.
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
        var out: [PlaceChange] = []
        for p in after.places {
            let was = beforePlaces[p.id]?.control ?? .none
            let new = fresh[p.id] ?? []
            guard let kind = Self.changeKind(was: was, now: p.control, newClaims: new) else { continue }
            let assessed = kind == .advance && new.contains { c in
                c.isIndependentReport && Self.supports(c, p.control.actor)
            }
            out.append(PlaceChange(place: p.id, name: p.name, kind: kind, before: was, after: p.control, assessed: assessed,
                                   claims: new.map(\.claimID).uniqued()))
        }
        // Places held before and named by nothing since keep their control (aged); ones that fell
        // below the threshold are cleared.
        let afterIDs = Set(after.places.map(\.id))
        for p in before.places where !afterIDs.contains(p.id) && p.control.status != .none {
            out.append(PlaceChange(place: p.id, name: p.name, kind: .cleared, before: p.control, after: .none, assessed: false, claims: []))
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

    static func changeKind(was: ControlAssessment, now: ControlAssessment, newClaims: [Claim]) -> PlaceChange.Kind? {
        switch now.status {
        case .claimed where !(was.status == .claimed && was.actor == now.actor): return .advance
        case .contested where was.status != .contested: return .contested
        case .none where was.status != .none: return .cleared
        default:
            if newClaims.contains(where: \.denied) { return .denied }
            return newClaims.isEmpty ? nil : .newClaims
        }
    }

    /// Whether a claim puts `actor` in control of its place.
    static func supports(_ c: Claim, _ actor: String?) -> Bool {
        guard let actor, let action = c.actionKind else { return false }
        switch action {
        case .captured, .holds, .regained: return c.actor == actor
        case .lost, .withdrew: return c.opponent == actor
        case .attacked: return c.role == .origin && c.actor == actor
        case .contested: return false
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
