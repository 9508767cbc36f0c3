import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// The legend shows each side's mark as the map draws it (issue 13, "The legend shows only what is
/// drawn"), and a side's shading is not left under the title block or the legend (issue 13, "Only
/// small furniture may sit over the frame, and only in corners that hold no data").
@Suite("Legend forms and shaded areas clear of furniture")
struct LegendAndAreaClearanceTests {
    /// The map of an example war, with the change marks since `since` when given, and its map's frame.
    func modelAndFrame(_ example: String, since: String? = nil) throws -> (MapModel, Rect) {
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/" + example]).reports
        let analysis = Fixtures.claimsAnalyzer.analyze(reports)
        var options = MapOptions()
        if let since { options.changes = analysis.changes(since: since) }
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let boundaries = try BoundarySet.load(from: Fixtures.gazetteerPath + "/boundaries", within: near)
        let builder = MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: boundaries, options: options)
        return (try builder.build(), builder.pageFrame(try builder.plan()).frame)
    }

    func model(_ example: String, since: String? = nil) throws -> MapModel { try modelAndFrame(example, since: since).0 }

    static let wars = ["panjshir-2021", "syria-2024", "myanmar-2024", "drcongo-2025", "ethiopia-2023"]

    @Test("Each legend mark shows a swatch only where areas carry it and a marker only where markers do", arguments: wars)
    func legendShowsDrawnForms(_ war: String) throws {
        let m = try model(war)
        var controlRows = 0
        for row in m.legend.rows {
            guard case .control(let mark, let onAreas, let onMarkers) = row.symbol else { continue }
            controlRows += 1
            #expect(onAreas == m.areas.contains { $0.control == mark }, "\(war): \(row.text)")
            #expect(onMarkers == m.markers.contains { $0.control == mark }, "\(war): \(row.text)")
        }
        let drawn = Set(m.markers.map(\.control) + m.areas.map(\.control)).subtracting([.none])
        #expect(controlRows == drawn.count, "\(war): one legend row per mark drawn")
    }

    @Test("Lalibela, contested, is a split marker: its legend row shows that marker and no hatched swatch")
    func contestedMarkerOnly() throws {
        let m = try model("ethiopia-2023")
        let lalibela = try #require(m.markers.first { $0.name == "Lalibela" })
        guard case .contested = lalibela.control else { Issue.record("Lalibela is \(lalibela.control)"); return }
        let row = try #require(m.legend.rows.first { $0.text.hasPrefix("Contested: ") })
        #expect(row.symbol == .control(lalibela.control, onAreas: false, onMarkers: true))
    }

    @Test("No side's shading is mostly under furniture: at most a fifth of each shaded area in the frame is covered")
    func shadedAreasClear() throws {
        var checked = 0
        for (war, since) in Self.wars.map({ ($0, String?.none) }) + [("syria-2024-offensive", "2024-12-04")] {
            let (m, frame) = try modelAndFrame(war, since: since)
            for samples in MapBuilder.shadedSamples(m, frame) {
                checked += 1
                let share = MapBuilder.coveredShare(samples, furniture: m.furniture, frame: frame)
                #expect(share <= MapBuilder.areaCoverAllowed, "\(war): \(share) of a shaded area under furniture")
            }
        }
        #expect(checked >= 4, "the examples shade areas")
    }

    @Test("Points inside rings and the covered share count what they should")
    func coverArithmetic() {
        let square = [[Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 10, y: 10), Point(x: 0, y: 10)]]
        #expect(MapBuilder.contains(square, Point(x: 5, y: 5)))
        #expect(!MapBuilder.contains(square, Point(x: 15, y: 5)))
        let points = [Point(x: 1, y: 1), Point(x: 9, y: 9), Point(x: 5, y: 5), Point(x: 50, y: 50)]
        let share = MapBuilder.coveredShare(points, furniture: [Rect(x: 0, y: 0, width: 6, height: 6)],
                                            frame: Rect(x: 0, y: 0, width: 20, height: 20))
        #expect(abs(share - 2.0 / 3.0) < 1e-9)
    }
}
