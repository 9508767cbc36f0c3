@testable import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// The claim lexicon is data (Sources/Aggregator/Lexicons/claim-lexicon.json) from which
/// Scripts/build-claim-lexicon.py generates ClaimLexicon+Generated*.swift: the two must never drift.
@Suite("Claim lexicon data file")
struct ClaimLexiconDataTests {
    static let path = Fixtures.root + "/Sources/Aggregator/Lexicons/claim-lexicon.json"

    func data() throws -> [String: Any] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.path))
        return try #require(JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    }

    @Test("the data file names its format and an integer version, and the generated Swift is of the same")
    func formatAndVersion() throws {
        let d = try data()
        #expect(d["format"] as? String == "conflictmap-claim-lexicon/1")
        #expect(d["format"] as? String == ClaimLexicon.dataFormat)
        let version = try #require(d["version"] as? Int)
        #expect(version >= 1)
        #expect(version == ClaimLexicon.dataVersion, "regenerate: python3 Scripts/build-claim-lexicon.py")
    }

    @Test("every trigger form in the data file is in the generated table with its action and flags, and nothing else is")
    func triggers() throws {
        let groups = try #require(try data()["triggers"] as? [[String: Any]])
        var forms = Set<String>()
        for g in groups {
            let name = try #require(g["name"] as? String)
            #expect(!(g["description"] as? String ?? "").isEmpty, "trigger group \(name) has no description")
            let action = try #require(ClaimAction(rawValue: g["action"] as? String ?? ""), "trigger group \(name): unknown action")
            for form in try #require(g["forms"] as? [String]) {
                #expect(forms.insert(form).inserted, "\(form) is in two trigger groups")
                let t = try #require(ClaimLexicon.triggers[form], "\(form) (\(name)) is not in the generated table")
                #expect(t.action == action, "\(form)")
                #expect(t.needsObject == (g["needsObject"] as? Bool ?? false), "\(form)")
                #expect(t.ranged == (g["ranged"] as? Bool ?? false), "\(form)")
                #expect(t.presence == (g["presence"] as? Bool ?? false), "\(form)")
                #expect(t.noun == (g["noun"] as? Bool ?? false), "\(form)")
                #expect(String(describing: t.special) == (g["special"] as? String ?? "none"), "\(form)")
            }
        }
        #expect(Set(ClaimLexicon.triggers.keys) == forms)
    }

    @Test("every word set, map and kind set in the data file equals its generated Swift value, and each is described")
    func sets() throws {
        let d = try data()
        let sets = try #require(d["sets"] as? [String: [String: Any]])
        #expect(Set(sets.keys) == Set(ClaimLexicon.generatedSets.keys))
        for (name, s) in sets {
            #expect(!(s["description"] as? String ?? "").isEmpty, "set \(name) has no description")
            let words = try #require(s["words"] as? [String], "set \(name)")
            #expect(Set(words).count == words.count, "set \(name) lists a word twice")
            var expected = Set(words)
            for other in s["includes"] as? [String] ?? [] { expected.formUnion(try #require(sets[other]?["words"] as? [String])) }
            #expect(ClaimLexicon.generatedSets[name] == expected, "set \(name): regenerate with python3 Scripts/build-claim-lexicon.py")
            #expect(words.allSatisfy { $0 == $0.lowercased() }, "set \(name) has a word not in lower case")
        }
        let maps = try #require(d["maps"] as? [String: [String: Any]])
        #expect(Set(maps.keys) == Set(ClaimLexicon.generatedNumberMaps.keys).union(ClaimLexicon.generatedListMaps.keys))
        for (name, m) in maps {
            #expect(!(m["description"] as? String ?? "").isEmpty, "map \(name) has no description")
            if let numbers = m["values"] as? [String: Int] {
                #expect(ClaimLexicon.generatedNumberMaps[name] == numbers, "map \(name)")
            } else {
                let lists = try #require(m["values"] as? [String: [String]], "map \(name)")
                #expect(ClaimLexicon.generatedListMaps[name] == lists, "map \(name)")
            }
        }
        let kindSets = try #require(d["kindSets"] as? [String: [String: Any]])
        #expect(Set(kindSets.keys) == Set(ClaimLexicon.generatedKindSets.keys))
        for (name, k) in kindSets {
            let kinds = try #require(k["kinds"] as? [String], "kind set \(name)")
            #expect(ClaimLexicon.generatedKindSets[name].map { Set($0.map(\.rawValue)) } == Set(kinds), "kind set \(name)")
            #expect(kinds.allSatisfy { PlaceKind(rawValue: $0) != nil }, "kind set \(name) has an unknown place kind")
        }
    }
}
