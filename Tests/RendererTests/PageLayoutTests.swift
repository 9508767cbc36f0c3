import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// The page layout (the cartography issue, "A page layout"): a portrait or narrow page keeps the
/// claims panel (under the map), the inset and the badges, and claims that do not fit are counted
/// in a note, never dropped silently.
@Suite("Page layout: portrait pages and claims that do not fit")
struct PageLayoutTests {
    func model(width: Double, height: Double) throws -> MapModel {
        var options = MapOptions()
        options.width = width
        options.height = height
        let analysis = Fixtures.claimsAnalysis
        return try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
    }

    @Test("A4 portrait: the claims panel spans the page under the map; the inset and the badges stay; no marker under furniture")
    func a4Portrait() throws {
        let m = try model(width: 595, height: 842)
        let panel = try #require(m.claimsPanel)
        #expect(panel.box.width > 595 * 0.9, "panel \(panel.box)")
        #expect(panel.box.y > 842 * 0.5, "the panel starts at \(panel.box.y)")
        #expect(!panel.rows.isEmpty)
        #expect(m.inset != nil)
        #expect(!m.callouts.isEmpty)
        // The legend and scale bar sit above the panel, inside the map's frame.
        #expect(m.legend.box.maxY <= panel.box.y && m.scaleBar.box.maxY <= panel.box.y)
        for marker in m.markers {
            for f in m.furniture { #expect(!f.intersects(marker.bounds), "\(marker.name) under furniture \(f)") }
        }
    }

    @Test("Claims beyond the panel are counted in a note, on landscape and portrait pages alike", arguments: [(1600.0, 1200.0), (595.0, 842.0)])
    func omittedClaimsCounted(size: (Double, Double)) throws {
        let m = try model(width: size.0, height: size.1)
        let panel = try #require(m.claimsPanel)
        let total = MapBuilder.claimGroupCount(Fixtures.claimsAnalysis.claims)
        if panel.rows.count < total {
            let note = try #require(panel.note)
            #expect(note.hasPrefix("\(total - panel.rows.count) more claim"), "\(note)")
        } else {
            #expect(panel.note == nil)
        }
        #expect(panel.rows.count + (panel.note == nil ? 0 : total - panel.rows.count) == total)
    }
}

extension PageLayoutTests {
    @Test("Legend rows stay short: long side names wrap, so the legend is at most about a quarter of a 1600 px page wide")
    func shortLegendRows() throws {
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/myanmar-2024"]).reports
        let analysis = Fixtures.claimsAnalyzer.analyze(reports)
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: MapOptions()).build()
        // (The examples name sides as long as "Myanmar National Democratic Alliance Army".)
        #expect(model.legend.rows.contains { $0.text.count > 50 })
        #expect(model.legend.box.width <= 420, "legend \(model.legend.box.width) px wide")
        #expect(model.legend.rowHeights.count == model.legend.rows.count)
    }
}
