import Aggregator
import Foundation
import Testing
import TestSupport

/// Names that refer to a place without naming a place where something happens: demonyms, sides
/// that act, datelines (place-names issue). They are mentions with a role: the JSON shows which
/// place they refer to, while counts, claims, GeoJSON, CSV and maps use places only.
@Suite("Mention roles")
struct MentionRoleTests {
    func mentions(_ text: String, date: String? = nil) -> [Mention] {
        Fixtures.analyze([(id: "r", text: text)], date: date).mentions
    }

    @Test("A demonym is a mention of its country with the role demonym, plural and two-word forms included")
    func demonyms() {
        let found = mentions("Sudanese troops and Russian advisers met South Korean and Chinese officials. The Russians left.")
        #expect(found.map(\.surface) == ["Sudanese", "Russian", "South Korean", "Chinese", "Russians"])
        #expect(found.map(\.place) == ["sd", "ru", "kr", "cn", "ru"])
        #expect(found.allSatisfy { $0.role == .demonym })
        // Continents and world regions have adjectives too.
        #expect(mentions("European and African leaders met.").map(\.place) == ["europe", "africa"])
    }

    @Test("A longer name the gazetteer knows wins over the demonym it begins with; a feature's name is not its people")
    func longerNamesWin() {
        let found = mentions("Fires spread in British Columbia. Ships crossed the Indian Ocean.")
        // "Indian Ocean" is a place of its own (water.geojson), never India's people.
        #expect(found.map(\.place) == ["ca/british-columbia", "indian-ocean"])
        #expect(found.allSatisfy { $0.isPlace })
    }

    @Test("Demonyms count for no place: a country named only by its people is listed with no mentions and left off GeoJSON and CSV")
    func demonymsDoNotCount() throws {
        let analysis = Fixtures.analyze([(id: "r", text: "Ethiopian troops entered Kabul.")])
        let ethiopia = try #require(analysis.places.first { $0.id == "et" })
        #expect((ethiopia.mentions, ethiopia.documents, ethiopia.sources) == (0, 0, 0))
        #expect(analysis.namedPlaces.count == 1)
        #expect(analysis.namedPlaces.allSatisfy { $0.id.hasPrefix("af/kabul/") })
        let geojson = String(decoding: try analysis.data(format: .geojson), as: UTF8.self)
        #expect(!geojson.contains("\"et\""))
        #expect(geojson.contains("af/kabul/"))
        let csv = String(decoding: try analysis.data(format: .csv), as: UTF8.self)
        #expect(csv.split(separator: "\r\n").count == 2)  // the header and Kabul
        // The JSON keeps the demonym with its role.
        let json = String(decoding: try analysis.data(format: .json), as: UTF8.self)
        #expect(json.contains("\"role\" : \"demonym\""))
    }

    @Test("A side that is a country acts where it is the subject and is a place after a preposition of place")
    func sidesThatAreCountries() {
        let acting = mentions("Russia said its forces shelled Kharkiv. Ukraine denied it.", date: "2024-02-17")
        #expect(acting.filter { $0.surface == "Russia" || $0.surface == "Ukraine" }.map(\.role) == [.actor, .actor])
        let placed = mentions("Thousands of refugees went to Russia and many fled into Ukraine.", date: "2024-02-17")
        let countries = placed.filter { $0.surface == "Russia" || $0.surface == "Ukraine" }
        #expect(countries.count == 2)
        #expect(countries.allSatisfy { $0.isPlace })
    }

    @Test("Roles survive the partial format, merging and the spill of a streamed run")
    func rolesRoundTrip() throws {
        let analyzer = Fixtures.claimsAnalyzer
        let reports = [Report(id: "a", path: "a", title: "", text: "KABUL (Reuters) - Sudanese troops entered Kabul. Russia said so.")]
        let partial = analyzer.partial(reports)
        let line = try partial.jsonLine()
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"role\":\"demonym\""))
        let back = try PartialAnalysis.read(line, source: "test")
        #expect(back.first?.finalize() == partial.finalize())
        let roles = Set(partial.finalize().mentions.compactMap(\.role))
        #expect(roles.isSuperset(of: [.dateline, .demonym]))
    }
}

@Suite("Names inside other names")
struct PartOfNameTests {
    func mentions(_ text: String) -> [Mention] {
        Fixtures.analyze([(id: "r", text: text)]).mentions
    }

    @Test("A common word capitalised at a sentence's start does not join the name after it: 'In Kabul, …'")
    func sentenceStart() {
        #expect(mentions("In Kabul, officials spoke.").filter { $0.isPlace }.map(\.surface) == ["Kabul"])
        #expect(mentions("From Kabul the road runs north.").filter { $0.isPlace }.map(\.surface) == ["Kabul"])
    }

    @Test("A well-known place's name that begins an organisation's or an office's name is a mention with the role part_of_name")
    func partOfName() {
        let found = mentions("The Washington Post reported that U.S. President Donald Trump met the California Governor.")
        #expect(found.map(\.surface) == ["Washington", "U.S.", "California"])
        #expect(found.allSatisfy { $0.role == .partOfName })
        #expect(found.map(\.place) == ["us/district-of-columbia/washington", "us", "us/california"])
    }

    @Test("A place that is also a first name, before a surname, is a person: no mention at all")
    func peopleAreNotPlaces() {
        #expect(mentions("Paul Brewbaker and Victoria Vivians met Vladimir Putin and Jordan Peterson.").isEmpty)
    }
}

@Suite("Words in capitals")
struct AbbreviationTests {
    @Test("A word in capitals is an abbreviation: a place only as the gazetteer writes it, a large city, or a headline or dateline")
    func abbreviations() {
        let found = Fixtures.analyze([(id: "r", text: "Officials said AMLO, the OAS and IRNA agreed. Troops left the UAE for the DRC.")]).mentions
        #expect(found.map(\.surface) == ["UAE", "DRC"])
        let dateline = Fixtures.analyze([(id: "d", text: "KIGALI, Rwanda / ISTANBUL / DOUALA, Cameroun\nThe city did not fall.")]).mentions
        #expect(dateline.map(\.surface).contains("ISTANBUL"))
    }
}

@Suite("Common words as provinces")
struct CommonWordProvinceTests {
    @Test("A common word names a province only where the text places it: 'in Unity', not 'the Centre for …'")
    func placedOnly() {
        let centre = Fixtures.analyze([(id: "c", text: "The Centre for Strategic Studies said so.")]).mentions
        #expect(!centre.contains { $0.surface == "Centre" })
        let unity = Fixtures.analyze([(id: "u", text: "Fighting spread in Unity and Upper Nile.")]).mentions
        #expect(unity.filter { $0.isPlace }.map(\.place) == ["ss/unity", "ss/upper-nile"])
    }
}
