@testable import Aggregator
import CCairo
import CPangoCairo
import Foundation
import FoundationXML
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// A PNG decoded by Cairo, with access to its pixels.
struct DecodedPNG {
    let width: Int
    let height: Int
    private let pixels: [UInt32]

    init(_ data: Data) throws {
        final class Reader { var data: Data; var offset = 0; init(_ d: Data) { data = d } }
        let reader = Reader(data)
        let read: cairo_read_func_t = { closure, buffer, length in
            let r = Unmanaged<Reader>.fromOpaque(closure!).takeUnretainedValue()
            guard r.offset + Int(length) <= r.data.count else { return CAIRO_STATUS_READ_ERROR }
            r.data.copyBytes(to: buffer!, from: r.offset..<(r.offset + Int(length)))
            r.offset += Int(length)
            return CAIRO_STATUS_SUCCESS
        }
        let surface = cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(reader).toOpaque())
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else { throw RendererError(reason: "PNG did not decode") }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let base = cairo_image_surface_get_data(surface)!.withMemoryRebound(to: UInt32.self, capacity: stride * height) { $0 }
        var out = [UInt32](repeating: 0, count: width * height)
        for y in 0..<height { for x in 0..<width { out[y * width + x] = base[y * stride + x] } }
        pixels = out
    }

    /// The colour at a pixel, components 0–1 (opaque pixels, so premultiplication does not matter).
    func color(x: Int, y: Int) -> RGBA {
        let v = pixels[y * width + x]
        return RGBA(r: Double((v >> 16) & 0xFF) / 255, g: Double((v >> 8) & 0xFF) / 255, b: Double(v & 0xFF) / 255,
                    a: Double(v >> 24) / 255)
    }
}

func close(_ a: RGBA, _ b: RGBA, tolerance: Double = 0.05) -> Bool {
    abs(a.r - b.r) <= tolerance && abs(a.g - b.g) <= tolerance && abs(a.b - b.b) <= tolerance
}

func exampleModel(width: Double = 1600, height: Double = 1200, bilingual: Bool = false) throws -> MapModel {
    var options = MapOptions()
    options.width = width
    options.height = height
    options.bilingual = bilingual
    return try MapBuilder(analysis: Fixtures.analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
}

@Suite("Drawing through Cairo")
struct FileTests {
    @Test("The PNG decodes at the requested size, and Kabul's marker colour is at Kabul's projected pixel")
    func png() throws {
        let model = try exampleModel(width: 1200, height: 900)
        let image = try DecodedPNG(try MapDrawer.render(model, format: .png))
        #expect(image.width == 1200 && image.height == 900)
        let kabul = try #require(Fixtures.gazetteer.place(id: "af/kabul/kabul/kabul"))
        let p = model.point(for: kabul.coordinate)
        #expect(p.x > 0 && p.x < 1200 && p.y > 0 && p.y < 900)
        let theme = model.theme
        let markerOverLand = RGBA(r: theme.marker.r * 0.88 + theme.focusLand.r * 0.12, g: theme.marker.g * 0.88 + theme.focusLand.g * 0.12,
                                  b: theme.marker.b * 0.88 + theme.focusLand.b * 0.12)
        let seen = image.color(x: Int(p.x), y: Int(p.y))
        #expect(close(seen, markerOverLand), "pixel at Kabul is \(seen.hex), expected \(markerOverLand.hex)")
        // Far from any marker the land colour shows, not the marker colour.
        let corner = image.color(x: 600, y: 870)
        #expect(!close(corner, markerOverLand))
    }

    @Test("--scale 2 doubles the PNG's pixels")
    func hiDPI() throws {
        let model = try exampleModel(width: 400, height: 300)
        let image = try DecodedPNG(try MapDrawer.render(model, format: .png, scale: 2))
        #expect(image.width == 800 && image.height == 600)
    }

    @Test("The SVG parses as XML with the requested size, and rsvg-convert reads it")
    func svg() throws {
        let model = try exampleModel(width: 1000, height: 750)
        let data = try MapDrawer.render(model, format: .svg)
        final class Root: NSObject, XMLParserDelegate {
            var name: String?
            var attributes: [String: String] = [:]
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String]) {
                if name == nil { name = e; attributes = a }
            }
        }
        let root = Root()
        let parser = XMLParser(data: data)
        parser.delegate = root
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(root.name == "svg")
        #expect(root.attributes["width"] == "1000pt" && root.attributes["height"] == "750pt")
        let dir = try Fixtures.temporaryFolder("svg")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/map.svg"))
        let result = try Fixtures.run("rsvg-convert", ["--dpi-x", "72", "--dpi-y", "72", "-o", dir + "/map.png", dir + "/map.svg"])
        #expect(result.status == 0, "rsvg-convert: \(result.output)")
        let image = try DecodedPNG(try Data(contentsOf: URL(fileURLWithPath: dir + "/map.png")))
        #expect(image.width == 1000 && image.height == 750)
    }

    @Test("The PDF has one page of the requested size, as pdfinfo reads it")
    func pdf() throws {
        let model = try exampleModel(width: 842, height: 595)
        let data = try MapDrawer.render(model, format: .pdf)
        #expect(data.starts(with: Data("%PDF-".utf8)))
        let dir = try Fixtures.temporaryFolder("pdf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/map.pdf"))
        let info = try Fixtures.run("pdfinfo", [dir + "/map.pdf"])
        #expect(info.status == 0, "pdfinfo: \(info.output)")
        let fields = Dictionary(info.output.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }, uniquingKeysWith: { a, _ in a })
        #expect(fields["Pages"] == "1")
        #expect(fields["Page size"]?.hasPrefix("842 x 595 pts") == true, "\(info.output)")
    }

    @Test("An unwritable output is refused and nothing is left behind")
    func unwritable() throws {
        let dir = try Fixtures.temporaryFolder("ro")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/file", contents: Data("x".utf8))
        #expect(throws: GeoError.self) { try AtomicFile.write(Data("png".utf8), to: dir + "/file/map.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"])
    }
}

@Suite("Text through Pango")
struct TextTests {
    @Test("پنجشیر is shaped: right to left, with joined letters narrower than the same letters kept apart")
    func dariShaping() throws {
        let context = try CairoContext(try CairoSurface(imageWidth: 10, height: 10))
        let joined = TextLayout(context: context, text: "پنجشیر", font: "DejaVu Sans", pixelSize: 40)
        #expect(joined.isRightToLeft)
        // Zero-width non-joiners between letters force the isolated forms.
        let apart = TextLayout(context: context, text: "پ\u{200C}ن\u{200C}ج\u{200C}ش\u{200C}ی\u{200C}ر", font: "DejaVu Sans", pixelSize: 40)
        #expect(joined.logicalRect.width < apart.logicalRect.width * 0.9,
                "joined \(joined.logicalRect.width) px, apart \(apart.logicalRect.width) px")
        // The first letter in reading order (پ) is drawn at the right-hand end.
        var first = PangoRectangle()
        pango_layout_index_to_pos(joined.pointer, 0, &first)
        #expect(Double(first.x) / Double(PANGO_SCALE) > joined.logicalRect.width / 2)
    }
}

@Suite("Map layout")
struct LayoutTests {
    @Test("No label overlaps another label, a marker or the furniture, and everything is inside the canvas")
    func noOverlaps() throws {
        let layout = try exampleModel().layout
        let canvas = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        let labels = layout.elements.filter { $0.kind == .label }
        #expect(labels.count >= 8)
        let furniture = layout.elements.filter { [.legend, .scalebar, .inset, .title, .northarrow, .attribution].contains($0.kind) }
        #expect(Set(furniture.map(\.kind)).count == 6)
        for e in layout.elements where e.kind != .area {
            #expect(canvas.contains(e.rect), "\(e.kind) \(e.text ?? "") is outside the canvas")
        }
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] { #expect(!a.rect.intersects(b.rect), "labels \(a.text!) and \(b.text!) overlap") }
            for m in layout.elements where m.kind == .marker { #expect(!a.rect.intersects(m.rect), "label \(a.text!) covers marker \(m.text!)") }
            for f in furniture { #expect(!a.rect.intersects(f.rect), "label \(a.text!) covers the \(f.kind)") }
        }
    }

    @Test("The subtitle gives the reports' date range, or says that they are undated")
    func subtitleDates() throws {
        #expect(try exampleModel().subtitle.hasPrefix("5 reports (undated), 3 independent sources"))
        var reports = Fixtures.reports
        for i in reports.indices { reports[i].date = i < 2 ? "2021-09-03" : "2021-09-05" }
        let dated = Analyzer(gazetteer: Fixtures.gazetteer).analyze(reports)
        let model = try MapBuilder(analysis: dated, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: MapOptions()).build()
        #expect(model.subtitle.hasPrefix("5 reports of 3–5 September 2021, 3 independent sources"))
        #expect(MapBuilder.readableRange("2024-11-27", "2024-12-08") == "27 November – 8 December 2024")
        #expect(MapBuilder.readableRange("2023-12-30", "2024-01-02") == "30 December 2023 – 2 January 2024")
        #expect(MapBuilder.readableRange("2024-12-08", "2024-12-08") == "8 December 2024")
        #expect(MapBuilder.readableRange("2024-12", "2024-12-08") == "2024-12 – 8 December 2024")
        #expect(model.layout.elements.contains { $0.kind == .title && ($0.text ?? "").contains(model.title) })
    }

    @Test("A place named far from every claimed one is left off the map and named in the attribution, not zoomed out to")
    func farPlacesOffMap() throws {
        let text = """
            Russian troops advanced on Pokrovsk on Thursday and captured the village of Novohrodivka, Russia's Defense Ministry said. \
            Washington is expected to announce new aid next week, officials in Brussels and London said.
            """
        let analysis = Analyzer(gazetteer: Fixtures.gazetteer, actors: Fixtures.actors).analyze([Report(id: "ap", path: "ap", title: "", text: text, date: "2024-02-17")])
        #expect(analysis.places.contains { $0.id == "us/district-of-columbia/washington" })
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: MapOptions()).build()
        let off = Set(model.offMap.map(\.place))
        #expect(off.isSuperset(of: ["us/district-of-columbia/washington", "be/brussels/brussels", "gb/westminster/london"]), "\(off)")
        #expect(model.markers.contains { $0.placeID == "ua/donetsk/pokrovsk" } && model.markers.contains { $0.placeID == "ua/donetsk/novohrodivka" })
        #expect(!model.markers.contains { off.contains($0.placeID) })
        #expect(model.attribution.hasPrefix("Also named, off the map: "))
        #expect(model.layout.offMap.count == off.count)
        // Off the map is not "no free space": they are not reported again as dropped labels.
        #expect(!model.dropped.contains { off.contains($0.place) }, "\(model.dropped)")
        // The map is about the fighting: its scale bar is tens of kilometres, not thousands.
        #expect(model.scaleBar.kilometres <= 200, "\(model.scaleBar.kilometres) km")
        let canvas = Rect(x: 0, y: 0, width: model.width, height: model.height)
        #expect(model.markers.allSatisfy { canvas.contains(Rect(x: $0.center.x, y: $0.center.y, width: 0, height: 0)) })
    }

    @Test("On a crowded map, labels with no free space are dropped and reported, never drawn over something")
    func droppedLabels() throws {
        // The 300 towns nearest Kabul, each named once, on a small canvas.
        let g = Fixtures.gazetteer
        let kabul = try #require(g.place(id: "af/kabul/kabul/kabul")).coordinate
        let towns = g.places.filter { $0.precision == .town }
            .sorted { Geodesy.greatCircleDistance($0.coordinate, kabul) < Geodesy.greatCircleDistance($1.coordinate, kabul) }
            .prefix(300)
        var analysis = Fixtures.analysis
        analysis.places = towns.map {
            PlaceSummary(id: $0.id, name: $0.name, kind: $0.kind, latitude: $0.coordinate.latitude, longitude: $0.coordinate.longitude,
                         precision: .town, mentions: 1, documents: 1, sources: 1, control: .none)
        }
        var options = MapOptions()
        options.width = 800
        options.height = 600
        let model = try MapBuilder(analysis: analysis, gazetteer: g, boundaries: Fixtures.boundaries, options: options).build()
        let placed = Set(model.labels.map(\.placeID))
        let dropped = Set(model.dropped.map(\.place))
        #expect(dropped.count > 50)
        #expect(placed.count > 30)
        #expect(placed.isDisjoint(with: dropped))
        #expect(placed.union(dropped) == Set(towns.map(\.id)))
        let labels = model.layout.elements.filter { $0.kind == .label }
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] { #expect(!a.rect.intersects(b.rect), "labels \(a.text!) and \(b.text!) overlap") }
        }
    }

    @Test("The scale bar's length matches the geodesic distance between its ends within 1%")
    func scaleBar() throws {
        for (w, h) in [(1600.0, 1200.0), (800.0, 600.0)] {
            let model = try exampleModel(width: w, height: h)
            let bar = model.scaleBar
            let end = Point(x: bar.start.x + bar.lengthPixels, y: bar.start.y)
            let km = Geodesy.distance(model.coordinate(at: bar.start), model.coordinate(at: end)) / 1000
            #expect(abs(km / bar.kilometres - 1) < 0.01, "bar says \(bar.text), ends are \(km) km apart")
            #expect(bar.text.hasSuffix("km"))
        }
    }
}
