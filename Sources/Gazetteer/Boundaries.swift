import Foundation
import Geo

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
    public static func load(from path: String) throws(GazetteerError) -> BoundarySet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return BoundarySet([]) }
        let files: [String]
        if isDirectory.boolValue {
            files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { $0.hasSuffix(".geojson") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        } else {
            files = [path]
        }
        var all: [Boundary] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw GazetteerError(file: file, reason: "cannot be read")
            }
            try GazetteerFile.forEachFeatureLine(data, path: file) { (json, line) throws(GazetteerError) in
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
            }
        }
        return BoundarySet(all)
    }
}
