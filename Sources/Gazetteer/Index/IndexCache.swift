import Foundation
import Geo

/// A saved copy of a gazetteer's indexes, so that loading unchanged files is a matter of
/// milliseconds: it skips parsing seventy thousand places and normalizing half a million names.
///
/// The cache sits beside the gazetteer (`Gazetteer/.index-cache`, or `.NAME.index-cache` beside a
/// single file) or, where that cannot be written, in `~/.cache/conflictmap/`. It records each
/// file's size, modification time, change time, inode and device; it is used only when every file
/// still matches and the folder holds the same files, and is rebuilt otherwise. Files changed in
/// the last two seconds are not cached (a change within the same clock tick could go unseen).
///
/// The cache is read in place through a memory map: nothing is copied or checked whole, so that
/// loading costs well under a millisecond whatever its size. A foreign or damaged cache (its
/// version or name rules differ, its size is not the one its header gives, its footer does not
/// match its header, or the digest of its structure fails: every number, string and small array,
/// each array's place and length among them) is ignored. Damage inside the bulk of a large array
/// can go unseen, so every offset and place number read from the cache is checked against the
/// bounds it indexes before use: such damage can give wrong answers, never a crash. Set
/// `CONFLICTMAP_INDEX_CACHE=off` to never read or write it.
public enum IndexCache {
    static let magic: UInt64 = 0x5844_4E49_5A41_474D  // "MGAZINDX", little-endian
    static let footerMagic: UInt64 = 0x444E_4558_4449_5A47  // "GZIDXEND", little-endian
    /// Bump when the layout or the meaning of anything saved changes.
    static let formatVersion: UInt64 = 2
    static let headerSize = 64
    static let footerSize = 16
    /// Files changed this many seconds ago or less are not cached.
    static let recentSeconds: Int64 = 2

    /// Whether the environment allows the cache.
    static var isEnabled: Bool {
        let value = ProcessInfo.processInfo.environment["CONFLICTMAP_INDEX_CACHE"]?.lowercased()
        return !["off", "0", "no", "false"].contains(value ?? "")
    }

    /// A hash of how names are normalized and keyed, over names of many scripts and spellings:
    /// a cache made by a build that normalizes differently is not used.
    static let rulesHash: UInt64 = {
        var h = StableHasher()
        h.add(formatVersion)
        let probes = [
            "Shatal", "Shotul", "Shutul", "Chārīkār", "Charika", "Mazār-e Sharīf", "Mazar-i-Sharif", "Pul-i-Khumri",
            "Panjshir", "Panjsher", "Panj'shir", "پنجشیر", "پنجشير", "شتل", "Ḩeşārak", "Unaba", "Anaba", "ʿAnābah",
            "Kyiv", "Kiev", "Kharkiv", "Zaporizhzhia", "Бахмут", "Al-Fashir", "El Fasher", "Khan Yunis", "Khan Younis",
            "São Paulo", "Dnipro", "Ōsaka", "Straße", "Saint-Étienne", "Bandar-e ‘Abbās", "Côte d’Ivoire", "N'Djamena",
            "Halab", "Ḥalab", "Al Ḩudaydah", "Goma", "Mosul", "Al Mawşil", "Qandahar", "Kandahar", "Ghaznī", "Mykolaiv",
        ]
        for name in probes {
            let normalized = NameKey.normalized(name)
            h.add(normalized)
            h.add(NameKey.transliterationKey(normalized) ?? "-")
            h.add(UInt64(Gazetteer.bucket(normalized)))
            h.add(Array(normalized.utf8).withUnsafeBufferPointer { KeyHash.hash($0) })
        }
        h.add(UInt64(StringMultiMap.partCount))
        h.add(UInt64(MemoryLayout<SpellingBuckets.Entry>.stride))
        return h.value
    }()

    /// Where the cache of a gazetteer folder or file may be, in order of preference.
    static func locations(for path: String, isFolder: Bool) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standard = (absolute as NSString).standardizingPath
        let beside = isFolder
            ? (standard as NSString).appendingPathComponent(".index-cache")
            : ((standard as NSString).deletingLastPathComponent as NSString)
                .appendingPathComponent("." + (standard as NSString).lastPathComponent + ".index-cache")
        let environment = ProcessInfo.processInfo.environment
        let home = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["HOME"].map { $0 + "/.cache" }
        var h = StableHasher()
        h.add(standard)
        return [beside] + (home.map { ["\($0)/conflictmap/\(h.hex).index-cache"] } ?? [])
    }

    // MARK: Saving

    /// Saves the indexes of a gazetteer just built from `files` (with `lineRanges[k]` where the
    /// lines of file `k`'s places are, and `stamps` taken before they were read). Does nothing,
    /// silently, when a file is not one feature per line, changed since, or changed too recently,
    /// or when no location can be written: the cache only ever saves time.
    static func save(
        _ g: Gazetteer, files: [String], lineRanges: [[(start: UInt64, length: UInt32)]?], stamps: [Stamp?], for path: String,
        isFolder: Bool, recent: Int64 = recentSeconds
    ) {
        guard isEnabled, case .array = g.places.storage, files.count == lineRanges.count, files.count == stamps.count else { return }
        var w = ByteWriter()
        w.u64(UInt64(files.count))
        var starts: [UInt64] = []
        var lengths: [UInt32] = []
        starts.reserveCapacity(g.places.count)
        lengths.reserveCapacity(g.places.count)
        for (k, file) in files.enumerated() {
            guard let before = stamps[k], !before.isRecent(within: recent), Stamp.of(file) == before, let lines = lineRanges[k] else { return }
            for r in lines {
                starts.append(r.start)
                lengths.append(r.length)
            }
            // The name only: the cache's place says which folder, and the stamp which file.
            w.string((file as NSString).lastPathComponent)
            w.stamp(before)
            w.u64(UInt64(lines.count))
        }
        guard starts.count == g.places.count else { return }
        w.u64(UInt64(g.places.count))
        w.u64(UInt64(g.nameCount))
        w.string(g.contentFingerprint)
        w.array(g.orphans.map { UInt64($0) })
        w.array(starts)
        w.array(lengths)
        w.array(g.indexByID.slots)
        for map in [g.nameIndex, g.keyIndex] {
            for part in map.parts {
                w.array(part.slots)
                w.array(part.arena)
                w.array(part.overflow)
            }
        }
        w.array(g.spellingBuckets.entries)
        let buckets = g.spellingBuckets.buckets.sorted { $0.key < $1.key }
        w.array(buckets.flatMap { [UInt64($0.key), UInt64($0.value.lowerBound), UInt64($0.value.upperBound)] })

        // The header: what the cache is, how long its payload is and how much of it the numbers
        // and strings take (the arrays follow them), the digest of its structure, and a token
        // that the footer repeats, so that a file cut short or pieced together from two writes
        // is told apart.
        let token = writeToken()
        var header = ByteWriter()
        let words = [magic, formatVersion, rulesHash, UInt64(w.bytes.count + w.data.count), UInt64(w.bytes.count), w.digest.value, token, 0]
        for word in words { header.u64(word) }
        var out = header.bytes
        out.append(w.bytes)
        out.append(w.data)
        var footer = ByteWriter()
        footer.u64(token)
        footer.u64(footerMagic)
        out.append(footer.bytes)
        // Flushed to disk before it replaces the old one (about 0.15 s for 39 MB, on a rebuild
        // only): a cache torn by a crash could keep its size, header and footer, and no whole
        // checksum is read to catch it.
        for location in locations(for: path, isFolder: isFolder) where (try? AtomicFile.write(out, to: location)) != nil {
            return
        }
    }

    /// A value that differs from one save to the next (the time and the process), which the
    /// header and the footer both hold.
    static func writeToken() -> UInt64 {
        var h = StableHasher()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        h.add(UInt64(bitPattern: Int64(now.tv_sec)))
        h.add(UInt64(bitPattern: Int64(now.tv_nsec)))
        h.add(UInt64(bitPattern: Int64(getpid())))
        return h.value
    }

    /// A checksum of bytes (a sum of 64-bit words with their positions mixed in).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let words = bytes.count / 8
        var a: UInt64 = 0, b: UInt64 = 0
        guard let base = bytes.baseAddress else { return 0 }
        for i in 0..<words {
            let w = base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            a &+= w
            b &+= a
        }
        var tail: UInt64 = 0
        for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
        return (a ^ (b &* 0x9E37_79B9_7F4A_7C15)) &+ tail &+ UInt64(bytes.count)
    }

}
