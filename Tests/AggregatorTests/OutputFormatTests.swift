import Aggregator
import Foundation
import Geo
import Testing
import TestSupport

@Suite("The analyze output formats")
struct OutputFormatTests {
    let analysis = Fixtures.claimsAnalysis

    @Test("JSON has the keys the issue lists, for documents, places, mentions, claims and unresolved names")
    func jsonKeys() throws {
        let value = try JSONValue.parse(String(decoding: try analysis.data(format: .json), as: UTF8.self))
        func keys(_ v: JSONValue?) -> Set<String> { Set(v?.objectValue?.map(\.0) ?? []) }
        #expect(keys(value).isSuperset(of: ["documents", "places", "mentions", "claims", "unresolved"]))
        let document = value["documents"]?.arrayValue?.first
        #expect(keys(document).isSuperset(of: ["id", "path", "title", "date", "source_cluster"]))
        let place = value["places"]?.arrayValue?.first
        #expect(keys(place).isSuperset(of: ["id", "name", "kind", "lat", "lon", "precision", "mentions", "documents", "sources", "control"]))
        let control = keys(place?["control"])
        #expect(control == ["status", "actor", "confidence"] || control == ["status", "actor", "confidence", "colour"])
        let mention = value["mentions"]?.arrayValue?.first
        #expect(keys(mention).isSuperset(of: ["document", "place", "surface", "start", "end", "match"]))
        let claims = try #require(value["claims"]?.arrayValue)
        for c in claims {
            #expect(keys(c).isSuperset(of: ["document", "place", "actor", "action", "claimant", "hedged", "denied", "sentence", "start", "end", "date", "rule", "confidence"]))
        }
        #expect(claims.contains { $0["quantity"]?.stringValue == "three districts" })
        // Documents carry `date` even when it is unknown (null), and a place without control says so.
        #expect(value["places"]?.arrayValue?.contains { $0["control"]?["status"]?.stringValue == "none" && $0["control"]?["actor"] == JSONValue.null } == true)
    }

    @Test("GeoJSON without outlines: one Point feature per place with the CSV's columns first, and GDAL's ogrinfo opens it")
    func geoJSON() throws {
        let data = try analysis.data(format: .geojson)
        let value = try JSONValue.parse(String(decoding: data, as: UTF8.self))
        #expect(value["type"]?.stringValue == "FeatureCollection")
        let features = try #require(value["features"]?.arrayValue)
        #expect(features.count == analysis.namedPlaces.count)
        for (f, p) in zip(features, analysis.namedPlaces) {
            #expect(f["geometry"]?["type"]?.stringValue == "Point")
            #expect(f["properties"]?["geometry_source"]?.stringValue == "point")
            let rounded = [p.longitude, p.latitude].map { ($0 * 1e6).rounded() / 1e6 }
            #expect(f["geometry"]?["coordinates"]?.arrayValue?.compactMap(\.doubleValue) == rounded)
            #expect(f["properties"]?["control_status"]?.stringValue == p.control.status.rawValue)
            #expect(f["properties"]?["sources"]?.intValue == Int64(p.sources))
            #expect(f["properties"]?.objectValue?.prefix(Analysis.placeColumns.count).map(\.0) == Analysis.placeColumns)
        }
        let dir = try Fixtures.temporaryFolder("geojson")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/places.geojson"
        try data.write(to: URL(fileURLWithPath: path))
        let info = try Fixtures.run("ogrinfo", ["-ro", "-al", "-so", path])
        #expect(info.status == 0, "ogrinfo: \(info.output)")
        #expect(info.output.contains("Feature Count: \(analysis.namedPlaces.count)"), "\(info.output)")
        #expect(info.output.contains("Geometry: Point"))
        for field in ["control_status", "control_actor", "control_confidence", "sources", "mentions", "control_sides", "claim_ids"] {
            #expect(info.output.contains(field + ":"), "ogrinfo lists no field \(field)")
        }
        #expect(!info.output.contains("ERROR") && !info.output.contains("Warning"), "\(info.output)")
    }

    @Test("CSV: a header and one row per place; fields with commas, quotes or line breaks are quoted (RFC 4180)")
    func csv() throws {
        let text = analysis.csv()
        let rows = Self.parseCSV(text)
        #expect(rows.first == Analysis.placeColumns)
        #expect(rows.count == analysis.namedPlaces.count + 1)
        #expect(text.hasSuffix("\r\n"))
        // A name that needs quoting survives the round trip.
        var tricky = analysis
        tricky.places[0].name = "Say \"Kabul\", or\r\nKābul"
        let parsed = Self.parseCSV(tricky.csv())
        #expect(parsed[1][1] == "Say \"Kabul\", or\r\nKābul")
        #expect(parsed.count == analysis.namedPlaces.count + 1)
    }

    /// A strict RFC 4180 reader.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < s.count, s[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 1 } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r", i + 1 < s.count, s[i + 1] == "\n" {
                row.append(field); rows.append(row); row = []; field = ""; i += 1
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        return rows
    }

    @Test("Reports on standard input: JSON Lines, or one plain-text report")
    func standardInput() {
        let lines = #"{"title":"A","text":"Fighting near Charikar.","date":"2021-09-03"}"# + "\n" + #"{"title":"B","text":"Kabul."}"#
        let (reports, warnings) = ReportReader().parseStandardInput(Data(lines.utf8))
        #expect(reports.count == 2 && warnings.isEmpty)
        #expect(reports.allSatisfy { $0.path == "-" })
        #expect(reports[0].date == "2021-09-03")
        let (plain, _) = ReportReader().parseStandardInput(Data("Clashes in Panjshir\nThe Taliban attacked.".utf8))
        #expect(plain.count == 1 && plain[0].title == "Clashes in Panjshir")
    }
}
