import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

/// Claim precision: each rule that keeps the reader from saying more than the sentence says, with a
/// sentence it must read and one it must leave alone. The sentences are shaped like wire reporting;
/// the names are from several wars, so no rule can hang on one report's words.
@Suite("Claim precision: saying less when the text says less")
struct PrecisionClaimTests {
    func claims(_ text: String, date: String? = "2024-02-18") -> [Claim] {
        Fixtures.analyze([(id: "r", text: "T\n\n" + text)], date: date).claims
    }

    func describe(_ found: [Claim]) -> String { found.map { "\($0.actor) \($0.action) \($0.place)\($0.denied ? " (denied)" : "")" }.joined(separator: "; ") }

    @Test("A hypothetical clause states nothing: 'would open the road to an advance on X', 'hardly possible … to recapture X'")
    func hypothetical() {
        let none = claims("Lyman lies on the road east and its capture would open the road to a Russian advance on Kramatorsk.")
        #expect(!none.contains { $0.place.hasSuffix("kramatorsk") }, "\(describe(none))")
        let none2 = claims("It is therefore hardly possible for the Sudanese army to recapture Nyala at the moment.", date: "2024-01-10")
        #expect(none2.isEmpty, "\(describe(none2))")
        let some = claims("Russian forces captured Lyman on Saturday.")
        #expect(some.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("lyman") })
        // "military might" is a noun, not a modal.
        let might = claims("Russian forces were using all of their military might to get into Bakhmut and take control of the city.")
        #expect(might.contains { $0.actor == "Russia" && $0.action == "attacked" && $0.place.hasSuffix("bakhmut") }, "\(describe(might))")
    }

    @Test("A prevented action ('to pre-empt an offensive on X', 'thwarted an attack on X') is no attack on X")
    func prevented() {
        let none = claims("He said the move was designed to pre-empt a major offensive on the paramilitary's positions in Omdurman.", date: "2024-01-10")
        #expect(!none.contains { $0.place.hasSuffix("omdurman") }, "\(describe(none))")
        let some = claims("The Rapid Support Forces launched a major offensive on Omdurman on Monday.", date: "2024-01-10")
        #expect(some.contains { $0.actor == "Rapid Support Forces" && $0.action == "attacked" && $0.place.hasSuffix("omdurman") }, "\(describe(some))")
    }

    @Test("'Fighting alongside' names allies: no fight over the place")
    func alliance() {
        let none = claims("Armed civilian groups in North Kordofan State, fighting alongside the Sudanese army, said they had lost no ground.", date: "2024-01-10")
        #expect(!none.contains { $0.action == "contested" }, "\(describe(none))")
    }

    @Test("An attributive participle has no agent: 'the besieged city of X'")
    func attributive() {
        let none = claims("Food prices have soared in the besieged city of El Obeid, the RSF said on Sunday.", date: "2024-01-10")
        #expect(!none.contains { $0.action == "attacked" }, "\(describe(none))")
        let some = claims("The Rapid Support Forces besieged El Obeid for months.", date: "2024-01-10")
        #expect(some.contains { $0.actor == "Rapid Support Forces" && $0.action == "attacked" }, "\(describe(some))")
    }

    @Test("A holding noun that was taken or broken is no holding: 'broke through its defences', 'the former stronghold'")
    func brokenHolding() {
        let none = claims("Russian troops broke through Ukrainian defences near Lyman, the ministry said.")
        #expect(!none.contains { $0.actor == "Ukraine" && $0.action == "holds" }, "\(describe(none))")
        let none2 = claims("Kyiv said its troops had pulled out of Lyman, the former stronghold.")
        #expect(!none2.contains { $0.action == "holds" }, "\(describe(none2))")
        let some = claims("The RSF said fighting was now around El Obeid, the Sudanese army's last stronghold in the region.", date: "2024-01-10")
        #expect(some.contains { $0.actor == "Sudanese Armed Forces" && $0.action == "holds" && $0.place.hasSuffix("el-obeid") }, "\(describe(some))")
    }

    @Test("A bare noun subject stands between the verb and a side named earlier: 'as thousands flee', 'as rebels seize'")
    func bareSubject() {
        let found = claims("Russian forces capture Bakhmut as thousands flee the fighting.")
        #expect(!found.contains { $0.action == "withdrew" }, "\(describe(found))")
        #expect(found.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("bakhmut") }, "\(describe(found))")
        let syria = claims("Syrian army pulls back as rebels seize Idlib city", date: "2024-12-05")
        #expect(!syria.contains { $0.actor == "Syrian government forces" && $0.action == "captured" }, "\(describe(syria))")
        #expect(syria.contains { $0.actor == "Hayat Tahrir al-Sham" && $0.action == "captured" }, "\(describe(syria))")
    }

    @Test("A place named only to locate another: 'a city near X', 'some 180 km from the capital, X', 'the largest city in X province'")
    func locators() {
        let near = claims("Russian strikes killed seven people in Mykolaiv, a city near Kherson.", date: "2022-11-12")
        #expect(!near.contains { $0.place.hasSuffix("/kherson") }, "\(describe(near))")
        #expect(near.contains { $0.actor == "Russia" && $0.place.hasSuffix("mykolayiv") }, "\(describe(near))")
        let far = claims("The army launched an operation to regain control of Nyala, some 800 km from the Sudanese capital, Khartoum.", date: "2024-01-10")
        #expect(!far.contains { $0.place.hasSuffix("khartoum") }, "\(describe(far))")
        let province = claims("The M23 rebels claimed the capture of Bukavu, the largest city in South Kivu province.", date: "2025-02-15")
        #expect(!province.contains { $0.place == "cd/sud-kivu" }, "\(describe(province))")
        #expect(province.contains { $0.actor == "M23" && $0.action == "captured" && $0.place.hasSuffix("bukavu") }, "\(describe(province))")
        let capital = claims("M23 rebels seized Goma city, the provincial capital of eastern North Kivu province, on Monday.", date: "2025-01-27")
        #expect(!capital.contains { $0.place == "cd/nord-kivu" }, "\(describe(capital))")
        #expect(capital.contains { $0.place.hasSuffix("goma") }, "\(describe(capital))")
    }

    @Test("Where they went is not what they lost: 'withdrew from X towards Y'; 'took positions outside X' takes nothing")
    func destinationAndVicinity() {
        let found = claims("Syrian government forces withdrew from Deir ez-Zor towards western Syria in Damascus.", date: "2024-12-06")
        #expect(!found.contains { $0.place.hasSuffix("damascus") }, "\(describe(found))")
        #expect(found.contains { $0.action == "withdrew" && $0.place.contains("zawr") }, "\(describe(found))")
        let outside = claims("The Syrian army said it redeployed from Hama and took positions outside the city.", date: "2024-12-05")
        #expect(!outside.contains { $0.action == "captured" }, "\(describe(outside))")
        #expect(outside.contains { $0.actor == "Syrian government forces" && $0.action == "withdrew" && $0.place.hasSuffix("hamah") }, "\(describe(outside))")
    }

    @Test("'occupation' is a holding, 'by Y' its holder; an ended occupation is the holder's loss")
    func occupation() {
        let held = claims("Residents said the occupation of Kidal by Tuareg rebels went on.", date: "2023-11-14")
        #expect(held.contains { $0.action == "holds" && $0.place.hasSuffix("kidal") }, "\(describe(held))")
        let found = claims("The offensive ended a decade of occupation of Kidal by Tuareg rebels.", date: "2023-11-14")
        #expect(found.contains { $0.action == "lost" && $0.place.hasSuffix("kidal") && $0.rule == "endedHolding" }, "\(describe(found))")
        #expect(!found.contains { $0.action == "captured" || $0.action == "holds" }, "\(describe(found))")
    }

    @Test("In a side's own statement, 'the group' and a leading 'its forces' are the speaker; short brackets break no clause")
    func speakersOwn() {
        let text = "The Myanmar National Democratic Alliance Army (MNDAA) renewed its offensive against the Northeast Military command. MNDAA spokesman Li Jiawen said the group's fighters had captured Lashio."
        let found = claims(text, date: "2024-07-26")
        let lashio = found.filter { $0.place.hasSuffix("lashio") && $0.action == "captured" }
        #expect(!lashio.isEmpty && lashio.allSatisfy { $0.actor.contains("MNDAA") || $0.actor.contains("Myanmar National") }, "\(describe(found))")
        let saf = claims("The Sudanese Armed Forces (SAF) recaptured Omdurman from the RSF on Saturday.", date: "2024-01-10")
        #expect(saf.contains { $0.actor == "Sudanese Armed Forces" && $0.action == "regained" }, "\(describe(saf))")
    }

    @Test("A speaker's negation of a fall is a denial; without a speaker, nothing")
    func negatedFall() {
        let denied = claims("Bakhmut \"did not completely fall\" to Russian forces, Ukraine's military said on Monday.")
        #expect(denied.contains { $0.place.hasSuffix("bakhmut") && $0.denied && $0.hedged }, "\(describe(denied))")
        // Nobody claims it: the map gives it no weight.
        let analysis = Fixtures.analyze([(id: "r", text: "T\n\nBakhmut \"did not completely fall\" to Russian forces, Ukraine's military said on Monday.")], date: "2024-02-18")
        #expect(analysis.places.allSatisfy { $0.control.status == ControlAssessment.Status.none }, "\(analysis.places.map { "\($0.id) \($0.control.status)" })")
        let none = claims("Bakhmut did not fall to Russian forces.")
        #expect(none.isEmpty, "\(describe(none))")
    }

    @Test("'The claim was not true', 'these reports were false': the claims before are denied")
    func falsity() {
        let text = "Russia's defence ministry said its troops had captured Kupiansk. Ukraine's military said the claim was \"not true\"."
        let found = claims(text, date: "2025-09-04")
        let kupiansk = found.filter { $0.place.hasSuffix("kupyansk") && $0.action == "captured" }
        #expect(!kupiansk.isEmpty && kupiansk.allSatisfy { $0.denied }, "\(describe(found))")
        let kept = claims("Russia's defence ministry said its troops had captured Kupiansk. Ukraine's military said the situation was difficult.", date: "2025-09-04")
        #expect(kept.contains { $0.place.hasSuffix("kupyansk") && !$0.denied }, "\(describe(kept))")
    }

    @Test("The agent of a noun: 'an offensive by Russian forces'; 'by' goes with the nearer noun")
    func nominalAgent() {
        let found = claims("Ukraine ordered the withdrawal of its troops from Vuhledar following a major offensive by Russian forces.", date: "2024-10-04")
        #expect(!found.contains { $0.actor == "Russia" && $0.action == "withdrew" }, "\(describe(found))")
        #expect(found.contains { $0.actor == "Ukraine" && $0.action == "withdrew" && $0.place.hasSuffix("vuhledar") }, "\(describe(found))")
    }

    @Test("An agentless passive of retaking or of taking a place takes the speaking side as agent; conceded, its enemy; of people, nobody")
    func attributedPassive() {
        let found = claims("“Kherson has been liberated,” Ukraine's defence ministry said on Friday.", date: "2022-11-12")
        #expect(found.contains { $0.actor == "Ukraine" && $0.place.hasSuffix("/kherson") }, "\(describe(found))")
        // A side announcing that a place was taken announces its own gain (the enemy's would be "fell", "withdrew").
        let own = claims("“Kherson has been captured,” Ukraine's defence ministry said on Friday.", date: "2022-11-12")
        #expect(own.count == 1 && own.allSatisfy { $0.actor == "Ukraine" && $0.action == "captured" && $0.rule == "attributedAgent" }, "\(describe(own))")
        let conceded = claims("Soledar has been captured, Ukraine's military admitted on Friday.", date: "2023-01-20")
        #expect(conceded.count == 1 && conceded.allSatisfy { $0.actor == "Russia" && $0.place.hasSuffix("/soledar") }, "\(describe(conceded))")
        let people = claims("Two Russian soldiers were captured in Kherson, Ukraine's defence ministry said on Friday.", date: "2022-11-12")
        #expect(people.isEmpty, "\(describe(people))")
    }

    @Test("'Syrian rebels' are not the Syrian state; a noun of fighting does not reach back past 'as'")
    func rebelsAndNouns() {
        let found = claims("Syrian rebels advanced on Homs on Friday.", date: "2024-12-06")
        #expect(found.contains { $0.actor == "Hayat Tahrir al-Sham" && $0.place.hasSuffix("homs") }, "\(describe(found))")
        #expect(!found.contains { $0.actor == "Syrian government forces" }, "\(describe(found))")
        let nominal = claims("Government forces withdrew from Daraa as Assad scrambled to respond to the opposition's stunning advances.", date: "2024-12-06")
        #expect(!nominal.contains { $0.action == "attacked" }, "\(describe(nominal))")
    }

    @Test("'the city' does not refer back to a capital named as a side ('Kinshasa had claimed'); 'the control of' names no holder")
    func antecedentsAndControl() {
        let found = claims("M23 rebels claimed they took over Goma. Kinshasa said it had sent reinforcements to the city.", date: "2025-01-27")
        #expect(!found.contains { $0.place.hasSuffix("kinshasa") }, "\(describe(found))")
        let control = claims("Hama is also critical to the control of Salamiyah.", date: "2024-12-05")
        #expect(control.isEmpty, "\(describe(control))")
    }

    @Test("A list before a passive verb: every place in it")
    func listedPlaces() {
        let found = claims("Mayadin, Albu Kamal and several other areas were evacuated by the Syrian army.", date: "2024-12-06")
        #expect(found.contains { $0.place.contains("mayadin") && $0.action == "withdrew" }, "\(describe(found))")
        #expect(found.contains { $0.place.contains("kamal") && $0.action == "withdrew" }, "\(describe(found))")
    }

    @Test("'the first city to fall to Y' happened; 'moved last week to seize X' was tried")
    func ordinalInfinitive() {
        let fell = claims("Kherson was the first major city to fall to Russian troops after the invasion began.", date: "2022-03-05")
        #expect(fell.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("/kherson") }, "\(describe(fell))")
        let tried = claims("Russian troops moved last week to seize Kherson.", date: "2022-03-05")
        #expect(!tried.contains { $0.action == "captured" }, "\(describe(tried))")
    }

    @Test("A side that denies a capture denies its enemy's; 'killed by Y in X' is an attack on X")
    func deniedCaptureAndKilling() {
        let denied = claims("Ukraine's General Staff denies capture of Pokrovsk", date: "2025-12-03")
        #expect(denied.contains { $0.actor == "Russia" && $0.action == "captured" && $0.denied && $0.place.hasSuffix("pokrovsk") }, "\(describe(denied))")
        let killed = claims("In Omdurman, two people were killed by the RSF.", date: "2024-01-10")
        #expect(killed.contains { $0.actor == "Rapid Support Forces" && $0.action == "attacked" && $0.place.hasSuffix("omdurman") }, "\(describe(killed))")
        let none = claims("Two people were killed in Omdurman.", date: "2024-01-10")
        #expect(none.isEmpty, "\(describe(none))")
    }

    @Test("A holding noun inside the object does not end it; a 'former stronghold' refers back; 'it' opening a side's words is that side")
    func objectsAndReferences() {
        let seized = claims("The Rapid Support Forces say they have seized the last remaining army stronghold in the city of Nyala.", date: "2024-01-10")
        #expect(seized.contains { $0.actor == "Rapid Support Forces" && $0.action == "captured" && $0.place.hasSuffix("nyala") }, "\(describe(seized))")
        #expect(!seized.contains { $0.action == "holds" }, "\(describe(seized))")
        let text = "Russia said it had taken full control of the town of Avdiivka, hours after Kyiv said it had pulled out of the former stronghold."
        let found = claims(text)
        #expect(!found.contains { $0.actor == "Russia" && $0.action == "withdrew" }, "\(describe(found))")
        #expect(found.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("avdiyivka") }, "\(describe(found))")
    }

    @Test("'180km south of the capital X' only locates")
    func compactDistance() {
        let found = claims("RSF fighters were in Wad Madani, about 180km south of the capital Khartoum, residents said.", date: "2023-12-19")
        #expect(!found.contains { $0.place.hasSuffix("khartoum") }, "\(describe(found))")
    }

    @Test("'as it closes on X' opens a clause; 'the defence ministry' holds nothing; forces as a noun's agent are not present")
    func clausesOfficesAgents() {
        let closes = claims("Russian forces captured another village as it closes on Pokrovsk, the defence ministry said.", date: "2024-11-20")
        #expect(!closes.contains { $0.action == "captured" || $0.action == "holds" }, "\(describe(closes))")
        let thwarted = claims("The army said it thwarted a major attack by RSF troops in El Fasher on Monday.", date: "2024-11-20")
        #expect(!thwarted.contains { $0.actor == "Rapid Support Forces" }, "\(describe(thwarted))")
        let present = claims("RSF troops in El Fasher shelled the market on Monday, residents said.", date: "2024-11-20")
        #expect(present.contains { $0.actor == "Rapid Support Forces" && $0.place.hasSuffix("el-fasher") }, "\(describe(present))")
    }

    @Test("'Reports of the capture of X by Y are not true, said Z': the capture is read, then denied")
    func invertedDenial() {
        let found = claims("Reports about the alleged capture of the city of Pokrovsk by Russian occupiers are not true, said the spokesman for the General Staff of the Armed Forces of Ukraine.", date: "2025-12-03")
        #expect(found.contains { $0.actor == "Russia" && $0.action == "captured" && $0.denied && $0.place.hasSuffix("pokrovsk") }, "\(describe(found))")
        let notSaid = claims("Russian forces captured Pokrovsk, the spokesman did not say.", date: "2025-12-03")
        #expect(notSaid.isEmpty, "\(describe(notSaid))")
    }
}
