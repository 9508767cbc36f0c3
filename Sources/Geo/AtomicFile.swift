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
        let temp = dir + "/." + url.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
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
}
