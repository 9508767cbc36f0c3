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
    ])
    func titleCase(body: String, town: String) {
        let found = places(body)
        #expect(found.datelines.contains(town), "\(found)")
        #expect(!found.places.contains(town), "\(found)")
        #expect(found.places.contains("Gondar"))
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
}
