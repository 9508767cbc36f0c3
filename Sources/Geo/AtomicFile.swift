import Foundation

/// Writes files whole or not at all.
public enum AtomicFile {
    /// Writes to a temporary file beside the target, flushes it to disk (unless `durable` is false,
    /// for files that can be made again, such as caches), then renames it over the target.
    public static func write(_ data: Data, to path: String, durable: Bool = true) throws(GeoError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw GeoError.cannotWrite(path: path, reason: "cannot create the folder \(dir): \(error.localizedDescription)")
            }
        } else if !isDir.boolValue {
            throw GeoError.cannotWrite(path: path, reason: "\(dir) is a file, not a folder")
        }
        // Unique per writer, so that threads of one process writing the same file do not share it.
        let temp = dir + "/" + temporaryName(for: url.lastPathComponent)
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw GeoError.cannotWrite(path: path, reason: "cannot write here: \(String(cString: strerror(errno)))" + " (choose another output path or check the folder's permissions)")
        }
        var ok = true
        var message = ""
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    ok = false
                    message = String(cString: strerror(errno))
                    break
                }
                offset += n
            }
        }
        if ok, durable, fsync(fd) != 0 { ok = false; message = String(cString: strerror(errno)) }
        close(fd)
        guard ok else {
            unlink(temp)
            throw GeoError.cannotWrite(path: path, reason: "writing failed: \(message); nothing was written")
        }
        if rename(temp, path) != 0 {
            let m = String(cString: strerror(errno))
            unlink(temp)
            throw GeoError.cannotWrite(path: path, reason: "cannot replace the file: \(m); nothing was written")
        }
    }

    /// The name of a temporary file for `name`: `.NAME.PID.RANDOM.tmp`, naming the writing process.
    static func temporaryName(for name: String) -> String {
        "." + name + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// What the name of a temporary file made by `write` says: the name of the file it was to
    /// become and the id of the process writing it; `nil` for other names.
    public static func temporaryFileOwner(_ name: String) -> (target: String, pid: Int32)? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        var parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard let random = parts.popLast(), UInt32(random) != nil,
            let pidText = parts.popLast(), let pid = Int32(pidText), pid > 0
        else { return nil }
        let target = parts.joined(separator: ".")
        return target.isEmpty ? nil : (target, pid)
    }

    /// Removes the temporary files in `folder` that writers killed before renaming them left
    /// behind. `grace` gives, for the name of the file a temporary file was to become, how many
    /// seconds it must have been unchanged before it is removed when its process is gone, or
    /// `nil` to leave it alone. Whatever its process, a file unchanged for `maxAge` seconds is
    /// removed too (its process id may have been reused). A live writer's file is kept: its
    /// process runs and the file changes as it is written. Returns the names removed.
    @discardableResult
    public static func removeAbandonedTemporaryFiles(
        in folder: String, maxAge: TimeInterval = 600, grace: (_ target: String) -> TimeInterval?
    ) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let now = Date().timeIntervalSince1970
        var removed: [String] = []
        for name in names.sorted() {
            guard let (target, pid) = temporaryFileOwner(name), let wait = grace(target) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            var s = stat()
            guard lstat(path, &s) == 0, (s.st_mode & S_IFMT) == S_IFREG else { continue }
            #if os(Linux)
            let age = now - (Double(s.st_mtim.tv_sec) + Double(s.st_mtim.tv_nsec) / 1e9)
            #else
            let age = now - (Double(s.st_mtimespec.tv_sec) + Double(s.st_mtimespec.tv_nsec) / 1e9)
            #endif
            let gone = kill(pid, 0) != 0 && errno == ESRCH
            if (gone && age >= wait) || age >= maxAge, unlink(path) == 0 {
                removed.append(name)
            }
        }
        return removed
    }
}
