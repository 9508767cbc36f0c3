import Aggregator
import Foundation
import Testing
import TestSupport

/// `conflictmap analyze --partial`, `merge` and `render --from`, run as processes: what Spark runs.
/// They read the Afghan gazetteer file alone, which holds every place the examples name, so that
/// each run starts in a fraction of a second.
@Suite("analyze --partial, merge, render --from")
struct StreamingCommandTests {
    static let gazetteer = ["--gazetteer", Fixtures.gazetteerPath + "/afghanistan.geojson"]
    static let folder = "Examples/panjshir-2021"

    static var exampleFiles: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.root + "/" + folder))?.sorted().map { folder + "/" + $0 } ?? []
    }

    func run(_ arguments: [String], input: Data = Data()) throws -> Fixtures.Run {
        try Fixtures.conflictmap(arguments, input: input)
    }

    @Test("Each file's partial result, merged in any order from files and standard input, finalises to analyze's JSON, GeoJSON and CSV")
    func partialsFinaliseToAnalyze() throws {
        let files = Self.exampleFiles
        try #require(files.count == 5)
        let dir = try Fixtures.temporaryFolder("partials")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var partials: [String] = []
        for (i, f) in files.enumerated() {
            let r = try run(["analyze", "--partial", f] + Self.gazetteer)
            #expect(r.status == 0, "\(r.errors)")
            #expect(r.output.last == 0x0A && r.output.dropLast().firstIndex(of: 0x0A) == nil, "a partial result is one line")
            let path = dir + "/part\(i).jsonl"
            try r.output.write(to: URL(fileURLWithPath: path))
            partials.append(path)
        }
        // Two partial results as files, three as lines on standard input, in another order.
        let stdin = try [4, 0, 2].map { try Data(contentsOf: URL(fileURLWithPath: partials[$0])) }.reduce(Data(), +)
        for format in ["json", "geojson", "csv"] {
            let single = try run(["analyze", Self.folder, "--format", format] + Self.gazetteer)
            #expect(single.status == 0)
            let merged = try run(["merge", "--finalize", "--format", format, partials[3], "-", partials[1]], input: stdin)
            #expect(merged.status == 0, "\(merged.errors)")
            #expect(merged.output == single.output, "\(format) differs")
        }
        // Several formats at once, from one finalising.
        let several = try run(["merge", "--finalize", "--format", "json", "--format", "geojson", "--format", "csv", "--out", dir + "/final.json"] + partials)
        #expect(several.status == 0, "\(several.errors)")
        for format in ["json", "geojson", "csv"] {
            let single = try run(["analyze", Self.folder, "--format", format] + Self.gazetteer)
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/final." + format)) == single.output, "\(format) differs")
        }
        #expect(try run(["merge", "--finalize", "--format", "json", "--format", "csv"] + partials).status != 0, "several formats need --out")
        // The merged partial result beside the final analysis, from one run.
        let both = try run(["merge", "--finalize", "--partial-out", dir + "/merged.jsonl"] + partials)
        #expect(both.status == 0, "\(both.errors)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/merged.jsonl")) == run(["merge"] + partials).output)
        #expect(both.output == (try run(["analyze", Self.folder] + Self.gazetteer)).output)
        #expect(try run(["merge", "--partial-out", dir + "/x.jsonl"] + partials).status != 0, "--partial-out needs --finalize")
        // Merging again, in groups, gives the same partial result as analysing the folder at once.
        let left = try run(["merge", partials[0], partials[1]])
        let right = try run(["merge", partials[2], partials[3], partials[4]])
        try left.output.write(to: URL(fileURLWithPath: dir + "/left.jsonl"))
        let all = try run(["merge", dir + "/left.jsonl", "-"], input: right.output)
        let once = try run(["analyze", "--partial", Self.folder] + Self.gazetteer)
        #expect(all.status == 0 && once.status == 0)
        #expect(all.output == once.output)
    }

    @Test("--stdin-format files reads each file as analyze reads the folder, in any batches")
    func fileRecords() throws {
        var records: [Data] = []
        for f in Self.exampleFiles {
            let text = try String(contentsOfFile: Fixtures.root + "/" + f, encoding: .utf8)
            let object: [String: String] = ["path": f, "text": text]
            records.append(try JSONSerialization.data(withJSONObject: object) + Data("\n".utf8))
        }
        // The first file as base64, as the Spark job sends files that are not UTF-8.
        let raw = try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/" + Self.exampleFiles[0]))
        records[0] = try JSONSerialization.data(withJSONObject: ["path": Self.exampleFiles[0], "base64": raw.base64EncodedString()]) + Data("\n".utf8)
        let a = try run(["analyze", "--partial", "--stdin-format", "files", "-"] + Self.gazetteer, input: records[0..<2].reduce(Data(), +))
        let b = try run(["analyze", "--partial", "--stdin-format", "files", "-"] + Self.gazetteer, input: records[2...].reduce(Data(), +))
        #expect(a.status == 0 && b.status == 0, "\(a.errors) \(b.errors)")
        let merged = try run(["merge", "--finalize", "-"], input: a.output + b.output)
        let single = try run(["analyze", Self.folder] + Self.gazetteer)
        #expect(merged.output == single.output)
        // A damaged record is an error naming its line, not a skipped file.
        let damaged = try run(["analyze", "--partial", "--stdin-format", "files", "-"] + Self.gazetteer,
                              input: records[0] + Data("{\"path\": \"x.txt\", \"te".utf8))
        #expect(damaged.status != 0)
        #expect(damaged.output.isEmpty)
        #expect(damaged.errors.contains("standard input:2"), "\(damaged.errors)")
    }

    @Test("An empty batch gives a partial result with no reports, which merging leaves out")
    func emptyBatch() throws {
        let empty = try run(["analyze", "--partial", "--stdin-format", "files", "-"] + Self.gazetteer)
        #expect(empty.status == 0, "\(empty.errors)")
        // No reports, but the settings it was made with (so a batch read with other ones is still caught).
        #expect(empty.text.hasPrefix("{\"actors\":[],\"documents\":[],\"format_version\":2,\"places\":[],\"settings\":\"v1-"))
        let once = try run(["analyze", "--partial", Self.folder] + Self.gazetteer)
        let merged = try run(["merge", "-"], input: empty.output + once.output + empty.output)
        #expect(merged.output == once.output)
    }

    @Test("Truncated, newer, malformed and conflicting partial results are refused: a message naming the input, no output, a failing exit")
    func refusals() throws {
        let dir = try Fixtures.temporaryFolder("refusals")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let good = try run(["analyze", "--partial", Self.exampleFiles[0]] + Self.gazetteer).output
        let text = String(decoding: good, as: UTF8.self)
        let files: [(String, Data, String)] = [
            ("truncated.jsonl", good.prefix(good.count / 2), "truncated.jsonl, line 1: is truncated"),
            ("newer.jsonl", Data(text.replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":7").utf8),
             "newer.jsonl, line 1: written by a newer conflictmap (partial format 7"),
            ("malformed.jsonl", Data("{\"format_version\":1,\"documents\":[],\"places\":[],\"actors\":[]}\n{\"oops\"\n}\n".utf8),
             "malformed.jsonl, line 3, column 1: is not a valid partial result: not valid JSON: expected \":\" after a key"),
            ("empty.jsonl", Data(), "empty.jsonl: holds no partial result"),
        ]
        for (name, data, message) in files {
            let path = dir + "/" + name
            try data.write(to: URL(fileURLWithPath: path))
            for finalize in [false, true] {
                let out = dir + "/out.json"
                let r = try run(["merge", "--out", out] + (finalize ? ["--finalize"] : []) + [path, "-"], input: good)
                #expect(r.status != 0, "\(name) was merged")
                #expect(r.errors.contains(message), "\(name): \(r.errors)")
                #expect(!FileManager.default.fileExists(atPath: out), "\(name): something was written")
            }
        }
        // On standard input, the message names the line.
        let stdin = try run(["merge", "-"], input: good + good.prefix(100))
        #expect(stdin.status != 0 && stdin.output.isEmpty)
        #expect(stdin.errors.contains("standard input, line 2: is truncated"), "\(stdin.errors)")
        // Two batches of standard input whose reports have no id: both have a "line 1".
        let one = try run(["analyze", "--partial", "-"] + Self.gazetteer, input: Data("{\"text\": \"Fighting in Kabul.\"}\n".utf8))
        let two = try run(["analyze", "--partial", "-"] + Self.gazetteer, input: Data("{\"text\": \"The Taliban captured Herat.\"}\n".utf8))
        let both = try run(["merge", "-"], input: one.output + two.output)
        #expect(both.status != 0 && both.output.isEmpty)
        #expect(both.errors.contains("standard input, line 2: holds report stdin (-) with other contents"), "\(both.errors)")
        // Options that make no sense together.
        #expect(try run(["merge", "--format", "csv", "-"], input: good).status != 0)
        #expect(try run(["analyze", "--partial", "--format", "csv", Self.folder] + Self.gazetteer).status != 0)
    }

    @Test("render --from a partial result or analyze's JSON draws the same map as render from the reports")
    func renderFrom() throws {
        let dir = try Fixtures.temporaryFolder("render-from")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let partial = try run(["analyze", "--partial", Self.folder] + Self.gazetteer)
        let final = try run(["analyze", Self.folder] + Self.gazetteer)
        try partial.output.write(to: URL(fileURLWithPath: dir + "/analysis.partial.jsonl"))
        try final.output.write(to: URL(fileURLWithPath: dir + "/analysis.json"))
        let direct = try run(["render", Self.folder, "--out", dir + "/direct.png", "--layout", dir + "/direct.layout.json"] + Self.gazetteer)
        #expect(direct.status == 0, "\(direct.errors)")
        for source in ["analysis.partial.jsonl", "analysis.json"] {
            let r = try run(["render", "--from", dir + "/" + source, "--out", dir + "/from.png", "--layout", dir + "/from.layout.json"] + Self.gazetteer)
            #expect(r.status == 0, "\(r.errors)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/from.layout.json")) == Data(contentsOf: URL(fileURLWithPath: dir + "/direct.layout.json")))
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/from.png")) == Data(contentsOf: URL(fileURLWithPath: dir + "/direct.png")), "\(source)")
        }
        // Not both reports and --from; and a bad --from is refused by name.
        #expect(try run(["render", Self.folder, "--from", dir + "/analysis.json"] + Self.gazetteer).status != 0)
        try Data("{\"format_version\":1,".utf8).write(to: URL(fileURLWithPath: dir + "/cut.jsonl"))
        let cut = try run(["render", "--from", dir + "/cut.jsonl", "--out", dir + "/cut.png"] + Self.gazetteer)
        #expect(cut.status != 0 && cut.errors.contains("cut.jsonl, line 1: is truncated"), "\(cut.errors)")
    }
}
