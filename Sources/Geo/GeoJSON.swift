import Foundation

/// A GeoJSON geometry (RFC 7946 §3.1). Positions are ``Coordinate`` values written `[lon, lat]`.
public enum Geometry: Sendable, Hashable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString([Coordinate])
    case multiLineString([[Coordinate]])
    /// Rings: the exterior first (counter-clockwise), then holes (clockwise).
    case polygon([[Coordinate]])
    case multiPolygon([[[Coordinate]]])
    case geometryCollection([Geometry])

    /// The polygons of a `Polygon` or `MultiPolygon`, empty for other kinds.
    public var polygons: [[[Coordinate]]] {
        switch self {
        case .polygon(let p): return [p]
        case .multiPolygon(let m): return m
        case .geometryCollection(let g): return g.flatMap(\.polygons)
        default: return []
        }
    }

    /// Every position in the geometry.
    public var allCoordinates: [Coordinate] {
        switch self {
        case .point(let c): return [c]
        case .multiPoint(let c), .lineString(let c): return c
        case .multiLineString(let l), .polygon(let l): return l.flatMap { $0 }
        case .multiPolygon(let m): return m.flatMap { $0.flatMap { $0 } }
        case .geometryCollection(let g): return g.flatMap(\.allCoordinates)
        }
    }

    public var boundingBox: BoundingBox? { BoundingBox(covering: allCoordinates) }

    /// Whether an areal geometry contains the point.
    public func contains(_ c: Coordinate) -> Bool {
        polygons.contains { PolygonMath.contains($0, c) }
    }

    public var typeName: String {
        switch self {
        case .point: return "Point"
        case .multiPoint: return "MultiPoint"
        case .lineString: return "LineString"
        case .multiLineString: return "MultiLineString"
        case .polygon: return "Polygon"
        case .multiPolygon: return "MultiPolygon"
        case .geometryCollection: return "GeometryCollection"
        }
    }
}

// MARK: - JSON conversion

extension Geometry {
    /// Reads a geometry object, checking the structure and every position's range.
    public init(json: JSONValue) throws(GeoError) {
        guard let type = json["type"]?.stringValue else {
            throw .invalidGeoJSON(location: "geometry", reason: "it has no \"type\"")
        }
        if type == "GeometryCollection" {
            guard let items = json["geometries"]?.arrayValue else {
                throw .invalidGeoJSON(location: "geometry", reason: "GeometryCollection has no \"geometries\" array")
            }
            var out: [Geometry] = []
            for item in items { out.append(try Geometry(json: item)) }
            self = .geometryCollection(out)
            return
        }
        guard let coords = json["coordinates"] else {
            throw .invalidGeoJSON(location: "geometry", reason: "\(type) has no \"coordinates\"")
        }
        switch type {
        case "Point": self = .point(try Self.position(coords))
        case "MultiPoint": self = .multiPoint(try Self.positions(coords))
        case "LineString": self = .lineString(try Self.positions(coords))
        case "MultiLineString": self = .multiLineString(try Self.nested(coords, Self.positions))
        case "Polygon": self = .polygon(try Self.rings(coords))
        case "MultiPolygon": self = .multiPolygon(try Self.nested(coords, Self.rings))
        default: throw .invalidGeoJSON(location: "geometry", reason: "unknown geometry type \"\(type)\"")
        }
    }

    static func position(_ v: JSONValue) throws(GeoError) -> Coordinate {
        guard let a = v.arrayValue, a.count >= 2, let lon = a[0].doubleValue, let lat = a[1].doubleValue else {
            throw .invalidGeoJSON(location: "geometry", reason: "a position must be [longitude, latitude]")
        }
        do {
            return try Coordinate.validated(latitude: lat, longitude: lon)
        } catch {
            throw .invalidGeoJSON(location: "geometry", reason: "position [\(lon), \(lat)]: \(error)")
        }
    }

    static func positions(_ v: JSONValue) throws(GeoError) -> [Coordinate] {
        guard let a = v.arrayValue else { throw .invalidGeoJSON(location: "geometry", reason: "expected an array of positions") }
        var out: [Coordinate] = []
        out.reserveCapacity(a.count)
        for p in a { out.append(try position(p)) }
        return out
    }

    static func rings(_ v: JSONValue) throws(GeoError) -> [[Coordinate]] {
        let rings = try nested(v, positions)
        for ring in rings where ring.count < 4 || ring.first != ring.last {
            throw .invalidGeoJSON(location: "geometry", reason: "a polygon ring needs at least 4 positions, the last equal to the first")
        }
        return rings
    }

    static func nested<T>(_ v: JSONValue, _ inner: (JSONValue) throws(GeoError) -> T) throws(GeoError) -> [T] {
        guard let a = v.arrayValue else { throw .invalidGeoJSON(location: "geometry", reason: "expected an array") }
        var out: [T] = []
        out.reserveCapacity(a.count)
        for item in a { out.append(try inner(item)) }
        return out
    }

    /// The geometry as a GeoJSON object, positions rounded to `decimals` places.
    public func json(decimals: Int = 6) -> JSONValue {
        let scale = pow(10, Double(decimals))
        func pos(_ c: Coordinate) -> JSONValue {
            .array([.double((c.longitude * scale).rounded() / scale), .double((c.latitude * scale).rounded() / scale)])
        }
        func line(_ cs: [Coordinate]) -> JSONValue { .array(cs.map(pos)) }
        switch self {
        case .point(let c): return .object([("type", .string("Point")), ("coordinates", pos(c))])
        case .multiPoint(let cs): return .object([("type", .string("MultiPoint")), ("coordinates", line(cs))])
        case .lineString(let cs): return .object([("type", .string("LineString")), ("coordinates", line(cs))])
        case .multiLineString(let ls):
            return .object([("type", .string("MultiLineString")), ("coordinates", .array(ls.map(line)))])
        case .polygon(let rs): return .object([("type", .string("Polygon")), ("coordinates", .array(rs.map(line)))])
        case .multiPolygon(let ps):
            return .object([("type", .string("MultiPolygon")), ("coordinates", .array(ps.map { .array($0.map(line)) }))])
        case .geometryCollection(let gs):
            return .object([("type", .string("GeometryCollection")), ("geometries", .array(gs.map { $0.json(decimals: decimals) }))])
        }
    }
}

/// A GeoJSON feature (RFC 7946 §3.2) with a string id and ordered properties.
public struct Feature: Sendable, Hashable {
    public var id: String?
    public var geometry: Geometry?
    /// Property pairs in their written order.
    public var properties: [(String, JSONValue)]

    public init(id: String? = nil, geometry: Geometry?, properties: [(String, JSONValue)] = []) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    public subscript(property key: String) -> JSONValue? {
        for (k, v) in properties where k == key { return v }
        return nil
    }

    public init(json: JSONValue) throws(GeoError) {
        guard json["type"]?.stringValue == "Feature" else {
            throw .invalidGeoJSON(location: "feature", reason: "\"type\" is not \"Feature\"")
        }
        switch json["id"] {
        case .string(let s)?: id = s
        case .int(let i)?: id = String(i)
        case .double(let d)?: id = JSONValue.format(d)
        case nil, .null?: id = nil
        default: throw .invalidGeoJSON(location: "feature", reason: "\"id\" must be a string or a number")
        }
        switch json["geometry"] {
        case nil, .null?: geometry = nil
        case let g?: geometry = try Geometry(json: g)
        }
        switch json["properties"] {
        case nil, .null?: properties = []
        case .object(let o)?: properties = o
        default: throw .invalidGeoJSON(location: "feature", reason: "\"properties\" must be an object or null")
        }
    }

    public func json(decimals: Int = 6) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string("Feature"))]
        if let id { pairs.append(("id", .string(id))) }
        pairs.append(("geometry", geometry?.json(decimals: decimals) ?? .null))
        pairs.append(("properties", .object(properties)))
        return .object(pairs)
    }

    public static func == (l: Feature, r: Feature) -> Bool {
        l.id == r.id && l.geometry == r.geometry && JSONValue.object(l.properties) == JSONValue.object(r.properties)
    }

    public func hash(into h: inout Hasher) {
        h.combine(id)
        h.combine(geometry)
    }
}

/// A GeoJSON feature collection (RFC 7946 §3.3).
public struct FeatureCollection: Sendable, Hashable {
    public var features: [Feature]

    public init(features: [Feature]) { self.features = features }

    public init(json: JSONValue) throws(GeoError) {
        guard json["type"]?.stringValue == "FeatureCollection", let items = json["features"]?.arrayValue else {
            throw .invalidGeoJSON(location: "top level", reason: "expected a FeatureCollection with a \"features\" array")
        }
        var out: [Feature] = []
        for (i, item) in items.enumerated() {
            do {
                out.append(try Feature(json: item))
            } catch {
                throw .invalidGeoJSON(location: "feature \(i + 1)", reason: "\(error)")
            }
        }
        features = out
    }

    /// The collection with one feature per line: valid GeoJSON that diffs line by line.
    public func lineDelimitedText(decimals: Int = 6) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        for (i, f) in features.enumerated() {
            f.json(decimals: decimals).write(to: &out)
            out += i + 1 < features.count ? ",\n" : "\n"
        }
        out += "]}\n"
        return out
    }
}
