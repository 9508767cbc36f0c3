import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// Datelines in title case ("Cape Town — The army said…"): where the story was filed from, never a
/// place of its events; a paragraph that opens with a place in a sentence is not one.
@Suite("Datelines in title case")
struct DatelineTests {
    func places(_ body: String) -> (places: [String], datelines: [String]) {
        let a = Fixtures.analyze([(id: "r", text: "Army retakes the town\n\n" + body)])
        return (a.mentions.filter(\.isPlace).map(\.surface), a.mentions.filter { $0.role == .dateline }.map(\.surface))
    }

    @Test("A town, or a town and its country, then a long dash and a capital: a dateline", arguments: [
        ("Nairobi — The Ethiopian army said on Thursday it had retaken Gondar.", "Nairobi"),
        ("Johannesburg – Government forces regained control of Gondar, officials said.", "Johannesburg"),
        ("Dakar, Senegal — Soldiers entered Gondar on Friday.", "Dakar"),
        ("Nairobi: The army said it had retaken Gondar.", "Nairobi"),
    ])
    func titleCase(body: String, town: String) {
        let found = places(body)
        #expect(found.datelines.contains(town), "\(found)")
        #expect(!found.places.contains(town), "\(found)")
        #expect(found.places.contains("Gondar"))
    }

    @Test("In capitals, a town before a double hyphen or a colon is a dateline too", arguments: [
        ("BEIRUT -- Syrian rebels seized Gondar on Saturday, activists said.", "BEIRUT"),
        ("BANGKOK: Rebels said on Saturday they had captured Gondar.", "BANGKOK"),
    ])
    func capitalsWithHyphensOrColon(body: String, town: String) {
        titleCase(body: body, town: town)  // the same expectations: a dateline, not a place; Gondar a place
    }

    @Test("A dateline on the line right after the headline, with no blank line between, is one too")
    func afterHeadlineLine() {
        let a = Fixtures.analyze([(id: "r", text: "Army retakes the town\nNAIROBI — Soldiers entered Gondar on Friday.")])
        #expect(a.mentions.filter { $0.role == .dateline }.map(\.surface) == ["NAIROBI"])
        #expect(a.mentions.filter(\.isPlace).map(\.surface) == ["Gondar"])
    }

    @Test("An outlet's initials after a title-case dateline's place are no part of it")
    func outletInitials() {
        let found = places("Nairobi, MINA – Soldiers entered Gondar on Friday.")
        #expect(found.datelines == ["Nairobi"])
        #expect(found.places == ["Gondar"])
    }

    @Test("A place that opens a sentence, or a dash inside a sentence, is no dateline", arguments: [
        "Nairobi was quiet on Friday as talks resumed.",
        "Officials in Nairobi — and in Addis Ababa — said the talks would resume.",
        "Nairobi — where the talks were held — was quiet.",
    ])
    func notDateline(body: String) {
        let found = places(body)
        #expect(found.datelines.isEmpty, "\(found)")
        #expect(found.places.contains("Nairobi"), "\(found)")
    }

    /// The place of each mention, by its surface.
    func resolved(_ body: String) -> [(surface: String, place: String)] {
        Fixtures.analyze([(id: "r", text: "Crash on the highway\n\n" + body)]).mentions.map { ($0.surface, $0.place) }
    }

    @Test("A US dateline names its state: 'GLASGOW, Ky.' is Glasgow in Kentucky, and Ky. is Kentucky, even with Glasgow named again bare", arguments: [
        ("GLASGOW, Ky. (WBKO) -- One woman has died after being struck by a vehicle near Glasgow.", "Glasgow", "us/kentucky/glasgow", "Ky", "us/kentucky"),
        ("PARIS, Mo. — In 1999, Lynn and Bob Fodge were looking to move their farm near Paris.", "Paris", "us/missouri/paris", "Mo", "us/missouri"),
    ])
    func stateAbbreviation(body: String, town: String, townID: String, state: String, stateID: String) {
        let found = resolved(body)
        let towns = found.filter { $0.surface.lowercased() == town.lowercased() }
        #expect(towns.count == 2 && towns.allSatisfy { $0.place == townID }, "\(found)")
        #expect(found.contains { $0.surface == state && $0.place == stateID }, "\(found)")
    }

    @Test("Two letters with a full stop name a state only after a town and a comma")
    func bareAbbreviation() {
        let found = resolved("Police in the town said the driver was from out of state. Mo. Farah won the race.")
        #expect(!found.contains { $0.place == "us/missouri" }, "\(found)")
    }
}
