import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// The extent a map is fitted to and the context that lets a reader place it (the cartography
/// issue, "An extent that holds"): a stray place far from the rest never sets the extent, a
/// one-town map shows 100–200 km with the towns around it named in grey, and the countries in
/// view are named.
@Suite("Extent and context")
struct ExtentContextTests {
    let g = Fixtures.gazetteer

    func model(_ text: String, width: Double = 1600, height: Double = 1200) throws -> MapModel {
        let analysis = Fixtures.analyze([(id: "r", text: text)])
        var options = MapOptions()
        options.width = width
        options.height = height
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        return try MapBuilder(analysis: analysis, gazetteer: g, boundaries: Fixtures.boundaries, lines: lines, options: options).build()
    }

    /// The map's width and height in kilometres, across its middle.
    func spanKm(_ m: MapModel) -> (width: Double, height: Double) {
        let w = Geodesy.distance(m.coordinate(at: Point(x: 0, y: m.height / 2)), m.coordinate(at: Point(x: m.width, y: m.height / 2)))
        let h = Geodesy.distance(m.coordinate(at: Point(x: m.width / 2, y: 0)), m.coordinate(at: Point(x: m.width / 2, y: m.height)))
        return (w / 1000, h / 1000)
    }

    @Test("A one-town map shows 100–200 km, with at least five context places (towns, provinces, countries) named in grey", arguments: [
        "Heavy fighting was reported in Kupiansk on Tuesday.",
        "The army said it had repelled an attack on El Fasher.",
        "Rebels entered Lashio after a week of fighting.",
    ])
    func oneTown(text: String) throws {
        let m = try model(text)
        #expect(m.markers.count == 1, "\(m.markers.map(\.name))")
        let span = spanKm(m)
        #expect(min(span.width, span.height) >= 100 && min(span.width, span.height) <= 200, "span \(span)")
        let towns = m.contextPlaces.filter { $0.dot != nil }
        #expect(m.contextPlaces.count >= 5 && towns.count >= 2, "context: \(m.contextPlaces.map(\.name))")
        let layout = m.layout
        let context = layout.elements.filter { $0.kind == .contextLabel }
        #expect(context.count == m.contextPlaces.count)
        // None is a place the report names, none lies under furniture or crosses the canvas edge.
        let named = Set(m.markers.map(\.placeID))
        let canvas = Rect(x: 0, y: 0, width: m.width, height: m.height)
        for c in m.contextPlaces {
            #expect(!named.contains(c.placeID))
            #expect(canvas.contains(c.label), "\(c.name) crosses the edge")
            for f in m.furniture { #expect(!f.intersects(c.label), "\(c.name) under furniture") }
            if let dot = c.dot { for f in m.furniture { #expect(!f.intersects(dot)) } }
            for marker in m.markers { #expect(!marker.bounds.intersects(c.label), "\(c.name) over \(marker.name)") }
        }
    }

    @Test("The countries in view are named: Rwanda and Uganda on a map of Goma")
    func countriesNamed() throws {
        let m = try model("M23 rebels entered Goma on Monday, witnesses said.")
        let names = Set(m.layout.elements.filter { $0.kind == .contextLabel }.compactMap(\.text))
        #expect(names.contains("RWANDA"), "\(names.sorted())")
        #expect(names.contains("DEMOCRATIC REPUBLIC OF THE CONGO") || names.contains("DR CONGO") || names.contains { $0.contains("CONGO") })
    }

    @Test("A stray place on another continent never sets the extent; it is named as off the map")
    func strayPlace() throws {
        let text = """
            Russian forces attacked Sumy and Kharkiv overnight, and shelling hit Kupiansk and Izium. \
            Fighting continued near Pokrovsk and Kramatorsk. A delegation later flew to Vladivostok.
            """
        let m = try model(text)
        let span = spanKm(m)
        #expect(span.width < 1500, "the map spans \(span.width) km")
        #expect(m.offMap.contains { $0.text.contains("Vladivostok") }, "\(m.offMap.map(\.text))")
        #expect(m.markers.contains { $0.name == "Kharkiv" })
    }

    @Test("Two places far apart, with nothing to say which matters, both stay on the map")
    func twoPlaces() throws {
        let m = try model("Officials in Kyiv and in Washington discussed the war.")
        #expect(m.offMap.isEmpty, "\(m.offMap.map(\.text))")
    }

    @Test("The groups of a theatre: the heaviest, and those nearly as heavy, are kept")
    func clustering() {
        func p(_ id: String, _ lat: Double, _ lon: Double, mentions: Int) -> PlaceSummary {
            PlaceSummary(id: id, name: id, kind: .town, latitude: lat, longitude: lon, precision: .town, mentions: mentions, documents: 1, sources: 1)
        }
        let ukraine = [p("a", 49.9, 36.2, mentions: 4), p("b", 48.3, 37.2, mentions: 3), p("c", 50.9, 34.8, mentions: 2)]
        let stray = p("z", 43.1, 131.9, mentions: 1)
        #expect(Set(MapBuilder.clustered(ukraine + [stray], claimed: []).map(\.id)) == ["a", "b", "c"])
        // A claim weighs three times its mentions, but one claimed stray is still outweighed.
        #expect(Set(MapBuilder.clustered(ukraine + [stray], claimed: ["z"]).map(\.id)) == ["a", "b", "c"])
        // Two groups of like weight: both kept.
        let far = [p("x", 38.9, -77.0, mentions: 4), p("y", 40.7, -74.0, mentions: 4)]
        #expect(MapBuilder.clustered(ukraine + far, claimed: []).count == 5)
        // Two places: one named once beside one named many times is left out; two alike both stay.
        let lalibela = p("l", 12.03, 39.04, mentions: 15), pretoria = p("t", -25.7, 28.2, mentions: 1)
        #expect(MapBuilder.clustered([lalibela, pretoria], claimed: ["l", "t"]).map(\.id) == ["l"])
        #expect(MapBuilder.clustered([p("k", 50.45, 30.52, mentions: 1), p("w", 38.9, -77.0, mentions: 1)], claimed: []).count == 2)
    }
}

/// Honest precision: a province whose claims are all about part of it is marked at its point, not
/// shaded as a whole.
@Suite("Claims about part of a province")
struct PartialAreaTests {
    @Test("'captured swathes of territory in North Kivu': North Kivu's outline is not shaded; a marker carries the claim")
    func partOfProvince() throws {
        let text = "M23 rebels have captured swathes of territory in North Kivu province, residents said."
        let analysis = Fixtures.analyze([(id: "r", text: text)], date: "2025-01-20")
        let kivu = try #require(analysis.places.first { $0.name.contains("Kivu") && $0.precision == .province })
        let claims = analysis.claims.filter { $0.place == kivu.id && !$0.denied }
        #expect(!claims.isEmpty && claims.allSatisfy(\.partial), "\(claims.map { "\($0.action) \($0.partial)" })")
        var options = MapOptions()
        options.width = 1200
        options.height = 900
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
        let area = try #require(model.areas.first { $0.placeID == kivu.id })
        #expect(area.control == .none)
        let marker = try #require(model.markers.first { $0.placeID == kivu.id })
        #expect(marker.control != .none)
        #expect(model.legend.rows.contains { $0.text == "Province or district; shaded only for claims on all of it" })
    }

    @Test("A claim about the whole province still shades it")
    func wholeProvince() throws {
        let analysis = Fixtures.analyze([(id: "r", text: "M23 rebels captured North Kivu province, residents said.")], date: "2025-01-20")
        let kivu = try #require(analysis.places.first { $0.name.contains("Kivu") && $0.precision == .province })
        var options = MapOptions()
        options.width = 1200
        options.height = 900
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
        #expect(model.areas.first { $0.placeID == kivu.id }?.control != ControlMark.none)
        #expect(!model.markers.contains { $0.placeID == kivu.id })
    }
}
