import Foundation
import Geo

/// One entry of the user layer (`user.geojson`): a whole place, which is new or replaces the
/// built place with its id, or names added to a built place.
public enum UserEntry: Sendable, Hashable {
    /// A place of its own; a built place with the same id is replaced by it.
    case place(Place)
    /// Alternate names added to the built place `id` (a feature whose geometry is `null`).
    case names(id: String, [AlternateName])

    public var id: String {
        switch self {
        case .place(let p): return p.id
        case .names(let id, _): return id
        }
    }
}

/// Reads and writes the user layer, `user.geojson` in a gazetteer folder: the place files' line
/// format (see `Gazetteer/FORMAT.md`), sorted by id, at most one entry per id. Edits go there, so
/// that they survive rebuilds of the built files, and the layer is read and indexed on its own at
/// each load, so that the built files' index cache stays valid.
public enum UserLayerFile {
    /// The name of the user layer's file in a gazetteer folder.
    public static let fileName = "user.geojson"

    /// The user layer of a gazetteer folder.
    public static func path(inFolder folder: String) -> String {
        (folder as NSString).appendingPathComponent(fileName)
    }

    /// Whether a path names a folder's user layer (by its file name).
    static func isUserLayer(_ path: String) -> Bool {
        (path as NSString).lastPathComponent == fileName
    }

    /// Reads the entries of a user layer file; none when the file does not exist.
    public static func read(_ path: String) throws(GazetteerError) -> [UserEntry] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerError(file: path, reason: "cannot be read", hint: "check that it is readable")
        }
        return try parse(data, path: path)
    }

    /// Parses the text of a user layer; errors name `path` and the feature's line.
    public static func parse(_ data: Data, path: String) throws(GazetteerError) -> [UserEntry] {
        var entries: [UserEntry] = []
        try GazetteerFile.forEachFeatureLine(data, path: path) { (json, line) throws(GazetteerError) in
            entries.append(try entry(from: json, path: path, line: line))
        }
        return entries
    }

    /// One feature of the user layer: names for a built place when its geometry is `null`, else a place.
    static func entry(from json: JSONValue, path: String, line: Int) throws(GazetteerError) -> UserEntry {
        guard json["geometry"] == .null else { return .place(try GazetteerFile.place(from: json, path: path, line: line)) }
        func fail(_ reason: String) -> GazetteerError {
            GazetteerError(file: path, line: line, reason: reason,
                           hint: "a feature without geometry adds names: {\"type\":\"Feature\",\"id\":…,\"geometry\":null,\"properties\":{\"names\":[{\"name\":…}]}}")
        }
        guard json["type"]?.stringValue == "Feature" else { throw fail("\"type\" is not \"Feature\"") }
        guard let id = json["id"]?.stringValue, !id.isEmpty else { throw fail("the feature has no string \"id\"") }
        guard let props = json["properties"]?.objectValue else { throw fail("'\(id)' has no \"properties\" object") }
        guard props.count == 1, let list = JSONValue.object(props)["names"]?.arrayValue, !list.isEmpty else {
            throw fail("'\(id)' has no geometry, so its only property is a non-empty \"names\" array")
        }
        var names: [AlternateName] = []
        for item in list {
            guard let name = item["name"]?.stringValue, !name.isEmpty else { throw fail("'\(id)': an added name has no \"name\"") }
            names.append(AlternateName(name, language: item["lang"]?.stringValue, script: item["script"]?.stringValue))
        }
        return .names(id: id, names)
    }

    /// The canonical line of an entry.
    public static func line(for entry: UserEntry) -> String {
        switch entry {
        case .place(let p):
            return GazetteerFile.line(for: p)
        case .names(let id, let names):
            let list = JSONValue.array(names.map { n in
                var o: [(String, JSONValue)] = [("name", .string(n.name))]
                if let l = n.language { o.append(("lang", .string(l))) }
                if let s = n.script { o.append(("script", .string(s))) }
                return .object(o)
            })
            let feature: [(String, JSONValue)] = [
                ("type", .string("Feature")), ("id", .string(id)), ("geometry", .null), ("properties", .object([("names", list)])),
            ]
            return JSONValue.object(feature).canonicalText
        }
    }

    /// The canonical text of a user layer, sorted by id.
    public static func text(for entries: [UserEntry]) -> String {
        let sorted = entries.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var out = GazetteerFile.header + "\n"
        for (i, e) in sorted.enumerated() {
            out += line(for: e)
            out += i + 1 < sorted.count ? ",\n" : "\n"
        }
        out += GazetteerFile.footer + "\n"
        return out
    }

    /// The built files of a gazetteer path: every place file but the user layer, and the user
    /// layer when the path is a folder that has one. A single file is all built files.
    static func split(_ files: [String], isFolder: Bool) -> (built: [String], user: String?) {
        guard isFolder else { return (files, nil) }
        return (files.filter { !isUserLayer($0) }, files.first(where: isUserLayer))
    }
}
