import Aggregator
import Foundation
import Testing
import TestSupport

/// A bare name shared by a large city and a small town: nearness to the report's other places is
/// weak evidence, so a city 25 times the town's size keeps the name where the report names its
/// country, and the town keeps it where the report is about the town's country alone. A town's
/// other name does not displace a province or a country whose own name it is.
@Suite("Namesakes: the larger place, the nearer place, and other names")
struct NamesakeTests {
    func places(_ text: String) -> [String: String] {
        let mentions = Fixtures.analyze([(id: "r", text: text)]).mentions.filter(\.isPlace)
        return Dictionary(mentions.map { ($0.surface, $0.place) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("A national report names the large city, not the small namesake beside its other places")
    func largeCityInItsCountry() {
        let found = places("""
            The Houston Rockets beat San Antonio on Friday and swept their season series with Portland. \
            Dallas lost at home against Washington, and fans in Pittsburgh cheered.
            """)
        #expect(found["Portland"] == "us/oregon/portland", "\(found)")  // not Portland, Texas (16,000 people)
        #expect(found["Washington"] == "us/district-of-columbia/washington", "\(found)")  // not Washington, Pennsylvania
        #expect(found["Pittsburgh"] == "us/pennsylvania/pittsburgh")
    }

    @Test("A local report keeps the small town beside its places, even in the large city's country")
    func localReport() {
        let found = places("Flooding hit Corpus Christi, Aransas Pass and Portland on Monday, officials said.")
        #expect(found["Portland"] == "us/texas/portland", "\(found)")
    }

    @Test("A report about another country keeps the small town beside its places")
    func smallTownAbroad() {
        let found = places("""
            The storm flooded roads across Dorset in southern England. Ferries from Portland were cancelled \
            and Weymouth harbour closed, the coastguard said.
            """)
        #expect(found["Portland"] == "gb/dorset/portland", "\(found)")
        #expect(found["Weymouth"] == "gb/dorset/weymouth", "\(found)")
    }

    @Test("Where a person named in a report lives is a place: the village beside the report's town")
    func residence() {
        // Edmonton, Kentucky is a village 25 km from Columbia; Edmonton, Alberta a city of a million.
        let aged = places("COLUMBIA, Ky. (WBKO) - Police say William Goble, 26, of Edmonton, was arrested in Columbia on Thursday.")
        #expect(aged["Edmonton"] == "us/kentucky/edmonton", "\(aged)")
        let named = places("GLASGOW, Ky. - The car was driven by 59-year-old James Kitchens, of Edmonton, police in Glasgow said.")
        #expect(named["Edmonton"] == "us/kentucky/edmonton", "\(named)")
        // Without the construction the village is not chosen on nearness alone.
        let bare = places("GLASGOW, Ky. - Police in Glasgow said the Edmonton Oilers fan was released.")
        #expect(bare["Edmonton"] != "us/kentucky/edmonton", "\(bare)")
    }

    @Test("A town's other name does not displace the province whose own name it is")
    func provinceOwnName() {
        // GeoNames lists "Quebec" among the names of New Britain, Connecticut.
        let found = places("Rivers rose across Quebec and Ontario, and officials in Hartford and Boston warned of more rain.")
        #expect(found["Quebec"]?.hasPrefix("ca/quebec") == true, "\(found)")
        #expect(found["Hartford"]?.hasPrefix("us/") == true, "\(found)")
    }
}

@Suite("Coordinated names")
struct CoordinatedNameTests {
    @Test("A name spelt as the gazetteer does not write it is a place after 'and' and a place-like name")
    func afterAnd() {
        // "Deir Ezzor" is Deir ez-Zor by a spelling variant; found alone after "in", and now after
        // "Daraa province and" too, with the claim the sentence makes about both.
        let analysis = Fixtures.analyze([(id: "r", text: """
            Assad forces withdraw as rebels advance

            President Bashar al-Assad's forces withdrew from areas in southern Daraa province and Deir Ezzor \
            in the east, a war monitor said.
            """)])
        let places = analysis.mentions.filter(\.isPlace).map(\.place)
        #expect(places.contains("sy/dayr-az-zawr/deir-ez-zor"), "\(places)")
        #expect(analysis.claims.contains { $0.place == "sy/dayr-az-zawr/deir-ez-zor" && $0.actionKind == .withdrew }, "\(analysis.claims.map { ($0.place, $0.action) })")
    }

    @Test("A conjunction after a name that is not place-like makes nothing place-like")
    func notAfterPerson() {
        let found = Fixtures.analyze([(id: "r", text: "Officials met Mr. Smith and Deir Ezzor residents who fled.")]).mentions.filter(\.isPlace)
        #expect(found.isEmpty, "\(found.map(\.surface))")
    }

    @Test("A list after 'in P, such as' puts its names in P: one the gazetteer knows only elsewhere is unresolved")
    func listInUnit() {
        let analysis = Fixtures.analyze([(id: "r", text: """
            Rebel forces seized key locations in Aleppo province, such as Sheikh Aqil, Jamiyat Al-Maari, \
            and Bala, following intense clashes.
            """)])
        let places = analysis.mentions.filter(\.isPlace).map(\.place)
        // Bala is not Bal'a in the West Bank; the three villages are reported, not dropped.
        #expect(!places.contains { $0.hasPrefix("ps/") }, "\(places)")
        let unresolved = Set(analysis.unresolved.map(\.surface))
        #expect(unresolved.isSuperset(of: ["Bala", "Sheikh Aqil", "Jamiyat Al-Maari"]), "\(unresolved)")
        // A list of places the gazetteer has in the unit resolves as before.
        let cities = Fixtures.analyze([(id: "r", text: "Protests were held in cities in Germany, including Berlin, Hamburg and Munich.")])
            .mentions.filter(\.isPlace).map(\.place)
        #expect(cities.filter { $0.hasPrefix("de/") }.count == 3 && cities.contains("de"), "\(cities)")
    }

    @Test("A list ends at its last name; a name after it, a person listed, or a comparison is not in it")
    func listBounds() {
        func found(_ text: String) -> (places: [String: String], unresolved: Set<String>) {
            let a = Fixtures.analyze([(id: "r", text: text)])
            return (Dictionary(a.mentions.filter(\.isPlace).map { ($0.surface, $0.place) }, uniquingKeysWith: { f, _ in f }),
                    Set(a.unresolved.map(\.surface)))
        }
        // After the list's last name: Turkey is itself.
        let after = found("Rebels took villages in Aleppo province, such as Sheikh Aqil and Bala, Turkey's ministry said.")
        #expect(after.places["Turkey"] == "tr", "\(after)")
        // A new sentence starting with "And" continues no list.
        let sentence = found("Crowds gathered in cities in Germany, including Berlin. And Paris saw protests too.")
        #expect(sentence.places["Paris"] == "fr/paris/paris", "\(sentence)")
        // "Like" compares: Syria is Syria.
        let like = found("The war in Sudan, like Syria, has displaced millions.")
        #expect(like.places["Syria"] == "sy", "\(like)")
        // A list within the unit's country stands: Barcelona is not unresolved for want of a parent.
        let spain = found("Protests spread across Catalonia, including Barcelona and Girona.")
        #expect(spain.places["Barcelona"]?.hasPrefix("es/") == true && spain.places["Girona"]?.hasPrefix("es/") == true, "\(spain)")
    }

    @Test("A frequent first name or surname after 'and' is not made place-like")
    func personAfterAnd() {
        // Kelly is a village in Alabama (GeoNames calls Harvest so too): only where the text places it.
        let analysis = Fixtures.analyze([(id: "r", text: "Rallies were held in Atlanta and Kelly told supporters to vote.")])
        let found = analysis.mentions.filter(\.isPlace)
        #expect(found.map(\.surface) == ["Atlanta"], "\(found.map { ($0.surface, $0.place) })")
        #expect(!analysis.unresolved.contains { $0.surface == "Kelly" })
    }
}
