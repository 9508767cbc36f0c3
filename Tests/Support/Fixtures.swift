import Aggregator
import Foundation
import Gazetteer

/// The project's real data, loaded once per test process and shared by every test.
public enum Fixtures {
    /// The package's root folder.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static let gazetteerPath = root + "/Gazetteer"
    public static let examplesPath = root + "/Examples/panjshir-2021"

    /// The full gazetteer in `Gazetteer/`.
    public static let gazetteer: Gazetteer = {
        do {
            return try Gazetteer.load(from: gazetteerPath)
        } catch {
            fatalError("the test gazetteer did not load: \(error)")
        }
    }()

    /// The area outlines in `Gazetteer/boundaries/`.
    public static let boundaries: BoundarySet = {
        do {
            return try BoundarySet.load(from: gazetteerPath + "/boundaries")
        } catch {
            fatalError("the test boundaries did not load: \(error)")
        }
    }()

    /// The five example reports.
    public static let reports: [Report] = {
        do {
            return try ReportReader().read(paths: [examplesPath]).reports
        } catch {
            fatalError("the example reports did not load: \(error)")
        }
    }()

    /// The analysis of the five example reports.
    public static let analysis: Analysis = Analyzer(gazetteer: gazetteer).analyze(reports)

    /// A fresh temporary folder, removed by the caller.
    public static func temporaryFolder(_ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("conflictmap-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The path of an executable built beside the test binary (e.g. `conflictmap`).
    public static func builtExecutable(_ name: String) -> String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return name
    }

    /// Runs a program and returns its exit status and standard output.
    public static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

// MARK: - Aggregator (issue 4): actor profiles and the analysis with claims

extension Fixtures {
    public static let actorsPath = root + "/Actors"

    /// Every actor profile in `Actors/`.
    public static let actors: ActorProfiles = {
        do {
            return try ActorProfiles.load(from: actorsPath)
        } catch {
            fatalError("the actor profiles did not load: \(error)")
        }
    }()

    /// An analyzer with the full gazetteer and every actor profile.
    public static let claimsAnalyzer = Analyzer(gazetteer: gazetteer, actors: actors)

    /// The analysis of the five example reports with the actor profiles: claims and control.
    public static let claimsAnalysis: Analysis = claimsAnalyzer.analyze(reports)

    /// The analysis of reports given as text (id → text), each dated, with the actor profiles.
    public static func analyze(_ texts: [(id: String, text: String)], date: String? = nil) -> Analysis {
        let reports = texts.map { Report(id: $0.id, path: $0.id, title: "", text: $0.text, date: date) }
        return claimsAnalyzer.analyze(reports)
    }
}

// MARK: - Scale-out (issue 6): a corpus made from the examples, and running the command line

extension Fixtures {
    /// A deterministic pseudo-random generator (SplitMix64), so that failures can be replayed.
    public struct SplitMix: RandomNumberGenerator {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Reports made from the five examples as outlets republish them: verbatim copies under
    /// another outlet, title and date (syndication); copies cut short or missing a paragraph; copies
    /// with a dateline and boilerplate; copies retold about other provinces; plus short reports from
    /// other wars. Shuffled; some share a file path (as JSON Lines reports do) and are told apart by id.
    /// About 300 KB: more than the size at which the analysis builds its name automaton.
    public static let corpus: [Report] = {
        var rng = SplitMix(state: 2021)
        let outlets = ["Reuters", "AP", "AFP", "Al Jazeera", "BBC", "Tolo News", "Pajhwok", "The Guardian"]
        let swaps: [[(String, String)]] = [
            [("Panjshir", "Baghlan"), ("Shatal", "Andarab"), ("Shotul", "Andarab"), ("Shutul", "Andarab"), ("Parwan", "Kunduz")],
            [("Panjshir", "Kapisa"), ("Shatal", "Nijrab"), ("Shotul", "Nijrab"), ("Shutul", "Nijrab"), ("Parwan", "Laghman")],
        ]
        let others = [
            ("Kherson", "Ukrainian forces entered Kherson on Friday after Russia withdrew from the city, Ukraine's defence ministry said.", "2022-11-12"),
            ("Nyala", "The Rapid Support Forces said on Thursday they had seized Nyala. Sudan's army denied the claim. Fighting near Zorgistan continued.", "2023-10-27"),
        ]
        var out: [Report] = []
        for n in 0..<76 {
            let outlet = outlets[Int.random(in: 0..<outlets.count, using: &rng)]
            let path = "archive/\(outlet.lowercased().replacingOccurrences(of: " ", with: "-")).jsonl"
            if n % 25 == 7 {
                let (title, text, date) = others[n % others.count]
                out.append(Report(id: "\(outlet)-\(n)", path: path, title: title, text: text, date: date, outlet: outlet))
                continue
            }
            let base = reports[Int.random(in: 0..<reports.count, using: &rng)]
            var paragraphs = base.text.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            var title = base.title
            switch Int.random(in: 0..<6, using: &rng) {
            case 0, 1: break  // verbatim
            case 2 where paragraphs.count > 4: paragraphs.removeLast(Int.random(in: 1...(paragraphs.count / 2), using: &rng))
            case 3 where paragraphs.count > 3: paragraphs.remove(at: Int.random(in: 1..<paragraphs.count, using: &rng))
            case 4:
                paragraphs[0] = "KABUL (\(outlet)) — " + paragraphs[0]
                paragraphs.append("Copyright 2021 \(outlet). All rights reserved.")
            default:
                let swap = swaps[Int.random(in: 0..<swaps.count, using: &rng)]
                for (a, b) in swap {
                    paragraphs = paragraphs.map { $0.replacingOccurrences(of: a, with: b) }
                    title = title.replacingOccurrences(of: a, with: b)
                }
            }
            if Bool.random(using: &rng) { title = "UPDATE: " + title }
            let date = Int.random(in: 0..<10, using: &rng) == 0 ? nil : String(format: "2021-09-%02d", Int.random(in: 1...12, using: &rng))
            out.append(Report(id: "\(outlet)-\(n)", path: path, title: title, text: paragraphs.joined(separator: "\n\n"), date: date, outlet: outlet))
        }
        return out.shuffled(using: &rng)
    }()

    /// What a command wrote and how it ended.
    public struct Run: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: String
        public var text: String { String(decoding: output, as: UTF8.self) }
    }

    /// Runs the built `conflictmap` with the arguments, in a folder, with bytes on standard input.
    public static func conflictmap(_ arguments: [String], input: Data = Data(), in folder: String = root) throws -> Run {
        let scratch = try temporaryFolder("run")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let files = ["in", "out", "err"].map { scratch + "/" + $0 }
        try input.write(to: URL(fileURLWithPath: files[0]))
        for f in files.dropFirst() { FileManager.default.createFile(atPath: f, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: builtExecutable("conflictmap"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: files[0]))
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: files[1]))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: files[2]))
        try process.run()
        process.waitUntilExit()
        let output = try Data(contentsOf: URL(fileURLWithPath: files[1]))
        let errors = String(decoding: try Data(contentsOf: URL(fileURLWithPath: files[2])), as: UTF8.self)
        return Run(status: process.terminationStatus, output: output, errors: errors)
    }
}
