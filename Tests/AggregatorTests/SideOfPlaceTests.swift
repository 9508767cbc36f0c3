import Aggregator
import Testing
import TestSupport

/// A place named after a direction word without an article is a part of it: a claim about it is
/// partial (the map does not shade the whole province).
@Suite("Claims about a side of a place")
struct SideOfPlaceTests {
    func provinceClaims(_ text: String) -> [Claim] {
        let a = Fixtures.analyze([(id: "r", text: text)], date: "2022-09-10")
        let provinces = Set(a.places.filter { $0.precision == .province }.map(\.id))
        return a.claims.filter { provinces.contains($0.place) }
    }

    @Test("'forces in northern Kharkiv Oblast withdrew' is about part of the oblast; 'the eastern Kharkiv Oblast' is all of it")
    func sideOfPlace() {
        let part = provinceClaims("Russian forces in northern Kharkiv Oblast withdrew on Friday, the ministry said.")
        #expect(!part.isEmpty && part.allSatisfy(\.partial), "\(part.map { "\($0.actor) \($0.action) \($0.place) \($0.partial)" })")
        let whole = provinceClaims("Russian forces withdrew from the eastern Kharkiv Oblast on Friday, the ministry said.")
        #expect(whole.contains { $0.action == "withdrew" && !$0.partial }, "\(whole.map { "\($0.actor) \($0.action) \($0.place) \($0.partial)" })")
    }
}

extension SideOfPlaceTests {
    @Test("'in control of certain parts of the town' after naming the town: a partial holding of the report's own town, not of a foreign city named in passing")
    func partsOfTheTown() {
        let text = """
            Fighting broke out in Gondar on Tuesday, residents said. The clashes came a year after a peace deal \
            signed in Nairobi. Gondar was calm on Monday. "The militia is in control of certain parts of the town," a resident said.
            """
        let a = Fixtures.analyze([(id: "r", text: text)], date: "2023-11-08")
        let held = a.claims.filter { $0.action == "holds" }
        #expect(!held.contains { $0.place.hasPrefix("ke/") }, "\(held.map { "\($0.actor) \($0.place)" })")
        #expect(!held.contains { $0.place.hasSuffix("gondar") && !$0.partial })
    }
}
