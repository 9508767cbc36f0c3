import Gazetteer

// The word lists and word classes the mention rules read (Mentions.swift): which capitalised
// words name a people rather than a place, which may stand inside a place name, which put a name
// in a place-like position, and the kinds that follow a name.

/// Words that look like place names but, as written, name a people, an army or a language.
let notPlaceWords: Set<String> = [
    "afghan", "afghans", "american", "americans", "british", "soviet", "soviets", "prussian", "russian", "russians",
    "ukrainian", "ukrainians", "pakistani", "iranian", "chinese", "indian", "turkish", "arab", "arabic", "persian",
    "dari", "pashto", "pashtun", "tajik", "uzbek", "hazara", "kurdish", "kurd", "kurds", "syrian", "iraqi", "israeli",
    "palestinian", "sudanese", "ethiopian", "yemeni", "libyan", "european", "western", "islamic", "muslim",
    "panjshiris", "panjshiri", "kabuli", "english", "french", "german", "western-educated", "ussr", "nato", "un",
    "the", "a", "an", "he", "she", "they", "we", "it", "this", "that", "these", "those", "in", "on", "at", "and", "but",
    // Demonyms of the countries and peoples that reporting on wars names most (not those that are
    // also the name of a region, such as Amhara or Somali).
    "egyptian", "egyptians", "qatari", "qataris", "emirati", "emiratis", "saudi", "saudis", "jordanian", "jordanians",
    "lebanese", "iraqis", "syrians", "israelis", "palestinians", "yemenis", "iranians", "pakistanis", "indians",
    "turks", "cypriot", "omani", "bahraini", "kuwaiti", "libyans", "tunisian", "algerian", "moroccan", "sahrawi",
    "chadian", "chadians", "eritrean", "eritreans", "ethiopians", "djiboutian", "kenyan", "ugandan", "tanzanian",
    "rwandan", "rwandans", "burundian", "congolese", "cameroonian", "nigerian", "nigerians", "nigerien", "malian",
    "malians", "burkinabe", "ghanaian", "senegalese", "mauritanian", "mozambican", "zimbabwean",
    "tigrayan", "tigrayans", "darfuri", "darfuris", "belarusian", "belarusians", "moldovan", "romanian", "hungarian",
    "polish", "poles", "lithuanian", "latvian", "estonian", "finnish", "swedish", "norwegian", "danish", "dutch",
    "belgian", "spanish", "italian", "greek", "serbian", "serbs", "croatian", "bosnian", "kosovar", "albanian",
    "armenian", "armenians", "azerbaijani", "azerbaijanis", "azeri", "azeris", "chechen", "chechens", "kazakh",
    "kyrgyz", "turkmen", "uzbeks", "tajiks", "pashtuns", "hazaras", "baloch", "kurdistani", "houthi", "houthis",
    "japanese", "korean", "koreans", "taiwanese", "vietnamese", "burmese", "rohingya", "bangladeshi", "nepalese",
    "filipino", "indonesian", "malaysian", "australian", "canadian", "mexican", "brazilian", "colombian",
    "venezuelan", "cuban", "haitian", "europeans", "africans", "asians", "westerners", "arabs",
    "germans", "britons", "scots", "irish", "welsh",
]

/// Words that describe where an area lies or what it is, without naming it: a unit called only
/// by them ("North West", "West Coast", "Gulf", "Central", "Upper East") exists in many
/// countries, and news uses the words for other things ("the West Coast", "the Gulf").
let genericAreaWords: Set<String> = [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "middle",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    "north-east", "north-west", "south-east", "south-west", "upper", "lower", "inner", "outer", "greater",
    "coast", "coastal", "gulf", "capital", "centre", "center", "centro", "interior", "highlands", "lowlands", "islands",
    "lakes", "border", "frontier", "plateau", "delta", "mountain", "mountains", "valley", "river", "rivers", "lake",
    "region", "province", "district", "territory", "state", "area", "zone", "side", "island", "bay", "ouest", "nord",
    "sud", "est", "littoral", "savanes", "plateaux", "the", "of", "and",
]

/// ``genericAreaWords`` as ``WordHash/lowerHash(_:)`` hashes them.
let genericAreaHashes = Set(genericAreaWords.map(WordHash.lowerHash))

/// ``ClaimLexicon/compassWords`` ("Northern Mali", "North Africa") as ``WordHash/lowerHash(_:)`` hashes them.
let compassHashes = Set(ClaimLexicon.compassWords.map(WordHash.lowerHash))

/// Words that may stand next to a place name inside one capitalised phrase without making it a person or an organisation.
let placeModifierWords: Set<String> = [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
    "greater", "valley", "province", "district", "city", "region", "pass", "river", "mountains", "oblast", "state",
    "governorate", "county", "town", "village", "gorge", "airport", "the", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
]

/// Words after which a capitalised name is probably a place.
let locativeWords: Set<String> = [
    "in", "near", "from", "at", "into", "outside", "around", "toward", "towards", "across", "through", "inside",
    "entered", "captured", "seized", "reached", "retook", "recaptured", "took", "besieged", "shelled", "struck",
    "liberated", "surrounded", "encircled", "occupied", "bombed", "stormed", "overran",
]

/// Kind words that may follow or precede a place name ("Shatal district", "province of Parwan").
let kindWords: Set<String> = [
    "district", "districts", "province", "provinces", "city", "town", "village", "valley", "region", "area",
    "pass", "gorge", "oblast", "governorate", "state", "county", "capital", "mountains", "river", "border", "port", "outskirts",
    "suburb", "suburbs", "neighbourhood", "neighborhood", "camp",
]

/// Classes of the words the mention rules look at, by the hash of the lowercased word.
enum WordClass {
    static let notPlace: UInt32 = 1
    static let modifier: UInt32 = 2
    static let locative: UInt32 = 4
    static let kind: UInt32 = 8
    static let common: UInt32 = 16
    static let of: UInt32 = 32
    static let the: UInt32 = 64
    static let `in`: UInt32 = 128
    /// Month and day names ("in May 2015", "on Sunday"), which look like places after "in" and "on".
    static let calendar: UInt32 = 256
    /// Title abbreviations ("Gen.", "Col.").
    static let title: UInt32 = 512
    /// Frequent first names and surnames ("Kelly", "Johnson": ``PersonNames``).
    static let person: UInt32 = 1024
    /// The first word of a demonym ("Sudanese", "South" of "South Korean": ``Demonyms``).
    static let demonym: UInt32 = 2048
    /// An English word the word list gives only in lower case that also names a place ("cars",
    /// "drone", "split": ``EnglishWords``).
    static let lexical: UInt32 = 4096
    /// "and", "or": a name after one and a place-like name is place-like too ("in Daraa and Deir Ezzor").
    static let conjunction: UInt32 = 8192

    static let table: HashMap64 = {
        var bits: [UInt64: UInt32] = [:]
        func add(_ words: some Sequence<String>, _ bit: UInt32) {
            for w in words { bits[WordHash.lowerHash(w), default: 0] |= bit }
        }
        add(notPlaceWords, notPlace)
        add(placeModifierWords, modifier)
        add(locativeWords, locative)
        add(kindWords, kind)
        add(CommonWords.english, common)
        add(["of"], of)
        add(["the"], the)
        add(["in"], `in`)
        add(["and", "or"], conjunction)
        add(Array(ClaimLexicon.months.keys) + Array(ClaimLexicon.weekdays.keys), calendar)
        add(ClaimLexicon.titles, title)
        add(PersonNames.common, person)
        add(EnglishWords.lowerCaseOnly, lexical)
        add(Demonyms.places.keys.compactMap { $0.split(separator: " ").first.map(String.init) }, demonym)
        var map = HashMap64(minimumCapacity: bits.count)
        for (k, v) in bits { map.set(k, v) }
        return map
    }()

    @inline(__always)
    static func of(_ token: Token) -> UInt32 { table.get(token.lowerHash) }
}
