import Foundation
import Geo

/// How a name in text matched a gazetteer entry.
public enum MatchType: String, Sendable, Hashable, Codable {
    /// The place's primary name.
    case exact
    /// One of its alternate names.
    case alias
    /// A transliteration or spelling variant of one of its names.
    case fuzzy
}

/// A loaded gazetteer: places, their hierarchy, and name indexes for resolution.
public struct Gazetteer: Sendable {
    /// Every place, in load order.
    public let places: PlaceList
    /// The file each place was read from, by place id (made on first use).
    public var files: [String: String] { fileTable.value }
    /// Problems that do not stop loading (e.g. a parent id that no place has).
    public let warnings: [GazetteerError]
    /// The number of names, primary and alternate.
    public let nameCount: Int
    /// Whether the indexes were read from the index cache (see ``IndexCache``) rather than built.
    public let isFromIndexCache: Bool

    let fileTable: FileTable
    let fingerprint: Lazy<String>
    /// Place id → place index.
    let indexByID: IDIndex
    /// Normalized name → places bearing it (primary names first), as `NameRef.raw` values.
    let nameIndex: StringMultiMap
    /// Transliteration key → places (place indices).
    let keyIndex: StringMultiMap
    /// Normalized Latin names of 7+ letters by (first letter, length), for one-edit spelling matches.
    let spellingBuckets: SpellingBuckets
    /// The places whose parent no place has.
    let orphans: [Int]

    struct NameRef: Sendable, Hashable {
        /// The place index, with the top bit set for an alternate name.
        let raw: UInt32
        init(raw: UInt32) { self.raw = raw }
        init(place: Int32, isPrimary: Bool) { raw = UInt32(bitPattern: place) | (isPrimary ? 0 : 0x8000_0000) }
        var place: Int32 { Int32(bitPattern: raw & 0x7FFF_FFFF) }
        var isPrimary: Bool { raw & 0x8000_0000 == 0 }
    }

    /// Builds a gazetteer from places, checking for duplicate ids.
    public init(places: [Place], files: [String: String] = [:]) throws(GazetteerError) {
        var names = 0
        for i in places.indices { names += 1 + places[i].alternateNames.count }
        let builder = IndexBuilder(expectedNames: names)
        builder.add(NameIndexBuilder.collect(places))
        try self.init(places: places, files: FileTable(files), builder: builder)
    }

    /// Builds a gazetteer from places whose names are already in `builder` (in place order). The
    /// id index and its checks are made alongside the last steps of the name indexes.
    init(places: [Place], files: FileTable, builder: IndexBuilder) throws(GazetteerError) {
        var names = 0
        for i in places.indices { names += 1 + places[i].alternateNames.count }
        var indexByID = IDIndex()
        var duplicate: Int?
        var orphans: [Int] = []
        let indexes = builder.finish(alongside: [{
            (indexByID, duplicate) = IDIndex.build(places)
            guard duplicate == nil else { return }
            for i in places.indices {
                if let parent = places[i].parent, indexByID.find(parent, in: places) == nil { orphans.append(i) }
            }
        }])
        if let duplicate {
            let p = places[duplicate]
            throw GazetteerError(
                file: files.value[p.id], reason: "duplicate id '\(p.id)'",
                hint: "ids must be unique across all gazetteer files; rename or remove one")
        }
        self.places = PlaceList(places)
        self.fileTable = files
        self.warnings = orphans.isEmpty ? [] : orphans.map { i in
            let p = places[i]
            return GazetteerError(file: files.value[p.id], reason: "'\(p.id)' names parent '\(p.parent ?? "")', which no place has")
        }
        self.orphans = orphans
        self.nameCount = names
        self.isFromIndexCache = false
        self.fingerprint = Lazy { [places = self.places] in Self.fingerprint(of: places) }
        self.indexByID = indexByID
        self.nameIndex = indexes.names
        self.keyIndex = indexes.keys
        self.spellingBuckets = indexes.spelling
    }

    /// A gazetteer whose indexes were read from the index cache and whose places are read from
    /// their lines on first use.
    init(cached places: PlaceList, files: FileTable, warnings: [GazetteerError], orphans: [Int], nameCount: Int,
         fingerprint: String, indexByID: IDIndex, nameIndex: StringMultiMap, keyIndex: StringMultiMap,
         spellingBuckets: SpellingBuckets) {
        self.places = places
        self.fileTable = files
        self.warnings = warnings
        self.orphans = orphans
        self.nameCount = nameCount
        self.isFromIndexCache = true
        self.fingerprint = Lazy(fingerprint)
        self.indexByID = indexByID
        self.nameIndex = nameIndex
        self.keyIndex = keyIndex
        self.spellingBuckets = spellingBuckets
    }

    static func bucket(_ normalized: String) -> Int {
        bucket(first: normalized.utf8.first ?? 0, length: normalized.utf8.count)
    }

    static func bucket(first: UInt8, length: Int) -> Int { (Int(first) << 8) | length }

    /// Loads every place file (`*.geojson`) directly inside a directory, or one file.
    ///
    /// With `indexCache`, the indexes are read from the index cache when it matches the files,
    /// and saved there after a full load when it does not (see ``IndexCache``).
    public static func load(from path: String, indexCache: Bool = false) throws(GazetteerError) -> Gazetteer {
        try load(from: path, indexCache: indexCache, recent: IndexCache.recentSeconds)
    }

    /// `load(from:indexCache:)`, caching files changed more than `recent` seconds ago.
    static func load(from path: String, indexCache: Bool, recent: Int64) throws(GazetteerError) -> Gazetteer {
        guard let (files, isFolder) = geojsonFiles(at: path) else {
            throw GazetteerError(file: path, reason: "no such file or directory", hint: "pass --gazetteer with a gazetteer file or folder, or set CONFLICTMAP_HOME to the project folder")
        }
        guard !files.isEmpty else {
            throw GazetteerError(file: path, reason: "the folder has no .geojson place files")
        }
        if indexCache, let cached = IndexCache.load(files: files, for: path, isFolder: isFolder) {
            return cached
        }
        let stamps = indexCache ? files.map(IndexCache.Stamp.of) : []
        // Each file is parsed in parallel chunks, which normalize the names as they go; each
        // block of chunks is then added to the indexes, so that little is held in between.
        var bytes = 0
        for file in files {
            var info = stat()
            if stat(file, &info) == 0 { bytes += Int(info.st_size) }
        }
        // (About 60 bytes of file per name; the estimate only sizes the first allocations.)
        let builder = IndexBuilder(expectedNames: bytes / 60)
        var chunks: [PlaceChunk] = []
        var fileOfChunk: [String] = []
        var lineRanges: [[(start: UInt64, length: UInt32)]?] = []
        for file in files {
            let parsed = try GazetteerFile.parsePlaceFile(file, builder: builder)
            chunks += parsed
            fileOfChunk += Array(repeating: file, count: parsed.count)
            lineRanges.append(parsed.contains { $0.lineRanges == nil } ? nil : parsed.flatMap { $0.lineRanges! })
        }
        let counts = chunks.map(\.count)
        let all = PlaceChunk.join(chunks)
        chunks = []
        let gazetteer = try Gazetteer(places: all, files: FileTable { [all, fileOfChunk] in
            var origin: [String: String] = [:]
            origin.reserveCapacity(all.count)
            var start = 0
            for (c, count) in counts.enumerated() {
                for i in start..<(start + count) where origin[all[i].id] == nil { origin[all[i].id] = fileOfChunk[c] }
                start += count
            }
            return origin
        }, builder: builder)
        if indexCache {
            IndexCache.save(
                gazetteer, files: files, lineRanges: lineRanges, stamps: stamps, for: path, isFolder: isFolder, recent: recent)
        }
        return gazetteer
    }

    /// Reads the places of one file.
    public static func loadPlaces(file: String) throws(GazetteerError) -> [Place] {
        PlaceChunk.join(try GazetteerFile.parsePlaceFile(file, builder: nil))
    }

    // MARK: Queries

    /// The place with this id.
    public func place(id: String) -> Place? {
        indexByID.find(id, in: places).map { places[$0] }
    }

    /// The place's parent, grandparent… up to its country.
    public func ancestors(of place: Place) -> [Place] {
        var out: [Place] = []
        var current = place.parent
        while let id = current, let p = self.place(id: id), out.count < 10 {
            out.append(p)
            current = p.parent
        }
        return out
    }

    /// Places whose parent is this place.
    public func children(of id: String) -> [Place] {
        places.filter { $0.parent == id }
    }

    /// Whether `place` is `ancestorID` or lies within it.
    public func isWithin(_ place: Place, _ ancestorID: String) -> Bool {
        place.id == ancestorID || ancestors(of: place).contains { $0.id == ancestorID }
    }

    /// A stable fingerprint of every place (ids, names, kinds, parents, countries, populations,
    /// coordinates and alternate names), computed once: results read with different gazetteers
    /// are told apart by it.
    public var contentFingerprint: String { fingerprint.value }

    static func fingerprint(of places: PlaceList) -> String {
        var h = StableHasher()
        for p in places {
            h.add(p.id)
            h.add(p.name)
            h.add(p.kind.rawValue)
            h.add(p.parent ?? "")
            h.add(p.country ?? "")
            h.add(UInt64(bitPattern: p.population ?? -1))
            h.add(p.coordinate.latitude.bitPattern)
            h.add(p.coordinate.longitude.bitPattern)
            for a in p.alternateNames {
                h.add(a.name)
                h.add(a.language ?? "")
                h.add(a.script ?? "")
            }
        }
        return h.hex
    }

    /// Every place whose name matches exactly or as an alias, with the match type.
    public func exactMatches(normalized: String) -> [(place: Place, match: MatchType)] {
        guard let refs = nameIndex.values(for: normalized) else { return [] }
        return refs.map { raw in
            let ref = NameRef(raw: raw)
            return (places[Int(ref.place)], ref.isPrimary ? .exact : .alias)
        }
    }

    /// Whether some place bears exactly this normalized name (primary or alternate).
    public func hasName(normalized: String) -> Bool { nameIndex.values(for: normalized) != nil }

    /// All normalized names in the index, for building text scanners.
    public var normalizedNames: [String] { nameIndex.keys }
}

/// A value made on first use, or given, and shared by the copies of what holds it: the file of
/// each place (only errors, warnings and statistics need it) and the gazetteer's fingerprint.
final class Lazy<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value?
    private var make: (@Sendable () -> Value)?

    init(_ value: Value) { stored = value }
    init(_ make: @escaping @Sendable () -> Value) { self.make = make }

    var value: Value {
        lock.lock()
        defer { lock.unlock() }
        if let stored { return stored }
        let made = make!()
        stored = made
        make = nil
        return made
    }
}

/// The file of each place, by id.
typealias FileTable = Lazy<[String: String]>

/// Place id → place index: open addressing over place numbers, the ids themselves compared (as
/// `String` keys of a `Dictionary` would be) in the places.
struct IDIndex: Sendable {
    /// 0 for an empty slot, else the hash's top 32 bits and the place number + 1.
    private(set) var slots: [UInt64] = []

    init() {}

    init(slots: [UInt64]) { self.slots = slots }

    static func hash(_ id: String) -> UInt64 {
        if let h = id.utf8.withContiguousStorageIfAvailable({ KeyHash.hash($0) }) { return h }
        var copy = id
        return copy.withUTF8 { KeyHash.hash($0) }
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        if let r = a.utf8.withContiguousStorageIfAvailable({ a in b.utf8.withContiguousStorageIfAvailable { KeyHash.equal(a, $0) } }),
            let r { return r }
        return a == b
    }

    /// The index of all places, or the first place whose id an earlier place already has.
    static func build(_ places: [Place]) -> (IDIndex, duplicate: Int?) {
        var index = IDIndex()
        let capacity = max(16, places.count + places.count / 2)
        var slots = [UInt64](repeating: 0, count: capacity)
        for i in places.indices {
            let hash = Self.hash(places[i].id)
            let tag = hash >> 32
            var s = StringMultiMap.home(hash, capacity)
            while slots[s] != 0 {
                if slots[s] >> 32 == tag, equal(places[Int(slots[s] & 0xFFFF_FFFF) - 1].id, places[i].id) {
                    return (index, i)
                }
                s += 1
                if s == capacity { s = 0 }
            }
            slots[s] = tag << 32 | UInt64(i + 1)
        }
        index.slots = slots
        return (index, nil)
    }

    func find<Places: RandomAccessCollection<Place>>(_ id: String, in places: Places) -> Int? where Places.Index == Int {
        guard !slots.isEmpty else { return nil }
        let hash = Self.hash(id)
        let tag = hash >> 32
        var s = StringMultiMap.home(hash, slots.count)
        while slots[s] != 0 {
            if slots[s] >> 32 == tag {
                let i = Int(slots[s] & 0xFFFF_FFFF) - 1
                if Self.equal(places[i].id, id) { return i }
            }
            s += 1
            if s == slots.count { s = 0 }
        }
        return nil
    }
}

// MARK: - Name indexes

/// Hashing and equality of index keys (UTF-8 bytes) that agree with `String` keys: two keys are
/// equal when the strings are canonically equivalent, and then their hashes are equal too.
enum KeyHash {
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(key, ascii: isASCII(key))
    }

    /// The hash of the key's NFC form: ASCII text and text that passes the NFC quick check are
    /// their own NFC form; other text is normalized first.
    static func hash(_ key: UnsafeBufferPointer<UInt8>, ascii: Bool) -> UInt64 {
        if ascii || isQuickNFC(key) { return hashBytes(key) }
        let nfc = String(decoding: key, as: UTF8.self)._nfcCodeUnits
        return nfc.withUnsafeBufferPointer { hashBytes($0) }
    }

    /// Whether UTF-8 text is certainly in NFC (the quick check answers "yes").
    static func isQuickNFC(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            var span = UTF8Span(unchecked: key.span)
            return span.checkForNFC(quickCheck: true)
        }
        return false
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    /// A fast, well-mixed 64-bit hash of bytes (in the manner of wyhash).
    @inline(__always)
    static func hashBytes(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let p0: UInt64 = 0xa076_1d64_78bd_642f, p1: UInt64 = 0xe703_7ed1_a0b4_28db, p2: UInt64 = 0x8ebc_6af0_9c88_c6e3
        let n = key.count
        var h = p0 ^ UInt64(n)
        guard let base = key.baseAddress else { return mix(h, p1) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 16 <= n {
            h = mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ p1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ h)
            i += 16
        }
        var a: UInt64 = 0, b: UInt64 = 0
        if n - i >= 8 {
            a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
            var shift: UInt64 = 0
            while i < n { b |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        } else {
            var shift: UInt64 = 0
            while i < n { a |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        }
        h = mix(a ^ p1, b ^ h ^ p2)
        return mix(h ^ p0, p2 ^ UInt64(n))
    }

    @inline(__always)
    static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for b in key { any |= b }
        return any < 0x80
    }

    /// Whether two keys are equal as strings.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count == b.count, a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 { return true }
        if isASCII(a), isASCII(b) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}

/// A map from strings to lists of `UInt32` (each < 2^30), held in a few flat arrays (no object
/// per key), with keys matched as `String` keys of a `Dictionary` would be.
struct StringMultiMap: Sendable {
    /// Keys are spread over `partCount` parts by the top bits of their hash, so that parts are
    /// small (cache-friendly to build) and can be built in parallel.
    static let partBits = 6
    static let partCount = 1 << partBits

    @inline(__always)
    static func part(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - partBits)) }

    /// Where a key's linear probing starts, from the hash's low 32 bits.
    @inline(__always)
    static func home(_ hash: UInt64, _ capacity: Int) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: hash)) &* UInt64(capacity)) >> 32)
    }

    /// 8 more bits of the hash, kept in the slots to skip most keys without reading them.
    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) & 0xFF }

    /// A value word of a key with several values: this bit, and where they are in `overflow`.
    static let manyBit: UInt32 = 0x4000_0000

    struct Part: Sendable {
        /// Open addressing: 0 for an empty slot, else the key's `tag` in the top byte and the
        /// offset of its entry in `arena`, plus 1, below.
        var slots: [UInt32] = []
        /// Entries: the key's length (a varint), its UTF-8, then a value word: the value itself
        /// when the key has one, else `manyBit` and the index in `overflow` of its count, which
        /// the values follow.
        var arena: [UInt8] = []
        var overflow: [UInt32] = []

        /// The key at an entry, and where its value word is.
        @inline(__always)
        static func entry(_ arena: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (key: UnsafeBufferPointer<UInt8>, word: Int) {
            var i = offset, length = 0, shift = 0
            while true {
                let b = arena[i]
                i += 1
                length |= Int(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return (UnsafeBufferPointer(rebasing: arena[i..<(i + length)]), i + length)
        }

        /// The offset of the key's entry.
        func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
            guard !slots.isEmpty else { return nil }
            let tag = StringMultiMap.tag(hash)
            return slots.withUnsafeBufferPointer { slots in
                arena.withUnsafeBufferPointer { arena in
                    var i = StringMultiMap.home(hash, slots.count)
                    while true {
                        let slot = slots[i]
                        if slot == 0 { return nil }
                        if slot >> 24 == tag {
                            let offset = Int(slot & 0xFF_FFFF) - 1
                            if KeyHash.equal(Self.entry(arena, offset).key, key) { return offset }
                        }
                        i += 1
                        if i == slots.count { i = 0 }
                    }
                }
            }
        }

        func values(at offset: Int) -> IndexValues {
            let word = arena.withUnsafeBufferPointer { arena in
                UnsafeRawPointer(arena.baseAddress!).loadUnaligned(fromByteOffset: Self.entry(arena, offset).word, as: UInt32.self)
            }
            let value = UInt32(littleEndian: word)
            guard value & StringMultiMap.manyBit != 0 else { return IndexValues(single: value, many: nil) }
            let at = Int(value & ~StringMultiMap.manyBit)
            return IndexValues(single: 0, many: overflow[(at + 1)..<(at + 1 + Int(overflow[at]))])
        }

        func withKey<R>(at offset: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            arena.withUnsafeBufferPointer { body(Self.entry($0, offset).key) }
        }

        /// Every key, in arena order.
        func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            arena.withUnsafeBufferPointer { arena in
                var i = 0
                while i < arena.count {
                    let (key, word) = Self.entry(arena, i)
                    body(key)
                    i = word + 4
                }
            }
        }
    }

    var parts: [Part]

    func values(for key: String) -> IndexValues? {
        var key = key
        return key.withUTF8 { values(forUTF8: $0) }
    }

    func values(forUTF8 key: UnsafeBufferPointer<UInt8>) -> IndexValues? {
        let hash = KeyHash.hash(key)
        let part = parts[Self.part(hash)]
        guard let offset = part.find(key, hash: hash) else { return nil }
        return part.values(at: offset)
    }

    /// A key by reference: its part in the top byte, the offset of its entry below.
    func withKey<R>(_ ref: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        parts[Int(ref >> 24)].withKey(at: Int(ref & 0xFF_FFFF), body)
    }

    func key(_ ref: UInt32) -> String { withKey(ref) { String(decoding: $0, as: UTF8.self) } }

    var keys: [String] {
        var out: [String] = []
        for part in parts {
            part.forEachKey { out.append(String(decoding: $0, as: UTF8.self)) }
        }
        return out
    }
}

/// The values of a key of a `StringMultiMap`.
struct IndexValues: RandomAccessCollection, Sendable {
    let single: UInt32
    let many: ArraySlice<UInt32>?

    static let empty = IndexValues(single: 0, many: [])

    var startIndex: Int { 0 }
    var endIndex: Int { many?.count ?? 1 }

    subscript(i: Int) -> UInt32 {
        guard let many else { return single }
        return many[many.startIndex + i]
    }
}

/// Normalized ASCII names of 7+ bytes grouped by `Gazetteer.bucket`, in load order within a
/// bucket; the names are keys of the name index.
struct SpellingBuckets: Sendable {
    struct Entry: Sendable {
        /// The name, as a key reference of the name index.
        var key: UInt32
        var place: Int32
    }
    var entries: [Entry] = []
    var buckets: [Int: Range<Int>] = [:]

    func entries(in bucket: Int) -> ArraySlice<Entry> {
        guard let range = buckets[bucket] else { return [] }
        return entries[range]
    }
}

/// Builds the name, transliteration-key and spelling indexes: the names of chunks of places are
/// normalized in parallel (while parsing, or from the places) into streams, one per part of the
/// indexes, which gather every chunk's entries in load order; `finish` then builds the parts in
/// parallel. The streams live in their own memory mappings, each released once its part is built,
/// so that they neither stay resident nor leave holes in the heap.
final class IndexBuilder: @unchecked Sendable {
    private let nameStreams: [MappedBuffer]
    private let keyStreams: [MappedBuffer]
    private var nameCounts: [Int]
    private var keyCounts: [Int]
    private(set) var placeCount = 0
    /// Spelling names in load order (`PendingSpelling` values).
    private let spelling = MappedBuffer()
    private var spellingCount = 0

    init(expectedNames: Int) {
        let n = StringMultiMap.partCount
        let perPart = max(expectedNames, 0) / n * 32
        nameStreams = (0..<n).map { _ in MappedBuffer(reserving: perPart) }
        keyStreams = (0..<n).map { _ in MappedBuffer(reserving: perPart / 2) }
        nameCounts = Array(repeating: 0, count: n)
        keyCounts = Array(repeating: 0, count: n)
        spelling.reserve(expectedNames / 2 * MemoryLayout<NameIndexBuilder.PendingSpelling>.stride)
    }

    /// Adds the names of chunks of places that follow those already added, in order, and empties
    /// the chunks (for reuse).
    func add(_ chunks: [NameIndexBuilder.Chunk]) {
        var bases: [(place: UInt32, spelling: UInt32)] = []
        for chunk in chunks {
            bases.append((UInt32(placeCount), UInt32(spellingCount)))
            placeCount += chunk.placeCount
            spellingCount += chunk.spelling.count
        }
        precondition(placeCount < 1 << 30, "too many places")
        let parts = StringMultiMap.partCount
        let nameStreams = self.nameStreams, keyStreams = self.keyStreams
        _ = parallelMap(2 * parts) { task in
            let p = task % parts, names = task < parts
            let stream = names ? nameStreams[p] : keyStreams[p]
            for (c, chunk) in chunks.enumerated() {
                let from = names ? chunk.names[p] : chunk.keys[p]
                let start = stream.count
                stream.append(from.bytes)
                Self.rebase(stream, from: start, place: bases[c].place, spelling: bases[c].spelling)
            }
        }
        for (c, chunk) in chunks.enumerated() {
            for p in 0..<parts {
                nameCounts[p] += chunk.nameCounts[p]
                keyCounts[p] += chunk.keyCounts[p]
            }
            let first = Int(bases[c].spelling)
            chunk.spelling.withUnsafeBytes { spelling.append($0) }
            spelling.withMutableElements(of: NameIndexBuilder.PendingSpelling.self, from: first) { added in
                for i in added.indices { added[i].place += Int32(bitPattern: bases[c].place) }
            }
            chunk.reset()
        }
    }

    /// Makes the place numbers (and spelling numbers) of entries appended from `start` global.
    private static func rebase(_ stream: MappedBuffer, from start: Int, place: UInt32, spelling: UInt32) {
        guard place != 0 || spelling != 0 else { return }
        stream.withMutableBytes { bytes in
            var i = start
            while i < bytes.count {
                let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                bytes.storeBytes(of: (value &+ place).littleEndian, toByteOffset: i, as: UInt32.self)
                i += 4
                var header = 0, shift = 0
                while true {
                    let b = bytes[i]
                    i += 1
                    header |= Int(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
                if header & 1 != 0 {
                    let n = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    bytes.storeBytes(of: (n &+ spelling).littleEndian, toByteOffset: i, as: UInt32.self)
                    i += 4
                }
                i += header >> 2
            }
        }
    }

    /// Where the builder stands, to come back to with `rewind`.
    struct Mark {
        var names: [Int], keys: [Int], nameCounts: [Int], keyCounts: [Int]
        var places: Int, spelling: Int, spellingBytes: Int
    }

    func mark() -> Mark {
        Mark(names: nameStreams.map(\.count), keys: keyStreams.map(\.count), nameCounts: nameCounts, keyCounts: keyCounts,
             places: placeCount, spelling: spellingCount, spellingBytes: spelling.count)
    }

    /// Forgets what was added since `mark`.
    func rewind(to mark: Mark) {
        for p in 0..<StringMultiMap.partCount {
            nameStreams[p].truncate(to: mark.names[p])
            keyStreams[p].truncate(to: mark.keys[p])
        }
        nameCounts = mark.nameCounts
        keyCounts = mark.keyCounts
        placeCount = mark.places
        spellingCount = mark.spelling
        spelling.truncate(to: mark.spellingBytes)
    }

    /// Builds the indexes, running the `alongside` tasks in parallel with that work.
    func finish(alongside: [() -> Void] = []) -> NameIndexBuilder.Output {
        let parts = StringMultiMap.partCount
        let extra = alongside.count
        let spellingKeys = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: spellingCount)
        defer { spellingKeys.deallocate() }
        let nameStreams = self.nameStreams, keyStreams = self.keyStreams, nameCounts = self.nameCounts, keyCounts = self.keyCounts
        let built: [(StringMultiMap.Part, [UInt32])?] = parallelMap(extra + 2 * parts) { task in
            guard task >= extra else {
                alongside[task]()
                return nil
            }
            let p = (task - extra) % parts, names = task - extra < parts
            let stream = names ? nameStreams[p] : keyStreams[p]
            var builder = PartBuilder(expected: names ? nameCounts[p] : keyCounts[p], bytes: stream.count)
            stream.withBytes { builder.add($0, part: p, spellingKeys: spellingKeys) }
            stream.release()
            return builder.finish(names: names)
        }
        let nameParts = built[extra..<(extra + parts)].map { $0! }
        return NameIndexBuilder.Output(
            names: StringMultiMap(parts: nameParts.map(\.0)),
            keys: StringMultiMap(parts: built[(extra + parts)...].map { $0!.0 }),
            spelling: buildSpelling(keys: spellingKeys, offsets: nameParts.map(\.1)))
    }

    /// Groups the spelling names by bucket, keeping load order within a bucket.
    private func buildSpelling(keys: UnsafeMutableBufferPointer<UInt32>, offsets: [[UInt32]]) -> SpellingBuckets {
        var out = SpellingBuckets()
        spelling.withMutableElements(of: NameIndexBuilder.PendingSpelling.self, from: 0) { pending in
            var dense = [Int32](repeating: 0, count: 0x10000)
            var sparse: [Int: Int] = [:]
            for e in pending {
                let b = Gazetteer.bucket(first: e.first, length: Int(e.length))
                if b < 0x10000 { dense[b] += 1 } else { sparse[b, default: 0] += 1 }
            }
            var start = 0
            for b in 0..<0x10000 where dense[b] > 0 {
                let n = Int(dense[b])
                out.buckets[b] = start..<(start + n)
                dense[b] = Int32(start)
                start += n
            }
            for (b, n) in sparse.sorted(by: { $0.key < $1.key }) {
                out.buckets[b] = start..<(start + n)
                sparse[b] = start
                start += n
            }
            out.entries = [SpellingBuckets.Entry](repeating: .init(key: 0, place: 0), count: pending.count)
            for (n, e) in pending.enumerated() {
                let b = Gazetteer.bucket(first: e.first, length: Int(e.length))
                let i: Int
                if b < 0x10000 {
                    i = Int(dense[b])
                    dense[b] += 1
                } else {
                    i = sparse[b]!
                    sparse[b] = i + 1
                }
                let ref = keys[n], part = Int(ref >> 24)
                out.entries[i] = .init(key: UInt32(part) << 24 | offsets[part][Int(ref & 0xFF_FFFF)], place: e.place)
            }
        }
        spelling.release()
        return out
    }
}

/// A growable byte buffer in its own anonymous memory mapping: pages it never touches cost no
/// memory, and releasing it gives its pages back to the system (the heap keeps no holes).
final class MappedBuffer: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    init(reserving bytes: Int = 0) {
        if bytes > 0 { reserve(bytes) }
    }

    deinit { release() }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Makes room for `extra` more bytes.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let wanted = max(count + extra, capacity * 2, 1 << 16)
        let size = (wanted + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        guard let fresh = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), fresh != MAP_FAILED else {
            fatalError("cannot map \(size) bytes of memory")
        }
        if let base {
            fresh.copyMemory(from: base, byteCount: count)
            munmap(base, capacity)
        }
        base = fresh
        capacity = size
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base! + count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        count += bytes.count
    }

    func truncate(to n: Int) { count = min(count, n) }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: base, count: count))
    }

    func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        body(UnsafeMutableRawBufferPointer(start: base, count: count))
    }

    /// The buffer's bytes from element `first` on, as elements of a trivial type.
    func withMutableElements<T: BitwiseCopyable, R>(of type: T.Type, from first: Int, _ body: (UnsafeMutableBufferPointer<T>) -> R) -> R {
        let n = count / MemoryLayout<T>.stride
        guard let base, first < n else { return body(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        let elements = base.bindMemory(to: T.self, capacity: n)
        return body(UnsafeMutableBufferPointer(start: elements + first, count: n - first))
    }

    /// Gives the memory back.
    func release() {
        if let base { munmap(base, capacity) }
        base = nil
        capacity = 0
        count = 0
    }
}

/// One part of an index while it is built: keys numbered in order of arrival, and every
/// (key, value) pair met.
struct PartBuilder {
    /// Open addressing: 0 for an empty slot, else the key's tag in the top byte and its number + 1.
    private var slots: [UInt32]
    private var keyEnds: [UInt32] = []
    private var arena: [UInt8] = []
    private var entryKeys: [UInt32] = []
    private var entryValues: [UInt32] = []

    init(expected: Int, bytes: Int) {
        slots = [UInt32](repeating: 0, count: max(16, expected + expected / 2))
        keyEnds.reserveCapacity(expected)
        arena.reserveCapacity(max(0, bytes - expected * 5))
        entryKeys.reserveCapacity(expected)
        entryValues.reserveCapacity(expected)
    }

    private var keyCount: Int { keyEnds.count }

    /// Adds the entries of a part's stream (see `NameIndexBuilder.Chunk`), noting the key of
    /// each spelling name in `spellingKeys`.
    mutating func add(_ stream: UnsafeRawBufferPointer, part: Int, spellingKeys: UnsafeMutableBufferPointer<UInt32>) {
        guard let raw = stream.baseAddress else { return }
        let s = raw.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while i < stream.count {
            let value = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            i += 4
            var header = 0, shift = 0
            while true {
                let b = s[i]
                i += 1
                header |= Int(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            var spellingNumber = -1
            if header & 1 != 0 {
                spellingNumber = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                i += 4
            }
            let bytes = UnsafeBufferPointer(start: s + i, count: header >> 2)
            i += bytes.count
            // Known NFC text is hashed as it is; other text after normalization.
            let hash = header & 2 != 0 ? KeyHash.hashBytes(bytes) : KeyHash.hash(bytes)
            let key = insert(bytes, hash: hash)
            if spellingNumber >= 0 { spellingKeys[spellingNumber] = UInt32(part) << 24 | UInt32(key) }
            entryKeys.append(UInt32(key))
            entryValues.append(value)
        }
    }

    /// The number of a key, added if new.
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if (keyCount + 1) * 4 > slots.count * 3 { rehash(capacity: slots.count * 2) }
        let tag = StringMultiMap.tag(hash)
        let capacity = slots.count
        var slot = StringMultiMap.home(hash, capacity)
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                keyEnds.withUnsafeBufferPointer { ends in
                    while true {
                        let content = slots[slot]
                        if content == 0 { return nil }
                        if content >> 24 == tag {
                            let k = Int(content & 0xFF_FFFF) - 1
                            let start = k == 0 ? 0 : Int(ends[k - 1])
                            if KeyHash.equal(UnsafeBufferPointer(rebasing: arena[start..<Int(ends[k])]), bytes) { return k }
                        }
                        slot += 1
                        if slot == capacity { slot = 0 }
                    }
                }
            }
        }
        if let found { return found }
        let k = keyCount
        precondition(k < 0xFF_FFFF, "too many names in one part of an index")
        slots[slot] = tag << 24 | UInt32(k + 1)
        arena.append(contentsOf: bytes)
        keyEnds.append(UInt32(arena.count))
        return k
    }

    private func keyBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(k == 0 ? 0 : Int(keyEnds[k - 1]))..<Int(keyEnds[k])])) }
    }

    /// Rebuilds the slots with another capacity (hashes are computed again from the keys).
    private mutating func rehash(capacity: Int) {
        var fresh = [UInt32](repeating: 0, count: capacity)
        for k in 0..<keyCount {
            let hash = keyBytes(k) { KeyHash.hash($0) }
            var slot = StringMultiMap.home(hash, capacity)
            while fresh[slot] != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            fresh[slot] = StringMultiMap.tag(hash) << 24 | UInt32(k + 1)
        }
        slots = fresh
    }

    /// The finished part, and the offset of each key's entry in its arena. Values are ordered
    /// for names primary first, then in load order.
    mutating func finish(names: Bool) -> (StringMultiMap.Part, [UInt32]) {
        var part = StringMultiMap.Part()
        let keyCount = self.keyCount
        guard keyCount > 0 else { return (part, []) }
        if keyCount * 3 < slots.count { rehash(capacity: max(16, keyCount + keyCount / 2)) }
        // Values grouped by key, in the order they are to be listed.
        var counts = [UInt32](repeating: 0, count: keyCount + 1)
        for k in entryKeys { counts[Int(k) + 1] += 1 }
        for k in 0..<keyCount { counts[k + 1] += counts[k] }
        var ordered = [UInt32](repeating: 0, count: entryKeys.count)
        var cursor = counts
        if names {
            // Primary names before alternate ones, each in load order.
            for pass: UInt32 in [0, 0x8000_0000] {
                for i in entryKeys.indices where entryValues[i] & 0x8000_0000 == pass {
                    let k = Int(entryKeys[i])
                    ordered[Int(cursor[k])] = entryValues[i]
                    cursor[k] += 1
                }
            }
        } else {
            for i in entryKeys.indices {
                let k = Int(entryKeys[i])
                ordered[Int(cursor[k])] = entryValues[i]
                cursor[k] += 1
            }
        }
        entryKeys = []
        entryValues = []
        // Entries: length, key, value word.
        var offsets = [UInt32](repeating: 0, count: keyCount)
        var arena: [UInt8] = []
        arena.reserveCapacity(self.arena.count + keyCount * 6)
        var overflow: [UInt32] = []
        self.arena.withUnsafeBufferPointer { old in
            var start = 0
            for k in 0..<keyCount {
                let end = Int(keyEnds[k])
                offsets[k] = UInt32(arena.count)
                var n = end - start
                while n >= 0x80 {
                    arena.append(UInt8(n & 0x7F) | 0x80)
                    n >>= 7
                }
                arena.append(UInt8(n))
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: old[start..<end]))
                let first = Int(counts[k]), count = Int(counts[k + 1]) - first
                var word = ordered[first]
                if count > 1 {
                    word = StringMultiMap.manyBit | UInt32(overflow.count)
                    overflow.append(UInt32(count))
                    overflow.append(contentsOf: ordered[first..<(first + count)])
                }
                withUnsafeBytes(of: word.littleEndian) { arena.append(contentsOf: $0) }
                start = end
            }
        }
        precondition(arena.count < 0xFF_FFFF, "too many names in one part of an index")
        for i in slots.indices where slots[i] != 0 {
            let k = Int(slots[i] & 0xFF_FFFF) - 1
            slots[i] = (slots[i] & 0xFF00_0000) | (offsets[k] + 1)
        }
        part.slots = slots
        part.arena = arena.tight()
        part.overflow = overflow.tight()
        slots = []
        keyEnds = []
        self.arena = []
        return (part, offsets)
    }
}

enum NameIndexBuilder {
    struct Output {
        var names: StringMultiMap
        var keys: StringMultiMap
        var spelling: SpellingBuckets
    }

    /// A name that may match by one spelling slip: its bucket's first byte and length, its place.
    struct PendingSpelling {
        var length: UInt32
        var place: Int32
        var first: UInt8
    }

    /// The names of one chunk of places, normalized, in load order. Names and keys go to the part
    /// of the index their hash selects, each part a stream of entries: the value (4 bytes: a place
    /// number local to the chunk, with the alternate-name bit for names), a varint of the length
    /// times 4 plus flags (2: the text is known to be NFC; 1: a spelling number follows), the
    /// spelling number (4 bytes), then the bytes.
    final class Chunk: @unchecked Sendable {
        let names: UnsafeMutableBufferPointer<ByteStream>
        let keys: UnsafeMutableBufferPointer<ByteStream>
        let nameCounts: UnsafeMutableBufferPointer<Int>
        let keyCounts: UnsafeMutableBufferPointer<Int>
        /// Names for spelling matches, in load order (with place numbers local to the chunk).
        var spelling: [PendingSpelling] = []
        /// How many places the chunk has.
        var placeCount = 0

        init() {
            let n = StringMultiMap.partCount
            names = .allocate(capacity: n)
            names.initialize(repeating: ByteStream())
            keys = .allocate(capacity: n)
            keys.initialize(repeating: ByteStream())
            nameCounts = .allocate(capacity: n)
            nameCounts.initialize(repeating: 0)
            keyCounts = .allocate(capacity: n)
            keyCounts.initialize(repeating: 0)
        }

        deinit {
            for p in 0..<StringMultiMap.partCount {
                names[p].free()
                keys[p].free()
            }
            names.deallocate()
            keys.deallocate()
            nameCounts.deallocate()
            keyCounts.deallocate()
        }

        /// Empties the chunk, keeping its capacity.
        func reset() {
            for p in 0..<StringMultiMap.partCount {
                names[p].count = 0
                keys[p].count = 0
                nameCounts[p] = 0
                keyCounts[p] = 0
            }
            spelling.removeAll(keepingCapacity: true)
            placeCount = 0
        }
    }

    /// A growable run of bytes, managed by hand (its owner frees it).
    struct ByteStream {
        var base: UnsafeMutablePointer<UInt8>?
        var count = 0
        var capacity = 0

        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

        @inline(__always)
        mutating func reserve(_ extra: Int) {
            if count + extra > capacity { grow(count + extra) }
        }

        mutating func grow(_ needed: Int) {
            let size = max(needed, capacity * 2, 256)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            if let base {
                fresh.update(from: base, count: count)
                base.deallocate()
            }
            capacity = size
            base = fresh
        }

        mutating func free() {
            base?.deallocate()
            base = nil
            count = 0
            capacity = 0
        }
    }

    static let chunkCount = 2

    /// Normalizes the names of all places, in parallel chunks of about the same number of name bytes.
    static func collect(_ places: [Place]) -> [Chunk] {
        var weights: [Int] = []
        weights.reserveCapacity(places.count)
        var total = 0
        for i in places.indices {
            var w = places[i].name.utf8.count + 16
            for n in places[i].alternateNames { w += n.name.utf8.count + 16 }
            weights.append(w)
            total += w
        }
        var bounds = [0]
        var acc = 0
        for (i, w) in weights.enumerated() {
            acc += w
            if bounds.count < chunkCount, acc * chunkCount >= total * bounds.count { bounds.append(i + 1) }
        }
        while bounds.count <= chunkCount { bounds.append(places.count) }
        bounds[chunkCount] = places.count
        return parallelMap(chunkCount) { c in
            var collector = Collector()
            var normalizer = NameNormalizer()
            places.withUnsafeBufferPointer { places in
                collector.collect(UnsafeBufferPointer(rebasing: places[bounds[c]..<bounds[c + 1]]), &normalizer)
            }
            return collector.finish()
        }
    }

    /// Normalizes the names of a chunk of places, place by place.
    struct Collector {
        let chunk = Chunk()
        private var spelling: [PendingSpelling] = []
        /// The names and keys of the current place so far: hash, part, start of the bytes, length.
        private var placeNames: [(UInt64, Int, Int, Int)] = []
        private var placeKeys: [(UInt64, Int, Int, Int)] = []

        mutating func reserve(bytes: Int, names: Int) {
            let parts = StringMultiMap.partCount
            for p in 0..<parts {
                chunk.names[p].reserve((bytes + names * 6) / parts * 9 / 8 + 64)
                chunk.keys[p].reserve((bytes + names * 6) / parts / 3 + 64)
            }
            spelling.reserveCapacity(names / 2)
            placeNames.reserveCapacity(64)
            placeKeys.reserveCapacity(64)
        }

        /// The chunk, once its `placeCount` places are added.
        mutating func finish(placeCount: Int? = nil) -> Chunk {
            if let placeCount { chunk.placeCount = placeCount }
            swap(&chunk.spelling, &spelling)
            spelling.removeAll(keepingCapacity: true)
            return chunk
        }

        /// Collects the names of places, numbered from 0.
        mutating func collect(_ places: UnsafeBufferPointer<Place>, _ normalizer: inout NameNormalizer) {
            var bytes = 0, count = 0
            for i in places.indices {
                bytes += places[i].name.utf8.count
                count += 1 + places[i].alternateNames.count
                for n in places[i].alternateNames { bytes += n.name.utf8.count }
            }
            reserve(bytes: bytes, names: count)
            for i in places.indices { add(places[i], local: Int32(i), &normalizer) }
            chunk.placeCount = places.count
        }

        /// Adds the names of a place (numbered `local` within the chunk).
        mutating func add(_ place: Place, local: Int32, _ normalizer: inout NameNormalizer) {
            add(place.name, place: local, primary: true, &normalizer)
            for n in place.alternateNames {
                add(n.name, place: local, primary: false, &normalizer)
            }
            endPlace()
        }

        /// Ends the names of the current place.
        mutating func endPlace() {
            placeNames.removeAll(keepingCapacity: true)
            placeKeys.removeAll(keepingCapacity: true)
        }

        mutating func add(_ name: String, place: Int32, primary: Bool, _ normalizer: inout NameNormalizer) {
            if let done = name.utf8.withContiguousStorageIfAvailable({ add(utf8: $0, place: place, primary: primary, &normalizer) }) {
                return done
            }
            var copy = name
            copy.withUTF8 { add(utf8: $0, place: place, primary: primary, &normalizer) }
        }

        /// Adds a name given as (valid) UTF-8.
        mutating func add(utf8 name: UnsafeBufferPointer<UInt8>, place: Int32, primary: Bool, _ normalizer: inout NameNormalizer) {
            if let length = normalizer.normalize(name) {
                let norm = UnsafeBufferPointer(start: normalizer.buffer, count: length)
                var key: UnsafeBufferPointer<UInt8>?
                // A name with no ASCII letter or digit is all non-Latin words, which its key keeps
                // as they are: the key would be the name itself, which is not recorded.
                if Self.hasASCIIWord(norm), let n = NameKey.transliterationKey(norm, into: normalizer.keyBuffer) {
                    key = UnsafeBufferPointer(start: normalizer.keyBuffer, count: n)
                }
                add(normalized: norm, key: key, place: place, primary: primary, inert: normalizer.lastWasInert)
            } else {
                var norm = NameKey.normalizedReference(String(decoding: name, as: UTF8.self))
                if var key = NameKey.transliterationKey(norm) {
                    norm.withUTF8 { norm in
                        key.withUTF8 { add(normalized: norm, key: $0, place: place, primary: primary, inert: false) }
                    }
                } else {
                    norm.withUTF8 { add(normalized: $0, key: nil, place: place, primary: primary, inert: false) }
                }
            }
        }

        @inline(__always)
        static func hasASCIIWord(_ norm: UnsafeBufferPointer<UInt8>) -> Bool {
            for b in norm where b > 0x20 && b < 0x80 { return true }
            return false
        }

        /// Records a normalized name of `place`, unless the place already has it, with its
        /// transliteration key and its spelling entry. `inert` tells that the name is known to
        /// be in NFC (and then so is its key: ASCII letters replace ASCII letters).
        mutating func add(normalized norm: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>?, place: Int32, primary: Bool, inert: Bool) {
            guard !norm.isEmpty else { return }
            let ascii = KeyHash.isASCII(norm)
            let hash = inert ? KeyHash.hashBytes(norm) : KeyHash.hash(norm, ascii: ascii)
            for (h, part, start, length) in placeNames where h == hash {
                if KeyHash.equal(UnsafeBufferPointer(start: chunk.names[part].base! + start, count: length), norm) { return }
            }
            let part = StringMultiMap.part(hash)
            let spellingNumber: Int? = norm.count >= 7 && ascii ? spelling.count : nil
            let start = Self.appendEntry(
                &chunk.names[part], value: Gazetteer.NameRef(place: place, isPrimary: primary).raw, inert: inert || ascii, spellingNumber, norm)
            chunk.nameCounts[part] += 1
            placeNames.append((hash, part, start, norm.count))
            if let key { addKey(key, of: norm, place: place, inert: inert) }
            if spellingNumber != nil {
                spelling.append(PendingSpelling(length: UInt32(norm.count), place: place, first: norm[0]))
            }
        }

        /// Records a transliteration key of `place`.
        mutating func addKey(_ key: UnsafeBufferPointer<UInt8>, of norm: UnsafeBufferPointer<UInt8>, place: Int32, inert: Bool) {
            guard !KeyHash.equal(key, norm) else { return }
            let hash = inert ? KeyHash.hashBytes(key) : KeyHash.hash(key)
            for (h, part, start, length) in placeKeys where h == hash {
                if KeyHash.equal(UnsafeBufferPointer(start: chunk.keys[part].base! + start, count: length), key) { return }
            }
            let part = StringMultiMap.part(hash)
            let start = Self.appendEntry(&chunk.keys[part], value: UInt32(bitPattern: place), inert: inert, nil, key)
            chunk.keyCounts[part] += 1
            placeKeys.append((hash, part, start, key.count))
        }

        /// Appends an entry to a part's stream; returns where its bytes start.
        @inline(__always)
        static func appendEntry(_ stream: inout ByteStream, value: UInt32, inert: Bool, _ spelling: Int?, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            stream.reserve(bytes.count + 18)
            let p = stream.base! + stream.count
            UnsafeMutableRawPointer(p).storeBytes(of: value.littleEndian, as: UInt32.self)
            var i = 4
            var n = bytes.count << 2 | (inert ? 2 : 0) | (spelling == nil ? 0 : 1)
            while n >= 0x80 {
                p[i] = UInt8(n & 0x7F) | 0x80
                n >>= 7
                i += 1
            }
            p[i] = UInt8(n)
            i += 1
            if let spelling {
                UnsafeMutableRawPointer(p + i).storeBytes(of: UInt32(spelling).littleEndian, as: UInt32.self)
                i += 4
            }
            if let source = bytes.baseAddress { (p + i).update(from: source, count: bytes.count) }
            stream.count += i + bytes.count
            return stream.count - bytes.count
        }
    }
}

/// Runs `body` for 0..<n on two threads, the calling one (even indices) and a helper started for
/// the purpose (odd indices), and collects the results in order.
///
/// The split is fixed rather than dynamic, and the helper ends before this returns, so that the
/// same work always allocates from the same malloc arena (glibc hands an ended thread's arena to
/// the next thread): memory that one load frees is then reused by the next, instead of piling up
/// in whichever arena a pool thread happened to use.
func parallelMap<T>(_ n: Int, _ body: @escaping (Int) -> T) -> [T] {
    var results = [T?](repeating: nil, count: n)
    results.withUnsafeMutableBufferPointer { buffer in
        let out = UnsafeSendable(buffer)
        guard n > 1 else {
            if n == 1 { out.value[0] = body(0) }
            return
        }
        runOnHelperThread({
            for i in stride(from: 1, to: n, by: 2) { out.value[i] = body(i) }
        }, while: {
            for i in stride(from: 0, to: n, by: 2) { out.value[i] = body(i) }
        })
    }
    return results.map { $0! }
}

private final class HelperJob {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Runs `job` on a new thread while `main` runs on this one, and waits for the thread to end.
func runOnHelperThread(_ job: @escaping () -> Void, while main: () -> Void) {
    let context = Unmanaged.passRetained(HelperJob(job)).toOpaque()
    #if os(Linux)
    var thread = pthread_t()
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<HelperJob>.fromOpaque(context!).takeRetainedValue().run()
        return nil
    }, context)
    #else
    var thread: pthread_t?
    let started = pthread_create(&thread, nil, { context in
        Unmanaged<HelperJob>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }, context)
    #endif
    guard started == 0 else {
        // No thread to be had: do both here.
        Unmanaged<HelperJob>.fromOpaque(context).takeRetainedValue().run()
        main()
        return
    }
    main()
    #if os(Linux)
    pthread_join(thread, nil)
    #else
    pthread_join(thread!, nil)
    #endif
}

/// A value handed to concurrently running code that touches disjoint parts of it.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

extension Array where Element: BitwiseCopyable {
    /// The same elements without spare capacity, when there is much of it.
    func tight() -> [Element] {
        guard capacity > count + count / 8 + 64 else { return self }
        return withUnsafeBufferPointer { old in
            [Element](unsafeUninitializedCapacity: old.count) { buffer, n in
                if let base = old.baseAddress { buffer.baseAddress!.initialize(from: base, count: old.count) }
                n = old.count
            }
        }
    }
}
