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
