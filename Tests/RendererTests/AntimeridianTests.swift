import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// Maps across the antimeridian (the cartography issue: "a projection and inset that are safe
/// across the antimeridian (Russia, Fiji)"): the extent goes the shorter way round, places on both
/// sides of 180° are on the map, and the inset shows the country, not a band round the world.
@Suite("Across the antimeridian")
struct AntimeridianTests {
    let g = Fixtures.gazetteer

    func model(_ text: String) throws -> MapModel {
        let analysis = Fixtures.analyze([(id: "r", text: text)])
        let options = MapOptions()
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        return try MapBuilder(analysis: analysis, gazetteer: g, boundaries: Fixtures.boundaries, lines: lines, options: options).build()
    }

    @Test("A box covers points the shorter way round, across 180° only when that is narrower")
    func shortestBox() throws {
        let suva = Coordinate(latitude: -18.14, longitude: 178.43), tonga = Coordinate(latitude: -21.14, longitude: -175.2)
        let across = try #require(BoundingBox(coveringShortest: [suva, tonga]))
        #expect(across.crossesAntimeridian)
        #expect(abs(across.west - 178.43) < 1e-9 && abs(across.east - 184.8) < 1e-9, "\(across)")
        #expect(across.contains(tonga) && across.contains(suva))
        #expect(!across.contains(Coordinate(latitude: -20, longitude: 0)))
        #expect(across.intersects(BoundingBox(south: -22, west: -176, north: -20, east: -174)))
        #expect(!across.intersects(BoundingBox(south: -22, west: 100, north: -20, east: 120)))
        // Elsewhere it is the ordinary box.
        let kabul = Coordinate(latitude: 34.5, longitude: 69.2), herat = Coordinate(latitude: 34.3, longitude: 62.2)
        #expect(BoundingBox(coveringShortest: [kabul, herat]) == BoundingBox(covering: [kabul, herat]))
        // Padding near 180° crosses it instead of stopping there.
        let near = BoundingBox(south: 60, west: 170, north: 66, east: 178).padded(by: 0, atLeast: 5)
        #expect(near.crossesAntimeridian && near.east == 183 && near.west == 165, "\(near)")
        let west = BoundingBox(south: 60, west: -179, north: 66, east: -170).padded(by: 0, atLeast: 5)
        #expect(west.crossesAntimeridian && west.west == 176 && west.east == 195, "\(west)")
    }

    @Test("Fiji and Tonga on one map: both on the canvas, a map some hundreds of kilometres wide, not the whole world")
    func fijiTonga() throws {
        let m = try model("The cyclone passed north of Suva on Monday and reached Nukualofa in Tonga on Tuesday; Labasa lost power.")
        let ids = Set(m.markers.map(\.placeID))
        #expect(ids.contains("fj/central/suva") && ids.contains { $0.hasPrefix("to/") }, "\(ids), off: \(m.offMap.map(\.text))")
        #expect(m.offMap.isEmpty, "\(m.offMap.map(\.text))")
        #expect(m.extent.crossesAntimeridian, "\(m.extent)")
        let km = Geodesy.distance(m.coordinate(at: Point(x: 0, y: m.height / 2)), m.coordinate(at: Point(x: m.width, y: m.height / 2))) / 1000
        #expect(km > 500 && km < 2500, "the map is \(km) km wide")
        // Land on both sides of 180° is drawn (Tonga's islands, east of it, and Fiji's, west).
        let canvas = Rect(x: 0, y: 0, width: m.width, height: m.height)
        for marker in m.markers { #expect(canvas.contains(marker.bounds), "\(marker.name) crosses the edge") }
        // Land is drawn on both sides of the meridian, on the canvas: Fiji's west of it, Tonga's east.
        let seam = m.point(for: Coordinate(latitude: -19, longitude: 180)).x
        let land = m.base.filter { $0.role == .focusCountry || $0.role == .otherCountry }.flatMap { $0.rings.flatMap { $0 } }
            .filter { canvas.contains(Rect(x: $0.x, y: $0.y, width: 0, height: 0)) }
        #expect(land.contains { $0.x < seam - 50 } && land.contains { $0.x > seam + 50 }, "seam at x \(seam)")
        try checkInset(m, minimumShare: 0.3)
    }

    @Test("--bbox west greater than east crosses the antimeridian, as RFC 7946 writes it")
    func crossingBox() throws {
        let box = try BoundingBox(parsing: "177,-22,-174,-15")
        #expect(box.west == 177 && box.east == 186 && box.crossesAntimeridian)
        try MapLimits.check(extent: box)
        var options = MapOptions()
        options.boundingBox = box
        let analysis = Fixtures.analyze([(id: "r", text: "The cyclone passed north of Suva on Monday and reached Nukualofa on Tuesday.")])
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        let m = try MapBuilder(analysis: analysis, gazetteer: g, boundaries: Fixtures.boundaries, lines: lines, options: options).build()
        #expect(m.offMap.isEmpty && m.markers.count >= 2, "\(m.markers.map(\.name)) off: \(m.offMap.map(\.text))")
        #expect(throws: GeoError.self) { try BoundingBox(parsing: "10,0,10,5") }
    }

    @Test("A map in Chukotka: Russia's inset shows Russia across the antimeridian, inside its frame")
    func russiaInset() throws {
        let m = try model("Storms cut off Anadyr and Pevek on Monday, officials said, and flights to Bilibino were cancelled.")
        #expect(m.markers.count >= 2, "\(m.markers.map(\.name))")
        let inset = try #require(m.inset)
        #expect(inset.countryName == "Russia")
        try checkInset(m, minimumShare: 0.5)
    }

    /// The inset's country lies inside its box and fills at least `minimumShare` of its width or
    /// height: a country across 180° is drawn whole, not as a sliver at each edge of the world.
    func checkInset(_ m: MapModel, minimumShare: Double) throws {
        let inset = try #require(m.inset)
        let points = inset.country.flatMap { $0 }
        #expect(!points.isEmpty)
        let minX = points.map(\.x).min() ?? 0, maxX = points.map(\.x).max() ?? 0
        let minY = points.map(\.y).min() ?? 0, maxY = points.map(\.y).max() ?? 0
        let box = inset.box
        #expect(minX >= box.x - 1 && maxX <= box.x + box.width + 1 && minY >= box.y - 1 && maxY <= box.y + box.height + 1,
                "country \(minX)…\(maxX) × \(minY)…\(maxY) outside the inset \(box)")
        #expect(max((maxX - minX) / box.width, (maxY - minY) / box.height) >= minimumShare,
                "the country fills \(Int((maxX - minX) / box.width * 100))% × \(Int((maxY - minY) / box.height * 100))% of the inset")
        #expect(inset.extent.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    }

    @Test("An inset holds the map's whole extent where the map reaches beyond its country, and only the country otherwise")
    func insetHoldsExtent() {
        let syria = BoundingBox(south: 32.3, west: 35.7, north: 37.3, east: 42.4)
        // A map of Syria's war that reaches into Turkey and Lebanon: the extent is outlined whole.
        let wider = BoundingBox(south: 32.0, west: 34.0, north: 38.5, east: 43.0)
        let area = MapBuilder.insetArea(country: syria, extent: wider)
        #expect(area.south <= 32.0 && area.west <= 34.0 && area.north >= 38.5 && area.east >= 43.0, "\(area)")
        // A map inside the country: the inset shows the country alone.
        let inside = BoundingBox(south: 35.0, west: 36.0, north: 36.5, east: 38.0)
        #expect(MapBuilder.insetArea(country: syria, extent: inside) == syria)
        // Fiji across the antimeridian and a map around Suva: the shorter way round, not the world.
        let fiji = BoundingBox(south: -21.0, west: 176.8, north: -12.4, east: 181.9)
        let suva = BoundingBox(south: -18.6, west: 177.8, north: -17.6, east: 178.8)
        #expect(MapBuilder.insetArea(country: fiji, extent: suva) == fiji)
        let beyond = BoundingBox(south: -22.0, west: 175.0, north: -11.0, east: 183.0)
        let both = MapBuilder.insetArea(country: fiji, extent: beyond)
        #expect(both.east - both.west < 20 && both.south <= -22.0 && both.north >= -11.0, "\(both)")
    }
}
