import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

@Suite("Analysis with the gazetteer's index cache")
struct IndexCacheAnalysisTests {
    @Test("Analysing the example reports with the gazetteer read from its index cache gives the same analysis, byte for byte")
    func sameAnalysis() throws {
        // The first load makes the cache if no test or command has yet; the second reads it.
        _ = try Gazetteer.load(from: Fixtures.gazetteerPath, indexCache: true)
        let cached = try Gazetteer.load(from: Fixtures.gazetteerPath, indexCache: true)
        #expect(cached.isFromIndexCache)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let analyzer = Analyzer(gazetteer: cached, actors: Fixtures.actors)
        let fromCache = try encoder.encode(analyzer.analyze(Fixtures.reports))
        let fromFiles = try encoder.encode(Fixtures.claimsAnalysis)
        #expect(fromCache == fromFiles)
        #expect(analyzer.settings == Fixtures.claimsAnalyzer.settings)
    }
}
