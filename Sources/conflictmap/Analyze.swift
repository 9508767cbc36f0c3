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
            """)

    @OptionGroup var input: ReportOptions

    @Option(name: .long, help: "Output format: json, geojson or csv.")
    var format: AnalysisFormatOption = .json

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let gazetteer = try input.loadGazetteer()
        let analyzer = try input.analyzer(gazetteer)
        let reports = try input.readReports()
        let progress = ProgressLine(total: reports.count)
        var callback: (@Sendable (Int, Int) -> Void)?
        if progress.enabled { callback = { done, _ in progress.update(done) } }
        let analysis = analyzer.analyze(reports, progress: callback)
        progress.finish()
        let data: Data
        do { data = try analysis.data(format: format.value) } catch { throw CommandFailure(error) }
        if let out {
            do { try AtomicFile.write(data, to: out) } catch { throw CommandFailure(error) }
        } else {
            FileHandle.standardOutput.write(data)
        }
        // Done: leave without freeing the gazetteer piece by piece (tens of milliseconds of teardown).
        withExtendedLifetime((gazetteer, analyzer, analysis)) { Foundation.exit(0) }
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
