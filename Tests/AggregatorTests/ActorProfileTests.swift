import Aggregator
import Foundation
import Testing
import TestSupport

@Suite("Actor profiles")
struct ActorProfileTests {
    static let okabeIto: Set<String> = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]

    @Test("Afghanistan 2021 and at least two other wars, each with two or more sides in Okabe–Ito colours")
    func shipped() throws {
        let profiles = Fixtures.actors.profiles
        #expect(profiles.count >= 3)
        let afghanistan = try #require(profiles.first { $0.id == "afghanistan-2021" })
        let names = Set(afghanistan.sides.map(\.name))
        #expect(names.isSuperset(of: ["Taliban", "National Resistance Front"]))
        let nrf = try #require(afghanistan.sides.first { $0.id == "nrf" })
        for alias in ["NRF", "resistance forces", "anti-Taliban forces", "Northern Alliance"] { #expect(nrf.aliases.contains(alias)) }
        #expect(afghanistan.sides.contains { $0.aliases.contains("ANDSF") })
        #expect(profiles.contains { $0.id == "ukraine-2022" } && profiles.contains { $0.id == "sudan-2023" })
        for p in profiles {
            #expect(p.sides.count >= 2, "\(p.id)")
            let colours = p.sides.map { $0.colour.uppercased() }
            #expect(Set(colours).count == colours.count, "\(p.id): two sides share a colour")
            #expect(Set(colours).isSubset(of: Self.okabeIto), "\(p.id): \(colours)")
            #expect(p.sides.allSatisfy { side in p.sides.contains { p.opposed(side.id, $0.id) } }, "\(p.id): a side without an opponent")
        }
    }

    @Test("A broken profile is refused with the file's name")
    func broken() throws {
        let dir = try Fixtures.temporaryFolder("actors")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bad = #"{"format":"conflictmap-actors/1","id":"x","sides":[{"id":"a","name":"A","colour":"red","aliases":[]}]}"#
        try Data(bad.utf8).write(to: URL(fileURLWithPath: dir + "/x.json"))
        #expect(throws: AggregatorError.self) { try ActorProfiles.load(from: dir + "/x.json") }
        do {
            _ = try ActorProfiles.load(from: dir)
        } catch {
            #expect(error.file?.hasSuffix("x.json") == true && error.reason.contains("colour"))
        }
    }

    @Test("The profile is chosen by proper names: generic words ('government forces') do not pick a war")
    func choice() {
        let text = "Government forces recaptured the town of Hays from the rebels last week, a military spokesman said."
        let analysis = Fixtures.analyze([(id: "ye", text: text)], date: "2024-01-10")
        #expect(!analysis.claims.contains { $0.actor.contains("Afghan") })
    }
}
