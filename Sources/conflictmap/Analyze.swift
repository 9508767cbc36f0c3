import Aggregator
import ArgumentParser
import Foundation
import Geo

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the places, mentions, claims, independent sources and control in reports (JSON, GeoJSON or CSV).",
        discussion: """
            JSON holds everything: documents (with their syndication cluster), places (with counts and a control \
            assessment), mentions, claims (each with its claim id) and unresolved names. GeoJSON has one feature per \
            place: a province or district as its outline from the gazetteer's boundaries/, any other place as a point. CSV \
            has one row per place, claims-csv one row per claim. Actor profiles come from Actors/ (or --actors). A progress line \
            goes to standard error on long runs when it is a terminal.

            With --partial it writes a partial result instead: one line of JSON holding what each report says \
            (mentions, claims, unresolved names, its syndication signature), to be merged with the partial results of \
            other batches (conflictmap merge) and finalised into exactly the analysis of one run over all of them.
            """)

    @OptionGroup var input: ReportOptions

    @Option(name: .long, help: "Output format: json, geojson, csv (one row per place) or claims-csv (one row per claim) (default: json).")
    var format: AnalysisFormatOption?

    @Option(name: .long, help: "Write to this file instead of standard output (- is standard output).")
    var out: String?

    @Flag(name: .customLong("raw-csv"),
          help: "CSV: write text cells exactly as they are. By default a cell that starts with = + - or @ gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula.")
    var rawCSV = false

    @Flag(name: .long, help: "Write a partial result (one line of JSON) to merge with others: conflictmap merge.")
    var partial = false

    @Option(name: .long, help: "Worker threads (default: one a core, at most 8). The result is the same for any number.")
    var threads: Int?

    func validate() throws {
        quietMode = input.quiet
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        if partial && format != nil {
            throw ValidationError("--format applies to the final analysis; a partial result is always one line of JSON (finalise it with: conflictmap merge --finalize --format …)")
        }
    }

    func run() throws {
        if let out { try OutputPaths.check(out, option: "--out") }
        let gazetteer = try input.loadGazetteer()
        var analyzer = try input.analyzer(gazetteer)
        if let threads { analyzer.threads = threads }
        // Reports are read and analysed as they come, a chunk at a time; the records go to a
        // temporary file, and the result is written as it is made: memory does not grow with the input.
        let progress = ProgressLine(total: nil)
        var callback: (@Sendable (Int) -> Void)?
        if progress.enabled { callback = { done in progress.update(done) } }
        let result = try input.streamReports(analyzer, allowEmpty: partial, progress: callback)
        progress.finish()
        let output = try StreamedOutput(path: out == "-" ? nil : out)
        defer { output.abort() }
        do {
            if partial {
                try result.writePartial(to: output.sink)
            } else {
                try result.writeAnalysis(format: (format ?? .json).value, cells: rawCSV ? .raw : .spreadsheetSafe,
                                         outlines: input.areaOutlines, to: output.sink)
            }
        } catch {
            throw CommandFailure(error)
        }
        try output.commit()
        // Done: leave without freeing the gazetteer piece by piece (tens of milliseconds of teardown).
        withExtendedLifetime((gazetteer, analyzer)) { Foundation.exit(0) }
    }
}

struct AnalysisFormatOption: ExpressibleByArgument {
    var value: AnalysisFormat
    init(_ value: AnalysisFormat) { self.value = value }
    init?(argument: String) {
        guard let v = AnalysisFormat(rawValue: argument.lowercased()) else { return nil }
        value = v
    }
    static let json = AnalysisFormatOption(.json)
    static var allValueStrings: [String] { AnalysisFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

/// "analyze: 120/5000 reports" (or "analyze: 120 reports" when the total is not known) on standard error, redrawn in place, when standard error is a
/// terminal and the run has taken more than a second.
final class ProgressLine: @unchecked Sendable {
    /// The number of reports, when known beforehand.
    let total: Int?
    let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int?) {
        self.total = total
        self.enabled = isatty(2) != 0 && !quietMode
    }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
        lastDraw = now
        drawn = true
        let rate = Double(done) / max(0.001, now.timeIntervalSince(started))
        let count = total.map { String(format: "%d/%d", done, $0) } ?? String(done)
        FileHandle.standardError.write(Data("\r\u{1B}[Kanalyze: \(count) reports (\(String(format: "%.0f", rate))/s)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
