import Aggregator
import ArgumentParser
import Foundation
import Geo

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the places, mentions, independent sources and unresolved names in reports, as JSON.")

    @OptionGroup var input: ReportOptions

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    func run() throws {
        let gazetteer = try input.loadGazetteer()
        let reports = try input.readReports()
        let analysis = Analyzer(gazetteer: gazetteer, region: try input.regionPlace(in: gazetteer)).analyze(reports)
        let data = try analysis.jsonData() + Data("\n".utf8)
        if let out {
            do { try AtomicFile.write(data, to: out) } catch { throw CommandFailure(error) }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
