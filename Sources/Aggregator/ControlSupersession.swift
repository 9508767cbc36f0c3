import Foundation

// Control over time: a side said to have taken a place on a later day overtakes what was said of
// it before ("Rebels captured Kidal" on the 10th, "the army recaptured Kidal" on the 14th: the
// army holds it, not a contest), as analysts read a run of reports.

extension ControlScoring {
    /// The day a claim tells of: its own date, else its report's.
    static func day(of c: Claim, reportDates: [String: String?]) -> Int? {
        (CivilDate(c.date) ?? CivilDate(reportDates[c.document] ?? nil))?.dayNumber
    }

    /// The last day each side is said, plainly, to have taken the place: it captured or regained
    /// it, or the other side lost it or withdrew (claims neither hedged, partial nor denied).
    static func lastTaken(_ claims: [Claim], reportDates: [String: String?]) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in claims where !c.hedged && !c.partial && !c.denied {
            guard let action = c.actionKind, let day = day(of: c, reportDates: reportDates) else { continue }
            let taker: String?
            switch action {
            case .captured, .regained: taker = c.actor
            case .lost, .withdrew: taker = c.opponent
            case .holds, .attacked, .contested: taker = nil
            }
            if let taker { out[taker] = max(out[taker] ?? day, day) }
        }
        return out
    }

    /// Whether a claim of `day` is overtaken by another side taking the place on a later day: a
    /// claim that its own side holds or took it, or of fighting there.
    static func supersededOn(_ day: Int, by taken: [String: Int], for c: Claim, _ action: ClaimAction) -> Bool {
        let side: String?
        switch action {
        case .captured, .holds, .regained: side = c.actor
        case .lost, .withdrew: side = c.opponent
        case .attacked: side = c.role == .origin ? c.actor : nil
        case .contested: side = nil
        }
        if action == .attacked && c.role != .origin && c.ranged { return false }
        return taken.contains { other, on in other != side && on > day }
    }
}
