import Foundation
import Geo

/// Reads and writes the gazetteer's line-per-feature GeoJSON files (see `Gazetteer/FORMAT.md`).
public enum GazetteerFile {
    static let header = "{\"type\":\"FeatureCollection\",\"features\":["
    static let footer = "]}"

    /// Parses a place file's text; errors name `path` and the feature's line.
    public static func parsePlaces(_ data: Data, path: String) throws(GazetteerError) -> [Place] {
        PlaceChunk.join(try parsePlaceChunks(data, path: path, builder: nil))
    }

    /// One feature line the general way: a JSON tree, then `place(from:)`.
    static func generalPlace(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) throws(GazetteerError) -> Place {
        let json: JSONValue
        do {
            json = try JSONValue.parse(line)
        } catch {
            throw GazetteerError(
                file: path, line: number, reason: "not valid JSON at column \(error.offset + 1): \(error.reason)",
                hint: "each line between the first and the last holds one complete feature")
        }
        return try place(from: json, path: path, line: number)
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
