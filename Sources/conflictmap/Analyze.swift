import Aggregator
import ArgumentParser
import Foundation
import Geo

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the places, mentions, claims, independent sources and control in reports (JSON, GeoJSON or CSV).",
        discussion: """
            JSON holds everything: documents (with their syndication cluster), places (with counts and a control \
            assessment), mentions, claims and unresolved names. GeoJSON has one point feature per place and CSV one \
            row per place, with the same properties. Actor profiles come from Actors/ (or --actors). A progress line \
            goes to standard error on long runs when it is a terminal.

            With --partial it writes a partial result instead: one line of JSON holding what each report says \
            (mentions, claims, unresolved names, its syndication signature), to be merged with the partial results of \
            other batches (conflictmap merge) and finalised into exactly the analysis of one run over all of them.
            """)

    @OptionGroup var input: ReportOptions

    @Option(name: .long, help: "Output format: json, geojson or csv (default: json).")
    var format: AnalysisFormatOption?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(name: .long, help: "Write a partial result (one line of JSON) to merge with others: conflictmap merge.")
    var partial = false

    @Option(name: .long, help: "Worker threads (default: one a core, at most 8). The result is the same for any number.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be 1 or more") }
        if partial && format != nil {
            throw ValidationError("--format applies to the final analysis; a partial result is always one line of JSON (finalise it with: conflictmap merge --finalize --format …)")
        }
    }

    func run() throws {
        let gazetteer = try input.loadGazetteer()
        var analyzer = try input.analyzer(gazetteer)
        if let threads { analyzer.threads = threads }
        let reports = try input.readReports(allowEmpty: partial)
        let progress = ProgressLine(total: reports.count)
        var callback: (@Sendable (Int, Int) -> Void)?
        if progress.enabled { callback = { done, _ in progress.update(done) } }
        let data: Data
        if partial {
            let result = analyzer.partial(reports, progress: callback)
            progress.finish()
            do { data = try result.jsonLine() } catch { throw CommandFailure(error) }
        } else {
            let analysis = analyzer.analyze(reports, progress: callback)
            progress.finish()
            do { data = try analysis.data(format: (format ?? .json).value) } catch { throw CommandFailure(error) }
        }
        try writeOutput(data, to: out)
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

/// "analyze: 120/5000 reports" on standard error, redrawn in place, when standard error is a
/// terminal and the run has taken more than a second.
final class ProgressLine: @unchecked Sendable {
    let total: Int
    let enabled: Bool
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int) {
        self.total = total
        self.enabled = isatty(2) != 0
    }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.2 || done == total else { return }
        lastDraw = now
        drawn = true
        let rate = Double(done) / max(0.001, now.timeIntervalSince(started))
        FileHandle.standardError.write(Data(String(format: "\r\u{1B}[Kanalyze: %d/%d reports (%.0f/s)", done, total, rate).utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
