@testable import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// The profiles of issue 12 item 3 ("Sides for every war"): Myanmar 2021–, Ethiopia 2020–, the
/// Sahel 2012–, Libya 2014– and Israel–Lebanon 2023–. Each is checked on a short report written
/// for the test (title on the first line): the profile is chosen, and the names the report uses
/// resolve to the profile's sides.
@Suite("War profiles: Myanmar, Ethiopia, the Sahel, Libya, Israel–Lebanon")
struct WarProfileTests {
    /// What the claim reader makes of one report: the profile chosen, each actor reference as
    /// written with the side it resolves to (`nil`: kept as written), and the analysis.
    struct Reading {
        var profile: ActorProfile?
        var refs: [(written: String, side: String?)]
        var analysis: Analysis

        /// The side every reference written with `words` (as whole words) resolves to; fails if they disagree or none is found.
        func side(of words: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
            let pattern = "\\b" + NSRegularExpression.escapedPattern(for: words) + "\\b"
            let found = refs.filter { $0.written.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil }
            #expect(!found.isEmpty, "no actor reference written '\(words)' in \(refs.map(\.written))", sourceLocation: sourceLocation)
            let sides = Set(found.map { $0.side ?? "(as written: \($0.written))" })
            #expect(sides.count <= 1, "'\(words)' resolves to several sides: \(sides)", sourceLocation: sourceLocation)
            return found.first?.side
        }
    }

    /// Reads `text` as a plain-text report file (its first line is the title), dated `date`.
    func read(_ text: String, date: String) throws -> Reading {
        var report = try #require(ReportReader().parse(Data(text.utf8), path: "report.txt").0.first)
        report.date = date
        let tokens = Tokenizer.tokenize(report.text)
        let (found, _) = Fixtures.claimsAnalyzer.finder.find(in: tokens, document: report.id)
        var reader = DocumentReader(report: report, text: tokens, mentions: found, gazetteer: Fixtures.gazetteer, profiles: Fixtures.actors)
        reader.findActors()
        let profile = reader.profile
        let refs = reader.actorRefs.map { ref in (written: ref.written, side: ref.actor?.side.map { profile!.sides[$0].name }) }
        return Reading(profile: profile, refs: refs, analysis: Fixtures.claimsAnalyzer.analyze([report]))
    }

    func profile(_ id: String) throws -> ActorProfile {
        try #require(Fixtures.actors.profiles.first { $0.id == id })
    }

    /// No claim makes a side its own opponent, and every claim's actor is a side of the profile.
    func expectSidesOnly(_ r: Reading, sourceLocation: SourceLocation = #_sourceLocation) {
        let names = Set(r.profile?.sides.map(\.name) ?? [])
        for c in r.analysis.claims {
            #expect(names.contains(c.actor), "claim by '\(c.actor)', not a side: \(c.sentence)", sourceLocation: sourceLocation)
            #expect(c.opponent == nil || c.opponent != c.actor, "'\(c.actor)' opposes itself: \(c.sentence)", sourceLocation: sourceLocation)
        }
    }

    @Test("Each new profile: the war's countries, an open period, Okabe–Ito colours, allies listed both ways, side names of its own")
    func shape() throws {
        let ids = ["myanmar-2021", "ethiopia-2020", "sahel-2012", "libya-2014", "israel-lebanon-2023"]
        let okabeIto: Set<String> = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
        for id in ids {
            let p = try profile(id)
            #expect(!p.countries.isEmpty && p.period?.hasSuffix("/..") == true, "\(id)")
            #expect(!(p.notes ?? "").isEmpty, "\(id): notes say where the names come from")
            #expect(Set(p.sides.map(\.colour)).count == p.sides.count && Set(p.sides.map(\.colour)).isSubset(of: okabeIto), "\(id)")
            for side in p.sides {
                for ally in side.allies {
                    let other = try #require(p.sides.first { $0.id == ally })
                    #expect(other.allies.contains(side.id), "\(id): \(side.id) lists \(ally) as an ally, not the other way")
                }
            }
        }
        // Sides shared with another war's profile keep its name and colour (Hezbollah, the IDF).
        let gaza = try profile("israel-gaza-2023"), lebanon = try profile("israel-lebanon-2023")
        for side in lebanon.sides {
            if let same = gaza.sides.first(where: { $0.name == side.name }) { #expect(same.colour == side.colour, "\(side.name)") }
        }
    }

    @Test("Myanmar 2021–: the junta, the Three Brotherhood Alliance and its members as allies, the KIA")
    func myanmar() throws {
        let r = try read("""
            Arakan Army says it has taken Kyauktaw from the junta
            The Arakan Army said on Saturday it had captured the town of Kyauktaw in Rakhine State from Myanmar's military junta after weeks of fighting.
            Junta spokesman Zaw Min Tun could not be reached for comment.
            In northern Shan State, fighters of the Myanmar National Democratic Alliance Army, an ally of the AA in the Three Brotherhood Alliance, seized Hsenwi, the MNDAA said in a statement.
            Kachin Independence Army troops attacked junta positions near Bhamo, local media reported.
            """, date: "2024-01-20")
        #expect(r.profile?.id == "myanmar-2021")
        #expect(r.side(of: "Arakan Army") == "Arakan Army")
        #expect(r.side(of: "AA") == "Arakan Army")
        #expect(r.side(of: "junta") == "Myanmar military")
        #expect(r.side(of: "Zaw Min Tun") == "Myanmar military")
        #expect(r.side(of: "Myanmar National Democratic Alliance Army") == "Myanmar National Democratic Alliance Army")
        #expect(r.side(of: "MNDAA") == "Myanmar National Democratic Alliance Army")
        #expect(r.side(of: "Three Brotherhood Alliance") == "Three Brotherhood Alliance")
        #expect(r.side(of: "Kachin Independence Army") == "Kachin Independence Army")
        let p = try profile("myanmar-2021")
        #expect(!p.opposed("aa", "mndaa") && !p.opposed("brotherhood", "tnla") && !p.opposed("pdf", "knu"))
        #expect(p.opposed("aa", "junta") && p.opposed("junta", "pdf"))
        #expect(r.analysis.claims.contains { $0.actor == "Arakan Army" && $0.action == "captured" && $0.place == "mm/rakhine/kyauktaw" },
                "\(r.analysis.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
        expectSidesOnly(r)
    }

    @Test("Ethiopia 2020–: federal forces, the TPLF's Tigray forces, Eritrean troops, the OLA")
    func ethiopia() throws {
        let r = try read("""
            Tigrayan forces say they have retaken Alamata
            Tigray forces said on Monday they had recaptured the town of Alamata from Ethiopian federal forces and Eritrean troops, TPLF spokesman Getachew Reda said.
            The Ethiopian government, which calls the TPLF a terrorist group, did not comment. Abiy Ahmed's office said the army was advancing.
            Further south, Oromo Liberation Army fighters attacked a police station near Nekemte, residents said.
            """, date: "2021-06-30")
        #expect(r.profile?.id == "ethiopia-2020")
        #expect(r.side(of: "Tigray forces") == "Tigray People's Liberation Front")
        #expect(r.side(of: "Getachew Reda") == "Tigray People's Liberation Front")
        #expect(r.side(of: "federal forces") == "Ethiopian National Defense Force")
        #expect(r.side(of: "Abiy Ahmed") == "Ethiopian National Defense Force")
        #expect(r.side(of: "Eritrean troops") == "Eritrean Defence Forces")
        #expect(r.side(of: "Oromo Liberation Army") == "Oromo Liberation Army")
        let p = try profile("ethiopia-2020")
        #expect(!p.opposed("endf", "eritrea") && p.opposed("endf", "tplf") && p.opposed("endf", "amhara"))
        #expect(r.analysis.claims.contains { $0.actor == "Tigray People's Liberation Front" && $0.place == "et/tigray/alamata" },
                "\(r.analysis.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
        expectSidesOnly(r)
    }

    @Test("Ethiopia: 'Fano militia' and 'Amhara militia' are one side, which never contests a town with itself")
    func fanoIsAmhara() throws {
        let r = try read("""
            Fano fighters say they hold Debre Tabor
            Fano militia fighters captured Debre Tabor on Monday, residents said.
            An Amhara militia spokesman said on Tuesday that the town was under the militia's control.
            Amhara militias also attacked federal troops near Bahir Dar, witnesses said.
            """, date: "2023-08-15")
        #expect(r.profile?.id == "ethiopia-2020")
        let fano = r.side(of: "Fano militia")
        #expect(fano == "Fano and Amhara militias")
        #expect(r.side(of: "Amhara militia") == fano)
        let debreTabor = r.analysis.claims.filter { $0.place == "et/amhara/debre-tabor" }
        #expect(!debreTabor.isEmpty)
        #expect(debreTabor.allSatisfy { $0.actor == "Fano and Amhara militias" }, "\(debreTabor.map(\.actor))")
        let place = try #require(r.analysis.places.first { $0.id == "et/amhara/debre-tabor" })
        #expect(place.control.status != .contested, "\(place.control)")
        expectSidesOnly(r)
    }

    @Test("The Sahel 2012–: the Malian army and its Russian allies, the Tuareg-led rebels, JNIM, Islamic State Sahel Province")
    func sahel() throws {
        let r = try read("""
            Mali's army says it has retaken Aguelhok from Tuareg-led rebels
            The Malian army said on Sunday it had retaken the town of Aguelhok from the Tuareg-led rebels of the CSP-DPA, with the help of Wagner fighters.
            A CSP spokesman, Mohamed Elmaouloud Ramadane, said the rebels had withdrawn to spare civilians.
            JNIM militants attacked a military camp near Douentza, while Islamic State Sahel Province fighters ambushed Nigerien soldiers near Tillaberi.
            """, date: "2023-10-02")
        #expect(r.profile?.id == "sahel-2012")
        #expect(r.side(of: "Malian army") == "Malian armed forces")
        #expect(r.side(of: "Tuareg-led rebels") == "Tuareg-led rebels")
        #expect(r.side(of: "CSP-DPA") == "Tuareg-led rebels")
        #expect(r.side(of: "Ramadane") == "Tuareg-led rebels")
        #expect(r.side(of: "Wagner") == "Wagner Group / Africa Corps")
        #expect(r.side(of: "JNIM") == "JNIM")
        #expect(r.side(of: "Islamic State Sahel Province") == "Islamic State Sahel Province")
        #expect(r.side(of: "Nigerien soldiers") == "Nigerien army")
        let p = try profile("sahel-2012")
        #expect(!p.opposed("mali", "wagner") && !p.opposed("mali", "niger") && p.opposed("mali", "azawad") && p.opposed("jnim", "issp"))
        #expect(r.analysis.claims.contains { $0.actor == "Malian armed forces" && $0.place == "ml/kidal/aguelhok" },
                "\(r.analysis.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
        expectSidesOnly(r)
    }

    @Test("Libya 2014–: the Tripoli government (GNA, GNU) against Haftar's Libyan National Army")
    func libya() throws {
        let r = try read("""
            Tripoli forces retake Tarhuna from Haftar
            Forces of the Government of National Accord retook the town of Tarhuna on Friday, the last stronghold of Khalifa Haftar's Libyan National Army in western Libya, a GNA spokesman said.
            The LNA said its forces had withdrawn from the town to spare civilians.
            """, date: "2020-06-05")
        #expect(r.profile?.id == "libya-2014")
        #expect(r.side(of: "Government of National Accord") == "Tripoli government forces (GNA/GNU)")
        #expect(r.side(of: "GNA") == "Tripoli government forces (GNA/GNU)")
        #expect(r.side(of: "Libyan National Army") == "Libyan National Army")
        #expect(r.side(of: "LNA") == "Libyan National Army")
        #expect(r.analysis.claims.contains { $0.actor == "Tripoli government forces (GNA/GNU)" && $0.place == "ly/al-marqab/tarhuna" },
                "\(r.analysis.claims.map { "\($0.actor) \($0.action) \($0.place)" })")
        expectSidesOnly(r)
    }

    @Test("Israel–Lebanon 2023–: the IDF, Hezbollah and the Lebanese army, a side of its own")
    func lebanon() throws {
        let r = try read("""
            Hezbollah says it fought Israeli troops near Naqoura
            Hezbollah said its fighters attacked Israeli troops near Naqoura on Tuesday. The Israeli military said it had struck Hezbollah positions near Tyre.
            The Lebanese army said two of its soldiers were killed when an Israeli strike hit an army post near Naqoura.
            """, date: "2024-10-15")
        #expect(r.profile?.id == "israel-lebanon-2023")
        #expect(r.side(of: "Israeli troops") == "Israel Defense Forces")
        #expect(r.side(of: "Israeli military") == "Israel Defense Forces")
        #expect(r.side(of: "Lebanese army") == "Lebanese Armed Forces")
        #expect(r.refs.contains { $0.written.hasPrefix("Hezbollah") && $0.side == "Hezbollah" })
        let p = try profile("israel-lebanon-2023")
        #expect(p.opposed("israel", "hezbollah") && p.opposed("israel", "lebanese-army"))
        expectSidesOnly(r)
        // A report naming only the IDF and Hezbollah may be read with either Israeli profile: the sides are the same.
        let both = try read("""
            Israeli troops and Hezbollah clash in south Lebanon
            Hezbollah fighters attacked Israeli troops near Naqoura on Wednesday, the group said.
            """, date: "2024-10-16")
        #expect(["israel-gaza-2023", "israel-lebanon-2023"].contains(both.profile?.id ?? ""))
        #expect(both.side(of: "Israeli troops") == "Israel Defense Forces")
        #expect(both.refs.contains { $0.written.hasPrefix("Hezbollah") && $0.side == "Hezbollah" })
    }

    @Test("The new profiles leave other wars' reports to their own profiles")
    func otherWars() throws {
        let cases: [(String, String, String)] = [
            ("Wagner claims Bakhmut\nThe Wagner Group claimed on Saturday to have taken full control of Bakhmut, a claim Kyiv denied.", "2023-05-20", "ukraine-2022"),
            ("Palmyra falls\nIslamic State fighters overran Palmyra on Tuesday, monitors said. Syrian troops retreated toward Homs.", "2024-12-10", "syria-2024"),
            ("Goma\nM23 rebels said they had taken Goma; the Congolese army said fighting continued.", "2025-01-27", "drc-m23-2022"),
            ("Rafah\nIsraeli forces took control of the Rafah crossing, the IDF said, as Hamas fighters attacked troops nearby.", "2024-05-07", "israel-gaza-2023"),
            ("Nyala\nThe Rapid Support Forces said they had seized Nyala. Sudan's army denied the claim.", "2023-10-27", "sudan-2023"),
        ]
        for (text, date, id) in cases {
            #expect(try read(text, date: date).profile?.id == id, "\(text)")
        }
        for report in Fixtures.reports {
            let r = try read(report.title + "\n" + report.text, date: report.date ?? "2021-09-05")
            #expect(r.profile?.id == "afghanistan-2021", "\(report.path)")
        }
    }
}
