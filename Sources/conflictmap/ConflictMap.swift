import ArgumentParser
import Foundation

@main
struct ConflictMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflictmap",
        abstract: "Turn news reports about an armed conflict into annotated maps.",
        discussion: """
            Reads reports, finds the places they name, counts independent sources, and draws a map.
            Run from the project folder (or below it): the gazetteer is read from Gazetteer/ and the
            example reports from Examples/.
            """,
        version: "0.1.0",
        subcommands: [Render.self, Analyze.self, Merge.self, GazetteerCommand.self],
        defaultSubcommand: nil
    )
}

/// Finds the project's folders: the nearest enclosing folder that has a Gazetteer/ folder.
enum ProjectPaths {
    static func root() -> String {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<8 {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Gazetteer").path, isDirectory: &isDir), isDir.boolValue {
                return dir.path
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return FileManager.default.currentDirectoryPath
    }

    static var gazetteer: String { root() + "/Gazetteer" }
    static var boundaries: String { root() + "/Gazetteer/boundaries" }
    static var examples: String { root() + "/Examples" }
    static var output: String { root() + "/Output" }
}

/// Prints to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data(("conflictmap: " + message + "\n").utf8))
}

/// An error the command reports and exits on, with a message the user can act on.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ error: any Error) { description = String(describing: error) }
    init(message: String) { description = message }
}
