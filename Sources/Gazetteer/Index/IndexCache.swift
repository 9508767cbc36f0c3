import Foundation
import Geo

/// A saved copy of a gazetteer's indexes, so that loading unchanged files is a matter of
/// milliseconds: it skips parsing seventy thousand places and normalizing half a million names.
///
/// The cache sits beside the gazetteer (`Gazetteer/.index-cache`, or `.NAME.index-cache` beside a
/// single file) or, where that cannot be written, in `~/.cache/conflictmap/`. It records each
/// file's size, modification time, change time, inode and device; it is used only when every file
/// still matches and the folder holds the same files, and is rebuilt otherwise. Files changed in
/// the last two seconds are not cached (a change within the same clock tick could go unseen). A
/// damaged or foreign cache (its checksum, version or name rules differ) is ignored. Set
/// `CONFLICTMAP_INDEX_CACHE=off` to never read or write it.
public enum IndexCache {
    static let magic: UInt64 = 0x5844_4E49_5A41_474D  // "MGAZINDX", little-endian
    /// Bump when the layout or the meaning of anything saved changes.
    static let formatVersion: UInt64 = 1
    static let headerSize = 48
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

        var header = ByteWriter()
        header.u64(magic)
        header.u64(formatVersion)
        header.u64(rulesHash)
        header.u64(UInt64(w.bytes.count))
        header.u64(checksum(w.bytes))
        header.u64(0)
        var out = header.bytes
        out.append(w.bytes)
        // (Not flushed to disk: a cache lost in a crash is made again, and its checksum catches a torn one.)
        for location in locations(for: path, isFolder: isFolder) where (try? AtomicFile.write(out, to: location, durable: false)) != nil {
            return
        }
    }

    /// A checksum of the saved bytes (a sum of 64-bit words with their positions mixed in).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let words = bytes.count / 8
        var a: UInt64 = 0, b: UInt64 = 0
        let base = bytes.baseAddress!
        for i in 0..<words {
            let w = base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            a &+= w
            b &+= a
        }
        var tail: UInt64 = 0
        for i in (words * 8)..<bytes.count { tail = tail << 8 | UInt64(bytes[i]) }
        return (a ^ (b &* 0x9E37_79B9_7F4A_7C15)) &+ tail &+ UInt64(bytes.count)
    }

    static func checksum(_ bytes: Data) -> UInt64 { bytes.withUnsafeBytes { checksum($0) } }
}
