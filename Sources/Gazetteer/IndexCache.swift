import Foundation
import Geo

// MARK: - The places of a gazetteer

/// The places of a gazetteer, in load order.
///
/// A gazetteer built from places holds them in an array. One loaded through the index cache
/// (see ``IndexCache``) reads each place from its line in the gazetteer file the first time it is
/// asked for, so that a run that touches a few hundred places does not decode seventy thousand.
public struct PlaceList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case array([Place])
        case lines(PlaceLines)
    }

    let storage: Storage
    public let endIndex: Int
    public var startIndex: Int { 0 }

    init(_ places: [Place]) {
        storage = .array(places)
        endIndex = places.count
    }

    init(lines: PlaceLines) {
        storage = .lines(lines)
        endIndex = lines.count
    }

    public subscript(i: Int) -> Place {
        switch storage {
        case .array(let places): return places[i]
        case .lines(let lines): return lines.place(i)
        }
    }
}

/// Places read on demand from their lines in memory-mapped gazetteer files, kept once read.
final class PlaceLines: @unchecked Sendable {
    struct File {
        let path: String
        let base: UnsafeRawPointer
        let size: Int
        /// The index of the file's first place.
        let firstPlace: Int
    }

    let files: [File]
    /// Where each place's line starts in its file, and how long it is (without the comma).
    private let starts: [UInt64]
    private let lengths: [UInt32]
    private let lock = NSLock()
    private var read: [Int32: Place] = [:]
    /// How many places are kept once read: enough for any analysis; a walk over every place
    /// (statistics, edits) reads them again rather than holding them all.
    static let keep = 16_384

    var count: Int { starts.count }

    init(files: [File], starts: [UInt64], lengths: [UInt32]) {
        self.files = files
        self.starts = starts
        self.lengths = lengths
    }

    deinit {
        for f in files where f.size > 0 { munmap(UnsafeMutableRawPointer(mutating: f.base), f.size) }
    }

    /// The file that place `i` is in.
    func file(of i: Int) -> File {
        var k = files.count - 1
        while k > 0, files[k].firstPlace > i { k -= 1 }
        return files[k]
    }

    func place(_ i: Int) -> Place {
        lock.lock()
        let kept = read[Int32(i)]
        lock.unlock()
        if let kept { return kept }
        // Parsed outside the lock, so that threads resolving names do not wait on each other.
        let f = file(of: i)
        let line = UnsafeBufferPointer(start: f.base.assumingMemoryBound(to: UInt8.self) + Int(starts[i]), count: Int(lengths[i]))
        var reader = FastPlaceReader()
        let place = reader.read(line) ?? (try? GazetteerFile.generalPlace(line, path: f.path, line: 0))
            // The file was checked unchanged when the cache was opened; should it have been
            // rewritten in place since, the place reads as a stand-in rather than stopping the run.
            ?? Place(id: "unreadable-\(i)", name: "(unreadable gazetteer line)", kind: .region, coordinate: Coordinate(latitude: 0, longitude: 0))
        lock.lock()
        if read.count < Self.keep { read[Int32(i)] = place }
        lock.unlock()
        return place
    }
}

// MARK: - The index cache

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

    // MARK: Loading

    /// The gazetteer of `files` from the cache, or `nil` when there is no usable cache.
    static func load(files: [String], for path: String, isFolder: Bool) -> Gazetteer? {
        guard isEnabled else { return nil }
        for location in locations(for: path, isFolder: isFolder) {
            guard let cache = Mapping(location) else { continue }
            if let g = read(cache, files: files) { return g }
        }
        return nil
    }

    private static func read(_ cache: Mapping, files paths: [String]) -> Gazetteer? {
        let all = UnsafeRawBufferPointer(start: cache.base, count: cache.size)
        guard all.count >= headerSize else { return nil }
        var h = ByteReader(all)
        guard h.u64() == magic, h.u64() == formatVersion, h.u64() == rulesHash, let length = h.u64(),
            let sum = h.u64(), Int(length) == all.count - headerSize
        else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: all[headerSize...])
        guard checksum(payload) == sum else { return nil }
        var r = ByteReader(payload)
        guard let fileCount = r.u64(), Int(fileCount) == paths.count else { return nil }
        var files: [PlaceLines.File] = []
        var ok = false
        defer { if !ok { for f in files where f.size > 0 { munmap(UnsafeMutableRawPointer(mutating: f.base), f.size) } } }
        var first = 0
        for path in paths {
            guard let saved = r.string(), saved == (path as NSString).lastPathComponent, let stamp = r.stamp(), let count = r.u64(),
                let mapping = Mapping(path), mapping.stamp == stamp
            else { return nil }
            files.append(PlaceLines.File(path: path, base: mapping.take(), size: mapping.size, firstPlace: first))
            first += Int(count)
        }
        guard let placeCount = r.u64(), Int(placeCount) == first, let nameCount = r.u64(), let fingerprint = r.string(),
            let orphans: [UInt64] = r.array(), let starts: [UInt64] = r.array(), let lengths: [UInt32] = r.array(),
            starts.count == first, lengths.count == first, let idSlots: [UInt64] = r.array()
        else { return nil }
        for (k, f) in files.enumerated() {
            let end = k + 1 < files.count ? files[k + 1].firstPlace : first
            for i in f.firstPlace..<end where Int(starts[i]) + Int(lengths[i]) > f.size { return nil }
        }
        var maps: [StringMultiMap] = []
        for _ in 0..<2 {
            var parts: [StringMultiMap.Part] = []
            for _ in 0..<StringMultiMap.partCount {
                guard let slots: [UInt32] = r.array(), let arena: [UInt8] = r.array(), let overflow: [UInt32] = r.array() else { return nil }
                parts.append(StringMultiMap.Part(slots: slots, arena: arena, overflow: overflow))
            }
            maps.append(StringMultiMap(parts: parts))
        }
        guard let entries: [SpellingBuckets.Entry] = r.array(), let bucketWords: [UInt64] = r.array(), bucketWords.count % 3 == 0,
            orphans.allSatisfy({ $0 < placeCount })
        else { return nil }
        var spelling = SpellingBuckets()
        spelling.entries = entries
        for k in stride(from: 0, to: bucketWords.count, by: 3) {
            let lower = Int(bucketWords[k + 1]), upper = Int(bucketWords[k + 2])
            guard lower <= upper, upper <= entries.count else { return nil }
            spelling.buckets[Int(bucketWords[k])] = lower..<upper
        }
        ok = true
        let lines = PlaceLines(files: files, starts: starts, lengths: lengths)
        let places = PlaceList(lines: lines)
        let warnings = orphans.map { i -> GazetteerError in
            let p = places[Int(i)]
            return GazetteerError(file: lines.file(of: Int(i)).path, reason: "'\(p.id)' names parent '\(p.parent ?? "")', which no place has")
        }
        let total = first
        return Gazetteer(
            cached: places,
            files: FileTable {
                var origin: [String: String] = [:]
                origin.reserveCapacity(total)
                for i in 0..<total where origin[places[i].id] == nil { origin[places[i].id] = lines.file(of: i).path }
                return origin
            },
            warnings: warnings, orphans: orphans.map { Int($0) }, nameCount: Int(nameCount), fingerprint: fingerprint,
            indexByID: IDIndex(slots: idSlots), nameIndex: maps[0], keyIndex: maps[1], spellingBuckets: spelling)
    }

    /// A file mapped read-only, with its stamp taken from the open file.
    final class Mapping {
        let base: UnsafeRawPointer
        let size: Int
        let stamp: Stamp
        private var owned = true

        init?(_ path: String) {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var s = stat()
            guard fstat(fd, &s) == 0, s.st_mode & S_IFMT == S_IFREG else { return nil }
            stamp = Stamp(s)
            size = Int(s.st_size)
            if size == 0 {
                base = UnsafeRawPointer(bitPattern: 1)!
                owned = false
                return
            }
            guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
            base = UnsafeRawPointer(p)
        }

        /// Hands the mapping over to the caller, who unmaps it.
        func take() -> UnsafeRawPointer {
            owned = false
            return base
        }

        deinit {
            if owned { munmap(UnsafeMutableRawPointer(mutating: base), size) }
        }
    }
}

// MARK: - Bytes

/// Appends little-endian numbers, strings and arrays of plain values, each array aligned to 8 bytes.
struct ByteWriter {
    var bytes = Data()

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        u64(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
        pad()
    }

    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
        u64(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        pad()
    }

    mutating func stamp(_ s: IndexCache.Stamp) {
        for v in [s.size, s.modified, s.modifiedNanos, s.changed, s.changedNanos] { u64(UInt64(bitPattern: v)) }
        u64(s.inode)
        u64(s.device)
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}

/// Reads what `ByteWriter` writes, checking every length against the bytes there are.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func u64() -> UInt64? {
        guard at + 8 <= bytes.count else { return nil }
        defer { at += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    mutating func string() -> String? {
        guard let n = u64(), n <= UInt64(bytes.count - at) else { return nil }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(n))]), as: UTF8.self)
        at += Int(n)
        skipPadding()
        return s
    }

    mutating func array<T: BitwiseCopyable>() -> [T]? {
        guard let n = u64() else { return nil }
        let stride = MemoryLayout<T>.stride
        guard n <= UInt64(bytes.count - at) / UInt64(stride) else { return nil }
        let count = Int(n)
        let source = bytes.baseAddress! + at
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: count * stride) }
            initialized = count
        }
        at += count * stride
        skipPadding()
        return out
    }

    mutating func stamp() -> IndexCache.Stamp? {
        guard let size = u64(), let m = u64(), let mn = u64(), let c = u64(), let cn = u64(), let inode = u64(), let device = u64() else { return nil }
        return IndexCache.Stamp(
            size: Int64(bitPattern: size), modified: Int64(bitPattern: m), modifiedNanos: Int64(bitPattern: mn),
            changed: Int64(bitPattern: c), changedNanos: Int64(bitPattern: cn), inode: inode, device: device)
    }

    private mutating func skipPadding() {
        at = min(bytes.count, (at + 7) / 8 * 8)
    }
}
