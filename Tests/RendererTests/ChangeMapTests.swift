import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Aggregator
@testable import Renderer

/// Two reports six weeks apart: rebels take a town, then the army takes it back.
enum FlipFixture {
    static let reports = [
        Report(id: "taken", path: "taken.txt", title: "Rebels seize Kidal",
               text: "Rebels seize Kidal\n\nTuareg-led rebels captured the town of Kidal in northern Mali on Friday, residents and a local "
                   + "official told Reuters. The rebels have held the town since their offensive began.",
               date: "2023-09-29"),
        Report(id: "retaken", path: "retaken.txt", title: "Army retakes Kidal",
               text: "Army retakes Kidal\n\nMali's army recaptured the northern town of Kidal from separatist rebels on Tuesday, the "
                   + "country's interim president said. Residents and a local official confirmed that soldiers had entered Kidal and "
                   + "taken control of the town.",
               date: "2023-11-14"),
    ]
    static let analysis = Fixtures.claimsAnalyzer.analyze(reports)
    static let kidal = "ml/kidal/kidal"
}

@Suite("Change maps: what changed since a day, drawn as rings")
struct ChangeMapTests {
    func changeMap(since: String) throws -> (model: MapModel, png: DecodedPNG) {
        var options = MapOptions()
        options.changes = FlipFixture.analysis.changes(since: since)
        let near = MapBuilder.neighbourhood(of: FlipFixture.analysis, options: options)
        let boundaries = try BoundarySet.load(from: Fixtures.gazetteerPath + "/boundaries", within: near)
        let model = try MapBuilder(analysis: FlipFixture.analysis, gazetteer: Fixtures.gazetteer, boundaries: boundaries, options: options).build()
        return (model, try DecodedPNG(try MapDrawer.render(model, format: .png)))
    }

    @Test("A flip of control between two dates: the place's ring is the new side's colour, its label names the old side")
    func flipAtTheRightPixels() throws {
        let changes = try #require(FlipFixture.analysis.changes(since: "2023-10-01"))
        let change = try #require(changes.change(at: FlipFixture.kidal))
        #expect(change.kind == .advance && change.assessed)
        #expect(change.before.actor == "Tuareg-led rebels" && change.after.actor == "Malian armed forces")

        let (model, png) = try changeMap(since: "2023-10-01")
        let layout = model.layout
        let element = try #require(layout.elements.first { $0.kind == .change && $0.place == FlipFixture.kidal })
        #expect(element.text == "assessed advance: Tuareg-led rebels → Malian armed forces")
        #expect(layout.elements.contains { $0.kind == .label && $0.text == "Kidal (from Tuareg-led rebels)" })
        #expect(model.subtitle.hasPrefix("Changes 1 October – 14 November 2023"))

        // The ring: 5 units outside the marker, in the colour of the side that now holds the town.
        let marker = try #require(model.markers.first { $0.placeID == FlipFixture.kidal })
        let side = try #require(model.palette.index(of: "Malian armed forces"))
        let colour = model.theme.actorColor(side, model.palette)
        let u = MapDrawer.unit(model), r = marker.radius + 5 * u
        var onRing = 0
        for k in 0..<16 {
            let a = Double(k) * .pi / 8
            let x = Int((marker.center.x + r * cos(a)).rounded()), y = Int((marker.center.y + r * sin(a)).rounded())
            if close(png.color(x: x, y: y), colour, tolerance: 0.08) { onRing += 1 }
        }
        #expect(onRing >= 12, "\(onRing) of 16 points on the ring have the side's colour")
        // Outside the ring and its halo, the map's land shows.
        let far = png.color(x: Int(marker.center.x + r + 12 * u), y: Int(marker.center.y))
        #expect(!close(far, colour, tolerance: 0.08))
        // The legend says what the ring means, once.
        let rows = model.legend.rows.filter { if case .change = $0.symbol { return true } else { return false } }
        #expect(rows.map(\.text) == ["Taken by Malian armed forces since 1 October 2023, reported independently"])
    }

    @Test("Between the two reports nothing changes; a map with no change map has no rings")
    func noChangeNoRing() throws {
        let between = try #require(FlipFixture.analysis.changes(since: "2023-10-01", until: "2023-11-01"))
        #expect(between.changes.isEmpty)
        // From before the first report, the town's last holder took it: an advance, from nobody.
        let all = try #require(FlipFixture.analysis.changes(since: "2023-09-01"))
        #expect(all.change(at: FlipFixture.kidal)?.kind == .advance && all.change(at: FlipFixture.kidal)?.before.status == ControlAssessment.Status.none)
        let plain = try MapBuilder(analysis: FlipFixture.analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries,
                                   options: MapOptions()).build()
        #expect(!plain.layout.elements.contains { $0.kind == .change })
        #expect(plain.markers.allSatisfy { $0.change == nil })
    }

    @Test("A legend taller than half the map's frame runs in two balanced columns; a short one in one")
    func twoColumnLegend() throws {
        #expect(MapBuilder.balancedBreak([30, 30, 30, 30, 30, 30]) == 3)
        #expect(MapBuilder.balancedBreak([90, 30, 30, 30]) == 1)
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/syria-2024-offensive"]).reports
        let analysis = Fixtures.claimsAnalyzer.analyze(reports)
        var options = MapOptions()
        options.changes = analysis.changes(since: "2024-12-04")
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let boundaries = try BoundarySet.load(from: Fixtures.gazetteerPath + "/boundaries", within: near)
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: boundaries, options: options).build()
        let legend = model.legend
        let k = try #require(legend.columnBreak)
        #expect(k > 0 && k < legend.rows.count)
        let left = legend.rowHeights[..<k].reduce(0, +), right = legend.rowHeights[k...].reduce(0, +)
        #expect(abs(left - right) <= (legend.rowHeights.max() ?? 0))
        #expect(legend.box.height < 0.5 * model.height + 60)
        let short = try exampleModel()
        #expect(short.legend.columnBreak == nil)
    }
}
