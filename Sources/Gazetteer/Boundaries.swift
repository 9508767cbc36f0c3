import Foundation
import Geo

/// The GeoJSON files a gazetteer path stands for: every `*.geojson` directly inside a folder,
/// sorted, or the one file given; `nil` when the path does not exist.
public func geojsonFiles(at path: String) -> (files: [String], isFolder: Bool)? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
    guard isDirectory.boolValue else { return ([path], false) }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return (names.filter { $0.hasSuffix(".geojson") }.sorted().map { (path as NSString).appendingPathComponent($0) }, true)
}

/// The outline of an area place (country, province, district), keyed by the place's id.
public struct Boundary: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var geometry: Geometry
    public var boundingBox: BoundingBox
}

/// Area outlines read from `Gazetteer/boundaries/`.
public struct BoundarySet: Sendable {
    public private(set) var boundaries: [Boundary]
    private var indexByID: [String: Int]

    public init(_ boundaries: [Boundary]) {
        self.boundaries = boundaries
        var index: [String: Int] = [:]
        for (i, b) in boundaries.enumerated() where index[b.id] == nil { index[b.id] = i }
        self.indexByID = index
    }

    public subscript(id: String) -> Boundary? { indexByID[id].map { boundaries[$0] } }

    /// Outlines whose bounding box meets the box.
    public func intersecting(_ box: BoundingBox) -> [Boundary] {
        boundaries.filter { $0.boundingBox.intersects(box) }
    }

    /// Reads every `*.geojson` in a folder (or one file); a missing folder gives an empty set.
    /// With `within`, outlines whose `bbox` lies outside the box are skipped unread.
    public static func load(from path: String, within box: BoundingBox? = nil) throws(GazetteerError) -> BoundarySet {
        guard let files = geojsonFiles(at: path)?.files else { return BoundarySet([]) }
        var all: [Boundary] = []
        for file in files {
            guard try readFeatures(of: file, within: box, { json, line in
                    guard let id = json["id"]?.stringValue else {
                        throw GazetteerError(file: file, line: line, reason: "boundary feature has no string \"id\"")
                    }
                    let props = json["properties"]
                    let kind = props?["kind"]?.stringValue.flatMap(PlaceKind.init(rawValue:)) ?? .region
                    guard let g = json["geometry"] else {
                        throw GazetteerError(file: file, line: line, reason: "boundary '\(id)' has no geometry")
                    }
                    let geometry: Geometry
                    do {
                        geometry = try Geometry(json: g)
                    } catch {
                        throw GazetteerError(file: file, line: line, reason: "boundary '\(id)': \(error)")
                    }
                    guard let box = geometry.boundingBox, !geometry.polygons.isEmpty else {
                        throw GazetteerError(file: file, line: line, reason: "boundary '\(id)' is not a Polygon or MultiPolygon")
                    }
                    all.append(Boundary(id: id, name: props?["name"]?.stringValue ?? id, kind: kind, geometry: geometry, boundingBox: box))
                }) else {
                throw GazetteerError(file: file, reason: "cannot be read", hint: "check that it exists and is readable")
            }
        }
        return BoundarySet(all)
    }
}

/// Calls `visit` with each feature of a GeoJSON file and its line: one feature per line is read
/// through a memory map, skipping lines whose `bbox` lies outside `box`; any other
/// FeatureCollection (e.g. written by QGIS) is parsed whole. `false` when the file cannot be read.
func readFeatures(of file: String, within box: BoundingBox?, _ visit: (JSONValue, Int) throws -> Void) throws(GazetteerError) -> Bool {
    do {
        guard let lines = try FeatureLines.read(file: file, within: box, visit) else { return false }
        guard lines == 0 else { return true }
        guard let data = FileManager.default.contents(atPath: file) else { return false }
        if data.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
            try GazetteerFile.forEachFeatureLine(data, path: file) { (json, line) throws(GazetteerError) in
                do { try visit(json, line) } catch let e as GazetteerError { throw e } catch {
                    throw GazetteerError(file: file, line: line, reason: "\(error)")
                }
            }
        }
        return true
    } catch let error as GazetteerError {
        throw error
    } catch {
        throw GazetteerError(file: file, reason: "\(error)")
    }
}

/// The base map's water and lines: rivers, from `Gazetteer/basemap/rivers.geojson`, and lakes,
/// from `Gazetteer/basemap/lakes.geojson` (Natural Earth's lake polygons, drawn as water).
public struct BaseMapLines: Sendable {
    /// Each line's points and its class (1 = the largest rivers).
    public var rivers: [(points: [Coordinate], rank: Int)]
    /// Each lake's polygons (outer ring, then its islands).
    public var lakes: [[[Coordinate]]]
    /// Cities and towns for orientation (`towns.geojson`), most populous first.
    public var towns: [BaseMapTown]

    public init(rivers: [(points: [Coordinate], rank: Int)] = [], lakes: [[[Coordinate]]] = [], towns: [BaseMapTown] = []) {
        self.rivers = rivers
        self.lakes = lakes
        self.towns = towns
    }

    /// Reads the rivers and lakes within a box; a missing file gives none.
    public static func load(from folder: String, within box: BoundingBox?) throws(GazetteerError) -> BaseMapLines {
        let path = (folder as NSString).appendingPathComponent("rivers.geojson")
        var rivers: [(points: [Coordinate], rank: Int)] = []
        _ = try readFeatures(of: path, within: box) { json, line in
            guard let g = json["geometry"] else { return }
            let rank = Int(json["properties"]?["class"]?.intValue ?? 1)
            switch try Geometry(json: g) {
            case .lineString(let points): rivers.append((points, rank))
            case .multiLineString(let lines): rivers.append(contentsOf: lines.map { ($0, rank) })
            default: throw GazetteerError(file: path, line: line, reason: "a river must be a LineString")
            }
        }
        return BaseMapLines(rivers: rivers, lakes: try loadLakes(from: folder, within: box),
                            towns: try loadTowns(from: folder, within: box))
    }

    /// The lake polygons within a box, from `lakes.geojson`; a missing file gives none.
    static func loadLakes(from folder: String, within box: BoundingBox?) throws(GazetteerError) -> [[[Coordinate]]] {
        let path = (folder as NSString).appendingPathComponent("lakes.geojson")
        var lakes: [[[Coordinate]]] = []
        _ = try readFeatures(of: path, within: box) { json, line in
            guard let g = json["geometry"] else { return }
            let geometry = try Geometry(json: g)
            guard !geometry.polygons.isEmpty else {
                throw GazetteerError(file: path, line: line, reason: "a lake must be a Polygon or MultiPolygon")
            }
            lakes.append(contentsOf: geometry.polygons)
        }
        return lakes
    }
}
