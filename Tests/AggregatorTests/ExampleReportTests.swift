import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

@Suite("The five example reports")
struct ExampleReportTests {
    let analysis = Fixtures.analysis

    func cluster(_ prefix: String) -> String? {
        analysis.documents.first { $0.id.hasPrefix(prefix) }?.sourceCluster
    }

    @Test("The three copies of the CNN story form one cluster; the other two are independent")
    func syndication() throws {
        #expect(analysis.documents.count == 5)
        let cnn = try #require(cluster("000"))
        #expect(cluster("001") == cnn)
        #expect(cluster("004") == cnn)
        #expect(cluster("002") != cnn)
        #expect(cluster("003") != cnn)
        #expect(cluster("002") != cluster("003"))
        #expect(analysis.independentSources == 3)
    }

    func place(_ id: String) -> PlaceSummary? { analysis.places.first { $0.id == id } }

    @Test("Shatal and Shotul are one place, named by two independent sources")
    func shatalShotul() throws {
        let shutul = try #require(place("af/panjshir/shutul"))
        let surfaces = Set(analysis.mentions.filter { $0.place == shutul.id }.map(\.surface))
        #expect(surfaces.contains { $0.hasPrefix("Shatal") })
        #expect(surfaces.contains { $0.hasPrefix("Shotul") })
        #expect(shutul.sources == 2)
    }

    @Test("Charika is Charikar; Kabul is the city; the valley and the province are told apart")
    func otherPlaces() throws {
        let charikar = try #require(place("af/parwan/charikar/charikar"))
        #expect(analysis.mentions.contains { $0.place == charikar.id && $0.surface == "Charika" })
        #expect(place("af/kabul/kabul/kabul")?.sources == 3)
        #expect(try #require(place("af/panjshir/panjshir-valley")).mentions > 10)
        #expect(try #require(place("af/panjshir")).precision == .province)
        #expect(place("af/parwan") != nil)
        #expect(place("af/badakhshan") != nil)
    }

    @Test("Names inside people, organisations and demonyms are not places")
    func notPlaces() {
        let surfaces = Set(analysis.mentions.map(\.surface))
        for wrong in ["Valley", "Empire", "Union", "I", "Soviet", "Prussian", "Massoud", "Shah"] {
            #expect(!surfaces.contains(wrong), "'\(wrong)' was taken for a place")
        }
        // "National Resistance Front of Afghanistan" names an organisation, not a place.
        for report in Fixtures.reports {
            let scalars = Array(report.text.unicodeScalars)
            for m in analysis.mentions where m.document == report.id && m.surface == "Afghanistan" {
                let before = String(String.UnicodeScalarView(scalars[max(0, m.start - 9)..<m.start]))
                #expect(before != "Front of ")
            }
        }
        #expect(analysis.namedPlaces.allSatisfy { $0.id.hasPrefix("af") }, "a place outside Afghanistan: \(analysis.namedPlaces.map(\.id))")
    }

    @Test("Every mention's offsets point at its surface text")
    func offsets() {
        #expect(!analysis.mentions.isEmpty)
        for m in analysis.mentions {
            let report = Fixtures.reports.first { $0.id == m.document }!
            let scalars = Array(report.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface)
        }
    }
}

@Suite("Reading reports")
struct ReportReaderTests {
    @Test("Mojibake is repaired and reported: 001's πŸ’₯ becomes 💥")
    func mojibake() throws {
        let path = Fixtures.examplesPath + "/001_82fc26684c37d5c3.txt"
        let data = try #require(FileManager.default.contents(atPath: path))
        let (reports, warnings) = ReportReader().parse(data, path: path)
        #expect(reports.first?.title.contains("💥") == true)
        #expect(reports.first?.title.contains("πŸ") == false)
        #expect(warnings.contains { $0.description.contains("mojibake") && $0.description.contains("001_82fc") })
        // Genuine curly quotes survive.
        #expect(reports.first?.text.contains("“They (Taliban)") == true)
    }

    @Test("Invalid UTF-8, empty files and broken JSON lines warn with the file name and the rest is read")
    func badInput() throws {
        let dir = try Fixtures.temporaryFolder("reports")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        FileManager.default.createFile(atPath: dir + "/a-empty.txt", contents: Data())
        FileManager.default.createFile(atPath: dir + "/b-latin1.txt", contents: Data([0x4B, 0x61, 0x62, 0x75, 0x6C, 0x0A, 0xE9, 0x20, 0x4B, 0x61, 0x62, 0x75, 0x6C]))
        let lines = #"{"title":"T","text":"Fighting near Charikar.","date":"2021-09-03","outlet":"AP"}"# + "\n{broken\n"
        FileManager.default.createFile(atPath: dir + "/c.jsonl", contents: Data(lines.utf8))
        let (reports, warnings) = try ReportReader().read(paths: [dir])
        #expect(reports.count == 2)
        #expect(warnings.contains { $0.file?.hasSuffix("a-empty.txt") == true && $0.reason.contains("empty") })
        #expect(warnings.contains { $0.file?.hasSuffix("b-latin1.txt") == true && $0.reason.contains("UTF-8") })
        #expect(warnings.contains { $0.file?.hasSuffix("c.jsonl") == true && $0.line == 2 })
        let json = try #require(reports.first { $0.outlet == "AP" })
        #expect(json.date == "2021-09-03")
        let found = MentionFinder(gazetteer: Fixtures.gazetteer).find(in: json)
        #expect(found.mentions.map(\.place) == ["af/parwan/charikar/charikar"])
    }

    @Test("HTML is reduced to its text and title")
    func html() {
        let html = "<html><head><title>Clashes in Panjshir</title><script>var Kabul=1;</script></head><body><p>Fighting in <b>Shotul</b> district &amp; Kabul.</p></body></html>"
        let (reports, _) = ReportReader().parse(Data(html.utf8), path: "x.html")
        #expect(reports.first?.title == "Clashes in Panjshir")
        #expect(reports.first?.text.contains("Fighting in Shotul district & Kabul.") == true)
        #expect(reports.first?.text.contains("var Kabul") == false)
    }

    @Test("A missing input path is an error that names it")
    func missingPath() {
        #expect(throws: AggregatorError.self) { try ReportReader().read(paths: ["/no/such/reports"]) }
    }
}

@Suite("Outlets of plain-text reports")
struct OutletTests {
    @Test("The outlet comes from a title suffix, a dateline line or a wire dateline, and is never guessed")
    func outlets() {
        let byID = Dictionary(uniqueKeysWithValues: Fixtures.reports.map { ($0.id.prefix(3), $0.outlet) })
        #expect(byID["000"] == "CNN")          // a line "CNN  — "
        #expect(byID["004"] == "Dailytrust")   // title "… | Dailytrust"
        #expect(byID["002"] == .some(nil))     // only cites "CNN reported" and "Yahoo News reported"
        #expect(byID["003"] == .some(nil))     // only cites Reuters, the BBC and the Guardian
        let wire = ReportReader().parse(Data("Fighting near Kherson\nKHERSON, Ukraine, Nov 9 (Reuters) - Russian forces withdrew.".utf8), path: "w.txt").0
        #expect(wire.first?.outlet == "Reuters")
        let sentence = ReportReader().parse(Data("Talks - what next\nThe ministry said more - nothing else.".utf8), path: "s.txt").0
        #expect(sentence.first?.outlet == nil)
    }
}
