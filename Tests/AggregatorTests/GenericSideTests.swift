@testable import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// Issue 12 item 3: generic words ("rebels", "security forces") and other ways of writing a side
/// resolve to the war's side when its profile makes that unambiguous; without a profile, a
/// report's actors are grouped into sides.
@Suite("Sides: generic words, head nouns, and grouping without a profile")
struct GenericSideTests {
    /// Each actor reference of a report as written, with the name of its actor (`nil`: none).
    func actors(_ text: String, profiles: ActorProfiles = Fixtures.actors, date: String = "2025-01-28") throws -> (profile: String?, refs: [(written: String, actor: String?)]) {
        var report = try #require(ReportReader().parse(Data(text.utf8), path: "report.txt").0.first)
        report.date = date
        let tokens = Tokenizer.tokenize(report.text)
        let (found, _) = Fixtures.claimsAnalyzer.finder.find(in: tokens, document: report.id)
        var reader = DocumentReader(report: report, text: tokens, mentions: found, gazetteer: Fixtures.gazetteer, profiles: profiles)
        reader.findActors()
        return (reader.profile?.id, reader.actorRefs.map { (written: $0.written, actor: $0.actor?.name) })
    }

    /// The actor of the references written `words` (in any case); fails when none or several.
    func actor(_ r: (profile: String?, refs: [(written: String, actor: String?)]), _ words: String,
               sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let found = r.refs.filter { $0.written.lowercased() == words.lowercased() }
        #expect(!found.isEmpty, "no reference written '\(words)' in \(r.refs.map(\.written))", sourceLocation: sourceLocation)
        let names = Set(found.map { $0.actor ?? "-" })
        #expect(names.count <= 1, "'\(words)' is several actors: \(names)", sourceLocation: sourceLocation)
        return found.first?.actor
    }

    @Test("DR Congo: rebels, rebel forces and insurgents are the M23; the DRC army and security forces are the Congolese army")
    func drc() throws {
        let r = try actors("""
            Rebels seize Sake near Goma
            Rebels seized Sake on Monday. The M23 said it controlled the town. Rebel forces later entered Goma, while the DRC army \
            withdrew and security forces fled. The insurgents met little resistance. ADF rebels attacked Beni.
            """)
        #expect(r.profile == "drc-m23-2022")
        #expect(actor(r, "Rebels") == "M23")
        #expect(actor(r, "Rebel forces") == "M23")
        #expect(actor(r, "insurgents") == "M23")
        #expect(actor(r, "DRC army") == "Congolese army")
        #expect(actor(r, "security forces") == "Congolese army")
        // Another group's rebels are not the M23.
        #expect(actor(r, "ADF rebels") != "M23")
    }

    @Test("Syria: insurgents and anti-Assad forces are HTS; security forces are the government's")
    func syria() throws {
        let r = try actors("""
            Insurgents enter Aleppo
            Insurgents led by Hayat Tahrir al-Sham entered Aleppo on Friday. Anti-Assad forces also took Saraqeb, and security forces \
            withdrew from the city.
            """)
        #expect(r.profile == "syria-2024")
        #expect(actor(r, "Insurgents") == "Hayat Tahrir al-Sham")
        #expect(actor(r, "Anti-Assad forces") == "Hayat Tahrir al-Sham")
        #expect(actor(r, "security forces") == "Syrian government forces")
    }

    @Test("Myanmar: security forces are the junta, anti-coup fighters the PDF; 'rebel forces' could be any ethnic army, so no side")
    func myanmar() throws {
        let r = try actors("""
            Rebels take Lashio
            The Myanmar National Democratic Alliance Army (MNDAA) and the Ta'ang National Liberation Army said they had taken the town. \
            Rebel forces captured Lashio, where security forces had retreated. Anti-coup fighters attacked Mogok.
            """)
        #expect(r.profile == "myanmar-2021")
        #expect(actor(r, "security forces") == "Myanmar military")
        #expect(actor(r, "Anti-coup fighters") == "People's Defence Force")
        let sides = Set(try #require(Fixtures.actors.profiles.first { $0.id == "myanmar-2021" }).sides.map(\.name))
        #expect(!sides.contains(actor(r, "Rebel forces") ?? ""))
    }

    @Test("Ethiopia: 'the militia forces' after 'Fano militia' are Fano, not a side of their own")
    func ethiopia() throws {
        let r = try actors("""
            Fano fighters leave Lalibela
            Fano militia forces withdrew from Lalibela on Sunday after a day under the control of the militia forces, the Ethiopian \
            army said.
            """)
        #expect(r.profile == "ethiopia-2020")
        #expect(actor(r, "Fano militia forces") == "Fano and Amhara militias")
        let refs = r.refs.filter { $0.written.lowercased() == "militia forces" }
        #expect(!refs.isEmpty && refs.allSatisfy { $0.actor == "Fano and Amhara militias" }, "\(r.refs)")
    }

    @Test("A war's profile reads only reports on its countries and, when dated, in its period")
    func profileFits() throws {
        // Russia is named, but the report is about Syria: not read with Ukraine's sides.
        let douma = "Douma\nRussian military police were deployed in the Syrian town of Douma near Damascus, Russia's defence ministry said."
        #expect(try actors(douma, date: "2018-04-12").profile == nil)
        #expect(try actors(douma, date: "2024-12-08").profile == nil)
        // With a Syrian side named, Syria's profile reads it in its period, and not in 2018.
        let hts = douma + " Hayat Tahrir al-Sham fighters left the town."
        #expect(try actors(hts, date: "2024-12-08").profile == "syria-2024")
        #expect(try actors(hts, date: "2018-04-12").profile == nil)
        // A report on Iraq that names Syria once is not read with Syria's sides.
        let ramadi = try actors("Ramadi falls\nIslamic State fighters seized Ramadi and Fallujah in Iraq's Anbar province, as they did in Syria.",
                                date: "2024-12-08")
        #expect(ramadi.profile == nil)
    }

    @Test("Other profiles' generic words: Sudan's paramilitaries, Afghanistan's insurgents, Yemen's rebels")
    func otherProfiles() throws {
        let sudan = try actors("RSF advance\nThe Rapid Support Forces said paramilitaries took Wad Madani as government troops withdrew.")
        #expect(actor(sudan, "paramilitaries") == "Rapid Support Forces")
        #expect(actor(sudan, "government troops") == "Sudanese Armed Forces")
        // (Dated in the Afghanistan profile's period, 2021: a report of 2025 is not read with its sides.)
        let afghanistan = try actors("Taliban advance\nThe Taliban said insurgents had taken Kunduz.", date: "2021-08-08")
        #expect(actor(afghanistan, "insurgents") == "Taliban")
        let yemen = try actors("Fighting in Marib\nThe Houthis said rebels had taken Marib from Yemeni government forces.")
        #expect(actor(yemen, "rebels") == "Houthis")
    }

    @Test("Forces loyal to a side's leader are the side")
    func loyalTo() throws {
        let r = try actors("Libya fighting\nForces loyal to Khalifa Haftar captured Sirte on Monday.")
        #expect(actor(r, "Forces loyal to Khalifa Haftar") == "Libyan National Army")
    }

    @Test("Without a profile: an acronym and its name, head nouns, and bare descriptions are one side each")
    func noProfile() throws {
        let r = try actors("""
            Fighting in Darfur
            On Monday, Rapid Support Forces attacked El Fasher. Later, RSF fighters withdrew from the town, and RSF troops regrouped             near Tawila. Security forces and government troops retook the base. In the east, rebel forces and rebels from the hills             attacked a convoy.
            """, profiles: ActorProfiles())
        #expect(r.profile == nil)
        let rsf = actor(r, "Rapid Support Forces")
        #expect(rsf != nil, "\(r.refs)")
        #expect(actor(r, "RSF fighters") == rsf)
        #expect(actor(r, "RSF troops") == rsf)
        #expect(actor(r, "Security forces") == actor(r, "government troops"))
        #expect(actor(r, "Security forces") != rsf)
        #expect(actor(r, "rebel forces") == "Rebel forces")
    }

    @Test("The loader rejects an unknown key and a generic word of two sides, with line and column")
    func loaderChecks() throws {
        let dir = try Fixtures.temporaryFolder("generic-actors")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func side(_ id: String, _ extra: String) -> String {
            "{\"id\": \"\(id)\", \"name\": \"\(id.uppercased())\", \"colour\": \"#D55E00\", \"aliases\": [\"\(id) troops\"]\(extra)}"
        }
        func write(_ sides: String) throws -> String {
            let path = dir + "/p.json"
            try Data("{\"format\": \"conflictmap-actors/1\", \"id\": \"p\",\n\"sides\": [\n\(sides)]}".utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let misspelt = try write(side("a", "") + ",\n" + side("b", ", \"generik\": [\"rebels\"]"))
        do {
            _ = try ActorProfiles.load(from: misspelt)
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.line == 4 && error.reason.contains("generik") && error.reason.contains("column"), "\(error)")
        }
        let twice = try write(side("a", ", \"generic\": [\"rebels\"]") + ",\n" + side("b", ", \"generic\": [\"the rebels\"]"))
        do {
            _ = try ActorProfiles.load(from: twice)
            Issue.record("a generic word of two sides was accepted")
        } catch {
            #expect(error.line == 4 && error.reason.contains("also names side 'a'"), "\(error)")
        }
        let fine = try write(side("a", ", \"generic\": [\"rebels\", \"insurgents\"]") + ",\n" + side("b", ""))
        let loaded = try ActorProfiles.load(from: fine)
        #expect(loaded.profiles.first?.sides.first?.generic == ["rebels", "insurgents"])
    }
}
