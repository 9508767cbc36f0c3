@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Issue 6: the same answer however the reports are split, through the partial results' JSON as
/// other processes read it; and bad partial results refused, never merged.
@Suite("Partial results: any split, any merge order, same bytes")
struct PartialResultTests {
    static let analyzer = Fixtures.claimsAnalyzer
    static let corpus = Fixtures.corpus
    static let whole = analyzer.analyze(corpus)
    static let wholePartial = analyzer.partial(corpus)
    typealias SplitMix = Fixtures.SplitMix

    /// The final outputs, byte for byte.
    static func outputs(_ a: Analysis) throws -> [Data] {
        try AnalysisFormat.allCases.map { try a.data(format: $0) }
    }

    /// A partial result written as a process writes it and read back as another reads it.
    static func roundTrip(_ p: PartialAnalysis, source: String = "standard input") throws -> PartialAnalysis {
        let back = try PartialAnalysis.read(try p.jsonLine(), source: source)
        try #require(back.count == 1)
        return back[0]
    }

    @Test("The corpus is a real test: large, with syndicated copies of one story under other names")
    func corpusShape() throws {
        #expect(Self.corpus.count >= 70)
        #expect(Self.corpus.reduce(0) { $0 + $1.text.utf8.count } > 256 << 10)
        let clusters = Dictionary(grouping: Self.whole.documents, by: \.sourceCluster)
        #expect(clusters.values.contains { $0.count >= 10 })
        #expect(clusters.count >= 3)
        #expect(Self.whole.claims.count > 100)
    }

    @Test("Random splits, each batch written and read as JSON, merged in random order and grouping, give the single run's bytes",
          arguments: 0..<10)
    func randomSplits(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed) &* 104_729 &+ 17)
        let shuffled = Self.corpus.shuffled(using: &rng)
        let batchCount = Int.random(in: 1...16, using: &rng)
        var batches = Array(repeating: [Report](), count: batchCount)
        for (i, r) in shuffled.enumerated() { batches[i < batchCount ? i : Int.random(in: 0..<batchCount, using: &rng)].append(r) }
        // Some reports are read twice, in two batches (a retried task): kept once.
        if batchCount > 1 {
            for _ in 0..<3 {
                let r = shuffled[Int.random(in: 0..<shuffled.count, using: &rng)]
                batches[Int.random(in: 0..<batchCount, using: &rng)].append(r)
            }
        }
        // Every batch's partial result, as lines on one standard input, in a random order.
        var stream = Data()
        for b in batches.shuffled(using: &rng) { stream += try Self.analyzer.partial(b).jsonLine() }
        var parts = try PartialAnalysis.read(stream, source: "standard input")
        #expect(parts.count == batchCount)
        // Merged pairwise in a random tree, each intermediate result written and read again.
        while parts.count > 1 {
            let a = parts.remove(at: Int.random(in: 0..<parts.count, using: &rng))
            let b = parts.remove(at: Int.random(in: 0..<parts.count, using: &rng))
            parts.append(try Self.roundTrip(try a.checkedMerging(b)))
        }
        let merged = try #require(parts.first)
        #expect(try merged.jsonLine() == Self.wholePartial.jsonLine(), "split into \(batches.map(\.count))")
        #expect(try Self.outputs(merged.finalize()) == Self.outputs(Self.whole), "split into \(batches.map(\.count))")
        // Copies of one story were in different batches and still make one cluster.
        if batchCount > 1 {
            let batchOf = Dictionary(batches.enumerated().flatMap { b in b.element.map { ($0.id, b.offset) } }, uniquingKeysWith: { a, _ in a })
            let spread = Dictionary(grouping: Self.whole.documents, by: \.sourceCluster).values.contains { docs in
                Set(docs.compactMap { batchOf[$0.id] }).count > 1
            }
            #expect(spread)
        }
    }

    @Test("Merging all the batches' results at once, in any order, gives the same bytes", arguments: 0..<4)
    func mergeAtOnce(seed: Int) throws {
        var rng = SplitMix(state: UInt64(seed) &+ 99)
        let size = Int.random(in: 3...12, using: &rng)
        let batches = stride(from: 0, to: Self.corpus.count, by: size).map { Array(Self.corpus[$0..<min($0 + size, Self.corpus.count)]) }
        let inputs = try batches.enumerated().map { i, b in
            PartialAnalysis.Input(partial: try Self.roundTrip(Self.analyzer.partial(b)), source: "part-\(i)", line: 1)
        }
        let merged = try PartialAnalysis.merge(inputs.shuffled(using: &rng))
        #expect(try merged.jsonLine() == Self.wholePartial.jsonLine())
        #expect(try Self.outputs(merged.finalize()) == Self.outputs(Self.whole))
    }

    @Test("Syndicated copies analysed in separate batches join one cluster when merged")
    func copiesAcrossBatches() throws {
        // 000, 001 and 004 are one story (see the example claim tests); each alone in its batch.
        let copies = Fixtures.reports.filter { ["000", "001", "004"].contains(String($0.id.prefix(3))) }
        try #require(copies.count == 3)
        let alone = copies.map { Self.analyzer.partial([$0]) }
        for p in alone { #expect(Set(p.finalize().documents.map(\.sourceCluster)).count == 1) }
        let merged = try Self.roundTrip(PartialAnalysis.merge(alone.reversed()))
        let clusters = Set(merged.finalize().documents.map(\.sourceCluster))
        #expect(clusters == [copies.map(\.id).min()!])
        // And so a place they all name counts one independent source, not three.
        let panjshir = try #require(merged.finalize().places.first { $0.id == "af/panjshir" })
        #expect(panjshir.documents == 3 && panjshir.sources == 1)
    }

    @Test("Partial results are written exactly as JSONEncoder writes them, on the corpus and on awkward text")
    func writerMatchesEncoder() throws {
        #expect(try Self.wholePartial.jsonLine() == Self.wholePartial.encoderJSONLine())
        let awkward = [
            Report(id: "q\"uote\\back/slash", path: "odd/\u{1}\t\n/ü💥\u{2028}\u{7F}.txt", title: "T\u{0}\u{1F}\u{8}\u{C}\r",
                   text: "The Taliban said on Monday they had \"captured\" Kabul \\ and Charikar.\u{7} Fighting near Zorgistan continued.",
                   date: "2021-09-06", outlet: "Wire/\"X\"", url: "https://example.org/a?b=c&d=\\"),
            Report(id: "2", path: "-", title: "", text: "Ukrainian forces entered Kherson after Russia withdrew from the city, officials said."),
        ]
        let part = Self.analyzer.partial(awkward)
        #expect(part.documents.flatMap(\.claims).count >= 2)
        #expect(try part.jsonLine() == part.encoderJSONLine())
        #expect(try PartialAnalysis.read(part.jsonLine(), source: "test") == [part])
    }

    @Test("A partial result's bytes do not depend on the order of its reports")
    func canonicalBytes() throws {
        var rng = SplitMix(state: 5)
        let some = Array(Self.corpus.prefix(12))
        #expect(try Self.analyzer.partial(some.shuffled(using: &rng)).jsonLine() == Self.analyzer.partial(some).jsonLine())
    }
}

/// Partial results that are cut off, from a newer version, malformed or contradictory are refused
/// with a message naming the input and the line.
@Suite("Partial results: refusals")
struct PartialRefusalTests {
    static let small = Fixtures.claimsAnalyzer.partial(Array(Fixtures.reports.prefix(2)))
    static let line: Data = try! small.jsonLine()

    func problem(_ data: Data, source: String = "standard input") -> PartialAnalysisError? {
        do {
            _ = try PartialAnalysis.read(data, source: source)
            return nil
        } catch {
            return error
        }
    }

    @Test("Cut off anywhere inside, a partial result is refused as truncated")
    func truncated() throws {
        let text = Self.line
        // Every 7th byte, and the places a cut is easiest to miss: just inside the braces, in a string, after a backslash.
        var cuts = Set(stride(from: 1, to: text.count - 2, by: 7))
        cuts.formUnion([1, 2, text.count - 2])
        if let slash = text.firstIndex(of: UInt8(ascii: "\\")) { cuts.insert(slash - text.startIndex + 1) }
        for cut in cuts.sorted() {
            let e = problem(text.prefix(cut))
            #expect(e?.problem == .truncated(bytes: cut), "cut after \(cut) of \(text.count) bytes: \(String(describing: e))")
        }
        // The whole partial result without its final newline is complete.
        #expect(problem(text.dropLast()) == nil)
    }

    @Test("A cut-off partial result after complete ones names its line")
    func truncatedLater() throws {
        let stream = Self.line + Self.line + Self.line.prefix(Self.line.count / 2)
        let e = try #require(problem(stream, source: "parts.jsonl"))
        #expect(e.line == 3)
        #expect(e.description.hasPrefix("parts.jsonl, line 3: is truncated"))
    }

    @Test("A partial result from a newer format version is refused, naming both versions")
    func newer() throws {
        let text = String(decoding: Self.line, as: UTF8.self)
        try #require(text.contains("\"format_version\":2"))
        let newer = Data(text.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":3").utf8)
        let e = try #require(problem(Self.line + newer))
        #expect(e.problem == .newerVersion(3))
        #expect(e.line == 2)
        #expect(e.description.contains("newer conflictmap") && e.description.contains("format 3") && e.description.contains("format 2"))
        let zero = Data(text.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":0").utf8)
        #expect(problem(zero)?.problem == .unknownVersion(0))
    }

    @Test("Malformed input is refused with what is wrong and where")
    func malformed() throws {
        let text = String(decoding: Self.line, as: UTF8.self)
        let cases: [(String, (PartialFormatError) -> Bool, String)] = [
            ("not json at all\n", { if case .malformed = $0 { return true }; return false }, "expected a JSON object"),
            ("[1, 2]\n", { if case .malformed = $0 { return true }; return false }, "expected a JSON object"),
            ("{}\n", { $0 == .notPartial }, "no \"format_version\""),
            ("{\"format_version\":1,\"documents\":[],\"places\":[]}\n", { if case .malformed = $0 { return true }; return false }, "\"actors\" is missing"),
            ("{\"format_version\":\"1\",\"documents\":[],\"places\":[],\"actors\":[]}\n", { if case .malformed = $0 { return true }; return false }, "format_version is not a number"),
            ("{\"format_version\":1,\"documents\":{},\"places\":[],\"actors\":[]}\n", { if case .malformed = $0 { return true }; return false }, "documents is not an array"),
            ("{\"format_version\":1,,}\n", { if case .malformed = $0 { return true }; return false }, "not valid JSON"),
            (text.replacingOccurrences(of: "\"signature\":\"", with: "\"signature\":\"!"), { if case .malformed = $0 { return true }; return false }, "signature"),
            (text.replacingOccurrences(of: "\"place\":\"af/panjshir\"", with: "\"place\":\"af/nowhere\""), { if case .inconsistent = $0 { return true }; return false }, "af/nowhere"),
            (text.replacingOccurrences(of: "\"settings\":", with: "\"x\":"), { if case .inconsistent = $0 { return true }; return false }, "no \"settings\""),
        ]
        for (input, expected, words) in cases {
            let e = problem(Data(input.utf8), source: "bad.jsonl")
            #expect(e.map { expected($0.problem) } == true, "\(input.prefix(80)): \(String(describing: e))")
            #expect(e?.description.hasPrefix("bad.jsonl") == true)
            #expect(e?.description.contains(words) == true, "\(String(describing: e)) should say \(words)")
        }
    }

    @Test("The final analysis and an empty input are refused as partial results")
    func notPartials() throws {
        let final = try Fixtures.claimsAnalysis.data(format: .json)
        #expect(problem(final)?.problem == .finalAnalysis)
        #expect(problem(Data())?.problem == .empty)
        #expect(problem(Data(" \n\n".utf8))?.problem == .empty)
    }

    @Test("Batches read with other settings, or two different reports under one name, are not merged")
    func conflicts() throws {
        var other = Fixtures.claimsAnalyzer
        other.defaultDate = "2021-09-01"
        let a = PartialAnalysis.Input(partial: Self.small, source: "a.jsonl", line: 1)
        let b = PartialAnalysis.Input(partial: other.partial([Fixtures.reports[2]]), source: "b.jsonl", line: 4)
        #expect(throws: PartialAnalysisError.self) { try PartialAnalysis.merge([a, b]) }
        do { _ = try PartialAnalysis.merge([a, b]) } catch {
            #expect(error.source == "b.jsonl" && error.line == 4)
            if case .settingsDiffer = error.problem {} else { Issue.record("expected settingsDiffer, got \(error)") }
        }
        // Two reports called "stdin#1" from two batches of standard input.
        let one = Fixtures.claimsAnalyzer.partial([Report(id: "stdin#1", path: "-", title: "", text: "Fighting in Kabul.")])
        let two = Fixtures.claimsAnalyzer.partial([Report(id: "stdin#1", path: "-", title: "", text: "The Taliban captured Herat.")])
        #expect(throws: PartialFormatError.reportDiffers(id: "stdin#1", path: "-")) { try one.checkedMerging(two) }
        // The same report twice is fine.
        #expect(try one.checkedMerging(one) == one)
        // The unchecked merge stays total (associative and commutative) for such inputs.
        #expect(one.merging(two) == two.merging(one))
    }
}
