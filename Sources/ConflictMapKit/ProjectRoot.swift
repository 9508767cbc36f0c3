import Foundation

extension ConflictMap {
    /// The project folder: `CONFLICTMAP_HOME` if set; else the nearest folder holding a
    /// `Gazetteer/` folder, looking up from the working folder, then up from the executable's own
    /// folder (so that `.build/release/conflictmap`, or a link to it, works from anywhere); else
    /// the working folder.
    public static func defaultProjectRoot() -> String {
        if let home = ProcessInfo.processInfo.environment["CONFLICTMAP_HOME"], !home.isEmpty { return home }
        let cwd = FileManager.default.currentDirectoryPath
        if let found = enclosingProject(from: URL(fileURLWithPath: cwd)) { return found }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? cwd
        if let found = enclosingProject(from: URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()) {
            return found
        }
        return cwd
    }

    private static func enclosingProject(from start: URL) -> String? {
        var dir = start
        for _ in 0..<8 {
            if isFolder(dir.appendingPathComponent("Gazetteer").path) { return dir.path }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { break }
            dir = parent
        }
        return nil
    }
}
