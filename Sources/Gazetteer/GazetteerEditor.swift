import Foundation
import Geo

/// Changes gazetteer files safely: each edit locks the whole gazetteer, re-reads every place file,
/// checks the result against all of them, and replaces the one file it changes atomically, or
/// changes nothing.
///
/// In a gazetteer folder, places are added and changed in the user layer (`user.geojson`, see
/// ``UserLayerFile``), which rebuilds of the built files leave alone and which overrides them;
/// only that small file is rewritten. A place can still be added to a named file, and a built
/// place with no user entry is removed from its file.
///
/// One exclusive lock (`flock` on `.gazetteer.lock` in the gazetteer's folder) serialises every
/// edit of the gazetteer, whichever file it writes, so no edit is lost and no check (ids unique,
/// parents present) reads a file another edit is changing. A gazetteer given as one file locks its
/// folder the same way. A crash mid-write leaves the old file intact, and the next edit removes
/// the temporary file it left.
public struct GazetteerEditor: Sendable {
    /// The folder holding the place files, or a single place file.
    public let directory: String

    /// The name of the lock file in the gazetteer's folder.
    public static let lockName = ".gazetteer.lock"

    public init(directory: String) {
        self.directory = directory
    }

    /// Whether the gazetteer is a single file rather than a folder.
    var isSingleFile: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The folder whose lock every edit takes: the gazetteer folder, or the folder of a single file.
    public var folder: String {
        guard isSingleFile else { return directory }
        let parent = (directory as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// The place files of the gazetteer: every `*.geojson` in the folder, or the single file.
    public func placeFiles() -> [String] {
        geojsonFiles(at: directory)?.files ?? []
    }

    /// Adds a new place. It goes into `file`, or else the user layer (or the single file).
    @discardableResult
    public func add(_ place: Place, to file: String? = nil) throws(GazetteerError) -> String {
        try Self.check(place)
        if userLayerFile != nil, file == nil || isUserLayer(file) { return try addToUserLayer(place) }
        return try edit(including: file) { (g) throws(GazetteerError) in
            let target = g.resolve(file ?? directory)
            if let holder = g.file(holding: place.id) {
                throw GazetteerError(file: holder, reason: "a place with id '\(place.id)' already exists",
                                     hint: "choose another id, or change the existing place with alias or move")
            }
            if let parent = place.parent, g.file(holding: parent) == nil {
                throw GazetteerError(file: target, reason: "parent '\(parent)' does not exist", hint: "find its id with: conflictmap gazetteer lookup NAME")
            }
            return (target, g.places(in: target) + [place])
        }
    }

    /// Changes one existing place: through the user layer in a folder (see
    /// `updateInUserLayer`), else in the file that holds it.
    @discardableResult
    public func update(id: String, _ change: (inout Place) throws(GazetteerError) -> Void) throws(GazetteerError) -> String {
        if userLayerFile != nil { return try updateInUserLayer(id: id, change) }
        return try edit { (g) throws(GazetteerError) in
            guard let target = g.file(holding: id) else {
                throw GazetteerError(file: directory, reason: "no place has id '\(id)'", hint: "find its id with: conflictmap gazetteer lookup NAME")
            }
            var places = g.places(in: target)
            guard let i = places.firstIndex(where: { $0.id == id }) else {
                throw GazetteerError(file: target, reason: "no place has id '\(id)'")
            }
            try change(&places[i])
            guard places[i].id == id else { throw GazetteerError(file: target, reason: "an edit may not change a place's id") }
            try Self.check(places[i])
            return (target, places)
        }
    }

    /// Removes a place that no other place names as its parent. When the user layer has an entry
    /// for it, that entry goes (so a built place it replaced or added names to is as built again);
    /// otherwise the place goes from the file that holds it.
    @discardableResult
    public func remove(id: String) throws(GazetteerError) -> String {
        if let user = userLayerFile, (try UserLayerFile.read(user)).contains(where: { $0.id == id }) {
            return try removeFromUserLayer(id: id)
        }
        return try edit { (g) throws(GazetteerError) in
            guard let target = g.file(holding: id) else {
                throw GazetteerError(file: directory, reason: "no place has id '\(id)'")
            }
            let children = g.children(of: id)
            if let first = children.first {
                throw GazetteerError(file: target, reason: "'\(id)' is the parent of \(children.count) place(s), e.g. '\(first)'",
                                     hint: "remove or re-parent them first")
            }
            return (target, g.places(in: target).filter { $0.id != id })
        }
    }

    /// Adds many places at once into one file, skipping those whose id or GeoNames id is present.
    /// Returns how many were added and skipped.
    public func importPlaces(_ incoming: [Place], into file: String) throws(GazetteerError) -> (added: Int, skipped: Int) {
        for p in incoming { try Self.check(p) }
        if isUserLayer(file) { return try importIntoUserLayer(incoming) }
        var added = 0, skipped = 0
        try edit(including: file) { (g) throws(GazetteerError) in
            let target = g.resolve(file)
            var places = g.places(in: target)
            var ids = g.ids
            var geonames = Set(g.allPlaces.compactMap(\.geonamesID))
            for p in incoming {
                if ids.contains(p.id) || (p.geonamesID.map { geonames.contains($0) } ?? false) {
                    skipped += 1
                    continue
                }
                if let parent = p.parent, !ids.contains(parent) {
                    throw GazetteerError(file: target, reason: "imported place '\(p.id)' names parent '\(parent)', which does not exist")
                }
                places.append(p)
                ids.insert(p.id)
                if let gid = p.geonamesID { geonames.insert(gid) }
                added += 1
            }
            return (target, places)
        }
        return (added, skipped)
    }

    /// The file that holds a place id, or `nil`. (Read without the lock: an edit may change it.)
    public func file(holding id: String?) throws(GazetteerError) -> String? {
        guard let id else { return nil }
        let needle = Data("\"id\":\"\(id)\"".utf8)
        for file in placeFiles() {
            guard let data = FileManager.default.contents(atPath: file), data.range(of: needle) != nil else { continue }
            if isUserLayer(file) {
                if try UserLayerFile.parse(data, path: file).contains(where: { $0.id == id && $0.isWhole }) { return file }
            } else if try GazetteerFile.parsePlaces(data, path: file).contains(where: { $0.id == id }) {
                return file
            }
        }
        return nil
    }

    /// Checks a single place's own fields.
    static func check(_ p: Place) throws(GazetteerError) {
        if let problem = GazetteerValidator.idProblem(p.id) {
            throw GazetteerError(reason: "id '\(p.id)' \(problem)", hint: "an id is a path of slugs such as af/panjshir/shutul")
        }
        guard !p.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw GazetteerError(reason: "'\(p.id)' has an empty name") }
        guard p.coordinate.isValid else {
            throw GazetteerError(reason: "'\(p.id)': latitude \(p.coordinate.latitude), longitude \(p.coordinate.longitude) is out of range")
        }
        if p.parent == p.id { throw GazetteerError(reason: "'\(p.id)' cannot be its own parent") }
    }

    // MARK: Locked edits

    /// Locks the gazetteer, removes temporary files killed writers left, reads every place file
    /// (and `extra`, a file named for the edit that may lie outside the gazetteer), lets `body`
    /// give the one file to change and its new places, checks the whole gazetteer with that
    /// change, and writes the file atomically. Nothing is written if anything throws. Returns
    /// the file written.
    @discardableResult
    func edit(
        including extra: String? = nil, _ body: (GazetteerSnapshot) throws(GazetteerError) -> (file: String, places: [Place])
    ) throws(GazetteerError) -> String {
        try withLock { () throws(GazetteerError) -> String in
            removeAbandonedTemporaryFiles()
            var files = placeFiles()
            if let extra, FileManager.default.fileExists(atPath: extra),
                !files.contains(where: { GazetteerSnapshot.canonical($0) == GazetteerSnapshot.canonical(extra) }) {
                files.append(extra)
            }
            let snapshot = try GazetteerSnapshot.read(files, userLayer: userLayerFile)
            let (file, places) = try body(snapshot)
            if isUserLayer(file) {
                throw GazetteerError(file: file, reason: "the user layer is changed only by its own edits")
            }
            try snapshot.checkReplacing(file, with: places)
            do {
                try AtomicFile.write(Data(GazetteerFile.text(for: places).utf8), to: file)
            } catch {
                throw GazetteerError(file: file, reason: "\(error)")
            }
            return file
        }
    }

    /// Runs `body` holding the gazetteer's exclusive lock, waiting for it if another edit has it.
    /// The lock goes with the process, so a killed editor never leaves the gazetteer locked.
    func withLock<T>(_ body: () throws(GazetteerError) -> T) throws(GazetteerError) -> T {
        let lockPath = (folder as NSString).appendingPathComponent(Self.lockName)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw GazetteerError(file: directory, reason: "cannot create the lock file \(lockPath): \(String(cString: strerror(errno)))",
                                 hint: "check that the folder is writable")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw GazetteerError(file: lockPath, reason: "cannot lock: \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Seconds a temporary file whose process is gone must have been unchanged before it is removed.
    /// Place files are written only under the lock this edit holds, so theirs can go at once; the
    /// index cache is written without it, by any reader, perhaps from a process this one cannot see.
    static func abandonedGrace(target: String) -> TimeInterval? {
        if target.hasSuffix(".geojson") { return 0 }
        if target.hasSuffix(".index-cache") { return 60 }
        return nil
    }

    /// Removes the temporary place and index-cache files that killed writers left in the folder.
    func removeAbandonedTemporaryFiles() {
        AtomicFile.removeAbandonedTemporaryFiles(in: folder, grace: Self.abandonedGrace(target:))
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

/// Every place file of a gazetteer as an edit read it under the lock.
struct GazetteerSnapshot {
    /// The place files, in order.
    var files: [String]
    var placesByFile: [String: [Place]]
    /// The file holding each id (the first, should an id be in two).
    var fileByID: [String: String]

    /// Reads the files; of the user layer, only its whole places (for the checks).
    static func read(_ files: [String], userLayer: String? = nil) throws(GazetteerError) -> GazetteerSnapshot {
        var snapshot = GazetteerSnapshot(files: files, placesByFile: [:], fileByID: [:])
        let user = userLayer.map(canonical)
        for file in files {
            let places: [Place]
            if canonical(file) == user {
                places = try UserLayerFile.read(file).compactMap { if case .place(let p) = $0 { return p } else { return nil } }
            } else {
                places = try Gazetteer.loadPlaces(file: file)
            }
            snapshot.placesByFile[file] = places
            for p in places where snapshot.fileByID[p.id] == nil { snapshot.fileByID[p.id] = file }
        }
        return snapshot
    }

    var ids: Set<String> { Set(fileByID.keys) }
    var allPlaces: [Place] { files.flatMap { placesByFile[$0] ?? [] } }

    /// The place file a path names (however it is written), or the path itself for a new file.
    func resolve(_ path: String) -> String {
        let wanted = Self.canonical(path)
        return files.first { Self.canonical($0) == wanted } ?? path
    }

    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (absolute as NSString).standardizingPath
    }

    /// The places in a file; none for a file not yet made.
    func places(in file: String) -> [Place] { placesByFile[file] ?? [] }

    func file(holding id: String?) -> String? { id.flatMap { fileByID[$0] } }

    /// The ids of the places that name `id` as their parent.
    func children(of id: String) -> [String] {
        files.flatMap { placesByFile[$0] ?? [] }.filter { $0.parent == id }.map(\.id)
    }

    /// Checks that replacing the places of `file` with `places` keeps the gazetteer whole: ids
    /// unique within the file and across files, every new or re-parented place's parent present,
    /// and no removed place still another's parent.
    func checkReplacing(_ file: String, with places: [Place]) throws(GazetteerError) {
        let old = self.places(in: file)
        var oldParent: [String: String?] = [:]
        for p in old { oldParent[p.id] = .some(p.parent) }
        var newIDs = Set<String>()
        for p in places {
            guard newIDs.insert(p.id).inserted else { throw GazetteerError(file: file, reason: "duplicate id '\(p.id)'") }
            if oldParent[p.id] == nil, let holder = fileByID[p.id], holder != file {
                throw GazetteerError(file: file, reason: "a place with id '\(p.id)' already exists in \(holder)")
            }
        }
        func exists(_ id: String) -> Bool {
            newIDs.contains(id) || (fileByID[id].map { $0 != file } ?? false)
        }
        for p in places {
            guard let parent = p.parent, oldParent[p.id] != .some(p.parent), !exists(parent) else { continue }
            throw GazetteerError(file: file, reason: "'\(p.id)' names parent '\(parent)', which does not exist")
        }
        let removed = Set(old.map(\.id)).subtracting(newIDs)
        guard !removed.isEmpty else { return }
        for p in places + files.filter({ $0 != file }).flatMap({ placesByFile[$0] ?? [] }) {
            if let parent = p.parent, removed.contains(parent) {
                throw GazetteerError(file: file, reason: "'\(parent)' is still the parent of '\(p.id)'", hint: "remove or re-parent it first")
            }
        }
    }
}
