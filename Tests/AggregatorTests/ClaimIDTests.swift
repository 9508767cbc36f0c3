import Aggregator
import Foundation
import Geo
import Testing
import TestSupport

/// Claim ids everywhere (issue 14): each claim in the analysis JSON (and in partial results, whose
/// hand-written writer must match `JSONEncoder`) carries the `Claim.claimID` that claims-csv, the
/// map's layout JSON and the SVG's `data-claim` carry; reading ignores it.
@Suite("Claim ids in the analysis JSON, claims-csv, the layout JSON and the SVG")
struct ClaimIDTests {
    /// The `data-claim` values of an SVG, split at spaces (a badge lists its rows' ids).
    static func svgClaimIDs(_ svg: String) -> Set<String> {
        var ids = Set<String>()
        var rest = svg[...]
        while let r = rest.range(of: "data-claim=\"") {
            rest = rest[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            for id in rest[..<end].split(separator: " ") { ids.insert(String(id)) }
            rest = rest[end...]
        }
        return ids
    }

    @Test("The same ids in analyze's JSON, claims-csv, render's layout JSON and SVG", arguments: ["panjshir-2021", "syria-2024"])
    func everywhere(example: String) throws {
        let dir = try Fixtures.temporaryFolder("claim-ids")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = Fixtures.root + "/Examples/" + example
        let json = try Fixtures.conflictmap(["analyze", reports, "--quiet"])
        let csv = try Fixtures.conflictmap(["analyze", reports, "--format", "claims-csv", "--quiet"])
        let map = try Fixtures.conflictmap(["render", reports, "--out", dir + "/map.svg", "--layout", dir + "/layout.json", "--quiet"])
        #expect(json.status == 0 && csv.status == 0 && map.status == 0, "\(json.errors) \(csv.errors) \(map.errors)")

        let claims = try #require(try JSONValue.parse(json.text)["claims"]?.arrayValue)
        let jsonIDs = claims.compactMap { $0["id"]?.stringValue }
        #expect(jsonIDs.count == claims.count && !claims.isEmpty, "every claim has an id")
        // The id is the one the claim's fields give.
        let decoded = try JSONDecoder().decode(Analysis.self, from: json.output)
        #expect(decoded.claims.map(\.claimID) == jsonIDs)
        // claims-csv: the same ids, row for row.
        let rows = ClaimTableTests.parse(csv.text).dropFirst()
        #expect(rows.compactMap(\.first) == jsonIDs)
        // The map shows some of the claims (its panel has room for so many): their ids are the analysis' ids.
        let layout = try JSONValue.parse(try String(contentsOfFile: dir + "/layout.json", encoding: .utf8))
        var layoutIDs = Set<String>()
        for e in layout["elements"]?.arrayValue ?? [] {
            if let id = e["claim"]?.stringValue { layoutIDs.insert(id) }
            for id in e["claims"]?.arrayValue ?? [] { if let s = id.stringValue { layoutIDs.insert(s) } }
        }
        #expect(!layoutIDs.isEmpty)
        #expect(layoutIDs.isSubset(of: Set(jsonIDs)), "\(layoutIDs.subtracting(jsonIDs))")
        let svg = try String(contentsOfFile: dir + "/map.svg", encoding: .utf8)
        #expect(Self.svgClaimIDs(svg) == layoutIDs)
    }

    @Test("Reading ignores the stored ids: a claim's id is always that of what it says, and render --from still reads the JSON")
    func reading() throws {
        let analysis = Fixtures.claimsAnalysis
        let data = try analysis.data(format: .json)
        #expect(try Analysis.read(data, source: "analysis.json") == analysis)
        // A wrong id in the file is ignored: the id read back is computed from what the claim says
        // (it would be the wrong one if reading kept the stored id).
        var text = String(decoding: data, as: UTF8.self)
        let first = try #require(analysis.claims.first)
        text = text.replacingOccurrences(of: "\"id\" : \"\(first.claimID)\"", with: "\"id\" : \"claim-000000000000\"")
        #expect(text.contains("claim-000000000000"))
        let read = try Analysis.read(Data(text.utf8), source: "edited.json")
        #expect(read.claims.map(\.claimID) == analysis.claims.map(\.claimID))
        // The partial result carries the ids too, written by hand exactly as JSONEncoder writes them.
        let partial = Fixtures.claimsAnalyzer.partial(Fixtures.reports)
        let line = String(decoding: try partial.jsonLine(), as: UTF8.self)
        for c in analysis.claims { #expect(line.contains("\"id\":\"\(c.claimID)\"")) }
        let dir = try Fixtures.temporaryFolder("from-json")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/analysis.json"))
        let drawn = try Fixtures.conflictmap(["render", "--from", dir + "/analysis.json", "--out", dir + "/from.svg", "--quiet"])
        let direct = try Fixtures.conflictmap(["render", Fixtures.examplesPath, "--out", dir + "/direct.svg", "--quiet"])
        #expect(drawn.status == 0 && direct.status == 0, "\(drawn.errors)")
        #expect(FileManager.default.contents(atPath: dir + "/from.svg") == FileManager.default.contents(atPath: dir + "/direct.svg"))
    }
}
