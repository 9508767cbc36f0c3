import Foundation
import Geo

/// The formats `conflictmap analyze` writes.
public enum AnalysisFormat: String, Sendable, CaseIterable {
    /// The whole analysis: documents, places, mentions, claims, unresolved names.
    case json
    /// One feature per place (RFC 7946): a province or district as its outline (Polygon or
    /// MultiPolygon), any other place as a Point, with the place's counts, control, contesting
    /// sides, claim dates and claims (by id) as properties.
    case geojson
    /// One row per place (RFC 4180), the columns of the GeoJSON's first properties. Text cells that a
    /// spreadsheet would run as a formula are made safe unless asked not to (``CSVCells``).
    case csv
    /// One row per claim as a report states it (RFC 4180): its id (as the map's claims panel and
    /// badges carry it), place, point, actor, action, claimant, status, date, report, outlet and sentence.
    case claimsCSV = "claims-csv"
}

extension Analysis {
    /// The analysis in a format, as bytes ending with a newline. GeoJSON takes the outlines of
    /// provinces and districts from `outlines` (none: every place is a point).
    public func data(format: AnalysisFormat, cells: CSVCells = .spreadsheetSafe, outlines: AreaOutlines = .none) throws -> Data {
        switch format {
        case .json: return try jsonData() + Data("\n".utf8)
        case .geojson: return geoJSONData(outlines: try outlines.load(for: namedPlaces))
        case .csv: return Data(csv(cells: cells).utf8)
        case .claimsCSV: return Data(claimsCSV(cells: cells).utf8)
        }
    }

    /// The columns of the CSV, in order: the first properties of each GeoJSON feature.
    public static let placeColumns = [
        "id", "name", "kind", "lat", "lon", "precision", "mentions", "documents", "sources", "claims",
        "control_status", "control_actor", "control_confidence", "control_colour",
    ]

    static func placeValues(_ p: PlaceSummary) -> [JSONValue] {
        [
            .string(p.id), .string(p.name), .string(p.kind.rawValue), .double(p.latitude), .double(p.longitude),
            .string(p.precision.rawValue), .int(Int64(p.mentions)), .int(Int64(p.documents)), .int(Int64(p.sources)),
            .int(Int64(p.claims)), .string(p.control.status.rawValue), p.control.actor.map(JSONValue.string) ?? .null,
            .double(p.control.confidence), p.control.colour.map(JSONValue.string) ?? .null,
        ]
    }

    /// One row per place with a header row (RFC 4180: CRLF line ends, fields quoted when they hold
    /// a comma, a double quote or a line break, and double quotes doubled).
    public func csv(cells: CSVCells = .spreadsheetSafe) -> String {
        var out = Self.placeColumns.joined(separator: ",") + "\r\n"
        for p in namedPlaces {
            let fields = Self.placeValues(p).map { v -> String in
                switch v {
                case .null: return ""
                case .string(let s): return Self.csvField(cells.guarded(s))
                case .double(let d): return JSONValue.format(d)
                case .int(let i): return String(i)
                default: return Self.csvField(cells.guarded(v.canonicalText))
                }
            }
            out += fields.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// How CSV text cells are written.
///
/// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
/// before one) as a formula, and a report's text ends up in cells: a place name or an actor read
/// from a hostile page could then run `=HYPERLINK(…)` or worse when an analyst opens the file
/// (CSV injection, OWASP). By default such a cell gets a leading apostrophe, which spreadsheets show
/// as text and do not display; `raw` writes every cell exactly as it is, for programs.
public enum CSVCells: String, Sendable, CaseIterable {
    case spreadsheetSafe = "safe"
    case raw

    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    func guarded(_ text: String) -> String {
        guard self == .spreadsheetSafe, let first = text.unicodeScalars.first, Self.formulaStarts.contains(first) else { return text }
        return "'" + text
    }
}
