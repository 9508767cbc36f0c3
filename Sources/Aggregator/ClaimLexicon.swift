import Gazetteer

/// What a claim says an actor did at a place.
public enum ClaimAction: String, Sendable, Hashable, Codable, CaseIterable {
    case captured, holds, regained, lost, attacked, contested, withdrew
}

/// A word or phrase that states an action, and how it behaves.
struct Trigger: Sendable {
    var action: ClaimAction
    /// Needs a place (or "control") right after it: "took Kabul", "took control of", not "took hostages".
    var needsObject = false
    /// Strikes from a distance (shelling, missiles): the place is attacked, not fought over on the ground.
    var ranged = false
    /// Forces present at a place rather than control of it ("patrol", "stationed", "fighters in").
    var presence = false
    /// A noun ("takeover", "assault"): its actor is a possessive or a name just before it.
    var noun = false
    /// A form of "push back" / "fall": handled by its own rules.
    var special: Special = .none

    enum Special: Sendable { case none, pushBack, pullBack, fall, control, holdout, under }
}

/// The words the claim reader knows, all lowercase.
enum ClaimLexicon {
    static func t(_ a: ClaimAction, object: Bool = false, ranged: Bool = false, presence: Bool = false, noun: Bool = false, _ s: Trigger.Special = .none) -> Trigger {
        Trigger(action: a, needsObject: object, ranged: ranged, presence: presence, noun: noun, special: s)
    }

    /// Single words that state an action.
    static let triggers: [String: Trigger] = {
        var m: [String: Trigger] = [:]
        func add(_ words: [String], _ trigger: Trigger) { for w in words { m[w] = trigger } }
        add(["captured", "capture", "captures", "capturing", "seized", "seize", "seizes", "seizing", "overran", "overrun",
             "overrunning", "overruns", "occupied", "occupy", "occupies", "occupying", "conquered", "conquer", "conquering",
             "conquers", "liberated", "liberate", "liberates", "liberating", "annexed", "annex"], t(.captured))
        add(["took", "take", "takes", "taken", "taking", "won", "win", "wins", "gained", "gain", "gains", "wrested", "secured", "secure"],
            t(.captured, object: true))
        add(["takeover", "seizure", "conquest", "liberation", "annexation"], t(.captured, noun: true))
        // "Israel's ongoing war on the Gaza Strip": a war on a place is an attack on it (only with the place as its object).
        add(["war"], t(.attacked, object: true, noun: true))
        // "the occupation of several areas in North Kivu", "a decade of occupation by the rebels": a state of holding, not a taking.
        add(["occupation"], t(.holds, noun: true))
        add(["control", "controls", "controlled", "controlling"], t(.holds, .control))
        add(["hold", "holds", "held", "holding"], t(.holds, object: true))
        add(["defend", "defends", "defended", "defending", "repelled", "repel", "repels", "repulsed", "withstood", "withstand",
             "resisted", "resisting", "resist"], t(.holds))
        add(["defence", "defense", "defenses", "defences"], t(.holds, noun: true))
        add(["holdout", "holdouts"], t(.holds, noun: true, .holdout))
        add(["stronghold", "bastion"], t(.holds, noun: true))
        add(["patrol", "patrols", "patrolled", "patrolling", "stationed", "deployed", "garrisoned", "entrenched", "dug", "gathering",
             "gathered", "amassed", "massed"], t(.holds, presence: true))
        add(["recaptured", "recapture", "recaptures", "recapturing", "retook", "retake", "retakes", "retaken", "retaking",
             "regained", "regain", "regains", "regaining", "reclaimed", "reclaim", "reclaims", "reclaiming", "reconquered"], t(.regained))
        add(["lost", "lose", "loses", "losing", "surrendered", "ceded", "cede", "relinquished"], t(.lost, object: true))
        add(["fell", "fallen", "falls", "fall"], t(.lost, .fall))
        add(["attacked", "attack", "attacks", "attacking", "assaulted", "assault", "assaults", "assaulting", "stormed", "storm",
             "storming", "raided", "raid", "raids", "besieged", "besieging", "besiege", "encircled", "encircling", "encircle",
             "surrounded", "surrounding", "advanced", "advancing", "advance", "advances", "invaded", "invade", "invading", "invades",
             "entered", "enter", "enters", "entering", "reached", "reach", "reaching", "infiltrated", "pushed", "push", "pushing",
             "offensive", "incursion", "counteroffensive", "counterattack", "counterattacked", "onslaught", "invasion", "siege",
             "entry"], t(.attacked))
        add(["shelled", "shelling", "shell", "shells", "bombed", "bombing", "bombings", "bombarded", "bombardment", "struck",
             "strike", "strikes", "striking", "airstrike", "airstrikes", "pounded", "pounding", "hammered", "targeted", "targeting",
             "fired", "rocketed", "missile", "missiles", "drone", "drones"], t(.attacked, ranged: true))
        // "two people were killed by the RSF in X", "Y's forces killed 50 soldiers near X".
        add(["killed", "killing"], t(.attacked))
        add(["fighting", "fight", "fights", "fought", "clashes", "clashed", "clash", "clashing", "battle", "battled", "battles",
             "battling", "firefights", "firefight", "gunfights", "gunfight", "gunbattle", "gunbattles", "combat", "skirmishes",
             "skirmish", "battleground", "frontline", "contested", "hostilities", "engagements"], t(.contested))
        add(["withdrew", "withdraw", "withdraws", "withdrawn", "withdrawing", "withdrawal", "retreated", "retreat", "retreating",
             "retreats", "fled", "flee", "flees", "fleeing", "abandoned", "abandon", "evacuated", "redeployed", "redeploying",
             "redeployment", "redeploys"], t(.withdrew))
        m["pushed"] = t(.attacked, .pushBack)
        m["push"] = t(.attacked, .pushBack)
        m["pushing"] = t(.attacked, .pushBack)
        m["under"] = t(.holds, .under)
        for w in ["pulled", "pull", "pulls", "pulling"] { m[w] = t(.withdrew, .pullBack) }
        return m
    }()

    /// Verbs that report speech or evidence; the subject is the claimant.
    static let speech: Set<String> = [
        "said", "says", "say", "saying", "told", "tells", "tell", "claimed", "claims", "claim", "claiming", "tweeted", "tweets",
        "posted", "wrote", "writes", "reported", "reports", "report", "announced", "announces", "stated", "states", "declared",
        "declares", "revealed", "reveals", "added", "adds", "noted", "notes", "confirmed", "confirms", "acknowledged",
        "acknowledges", "insisted", "insists", "asserted", "alleged", "alleges", "denied", "denies", "deny", "denying",
        "rejected", "rejects", "dismissed", "dismisses", "refuted", "show", "shows", "showed", "shown", "according",
        "boasted", "warned", "explained", "described",
    ]
    /// Speech verbs that deny what follows (or what came before).
    static let denial: Set<String> = ["denied", "denies", "deny", "denying", "rejected", "rejects", "dismissed", "dismisses", "refuted"]
    /// Speech verbs that hedge what they report.
    static let hedgingSpeech: Set<String> = ["claimed", "claims", "claim", "claiming", "alleged", "alleges", "boasted"]
    /// Words that hedge a claim wherever they stand in its sentence.
    static let hedgeWords: Set<String> = [
        "reportedly", "rumours", "rumors", "rumoured", "rumored", "rumour", "rumor", "purportedly", "allegedly", "apparently",
        "unconfirmed", "unverified", "supposedly", "possibly", "purported", "alleged",
    ]
    /// Words of verification: with a negation they disclaim the claims before them.
    static let verifyWords: Set<String> = [
        "verify", "verified", "verifying", "confirm", "confirmed", "confirmation", "corroborate", "corroborated", "verification",
    ]
    static let negations: Set<String> = ["not", "n't", "never", "no", "unable", "cannot", "neither", "nor", "without", "impossible", "didn't", "hasn't", "haven't", "wasn't", "weren't", "couldn't", "don't", "doesn't", "isn't", "aren't", "won't"]
    /// Words that make a sentence about the past, not the current war.
    static let historicalWords: Set<String> = ["historically", "famously", "legendary", "elder", "decades", "centuries", "history", "once", "formerly"]
    /// Military and official nouns: after a side's adjective ("Russian forces") or a capitalised word they name an actor.
    static let groupNouns: Set<String> = [
        "forces", "force", "troops", "soldiers", "army", "armies", "military", "fighters", "militants", "militia", "militias",
        "rebels", "insurgents", "units", "unit", "brigade", "brigades", "battalion", "battalions", "regiment", "regiments",
        "division", "divisions", "paratroopers", "marines", "commandos", "artillery", "navy", "jets", "warplanes", "aircraft",
        "drones", "missiles", "officials", "official", "ministry", "authorities", "government", "commander", "commanders",
        "spokesman", "spokesperson", "spokeswoman", "spokespeople", "source", "sources", "media", "positions", "defenders",
        "servicemen", "personnel", "separatists", "partisans", "guerrillas", "police", "leadership", "leaders", "leader",
        "command", "side", "group", "groups", "fighter", "soldier", "troop", "staff", "offensive", "shelling", "strikes",
        "attack", "attacks", "assault", "advance", "video", "videos", "statement", "statements", "channels", "channel",
        "bloggers", "officer", "officers", "gunmen", "operatives", "mercenaries", "volunteers", "defence", "defense", "warships", "movement", "coalition",
        "occupiers", "invaders",
    ]
    static let groupNounHashes: Set<UInt64> = Set(groupNouns.map { WordHash.lowerHash($0) })
    /// Group nouns that make a capitalised word before them an actor not in any profile ("Houthi rebels").
    static let militaryNouns: Set<String> = [
        "forces", "troops", "soldiers", "army", "military", "fighters", "militants", "militia", "militias", "rebels",
        "insurgents", "units", "brigade", "brigades", "battalion", "battalions", "regiment", "paratroopers", "marines",
        "commandos", "separatists", "partisans", "guerrillas", "gunmen", "mercenaries", "jets", "warplanes", "drones", "missiles",
        "artillery", "paramilitaries", "navy",
    ]
    /// Words that describe a side without naming it, before a military noun ("government forces").
    static let sideDescriptions: Set<String> = [
        "government", "pro-government", "regime", "rebel", "opposition", "army", "militia", "insurgent", "separatist",
        "jihadist", "islamist", "junta", "paramilitary", "security", "loyalist", "coalition", "allied", "tribal",
    ]
    /// Verbs of an advance on a place ("advancing toward Pokrovsk").
    static let advanceWords: Set<String> = [
        "advance", "advances", "advanced", "advancing", "push", "pushes", "pushed", "pushing", "moving", "moved", "marching",
        "marched", "closing", "closed", "converging", "converged", "pressing", "pressed", "drive", "driving", "drove",
    ]
    /// Nouns that name a side by themselves ("Rebels seized the city").
    static let bareSides: Set<String> = [
        "rebels", "insurgents", "militants", "separatists", "jihadists", "guerrillas", "militiamen", "paramilitaries", "gunmen",
        "islamists",
    ]
    /// Pronouns and descriptions that refer to an actor named before.
    static let actorPronouns: Set<String> = ["they", "their", "them", "it", "its", "he", "his", "she", "her"]
    static let firstPerson: Set<String> = ["we", "our", "us"]
    /// "the X" descriptions that refer back to an actor ("the group") or a speaker ("the source").
    static let actorDescriptions: Set<String> = ["group", "movement", "militants", "insurgents", "rebels", "organisation", "organization"]
    static let speakerDescriptions: Set<String> = ["source", "sources", "commander", "spokesperson", "spokesman", "spokeswoman", "official", "officials", "leader", "minister", "ministry", "outlet", "statement", "agency", "newspaper", "channel", "broadcaster"]
    /// Outlets and bodies whose reports are a third party's.
    static let thirdPartyWords: Set<String> = [
        "cnn", "reuters", "bbc", "ap", "afp", "associated", "guardian", "times", "post", "journal", "news", "hill", "yahoo",
        "jazeera", "outlet", "outlets", "reports", "report", "media", "witnesses", "witness", "residents", "resident", "analysts",
        "observers", "un", "nations", "ocha", "unhcr", "icrc", "isw", "institute", "acled", "monitors", "monitor", "journalists",
        "journalist", "correspondent", "newspaper", "agency", "rumours", "rumors", "footage", "satellite", "images", "imagery",
        "experts", "diplomats", "officials", "tass", "ria", "interfax", "ukrinform", "sky", "npr", "fox", "cbs", "nbc", "abc",
        "dailytrust", "tolonews", "pajhwok", "kyiv independent", "bellingcat", "amnesty", "hrw", "watch", "ngo", "ngos",
    ]
    /// Prepositions that open a place's role in a clause.
    static let prepositions: Set<String> = [
        "in", "into", "at", "on", "onto", "to", "toward", "towards", "near", "around", "across", "inside", "within", "outside",
        "over", "of", "through", "throughout", "for", "along", "from", "against", "between", "by", "with", "behind", "beyond",
    ]
    /// Words that end a trigger's reach inside a sentence.
    static let clauseBreakers: Set<String> = [
        "but", "while", "whereas", "although", "though", "however", "after", "before", "until", "because", "since", "when",
        "whereby", "unless", "where", "which", "who", "whom", "whose",
    ]
    /// Words that place a name only relative to another ("north of Kabul", "provinces neighbouring Panjshir").
    static let directionWords: Set<String> = [
        "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
        "south-east", "south-west", "northeastern", "northwestern", "southeastern", "southwestern",
    ]
    static let relativeWords: Set<String> = ["neighboring", "neighbouring", "bordering", "adjacent", "beyond", "neighbors", "neighbours", "like", "including", "such", "than", "unlike", "toward", "towards"]
    /// Kind nouns of "the valley"-style descriptions, and the place kinds each may refer to.
    static let descriptionKinds: [String: [String]] = [
        "valley": ["valley"], "province": ["province"], "provinces": ["province"], "district": ["district"],
        "region": ["region", "valley", "province", "district", "mountain_range", "pass"],
        "area": ["region", "valley", "district", "province", "town", "city", "village", "pass"],
        "city": ["city", "town"], "town": ["town", "city"], "village": ["village", "town"], "oblast": ["province"],
        "state": ["province"], "governorate": ["province"], "stronghold": ["region", "valley", "district", "city", "town"],
    ]
    /// Nouns that count parts of a place ("three districts in the valley").
    static let areaNouns: Set<String> = [
        "districts", "district", "villages", "village", "towns", "town", "cities", "settlements", "settlement", "areas", "area",
        "positions", "checkpoints", "checkpoint", "provinces", "province", "neighbourhoods", "neighborhoods", "hamlets",
        "outposts", "bases", "hills", "passes", "localities", "regions", "parts", "sections", "territories", "strongholds",
    ]
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12,
        "dozens": 24, "hundreds": 200, "a": 1, "an": 1,
    ]
    static let vagueQuantities: Set<String> = ["several", "some", "many", "multiple", "numerous", "few", "various", "most", "all", "more"]
    static let quantityFillers: Set<String> = ["more", "other", "key", "strategic", "new", "additional", "nearby", "surrounding", "of", "the", "main", "major", "important", "small"]
    /// Words that show the sentence is about talks, not fighting.
    static let auxiliaries: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "having", "will", "would", "could", "can",
        "may", "might", "must", "should", "shall", "did", "do", "does", "also", "successfully", "reportedly", "now", "already",
        "finally", "fully", "just", "still", "allegedly", "apparently", "purportedly", "partially", "largely", "effectively",
        "since", "so", "far", "then", "recently", "quickly", "eventually", "completely", "briefly", "again", "firmly",
    ]
    static let weekdays: [String: Int] = ["sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7]
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
        "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
        "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    /// Abbreviations after which a full stop does not end a sentence.
    /// Title abbreviations before a name ("Gen. Syrskyi"): never places, and their period ends no sentence.
    static let titles: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "gov", "sen", "rep", "pres", "prof", "adm", "brig",
        "cmdr", "rev", "cpl", "pvt", "gens", "lieut", "fr",
    ]
    static let abbreviations: Set<String> = titles.union([
        "st", "no", "vs", "etc", "jr", "sr", "inc", "co", "ltd", "corp", "u", "s", "k", "n", "e", "jan", "feb", "mar", "apr", "jun",
        "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "mt", "ft",
    ])

    // MARK: Precision rules (what a sentence does not say)

    /// Words that make a clause hypothetical: nothing in it happened ("its capture would open the
    /// road to an advance on X", "it is hardly possible for the army to recapture X", "if X falls").
    static let hypotheticalWords: Set<String> = ["would", "might", "could", "possible", "impossible", "unlikely", "hardly", "if", "unless", "whether"]
    /// Words before an action that say it was stopped or kept from happening ("to pre-empt a major
    /// offensive on X", "thwarted an attack by Y in X", "to prevent the fall of X").
    static let preventionWords: Set<String> = [
        "pre-empt", "preempt", "pre-empted", "preempted", "prevent", "prevented", "preventing", "avert", "averted", "thwart",
        "thwarted", "thwarting", "foil", "foiled", "forestall", "forestalled", "stop", "stopped", "halt", "halted",
    ]
    /// Words after a fighting verb that make the next actor an ally, not an enemy, and the clause no
    /// claim about a place ("armed civilian groups fighting alongside the Sudanese army").
    static let allianceWords: Set<String> = ["alongside", "beside"]
    /// Nouns that can be the subject of a verb without naming a side ("as up to 300,000 flee", "the
    /// soldiers are fleeing the camp", "as rebels seize the city"): such a subject stands between the
    /// verb and any side named earlier in the clause.
    static let bareSubjectNouns: Set<String> = [
        "soldiers", "troops", "forces", "fighters", "militants", "rebels", "insurgents", "units", "gunmen", "men", "people",
        "civilians", "residents", "families", "refugees", "thousands", "hundreds", "villagers", "inhabitants", "survivors",
        "jihadists", "guerrillas", "separatists", "militiamen", "paramilitaries", "islamists", "defenders",
    ]
    /// Prepositions that place the action beside a place, not on it: "took positions outside the
    /// city", "captured villages near X" say nothing of who holds X itself.
    static let vicinityPrepositions: Set<String> = ["outside", "near", "around", "beyond", "off"]
    /// Prepositions of destination: in "withdrew from X towards Y in Z", only X is lost.
    static let destinationPrepositions: Set<String> = ["to", "toward", "towards", "into"]
    /// Units of a distance: "some 189 km from the Sudanese capital, Khartoum" only locates.
    static let distanceUnits: Set<String> = ["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi"]
    /// Adjectives of direction or part before a place's name ("eastern North Kivu", "southern Daraa"):
    /// skipped when reading the words that govern the name.
    static let compassAdjectives: Set<String> = [
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern",
        "north-eastern", "north-western", "south-eastern", "south-western", "northeast", "northwest", "southeast", "southwest",
    ]
    /// Kind nouns of a settlement: "a city near X", "the largest city in X", "the besieged city of X".
    static let settlementNouns: Set<String> = ["city", "town", "village", "settlement", "township", "hamlet", "camp", "base", "capital"]
    /// Nouns of holding that are often the thing taken or broken ("seized the last junta stronghold",
    /// "broke through its defences", "pulled out of the former stronghold"): then nobody holds the place.
    static let holdingNouns: Set<String> = ["stronghold", "bastion", "defence", "defense", "defences", "defenses", "holdout", "holdouts"]
    /// Words before a holding noun that end the holding ("the former stronghold") or break it ("through its defences").
    static let holdingBreakers: Set<String> = ["former", "through", "breached", "broke", "pierced", "past", "last-ditch", "once"]
    /// Descriptions a side never uses of itself: in its own statement "the rebels" are its enemy.
    /// Words that call a statement false: "the claim was \"not true\"", "these reports were
    /// \"false\"", "any notion that … was untrue" (with "not" before "true").
    static let falsityWords: Set<String> = ["untrue", "false", "baseless", "groundless", "unfounded", "fabricated", "fake", "lies", "lie"]
    /// Nouns a falsity word refers back through to the sentence before ("the claim was not true").
    static let statementNouns: Set<String> = ["claim", "claims", "report", "reports", "reporting", "allegation", "allegations", "information", "rumours", "rumors", "this", "that", "it"]
    /// Words before a relative infinitive that report a fact: "the first city to fall", "the only
    /// regional capital to fall" ("the last town to fall" may still be to come, so "last" is not one).
    static let ordinalWords: Set<String> = ["first", "only", "second", "third", "latest"]
    /// ("last week to capture" is a time, not an ordinal before a noun.)
    static let timeNouns: Set<String> = ["week", "weeks", "month", "months", "year", "years", "night", "day", "days", "time", "weekend", "morning", "evening"]
    /// Nouns of an office after "defence" ("Russia's defence ministry said", "defense officials"):
    /// the word names the office, not a defence of a place.
    static let officeNouns: Set<String> = [
        "ministry", "minister", "ministers", "ministries", "official", "officials", "chief", "chiefs", "department", "secretary",
        "spokesman", "spokeswoman", "spokesperson", "council", "staff", "budget", "budgets", "industry", "pact", "ties", "cooperation",
        "agreement", "analyst", "analysts", "sources", "source", "headquarters", "attaché", "attache",
    ]
    /// Modal verbs before a verb make its clause hypothetical ("its capture would open the road").
    static let modalVerbs: Set<String> = ["would", "might", "could"]
    /// Words of a condition or question, hypothetical only before the action ("if X falls", "whether Y can hold X").
    static let conditionWords: Set<String> = ["if", "whether"]
    /// Articles and demonstratives before an attributive participle ("the besieged city").
    static let articles: Set<String> = ["the", "a", "an", "this", "that"]
    /// Possessive pronouns: "its troops", "their fighters" name the possessor's side.
    static let possessivePronouns: Set<String> = ["its", "their", "his", "her", "our"]
    /// Words that govern a place after a distance: "189 km from X", "20 miles outside X", "45km north X".
    static let distanceGoverning: Set<String> = ["from", "of", "outside", "north", "south", "east", "west"]
    /// Words after a settlement noun that make the next place its locator: "a city near X", "a town
    /// outside X", "the largest city in X province", "the capital of X province".
    static let appositionGoverning: Set<String> = ["near", "outside", "from", "of", "in"]
    /// Words after a province's name that are part of it: "Rakhine State city of Mrauk U".
    static let provinceWords: Set<String> = ["state", "province", "region", "oblast", "governorate"]
    /// Words inside a phrase of places: "towards western Syria in Damascus", "towards El Gezira and Sennar".
    static let phraseLinkWords: Set<String> = ["and", "or", "the", "in", "of"]
    /// Copulas and "as" that make a holding noun a predicate of the place before ("Homs is the last stronghold").
    static let copulaWords: Set<String> = ["is", "was", "remains", "remained", "became", "as"]
    /// Words that open a subordinate clause without a comma ("withdrew from X as he scrambled to respond to …").
    static let subordinators: Set<String> = ["as", "while", "when"]
    /// Words before "control" that make it part of another phrase: a verb's object ("took control"), a degree ("full
    /// control"), "under … control", "in control" (read as holding), "fighting for control".
    static let controlGoverning: Set<String> = [
        "took", "take", "taken", "taking", "gained", "gain", "seized", "wrested", "assumed", "regained", "lost", "retook", "full",
        "complete", "total", "effective", "for", "over", "under", "russian", "in",
    ]
    /// Verbs two words before "control" ("took full control"): the verb reads it.
    static let controlVerbs: Set<String> = ["take", "took", "taken", "gained", "seized"]
    /// Demonstratives before a plural place noun that refer to the places listed before ("these areas").
    static let pluralDemonstratives: Set<String> = ["these", "those"]
    /// Plural place nouns after "these" or "those" that mean the places the sentence before listed: "Mayadin, Quriyah and
    /// Albu Kamal are among those evacuated … after the army evacuated these areas".
    static let listNouns: Set<String> = ["areas", "towns", "villages", "cities", "places", "localities", "settlements"]
    /// Second halves of a compound that names who holds a place ("the last government-held stronghold").
    static let heldSuffixes: Set<String> = ["held", "controlled", "occupied", "run"]
    /// Verbs of entering: troops entering a town or city take it ("Ukrainian troops entered Kherson",
    /// "forces were entering the southern city of X"); entering its outskirts or parts does not.
    static let entryVerbs: Set<String> = ["enter", "enters", "entered", "entering"]
    /// Place kinds that entering takes as a whole: a settlement, not a region or a province.
    static let enteredKinds: Set<PlaceKind> = [.city, .town, .village]
    /// Verbs that say an action only began ("had begun entering Hama", "started entering"): a start, not a taking.
    static let inchoativeVerbs: Set<String> = ["begun", "began", "begin", "begins", "beginning", "started", "start", "starts", "starting"]
    /// Adverbs that make an entry short of a taking ("briefly entered the village").
    static let partialEntryWords: Set<String> = ["briefly", "partially", "partly", "temporarily"]
    /// Words that, between a country's adjective and a group noun, name its armed opponents: "Syrian
    /// rebel forces", "Congolese militia fighters" are not the country's forces.
    static let oppositionModifiers: Set<String> = ["rebel", "rebels", "opposition", "insurgent", "insurgents", "anti-government",
                                                   "separatist", "separatists", "militia", "militiamen", "jihadist", "islamist", "resistance"]
    /// Nouns of a whole place, which a direction word before them only locates: "the eastern city of
    /// Izium", "the southern province of Helmand".
    static let unitNouns: Set<String> = settlementNouns.union(["province", "region", "district", "state", "oblast", "governorate",
                                                                "county", "valley", "port"])
    /// Nouns of military facilities: after a side's generic word ("the army base") they make it a place's name.
    static let facilityNouns: Set<String> = ["base", "bases", "barracks", "headquarters", "post", "posts", "checkpoint", "checkpoints",
                                             "compound", "depot", "airbase", "airfield", "garrison", "camp", "academy", "hospital"]
    /// Words right before a place's name that make it a part of the place wherever the name stands
    /// ("security forces in northern Shan State withdrew", "fighting in eastern Ukraine"): a claim
    /// about it is partial.
    static let sideOfPlaceWords: Set<String> = ["northern", "southern", "eastern", "western", "central", "north-eastern", "north-western",
                                                "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern",
                                                "upper", "lower", "rural", "outer"]
    /// Prepositions before a noun of fighting that put it beside another clause's action: in "withdrew
    /// from the city following a major offensive by Y" the place is the withdrawal's, not the offensive's.
    static let eventPrepositions: Set<String> = ["following", "amid", "amidst", "during", "despite"]
    /// Words between "fell into" and the new holder: "fell into the hands of the rebels", "fell into rebel hands".
    static let handsWords: Set<String> = ["hands", "hand"]
    static let hostileDescriptions: Set<String> = ["rebels", "insurgents", "militants", "terrorists", "militia", "militias", "occupiers", "invaders", "enemy"]

    static let triggerHashes: Set<UInt64> = Set(triggers.keys.map { WordHash.lowerHash($0) })
    /// Words that may stand for a place without naming it ("the valley", "three districts").
    static let placeWordHashes: Set<UInt64> = Set((Array(descriptionKinds.keys) + Array(areaNouns)).map { WordHash.lowerHash($0) })

    /// Hashes of every word a claim may hinge on: a sentence without one is skipped.
    static let cueHashes: Set<UInt64> = {
        var words = Set(triggers.keys)
        words.formUnion(speech)
        words.formUnion(hedgeWords)
        words.formUnion(verifyWords)
        words.formUnion(["rumours", "rumors", "according"])
        return Set(words.map { WordHash.lowerHash($0) })
    }()
}
