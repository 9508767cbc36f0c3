import Foundation
import Geo

/// Changes gazetteer files safely: each edit locks the file, re-reads it, checks the result
/// against every gazetteer file, and replaces the file atomically, or changes nothing.
///
/// Two people (or processes) editing at once are serialised by an exclusive lock on a lock file
/// beside the edited file, so no edit is lost; a crash mid-write leaves the old file intact.
public struct GazetteerEditor: Sendable {
    /// The folder holding the place files.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The place files in the folder.
    public func placeFiles() -> [String] {
        geojsonFiles(at: directory)?.files ?? []
    }

    /// Adds a new place. It goes into `file`, or else the file that holds its parent, or else `user.geojson`.
    @discardableResult
    public func add(_ place: Place, to file: String? = nil) throws(GazetteerError) -> String {
        try Self.check(place)
        var target = (directory as NSString).appendingPathComponent("user.geojson")
        if let file {
            target = file
        } else if let parentFile = try self.file(holding: place.parent) {
            target = parentFile
        }
        try edit(target) { (places, others) throws(GazetteerError) in
            if places.contains(where: { $0.id == place.id }) || others.place(id: place.id) != nil {
                throw GazetteerError(file: target, reason: "a place with id '\(place.id)' already exists",
                                     hint: "choose another --id, or change the existing place with alias or move")
            }
            if let parent = place.parent, !places.contains(where: { $0.id == parent }), others.place(id: parent) == nil {
                throw GazetteerError(file: target, reason: "parent '\(parent)' does not exist", hint: "find its id with: conflictmap gazetteer lookup NAME")
            }
            places.append(place)
        }
        return target
    }

    /// Changes one existing place in the file that holds it.
    @discardableResult
    public func update(id: String, _ change: (inout Place) throws(GazetteerError) -> Void) throws(GazetteerError) -> String {
        guard let target = try file(holding: id) else {
            throw GazetteerError(file: directory, reason: "no place has id '\(id)'", hint: "find its id with: conflictmap gazetteer lookup NAME")
        }
        try edit(target) { (places, _) throws(GazetteerError) in
            guard let i = places.firstIndex(where: { $0.id == id }) else {
                throw GazetteerError(file: target, reason: "no place has id '\(id)' (it was removed meanwhile)")
            }
            try change(&places[i])
            guard places[i].id == id else { throw GazetteerError(file: target, reason: "an edit may not change a place's id") }
            try Self.check(places[i])
        }
        return target
    }

    /// Removes a place that no other place names as its parent.
    @discardableResult
    public func remove(id: String) throws(GazetteerError) -> String {
        guard let target = try file(holding: id) else {
            throw GazetteerError(file: directory, reason: "no place has id '\(id)'")
        }
        try edit(target) { (places, others) throws(GazetteerError) in
            let children = places.filter { $0.parent == id }.map(\.id) + others.places.filter { $0.parent == id }.map(\.id)
            if !children.isEmpty {
                throw GazetteerError(file: target, reason: "'\(id)' is the parent of \(children.count) place(s), e.g. '\(children[0])'",
                                     hint: "remove or re-parent them first")
            }
            places.removeAll { $0.id == id }
        }
        return target
    }

    /// Adds many places at once into one file, skipping those whose id or GeoNames id is present.
    /// Returns how many were added and skipped.
    public func importPlaces(_ incoming: [Place], into file: String) throws(GazetteerError) -> (added: Int, skipped: Int) {
        for p in incoming { try Self.check(p) }
        var added = 0, skipped = 0
        try edit(file) { (places, others) throws(GazetteerError) in
            var ids = Set(places.map(\.id))
            var geonames = Set(places.compactMap(\.geonamesID))
            for p in others.places {
                ids.insert(p.id)
                if let g = p.geonamesID { geonames.insert(g) }
            }
            for p in incoming {
                if ids.contains(p.id) || (p.geonamesID.map { geonames.contains($0) } ?? false) {
                    skipped += 1
                    continue
                }
                if let parent = p.parent, !ids.contains(parent) {
                    throw GazetteerError(file: file, reason: "imported place '\(p.id)' names parent '\(parent)', which does not exist")
                }
                places.append(p)
                ids.insert(p.id)
                if let g = p.geonamesID { geonames.insert(g) }
                added += 1
            }
        }
        return (added, skipped)
    }

    /// The file that holds a place id, or `nil`.
    public func file(holding id: String?) throws(GazetteerError) -> String? {
        guard let id else { return nil }
        let needle = Data("\"id\":\"\(id)\"".utf8)
        for file in placeFiles() {
            guard let data = FileManager.default.contents(atPath: file), data.range(of: needle) != nil else { continue }
            if try GazetteerFile.parsePlaces(data, path: file).contains(where: { $0.id == id }) { return file }
        }
        return nil
    }

    /// Checks a single place's own fields.
    static func check(_ p: Place) throws(GazetteerError) {
        guard !p.id.isEmpty, p.id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2F || $0 == 0x5F }) else {
            throw GazetteerError(reason: "id '\(p.id)' must be lowercase ASCII letters, digits, '-', '_' and '/'")
        }
        guard !p.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GazetteerError(reason: "'\(p.id)' has an empty name") }
        guard p.coordinate.isValid else {
            throw GazetteerError(reason: "'\(p.id)': latitude \(p.coordinate.latitude), longitude \(p.coordinate.longitude) is out of range")
        }
        if p.parent == p.id { throw GazetteerError(reason: "'\(p.id)' cannot be its own parent") }
    }

    /// Locks `file`, reads it (or starts empty), lets `body` change its places, checks them, and
    /// writes it back atomically. Nothing is written if anything throws.
    func edit(_ file: String, _ body: (inout [Place], Gazetteer) throws(GazetteerError) -> Void) throws(GazetteerError) {
        let lockPath = ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("." + (file as NSString).lastPathComponent + ".lock")
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw GazetteerError(file: file, reason: "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))",
                                 hint: "check that the folder is writable")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw GazetteerError(file: file, reason: "cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }

        var places: [Place] = []
        if FileManager.default.fileExists(atPath: file) {
            guard let data = FileManager.default.contents(atPath: file) else { throw GazetteerError(file: file, reason: "cannot be read") }
            places = try GazetteerFile.parsePlaces(data, path: file)
        }
        // The other files, read-only, for id and parent checks.
        var otherPlaces: [Place] = []
        for other in placeFiles() where other != file {
            otherPlaces += try Gazetteer.loadPlaces(file: other)
        }
        let others = try Gazetteer(places: otherPlaces)
        try body(&places, others)
        var seen = Set<String>()
        for p in places where !seen.insert(p.id).inserted {
            throw GazetteerError(file: file, reason: "duplicate id '\(p.id)'")
        }
        let text = GazetteerFile.text(for: places)
        do {
            try AtomicFile.write(Data(text.utf8), to: file)
        } catch {
            throw GazetteerError(file: file, reason: "\(error)")
        }
    }

    /// A slug for ids: lowercase ASCII letters and digits joined by '-'.
    public static func slug(_ name: String) -> String {
        var out = ""
        var dash = false
        for scalar in NameKey.normalized(name).unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if dash, !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(scalar)
            } else {
                dash = true
            }
        }
        return out
    }

    /// A new id under a parent that no existing place has: `parent/slug`, then `-2`, `-3`…
    public static func newID(name: String, parent: String?, taken: (String) -> Bool) -> String {
        var base = slug(name)
        if base.isEmpty { base = "place" }
        let stem = parent.map { "\($0)/\(base)" } ?? base
        if !taken(stem) { return stem }
        var n = 2
        while taken("\(stem)-\(n)") { n += 1 }
        return "\(stem)-\(n)"
    }
}
