import Foundation
import Geo

extension IndexCache {
    /// What identifies a version of a file: it changes whenever the file is written or replaced.
    struct Stamp: Equatable {
        var size: Int64, modified: Int64, modifiedNanos: Int64, changed: Int64, changedNanos: Int64
        var inode: UInt64, device: UInt64

        init(_ s: stat) {
            size = Int64(s.st_size)
            #if os(Linux)
            modified = Int64(s.st_mtim.tv_sec); modifiedNanos = Int64(s.st_mtim.tv_nsec)
            changed = Int64(s.st_ctim.tv_sec); changedNanos = Int64(s.st_ctim.tv_nsec)
            #else
            modified = Int64(s.st_mtimespec.tv_sec); modifiedNanos = Int64(s.st_mtimespec.tv_nsec)
            changed = Int64(s.st_ctimespec.tv_sec); changedNanos = Int64(s.st_ctimespec.tv_nsec)
            #endif
            inode = UInt64(s.st_ino)
            device = UInt64(s.st_dev)
        }

        init(size: Int64, modified: Int64, modifiedNanos: Int64, changed: Int64, changedNanos: Int64, inode: UInt64, device: UInt64) {
            self.size = size; self.modified = modified; self.modifiedNanos = modifiedNanos
            self.changed = changed; self.changedNanos = changedNanos; self.inode = inode; self.device = device
        }

        static func of(_ path: String) -> Stamp? {
            var s = stat()
            return stat(path, &s) == 0 ? Stamp(s) : nil
        }

        /// Whether the file changed within the last `seconds`, too recently for its stamp to be
        /// trusted: a change in the same clock tick would leave it as it was.
        func isRecent(within seconds: Int64) -> Bool {
            let now = Int64(Date().timeIntervalSince1970)
            return max(modified, changed) >= now - seconds
        }
    }
}
