import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// How much of the canvas a map's data takes (cartography issue 13, "markers and labels span at
/// least 40% of the canvas in width or height"), measured in the layout JSON: the union box of the
/// markers, labels, callouts and areas, clipped to the canvas, as a fraction of the canvas's width
/// and height. Measured strictly, an area counts only when it lies wholly inside the canvas: a
/// province larger than the map fills the canvas whatever the zoom, and says nothing of how well
/// the places fill it.
enum DataSpan {
    static let dataKinds: Set<ElementKind> = [.marker, .label, .area, .callout]

    /// The union box of the data elements, clipped to the canvas, or `nil` when there are none.
    /// With `strict`, areas cut by the canvas's edge are left out.
    static func box(_ layout: MapLayout, strict: Bool = false) -> Rect? {
        let canvas = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        let boxes = layout.elements.filter { e in
            dataKinds.contains(e.kind) && !(strict && e.kind == .area && !canvas.contains(e.rect))
        }.map(\.rect)
        guard !boxes.isEmpty else { return nil }
        let x0 = max(0, boxes.map(\.x).min() ?? 0), y0 = max(0, boxes.map(\.y).min() ?? 0)
        let x1 = min(layout.width, boxes.map(\.maxX).max() ?? 0), y1 = min(layout.height, boxes.map(\.maxY).max() ?? 0)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// The data's span as fractions of the canvas's width and height (0 when nothing is drawn).
    static func fractions(_ layout: MapLayout, strict: Bool = false) -> (width: Double, height: Double) {
        guard let b = box(layout, strict: strict), layout.width > 0, layout.height > 0 else { return (0, 0) }
        return (b.width / layout.width, b.height / layout.height)
    }
}

@Suite("Data span: the places take a good part of the canvas")
struct DataSpanTests {
    static let wars = ["panjshir-2021", "syria-2024", "syria-2024-offensive", "myanmar-2024", "drcongo-2025", "ethiopia-2023"]
    /// The default canvas and the pages `render --page` offers (A4, A4 portrait, Letter), in points.
    static let pages: [(name: String, width: Double, height: Double)] = [
        ("1600x1200", 1600, 1200), ("A4", 842, 595), ("A4-portrait", 595, 842), ("Letter", 792, 612),
    ]

    static let analyses: [String: Analysis] = {
        var out: [String: Analysis] = [:]
        for war in wars {
            let reports = (try? ReportReader().read(paths: [Fixtures.root + "/Examples/" + war]).reports) ?? []
            out[war] = Fixtures.claimsAnalyzer.analyze(reports)
        }
        return out
    }()

    func model(_ war: String, width: Double, height: Double) throws -> MapModel {
        let analysis = try #require(Self.analyses[war])
        #expect(!analysis.places.isEmpty, "\(war) has no places")
        var options = MapOptions()
        options.width = width
        options.height = height
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        return try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, lines: lines,
                              options: options).build()
    }

    @Test("Every example, on every page: markers, labels, areas and callouts span at least 40% of the canvas in width or height; no marker under furniture; nothing past the edge",
          arguments: wars)
    func spansTheCanvas(war: String) throws {
        for page in Self.pages {
            let m = try model(war, width: page.width, height: page.height)
            let layout = m.layout
            let span = DataSpan.fractions(layout), strict = DataSpan.fractions(layout, strict: true)
            let figures = String(format: "%.2f × %.2f (strictly %.2f × %.2f)", span.width, span.height, strict.width, strict.height)
            print("data span \(war) \(page.name): \(figures)")
            #expect(max(span.width, span.height) >= 0.4, "\(war) \(page.name): the data spans \(figures) of the canvas")
            // A map of one town keeps its 100–200 km of context (ExtentContextTests), so its marker
            // and labels cannot fill the canvas; any other map's places do, measured strictly.
            if Set(m.markers.map(\.placeID)).count >= 2 {
                #expect(max(strict.width, strict.height) >= 0.4, "\(war) \(page.name): the places span \(figures) of the canvas")
            }
            for marker in m.markers {
                for f in m.furniture { #expect(!f.intersects(marker.bounds), "\(war) \(page.name): \(marker.name) under furniture \(f)") }
            }
            // Markers, labels, callouts and context labels stay inside the canvas (areas are cut by its edge).
            let canvas = Rect(x: -0.01, y: -0.01, width: layout.width + 0.02, height: layout.height + 0.02)  // (the JSON rounds to 0.01)
            let kept: Set<ElementKind> = [.marker, .label, .callout, .contextLabel]
            for e in layout.elements where kept.contains(e.kind) {
                #expect(canvas.contains(e.rect), "\(war) \(page.name): \(e.kind) \(e.text ?? "") crosses the canvas edge: \(e.rect)")
            }
        }
    }

    @Test("The measurement: the union of the data boxes, cut by the canvas, over the canvas's size")
    func measurement() throws {
        let m = try model("drcongo-2025", width: 1600, height: 1200)
        var layout = m.layout
        let markers = layout.elements.filter { $0.kind == .marker }
        #expect(!markers.isEmpty)
        let b = try #require(DataSpan.box(layout))
        for e in layout.elements where DataSpan.dataKinds.contains(e.kind) {
            #expect(b.x <= max(0, e.x) + 0.01 && b.maxX + 0.01 >= min(layout.width, e.rect.maxX))
        }
        // Only the data kinds count: furniture and context labels do not.
        layout.elements = layout.elements.filter { !DataSpan.dataKinds.contains($0.kind) }
        #expect(DataSpan.box(layout) == nil)
        let none = DataSpan.fractions(layout)
        #expect(none.width == 0 && none.height == 0)
    }
}
