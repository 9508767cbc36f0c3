import ArgumentParser
import Foundation
import Gazetteer

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Look up and maintain the gazetteer.",
        subcommands: [Lookup.self])
}

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the ranked candidates for a place name, with reasons.")

    @Argument(help: "The name as a report writes it, e.g. Shotul or Charika.")
    var name: String

    @Option(name: .long, help: "A place (name or id) the name should be near.")
    var near: String?

    @Option(name: .long, help: "A gazetteer file or folder to use instead of Gazetteer/.")
    var gazetteer: String?

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let g: Gazetteer
        do { g = try Gazetteer.load(from: gazetteer ?? ProjectPaths.gazetteer) } catch { throw CommandFailure(error) }
        var context = ResolutionContext()
        if let near {
            guard let p = g.place(id: near) ?? g.resolve(near).flatMap({ g.place(id: $0.id) }) else {
                throw CommandFailure(message: "--near '\(near)' is not in the gazetteer")
            }
            context.region = p
        }
        let found = g.candidates(for: name, context: context)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(found) + Data("\n".utf8))
            return
        }
        if found.isEmpty {
            print("No place matches '\(name)'.")
            throw ExitCode(1)
        }
        for (i, c) in found.enumerated() {
            print("\(i + 1). \(c.name) [\(c.id)] \(c.kind.rawValue), \(String(format: "%.4f, %.4f", c.latitude, c.longitude))  score \(c.score) (\(c.match.rawValue))")
            for r in c.reasons { print("     - \(r)") }
        }
    }
}
