import Foundation
import Geo

// The claims as a flat table (`analyze --format claims-csv`): one row per claim as a report states
// it, with the claim's id as the map shows it, so that a report writer can number a claims table
// exactly as the map's panel and badges do.
extension Claim {
    /// The id of what the claim says (place, actor, action, role, denial): `claim-` and 12
    /// hexadecimal digits, the same on every run and for every report that says the same thing. The
    /// map's claims panel rows, badges and SVG `data-claim` attributes carry the same id.
    public static func id(place: String, actor: String, action: String, origin: Bool, denied: Bool) -> String {
        var h = StableHasher()
        for part in [place, actor, action, origin ? "origin" : "target", denied ? "denied" : "stated"] { h.add(part) }
        return "claim-" + h.hex.prefix(12)
    }

    /// This claim's ``id(place:actor:action:origin:denied:)``.
    public var claimID: String { Self.id(place: place, actor: actor, action: action, origin: role == .origin, denied: denied) }

    /// How far the claim is established, in the words of the map's claims panel: denied,
    /// independently reported (a third party or the reporter, unhedged), unverified (hedged), or
    /// not independently verified (a side's own word).
    public var status: String {
        denied ? "denied" : isIndependentReport ? "independently reported" : hedged ? "unverified" : "not independently verified"
    }
}

enum ClaimTable {
    /// The columns of `claims-csv`, in order (`rule` and `confidence` last, so that the earlier columns keep their places).
    static let columns = [
        "claim_id", "place_id", "place", "lat", "lon", "actor", "action", "role", "claimant", "status", "hedged", "denied",
        "partial", "date", "document", "outlet", "sentence", "rule", "confidence",
    ]

    static var header: String { columns.joined(separator: ",") + "\r\n" }

    /// One row (RFC 4180, CRLF) for a claim, its place's name and point when known, and its report's outlet.
    static func row(_ c: Claim, place: (name: String, lat: Double, lon: Double)?, outlet: String?, cells: CSVCells) -> String {
        func text(_ s: String?) -> String { s.map { Analysis.csvField(cells.guarded($0)) } ?? "" }
        let fields = [
            text(c.claimID), text(c.place), text(place?.name), place.map { JSONValue.format($0.lat) } ?? "",
            place.map { JSONValue.format($0.lon) } ?? "", text(c.actor), text(c.action), text(c.role.rawValue), text(c.claimant),
            text(c.status), String(c.hedged), String(c.denied), String(c.partial), text(c.date), text(c.document), text(outlet),
            text(c.sentence), text(c.rule), String(format: "%.2f", c.confidence),
        ]
        return fields.joined(separator: ",") + "\r\n"
    }
}

extension Analysis {
    /// One row per claim with a header row (`claims-csv`).
    public func claimsCSV(cells: CSVCells = .spreadsheetSafe) -> String {
        let placeByID = Dictionary(places.map { ($0.id, (name: $0.name, lat: $0.latitude, lon: $0.longitude)) }, uniquingKeysWith: { a, _ in a })
        let outletByDocument = Dictionary(documents.map { ($0.id, $0.outlet) }, uniquingKeysWith: { a, _ in a })
        var out = ClaimTable.header
        for c in claims { out += ClaimTable.row(c, place: placeByID[c.place], outlet: outletByDocument[c.document] ?? nil, cells: cells) }
        return out
    }
}
