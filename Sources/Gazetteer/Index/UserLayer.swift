import Foundation
import Geo

/// The user layer of a loaded gazetteer (`user.geojson`), indexed on its own so that the built
/// files' indexes (and their index cache) are used as they are.
///
/// Its places are the layer's whole places and the built places it adds names to (with those
/// names). Each has a number in the gazetteer: the built place's it replaces, or a number after
/// every built place. Lookups consult the built indexes, passing over the places replaced, and
/// then this layer's.
final class UserLayer: Sendable {
    /// The layer's places, as the gazetteer has them, with their own indexes.
    let overlay: Gazetteer
    /// The gazetteer's number of each overlay place.
    let numbers: [Int32]
    /// The overlay place that replaces a built place, by the built place's number.
    let replaced: [Int32: Int]
    /// The overlay places that are new, in order: number `builtCount + k` is `added[k]`.
    let added: [Int]
    /// How many built places there are.
    let builtCount: Int
    /// Whether each overlay place is a whole place of the layer (not names added to a built place).
    let isWhole: [Bool]
    /// The layer's file.
    let path: String
    /// Entries that name no place or a parent that no place has.
    let warnings: [GazetteerError]

    /// Indexes the entries of a user layer read from `path` over the built gazetteer `built`.
    init(_ entries: [UserEntry], path: String, over built: Gazetteer) throws(GazetteerError) {
        var places: [Place] = [], numbers: [Int32] = [], isWhole: [Bool] = [], added: [Int] = []
        var replaced: [Int32: Int] = [:]
        var warnings: [GazetteerError] = []
        var seen = Set<String>()
        for entry in entries {
            guard seen.insert(entry.id).inserted else {
                throw GazetteerError(file: path, reason: "duplicate id '\(entry.id)'", hint: "the user layer holds one entry per id")
            }
            let builtIndex = built.indexByID.find(entry.id, in: built.places)
            switch entry {
            case .place(let p):
                places.append(p)
            case .names(let id, let names):
                guard let b = builtIndex else {
                    warnings.append(GazetteerError(file: path, reason: "names are added to '\(id)', which no built place has"))
                    continue
                }
                places.append(Self.adding(names, to: built.places[b]))
            }
            isWhole.append(entry.isWhole)
            if let b = builtIndex {
                replaced[Int32(b)] = places.count - 1
                numbers.append(Int32(b))
            } else {
                numbers.append(Int32(built.places.count + added.count))
                added.append(places.count - 1)
            }
        }
        var files: [String: String] = [:]
        for (k, p) in places.enumerated() where isWhole[k] { files[p.id] = path }
        overlay = try Gazetteer(places: places, files: files)
        for p in places {
            guard let parent = p.parent, overlay.place(id: parent) == nil, built.indexByID.find(parent, in: built.places) == nil else { continue }
            warnings.append(GazetteerError(file: path, reason: "'\(p.id)' names parent '\(parent)', which no place has"))
        }
        self.numbers = numbers
        self.replaced = replaced
        self.added = added
        self.builtCount = built.places.count
        self.isWhole = isWhole
        self.path = path
        self.warnings = warnings
    }

    /// A built place with names added, leaving out those it already has.
    static func adding(_ names: [AlternateName], to place: Place) -> Place {
        var p = place
        for n in names where n.name != p.name && !p.alternateNames.contains(where: { $0.name == n.name }) {
            p.alternateNames.append(n)
        }
        return p
    }

    /// Whether the layer replaces built place `number`.
    @inline(__always)
    func replaces(_ number: Int32) -> Bool { replaced[number] != nil }

    /// The place with the gazetteer's number `i`, when the layer has it.
    func place(_ i: Int) -> Place? {
        if i < builtCount { return replaced[Int32(i)].map { overlay.places[$0] } }
        return overlay.places[added[i - builtCount]]
    }
}

extension UserEntry {
    /// Whether the entry is a whole place rather than names for a built one.
    var isWhole: Bool {
        if case .place = self { return true }
        return false
    }
}

extension Gazetteer {
    /// This (built) gazetteer with a user layer over it.
    func layering(_ entries: [UserEntry], from path: String) throws(GazetteerError) -> Gazetteer {
        guard !entries.isEmpty else { return self }
        let user = try UserLayer(entries, path: path, over: self)
        var names = nameCount
        for (b, _) in user.replaced { names -= 1 + places[Int(b)].alternateNames.count }
        for p in user.overlay.places { names += 1 + p.alternateNames.count }
        let built = self
        return Gazetteer(
            built: self, user: user, nameCount: names,
            files: FileTable {
                var table = built.files
                for (k, p) in user.overlay.places.enumerated() where user.isWhole[k] { table[p.id] = user.path }
                return table
            },
            fingerprint: Lazy {
                var h = StableHasher()
                h.add(built.contentFingerprint)
                for (k, p) in user.overlay.places.enumerated() {
                    h.add(UInt64(UInt32(bitPattern: user.numbers[k])))
                    Self.addFingerprint(of: p, to: &h)
                }
                return h.hex
            })
    }

    // MARK: Lookups across the layers

    /// Whether a place number from the built indexes names a built place. (They may be read
    /// from a damaged index cache: a number that names no place is passed over.)
    @inline(__always)
    func isBuiltPlace(_ number: Int32) -> Bool {
        number >= 0 && Int(number) < (user?.builtCount ?? places.count)
    }

    /// Calls `body` with each place that bears a normalized name, primary names first within
    /// each layer: the built places (less those the user layer replaces), then the user layer's.
    @inline(__always)
    func forEachNameRef(_ normalized: String, _ body: (NameRef) -> Void) {
        if let values = nameIndex.values(for: normalized) {
            for raw in values {
                let ref = NameRef(raw: raw)
                guard isBuiltPlace(ref.place) else { continue }
                if let user, user.replaces(ref.place) { continue }
                body(ref)
            }
        }
        guard let user, let values = user.overlay.nameIndex.values(for: normalized) else { return }
        for raw in values {
            let ref = NameRef(raw: raw)
            body(NameRef(place: user.numbers[Int(ref.place)], isPrimary: ref.isPrimary))
        }
    }

    /// Calls `body` with each place that has a transliteration key.
    @inline(__always)
    func forEachKeyPlace(_ key: String, _ body: (Int32) -> Void) {
        if let values = keyIndex.values(for: key) {
            for raw in values {
                let place = Int32(bitPattern: raw)
                guard isBuiltPlace(place) else { continue }
                if let user, user.replaces(place) { continue }
                body(place)
            }
        }
        guard let user, let values = user.overlay.keyIndex.values(for: key) else { return }
        for raw in values { body(user.numbers[Int(raw)]) }
    }

    /// Calls `body` with each name (normalized UTF-8) of the spelling bucket and its place.
    func forEachSpellingName(in bucket: Int, _ body: (Int32, UnsafeBufferPointer<UInt8>) -> Void) {
        for entry in spellingBuckets.entries(in: bucket) {
            guard isBuiltPlace(entry.place) else { continue }
            if let user, user.replaces(entry.place) { continue }
            nameIndex.withKey(entry.key) { body(entry.place, $0) }
        }
        guard let user else { return }
        for entry in user.overlay.spellingBuckets.entries(in: bucket) {
            user.overlay.nameIndex.withKey(entry.key) { body(user.numbers[Int(entry.place)], $0) }
        }
    }
}
