import Foundation
import Testing
import TestSupport

@testable import Aggregator

/// The example corpus of one offensive, 27 November – 8 December 2024, dated from its file names.
enum OffensiveFixture {
    static let reports: [Report] = {
        let folder = Fixtures.root + "/Examples/syria-2024-offensive"
        guard let read = try? ReportReader().read(paths: [folder]) else { return [] }
        return read.reports
    }()

    static let analysis: Analysis = Fixtures.claimsAnalyzer.analyze(reports)
}

@Suite("Time: the analysis as of a day, and what changed since")
struct AsOfTests {
    @Test("Every report of the dated example corpus has a date, from 27 November to 8 December 2024")
    func corpusIsDated() throws {
        let analysis = OffensiveFixture.analysis
        #expect(analysis.documents.count >= 20)
        #expect(analysis.undatedDocuments == 0)
        #expect(analysis.dateRange?.first == "2024-11-27" && analysis.dateRange?.last == "2024-12-08")
        #expect(analysis.days().count == 12)
        #expect(analysis.days(every: 7) == ["2024-11-27", "2024-12-04", "2024-12-08"])
    }

    @Test("As of a day: only the reports dated by then, only claims not dated later, and their places alone")
    func asOfLeavesOutLaterReports() throws {
        let whole = OffensiveFixture.analysis
        for day in ["2024-11-29", "2024-12-03", "2024-12-06"] {
            let at = try #require(whole.asOf(day))
            let expected = whole.documents.filter { ($0.date ?? "9999") <= day }.map(\.id)
            #expect(at.documents.map(\.id) == expected)
            #expect(!at.documents.isEmpty && at.documents.count < whole.documents.count)
            let kept = Set(expected)
            #expect(at.claims.allSatisfy { kept.contains($0.document) && ($0.date ?? day) <= day })
            #expect(at.mentions.allSatisfy { kept.contains($0.document) })
            // A place is listed only if a kept report names it, and its counts are those reports' alone.
            for p in at.places {
                let mentions = at.mentions.filter { $0.place == p.id && $0.isPlace }
                #expect(p.mentions == mentions.count)
                #expect(p.documents == Set(mentions.map(\.document)).count)
            }
        }
        // Damascus falls on 8 December: as of 3 December no claim is about it.
        let early = try #require(whole.asOf("2024-12-03"))
        #expect(!early.claims.contains { $0.place == "sy/damascus/damascus" })
        #expect(whole.claims.contains { $0.place == "sy/damascus/damascus" })
    }

    @Test("As of the last day, the analysis scores every place as the whole analysis does")
    func asOfLastDayIsTheWhole() throws {
        let whole = OffensiveFixture.analysis
        let at = try #require(whole.asOf("2024-12-08"))
        #expect(at.documents == whole.documents)
        #expect(at.claims == whole.claims)
        #expect(at.places.map(\.id) == whole.places.map(\.id))
        for (a, b) in zip(at.places, whole.places) {
            #expect(a.mentions == b.mentions && a.sources == b.sources && a.claims == b.claims)
            #expect(a.control.status == b.control.status && a.control.actor == b.control.actor, "\(a.id)")
            #expect(abs(a.control.confidence - b.control.confidence) < 0.002, "\(a.id)")
        }
        #expect(whole.asOf("2024-02-30") == nil)
    }

    @Test("Changes: a place taken after the first day is an advance, with the side after and the claims since")
    func changesSince() throws {
        let whole = OffensiveFixture.analysis
        let changes = try #require(whole.changes(since: "2024-12-06", until: "2024-12-08"))
        #expect(changes.since == "2024-12-06" && changes.until == "2024-12-08")
        let damascus = try #require(changes.change(at: "sy/damascus/damascus"))
        #expect(damascus.kind == .advance)
        #expect(damascus.before.status == .none && damascus.after.actor == "Hayat Tahrir al-Sham")
        #expect(!damascus.claims.isEmpty)
        // From the end of a day to the end of the same day nothing is new, and a period that ends
        // before it starts is refused.
        #expect(whole.changes(since: "2024-12-08", until: "2024-12-08")?.changes.isEmpty == true)
        #expect(whole.changes(since: "2024-12-08", until: "2024-12-01") == nil)
        // The JSON names the kinds as the layout does.
        let json = String(decoding: try changes.jsonData(), as: UTF8.self)
        #expect(json.contains("\"kind\" : \"advance\""))
    }

    @Test("Changes of every kind the corpus has: contested, an advance claimed by a side alone, new claims")
    func changeKinds() throws {
        let changes = try #require(OffensiveFixture.analysis.changes(since: "2024-12-05", until: "2024-12-06"))
        let homs = try #require(changes.change(at: "sy/homs-hims/homs"))
        #expect(homs.kind == .contested && homs.before.status == .none && homs.after.status == .contested)
        let mayadin = try #require(changes.change(at: "sy/dayr-az-zawr/al-mayadin"))
        #expect(mayadin.kind == .advance && !mayadin.assessed, "only its opponent says the SDF took it")
        // Every advance rests on a claim made since of its side taking the place.
        let fresh = OffensiveFixture.analysis.claimsMade(after: "2024-12-05")
        for c in changes.changes where c.kind == .advance {
            #expect(fresh.contains { $0.place == c.place && c.claims.contains($0.claimID) })
        }
    }

    @Test("A capture overtakes what was said before it: retaken four days later, the town is the army's, not contested")
    func captureOvertakesOlderClaims() throws {
        func kidal(_ first: String?, _ second: String?, recapture: String = "recaptured") -> ControlAssessment? {
            let reports = [
                Report(id: "taken", path: "taken.txt", title: "", text: "Tuareg-led rebels captured the town of Kidal in northern Mali on "
                       + "Friday, residents and a local official told Reuters.", date: first),
                Report(id: "retaken", path: "retaken.txt", title: "", text: "Mali's army \(recapture) the northern town of Kidal from "
                       + "separatist rebels on Tuesday, the country's interim president said.", date: second),
            ]
            return Fixtures.claimsAnalyzer.analyze(reports).places.first { $0.id == "ml/kidal/kidal" }?.control
        }
        let dated = try #require(kidal("2023-11-10", "2023-11-14"))
        #expect(dated.status == .claimed && dated.actor == "Malian armed forces", "\(dated)")
        // Undated, nothing says which came first: contested, as before.
        #expect(kidal(nil, nil)?.status == .contested)
        // The other way round, the rebels' capture is the later one.
        #expect(kidal("2023-11-14", "2023-11-10")?.actor == "Tuareg-led rebels")
        // A hedged recapture overtakes nothing.
        #expect(kidal("2023-11-10", "2023-11-14", recapture: "reportedly recaptured")?.status == .contested)
    }

    @Test("A side's own attacks on a place it holds contest nothing; another side's attacks do")
    func ownAttacksContestNothing() throws {
        func geneina(_ attack: String) -> ControlAssessment? {
            let reports = [
                Report(id: "held", path: "held.txt", title: "", text: "The Rapid Support Forces have taken control of El Geneina, "
                       + "the capital of West Darfur, the group said on Saturday.", date: "2023-06-17"),
                Report(id: "attacks", path: "attacks.txt", title: "", text: attack, date: "2023-06-17"),
            ]
            return Fixtures.claimsAnalyzer.analyze(reports).places.first { $0.id == "sd/western-darfur/al-junaynah" }?.control
        }
        let own = try #require(geneina("Aid workers said the RSF began attacking El Geneina earlier this week."))
        #expect(own.status == .claimed && own.actor == "Rapid Support Forces", "\(own)")
        let other = try #require(geneina("Aid workers said the Sudanese army began attacking El Geneina earlier this week."))
        #expect(other.status == .contested, "\(other)")
    }

    @Test("A claim in a later report retelling an event dated before the first day is no new claim")
    func retoldEventsAreNotNew() throws {
        let whole = OffensiveFixture.analysis
        let since = "2024-11-30"
        let fresh = whole.claimsMade(after: since)
        #expect(!fresh.isEmpty)
        let dates = Dictionary(whole.documents.map { ($0.id, $0.date ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(fresh.allSatisfy { (dates[$0.document] ?? "") > since && ($0.date ?? "9999") > since })
        let retold = whole.claims.filter { (dates[$0.document] ?? "") > since && ($0.date ?? "9999") <= since }
        #expect(!retold.isEmpty, "reports of 1 December tell of fighting on Saturday 30 November")
        #expect(retold.allSatisfy { !fresh.contains($0) })
    }
}
