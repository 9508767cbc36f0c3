import Foundation
import Geo

/// A city or town of the base map (`basemap/towns.geojson`): drawn in grey for orientation when
/// the reports do not name it.
public struct BaseMapTown: Sendable, Hashable {
    /// The gazetteer id of the place (the same as in the place files).
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var population: Int64
    public var coordinate: Coordinate

    public init(id: String, name: String, kind: PlaceKind, population: Int64, coordinate: Coordinate) {
        self.id = id
        self.name = name
        self.kind = kind
        self.population = population
        self.coordinate = coordinate
    }
}

extension BaseMapLines {
    /// The towns within a box, most populous first, from `towns.geojson`; a missing file gives none.
    static func loadTowns(from folder: String, within box: BoundingBox?) throws(GazetteerError) -> [BaseMapTown] {
        let path = (folder as NSString).appendingPathComponent("towns.geojson")
        var towns: [BaseMapTown] = []
        _ = try readFeatures(of: path, within: box) { json, line in
            guard let id = json["id"]?.stringValue, let props = json["properties"],
                  let name = props["name"]?.stringValue, let g = json["geometry"] else {
                throw GazetteerError(file: path, line: line, reason: "a town needs an id, a name and a geometry")
            }
            guard case .point(let c) = try Geometry(json: g) else {
                throw GazetteerError(file: path, line: line, reason: "a town must be a Point")
            }
            let kind = props["kind"]?.stringValue.flatMap(PlaceKind.init(rawValue:)) ?? .town
            towns.append(BaseMapTown(id: id, name: name, kind: kind, population: props["population"]?.intValue ?? 0, coordinate: c))
        }
        return towns.sorted { ($0.population, $1.id) > ($1.population, $0.id) }
    }
}
