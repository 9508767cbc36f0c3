import Foundation
import Geo

/// Edits of the user layer (`user.geojson`): only that small file is rewritten, while the checks
/// see every file, the built ones through their indexes (read from the index cache while they
/// are unchanged, so an edit costs milliseconds).
extension GazetteerEditor {
    /// The user layer's file, or `nil` for a gazetteer given as one file (which has none).
    public var userLayerFile: String? { isSingleFile ? nil : UserLayerFile.path(inFolder: directory) }

    /// Whether `file` (however written) is this gazetteer's user layer.
    func isUserLayer(_ file: String?) -> Bool {
        guard let file, let user = userLayerFile else { return false }
        return GazetteerSnapshot.canonical(file) == GazetteerSnapshot.canonical(user)
    }

    /// Locks the gazetteer, removes temporary files killed writers left, reads the built files'
    /// indexes and the user layer, lets `body` change the layer's entries, and writes the layer
    /// atomically. Nothing is written if anything throws.
    func editUserLayer<T>(_ body: (inout UserLayerSnapshot) throws(GazetteerError) -> T) throws(GazetteerError) -> T {
        guard let path = userLayerFile else {
            throw GazetteerError(file: directory, reason: "a gazetteer given as one file has no user layer")
        }
        return try withLock { () throws(GazetteerError) -> T in
            removeAbandonedTemporaryFiles()
            let built = try Gazetteer.load(from: directory, indexCache: true, recent: IndexCache.recentSeconds, userLayer: false)
            var snapshot = UserLayerSnapshot(built: built, entries: try UserLayerFile.read(path), path: path)
            let result = try body(&snapshot)
            do {
                try AtomicFile.write(Data(UserLayerFile.text(for: snapshot.entries).utf8), to: path)
            } catch {
                throw GazetteerError(file: path, reason: "\(error)")
            }
            return result
        }
    }

    /// Adds a new place to the user layer.
    func addToUserLayer(_ place: Place) throws(GazetteerError) -> String {
        try editUserLayer { (s) throws(GazetteerError) -> String in
            if let holder = s.file(holding: place.id) {
                throw GazetteerError(file: holder, reason: "a place with id '\(place.id)' already exists",
                                     hint: "choose another id, or change the existing place with alias or move")
            }
            if let parent = place.parent, !s.exists(parent) {
                throw GazetteerError(file: s.path, reason: "parent '\(parent)' does not exist", hint: "find its id with: conflictmap gazetteer lookup NAME")
            }
            s.entries.append(.place(place))
            return s.path
        }
    }

    /// Changes a place through the user layer: a place of the layer in place; a built place by an
    /// entry that adds names, when the change only adds names, else by a whole place that replaces it.
    func updateInUserLayer(id: String, _ change: (inout Place) throws(GazetteerError) -> Void) throws(GazetteerError) -> String {
        try editUserLayer { (s) throws(GazetteerError) -> String in
            let k = s.entryIndex(id)
            guard let before = s.place(id: id) else {
                throw GazetteerError(file: directory, reason: "no place has id '\(id)'", hint: "find its id with: conflictmap gazetteer lookup NAME")
            }
            var place = before
            try change(&place)
            guard place.id == id else { throw GazetteerError(file: s.path, reason: "an edit may not change a place's id") }
            try Self.check(place)
            if place.parent != before.parent, let parent = place.parent, !s.exists(parent) {
                throw GazetteerError(file: s.path, reason: "'\(id)' names parent '\(parent)', which does not exist")
            }
            let wasWhole = k.map { s.entries[$0].isWhole } ?? false
            let entry = UserLayerSnapshot.entry(for: place, over: s.builtPlace(id), wasWhole: wasWhole)
            s.set(entry, for: id)
            return s.path
        }
    }

    /// Removes the user layer's entry for `id`: a place of the layer goes (refused while it is
    /// another place's parent); a built place it replaced or added names to is as built again.
    func removeFromUserLayer(id: String) throws(GazetteerError) -> String {
        try editUserLayer { (s) throws(GazetteerError) -> String in
            guard let k = s.entryIndex(id) else { throw GazetteerError(file: s.path, reason: "no entry has id '\(id)'") }
            if s.builtPlace(id) == nil, let child = s.children(of: id).first {
                throw GazetteerError(file: s.path, reason: "'\(id)' is the parent of '\(child)'", hint: "remove or re-parent it first")
            }
            s.entries.remove(at: k)
            return s.path
        }
    }

    /// Adds many places to the user layer, skipping those whose id or GeoNames id is present.
    func importIntoUserLayer(_ incoming: [Place]) throws(GazetteerError) -> (added: Int, skipped: Int) {
        try editUserLayer { (s) throws(GazetteerError) -> (added: Int, skipped: Int) in
            var geonames = Set(s.built.places.compactMap(\.geonamesID))
            for case .place(let p) in s.entries { if let g = p.geonamesID { geonames.insert(g) } }
            var added = 0, skipped = 0
            var ids = Set<String>()
            for p in incoming {
                if ids.contains(p.id) || s.exists(p.id) || (p.geonamesID.map { geonames.contains($0) } ?? false) {
                    skipped += 1
                    continue
                }
                if let parent = p.parent, !ids.contains(parent), !s.exists(parent) {
                    throw GazetteerError(file: s.path, reason: "imported place '\(p.id)' names parent '\(parent)', which does not exist")
                }
                s.entries.append(.place(p))
                ids.insert(p.id)
                if let g = p.geonamesID { geonames.insert(g) }
                added += 1
            }
            return (added, skipped)
        }
    }
}

/// The built gazetteer and the user layer's entries, as an edit of the layer read them under the lock.
struct UserLayerSnapshot {
    /// The built files, indexed.
    let built: Gazetteer
    /// The layer's entries, at most one per id.
    var entries: [UserEntry]
    /// The layer's file.
    let path: String

    func entryIndex(_ id: String) -> Int? { entries.firstIndex { $0.id == id } }

    func builtPlace(_ id: String) -> Place? { built.place(id: id) }

    /// The place with this id as the gazetteer has it.
    func place(id: String) -> Place? {
        switch entryIndex(id).map({ entries[$0] }) {
        case .place(let p)?: return p
        case .names(_, let names)?: return builtPlace(id).map { UserLayer.adding(names, to: $0) }
        case nil: return builtPlace(id)
        }
    }

    func exists(_ id: String) -> Bool { place(id: id) != nil }

    /// The file that holds a place: the user layer for its own places, else the built file.
    func file(holding id: String) -> String? {
        if let k = entryIndex(id), entries[k].isWhole { return path }
        guard let i = built.indexByID.find(id, in: built.places) else { return nil }
        return built.file(ofPlaceAt: i)
    }

    /// The ids of the places whose parent is `id`: the layer's, and built places whose parent no
    /// built place has (only those can have a parent from the layer).
    func children(of id: String) -> [String] {
        var out: [String] = []
        for case .place(let p) in entries where p.parent == id { out.append(p.id) }
        for i in built.orphans where built.places[i].parent == id { out.append(built.places[i].id) }
        return out
    }

    /// Puts `entry` (or nothing) in the place of the entry for `id`.
    mutating func set(_ entry: UserEntry?, for id: String) {
        let k = entryIndex(id)
        switch (k, entry) {
        case (let k?, let e?): entries[k] = e
        case (let k?, nil): entries.remove(at: k)
        case (nil, let e?): entries.append(e)
        case (nil, nil): break
        }
    }

    /// The entry that makes `place` what the gazetteer has: the place itself when it is the
    /// layer's own (or was a whole place of the layer), else names added to the built place when
    /// that is the only change (none when there is no change), else the place replacing it.
    static func entry(for place: Place, over built: Place?, wasWhole: Bool) -> UserEntry? {
        guard let built, !wasWhole else { return .place(place) }
        var namesOnly = place
        namesOnly.alternateNames = built.alternateNames
        let prefix = place.alternateNames.count >= built.alternateNames.count
            && Array(place.alternateNames.prefix(built.alternateNames.count)) == built.alternateNames
        guard namesOnly == built, prefix else { return .place(place) }
        let extra = Array(place.alternateNames.dropFirst(built.alternateNames.count))
        return extra.isEmpty ? nil : .names(id: place.id, extra)
    }
}

extension Gazetteer {
    /// The file place `i` was read from, found without making the table of every place's file
    /// when the places are read from their lines.
    func file(ofPlaceAt i: Int) -> String? {
        if let user, let place = user.place(i) {
            if let k = user.overlay.indexByID.find(place.id, in: user.overlay.places), user.isWhole[k] { return user.path }
        }
        if case .lines(let lines) = places.storage { return lines.file(of: i).path }
        return files[places[i].id]
    }
}
