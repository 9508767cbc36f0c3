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
    /// The user layer over the built files, if any: the indexes above are the built files'.
    let user: UserLayer?

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
        self.user = nil
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
        self.user = nil
    }

    /// A built gazetteer with a user layer over it.
    init(built: Gazetteer, user: UserLayer, nameCount: Int, files: FileTable, fingerprint: Lazy<String>) {
        self.places = PlaceList(layered: LayeredPlaces(built: built.places, user: user))
        self.fileTable = files
        self.warnings = built.warnings + user.warnings
        self.orphans = built.orphans
        self.nameCount = nameCount
        self.isFromIndexCache = built.isFromIndexCache
        self.fingerprint = fingerprint
        self.indexByID = built.indexByID
        self.nameIndex = built.nameIndex
        self.keyIndex = built.keyIndex
        self.spellingBuckets = built.spellingBuckets
        self.user = user
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

    /// `load(from:indexCache:)`, caching files changed more than `recent` seconds ago. In a folder,
    /// the user layer (`user.geojson`, see ``UserLayerFile``) is read and indexed on its own, over
    /// the built files, unless `userLayer` is false.
    static func load(from path: String, indexCache: Bool, recent: Int64, userLayer: Bool = true) throws(GazetteerError) -> Gazetteer {
        guard let (all, isFolder) = geojsonFiles(at: path) else {
            throw GazetteerError(file: path, reason: "no such file or directory", hint: "give a gazetteer file or folder, or set CONFLICTMAP_HOME to the project folder")
        }
        let (files, user) = UserLayerFile.split(all, isFolder: isFolder)
        guard !files.isEmpty || user != nil else {
            throw GazetteerError(file: path, reason: "the folder has no .geojson place files")
        }
        let built = try loadBuilt(files, path: path, isFolder: isFolder, indexCache: indexCache, recent: recent)
        guard userLayer, let user else { return built }
        return try built.layering(UserLayerFile.read(user), from: user)
    }

    /// Reads the places of one file.
    public static func loadPlaces(file: String) throws(GazetteerError) -> [Place] {
        PlaceChunk.join(try GazetteerFile.parsePlaceFile(file, builder: nil))
    }

    // MARK: Queries

    /// The place with this id.
    public func place(id: String) -> Place? {
        if let user, let i = user.overlay.indexByID.find(id, in: user.overlay.places) { return user.overlay.places[i] }
        return indexByID.find(id, in: places).map { places[$0] }
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
        for p in places { addFingerprint(of: p, to: &h) }
        return h.hex
    }

    static func addFingerprint(of p: Place, to h: inout StableHasher) {
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

    /// Every place whose name matches exactly or as an alias, with the match type.
    public func exactMatches(normalized: String) -> [(place: Place, match: MatchType)] {
        var out: [(place: Place, match: MatchType)] = []
        forEachNameRef(normalized) { ref in out.append((places[Int(ref.place)], ref.isPrimary ? .exact : .alias)) }
        return out
    }

    /// Whether some place bears exactly this normalized name (primary or alternate).
    public func hasName(normalized: String) -> Bool {
        guard user != nil else { return nameIndex.values(for: normalized) != nil }
        var found = false
        forEachNameRef(normalized) { _ in found = true }
        return found
    }

    /// All normalized names in the index, for building text scanners.
    public var normalizedNames: [String] {
        guard let user else { return nameIndex.keys }
        return nameIndex.keys + user.overlay.nameIndex.keys.filter { nameIndex.values(for: $0) == nil }
    }
}
