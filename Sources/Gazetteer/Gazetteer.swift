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
    public let places: [Place]
    /// The file each place was read from, by place id.
    public let files: [String: String]
    /// Problems that do not stop loading (e.g. a parent id that no place has).
    public let warnings: [GazetteerError]

    let indexByID: [String: Int32]
    /// Normalized name → places bearing it (primary names first).
    let nameIndex: [String: [NameRef]]
    /// Transliteration key → places.
    let keyIndex: [String: [Int32]]
    /// Normalized Latin names of 7+ letters by (first letter, length), for one-edit spelling matches.
    let spellingBuckets: [Int: [(name: String, place: Int32)]]

    struct NameRef: Sendable, Hashable {
        let place: Int32
        let isPrimary: Bool
    }

    /// Builds a gazetteer from places, checking for duplicate ids.
    public init(places: [Place], files: [String: String] = [:]) throws(GazetteerError) {
        var indexByID: [String: Int32] = [:]
        indexByID.reserveCapacity(places.count)
        for (i, p) in places.enumerated() {
            if indexByID.updateValue(Int32(i), forKey: p.id) != nil {
                throw GazetteerError(
                    file: files[p.id], reason: "duplicate id '\(p.id)'",
                    hint: "ids must be unique across all gazetteer files; rename or remove one")
            }
        }
        var warnings: [GazetteerError] = []
        for p in places {
            if let parent = p.parent, indexByID[parent] == nil {
                warnings.append(GazetteerError(file: files[p.id], reason: "'\(p.id)' names parent '\(parent)', which no place has"))
            }
        }
        var nameIndex: [String: [NameRef]] = [:]
        var keyIndex: [String: [Int32]] = [:]
        var buckets: [Int: [(String, Int32)]] = [:]
        nameIndex.reserveCapacity(places.count * 4)
        for (i, p) in places.enumerated() {
            let idx = Int32(i)
            var seen = Set<String>()
            for (n, name) in p.allNames.enumerated() {
                let norm = NameKey.normalized(name)
                guard !norm.isEmpty, seen.insert(norm).inserted else { continue }
                nameIndex[norm, default: []].append(NameRef(place: idx, isPrimary: n == 0))
                if let key = NameKey.transliterationKey(norm), key != norm {
                    if keyIndex[key]?.last != idx { keyIndex[key, default: []].append(idx) }
                }
                let utf8 = norm.utf8
                if utf8.count >= 7, utf8.allSatisfy({ $0 < 0x80 }) {
                    buckets[Self.bucket(norm), default: []].append((norm, idx))
                }
            }
        }
        for (k, refs) in nameIndex where refs.count > 1 {
            nameIndex[k] = refs.sorted { ($0.isPrimary ? 0 : 1, $0.place) < ($1.isPrimary ? 0 : 1, $1.place) }
        }
        self.places = places
        self.files = files
        self.warnings = warnings
        self.indexByID = indexByID
        self.nameIndex = nameIndex
        self.keyIndex = keyIndex
        self.spellingBuckets = buckets
    }

    static func bucket(_ normalized: String) -> Int {
        (Int(normalized.utf8.first ?? 0) << 8) | normalized.utf8.count
    }

    /// Loads every place file (`*.geojson`) directly inside a directory, or one file.
    public static func load(from path: String) throws(GazetteerError) -> Gazetteer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GazetteerError(file: path, reason: "no such file or directory", hint: "pass --gazetteer with a gazetteer file or folder")
        }
        let files: [String]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".geojson") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else {
                throw GazetteerError(file: path, reason: "the folder has no .geojson place files")
            }
        } else {
            files = [path]
        }
        var all: [Place] = []
        var origin: [String: String] = [:]
        for file in files {
            let places = try loadPlaces(file: file)
            for p in places where origin[p.id] == nil { origin[p.id] = file }
            all.append(contentsOf: places)
        }
        return try Gazetteer(places: all, files: origin)
    }

    /// Reads the places of one file.
    public static func loadPlaces(file: String) throws(GazetteerError) -> [Place] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GazetteerError(file: file, reason: "cannot be read", hint: "check that it exists and is readable")
        }
        return try GazetteerFile.parsePlaces(data, path: file)
    }

    // MARK: Queries

    /// The place with this id.
    public func place(id: String) -> Place? {
        indexByID[id].map { places[Int($0)] }
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

    /// The number of places and of names (primary and alternate).
    public var nameCount: Int { places.reduce(0) { $0 + 1 + $1.alternateNames.count } }

    /// Every place whose name matches exactly or as an alias, with the match type.
    public func exactMatches(normalized: String) -> [(place: Place, match: MatchType)] {
        guard let refs = nameIndex[normalized] else { return [] }
        return refs.map { (places[Int($0.place)], $0.isPrimary ? .exact : .alias) }
    }

    /// Whether some place bears exactly this normalized name (primary or alternate).
    public func hasName(normalized: String) -> Bool { nameIndex[normalized] != nil }

    /// All normalized names in the index, for building text scanners.
    public var normalizedNames: [String] { Array(nameIndex.keys) }
}
