import Aggregator
import ConflictMapKit

/// The library's `ConflictMap` (this module's `ConflictMap` is the command).
typealias Kit = ConflictMapKit.ConflictMap

extension CommandFailure {
    /// The library's error in the command line's words: a place or a date names the option it came from.
    init(kit error: ConflictMapError) {
        switch error {
        case .unknownPlace(let name, let use, let nearest):
            self.init(message: ReportOptions.unknownPlaceMessage(name, option: "--\(use.rawValue)", listed: nearest))
        case .invalidDate(let date, let use):
            self.init(message: "--\(use.rawValue) '\(date)' is not a date; write it as YYYY-MM-DD")
        default:
            self.init(message: error.description)
        }
    }
}

extension ReportOptions {
    /// What the library needs to know of these options, for `render` and `report`.
    func mapRequest(focus: String?) -> MapRequest {
        var request = MapRequest()
        request.projectRoot = ProjectPaths.rootFolder
        request.gazetteer = gazetteer
        request.actors = actors
        request.region = region
        request.defaultDate = date
        request.focus = focus
        return request
    }

    /// The analysis to draw: read from `--from` (a partial result or analyze's JSON; `-` for
    /// standard input), else made from the reports, which are returned too (none with `--from`).
    func analysis(from: String?, project: MapProject, request: MapRequest) throws -> (Analysis, [Report]) {
        guard let from else {
            let reports = try readReports()
            return (try Kit.analyze(reports, project: project, request: request), reports)
        }
        do {
            return (try Analysis.read(try readInput(from), source: from == "-" ? "standard input" : from), [])
        } catch let error as PartialAnalysisError {
            throw CommandFailure(error)
        }
    }
}
