import Aggregator
import Testing

/// How reports tell a change of hands, and what does not tell one: entering a town, falling into a
/// side's hands, taking a place from a side, a holding that restates a capture, "these areas", a
/// side's enemy in its own words, a capital in the possessive, and a noun of fighting placed beside
/// another clause's action. Each rule has a sentence it must read and one it must leave alone.
extension PrecisionClaimTests {
    @Test("Rule entryAsCapture: entering a town or city takes it; its outskirts, a region, 'begun entering', 'briefly entered' stay attacks")
    func entryAsCapture() {
        let named = claims("Ukrainian troops entered the eastern city of Izium on Saturday, the defence ministry said.", date: "2022-09-11")
        #expect(named.contains { $0.actor == "Ukraine" && $0.action == "captured" && $0.place.hasSuffix("izyum") }, "\(describe(named))")
        let described = claims("Russian forces have pressed on Lysychansk for weeks. Russian troops entered the city on Sunday, the ministry said.", date: "2022-07-03")
        #expect(described.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("lysychansk") }, "\(describe(described))")
        let outskirts = claims("Russian troops entered the outskirts of Lysychansk on Sunday, the ministry said.", date: "2022-07-03")
        #expect(!outskirts.contains { $0.action == "captured" }, "\(describe(outskirts))")
        #expect(outskirts.contains { $0.actor == "Russia" && $0.action == "attacked" && $0.place.hasSuffix("lysychansk") }, "\(describe(outskirts))")
        let region = claims("Ukrainian troops entered the Kharkiv region on Saturday.", date: "2022-09-11")
        #expect(!region.contains { $0.action == "captured" }, "\(describe(region))")
        let begun = claims("Ukrainian troops had begun entering Izium on Saturday.", date: "2022-09-11")
        #expect(!begun.contains { $0.action == "captured" }, "\(describe(begun))")
        let briefly = claims("Russian troops briefly entered Lysychansk on Sunday before being pushed back.", date: "2022-07-03")
        #expect(!briefly.contains { $0.actor == "Russia" && $0.action == "captured" }, "\(describe(briefly))")
    }

    @Test("Rule fellIntoHands: 'X fell into the hands of Y' is Y's capture of X; 'fell into chaos' names no taker")
    func fellIntoHands() {
        let found = claims("Nyala fell into the hands of the Rapid Support Forces on Thursday, residents said.", date: "2023-10-27")
        #expect(found.contains { $0.actor == "Rapid Support Forces" && $0.action == "captured" && $0.place.hasSuffix("nyala") }, "\(describe(found))")
        let chaos = claims("Nyala fell into chaos on Thursday, residents said.", date: "2023-10-27")
        #expect(!chaos.contains { $0.action == "captured" || $0.action == "lost" }, "\(describe(chaos))")
    }

    @Test("Rule lossFromTaker: 'X recaptured W from Y' is also Y's loss of W; not '300 km from Y' nor 'from the north'")
    func lossFromTaker() {
        let found = claims("The Sudanese army recaptured Sinja from the Rapid Support Forces on Saturday, the army spokesman said.", date: "2024-11-24")
        #expect(found.contains { $0.actor == "Rapid Support Forces" && $0.action == "lost" && $0.place.hasSuffix("singa") }, "\(describe(found))")
        #expect(found.contains { $0.actor == "Sudanese Armed Forces" && $0.action == "regained" && $0.place.hasSuffix("singa") }, "\(describe(found))")
        let distance = claims("The Sudanese army recaptured Sinja, some 300 km from Khartoum, on Saturday.", date: "2024-11-24")
        #expect(!distance.contains { $0.action == "lost" }, "\(describe(distance))")
        let direction = claims("The Sudanese army recaptured Sinja from the north on Saturday.", date: "2024-11-24")
        #expect(!direction.contains { $0.action == "lost" }, "\(describe(direction))")
    }

    @Test("Rule holdingRestatesCapture: a holding told with the same side's capture of the place is the capture; another place's holding stays")
    func holdingRestatesCapture() {
        let found = claims("Hayat Tahrir al-Sham fighters captured the army base in Idlib on Friday, meaning the city is under the group's control, it said.", date: "2024-12-06")
        #expect(found.contains { $0.action == "captured" && $0.place.hasSuffix("/idlib") }, "\(describe(found))")
        #expect(!found.contains { $0.action == "holds" && $0.place.hasSuffix("/idlib") }, "\(describe(found))")
        let other = claims("Idlib has been under the control of Hayat Tahrir al-Sham for years, the monitor said.", date: "2024-12-06")
        #expect(other.contains { $0.actor == "Hayat Tahrir al-Sham" && $0.action == "holds" && $0.place.hasSuffix("/idlib") }, "\(describe(other))")
    }

    @Test("Rule hostileInOwnWords: 'the insurgents' in a side's own words are its enemy; in a resident's words they stay as written")
    func hostileInOwnWords() {
        let lead = "The Kachin Independence Army (KIA) launched an offensive on the town last month. "
        let military = claims(lead + "\"The insurgents infiltrated the outskirts of Bhamo,\" military spokesman Zaw Min Tun said.", date: "2024-12-20")
        #expect(military.contains { $0.actor == "Kachin Independence Army" && $0.action == "attacked" && $0.place.hasSuffix("bhamo") }, "\(describe(military))")
        let resident = claims(lead + "\"The insurgents infiltrated the outskirts of Bhamo,\" a resident said.", date: "2024-12-20")
        #expect(!resident.contains { $0.actor == "Kachin Independence Army" && $0.trigger == "infiltrated" }, "\(describe(resident))")
    }

    @Test("Rule eventPreposition: a noun of fighting after 'following' takes no place of the clause before it")
    func eventPreposition() {
        let found = claims("Kyiv said it ordered the withdrawal of its troops from Marinka following a months-long offensive by Russian forces.", date: "2024-01-06")
        #expect(!found.contains { $0.actor == "Russia" && $0.place.hasSuffix("maryinka") }, "\(describe(found))")
        let some = claims("Russian forces launched a months-long offensive on Marinka.", date: "2024-01-06")
        #expect(some.contains { $0.actor == "Russia" && $0.action == "attacked" && $0.place.hasSuffix("maryinka") }, "\(describe(some))")
    }

    @Test("Rule possessiveSide: a capital in the possessive before an action noun is its side ('Moscow's capture of X'); not 'Kyiv's residents fled'")
    func possessiveSide() {
        let found = claims("Russian forces have shelled Bakhmut for weeks. Moscow's capture of Soledar is its biggest gain in months.", date: "2023-01-13")
        #expect(found.contains { $0.actor == "Russia" && $0.action == "captured" && $0.place.hasSuffix("soledar") }, "\(describe(found))")
        let residents = claims("Russian forces have shelled Bakhmut for weeks. Kyiv's residents fled to shelters.", date: "2023-01-13")
        #expect(!residents.contains { $0.actor == "Ukraine" }, "\(describe(residents))")
    }

    @Test("Rule theseAreas: 'these areas' are the places the sentence before lists; one place before is no list")
    func theseAreas() {
        let listed = claims("Raqqa, Tabqa and several other towns are among those evacuated by the Syrian army. After the army evacuated these areas, the SDF forces took their control.", date: "2024-12-06")
        #expect(listed.contains { $0.actor == "Syrian Democratic Forces" && $0.action == "captured" && $0.place.hasSuffix("al-tabqa") }, "\(describe(listed))")
        #expect(listed.contains { $0.actor == "Syrian Democratic Forces" && $0.action == "captured" && $0.place.hasSuffix("ar-raqqah/ar-raqqah") }, "\(describe(listed))")
        let single = claims("The Syrian army pulled back near Raqqa on Monday. After the army evacuated these areas, the SDF forces took their control.", date: "2024-12-06")
        #expect(!single.contains { $0.action == "captured" }, "\(describe(single))")
    }

    @Test("A war on a place is an attack on it ('Israel's ongoing war on the Gaza Strip'); 'the war on terror' names no place")
    func warOnPlace() {
        let found = claims("Israeli troops shelled Khan Yunis on Monday. Thousands have fled to escape Israel's ongoing war on the Gaza Strip.", date: "2024-05-08")
        #expect(found.contains { $0.actor == "Israel Defense Forces" && $0.action == "attacked" && $0.place.hasSuffix("gaza-strip") && $0.trigger == "war" }, "\(describe(found))")
        let terror = claims("Israeli troops shelled Khan Yunis on Monday. The war on terror shaped a generation of soldiers.", date: "2024-05-08")
        #expect(!terror.contains { $0.trigger == "war" }, "\(describe(terror))")
    }

    @Test("Rule withdrawalFromFallen: a retreat naming no place it left, after a place's fall in the sentence, is from that place; alone, from nowhere")
    func withdrawalFromFallen() {
        let fell = claims("Singa fell into the hands of the Rapid Support Forces on Friday night after the army and its allies retreated toward the east.", date: "2024-06-30")
        #expect(fell.contains { $0.actor == "Sudanese Armed Forces" && $0.action == "withdrew" && $0.place.hasSuffix("singa") }, "\(describe(fell))")
        #expect(!fell.contains { $0.actor == "Rapid Support Forces" && $0.action == "withdrew" }, "\(describe(fell))")
        let captured = claims("The Rapid Support Forces captured Singa on Friday after the army withdrew.", date: "2024-06-30")
        #expect(captured.contains { $0.actor == "Sudanese Armed Forces" && $0.action == "withdrew" && $0.place.hasSuffix("singa") }, "\(describe(captured))")
        let alone = claims("The Sudanese army and its allies retreated toward the east on Friday night, residents of Singa said.", date: "2024-06-30")
        #expect(!alone.contains { $0.action == "withdrew" }, "\(describe(alone))")
    }

    @Test("Rule heldCompound: 'the last government-held stronghold' is held by the side the profile calls so; 'long-held' names no side")
    func heldCompound() {
        let lead = "Hayat Tahrir al-Sham fighters advanced on Tabqa on Monday. "
        let held = claims(lead + "Raqqa is the last major government-held stronghold in the east.", date: "2024-12-06")
        #expect(held.contains { $0.actor == "Syrian government forces" && $0.action == "holds" && $0.place.hasSuffix("ar-raqqah/ar-raqqah") }, "\(describe(held))")
        let long = claims(lead + "Raqqa is the last long-held stronghold in the east.", date: "2024-12-06")
        #expect(!long.contains { $0.action == "holds" }, "\(describe(long))")
    }
}
