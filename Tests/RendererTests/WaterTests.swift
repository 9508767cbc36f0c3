import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// Water bodies as places (Gazetteer/water.geojson: kinds `lake` and `sea`) and lakes drawn as
/// water (Gazetteer/basemap/lakes.geojson).
@Suite("Water: lakes and seas")
struct WaterTests {
    let g = Fixtures.gazetteer

    @Test("Lakes, reservoirs and seas resolve by their full names")
    func fullNames() throws {
        let expected: [(String, String, PlaceKind)] = [
            ("Lake Kivu", "lake-kivu", .lake),
            ("Black Sea", "black-sea", .sea),
            ("Sea of Azov", "sea-of-azov", .sea),
            ("Kakhovka Reservoir", "ua/kakhovka-reservoir", .lake),
            ("Lake Victoria", "lake-victoria", .lake),
            ("Strait of Hormuz", "strait-of-hormuz", .sea),
            ("Bab al-Mandab", "bab-el-mandeb", .sea),
            ("Atlantic Ocean", "atlantic-ocean", .sea),
        ]
        for (name, id, kind) in expected {
            let got = g.resolve(name)
            #expect(got?.id == id, "\(name) → \(got?.id ?? "nothing"), expected \(id)")
            #expect(got?.kind == kind)
        }
        // A lake inside one country hangs under it; one on a border stands alone, as seas do.
        #expect(g.place(id: "ua/kakhovka-reservoir")?.parent == "ua")
        #expect(g.place(id: "lake-kivu")?.parent == nil && g.place(id: "lake-kivu")?.country == nil)
        // The point of a lake lies in the lake: Lake Kivu's between Goma and Bukavu.
        let kivu = try #require(g.place(id: "lake-kivu"))
        #expect(kivu.coordinate.latitude > -2.5 && kivu.coordinate.latitude < -1.6)
        #expect(kivu.coordinate.longitude > 28.8 && kivu.coordinate.longitude < 29.4)
    }

    @Test("The Red Sea is a candidate for 'Red Sea' (Sudan's and Egypt's Red Sea states are too)")
    func redSea() {
        let candidates = g.candidates(for: "Red Sea")
        #expect(candidates.contains { $0.id == "red-sea" && $0.kind == .sea })
        // The sea (prior 0.9, like a world region) outranks Sudan's Red Sea state (0.8), which
        // the text must call a state.
        #expect(g.resolve("Red Sea")?.id == "red-sea")
        #expect(g.resolve("Red Sea", context: ResolutionContext(kindWord: "state"))?.id.hasPrefix("sd/") == true)
    }

    @Test("A bare word is never water: Victoria, Chad, Kivu, Black, Red")
    func bareWords() {
        for name in ["Victoria", "Chad", "Kivu", "Black", "Red", "Azov", "Atlantic", "Gulf"] {
            for c in g.candidates(for: name) {
                #expect(c.kind != .lake && c.kind != .sea, "\(name) → \(c.id) (\(c.kind))")
            }
        }
    }

    @Test("The kind words of water: 'lake', 'reservoir', 'sea', 'gulf', 'strait'")
    func kindWords() {
        #expect(PlaceKind.lake.kindWords.contains("lake") && PlaceKind.lake.kindWords.contains("reservoir"))
        for w in ["sea", "ocean", "gulf", "strait", "bay"] { #expect(PlaceKind.sea.kindWords.contains(w)) }
        #expect(PlaceKind.lake.precision == .district && PlaceKind.sea.precision == .province)
    }

    @Test("In running text, 'Lake Kivu' and 'the Black Sea' are water; 'in Victoria' is not a lake")
    func inText() {
        let a = Fixtures.analyze([(id: "r", text: """
            M23 fighters advanced from Sake towards Goma on the northern shore of Lake Kivu. Boats crossed \
            Lake Kivu to Bukavu. Grain ships left Odesa for the Black Sea. Officials in Victoria said nothing.
            """)])
        let places = a.mentions.filter(\.isPlace)
        #expect(places.contains { $0.surface == "Lake Kivu" && $0.place == "lake-kivu" })
        #expect(places.contains { $0.surface == "Black Sea" && $0.place == "black-sea" })
        #expect(!places.contains { $0.surface == "Victoria" && $0.place.contains("lake") })
    }

    /// A map of Goma and Bukavu, with Lake Kivu between them.
    func kivuModel(lakes: Bool) throws -> MapModel {
        let analysis = Fixtures.analyze([(id: "r", text: "Fighting near Goma and in Bukavu, DR Congo, and in Gisenyi, Rwanda.")])
        var options = MapOptions()
        options.width = 1200
        options.height = 900
        options.boundingBox = BoundingBox(south: -3.2, west: 28.3, north: -0.8, east: 30.2)
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = lakes ? try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near) : BaseMapLines()
        return try MapBuilder(analysis: analysis, gazetteer: g, boundaries: Fixtures.boundaries, lines: lines, options: options).build()
    }

    @Test("Lake Kivu is drawn as water: the sea's colour inside it, where without lakes Rwanda's land shows")
    func kivuIsWater() throws {
        // (29.23, -1.98): in the lake's Rwandan half, about 10 km from the shore and from the border.
        let inLake = Coordinate(latitude: -1.98, longitude: 29.23)
        let model = try kivuModel(lakes: true)
        #expect(!model.lakes.isEmpty)
        let image = try DecodedPNG(try MapDrawer.render(model, format: .png))
        let p = model.point(for: inLake)
        let seen = image.color(x: Int(p.x), y: Int(p.y))
        let theme = model.theme
        #expect(close(seen, theme.background, tolerance: 0.02), "pixel in Lake Kivu is \(seen.hex), expected water \(theme.background.hex)")
        #expect(!close(seen, theme.otherLand, tolerance: 0.02) && !close(seen, theme.focusLand, tolerance: 0.02))

        let dry = try kivuModel(lakes: false)
        let dryImage = try DecodedPNG(try MapDrawer.render(dry, format: .png))
        let q = dry.point(for: inLake)
        let land = dryImage.color(x: Int(q.x), y: Int(q.y))
        #expect(!close(land, theme.background, tolerance: 0.02), "without lakes the pixel is \(land.hex)")
    }
}
