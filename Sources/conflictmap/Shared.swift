import Aggregator
import ArgumentParser
import Foundation
import Gazetteer
import Geo

/// Options every command that reads reports shares.
struct ReportOptions: ParsableArguments {
    @Argument(help: "Report files or folders (.txt, .html, .json, .jsonl), or - for JSON Lines on standard input. Default: the example reports in Examples/panjshir-2021/.")
    var paths: [String] = []

    @Option(name: .long, help: "A gazetteer file or folder to use instead of Gazetteer/.")
    var gazetteer: String?

    @Option(name: .long, help: "A place (name or id) that biases which of several same-named places is meant.")
    var region: String?

    @Option(name: .long, help: "The date (YYYY-MM-DD) of reports that give none; relative dates (\"on Monday\") are resolved against it.")
    var date: String?

    @Option(name: .long, help: "An actor profile (.json) or a folder of them to use instead of Actors/.")
    var actors: String?

    @Flag(name: .long, help: "Print no warnings or progress on standard error, only errors.")
    var quiet = false

    @Option(name: .customLong("stdin-format"), help: "What - (standard input) holds: reports (JSON Lines, or plain text), or files (one {\"path\":…,\"text\":…} a line, each read as that file would be).")
    var stdinFormat: StandardInputFormatOption = .reports

    /// The outlines `--format geojson` draws provinces and districts with: the gazetteer's `boundaries/`.
    var areaOutlines: AreaOutlines {
        AreaOutlines(folder: (gazetteer.map(ProjectPaths.gazetteerFolder) ?? ProjectPaths.gazetteer) + "/boundaries")
    }

    func loadGazetteer() throws -> Gazetteer {
        do {
            return try Gazetteer.load(from: gazetteer ?? ProjectPaths.gazetteer, indexCache: true)
        } catch {
            throw CommandFailure(error)
        }
    }

    func regionPlace(in g: Gazetteer) throws -> Place? {
        guard let region else { return nil }
        return try Self.exactPlace(region, option: "--region", in: g)
    }

    /// The place a user named for an option: its id, or a name the gazetteer has as written (any
    /// spelling it lists, not a guess: "Narnia" is refused, not read as Narayani). A name it does
    /// not have is refused with up to three near names from the gazetteer's variant and spelling
    /// matching ("did you mean Panjshir (af/panjshir)?").
    static func exactPlace(_ name: String, option: String, in g: Gazetteer) throws -> Place {
        if let p = g.place(id: name) { return p }
        guard let best = g.resolve(name), best.match != .fuzzy, let p = g.place(id: best.id) else {
            throw CommandFailure(message: unknownPlaceMessage(name, option: option, listed: g.nearestNames(to: name, limit: 3).map { "\($0.name) (\($0.id))" }))
        }
        return p
    }

    /// "--region 'Panjshiir' is not a place in the gazetteer; did you mean Panjshir (af/panjshir) or …?"
    static func unknownPlaceMessage(_ name: String, option: String, listed: [String]) -> String {
        "\(option) '\(name)' is not a place in the gazetteer" + Kit.didYouMean(listed)
            + " (to search it: conflictmap gazetteer lookup '\(name)'; or give a place id)"
    }

    /// The report date given with `--date`, checked.
    func defaultDate() throws -> String? {
        guard let date else { return nil }
        guard let d = ReportDate.normalize(date), d == date.trimmingCharacters(in: .whitespaces).prefix(10) else {
            throw CommandFailure(message: "--date '\(date)' is not a date; write it as YYYY-MM-DD")
        }
        return d
    }

    /// The actor profiles: `--actors`, else every profile in Actors/ (none if there is no such folder).
    func loadActors() throws -> ActorProfiles {
        do {
            if let actors { return try ActorProfiles.load(from: actors) }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: ProjectPaths.actors, isDirectory: &isDir), isDir.boolValue else {
                return ActorProfiles()
            }
            return try ActorProfiles.load(from: ProjectPaths.actors)
        } catch {
            throw CommandFailure(error)
        }
    }

    /// The analyzer these options describe.
    func analyzer(_ gazetteer: Gazetteer, actors: ActorProfiles? = nil) throws -> Analyzer {
        var analyzer = Analyzer(gazetteer: gazetteer, region: try regionPlace(in: gazetteer), actors: try actors ?? loadActors())
        analyzer.defaultDate = try defaultDate()
        return analyzer
    }

    /// Reads the reports, printing a warning for each file that was skipped or repaired.
    /// With `allowEmpty`, finding no report is not an error (a batch may be empty).
    func readReports(allowEmpty: Bool = false) throws -> [Report] {
        let inputs = paths.isEmpty ? [ProjectPaths.examples] : paths
        do {
            let (reports, warnings) = try ReportReader(standardInput: stdinFormat.value).read(paths: inputs)
            for w in warnings { warn("warning: \(w)") }
            if reports.isEmpty && !allowEmpty {
                throw CommandFailure(message: "no reports found in \(inputs.joined(separator: ", ")) (give .txt, .html, .json or .jsonl files)")
            }
            return reports
        } catch let error as AggregatorError {
            throw CommandFailure(error)
        }
    }
}

struct StandardInputFormatOption: ExpressibleByArgument {
    var value: StandardInputFormat
    init(_ value: StandardInputFormat) { self.value = value }
    init?(argument: String) {
        guard let v = StandardInputFormat(rawValue: argument.lowercased()) else { return nil }
        value = v
    }
    static let reports = StandardInputFormatOption(.reports)
    static var allValueStrings: [String] { StandardInputFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

/// Reads a file, or standard input for `-`.
func readInput(_ path: String) throws -> Data {
    if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
        throw CommandFailure(message: "\(path): no such file")
    }
    guard !isDir.boolValue, let data = FileManager.default.contents(atPath: path) else {
        throw CommandFailure(message: "\(path): cannot be read (a folder, or no permission)")
    }
    return data
}

/// Writes bytes to a file (whole or not at all) or, with no file, to standard output.
func writeOutput(_ data: Data, to path: String?) throws {
    if let path {
        do { try AtomicFile.write(data, to: path) } catch { throw CommandFailure(error) }
    } else {
        try writeStandardOutput(data)
    }
}

/// Writes bytes to standard output, all of them, or throws with the system's reason (a full disk,
/// a closed pipe): `FileHandle.write` would trap instead.
func writeStandardOutput(_ data: Data) throws {
    let failure: Int32? = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32? in
        guard var p = raw.baseAddress else { return nil }
        var left = raw.count
        while left > 0 {
            let n = write(1, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            p += n
            left -= n
        }
        return nil
    }
    if let failure {
        throw CommandFailure(message: "standard output: cannot write: \(String(cString: strerror(failure)))")
    }
}

extension ProjectPaths {
    static var actors: String { rootFolder + "/Actors" }
}
