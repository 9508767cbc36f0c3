@testable import Aggregator
import Foundation
import FoundationXML
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// What an SVG holds for readers and programs: its title and description, the hit targets in
/// `<g id="ids">` and the texts in `<g id="text-layer">`, read with Foundation's XMLParser.
final class SVGReading: NSObject, XMLParserDelegate {
    struct Text { var attributes: [String: String]; var content = "" }
    var title = "", desc = ""
    /// Every element in `<g id="ids">`, by name, with its attributes.
    var targets: [(name: String, attributes: [String: String])] = []
    var texts: [Text] = []
    private var stack: [(name: String, id: String?)] = []
    private var inTitle = false, inDesc = false

    var inGroup: String? { stack.compactMap(\.id).last }

    func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String]) {
        if stack.count == 1 && e == "title" { inTitle = true }
        if stack.count == 1 && e == "desc" { inDesc = true }
        if inGroup == "ids" { targets.append((e, a)) }
        if inGroup == "text-layer" && e == "text" { texts.append(Text(attributes: a)) }
        stack.append((e, e == "g" ? a["id"] : nil))
    }

    func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
        inTitle = false
        inDesc = false
    }

    func parser(_ p: XMLParser, foundCharacters s: String) {
        if inTitle { title += s }
        if inDesc { desc += s }
        if inGroup == "text-layer", stack.contains(where: { $0.name == "text" }), !texts.isEmpty { texts[texts.count - 1].content += s }
    }

    static func read(_ data: Data) throws -> SVGReading {
        let reading = SVGReading()
        let parser = XMLParser(data: data)
        parser.delegate = reading
        guard parser.parse() else { throw RendererError(reason: "SVG is not well-formed XML: \(String(describing: parser.parserError))") }
        return reading
    }
}

func datedAnalysis() -> Analysis {
    var reports = Fixtures.reports
    for i in reports.indices { reports[i].date = i < 2 ? "2021-09-03" : "2021-09-05" }
    return Analyzer(gazetteer: Fixtures.gazetteer).analyze(reports)
}

func model(_ analysis: Analysis, title: String? = nil, bilingual: Bool = false) throws -> MapModel {
    var options = MapOptions()
    options.title = title
    options.bilingual = bilingual
    return try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, options: options).build()
}

@Suite("Files for reports: SVG text and ids, PDF metadata, data as of")
struct FileOutputTests {
    @Test("The SVG's text layer holds every label of the layout JSON, in Latin and Arabic script, at its place")
    func textLayer() throws {
        let m = try exampleModel(bilingual: true)
        let svg = try SVGReading.read(try MapDrawer.render(m, format: .svg))
        let labels = m.layout.elements.filter { $0.kind == .label }
        #expect(labels.count >= 8)
        #expect(labels.contains { ($0.text ?? "").unicodeScalars.contains { (0x600...0x6FF).contains($0.value) } })
        for label in labels {
            let found = svg.texts.filter { $0.attributes["data-kind"] == "label" && $0.attributes["data-place"] == label.place }
            #expect(found.map(\.content) == [label.text ?? ""], "label \(label.text ?? "") of \(label.place ?? "")")
        }
        // The title, each legend row and each claims panel row are there too.
        #expect(svg.texts.contains { $0.attributes["data-kind"] == "title" && $0.content == m.title })
        #expect(svg.texts.filter { $0.attributes["data-kind"] == "legend" }.map(\.content) == m.legend.rows.map(\.text))
        let rows = m.claimsPanel?.rows ?? []
        #expect(!rows.isEmpty)
        #expect(svg.texts.filter { $0.attributes["data-kind"] == "claim-row" }.map(\.content) == rows.map(\.text))
        #expect(svg.title == m.title)
        #expect(svg.desc.contains("places named in the reports"))
    }

    @Test("Every marker, area, badge and claims panel row in the SVG carries the layout JSON's ids")
    func ids() throws {
        let m = try exampleModel()
        let layout = m.layout
        let svg = try SVGReading.read(try MapDrawer.render(m, format: .svg))
        func places(_ name: String) -> [String] { svg.targets.filter { $0.name == name }.compactMap { $0.attributes["data-place"] } }
        #expect(places("circle") == layout.elements.filter { $0.kind == .marker }.compactMap(\.place))
        #expect(places("path") == layout.elements.filter { $0.kind == .area }.compactMap(\.place))
        let rows = layout.elements.filter { $0.kind == .claimRow }
        let callouts = layout.elements.filter { $0.kind == .callout }
        let rects = svg.targets.filter { $0.name == "rect" }
        #expect(!rows.isEmpty && !callouts.isEmpty)
        #expect(rects.map { $0.attributes["data-claim"] ?? "" } == callouts.map { ($0.claims ?? []).joined(separator: " ") } + rows.map { $0.claim ?? "" })
        #expect(rects.map { $0.attributes["data-place"] ?? "" } == (callouts + rows).map { $0.place ?? "" })
        // Claim ids are unique, a callout's ids are rows' ids, and they are the same on every run.
        let ids = rows.compactMap(\.claim)
        #expect(Set(ids).count == rows.count && ids.allSatisfy { $0.hasPrefix("claim-") && $0.count == 18 })
        #expect(Set(callouts.flatMap { $0.claims ?? [] }).isSubset(of: Set(ids)))
        #expect(try exampleModel().layout.elements.filter { $0.kind == .claimRow }.compactMap(\.claim) == ids)
        // The labels in the text layer carry their places too.
        let labelPlaces = svg.texts.filter { $0.attributes["data-kind"] == "label" }.compactMap { $0.attributes["data-place"] }
        #expect(labelPlaces == layout.elements.filter { $0.kind == .label }.compactMap(\.place))
    }

    @Test("Markup characters and Arabic script in the title are escaped and read back whole")
    func escaping() throws {
        let title = "Fighting in \"Panjshir\" & <Parwan> — پنجشیر"
        let m = try model(Fixtures.analysis, title: title)
        let data = try MapDrawer.render(m, format: .svg)
        let svg = try SVGReading.read(data)
        #expect(svg.title == title)
        #expect(svg.texts.filter { $0.attributes["data-kind"] == "title" }.map(\.content) == [title])
        #expect(String(decoding: data, as: UTF8.self).contains("xml:space=\"preserve\""))
    }

    @Test("The SVG holds no coordinate with more than two decimals and no outline far off the page")
    func svgSize() throws {
        let m = try exampleModel()
        let text = String(decoding: try MapDrawer.render(m, format: .svg), as: UTF8.self)
        #expect(text.range(of: #" d="[^"]*\d\.\d{3}"#, options: .regularExpression) == nil)
        // Fill outlines (not the dashed district lines, kept whole) stay within the margin.
        var far: [String] = []
        for line in text.split(separator: "\n") where line.contains("<path style=\" stroke:none;fill-rule:evenodd") {
            guard let d = line.components(separatedBy: " d=\"").last else { continue }
            let tokens = d.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"/>")) }
            for (k, t) in tokens.enumerated() where (t == "M" || t == "L") && k + 2 < tokens.count {
                let x = Double(tokens[k + 1]) ?? 0, y = Double(tokens[k + 2]) ?? 0
                if x < -20 || x > m.width + 20 || y < -20 || y > m.height + 20 { far.append("\(x) \(y)") }
            }
        }
        #expect(far.isEmpty, "\(far.prefix(3))")
        #expect(SVGNumbers.shortened(Data(#"<path d="M 1.234567 -0.004 L 10.5 3.999999"/><use x="0.125" y="7"/>"#.utf8))
            == Data(#"<path d="M 1.23 0 L 10.5 4"/><use x="0.13" y="7"/>"#.utf8))
    }

    @Test("A ring is clipped to a rectangle: inside it unchanged, outside it along the rectangle")
    func culling() {
        let r = Rect(x: 0, y: 0, width: 10, height: 10)
        let inside = [Point(x: 1, y: 1), Point(x: 9, y: 1), Point(x: 5, y: 8)]
        #expect(VectorCulling.clip(inside, to: r) == inside)
        let across = [Point(x: -10, y: 5), Point(x: 5, y: 5), Point(x: 5, y: -10)]
        let clipped = VectorCulling.clip(across, to: r)
        #expect(clipped.allSatisfy { VectorCulling.inside($0, r) } && clipped.contains(Point(x: 5, y: 5)))
        #expect(VectorCulling.clip([Point(x: 20, y: 20), Point(x: 30, y: 20), Point(x: 30, y: 30)], to: r).isEmpty)
        let line = [Point(x: -30, y: 5), Point(x: -20, y: 5), Point(x: -5, y: 5), Point(x: 5, y: 5), Point(x: 30, y: 5), Point(x: 40, y: 5)]
        #expect(VectorCulling.clip(line: line, to: r) == [[Point(x: -5, y: 5), Point(x: 5, y: 5), Point(x: 30, y: 5)]])
    }

    @Test("The PDF carries the map's title, a one-line summary and ConflictMap's version")
    func pdfMetadata() throws {
        let m = try model(datedAnalysis(), title: "Panjshir fighting map")
        let text = String(decoding: try MapDrawer.render(m, format: .pdf), as: UTF8.self)
        #expect(text.contains("/Title (Panjshir fighting map)"))
        #expect(text.contains("/Creator (ConflictMap \(MapDrawer.version))"))
        #expect(text.contains("/Subject (Map of \(m.placeCount) places named in the reports, with \(m.claimCount) claims"))
        #expect(text.contains("reported 2021-09-03 to 2021-09-05)"))
    }

    @Test("Dated reports put \"Data as of\" their latest date in the title block and the layout JSON; undated ones do not")
    func dataAsOf() throws {
        let dated = try model(datedAnalysis())
        #expect(dated.dataAsOf == "Data as of 5 September 2021")
        #expect(dated.layout.dataAsOf == "2021-09-05")
        let line = try #require(dated.layout.elements.first { $0.kind == .dataAsOf })
        #expect(line.text == "Data as of 5 September 2021" && dated.titleBox.contains(line.rect))
        let svg = try SVGReading.read(try MapDrawer.render(dated, format: .svg))
        #expect(svg.texts.contains { $0.attributes["data-kind"] == "data-as-of" && $0.content == "Data as of 5 September 2021" })
        let json = String(decoding: try JSONEncoder().encode(dated.layout), as: UTF8.self)
        #expect(json.contains(#""data_as_of":"2021-09-05""#))

        let undated = try exampleModel()
        #expect(undated.dataAsOf == nil && undated.layout.dataAsOf == nil)
        #expect(!undated.layout.elements.contains { $0.kind == .dataAsOf })
        #expect(!String(decoding: try JSONEncoder().encode(undated.layout), as: UTF8.self).contains("data_as_of"))
        #expect(MapBuilder.readableDate("2021-13-01") == "2021-13-01" && MapBuilder.readableDate("2024-02-29") == "29 February 2024")
    }
}
