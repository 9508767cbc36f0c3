import Foundation

/// Checks, before any report is read or any file written, that every output path can be written:
/// its folder exists and is writable, and the path is not a folder. A run that would fail on its
/// last output (the layout after the map, say) fails at once instead, with nothing written.
enum OutputPaths {
    /// Throws a message naming the option and the path when `path` cannot be written.
    /// `-` (standard output) always can.
    static func check(_ path: String, option: String) throws {
        guard path != "-" else { return }
        guard !path.isEmpty else { throw CommandFailure(message: "\(option): the path is empty") }
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { throw CommandFailure(message: "\(option) \(path): is a folder; give a file name") }
            guard access(path, W_OK) == 0 else { throw CommandFailure(message: "\(option) \(path): cannot be replaced (no permission)") }
        }
        let parent = folder(of: path)
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
            throw CommandFailure(message: "\(option) \(path): the folder \(parent) does not exist")
        }
        guard access(parent, W_OK | X_OK) == 0 else {
            throw CommandFailure(message: "\(option) \(path): the folder \(parent) cannot be written (no permission)")
        }
    }

    /// Checks several paths, and that no two of them are the same file.
    static func check(_ paths: [(path: String, option: String)]) throws {
        var seen: [String: String] = [:]
        for (path, option) in paths {
            try check(path, option: option)
            let key = (path as NSString).standardizingPath
            if path != "-", let other = seen[key] {
                throw CommandFailure(message: "\(option) \(path): \(other) writes the same file")
            }
            seen[key] = option
        }
    }

    static func folder(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }
}
