import Foundation
import Gazetteer
import Testing
import TestSupport

@Suite("Name normalisation")
struct NameKeyTests {
    @Test("Case, diacritics, apostrophes, ʿayn marks, hyphens and connectives fold away", arguments: [
        ("Chārīkār", "charikar"), ("’Unābah", "unabah"), ("Pul-e-Khumri", "pul khumri"), ("Pul i Khumri", "pul khumri"),
        ("Mazār-i-Sharīf", "mazar sharif"), ("PANJSHIR  Valley", "panjshir valley"), ("Dara-ye Panjshir", "dara panjshir"),
        ("Kherson’s", "khersons"), ("Zābul", "zabul"),
    ])
    func normalized(_ input: String, _ expected: String) {
        #expect(NameKey.normalized(input) == expected)
    }

    @Test("Arabic-script letter variants and harakat fold to one form")
    func arabicScript() {
        // Arabic yeh and kaf (ي ك) against Persian yeh and keheh (ی ک); a fatha mark dropped.
        #expect(NameKey.normalized("كابل") == NameKey.normalized("کابل"))
        #expect(NameKey.normalized("پنجشير") == NameKey.normalized("پنجشیر"))
        #expect(NameKey.normalized("پَنجشیر") == NameKey.normalized("پنجشیر"))
    }

    @Test("Transliteration keys equate vowel, kh/h and -ah variants but not different names")
    func transliterationKeys() {
        func key(_ s: String) -> String? { NameKey.transliterationKey(NameKey.normalized(s)) }
        #expect(key("Shatal") == key("Shotul"))
        #expect(key("Shotul") == key("Shutul"))
        #expect(key("Anaba") == key("Unaba"))
        #expect(key("Unabah") == key("Unaba"))
        #expect(key("Khenj") == key("Khinj"))
        #expect(key("Panjsher") == key("Panjshayr"))
        #expect(key("Qandahar") == key("Kandahar"))
        #expect(key("Kabul") != key("Kunduz"))
        #expect(key("Al") == nil)
    }
}

@Suite("Resolving the places of the example reports")
struct ExampleResolutionTests {
    let g = Fixtures.gazetteer

    @Test("Every spelling in the five reports resolves to the right place", arguments: [
        ("Shatal", "af/panjshir/shutul"), ("Shotul", "af/panjshir/shutul"), ("Shutul", "af/panjshir/shutul"),
        ("Charika", "af/parwan/charikar/charikar"), ("Charikar", "af/parwan/charikar/charikar"),
        ("Panjshir Valley", "af/panjshir/panjshir-valley"), ("Panjshir", "af/panjshir"), ("Parwan", "af/parwan"),
        ("Badakhshan", "af/badakhshan"), ("Kabul", "af/kabul/kabul/kabul"), ("Afghanistan", "af"),
        ("Hindu Kush", "af/hindu-kush"), ("Malimah", "af/panjshir/dara/malimah"), ("پنجشیر", "af/panjshir"),
    ])
    func resolves(_ name: String, _ id: String) {
        #expect(g.resolve(name)?.id == id, "\(name) resolved to \(g.resolve(name)?.id ?? "nothing")")
    }

    @Test("A kind word picks the district, not the village of the same name")
    func kindWordDecides() {
        let district = g.resolve("Dara", context: ResolutionContext(kindWord: "district", explains: true))
        #expect(district?.id == "af/panjshir/dara")
        #expect(district?.reasons.contains { $0.contains("district") } == true)
        // Reasons in words only when asked for; the ranking is the same either way.
        let quiet = g.candidates(for: "Dara", context: ResolutionContext(kindWord: "district"))
        let explained = g.candidates(for: "Dara", context: ResolutionContext(kindWord: "district", explains: true))
        let quietReasons = quiet.flatMap { $0.reasons }
        #expect(quietReasons.isEmpty)
        let sameRanking = quiet.map { $0.id } == explained.map { $0.id } && quiet.map { $0.score } == explained.map { $0.score }
        #expect(sameRanking)
    }

    @Test("Nearness to the other places named picks the Afghan Fayzabad over the others")
    func nearnessDecides() throws {
        let near = try #require(g.place(id: "af/badakhshan"))
        let pick = g.resolve("Fayzabad", context: ResolutionContext(nearby: [near.coordinate]))
        #expect(pick?.id.hasPrefix("af/badakhshan/") == true)
        let jowzjan = try #require(g.place(id: "af/jowzjan"))
        let other = g.resolve("Fayzabad", context: ResolutionContext(nearby: [jowzjan.coordinate]))
        #expect(other?.id.hasPrefix("af/jowzjan/") == true)
    }

    @Test("Common English words are never matched loosely")
    func noLooseCommonWords() {
        for word in ["Monday", "Forces", "Resistance", "Valley"] {
            #expect(g.candidates(for: word).allSatisfy { $0.match != .fuzzy }, "\(word) matched loosely")
        }
    }

    @Test("Candidates explain themselves as JSON")
    func explainable() throws {
        let found = g.candidates(for: "Kabul", context: ResolutionContext(explains: true))
        #expect(found.count >= 2)
        let unexplained = found.filter { $0.reasons.isEmpty }
        #expect(unexplained.isEmpty)
        #expect(found == found.sorted { $0.score > $1.score })
        let json = String(decoding: try JSONEncoder().encode(found), as: UTF8.self)
        #expect(json.contains("\"reasons\""))
        #expect(json.contains("\"precision\":\"province\""))
    }
}

@Suite("Gazetteer files")
struct GazetteerFileTests {
    @Test("Loading and saving with no change gives a byte-identical file")
    func roundTrip() throws {
        let path = Fixtures.gazetteerPath + "/afghanistan.geojson"
        let original = try #require(FileManager.default.contents(atPath: path))
        let places = try GazetteerFile.parsePlaces(original, path: path)
        #expect(places.count > 500)
        #expect(Data(GazetteerFile.text(for: places).utf8) == original)
    }

    static let header = #"{"type":"FeatureCollection","features":["#

    func parse(_ lines: [String]) throws(GazetteerError) -> [Place] {
        let text = ([Self.header] + lines + ["]}"]).joined(separator: "\n") + "\n"
        return try GazetteerFile.parsePlaces(Data(text.utf8), path: "test.geojson")
    }

    @Test("A malformed feature is reported with its file, line and reason", arguments: [
        (#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"X","kind":"town"}"#, "not valid JSON"),
        (#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"X","kind":"hamlet"}}"#, "unknown kind"),
        (#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[35,169]},"properties":{"name":"X","kind":"town"}}"#, "swapped"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"X","kind":"town"}}"#, "no string \"id\""),
        (#"{"type":"Feature","id":"x","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"kind":"town"}}"#, "no \"name\""),
    ])
    func malformed(_ line: String, _ reason: String) {
        let good = #"{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"A","kind":"town"}},"#
        do {
            _ = try parse([good, line])
            Issue.record("accepted a malformed feature: \(line)")
        } catch {
            #expect(error.file == "test.geojson")
            #expect(error.line == 3)
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test("Duplicate ids are refused")
    func duplicates() throws {
        let a = #"{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"A","kind":"town"}}"#
        let places = try parse([a + ",", a])
        #expect(throws: GazetteerError.self) { try Gazetteer(places: places) }
    }

    @Test("An empty or non-GeoJSON file is refused")
    func notGeoJSON() {
        #expect(throws: GazetteerError.self) { try GazetteerFile.parsePlaces(Data(), path: "empty.geojson") }
        #expect(throws: GazetteerError.self) { try GazetteerFile.parsePlaces(Data("hello".utf8), path: "x.geojson") }
    }
}

@Suite("Prominence of regions and provinces")
struct ProvincePriorTests {
    let gazetteer = Fixtures.gazetteer

    @Test("A world region outranks a province that has its name as an alternate: the Sahel")
    func worldRegions() {
        #expect(gazetteer.resolve("Sahel")?.id == "sahel")
        #expect(gazetteer.resolve("Kiev")?.id == "ua/kiev-city/kyiv")
    }

    @Test("A bare name a province shares with a town in it is the town, unless the text calls it a province")
    func namesakeTownFirst() {
        #expect(gazetteer.resolve("Kidal")?.id == "ml/kidal/kidal")
        #expect(gazetteer.resolve("Kidal", context: ResolutionContext(kindWord: "region"))?.id == "ml/kidal")
        #expect(gazetteer.resolve("Kharkiv")?.precision == .town)
    }
}
