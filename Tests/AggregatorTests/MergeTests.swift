import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// Partial results of disjoint batches merge to exactly the result of one run over all of them.
@Suite("Merging partial analyses")
struct MergeTests {
    /// The example reports plus reports from other wars, so that every kind of record is present.
    static let reports: [Report] = Fixtures.reports + [
        Report(id: "ua", path: "other/ua.txt", title: "Kherson",
               text: "Ukrainian forces entered Kherson on Friday after Russia withdrew from the city, Ukraine's defence ministry said.",
               date: "2022-11-12", outlet: "Wire"),
        Report(id: "sd", path: "other/sd.txt", title: "Nyala",
               text: "The Rapid Support Forces said on Thursday they had seized Nyala. Sudan's army denied the claim. Fighting near Zorgistan continued.",
               date: "2023-10-27"),
    ]

    static let whole = Fixtures.claimsAnalyzer.analyze(reports)

    typealias SplitMix = Fixtures.SplitMix

    @Test("Random disjoint splits, merged in random order and grouping, finalize to the single-run result", arguments: 0..<12)
    func randomSplits(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed) &* 7919 &+ 1)
        let shuffled = Self.reports.shuffled(using: &rng)
        let batchCount = Int.random(in: 1...shuffled.count, using: &rng)
        var batches = Array(repeating: [Report](), count: batchCount)
        for (i, r) in shuffled.enumerated() { batches[i < batchCount ? i : Int.random(in: 0..<batchCount, using: &rng)].append(r) }
        var parts = batches.map { Fixtures.claimsAnalyzer.partial($0) }
        // Merge pairwise in a random tree.
        while parts.count > 1 {
            let i = Int.random(in: 0..<parts.count, using: &rng)
            let a = parts.remove(at: i)
            let j = Int.random(in: 0..<parts.count, using: &rng)
            let b = parts.remove(at: j)
            parts.append(Bool.random(using: &rng) ? a.merging(b) : b.merging(a))
        }
        let merged = try #require(parts.first).finalize()
        #expect(merged == Self.whole, "split into \(batches.map(\.count))")
        #expect(try merged.jsonData() == Self.whole.jsonData())
    }

    @Test("Merge is associative and commutative, and the empty partial is its identity")
    func algebra() {
        let a = Fixtures.claimsAnalyzer.partial(Array(Self.reports[0..<2]))
        let b = Fixtures.claimsAnalyzer.partial(Array(Self.reports[2..<5]))
        let c = Fixtures.claimsAnalyzer.partial(Array(Self.reports[5...]))
        #expect(a.merging(b).merging(c) == a.merging(b.merging(c)))
        #expect(a.merging(b) == b.merging(a))
        #expect(a.merging(PartialAnalysis()) == a)
        #expect(PartialAnalysis.merge([c, a, b]).finalize() == Self.whole)
    }

    @Test("A partial result survives JSON (for other processes), and a different format version is refused")
    func codable() throws {
        let part = Fixtures.claimsAnalyzer.partial(Self.reports)
        let data = try JSONEncoder().encode(part)
        let back = try JSONDecoder().decode(PartialAnalysis.self, from: data)
        #expect(back == part)
        #expect(back.finalize() == Self.whole)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format_version\":2"))
        let future = text.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":99")
        #expect(throws: PartialFormatError.newerVersion(99)) { try JSONDecoder().decode(PartialAnalysis.self, from: Data(future.utf8)) }
    }

    @Test("A report in two batches is kept once")
    func duplicates() {
        let a = Fixtures.claimsAnalyzer.partial(Array(Self.reports[0..<3]))
        let b = Fixtures.claimsAnalyzer.partial(Array(Self.reports[2..<7]))
        #expect(a.merging(b).finalize() == Self.whole)
    }

    @Test("The worker threads' split gives the same result as one thread")
    func threads() {
        var one = Fixtures.claimsAnalyzer
        one.threads = 1
        var many = Fixtures.claimsAnalyzer
        many.threads = 4
        let big = (0..<60).map { i in
            var r = Self.reports[i % Self.reports.count]
            r.id += "-\(i)"
            r.text += String(repeating: " Filler words keep the batch large enough for threads.", count: 400)
            return r
        }
        #expect(one.analyze(big) == many.analyze(big))
    }
}
