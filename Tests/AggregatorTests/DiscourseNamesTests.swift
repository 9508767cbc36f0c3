import Aggregator
import Foundation
import Testing
import TestSupport

/// Names whose meaning the rest of the report settles: a town the text once locates by its unit,
/// a person it once names in full, a small town no other place of the report is near, and a
/// town's other name that only another language, or an article, makes look like one.
@Suite("Names the report settles")
struct DiscourseNamesTests {
    func places(_ text: String) -> [(surface: String, place: String)] {
        Fixtures.analyze([(id: "r", text: text)]).mentions.filter(\.isPlace).map { ($0.surface, $0.place) }
    }

    @Test("A town the text locates once by its unit is that town where it is named again bare")
    func statedTownNamedAgain() {
        let found = places("Deputies in Paris, Tenn., arrested two men on Friday. A Paris firefighter was hurt.")
        #expect(found.filter { $0.surface == "Paris" }.map(\.place) == ["us/tennessee/paris", "us/tennessee/paris"])
        // Without the unit, the bare name is the capital.
        #expect(places("A Paris firefighter was hurt.").map(\.place) == ["fr/paris/paris"])
    }

    @Test("A person named in full is that person where the report names them by one word")
    func personNamedAgain() {
        let found = places("Jordan Whitaker scored twice on Saturday. Jordan said the squad had trained hard all winter.")
        #expect(found.isEmpty)
        // Where the text places the word, it is the country again.
        let placed = places("Jordan Whitaker scored twice on Saturday, then trained in Jordan.")
        #expect(placed.map(\.place) == ["jo"])
    }

    @Test("A first name written alone before a speech verb is a speaker, where it names only a town")
    func speakerNamedAlone() {
        let text = "A couple from Melville, Sask. lost their cat on a train from Winnipeg to Edmonton. "
            + "\"They are identical,\" Brent told CTV Edmonton."
        let found = places(text)
        #expect(!found.contains { $0.surface == "Brent" })
        // With the London borough gone, Edmonton is the city in Alberta, as Winnipeg and Saskatchewan say.
        #expect(!found.filter { $0.surface == "Edmonton" }.isEmpty)
        #expect(found.filter { $0.surface == "Edmonton" }.allSatisfy { $0.place == "ca/alberta/edmonton" })
        // After a preposition the name is a place: "Footage from Lyman shows" is Lyman.
        #expect(places("Footage from Lyman shows destroyed buildings.").map(\.place) == ["ua/donetsk/lyman"])
        // A country speaks through its government: "Jordan said" is still Jordan.
        #expect(places("Jordan said on Monday it would reopen the crossing with Syria.").map(\.place).contains("jo"))
        // Without a speech verb, the bare word is left to the rules for places.
        #expect(places("Flooding closed roads in Brent and Harrow, in north-west London.").contains { $0.surface == "Brent" })
    }

    @Test("'The Atlantic' is the ocean, not Atlantic, Iowa; a direction after 'the' is not a sea")
    func seaByItsWord() {
        #expect(places("Storms form over the tropical Atlantic each summer.").map(\.place) == ["atlantic-ocean"])
        #expect(places("Ships crossed the Atlantic, then the eastern Mediterranean.").map(\.place) == ["atlantic-ocean", "mediterranean-sea"])
        #expect(places("Sea ice is thinning in the Arctic.").map(\.place) == ["arctic-ocean"])
        #expect(!places("Troops moved into the North on Monday.").contains { $0.place.hasSuffix("sea") })
        #expect(!places("The Atlantic Council said so.").contains { $0.place == "atlantic-ocean" })
        #expect(places("He grew up in Atlantic, Iowa.").first?.place == "us/iowa/atlantic")
        // Land after the sea's word is land: "the Arabian peninsula", "the Andaman islands".
        #expect(!places("They crossed the Arabian peninsula and the Andaman islands.").contains { $0.place.hasSuffix("-sea") })
    }

    @Test("A compass word the gazetteer does not join to a name is read apart; a part of a continent is no place")
    func compassWords() {
        #expect(places("Fighters occupy Northern Mali.").map(\.place) == ["ml"])
        #expect(places("Rains hit South Florida on Monday.").map(\.place) == ["us/florida"])
        // The gazetteer's own joined names stand ("Western Sahara", "North Korea").
        #expect(places("He visited Western Sahara and North Korea.").map(\.place) == ["eh", "kp"])
        // No point stands for "North Africa", "Western Europe" or "northern Europe".
        #expect(places("Leaders from North Africa met in Western Europe and in northern Europe.").isEmpty)
    }

    @Test("A small town far from every other place the report names is a word, not the town")
    func farSmallTown() {
        let found = places("The Olympic bronze medallist trained in Toronto and Montreal before the season.")
        #expect(found.map(\.surface) == ["Toronto", "Montreal"])
        // In a report on its own country, the town stands.
        let german = places("Floods cut roads across Germany on Monday; Heiden and Borken were cut off.")
        #expect(german.map(\.surface).contains("Heiden"))
    }

    @Test("A town's other name is not the town after 'the', nor unplaced in a report on another country")
    func townsOtherNames() {
        // "White House" is another name of Casablanca (Dar el Beida); with the article it is not.
        let found = places("Aides at the White House said talks in Geneva would resume next week.")
        #expect(found.map(\.surface) == ["Geneva"])
        #expect(places("Talks resumed in Geneva. The White House said on Friday that they went well.").map(\.surface) == ["Geneva"])
        // Unplaced, in a report on another country, a small town's other name is not the town.
        #expect(places("Chen told reporters in Massachusetts that the shares were sold in March.").map(\.surface) == ["Massachusetts"])
        // Placed, it is ("Douma" is another name of Duma, beside Damascus).
        #expect(places("Shelling was reported in Douma, east of Damascus.").map(\.place).first == "sy/rif-dimashq/duma")
        // A million-people city's other name, unplaced, is still the city.
        #expect(places("Flights to Bombay were cancelled.").map(\.place).allSatisfy { $0.hasSuffix("/mumbai") })
    }
}
