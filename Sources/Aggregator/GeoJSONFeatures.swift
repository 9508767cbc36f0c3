import Foundation
import Gazetteer
import Geo

// `analyze --format geojson` as GIS users expect it (issue 14): areas under claim as their
// district or province outline, settlements as points, the contesting sides as a list, dates in
// ISO 8601, and the claims about each place by the ids the map and the claims table carry.

/// Where `--format geojson` finds the outlines of the places it writes as areas: a gazetteer's
/// `boundaries/` folder. Without one (``none``) every place is a point.
public struct AreaOutlines: Sendable {
    /// The folder (or one GeoJSON file) of outlines, keyed by place id.
    public var folder: String?

    public init(folder: String?) { self.folder = folder }

    /// No outlines: every feature is a point.
    public static let none = AreaOutlines(folder: nil)

    /// The outlines of those places that are written as areas: only the lines of the outline files
    /// whose `bbox` meets a box around the places' points are read.
    public func load(for places: [PlaceSummary]) throws(GazetteerError) -> BoundarySet {
        guard let folder else { return BoundarySet([]) }
        let areas = places.filter(PlaceFeatures.isArea)
        guard var box = BoundingBox(covering: areas.map(\.coordinate)) else { return BoundarySet([]) }
        box = BoundingBox(south: box.south - 0.01, west: box.west - 0.01, north: box.north + 0.01, east: box.east + 0.01)
        let wanted = Set(areas.map(\.id))
        return BoundarySet(try BoundarySet.load(from: folder, within: box).boundaries.filter { wanted.contains($0.id) })
    }
}

/// The claims about each place as the GeoJSON features list them: one entry per claim id (what is
/// claimed: place, actor, action, role, denial), with how many report sentences state it and the
/// dates they give. Kept per place and id, so it stays small however many reports repeat a claim.
struct PlaceFeatures {
    struct Entry {
        var id: String
        var actor: String
        var action: String
        var role: String
        var denied: Bool
        var statements = 0
        var firstDate: String?
        var lastDate: String?

        /// One more statement of the claim, with its date when it has one.
        mutating func add(date: String?) {
            statements += 1
            guard let date else { return }
            if firstDate.map({ date < $0 }) ?? true { firstDate = date }
            if lastDate.map({ date > $0 }) ?? true { lastDate = date }
        }
    }

    /// Per place, its claims' entries in the order first stated.
    private(set) var entries: [String: [Entry]] = [:]
    private var indexOf: [String: [String: Int]] = [:]
    /// Per place, the actors and opponents of its claims that are not denied.
    private var sides: [String: Set<String>] = [:]

    /// Whether a place is written as an area (its outline, when the gazetteer has one): a
    /// province or district, as the map shades it. Towns, countries and the rest are points.
    static func isArea(_ p: PlaceSummary) -> Bool { p.precision == .province || p.precision == .district }

    /// A claim's date when it is an ISO 8601 calendar date (`YYYY-MM-DD`), else `nil`.
    static func isoDate(_ text: String?) -> String? {
        guard let text, let d = ReportDate.normalize(text), d == text else { return nil }
        return d
    }

    mutating func add(_ c: Claim) {
        let id = c.claimID
        let i: Int
        if let known = indexOf[c.place]?[id] {
            i = known
        } else {
            i = entries[c.place]?.count ?? 0
            entries[c.place, default: []].append(Entry(id: id, actor: c.actor, action: c.action, role: c.role.rawValue, denied: c.denied))
            indexOf[c.place, default: [:]][id] = i
        }
        // In place: the list is not copied for each claim.
        entries[c.place, default: []][i].add(date: Self.isoDate(c.date))
        if !c.denied {
            sides[c.place, default: []].insert(c.actor)
            if let o = c.opponent { sides[c.place, default: []].insert(o) }
        }
    }

    /// The sides a place's control is about: the actor claimed to hold it, or for contested ground
    /// every side its claims name (one name per side, as the control score groups them), sorted.
    func controlSides(_ p: PlaceSummary) -> [String] {
        switch p.control.status {
        case .none: return []
        case .claimed: return p.control.actor.map { [$0] } ?? []
        case .contested:
            let names = sides[p.id] ?? []
            let canonical = SideNames.canonical(Dictionary(uniqueKeysWithValues: names.map { ($0, 1) }))
            return Set(names.map { canonical[$0] ?? $0 }).sorted()
        }
    }

    /// The extra properties of a place's feature (after ``Analysis/placeColumns``).
    func properties(_ p: PlaceSummary, geometrySource: String) -> [(String, JSONValue)] {
        let list = entries[p.id] ?? []
        let first = list.compactMap(\.firstDate).min()
        let last = list.compactMap(\.lastDate).max()
        let claims: [JSONValue] = list.map { e in
            .object([
                ("id", .string(e.id)), ("actor", .string(e.actor)), ("action", .string(e.action)), ("role", .string(e.role)),
                ("denied", .bool(e.denied)), ("statements", .int(Int64(e.statements))),
                ("first_date", e.firstDate.map(JSONValue.string) ?? .null), ("last_date", e.lastDate.map(JSONValue.string) ?? .null),
            ])
        }
        return [
            ("control_sides", .array(controlSides(p).map(JSONValue.string))),
            ("geometry_source", .string(geometrySource)),
            ("first_claim_date", first.map(JSONValue.string) ?? .null),
            ("last_claim_date", last.map(JSONValue.string) ?? .null),
            ("claim_ids", .array(list.map { .string($0.id) })),
            ("claim_list", .array(claims)),
        ]
    }

    /// A polygon or multipolygon in RFC 7946's winding: each exterior ring counter-clockwise, each
    /// hole clockwise (signed area in degrees; outlines are small enough for that to decide).
    static func rfc7946(_ polygons: [[[Coordinate]]]) -> Geometry {
        func signedArea(_ ring: [Coordinate]) -> Double {
            guard ring.count > 2, let first = ring.first else { return 0 }
            var sum = 0.0
            for (a, b) in zip(ring, ring.dropFirst() + [first]) { sum += a.longitude * b.latitude - b.longitude * a.latitude }
            return sum / 2
        }
        let wound: [[[Coordinate]]] = polygons.map { rings in
            rings.enumerated().map { i, ring in
                let counterClockwise = signedArea(ring) > 0
                return (i == 0) == counterClockwise ? ring : ring.reversed()
            }
        }
        if wound.count == 1, let only = wound.first { return .polygon(only) }
        return .multiPolygon(wound)
    }

    /// The FeatureCollection, one feature a line: places in the analysis' order, each an outline
    /// when it is an area with one, else a point; coordinates rounded to 6 decimals (about 0.1 m).
    func featureCollection(_ places: [PlaceSummary], outlines: BoundarySet) -> Data {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (n, p) in places.enumerated() {
            let outline = Self.isArea(p) ? outlines[p.id] : nil
            let geometry = outline.map { Self.rfc7946($0.geometry.polygons) } ?? .point(p.coordinate)
            var properties: [(String, JSONValue)] = Array(zip(Analysis.placeColumns, Analysis.placeValues(p)))
            properties += self.properties(p, geometrySource: outline == nil ? "point" : "boundary")
            let feature = JSONValue.object([
                ("type", .string("Feature")), ("id", .string(p.id)), ("geometry", geometry.json(decimals: 6)),
                ("properties", .object(properties)),
            ])
            out += n == 0 ? "\n" : ",\n"
            feature.write(to: &out)
        }
        out += "\n]}\n"
        return Data(out.utf8)
    }
}

extension Analysis {
    /// A GeoJSON FeatureCollection (RFC 7946), WGS84 `[lon, lat]`, one feature a line: each
    /// province or district the outlines have as a Polygon or MultiPolygon, every other place as a
    /// Point, with the place's counts, control, contesting sides, claim dates and claims (by id).
    public func geoJSONData(outlines: BoundarySet = BoundarySet([])) -> Data {
        var features = PlaceFeatures()
        for c in claims { features.add(c) }
        return features.featureCollection(namedPlaces, outlines: outlines)
    }
}
