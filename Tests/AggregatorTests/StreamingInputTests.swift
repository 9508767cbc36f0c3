@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Input of any size: reports read as a stream with no limit, analysed a chunk at a time into a
/// partial result whose records wait on disk, and written as they are made, with the same bytes
/// as the analysis held in memory.
@Suite("Streamed input: any size, same bytes")
struct StreamingInputTests {
    static let gazetteer = ["--gazetteer", Fixtures.gazetteerPath + "/afghanistan.geojson"]

    /// Writes the bytes the sink is given.
    final class Collector: @unchecked Sendable {
        var bytes: [UInt8] = []
        var sink: ChunkedOutput.Sink { { [self] (b: [UInt8]) throws(AggregatorError) in self.bytes += b } }
        var data: Data { Data(bytes) }
    }

    static func partialBytes(_ p: StreamingPartial) throws -> Data {
        let c = Collector()
        try p.writePartial(to: c.sink)
        return c.data
    }

    static func analysisBytes(_ p: StreamingPartial, _ format: AnalysisFormat) throws -> Data {
        let c = Collector()
        try p.writeAnalysis(format: format, to: c.sink)
        return c.data
    }

    /// A JSON Lines report whose text is short (cheap to analyse) and whose line is long.
    static func line(_ n: Int, padding: Int) -> String {
        "{\"id\": \"r\(n)\", \"text\": \"Fighting was reported in Kabul on day \(n).\", \"url\": \"https://example.org/\(String(repeating: "x", count: padding))\"}\n"
    }

    @Test("A JSON Lines file over 16 MB is read whole: every report, the last one too")
    func overSixteenMegabytes() throws {
        let dir = try Fixtures.temporaryFolder("big")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 4_300
        var text = ""
        for n in 1...count { text += Self.line(n, padding: 4_000) }
        try #require(text.utf8.count > 16 << 20 + 1 << 19)
        try text.write(toFile: dir + "/big.jsonl", atomically: false, encoding: .utf8)
        var seen = 0
        var last = ""
        var warnings: [AggregatorError] = []
        try ReportReader().stream(paths: [dir], warning: { warnings.append($0) }) { r in
            seen += 1
            last = r.id
        }
        #expect(seen == count)
        #expect(last == "r\(count)")
        #expect(warnings.isEmpty, "\(warnings)")
    }

    @Test("Piped in, over 16 MB: analyze --partial - holds every report")
    func standardInputOverSixteenMegabytes() throws {
        let count = 2_100
        var text = ""
        for n in 1...count { text += Self.line(n, padding: 8_200) }
        try #require(text.utf8.count > 16 << 20 + 1 << 19)
        let run = try Fixtures.conflictmap(["analyze", "--partial", "-"] + Self.gazetteer, input: Data(text.utf8))
        #expect(run.status == 0, "\(run.errors)")
        #expect(!run.errors.contains("MB"), "\(run.errors)")
        let parts = try PartialAnalysis.read(run.output, source: "output")
        #expect(parts.first?.documents.count == count)
        #expect(parts.first?.documents.contains { $0.id == "r\(count)" } == true)
    }

    @Test("Lines across the reader's 1 MB chunks, and one longer than a chunk, come whole", arguments: [1, 7, 4093])
    func chunkBoundaries(shift: Int) throws {
        var lines: [String] = []
        var size = 0
        // Short lines up to just before the first chunk boundary, then one that straddles it.
        while size < (1 << 20) - 3_000 {
            lines.append(Self.line(lines.count + 1, padding: 1_000 + shift))
            size += lines[lines.count - 1].utf8.count
        }
        lines.append(Self.line(lines.count + 1, padding: 6_000))
        lines.append(Self.line(lines.count + 1, padding: 1_500_000))
        lines.append(Self.line(lines.count + 1, padding: 10))
        let bytes = Array(lines.joined().utf8)
        var got: [Report] = []
        try ReportReader().streamFile(path: "x.jsonl", open: { ByteLineReader(bytes: bytes, name: "x.jsonl") },
                                      warning: { Issue.record("\($0)") }, report: { got.append($0) })
        let dir = try Fixtures.temporaryFolder("chunks")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/x.jsonl"))
        let fromFile = try ReportReader().read(paths: [dir + "/x.jsonl"]).reports
        #expect(got.count == lines.count)
        #expect(fromFile.count == lines.count)
        for (i, line) in lines.enumerated() {
            let url = (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])?["url"]
            #expect(fromFile[i].url == url && got[i].url == url, "report \(i + 1)")
            #expect(fromFile[i].id == "r\(i + 1)")
        }
    }

    @Test("Streamed, the examples give analyze's bytes in every format, and the partial result's")
    func examplesSameBytes() throws {
        let analyzer = Fixtures.claimsAnalyzer
        let streamed = try analyzer.stream(ReportReader(), paths: [Fixtures.examplesPath], warning: { _ in })
        let held = analyzer.partial(Fixtures.reports)
        #expect(try Self.partialBytes(streamed) == held.jsonLine())
        for format in AnalysisFormat.allCases {
            #expect(try Self.analysisBytes(streamed, format) == held.finalize().data(format: format), "\(format)")
        }
    }

    /// The corpus with two reports read twice (a retried batch: kept once), its records made once.
    static let corpus = Fixtures.corpus + [Fixtures.corpus[3], Fixtures.corpus[40]]
    static let corpusRecords = Fixtures.claimsAnalyzer.records(corpus, bytes: 1 << 20, before: 0, progress: nil)
    static let corpusHeld = Fixtures.claimsAnalyzer.partial(corpus)

    @Test("The corpus, added in chunks of any size and with reports twice, gives the bytes of the analysis held in memory",
          arguments: [1, 5, 33])
    func corpusSameBytes(chunk: Int) throws {
        let analyzer = Fixtures.claimsAnalyzer
        let streamed = try StreamingPartial(gazetteer: analyzer.gazetteer, actors: analyzer.actors, settings: analyzer.settings)
        var start = 0
        while start < Self.corpusRecords.count {
            try streamed.add(Array(Self.corpusRecords[start..<min(Self.corpusRecords.count, start + chunk)]))
            start += chunk
        }
        #expect(try Self.partialBytes(streamed) == Self.corpusHeld.jsonLine())
        let final = Self.corpusHeld.finalize()
        for format in AnalysisFormat.allCases {
            #expect(try Self.analysisBytes(streamed, format) == final.data(format: format), "\(format)")
        }
    }

    @Test("The spilled records read back as they were written")
    func spillRoundTrip() throws {
        let analyzer = Fixtures.claimsAnalyzer
        let records = analyzer.records(Array(Fixtures.corpus.prefix(12)), bytes: 0, before: 0, progress: nil)
        let spill = try RecordSpill()
        let places = try records.map { try spill.append($0) }
        try spill.flush()
        for (r, at) in zip(records, places) {
            #expect(try spill.record(at: at.offset, length: at.length) == r)
        }
        // A damaged record is an error, not a trap.
        var d = RecordDecoder(bytes: [0xFF, 0xFF, 0xFF])
        #expect(d.record(.all) == nil)
    }

    @Test("JSON Lines read line by line give the reports the whole text gives: blank lines, one object, an array, a BOM, CRLF, mojibake")
    func sameAsWhole() throws {
        let one = "{\"title\": \"T\", \"text\": \"Fighting in Kabul.\"}"
        let two = "{\"text\": \"The Taliban captured Herat.\", \"id\": 7}"
        let cases: [(String, String)] = [
            ("\n\n" + one + "\n \n", "a single object after blank lines is named after the file"),
            (one + "\n" + two + "\n", "two lines"),
            ("\u{FEFF}" + one + "\n\n" + two, "a byte order mark, a blank line, no final newline"),
            ("[" + one + ",\n" + two + "]\n", "an array over two lines"),
            (one + "\nnot json\n" + two, "a broken line is skipped with its number"),
            ("{\"text\": \"Kabul â€™s mayor\"}\n{\"text\": \"Herat Ã© Â° seen\"}\n", "mojibake decided on the whole file"),
        ]
        for (text, what) in cases {
            let whole = JSONReports.parse(ReportReader.decode(Array(text.utf8), repair: TextRepair.looksLikeMojibake(text)), path: "f.jsonl", baseID: "f")
            let streamed = ReportReader().parse(Data(text.utf8), path: "f.jsonl")
            #expect(streamed.0 == whole.0, "\(what)")
            #expect(streamed.1.filter { !$0.reason.contains("mojibake") } == whole.1, "\(what)")
        }
        // CRLF line ends: each line is a report (a String splits "\r\n" as one character; bytes do not).
        let crlf = ReportReader().parse(Data((one + "\r\n" + two + "\r\n").utf8), path: "w.jsonl")
        #expect(crlf.0.map(\.id) == ["w#1", "7"])
        #expect(crlf.1.isEmpty)
    }

    @Test("A broken partial result is reported with the line and the column of what is wrong")
    func partialErrorColumn() throws {
        let good = try Fixtures.claimsAnalyzer.partial([Fixtures.reports[0]]).jsonLine()
        let text = String(decoding: good, as: UTF8.self)
        // A number where the report's title should be, far into a long line.
        let broken = text.replacingOccurrences(of: "\"title\":\"", with: "\"title\":5,\"was\":\"")
        do {
            _ = try PartialAnalysis.read(good + Data(broken.utf8), source: "parts.jsonl")
            Issue.record("read")
        } catch {
            let column = try #require(error.column)
            #expect(error.line == 2)
            let value = try #require(broken.range(of: "\"title\":5")).upperBound
            #expect(column == broken.unicodeScalars.distance(from: broken.startIndex, to: value))
            #expect(column > 1_000)
            #expect(error.description.hasPrefix("parts.jsonl, line 2, column \(column): is not a valid partial result: documents[0].title is not a string"),
                    "\(error)")
        }
        // A syntax error deep in a line: its column, and what is wrong.
        let cut = text.replacingOccurrences(of: "\"mentions\":[", with: "\"mentions\":[,")
        do {
            _ = try PartialAnalysis.read(Data(cut.utf8), source: "cut.jsonl")
            Issue.record("read")
        } catch {
            let offset = try #require(cut.range(of: "\"mentions\":[,")).upperBound
            #expect(error.line == 1)
            #expect(error.column == cut.unicodeScalars.distance(from: cut.startIndex, to: offset))
            #expect(error.description.contains("not valid JSON: unexpected \",\""), "\(error)")
        }
    }
}
