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
