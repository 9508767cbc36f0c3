import ArgumentParser
import ConflictMapKit
import Foundation
import Renderer

@main
struct ConflictMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflictmap",
        abstract: "Turn news reports about an armed conflict into annotated maps.",
        discussion: """
            Reads reports, finds the places they name, counts independent sources, and draws a map. \
            The gazetteer is read from Gazetteer/ and the example reports from Examples/panjshir-2021/ of \
            the project folder: the one named by CONFLICTMAP_HOME, else the nearest one above the working \
            folder, else the one the executable was built in.
            """,
        version: MapDrawer.version,
        subcommands: [Render.self, ReportCommand.self, TimelineCommand.self, Analyze.self, Merge.self, GazetteerCommand.self],
        defaultSubcommand: nil
    )
}

/// Finds the project's folders: `CONFLICTMAP_HOME` if set; else the nearest folder holding a
/// Gazetteer/ folder, looking up from the working folder, then up from the executable's own folder
/// (so that `.build/release/conflictmap`, or a link to it, works from anywhere).
enum ProjectPaths {
    /// The project folder, found once (``ConflictMapKit/ConflictMap/defaultProjectRoot()``).
    static let rootFolder: String = Kit.defaultProjectRoot()

    static var gazetteer: String { rootFolder + "/Gazetteer" }

    /// The folder of a gazetteer given as a folder or as one of its files: where its
    /// `boundaries/` and `basemap/` are.
    static func gazetteerFolder(_ path: String) -> String {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
            ? (path as NSString).deletingLastPathComponent : path
    }
    /// The default reports: the Panjshir example. The other wars' examples (Examples/syria-2024/ …)
    /// are read only when named, so the default map stays one war's.
    static var examples: String { rootFolder + "/Examples/panjshir-2021" }
    static var output: String { rootFolder + "/Output" }
}

/// Set by `--quiet`: warnings and progress are not printed (errors still are). Written once,
/// while the arguments are read, before any work starts.
nonisolated(unsafe) var quietMode = false

/// Prints a warning or a progress line to standard error, unless `--quiet` was given.
func warn(_ message: String) {
    guard !quietMode else { return }
    FileHandle.standardError.write(Data(("conflictmap: " + message + "\n").utf8))
}

/// An error the command reports and exits on, with a message the user can act on.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ error: any Error) { description = String(describing: error) }
    init(message: String) { description = message }
}
