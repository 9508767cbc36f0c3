import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer
import Testing
import TestSupport

/// Sizes and extents that once trapped inside the renderer, or ran for 75 s into 4 GB (robustness
/// issue): each is refused with a message, by the library and by the command line, before anything
/// is built.
@Suite("Map sizes and extents are checked, not trapped on")
struct MapLimitTests {
    func build(_ change: (inout MapOptions) -> Void) throws(RendererError) -> MapModel {
        var options = MapOptions()
        change(&options)
        return try MapBuilder(analysis: Fixtures.analysis, gazetteer: Fixtures.gazetteer, boundaries: BoundarySet([]), options: options).build()
    }

    @Test("The library refuses sizes that are not numbers, too large or too small", arguments: [
        (Double.nan, 1200.0), (.infinity, 1200), (3e9, 1200), (1600, 1e12), (-5, 1200), (100, 100),
    ])
    func sizes(_ size: (Double, Double)) {
        #expect(throws: RendererError.self) { try build { $0.width = size.0; $0.height = size.1 } }
    }

    @Test("The library refuses extents that are not numbers or narrower than 100 m")
    func extents() {
        let boxes = [
            BoundingBox(south: 0, west: 0, north: 1e-300, east: 1e-300),
            BoundingBox(south: 34.8, west: 69, north: 34.8000001, east: 69.0000001),
            BoundingBox(south: .nan, west: 69, north: 35, east: 70),
        ]
        for box in boxes {
            #expect(throws: RendererError.self) { try build { $0.boundingBox = box } }
        }
    }

    @Test("A PNG larger than Cairo can draw is refused before drawing; the same size as SVG is drawn")
    func pixelLimits() throws {
        let model = try build { $0.width = 14_000; $0.height = 9_000 }
        #expect(throws: RendererError.self) { try MapDrawer.render(model, format: .png, scale: 8) }
        #expect(throws: RendererError.self) { try MapDrawer.render(model, format: .png, scale: .nan) }
        let svg = try MapDrawer.render(model, format: .svg)
        #expect(String(decoding: svg.prefix(200), as: UTF8.self).contains("<svg"))
    }

    @Test("The narrowest allowed extent is drawn, with a scale bar in metres")
    func narrowestExtent() throws {
        let model = try build { $0.boundingBox = BoundingBox(south: 34.8, west: 69, north: 34.8011, east: 69.0011) }
        let png = try MapDrawer.render(model, format: .png)
        #expect(png.count > 1_000)
        #expect(model.layout.elements.contains { $0.kind == .scalebar && $0.text?.hasSuffix(" m") == true })
    }

    @Test("The command line refuses each reproduction with exit 64 and names the option", arguments: [
        (["--width", "nan"], "--width"), (["--width", "inf"], "--width"), (["--width", "3e9"], "--width"),
        (["--height", "1e12"], "--height"), (["--page", "infx500"], "--page"), (["--bbox", "0,0,1e-300,1e-300"], "--bbox"),
        (["--bbox", "69,34.8,69.0000001,34.8000001"], "--bbox"), (["--scale", "nan"], "--scale"),
        (["--scale", "8", "--width", "14000"], "--scale"),
    ])
    func commandLine(_ arguments: ([String], String)) throws {
        let dir = try Fixtures.temporaryFolder("limits")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/map.png"
        let (status, output) = try Fixtures.run(Fixtures.builtExecutable("conflictmap"), ["render"] + arguments.0 + ["--out", out])
        #expect(status == 64, "\(output.prefix(400))")
        #expect(output.contains(arguments.1))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
