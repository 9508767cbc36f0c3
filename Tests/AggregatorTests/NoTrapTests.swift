@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Ordinary English that once ended a whole run with a runtime trap (robustness issue): a sentence
/// that stops where a rule expected more words. A trap here kills the test process, so each case
/// passes only when the analysis finishes.
@Suite("No report text traps the analysis")
struct NoTrapTests {
    /// The report bodies that trapped, each after a title line, as found in real news
    /// (public geoparsing corpora, a DR Congo report, an AP report on Hama).
    static let reproductions: [String] = [
        "Officials in the city dismissed the rumors.",
        "Fighting in Kabul. Rumors",
        "Kabul is under",
        "Taliban in Kabul pulled",
        "The Taliban attacked Kabul and pushed",
        "Kabul was a holdout",
        "For twenty years the valley resisted.",
        "M23 took Goma but stopped short of conceding control.",
        "Alleged drug dealer's girlfriend will testify.",
    ]

    @Test("The reproductions finish, with and without a title line", arguments: reproductions)
    func reproduction(_ body: String) {
        let withTitle = Fixtures.analyze([(id: "r", text: "Report\n\n" + body)], date: "2024-12-05")
        #expect(withTitle.documents.count == 1)
        let bare = Fixtures.analyze([(id: "r", text: body)], date: nil)
        #expect(bare.documents.count == 1)
    }

    @Test("Kabul is still found in a sentence cut short")
    func placeInCutSentence() {
        let analysis = Fixtures.analyze([(id: "r", text: "Kabul is under")])
        #expect(analysis.places.contains { $0.id.hasPrefix("af/kabul/kabul") })
    }

    /// Every rule reads a window of words after the one it stands on; the traps were windows that ran
    /// past the end of the text. Cutting every sentence of the example reports after each of its
    /// words puts every rule at the end of a text once.
    @Test("Every sentence of the examples, cut after each word, finishes")
    func everyTruncation() {
        var texts: [(id: String, text: String)] = []
        for report in Fixtures.reports {
            let sentences = report.text.split(whereSeparator: { ".!?\n".contains($0) })
            for sentence in sentences {
                let words = sentence.split(separator: " ")
                for n in 1...max(1, words.count) {
                    texts.append((id: "t\(texts.count)", text: words.prefix(n).joined(separator: " ")))
                }
            }
        }
        #expect(texts.count > 1_000)
        let analysis = Fixtures.analyze(texts)
        #expect(analysis.documents.count == texts.count)
    }

    @Test("The command line reads every reproduction in one batch and exits 0")
    func commandLineBatch() throws {
        let dir = try Fixtures.temporaryFolder("notrap")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (i, body) in Self.reproductions.enumerated() {
            try ("Report \(i)\n\n" + body + "\n").write(toFile: dir + "/r\(i).txt", atomically: true, encoding: .utf8)
        }
        let (status, output) = try Fixtures.run(Fixtures.builtExecutable("conflictmap"), ["analyze", dir, "--gazetteer", Fixtures.gazetteerPath])
        #expect(status == 0, "\(output.prefix(500))")
        let json = try #require(output.firstIndex(of: "{").map { String(output[$0...]) })
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let documents = object?["documents"] as? [Any]
        #expect(documents?.count == Self.reproductions.count)
    }

    /// A report of one endless sentence (a table, a list, a hostile input) made the claim reader's
    /// work grow with the square of its length: 76 KB took 5 s and 350 MB, 228 KB over a minute.
    /// It is now read in pieces of at most ``DocumentReader/longestSentence`` words, and a place is
    /// looked up by binary search, so the work grows with the length.
    @Test("Text with no sentence ends is read in bounded pieces, and every claim in it is still read")
    func endlessSentence() {
        let unit = "The Taliban attacked Kabul and pushed "
        let text = "Report\n\n" + String(repeating: unit, count: 2_000)
        let tokenized = Tokenizer.tokenize(text)
        let mentions = MentionFinder(gazetteer: Fixtures.gazetteer).find(in: Report(id: "r", path: "r", title: "", text: text)).mentions
        var reader = DocumentReader(report: Report(id: "r", path: "r", title: "", text: text), text: tokenized, mentions: mentions,
                                    gazetteer: Fixtures.gazetteer, profiles: ActorProfiles())
        let pieces = reader.splitSentences()
        #expect(pieces.allSatisfy { $0.1 - $0.0 < DocumentReader.longestSentence })
        #expect(pieces.count >= 2_000 * 6 / DocumentReader.longestSentence)
        let analysis = Fixtures.analyze([(id: "r", text: text)])
        #expect(analysis.mentions.count == 2_000)
        #expect(analysis.claims.count > 0)
    }
}
