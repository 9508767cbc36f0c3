import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

@Suite("The name automaton")
struct AutomatonTests {
    static let automaton = NameAutomaton(gazetteer: Fixtures.gazetteer)

    @Test("It holds every name of the full gazetteer (at least 300,000)")
    func size() {
        #expect(Self.automaton.nameCount >= 300_000)
        #expect(Self.automaton.nameCount == Set(Fixtures.gazetteer.normalizedNames.filter { $0.split(separator: " ").count <= 32 }).count)
        #expect(Self.automaton.stateCount > Self.automaton.nameCount / 2)
    }

    /// Text made of gazetteer names, their variants and filler, in many spellings and cases.
    static func sampleTexts() -> [String] {
        var rng = MergeTests.SplitMix(state: 42)
        let names = Fixtures.gazetteer.places.filter { $0.country == "AF" || $0.country == "UA" || $0.country == "SD" }.flatMap(\.allNames)
        let fillers = ["the", "of", "near", "and", "in", "fighting", "Valley", "District", "province", "’s", "-e-", ",", ".", "(", "said", "Mazar-i-Sharif", "Pul-e-Khumri", "I", "A", "Ahmad Shah Massoud"]
        var texts = Fixtures.reports.map(\.text)
        for _ in 0..<30 {
            var words: [String] = []
            for _ in 0..<120 {
                if Bool.random(using: &rng) {
                    var n = names.randomElement(using: &rng)!
                    if Int.random(in: 0..<5, using: &rng) == 0 { n = n.uppercased() }
                    if Int.random(in: 0..<5, using: &rng) == 0 { n = n.lowercased() }
                    words.append(n)
                } else {
                    words.append(fillers.randomElement(using: &rng)!)
                }
            }
            texts.append(words.joined(separator: Bool.random(using: &rng) ? " " : "  "))
        }
        return texts
    }

    @Test("It finds exactly the phrases the gazetteer's name index knows, on real and generated text")
    func sameAsLookups() {
        let finder = MentionFinder(gazetteer: Fixtures.gazetteer, automaton: Self.automaton)
        for text in Self.sampleTexts() {
            let (fromAutomaton, fromLookups) = finder.compareMasks(text)
            #expect(fromAutomaton == fromLookups, "\(text.prefix(200))")
        }
    }

    @Test("Mentions found with the automaton equal those found by lookups, with code-point offsets")
    func sameMentions() {
        let withAutomaton = MentionFinder(gazetteer: Fixtures.gazetteer, automaton: Self.automaton)
        let withLookups = MentionFinder(gazetteer: Fixtures.gazetteer)
        for report in Fixtures.reports {
            let a = withAutomaton.find(in: report)
            let b = withLookups.find(in: report)
            #expect(a.mentions == b.mentions)
            #expect(a.unresolved == b.unresolved)
            let scalars = Array(report.text.unicodeScalars)
            for m in a.mentions {
                #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface)
            }
        }
    }

    @Test("Offsets count code points through emoji, combining marks and Arabic script")
    func offsets() throws {
        let text = "💥 Fighting in Chārīkār and پنجشیر, and near Kabul’s airport."
        let report = Report(id: "u", path: "u", title: "", text: text)
        let found = MentionFinder(gazetteer: Fixtures.gazetteer, automaton: Self.automaton).find(in: report).mentions
        let scalars = Array(text.unicodeScalars)
        #expect(found.count >= 2)
        for m in found { #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.surface) }
        #expect(found.contains { $0.surface == "Kabul" })
    }

    @Test("A tiny gazetteer: overlapping names, connectives, possessives and sentence breaks")
    func tiny() throws {
        let places = [
            Place(id: "x/a", name: "Mazar-i-Sharif", kind: .city, coordinate: .init(latitude: 36.7, longitude: 67.1)),
            Place(id: "x/b", name: "Sharif", kind: .town, coordinate: .init(latitude: 36, longitude: 67)),
            Place(id: "x/c", name: "New Sharif Valley", kind: .valley, coordinate: .init(latitude: 36, longitude: 68)),
        ]
        let g = try Gazetteer(places: places)
        let a = NameAutomaton(gazetteer: g)
        let finder = MentionFinder(gazetteer: g, automaton: a)
        for text in ["In Mazar-e Sharif and New Sharif Valley.", "Mazar Sharif’s streets. Sharif. New. Sharif Valley", "near MAZAR-I-SHARIF and new sharif valley"] {
            let (x, y) = finder.compareMasks(text)
            #expect(x == y, "\(text)")
            #expect(x.contains { $0 != 0 })
        }
    }
}
