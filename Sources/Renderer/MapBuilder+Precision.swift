import Aggregator
import Foundation

// Honest precision (the cartography issue, part 4): an area is shaded only for claims about the
// whole of it. ACLED and UCDP code location precision for the same reason: a claim about a camp,
// the outskirts or "northern X" must not paint all of X.
extension MapBuilder {
    /// The provinces whose every claim (denials aside) is about part of them (`Claim.partial`):
    /// drawn as a marker at the province's point, its outline left unshaded.
    static func claimedOnlyInPart(_ places: [PlaceSummary], claims: [Claim]) -> Set<String> {
        var partial: [String: Bool] = [:]
        for c in claims where !c.denied { partial[c.place] = (partial[c.place] ?? true) && c.partial }
        return Set(places.filter { $0.precision == .province && partial[$0.id] == true }.map(\.id))
    }
}
