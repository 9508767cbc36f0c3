@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Input the user must fix gets a message naming the file, line and column, and a non-zero exit;
/// outputs are checked before anything is written (robustness issue).
@Suite("Bad input: messages, not traps")
struct BadInputTests {
    let conflictmap = Fixtures.builtExecutable("conflictmap")

    @Test("A broken actor profile is reported with its line and column")
    func brokenProfile() throws {
        let dir = try Fixtures.temporaryFolder("profile")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/broken.json"
        try "{\n  \"format\": \"conflictmap-actors/1\",\n  \"sides\": [\n    {\"id\": \"a\" \"name\": \"A\"}\n  ]\n}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try ActorProfiles.load(from: file)
        } throws: { error in
            guard let e = error as? AggregatorError else { return false }
            return e.file == file && e.line == 4 && e.reason.contains("column 16")
        }
        let (status, output) = try Fixtures.run(conflictmap, ["analyze", Fixtures.examplesPath, "--actors", file])
        #expect(status != 0)
        #expect(output.contains("broken.json:4: column 16"), "\(output)")
    }

    @Test("Impossible dates are refused: --date 2021-02-30, a report dated 2023-04-31")
    func impossibleDates() throws {
        #expect(ReportDate.normalize("2021-02-30") == nil)
        #expect(ReportDate.normalize("2023-04-31") == nil)
        #expect(ReportDate.normalize("2024-02-29") == "2024-02-29")
        #expect(ReportDate.normalize("2023-02-29") == nil)
        let (status, output) = try Fixtures.run(conflictmap, ["analyze", Fixtures.examplesPath, "--date", "2021-02-30"])
        #expect(status != 0)
        #expect(output.contains("--date '2021-02-30' is not a date"))
    }

    @Test("A full standard output is an error message and a non-zero exit, not a trap")
    func fullStandardOutput() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: conflictmap)
        process.arguments = ["analyze", Fixtures.examplesPath]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(message.contains("standard output:") && message.contains("No space left on device"), "\(message)")
    }

    @Test("Every output path is checked before any is written: a bad --layout leaves no map")
    func outputsCheckedFirst() throws {
        let dir = try Fixtures.temporaryFolder("outputs")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let map = dir + "/map.png"
        for layout in [dir + "/missing/map.layout.json", dir] {
            let (status, output) = try Fixtures.run(conflictmap, ["render", "--out", map, "--layout", layout])
            #expect(status != 0)
            #expect(output.contains("--layout"), "\(output)")
            #expect(!FileManager.default.fileExists(atPath: map))
        }
        let (status, output) = try Fixtures.run(conflictmap, ["render", "--out", dir + "/map.png", "--format", "png", "svg", "--layout", dir + "/map.png"])
        #expect(status != 0)
        #expect(output.contains("writes the same file"), "\(output)")
    }

    @Test("CSV cells a spreadsheet would run as formulas get an apostrophe; raw cells on request")
    func csvInjection() {
        var analysis = Fixtures.analysis
        analysis.places[0].name = "=HYPERLINK(\"http://example.invalid\",\"Kabul\")"
        analysis.places[1].name = "@SUM(1+1)"
        analysis.places[2].name = "-Kabul"
        let safe = OutputFormatTests.parseCSV(analysis.csv())
        #expect(safe[1][1] == "'=HYPERLINK(\"http://example.invalid\",\"Kabul\")")
        #expect(safe[2][1] == "'@SUM(1+1)")
        #expect(safe[3][1] == "'-Kabul")
        // Numbers stay numbers: a negative longitude is not text.
        analysis.places[3].longitude = -12.5
        #expect(OutputFormatTests.parseCSV(analysis.csv())[4][4] == "-12.5")
        let raw = OutputFormatTests.parseCSV(analysis.csv(cells: .raw))
        #expect(raw[1][1] == "=HYPERLINK(\"http://example.invalid\",\"Kabul\")")
        #expect(raw[2][1] == "@SUM(1+1)")
    }

    @Test("analyze and merge check --out before reading anything; CSV is spreadsheet-safe unless --raw-csv")
    func commandLineOutputsAndCells() throws {
        let dir = try Fixtures.temporaryFolder("cells")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = dir + "/missing/analysis.json"
        let (status, output) = try Fixtures.run(conflictmap, ["analyze", Fixtures.examplesPath, "--out", missing])
        #expect(status != 0)
        #expect(output.contains("--out \(missing): the folder"), "\(output)")
        let (mergeStatus, mergeOutput) = try Fixtures.run(conflictmap, ["merge", dir + "/none.jsonl", "--finalize", "--out", missing])
        #expect(mergeStatus != 0)
        #expect(mergeOutput.contains("--out"), "\(mergeOutput)")
        // A gazetteer a user edited with a name that a spreadsheet would run as a formula.
        let gazetteer = dir + "/g.geojson"
        try """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"xx","geometry":{"type":"Point","coordinates":[10,10]},"properties":{"name":"=HYPERLINK(1)","kind":"city","country":"XX","names":[{"name":"Qwertyville"}]}}
            ]}

            """.write(toFile: gazetteer, atomically: true, encoding: .utf8)
        let reports = dir + "/r.jsonl"
        try #"{"id":"x","title":"","text":"Fighting in Qwertyville."}"#.write(toFile: reports, atomically: true, encoding: .utf8)
        let safe = try Fixtures.run(conflictmap, ["analyze", reports, "--format", "csv", "--gazetteer", gazetteer])
        let raw = try Fixtures.run(conflictmap, ["analyze", reports, "--format", "csv", "--raw-csv", "--gazetteer", gazetteer])
        #expect(safe.status == 0 && raw.status == 0, "\(safe.output)")
        #expect(safe.output.contains(",'=HYPERLINK(1),"), "\(safe.output)")
        #expect(raw.output.contains(",=HYPERLINK(1),"), "\(raw.output)")
    }
}
