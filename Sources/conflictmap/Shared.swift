import Aggregator
import ArgumentParser
import Foundation
import Gazetteer

/// Options every command that reads reports shares.
struct ReportOptions: ParsableArguments {
    @Argument(help: "Report files or folders (.txt, .html, .json, .jsonl). Default: the example reports in Examples/.")
    var paths: [String] = []

    @Option(name: .long, help: "A gazetteer file or folder to use instead of Gazetteer/.")
    var gazetteer: String?

    @Option(name: .long, help: "A place (name or id) that biases which of several same-named places is meant.")
    var region: String?

    func loadGazetteer() throws -> Gazetteer {
        do {
            return try Gazetteer.load(from: gazetteer ?? ProjectPaths.gazetteer)
        } catch {
            throw CommandFailure(error)
        }
    }

    func regionPlace(in g: Gazetteer) throws -> Place? {
        guard let region else { return nil }
        if let p = g.place(id: region) { return p }
        guard let best = g.resolve(region), let p = g.place(id: best.id) else {
            throw CommandFailure(message: "--region '\(region)' is not in the gazetteer (try: conflictmap gazetteer lookup '\(region)')")
        }
        return p
    }

    /// Reads the reports, printing a warning for each file that was skipped or repaired.
    func readReports() throws -> [Report] {
        let inputs = paths.isEmpty ? [ProjectPaths.examples] : paths
        do {
            let (reports, warnings) = try ReportReader().read(paths: inputs)
            for w in warnings { warn("warning: \(w)") }
            if reports.isEmpty {
                throw CommandFailure(message: "no reports found in \(inputs.joined(separator: ", ")) (give .txt, .html, .json or .jsonl files)")
            }
            return reports
        } catch let error as AggregatorError {
            throw CommandFailure(error)
        }
    }
}
