import Aggregator
import Foundation
import Testing
import TestSupport

/// `analyze --format claims-csv`: one row per claim as a report states it, with the id the map's
/// claims panel carries, read back by a CSV parser; the streamed command and the library agree.
@Suite("Claims as a flat table")
struct ClaimTableTests {
    /// RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let ch = chars.popFirst() {
            if quoted {
                if ch == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(ch) }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                row.append(field); field = ""
            } else if ch == "\r\n" || ch == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.append(ch)
            }
        }
        return rows
    }

    @Test("One row per claim, 19 columns, the claim ids of the analysis; the command line writes the same table")
    func table() throws {
        let analysis = Fixtures.claimsAnalysis
        let rows = Self.parse(analysis.claimsCSV())
        let header = try #require(rows.first)
        #expect(header == ["claim_id", "place_id", "place", "lat", "lon", "actor", "action", "role", "claimant", "status", "hedged",
                           "denied", "partial", "date", "document", "outlet", "sentence", "rule", "confidence"])
        let body = rows.dropFirst()
        #expect(body.count == analysis.claims.count && !body.isEmpty)
        #expect(body.allSatisfy { $0.count == header.count })
        for (row, claim) in zip(body, analysis.claims) {
            #expect(row[0] == claim.claimID && row[0].hasPrefix("claim-") && row[0].count == 18)
            #expect(row[1] == claim.place && row[5] == claim.actor && row[16] == claim.sentence)
            #expect(Double(row[3]) != nil && Double(row[4]) != nil, "\(row)")
            // How the claim was read, and how sure the reading is (two decimals, 0…1).
            #expect(row[17] == claim.rule && ClaimRule.named(row[17]) != nil, "\(row)")
            let confidence = try #require(Double(row[18]), "\(row)")
            #expect((0...1).contains(confidence) && abs(confidence - claim.confidence) < 0.005 && row[18].count == 4, "\(row)")
        }
        // The same statement in two reports is one claim: the id depends on what is said, not where.
        let ids = Dictionary(grouping: analysis.claims, by: \.claimID)
        #expect(ids.values.contains { Set($0.map(\.document)).count > 1 })

        let (status, output) = try Fixtures.run(Fixtures.builtExecutable("conflictmap"),
                                                ["analyze", Fixtures.examplesPath, "--format", "claims-csv", "--quiet"])
        #expect(status == 0)
        #expect(Self.parse(output).map { $0[0] } == rows.map { $0[0] })
    }

    @Test("A sentence that starts like a formula is made safe for a spreadsheet unless raw cells are asked for")
    func formulaSafe() {
        let a = Fixtures.analyze([(id: "r", text: "=Taliban fighters captured Charikar on Monday, officials said.")], date: "2021-08-15")
        let rows = Self.parse(a.claimsCSV())
        #expect(rows.count >= 2)
        #expect(rows.dropFirst().allSatisfy { !$0[16].hasPrefix("=") }, "\(rows)")
    }
}
