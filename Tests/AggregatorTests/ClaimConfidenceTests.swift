@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Issue 12 (claims): every claim names the reading that produced it and how sure the reading is.
@Suite("Claim rules and confidence")
struct ClaimConfidenceTests {
    static let wars = ["panjshir-2021", "syria-2024", "myanmar-2024", "drcongo-2025", "ethiopia-2023"]

    static func analysis(_ war: String) throws -> Analysis {
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/" + war]).reports
        return Fixtures.claimsAnalyzer.analyze(reports)
    }

    @Test("Every claim of the example wars names a known rule and has a confidence in 0…1", arguments: wars)
    func everyClaim(_ war: String) throws {
        let a = try Self.analysis(war)
        #expect(!a.claims.isEmpty)
        for c in a.claims {
            #expect(ClaimRule.named(c.rule) != nil, "\(war): rule \"\(c.rule)\" for \(c.actor) \(c.action) \(c.place): \(c.sentence)")
            #expect(c.confidence >= 0 && c.confidence <= 1, "\(war): \(c.confidence)")
        }
    }

    @Test("The rule list: unique names, one line each, a base for every kind and a weight for every feature")
    func ruleList() {
        #expect(Set(ClaimRule.all.map(\.name)).count == ClaimRule.all.count)
        #expect(ClaimRule.all.allSatisfy { !$0.summary.isEmpty && !$0.summary.contains("\n") })
        #expect(ClaimRule.Kind.allCases.allSatisfy { ClaimConfidence.base[$0] != nil })
        #expect(ClaimConfidence.Feature.allCases.allSatisfy { ClaimConfidence.weights[$0] != nil })
        // Each rule the readings name in the code (and may switch off) is on the list.
        for name in ["entryAsCapture", "fellIntoHands", "lossFromTaker", "theseAreas", "withdrawalFromFallen", "heldCompound",
                     "hostileInOwnWords", "activeVerb", "passiveAgent", "underControl", "fellTo"] {
            #expect(ClaimRule.named(name) != nil, "\(name)")
        }
    }

    @Test("The sentence corpus: a claim read from a pronoun is less sure than the same claim with its actor named")
    func pronounLowersConfidence() throws {
        let rows = ClaimSentenceCorpusTests.rows
        let named = try #require(rows.first { $0.rule == "activeCapture" })
        let pronoun = try #require(rows.first { $0.rule == "pronounActor" })
        func claim(_ row: ClaimSentenceCorpusTests.Row) throws -> Claim {
            let a = Fixtures.claimsAnalyzer.analyze([Report(id: "s", path: "s.txt", title: "", text: row.sentence, date: row.date)])
            return try #require(a.claims.first { $0.action == "captured" && $0.place == "sd/gezira/wad-medani" })
        }
        let n = try claim(named), p = try claim(pronoun)
        #expect(n.claimID == p.claimID, "the same claim")
        #expect(n.rule == "activeVerb" && p.rule == "activeVerb")
        #expect(p.actorText.lowercased() == "they")
        #expect(ClaimConfidence.features(of: p).contains(.actorPronoun))
        #expect(p.confidence < n.confidence, "pronoun \(p.confidence), named \(n.confidence)")
    }

    @Test("Rules named by the corpus rows read the way their name says")
    func corpusRules() throws {
        let expected = ["entryAsCapture": "entryAsCapture", "fellIntoHands": "fellIntoHands", "fellTo": "fellTo",
                        "passiveAgent": "passiveAgent", "underControl": "underControl", "activeCapture": "activeVerb",
                        "attempt": "attemptAsAttack"]
        var seen = Set<String>()
        // (The first row of each: later rows of a rule show where it does not apply.)
        for row in ClaimSentenceCorpusTests.rows where expected[row.rule] != nil && seen.insert(row.rule).inserted {
            let a = Fixtures.claimsAnalyzer.analyze([Report(id: "s", path: "s.txt", title: "", text: row.sentence, date: row.date)])
            let first = try #require(a.claims.first, "\(row.sentence)")
            #expect(a.claims.contains { $0.rule == expected[row.rule] }, "\(row.rule): got \(a.claims.map(\.rule)) for \(first.sentence)")
        }
        let loss = try #require(ClaimSentenceCorpusTests.rows.first { $0.rule == "lossFromTaker" })
        let a = Fixtures.claimsAnalyzer.analyze([Report(id: "s", path: "s.txt", title: "", text: loss.sentence, date: loss.date)])
        #expect(a.claims.first { $0.action == "lost" }?.rule == "lossFromTaker")
        #expect(a.claims.first { $0.action == "regained" }?.rule == "activeVerb")
    }

    @Test("JSON round trip: rule kept, confidence and id recomputed the same; neither is part of the id")
    func roundTrip() throws {
        let a = try Self.analysis("syria-2024")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(a.claims)
        let back = try JSONDecoder().decode([Claim].self, from: data)
        #expect(back == a.claims)
        #expect(try encoder.encode(back) == data)
        #expect(back.map(\.confidence) == a.claims.map(\.confidence))
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        for (o, c) in zip(objects, a.claims) {
            #expect(o["rule"] as? String == c.rule)
            #expect((o["confidence"] as? NSNumber)?.doubleValue == c.confidence)
        }
        // Another reading of the same claim is the same claim.
        var other = try #require(a.claims.first)
        let id = other.claimID
        other.rule = "theseAreas"
        #expect(other.claimID == id && other.confidence <= a.claims[0].confidence)
        // A claim from a version without rules decodes with none, and the base confidence of an unknown rule.
        var old = try #require(objects.first)
        old.removeValue(forKey: "rule")
        old.removeValue(forKey: "confidence")
        let decoded = try JSONDecoder().decode(Claim.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.rule == "" && (0...1).contains(decoded.confidence))
    }

    @Test("The analysis JSON and a partial result carry rule and confidence; merging and finalizing keeps them")
    func partialCarries() throws {
        let a = try Self.analysis("myanmar-2024")
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/myanmar-2024"]).reports
        let partial = Fixtures.claimsAnalyzer.partial(reports)
        let line = try partial.jsonLine()
        #expect(line == (try partial.encoderJSONLine()))
        let read = try PartialAnalysis.read(line, source: "test")
        let claims = read.flatMap { $0.documents.flatMap(\.claims) }
        #expect(Set(claims.map(\.rule)) == Set(a.claims.map(\.rule)))
        #expect(claims.allSatisfy { ClaimRule.named($0.rule) != nil })
    }
}

extension ClaimConfidenceTests {
    @Test("The README names every rule of the list")
    func readmeNamesRules() throws {
        let readme = try String(contentsOfFile: Fixtures.root + "/README.md", encoding: .utf8)
        for rule in ClaimRule.all { #expect(readme.contains("`\(rule.name)`"), "\(rule.name)") }
    }
}
