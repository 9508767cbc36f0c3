import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// Relief: hill shadows from GMTED2010 at 4′ (Gazetteer/basemap/relief.bin), drawn at regional
/// scales only, through real Cairo, on the real grid.
@Suite("Relief: hill shadows from GMTED2010")
struct ReliefTests {
    static let path = Fixtures.gazetteerPath + "/basemap/relief.bin"

    func grid() throws -> ReliefGrid {
        try #require(try ReliefGrid.load(from: Self.path), "no relief grid at \(Self.path)")
    }

    @Test("The grid reads known elevations: Everest's massif, the Dead Sea, Kabul, the Netherlands, the ocean")
    func knownPoints() throws {
        let g = try grid()
        #expect(g.width == 5400 && g.height == 2610 && abs(g.degreesPerCell - 1.0 / 15) < 1e-12)
        // 4′ cells are means over about 7 km: Everest's cell is far below its 8,849 m summit.
        let cases: [(String, Double, Double, ClosedRange<Int>)] = [
            ("Everest", 27.99, 86.93, 6000...8849),
            ("Dead Sea", 31.5, 35.5, -430 ... -300),
            ("Kabul", 34.53, 69.17, 1600...2100),
            ("Amsterdam", 52.37, 4.90, -10...30),
            ("Atlantic", 30.0, -40.0, -50...0),
            ("Sahara (Hoggar's foot)", 23.0, 10.0, 300...1200),
        ]
        for (name, lat, lon, range) in cases {
            let z = try #require(g.elevation(latitude: lat, longitude: lon), "no cell at \(name)")
            #expect(range.contains(z), "\(name): \(z) m, expected \(range)")
        }
        // Columns wrap round the world; rows stop at the grid's edges (84° N, 90° S).
        #expect(g.elevation(latitude: 27.99, longitude: 86.93 + 360) == g.elevation(latitude: 27.99, longitude: 86.93))
        #expect(g.elevation(latitude: 85, longitude: 0) == nil)
        // A window across tile corners (70° E, 34° N, in the Hindu Kush) is the cells one by one.
        let c0 = 3745, r0 = 745  // 5 cells west and north of the corner at column 3750, row 750
        let window = try #require(g.window(columns: c0..<(c0 + 8), rows: r0..<(r0 + 8)))
        for r in 0..<8 {
            for c in 0..<8 {
                let lat = g.north - (Double(r0 + r) + 0.5) * g.degreesPerCell, lon = g.west + (Double(c0 + c) + 0.5) * g.degreesPerCell
                #expect(g.elevation(latitude: lat, longitude: lon) == Int(window.metres[r * 8 + c]))
            }
        }
    }

    /// A map of `box` with the relief grid, and how much the relief darkens it at sample points
    /// off the furniture: the same model drawn with and without its shadows.
    func darkening(_ text: String, _ box: BoundingBox) throws -> (model: MapModel, samples: [(Coordinate, Double)]) {
        var options = MapOptions()
        options.width = 1200
        options.height = 900
        options.boundingBox = box
        let analysis = Fixtures.analyze([(id: "r", text: text)])
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries,
                                   relief: try grid(), options: options).build()
        var flat = model
        flat.relief = nil
        let shaded = try DecodedPNG(try MapDrawer.render(model, format: .png))
        let plain = try DecodedPNG(try MapDrawer.render(flat, format: .png))
        func lum(_ c: RGBA) -> Double { 0.299 * c.r + 0.587 * c.g + 0.114 * c.b }
        var samples: [(Coordinate, Double)] = []
        for y in stride(from: 20, to: 880, by: 12) {
            for x in stride(from: 20, to: 1180, by: 12) {
                let p = Point(x: Double(x), y: Double(y))
                guard !model.furniture.contains(where: { $0.insetBy(-4).contains(Rect(x: p.x, y: p.y, width: 0, height: 0)) }) else { continue }
                samples.append((model.coordinate(at: p), lum(plain.color(x: x, y: y)) - lum(shaded.color(x: x, y: y))))
            }
        }
        return (model, samples)
    }

    @Test("Over the Hindu Kush, slopes facing south-east (away from the light) are shaded; over the Netherlands nothing is")
    func mountainsAndPlains() throws {
        let g = try grid()
        let (mountains, hk) = try darkening("Fighting in Bazarak and Charikar, and near Kabul.",
                                            BoundingBox(south: 34.3, west: 68.5, north: 36.5, east: 71.5))
        #expect(mountains.showsRelief && mountains.relief != nil)
        #expect(mountains.attribution.contains("Relief: GMTED2010"))
        // Classify each sample by the grid: which way the ground falls over ±0.1°.
        var awayFromLight: [Double] = [], towardsLight: [Double] = []
        for (c, dark) in hk {
            guard let nw = g.elevation(latitude: c.latitude + 0.1, longitude: c.longitude - 0.1),
                  let se = g.elevation(latitude: c.latitude - 0.1, longitude: c.longitude + 0.1) else { continue }
            if nw - se > 400 { awayFromLight.append(dark) }
            if se - nw > 400 { towardsLight.append(dark) }
        }
        let mean = { (xs: [Double]) in xs.reduce(0, +) / Double(max(xs.count, 1)) }
        #expect(awayFromLight.count > 50 && towardsLight.count > 50, "\(awayFromLight.count) and \(towardsLight.count) samples")
        #expect(mean(awayFromLight) > 0.025, "slopes facing south-east darkened by \(mean(awayFromLight)) on average")
        #expect(mean(towardsLight) < 0.01, "slopes facing north-west darkened by \(mean(towardsLight)) on average")
        // Quiet: no pixel darker than the theme's strongest shadow allows.
        #expect((hk.map(\.1).max() ?? 0) < 0.25)

        let (plains, nl) = try darkening("Protests in Utrecht, Amsterdam and Zwolle.",
                                         BoundingBox(south: 51.8, west: 4.0, north: 53.3, east: 6.6))
        #expect(plains.showsRelief)  // relief is drawn there: it is just flat
        let nlDark = nl.map(\.1)
        #expect(mean(nlDark) < 0.002 && (nlDark.max() ?? 0) < 0.03, "the Netherlands darkened by \(mean(nlDark)) on average, \(nlDark.max() ?? 0) at most")
        #expect(mean(awayFromLight) > 10 * max(mean(nlDark), 0.001))
    }

    @Test("No relief at a 30 km view: 7 km cells would show terrain the data does not have")
    func notAtLocalScale() throws {
        let (model, samples) = try darkening("Fighting in Bazarak.", BoundingBox(south: 35.20, west: 69.35, north: 35.44, east: 69.68))
        #expect(MapBuilder.viewKilometres(model) < 80)
        #expect(!model.showsRelief && model.relief == nil)
        #expect(!model.attribution.contains("GMTED2010"))
        #expect(samples.allSatisfy { $0.1 == 0 })
    }

    @Test("The print theme draws no relief")
    func printTheme() throws {
        var options = MapOptions()
        options.theme = .print
        options.boundingBox = BoundingBox(south: 34.3, west: 68.5, north: 36.5, east: 71.5)
        let model = try MapBuilder(analysis: Fixtures.analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries,
                                   relief: try grid(), options: options).build()
        #expect(!model.showsRelief && model.relief == nil && !model.attribution.contains("GMTED2010"))
    }

    @Test("Without a relief file the map draws as before; a file that is not a grid is an error")
    func missingFile() throws {
        let dir = try Fixtures.temporaryFolder("relief")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try ReliefGrid.load(from: dir + "/relief.bin") == nil)
        var options = MapOptions()
        options.boundingBox = BoundingBox(south: 34.3, west: 68.5, north: 36.5, east: 71.5)
        let model = try MapBuilder(analysis: Fixtures.analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries,
                                   relief: nil, options: options).build()
        #expect(!model.showsRelief && model.relief == nil && !model.attribution.contains("GMTED2010"))
        let png = try MapDrawer.render(model, format: .png)
        #expect(try DecodedPNG(png).width == 1600)

        try Data("CMRELIEF but not much else".utf8).write(to: URL(fileURLWithPath: dir + "/bad.bin"))
        #expect(throws: RendererError.self) { try ReliefGrid.load(from: dir + "/bad.bin") }
    }

    @Test("A view across the antimeridian (Fiji) gets relief from both ends of the grid")
    func antimeridian() throws {
        let (model, samples) = try darkening("Floods in Suva and Labasa, Fiji.", BoundingBox(south: -19.5, west: 176.5, north: -15.5, east: 181.0))
        #expect(model.showsRelief && model.relief != nil)
        #expect(samples.contains { $0.1 > 0.005 }, "darkest \(samples.map(\.1).max() ?? 0)")
        // A window across the grid's east edge is its last columns, then its first (Fiji's row).
        let g = try grid()
        let row = Int((g.north + 16.8) / g.degreesPerCell)
        let across = try #require(g.window(columns: (g.width - 5)..<(g.width + 5), rows: row..<(row + 1)))
        let west = try #require(g.window(columns: (g.width - 5)..<g.width, rows: row..<(row + 1)))
        let east = try #require(g.window(columns: 0..<5, rows: row..<(row + 1)))
        #expect(across.metres == west.metres + east.metres)
        #expect(across.metres.contains { $0 > 0 })  // Taveuni, astride 180°
    }

    @Test("In SVG and PDF the relief is one embedded image")
    func vectorFormats() throws {
        var options = MapOptions()
        options.boundingBox = BoundingBox(south: 34.3, west: 68.5, north: 36.5, east: 71.5)
        let model = try MapBuilder(analysis: Fixtures.analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries,
                                   relief: try grid(), options: options).build()
        var flat = model
        flat.relief = nil
        let svg = try MapDrawer.render(model, format: .svg), plainSVG = try MapDrawer.render(flat, format: .svg)
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.components(separatedBy: "<image").count - 1 == 1)
        #expect(svg.count - plainSVG.count < 1_000_000, "the relief adds \(svg.count - plainSVG.count) bytes to the SVG")
        let pdf = try MapDrawer.render(model, format: .pdf), plainPDF = try MapDrawer.render(flat, format: .pdf)
        #expect(pdf.count > plainPDF.count && pdf.count - plainPDF.count < 1_000_000)
    }
}
