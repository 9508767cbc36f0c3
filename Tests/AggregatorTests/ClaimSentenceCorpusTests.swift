import Aggregator
import Foundation
import Testing
import TestSupport

/// The claim-reading rules tested one by one from a corpus file of sentences with their expected
/// claims (`Fixtures/claim-sentences.tsv`), the way Duckling and spaCy's rule matcher keep rules
/// and examples together: adding a rule means adding its rows.
@Suite("Claim rules from the sentence corpus")
struct ClaimSentenceCorpusTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var rule: String
        var date: String
        var sentence: String
        var expected: Set<String>
        var testDescription: String { "\(rule): \(sentence)" }
    }

    static let rows: [Row] = {
        let path = Fixtures.root + "/Tests/AggregatorTests/Fixtures/claim-sentences.tsv"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> Row? in
            guard !line.hasPrefix("#") else { return nil }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 4 else { return nil }
            let expected = cols[3] == "-" ? [] : Set(cols[3].components(separatedBy: " ; ").map { $0.trimmingCharacters(in: .whitespaces) })
            return Row(rule: cols[0], date: cols[1], sentence: cols[2], expected: expected)
        }
    }()

    /// A claim as the corpus writes it: actor|action|place, then |denied, |hedged, |partial when set.
    static func written(_ c: Claim) -> String {
        var parts = [c.actor, c.action, c.place]
        if c.denied { parts.append("denied") }
        if c.hedged { parts.append("hedged") }
        if c.partial { parts.append("partial") }
        return parts.joined(separator: "|")
    }

    @Test("The corpus file is read whole: every row has four columns and a known form")
    func corpusRead() throws {
        let path = Fixtures.root + "/Tests/AggregatorTests/Fixtures/claim-sentences.tsv"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == Self.rows.count && Self.rows.count >= 15)
        #expect(Set(Self.rows.map(\.rule)).count >= 15)
    }

    @Test("Each sentence gives exactly its expected claims", arguments: rows)
    func sentence(_ row: Row) {
        let a = Fixtures.claimsAnalyzer.analyze([Report(id: "s", path: "s.txt", title: "", text: row.sentence, date: row.date)])
        let got = Set(a.claims.map(Self.written))
        #expect(got == row.expected, "rule \(row.rule): got \(got.sorted()), expected \(row.expected.sorted())")
    }
}
