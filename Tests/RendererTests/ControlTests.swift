@testable import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// The example analysis with its claims replaced by a known set, to test how control is drawn.
func analysisWithControl(panjshirConfidence: Double = 1) -> Analysis {
    var a = Fixtures.analysis
    func claim(_ doc: String, _ place: String, _ actor: String, _ action: String, _ claimant: String, hedged: Bool, denied: Bool = false) -> Claim {
        Claim(document: a.documents.first { $0.id.hasPrefix(doc) }!.id, place: place, actor: actor, action: action, claimant: claimant,
              hedged: hedged, denied: denied, sentence: "", start: 0, end: 0, date: "2021-09-03")
    }
    a.claims = [
        claim("000", "af/panjshir", "Taliban", "captured", "actor", hedged: false),
        claim("002", "af/panjshir", "National Resistance Front", "holds", "actor", hedged: false),
        claim("002", "af/panjshir/shutul", "National Resistance Front", "regained", "actor", hedged: true),
        claim("003", "af/kabul/kabul/kabul", "Taliban", "holds", "reporter", hedged: false),
    ]
    for i in a.places.indices {
        switch a.places[i].id {
        case "af/panjshir": a.places[i].control = ControlAssessment(status: .contested, actor: nil, confidence: panjshirConfidence)
        case "af/panjshir/shutul": a.places[i].control = ControlAssessment(status: .claimed, actor: "National Resistance Front", confidence: 0.3)
        case "af/kabul/kabul/kabul": a.places[i].control = ControlAssessment(status: .claimed, actor: "Taliban", confidence: 0.9)
        default: a.places[i].control = .none  // only the claims above
        }
    }
    return a
}

/// Writes a map for a person to look at when CONFLICTMAP_KEEP_TEST_MAPS names a folder.
func keep(_ data: Data, _ name: String) {
    guard let dir = ProcessInfo.processInfo.environment["CONFLICTMAP_KEEP_TEST_MAPS"] else { return }
    try? data.write(to: URL(fileURLWithPath: dir + "/" + name))
}

@Suite("Drawing control")
struct ControlTests {
    func model(theme: Theme = .light, panjshirConfidence: Double = 1) throws -> MapModel {
        var options = MapOptions()
        options.theme = theme
        options.actorColors = ["Taliban": RGBA(hex: "#d55e00")!, "National Resistance Front": RGBA(hex: "#0072b2")!]
        return try MapBuilder(analysis: analysisWithControl(panjshirConfidence: panjshirConfidence), gazetteer: Fixtures.gazetteer,
                              boundaries: Fixtures.boundaries, options: options).build()
    }

    @Test("Weaker control is drawn fainter: the hatching of a 0.1-confidence contest is paler than of a certain one")
    func strength() throws {
        func palest(_ confidence: Double) throws -> Double {
            let m = try model(panjshirConfidence: confidence)
            let image = try DecodedPNG(try MapDrawer.render(m, format: .png))
            let area = try #require(m.areas.first { $0.placeID == "af/panjshir" })
            // The most saturated pixel inside the area's outline, away from markers, labels and badges:
            // the hatching at its strongest.
            var best = 0.0
            let pts = area.rings.flatMap { $0 }
            let rings = area.rings.map { $0.map { Coordinate(latitude: $0.y, longitude: $0.x) } }
            let covered = m.layout.elements.filter { [.marker, .label, .callout].contains($0.kind) }.map { $0.rect.insetBy(-4) }
            for y in stride(from: max(0, Int(pts.map(\.y).min()!)), to: min(image.height, Int(pts.map(\.y).max()!)), by: 2) {
                for x in stride(from: max(0, Int(pts.map(\.x).min()!)), to: min(image.width, Int(pts.map(\.x).max()!)), by: 2) {
                    let here = Rect(x: Double(x), y: Double(y), width: 1, height: 1)
                    guard PolygonMath.contains(rings, Coordinate(latitude: Double(y), longitude: Double(x))),
                        !covered.contains(where: { $0.intersects(here) }) else { continue }
                    let c = image.color(x: x, y: y)
                    best = max(best, max(c.r, c.g, c.b) - min(c.r, c.g, c.b))
                }
            }
            return best
        }
        let certain = try palest(1), weak = try palest(0.1)
        #expect(weak < certain * 0.7, "weak \(weak), certain \(certain)")
        #expect(try model(panjshirConfidence: 0.1).areas.first { $0.placeID == "af/panjshir" }?.strength ?? 1 < 0.5)
    }

    @Test("Fighting with one side named is drawn apart from a claim: its colour across grey, and its own legend row")
    func fightingOneSide() throws {
        var a = analysisWithControl()
        let doc = a.documents[0].id
        a.claims.append(Claim(document: doc, place: "af/parwan", actor: "Taliban", action: "attacked", claimant: "reporter",
                              hedged: false, denied: false, sentence: "", start: 0, end: 0, date: "2021-09-03"))
        for i in a.places.indices where a.places[i].id == "af/parwan" {
            a.places[i].control = ControlAssessment(status: .contested, actor: nil, confidence: 0.8)
        }
        var options = MapOptions()
        options.actorColors = ["Taliban": RGBA(hex: "#d55e00")!, "National Resistance Front": RGBA(hex: "#0072b2")!]
        let m = try MapBuilder(analysis: a, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
        let taliban = try #require(m.palette.index(of: "Taliban"))
        let parwan = try #require(m.areas.first { $0.placeID == "af/parwan" })
        #expect(parwan.control == .fighting(actor: taliban))
        #expect(m.legend.rows.contains { $0.text == "Fighting reported (Taliban); no claim of control" })
        #expect(!m.legend.rows.contains { $0.text == "Claimed by Taliban, not verified" })
        // Inside Parwan's outline, away from labels and markers: the Taliban's colour, and far more
        // grey than the same map without the fighting has there (district lines are grey too).
        func counts(_ m: MapModel) throws -> (colour: Int, grey: Int) {
            let image = try DecodedPNG(try MapDrawer.render(m, format: .png))
            let area = try #require(m.areas.first { $0.placeID == "af/parwan" })
            let rings = area.rings.map { $0.map { Coordinate(latitude: $0.y, longitude: $0.x) } }
            let pts = area.rings.flatMap { $0 }
            let covered = m.layout.elements.filter { [.marker, .label, .callout, .legend, .inset, .title].contains($0.kind) }.map { $0.rect.insetBy(-4) }
            var colour = 0, grey = 0
            for y in stride(from: max(0, Int(pts.map(\.y).min()!)), to: min(image.height, Int(pts.map(\.y).max()!)), by: 1) {
                for x in stride(from: max(0, Int(pts.map(\.x).min()!)), to: min(image.width, Int(pts.map(\.x).max()!)), by: 1) {
                    let here = Rect(x: Double(x), y: Double(y), width: 1, height: 1)
                    guard PolygonMath.contains(rings, Coordinate(latitude: Double(y), longitude: Double(x))),
                        !covered.contains(where: { $0.intersects(here) }) else { continue }
                    let c = image.color(x: x, y: y)
                    if close(c, RGBA(hex: "#d55e00")!, tolerance: 0.12) { colour += 1 }
                    if abs(c.r - c.g) < 0.04, abs(c.g - c.b) < 0.04, c.r < 0.7 { grey += 1 }
                }
            }
            return (colour, grey)
        }
        let fighting = try counts(m)
        var quiet = a
        quiet.claims.removeLast()
        for i in quiet.places.indices where quiet.places[i].id == "af/parwan" { quiet.places[i].control = .none }
        let baseline = try counts(try MapBuilder(analysis: quiet, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build())
        #expect(fighting.colour > 200, "\(fighting)")
        #expect(baseline.colour == 0, "\(baseline)")
        #expect(fighting.grey > 3 * baseline.grey + 200, "fighting \(fighting), without \(baseline)")
    }

    @Test("Control colours appear at the projected pixels of the places they belong to")
    func controlPixels() throws {
        let m = try model()
        let png = try MapDrawer.render(m, format: .png)
        keep(png, "control-light.png")
        let image = try DecodedPNG(png)
        let taliban = RGBA(hex: "#d55e00")!, nrf = RGBA(hex: "#0072b2")!
        // Kabul: held by the Taliban by the reporter's own account: a solid marker in the Taliban's colour.
        let kabul = m.point(for: try #require(Fixtures.gazetteer.place(id: "af/kabul/kabul/kabul")).coordinate)
        #expect(close(image.color(x: Int(kabul.x), y: Int(kabul.y)), taliban, tolerance: 0.03))
        // Shutul: claimed by the NRF only: a ring in the NRF's colour around a white disc.
        let shutul = try #require(m.markers.first { $0.placeID == "af/panjshir/shutul" })
        let ring = image.color(x: Int((shutul.center.x + shutul.radius).rounded()), y: Int(shutul.center.y))
        #expect(close(ring, nrf, tolerance: 0.06), "ring is \(ring.hex)")
        #expect(close(image.color(x: Int(shutul.center.x + shutul.radius * 0.5), y: Int(shutul.center.y)), RGBA(r: 1, g: 1, b: 1), tolerance: 0.12))
        // Panjshir, contested: both colours hatch its area.
        let area = try #require(m.areas.first { $0.placeID == "af/panjshir" })
        let box = try #require(BoundingBox(covering: area.rings.flatMap { $0 }.map { Coordinate(latitude: $0.y, longitude: $0.x) }))
        var sawTaliban = false, sawNRF = false
        for y in stride(from: max(0, Int(box.south)), to: min(image.height, Int(box.north)), by: 1) {
            for x in stride(from: max(0, Int(box.west)), to: min(image.width, Int(box.east)), by: 1) where area.rings.contains(where: {
                PolygonMath.ringContains($0.map { Coordinate(latitude: $0.y, longitude: $0.x) }, Coordinate(latitude: Double(y), longitude: Double(x)))
            }) {
                let c = image.color(x: x, y: y)
                if close(c, taliban, tolerance: 0.08) { sawTaliban = true }
                if close(c, nrf, tolerance: 0.08) { sawNRF = true }
            }
        }
        #expect(sawTaliban && sawNRF)
    }

    @Test("The legend names each side's claimed and held control, and the contest")
    func legend() throws {
        let rows = try model().legend.rows.map(\.text)
        #expect(rows.contains("Held by Taliban, reported independently"))
        #expect(rows.contains("Claimed by National Resistance Front, not verified"))
        #expect(rows.contains { $0.hasPrefix("Contested: ") && $0.contains("Taliban") && $0.contains("National Resistance Front") })
    }

    @Test("Two places contested by the same sides, named in either order, make one mark and one legend row")
    func contestOrder() throws {
        var a = analysisWithControl()
        let doc = a.documents[0].id
        // Parwan: the NRF named first, then the Taliban (Panjshir names the Taliban first).
        for actor in ["National Resistance Front", "Taliban"] {
            a.claims.append(Claim(document: doc, place: "af/parwan", actor: actor, action: "attacked", claimant: "reporter",
                                  hedged: false, denied: false, sentence: "", start: 0, end: 0, date: "2021-09-03"))
        }
        for i in a.places.indices where a.places[i].id == "af/parwan" {
            a.places[i].control = ControlAssessment(status: .contested, actor: nil, confidence: 0.8)
        }
        let m = try MapBuilder(analysis: a, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: MapOptions()).build()
        let marks = Set(m.areas.filter { ["af/parwan", "af/panjshir"].contains($0.placeID) }.map(\.control))
        #expect(marks.count == 1)
        #expect(m.legend.rows.filter { $0.text.hasPrefix("Contested: ") }.count == 1)
    }

    @Test("Each claim has a numbered callout and a panel row, clear of every label and the furniture")
    func callouts() throws {
        let m = try model()
        let panel = try #require(m.claimsPanel)
        #expect(panel.rows.count == 4)
        #expect(Set(m.callouts.flatMap(\.numbers)) == Set(panel.rows.map(\.number)))
        #expect(m.callouts.count == Set(panel.rows.map(\.placeID)).count, "one badge a place")
        #expect(panel.rows.contains { $0.text.contains("denied") == false && $0.text.contains("Taliban captured Panjshir") })
        let layout = m.layout
        let labels = layout.elements.filter { $0.kind == .label }
        for c in layout.elements where c.kind == .callout {
            for l in labels { #expect(!c.rect.intersects(l.rect), "callout \(c.text!) covers label \(l.text!)") }
            for f in layout.elements where [.legend, .scalebar, .inset, .title, .claimsPanel, .attribution].contains(f.kind) {
                #expect(!c.rect.intersects(f.rect), "callout \(c.text!) covers the \(f.kind)")
            }
        }
        #expect(layout.elements.contains { $0.kind == .claimsPanel })
    }

    @Test("The print theme draws control without colour, in greys and patterns")
    func printTheme() throws {
        let png = try MapDrawer.render(try model(theme: .print), format: .png)
        keep(png, "control-print.png")
        let image = try DecodedPNG(png)
        var coloured = 0
        for y in stride(from: 0, to: image.height, by: 7) {
            for x in stride(from: 0, to: image.width, by: 7) {
                let c = image.color(x: x, y: y)
                if max(c.r, c.g, c.b) - min(c.r, c.g, c.b) > 0.08 { coloured += 1 }
            }
        }
        #expect(coloured == 0, "\(coloured) coloured pixels in the print theme")
    }
}

@Suite("Claims panel wording")
struct ClaimWordingTests {
    @Test("'holds' agrees with a plural side; a proper name and the past tenses are left as they are")
    func agreement() {
        #expect(ClaimRows.agreeing("holds", with: "Fano and Amhara militias") == "hold")
        #expect(ClaimRows.agreeing("holds", with: "Syrian government forces") == "hold")
        #expect(ClaimRows.agreeing("holds", with: "Tuareg-led rebels") == "hold")
        #expect(ClaimRows.agreeing("holds", with: "Syrian Democratic Forces") == "holds")
        #expect(ClaimRows.agreeing("holds", with: "Hamas") == "holds")
        #expect(ClaimRows.agreeing("holds", with: "Taliban") == "holds")
        #expect(ClaimRows.agreeing("captured", with: "Fano and Amhara militias") == "captured")
        #expect(ClaimRows.verbPhrase("withdrew", with: "Syrian government forces") == "withdrew from")
        #expect(ClaimRows.verbPhrase("holds", with: "Syrian government forces") == "hold")
    }

    @Test("The claims panel writes 'hold' after a plural side")
    func panelText() {
        var a = Fixtures.analysis
        let doc = a.documents.first?.id ?? ""
        a.claims = [Claim(document: doc, place: "af/panjshir", actor: "Fano and Amhara militias", action: "holds", claimant: "reporter",
                          hedged: false, denied: false, sentence: "", start: 0, end: 0, date: nil)]
        let rows = ClaimRows.make(a, palette: ActorPalette(analysis: a, profileColors: [:]), placeName: { $0 }, limit: 50)
        #expect(rows.count == 1 && rows.allSatisfy { $0.text.hasPrefix("Fano and Amhara militias hold af/panjshir") }, "\(rows.map(\.text))")
    }
}
