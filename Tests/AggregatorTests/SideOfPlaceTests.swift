@testable import Aggregator
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

/// A country's adjective with a word of its armed opponents between it and the group noun names
/// the opponents ("Syrian rebel forces"), and a bracketed abbreviation joined to a word is no wire
/// dateline ("Hay'et Tahrir al-Sham (HTS)-led rebels").
@Suite("Opponents named with a country's adjective")
struct OpponentAdjectiveTests {
    @Test("'Syrian rebel forces entered Idlib' is not the Syrian government's capture")
    func rebelForces() {
        let a = Fixtures.analyze([(id: "r", text: "Syrian rebel forces entered the city of Idlib on Friday, witnesses said.")], date: "2024-11-29")
        #expect(!a.claims.contains { $0.actor.contains("government") }, "\(a.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
        let army = Fixtures.analyze([(id: "r", text: "Syrian army forces entered the city of Idlib on Friday, witnesses said.")], date: "2024-11-29")
        #expect(army.claims.contains { $0.actor.contains("government") }, "\(army.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
    }

    @Test("'(HTS)-led rebels' in a report's text is no outlet")
    func ledIsNoOutlet() {
        #expect(OutletFinder.outlet(title: "Rebels seize Aleppo", text: "Syria: Hay'et Tahrir al-Sham (HTS)-led rebels seized Aleppo.") == nil)
        #expect(OutletFinder.outlet(title: "Rebels seize Aleppo", text: "BEIRUT (Reuters) - Rebels seized Aleppo.") == "Reuters")
    }
}

extension SideOfPlaceTests {
    @Test("'captured the town of Xyzville in North Kivu' (a town the gazetteer lacks) is a partial claim on the province, not its capture")
    func townInProvince() {
        let claims = provinceClaims("M23 rebels captured the mining town of Xyzvillekoro in North Kivu on Tuesday, residents said.")
        #expect(!claims.contains { !$0.partial }, "\(claims.map { "\($0.actor) \($0.action) \($0.place) \($0.partial)" })")
        let villages = provinceClaims("M23 rebels captured several villages in North Kivu on Tuesday, residents said.")
        #expect(!villages.contains { !$0.partial }, "\(villages.map { "\($0.actor) \($0.action) \($0.place) \($0.partial)" })")
    }
}
