import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer

/// An analysis naming `count` real places around `center`, each with a mention count, decoded from JSON.
func syntheticAnalysis(_ gazetteer: Gazetteer, count: Int, around center: Coordinate) throws -> Analysis {
    let nearest = gazetteer.places
        .filter { $0.precision == .town }
        .sorted { Geodesy.greatCircleDistance($0.coordinate, center) < Geodesy.greatCircleDistance($1.coordinate, center) }
        .prefix(count)
    var places: [JSONValue] = []
    for (i, p) in nearest.enumerated() {
        places.append(.object([
            ("id", .string(p.id)), ("name", .string(p.name)), ("kind", .string(p.kind.rawValue)),
            ("lat", .double(p.coordinate.latitude)), ("lon", .double(p.coordinate.longitude)), ("precision", .string("town")),
            ("mentions", .int(Int64(1 + i % 7))), ("documents", .int(1)), ("sources", .int(Int64(1 + i % 3))),
            ("control", .object([("status", .string("none")), ("confidence", .int(0))])),
        ]))
    }
    let json: JSONValue = .object([
        ("documents", .array([.object([("id", .string("d")), ("path", .string("d")), ("title", .string("t")), ("source_cluster", .string("d"))])])),
        ("places", .array(places)), ("mentions", .array([])), ("claims", .array([])), ("unresolved", .array([])),
    ])
    return try JSONDecoder().decode(Analysis.self, from: Data(json.canonicalText.utf8))
}

/// Times drawing 1,000 labelled markers as a 1600×1200 PNG, and reports how many labels fitted.
func benchmarkThousandMarkers(_ gazetteer: Gazetteer, _ boundaries: BoundarySet) throws {
    let analysis = try syntheticAnalysis(gazetteer, count: 1000, around: Coordinate(latitude: 34.5, longitude: 69.2))
    var options = MapOptions()
    options.width = 1600
    options.height = 1200
    var placed = 0
    let time = try best(3) {
        let model = try MapBuilder(analysis: analysis, gazetteer: gazetteer, boundaries: boundaries, options: options).build()
        _ = try MapDrawer.render(model, format: .png)
        placed = model.layout.elements.filter { $0.kind == .label }.count
    }
    report("render: 1,000 labelled markers, PNG", String(format: "%.0f ms", time * 1000), target: "≤ 300 ms")
    report("render: labels placed of 1,000 (rest dropped)", "\(placed)", target: "")
}

/// Times the phases of one render: building the model, drawing, encoding.
func benchmarkRenderPhases(_ analysis: Analysis, _ gazetteer: Gazetteer, _ boundaries: BoundarySet, label: String) throws {
    var options = MapOptions()
    options.width = 1600
    options.height = 1200
    var model: MapModel!
    let build = try best(3) { model = try MapBuilder(analysis: analysis, gazetteer: gazetteer, boundaries: boundaries, options: options).build() }
    let png = try best(3) { _ = try MapDrawer.render(model, format: .png) }
    let svg = try best(3) { _ = try MapDrawer.render(model, format: .svg) }
    report("render phases (\(label)): build model", String(format: "%.1f ms", build * 1000), target: "")
    report("render phases (\(label)): draw + encode PNG", String(format: "%.1f ms", png * 1000), target: "")
    report("render phases (\(label)): draw + write SVG", String(format: "%.1f ms", svg * 1000), target: "")
}

/// Times the relief (Gazetteer/basemap/relief.bin): opening the grid, and a 1600×1200 PNG built and
/// drawn with it and without it, for the Panjshir map and two regional views.
func benchmarkRelief(_ analysis: Analysis, _ gazetteer: Gazetteer, _ boundaries: BoundarySet, gazetteerPath: String) throws {
    let path = gazetteerPath + "/basemap/relief.bin"
    let open = try best(5) { _ = try ReliefGrid.load(from: path) }
    guard let grid = try ReliefGrid.load(from: path) else {
        report("relief: \(path)", "missing", target: "")
        return
    }
    report("relief: open the grid", String(format: "%.2f ms", open * 1000), target: "")
    let views: [(String, BoundingBox?)] = [
        ("Panjshir map", nil),
        ("Hindu Kush, 270 km", BoundingBox(south: 34.3, west: 68.5, north: 36.5, east: 71.5)),
        ("Horn of Africa, 2,000 km", BoundingBox(south: 2, west: 33, north: 16, east: 51)),
    ]
    for (label, box) in views {
        var options = MapOptions()
        options.width = 1600
        options.height = 1200
        options.boundingBox = box
        var shown = false
        let without = try best(9) {
            _ = try MapDrawer.render(try MapBuilder(analysis: analysis, gazetteer: gazetteer, boundaries: boundaries, options: options).build(), format: .png)
        }
        let with = try best(9) {
            let model = try MapBuilder(analysis: analysis, gazetteer: gazetteer, boundaries: boundaries, relief: grid, options: options).build()
            shown = model.layout.elements.contains { $0.kind == .attribution && ($0.text ?? "").contains("GMTED2010") }
            _ = try MapDrawer.render(model, format: .png)
        }
        report("relief: \(label), build + PNG", String(format: "%.0f ms (%.0f ms without)", with * 1000, without * 1000) + (shown ? "" : ", no relief at this scale"),
               target: "≤ +20 ms")
    }
}
