import Aggregator
import Foundation
import Testing
import TestSupport

/// Place names as English-language reporting writes them (place-names issue).
@Suite("Names as reporting writes them")
struct ReportingNamesTests {
    func places(_ text: String) -> [(surface: String, place: String)] {
        Fixtures.analyze([(id: "r", text: text)]).mentions.filter(\.isPlace).map { ($0.surface, $0.place) }
    }

    @Test("A lower-case Arabic article before a capitalised name does not hide the name")
    func lowerCaseArticles() {
        let found = places("Fighting in al-Fashir and el-Obeid continued, near ad-Damazin. The RSF attacked el-Fasher on Monday.")
        #expect(found.map(\.surface) == ["al-Fashir", "el-Obeid", "ad-Damazin", "el-Fasher"])
        #expect(found.filter { $0.surface.hasSuffix("Fashir") || $0.surface.hasSuffix("Fasher") }.allSatisfy { $0.place.hasPrefix("sd/north-darfur/") })
        #expect(found.first { $0.surface == "el-Obeid" }?.place.hasPrefix("sd/") == true)
    }

    @Test("An article before a lower-case word, or a person's name with an article, is not a place")
    func notPlaces() {
        #expect(places("The al-mighty dollar and an el-ectric mood.").isEmpty)
        #expect(!places("President Bashar al-Assad spoke on Monday.").contains { $0.surface.contains("Assad") })
    }

    @Test("An initialism's dots are part of it: U.S. is one name, and a sentence may go on after it")
    func initialisms() {
        let found = places("Troops moved to the U.S. and back. The U.S. said so.")
        #expect(found.filter { $0.surface == "U.S." }.count == 2)
        #expect(found.allSatisfy { $0.place == "us" })
        // Initials of a person are not split into places, nor is a lone initial joined to a word.
        #expect(places("J.R.R. Tolkien wrote it. George W. Bush spoke.").isEmpty)
        // A sentence that ends with a capital letter still ends ("in Area B. Troops…" aside).
        #expect(places("He was born in Kabul. The Taliban took it.").map(\.surface) == ["Kabul"])
    }

    @Test("In a title-case headline, a kind word and \"of\" describe the name after them")
    func titleCaseDescriptions() {
        #expect(places("Russia Takes up Positions in Ukraine Town of Vovchansk in Kharkiv Region").map(\.place) == ["ua/kharkiv/vovchansk", "ua/kharkiv"])
        #expect(places("Rebels Capture the Syrian City of Hama").map(\.place) == ["sy/hamah/hamah"])
        // A name that is whole with its kind word and "of" stays whole.
        #expect(places("Storms hit the Gulf of Mexico.").map(\.surface) == ["Gulf of Mexico"])
    }

    @Test("A word that alone names a people or a direction may begin a longer name")
    func notPlaceWordsBeginNames() {
        #expect(places("Fires spread in Western Australia and British Columbia.").map(\.place) == ["au/western-australia", "ca/british-columbia"])
        #expect(places("Western diplomats and British officials met. The city was quiet.").isEmpty)
    }

    @Test("A capitalised kind word that ends a name the gazetteer lacks says what the name is")
    func namedKinds() {
        // (Plymouth County, Iowa, is in the gazetteer now: a county it lacks, named after a town it has, Gulbahar.)
        let analysis = Fixtures.analyze([(id: "r", text: "Floods hit Gulbahar County and the Mississippi River rose. Troops left Parwan Province.")])
        #expect(!analysis.mentions.contains { $0.surface == "Gulbahar" || $0.surface == "Mississippi" })
        #expect(analysis.unresolved.map(\.surface).contains("Gulbahar County"))
        #expect(analysis.mentions.map(\.place) == ["af/parwan"])
        // A facility is in its town: that is where it is.
        #expect(places("Flights resumed at Kabul Airport.").map(\.place).allSatisfy { $0.hasPrefix("af/kabul") })
        #expect(!places("Flights resumed at Kabul Airport.").isEmpty)
    }

    @Test("A frequent first name or surname alone is a person, unless the text places it")
    func personNames() {
        #expect(places("Kelly said the talks would go on. Johnson told reporters nothing had changed.").isEmpty)
        // Placed by the text: a locative before, a parent after a comma.
        #expect(places("Flooding was reported in Marion on Monday.").map(\.surface) == ["Marion"])
        #expect(places("Fighting near Kabul. Nelson, B.C., was quiet.").map(\.surface).contains("Nelson"))
        // A city of 100,000 people or more keeps its name.
        #expect(places("Jackson was hit by storms.").contains { $0.place.hasPrefix("us/mississippi/jackson") })
    }

    @Test("English closed-class words at a sentence's start are not places")
    func closedClassWords() {
        #expect(places("One said the army had left. Much of the town was empty. Most fled. Can they return?").isEmpty)
        #expect(places("One soldier died in Kherson.").map(\.surface) == ["Kherson"])
    }
}
