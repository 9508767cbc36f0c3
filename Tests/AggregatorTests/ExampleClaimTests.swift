import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// The "done when" list of issue 4, on the five example reports with the actor profiles in `Actors/`.
@Suite("Claims and control in the five example reports")
struct ExampleClaimTests {
    let analysis = Fixtures.claimsAnalysis

    func place(_ id: String) -> PlaceSummary? { analysis.places.first { $0.id == id } }
    func claims(_ ids: [String]) -> [Claim] { analysis.claims.filter { ids.contains($0.place) } }
    func cluster(_ document: String) -> String { analysis.documents.first { $0.id == document }?.sourceCluster ?? document }
    func doc(_ prefix: String) -> String { analysis.documents.first { $0.id.hasPrefix(prefix) }!.id }

    static let panjshir = ["af/panjshir", "af/panjshir/panjshir-valley"]
    static let taliban = "Taliban"
    static let nrf = "National Resistance Front"

    @Test("The syndication clusters are unchanged by the claims: 000, 001, 004 one cluster; 002 and 003 independent")
    func clusters() {
        #expect(cluster(doc("000")) == cluster(doc("001")))
        #expect(cluster(doc("000")) == cluster(doc("004")))
        #expect(Set([cluster(doc("000")), cluster(doc("002")), cluster(doc("003"))]).count == 3)
    }

    @Test("Panjshir (province and valley) is contested")
    func panjshirContested() throws {
        for id in Self.panjshir {
            let p = try #require(place(id), "\(id) is not among the places")
            #expect(p.control.status == .contested, "\(id): \(p.control)")
            #expect(p.control.actor == nil)
            #expect(p.control.confidence > 0.5 && p.control.confidence <= 1)
        }
    }

    @Test("Panjshir's evidence: the Taliban claim three districts, from two independent sources")
    func threeDistricts() {
        let found = claims(Self.panjshir).filter {
            $0.actor == Self.taliban && $0.action == "captured" && $0.quantity == "three districts" && $0.claimant == "self"
        }
        #expect(found.contains { $0.sentence.contains("captured three districts in the valley") && $0.dateText == "on Monday" })
        #expect(found.contains { $0.sentence.contains("taken control of three districts in the valley") })
        #expect(found.allSatisfy { $0.place == "af/panjshir/panjshir-valley" && $0.partial && !$0.denied })
        #expect(Set(found.map { cluster($0.document) }).count == 2, "copies count once: \(found.map(\.document))")
    }

    @Test("Panjshir's evidence: the NRF holds it, and pushed the Taliban back")
    func nrfHolds() {
        let nrf = claims(Self.panjshir).filter { $0.actor == Self.nrf && !$0.denied }
        #expect(nrf.contains { $0.action == "holds" && $0.sentence.contains("holding their ground in the valley") })
        #expect(nrf.contains { $0.action == "holds" && $0.sentence.contains("last province in Afghanistan holding out") })
        let pushed = nrf.filter { $0.trigger.contains("pushed back") }
        #expect(pushed.contains { $0.sentence.contains("Taliban forces reached the border of Panjshir but were pushed back") && $0.claimant == "self" })
    }

    @Test("Panjshir's evidence: the rumoured fall of the valley, hedged and denied")
    func rumouredFall() throws {
        let rumour = try #require(claims(Self.panjshir).first { $0.sentence.hasPrefix("Rumors spread Friday") })
        #expect(rumour.actor == Self.taliban)
        #expect(rumour.action == "captured")
        #expect(rumour.place == "af/panjshir/panjshir-valley")
        #expect(rumour.hedged && rumour.hedges.contains("Rumors"))
        #expect(rumour.denied && rumour.deniedBy == "militia forces")
        #expect(rumour.claimant == "third_party")
        #expect(rumour.dateText == "Friday")
    }

    @Test("Shatal and Shotul are one place, with the Taliban's presence and attack claims and the NRF's 'pushed back … reclaimed'")
    func shatal() throws {
        let shutul = try #require(place("af/panjshir/shutul"))
        let found = claims([shutul.id])
        #expect(Set(found.map(\.placeText)).isSuperset(of: ["Shatal", "Shotul district"]))
        // Presence: the Taliban's own video shows its fighters there (hedged: "appeared to").
        #expect(found.contains { $0.actor == Self.taliban && $0.action == "holds" && $0.partial && $0.claimant == "self" && $0.hedges.contains("appeared to") })
        // Fighting around Shatal, reported by an NRF commander: the Taliban are there.
        #expect(found.contains { $0.actor == Self.taliban && ($0.action == "contested" || $0.action == "attacked") && $0.claimant == "opponent" && $0.sentence.contains("fighting was taking place around the Shatal district") })
        // The NRF pushed them back and reclaimed the area.
        let regained = try #require(found.first { $0.actor == Self.nrf && $0.action == "regained" })
        #expect(regained.trigger.contains("pushed back") && regained.trigger.contains("reclaimed"))
        #expect(regained.claimant == "self" && regained.source?.contains("NRF") == true)
        #expect(shutul.sources == 2)
        #expect(shutul.control.status == .contested)
    }

    @Test("Kabul: the Taliban took control on 15 August")
    func kabul() throws {
        let kabul = try #require(place("af/kabul/kabul/kabul"))
        let taken = try #require(claims([kabul.id]).first { $0.action == "captured" })
        #expect(taken.actor == Self.taliban)
        #expect(taken.date == "2021-08-15")
        #expect(taken.claimant == "reporter")
        #expect(kabul.control.status == .claimed && kabul.control.actor == Self.taliban)
        // "north of Kabul" and the USSR in the 1980s are not claims about Kabul.
        #expect(claims([kabul.id]).count == 1)
    }

    @Test("Parwan and Badakhshan: Taliban attacks came from there, according to a Taliban source")
    func parwanBadakhshan() throws {
        for id in ["af/parwan", "af/badakhshan"] {
            let c = try #require(claims([id]).first, "no claim about \(id)")
            #expect(c.actor == Self.taliban)
            #expect(c.action == "attacked")
            #expect(c.role == .origin)
            #expect(c.claimant == "self")
            #expect(c.source == "A Taliban source")
            #expect(claims([id]).count == 1)
        }
        // The attack's target is Panjshir, in the same claim sentence.
        #expect(claims(["af/panjshir"]).contains { $0.role == .target && $0.source == "A Taliban source" && $0.action == "attacked" })
    }

    @Test("Charikar has mentions only: the talks held there are not a claim of control")
    func charikar() throws {
        let charikar = try #require(place("af/parwan/charikar/charikar"))
        #expect(charikar.mentions == 3)
        #expect(claims([charikar.id]).isEmpty)
        #expect(charikar.control == .none)
    }

    @Test("Hedges are carried: 'CNN has not independently verified', and the rumour that was denied")
    func hedges() {
        let verified = analysis.claims.filter { $0.hedges.contains("CNN has not independently verified") }
        #expect(!verified.isEmpty)
        #expect(verified.allSatisfy { $0.hedged && $0.sentence.contains("attempts to enter Panjshir") })
        #expect(Set(verified.map(\.document)).count == 2, "both copies that carry the sentence: \(verified.map(\.document))")
        #expect(analysis.claims.contains { $0.hedged && $0.denied && $0.hedges.contains("Rumors") })
        #expect(analysis.claims.contains { $0.hedges.contains("It was not immediately possible to get independent confirmation") })
    }

    @Test("Every claim's offsets give its sentence, and its words come from the vocabularies")
    func wellFormed() {
        #expect(analysis.claims.count >= 30)
        for c in analysis.claims {
            let report = Fixtures.reports.first { $0.id == c.document }!
            let scalars = Array(report.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[c.start..<c.end])) == c.sentence)
            #expect(c.actionKind != nil && c.claimantKind != nil, "\(c.action) \(c.claimant)")
            #expect(analysis.places.contains { $0.id == c.place })
            #expect(c.hedged == !c.hedges.isEmpty)
            #expect(!c.denied || c.deniedBy != nil)
        }
    }

    @Test("History is not a claim: the Soviets, the USSR and the 1990s leave none")
    func history() {
        for c in analysis.claims {
            #expect(!c.sentence.contains("1980s") && !c.sentence.contains("1989") && !c.sentence.contains("late 1990s"), "\(c.sentence)")
            #expect(![ "Soviet forces", "Soviet army", "USSR"].contains(c.actor))
        }
    }

    @Test("Claims name only actors of the profile that fits the reports")
    func actors() {
        #expect(Set(analysis.claims.map(\.actor)).isSubset(of: [Self.taliban, Self.nrf, "Afghan National Defense and Security Forces"]))
        #expect(place("af/kabul/kabul/kabul")?.control.colour == "#D55E00")
    }

    @Test("The mention counts are kept apart from the control confidence")
    func mentionsSeparate() throws {
        let valley = try #require(place("af/panjshir/panjshir-valley"))
        #expect(valley.mentions > 10)
        #expect(valley.claims == claims([valley.id]).count)
        // The same mentions, sources and documents as the analysis without actor profiles.
        let plain = try #require(Fixtures.analysis.places.first { $0.id == valley.id })
        #expect((plain.mentions, plain.documents, plain.sources) == (valley.mentions, valley.documents, valley.sources))
    }
}
