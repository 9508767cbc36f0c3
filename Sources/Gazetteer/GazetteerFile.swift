import Foundation
import Geo

/// Reads and writes the gazetteer's line-per-feature GeoJSON files (see `Gazetteer/FORMAT.md`).
public enum GazetteerFile {
    static let header = "{\"type\":\"FeatureCollection\",\"features\":["
    static let footer = "]}"

    /// Parses a place file's text; errors name `path` and the feature's line.
    public static func parsePlaces(_ data: Data, path: String) throws(GazetteerError) -> [Place] {
        var places: [Place] = []
        try forEachFeatureLine(data, path: path) { (json, line) throws(GazetteerError) in
            places.append(try place(from: json, path: path, line: line))
        }
        return places
    }

    /// Parses a boundary file: areal features keyed by place id.
    public static func parseBoundaries(_ data: Data, path: String) throws(GazetteerError) -> [String: Geometry] {
        var out: [String: Geometry] = [:]
        try forEachFeatureLine(data, path: path) { (json, line) throws(GazetteerError) in
            guard let id = json["id"]?.stringValue else {
                throw GazetteerError(file: path, line: line, reason: "boundary feature has no string \"id\"")
            }
            guard let g = json["geometry"] else {
                throw GazetteerError(file: path, line: line, reason: "boundary '\(id)' has no geometry")
            }
            do {
                out[id] = try Geometry(json: g)
            } catch {
                throw GazetteerError(file: path, line: line, reason: "boundary '\(id)': \(error)")
            }
        }
        return out
    }

    /// Calls `body` with each feature's JSON and its 1-based line number.
    ///
    /// Accepts the canonical layout, and also any GeoJSON FeatureCollection (e.g. one written by
    /// QGIS on several lines), which is then parsed whole.
    static func forEachFeatureLine(
        _ data: Data, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let result: Result<Void, GazetteerError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(GazetteerError) in try scanLines(bytes, path: path, body) }
        }
        try result.get()
    }

    private static func scanLines(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        guard !bytes.isEmpty else {
            throw GazetteerError(file: path, reason: "the file is empty", hint: "a gazetteer file is a GeoJSON FeatureCollection")
        }
        // Find line boundaries.
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func text(_ r: Range<Int>) -> Substring {
            var end = r.upperBound
            if end > r.lowerBound, bytes[end - 1] == 0x0D { end -= 1 }
            return Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end]), as: UTF8.self))
        }
        let canonical = lines.count >= 2 && text(lines[0]).trimmingCharacters(in: .whitespaces) == header
            && text(lines[lines.count - 1]).trimmingCharacters(in: .whitespaces) == footer
        if !canonical {
            try parseWhole(bytes, path: path, body)
            return
        }
        for (n, r) in lines.enumerated().dropFirst().dropLast() {
            var end = r.upperBound
            while end > r.lowerBound, [0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            if end > r.lowerBound, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
            if end == r.lowerBound { continue }
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end])
            let json: JSONValue
            do {
                json = try JSONValue.parse(lineBytes)
            } catch {
                throw GazetteerError(
                    file: path, line: n + 1, reason: "not valid JSON at column \(error.offset + 1): \(error.reason)",
                    hint: "each line between the first and the last holds one complete feature")
            }
            try body(json, n + 1)
        }
    }

    private static func parseWhole(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            throw GazetteerError(file: path, line: line, reason: "not valid JSON at column \(column): \(error.reason)")
        }
        guard json["type"]?.stringValue == "FeatureCollection", let features = json["features"]?.arrayValue else {
            throw GazetteerError(file: path, line: 1, reason: "not a GeoJSON FeatureCollection", hint: "see Gazetteer/FORMAT.md")
        }
        for (i, f) in features.enumerated() {
            do {
                try body(f, i + 1)
            } catch var error {
                error.line = nil
                error.reason = "feature \(i + 1): " + error.reason
                throw error
            }
        }
    }

    static let knownKeys: Set<String> = ["name", "kind", "parent", "country", "geonames_id", "population", "names", "source"]

    /// Reads one place feature, checking every field.
    static func place(from json: JSONValue, path: String, line: Int) throws(GazetteerError) -> Place {
        func fail(_ reason: String, _ hint: String? = nil) -> GazetteerError {
            GazetteerError(file: path, line: line, reason: reason, hint: hint)
        }
        guard json["type"]?.stringValue == "Feature" else { throw fail("\"type\" is not \"Feature\"") }
        guard let id = json["id"]?.stringValue, !id.isEmpty else { throw fail("the feature has no string \"id\"") }
        guard let props = json["properties"]?.objectValue else { throw fail("'\(id)' has no \"properties\" object") }
        let p = JSONValue.object(props)
        guard let name = p["name"]?.stringValue, !name.isEmpty else { throw fail("'\(id)' has no \"name\"") }
        guard let kindText = p["kind"]?.stringValue else { throw fail("'\(id)' has no \"kind\"") }
        guard let kind = PlaceKind(rawValue: kindText) else {
            throw fail("'\(id)' has unknown kind \"\(kindText)\"",
                "use one of \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let g = json["geometry"] else { throw fail("'\(id)' has no geometry") }
        let coordinate: Coordinate
        do {
            let geometry = try Geometry(json: g)
            guard case .point(let c) = geometry else {
                throw fail("'\(id)' has a \(geometry.typeName) geometry; a place is a Point", "put areas in Gazetteer/boundaries/")
            }
            coordinate = c
        } catch let error as GazetteerError {
            throw error
        } catch {
            throw fail("'\(id)': \(error)")
        }
        var names: [AlternateName] = []
        if let list = p["names"] {
            guard let items = list.arrayValue else { throw fail("'\(id)': \"names\" must be an array") }
            for item in items {
                switch item {
                case .string(let s): names.append(AlternateName(s))
                case .object:
                    guard let n = item["name"]?.stringValue, !n.isEmpty else {
                        throw fail("'\(id)': an alternate name has no \"name\"")
                    }
                    names.append(AlternateName(n, language: item["lang"]?.stringValue, script: item["script"]?.stringValue))
                default: throw fail("'\(id)': an alternate name must be an object like {\"name\":\"…\"}")
                }
            }
        }
        func optionalInt(_ key: String) throws(GazetteerError) -> Int64? {
            guard let v = p[key], v != .null else { return nil }
            guard let i = v.intValue, i >= 0 else { throw fail("'\(id)': \"\(key)\" must be a whole number ≥ 0") }
            return i
        }
        func optionalString(_ key: String) throws(GazetteerError) -> String? {
            guard let v = p[key], v != .null else { return nil }
            guard let s = v.stringValue else { throw fail("'\(id)': \"\(key)\" must be a string") }
            return s
        }
        return Place(
            id: id, name: name, kind: kind, parent: try optionalString("parent"), country: try optionalString("country"),
            geonamesID: try optionalInt("geonames_id"), population: try optionalInt("population"),
            alternateNames: names, source: try optionalString("source"), coordinate: coordinate,
            extraProperties: props.filter { !knownKeys.contains($0.0) })
    }

    /// The canonical line for one place (see `Gazetteer/FORMAT.md`).
    public static func line(for place: Place) -> String {
        var props: [(String, JSONValue)] = [("name", .string(place.name)), ("kind", .string(place.kind.rawValue))]
        if let v = place.parent { props.append(("parent", .string(v))) }
        if let v = place.country { props.append(("country", .string(v))) }
        if let v = place.geonamesID { props.append(("geonames_id", .int(v))) }
        if let v = place.population { props.append(("population", .int(v))) }
        if !place.alternateNames.isEmpty {
            props.append(("names", .array(place.alternateNames.map { n in
                var o: [(String, JSONValue)] = [("name", .string(n.name))]
                if let l = n.language { o.append(("lang", .string(l))) }
                if let s = n.script { o.append(("script", .string(s))) }
                return .object(o)
            })))
        }
        if let v = place.source { props.append(("source", .string(v))) }
        props.append(contentsOf: place.extraProperties)
        let feature = Feature(id: place.id, geometry: .point(place.coordinate), properties: props)
        return feature.json(decimals: 5).canonicalText
    }

    /// The canonical file text for a set of places, sorted by id.
    public static func text(for places: [Place]) -> String {
        let sorted = places.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var out = header + "\n"
        for (i, p) in sorted.enumerated() {
            out += line(for: p)
            out += i + 1 < sorted.count ? ",\n" : "\n"
        }
        out += footer + "\n"
        return out
    }
}
