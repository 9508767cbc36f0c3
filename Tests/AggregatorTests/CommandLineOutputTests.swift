import Foundation
import Testing
import TestSupport

/// What the command line writes where (the reports issue): `--out -` is standard output, progress
/// and the paths written go to standard error, `--quiet` silences both, and a place given to
/// `--region` or `--focus` must be one the gazetteer has, not a guess.
@Suite("Command line: standard output, --quiet, places given as options")
struct CommandLineOutputTests {
    /// Runs the built `conflictmap` in `folder`, keeping standard output and error apart.
    func run(_ arguments: [String], in folder: String) throws -> (status: Int32, stdout: Data, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.builtExecutable("conflictmap"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        // Standard error goes to a file, so that only one pipe is read while the process runs.
        let errPath = folder + "/stderr.txt"
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errPath) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data, (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    @Test("render --out - writes the PNG to standard output, creates no file named '-', and prints nothing else there")
    func standardOutput() throws {
        let dir = try Fixtures.temporaryFolder("stdout")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(["render", Fixtures.examplesPath, "--out", "-"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.starts(with: [0x89, 0x50, 0x4E, 0x47]), "standard output does not start with a PNG signature")
        #expect(!FileManager.default.fileExists(atPath: dir + "/-"))
        let svg = try run(["render", Fixtures.examplesPath, "--out", "-", "--format", "svg"], in: dir)
        #expect(String(decoding: svg.stdout, as: UTF8.self).contains("</svg>"))
        #expect(try run(["render", Fixtures.examplesPath, "--out", "-", "--format", "png", "svg"], in: dir).status == 64)
    }

    @Test("The paths written go to standard error; --quiet prints nothing on success")
    func quiet() throws {
        let dir = try Fixtures.temporaryFolder("quiet")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let loud = try run(["render", Fixtures.examplesPath, "--out", dir + "/m.png"], in: dir)
        #expect(loud.status == 0 && loud.stdout.isEmpty)
        #expect(loud.stderr.contains("wrote \(dir)/m.png"))
        let quiet = try run(["render", Fixtures.examplesPath, "--out", dir + "/q.png", "--quiet"], in: dir)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/q.png"))
        let analysis = try run(["analyze", Fixtures.examplesPath, "--quiet"], in: dir)
        #expect(analysis.status == 0 && analysis.stderr.isEmpty && !analysis.stdout.isEmpty)
    }

    @Test("--region and --focus refuse a name the gazetteer does not have, naming the option and the nearest names",
          arguments: [["analyze", "--region", "Narnia"], ["render", "--focus", "Narnia"]])
    func unknownPlace(arguments: [String]) throws {
        let dir = try Fixtures.temporaryFolder("region")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run([arguments[0], Fixtures.examplesPath] + arguments.dropFirst() + (arguments[0] == "render" ? ["--out", dir + "/m.png"] : []), in: dir)
        #expect(r.status != 0)
        #expect(r.stderr.contains(arguments[1]) && r.stderr.contains("Narnia") && r.stderr.contains("is not a place in the gazetteer"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.png"))
        // A name the gazetteer has, as written, is taken.
        let ok = try run(["analyze", Fixtures.examplesPath, "--region", "Parwan", "--quiet"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
