import Foundation
import Gazetteer

/// An actor as a claim names it: a side of the profile, or a name as written.
struct Actor: Sendable, Hashable {
    var side: Int?
    var name: String
}

/// Words in a sentence that name an actor.
struct ActorRef {
    enum Kind { case name, adjective, person, speaker, unknown, pronoun, firstPerson, description, both }
    var first: Int
    var last: Int
    var actors: [Actor]
    var written: String
    var kind: Kind
    var actor: Actor? { actors.first }
}

/// Words in a sentence that name a place (or part of one).
struct PlaceRef {
    var first: Int
    var last: Int
    var place: String
    var kind: PlaceKind
    var written: String
    var isDescription = false
    var quantity: String?
    var quantityCount: Int?
    /// Names a place only to locate another ("north of Kabul", "the Shatal district of Panjshir").
    var excluded = false
    /// The rule that made the reference, when a rule of its own (``listedDescriptions``: "these areas").
    var rule: String?
}

/// Who says something.
struct Speaker {
    var actor: Actor?
    var text: String
    var thirdParty: Bool
}

/// A statement in a sentence and the words it covers.
struct Speech {
    var verb: Int
    var contentStart: Int
    var contentEnd: Int
    var speaker: Speaker?
    var negated: Bool
    var denial: Bool
    var hedge: String?
    /// The speaker comes before the statement ("X said that…"); preferred to a later "…, X said".
    var before: Bool
    var anaphoric = false
    /// The tokens that name the speaker.
    var speakerRange: (Int, Int)?
}

/// What a trigger's claims share: the word and its action, the sentence and clause end, the statement it is in.
struct TriggerContext {
    var k: Int
    var trigger: Trigger
    var action: ClaimAction
    var text: String
    var sentence: (Int, Int)
    var ce: Int
    var speech: Speech?
    var dates: [DateMention]
    var objectStart: Int
    var sawPart: Bool
    var deniedBy: Speaker?
    /// The rule of the trigger's reading, when its form makes it (entry as capture, attempt, negation).
    var rule: String?
}

/// A date the text gives.
struct DateMention {
    var first: Int
    var last: Int
    var iso: String?
    var text: String
}

/// Hashes of word lists, to skip words without making their strings.
enum Lex {
    static func hashes(_ words: some Sequence<String>) -> Set<UInt64> { Set(words.map { WordHash.lowerHash($0) }) }
    static let pronounish = hashes(ClaimLexicon.actorPronouns.union(ClaimLexicon.firstPerson).union(["the", "both", "each"]))
    static let determiners = hashes(["the", "this", "that"])
    static let quantityWords = hashes(Set(ClaimLexicon.numberWords.keys).union(ClaimLexicon.vagueQuantities))
    static let clauseWords = hashes(ClaimLexicon.clauseBreakers.union(ClaimLexicon.clauseLinkWords).union(["that"]))
    static let dateWords = hashes(Set(ClaimLexicon.weekdays.keys).union(ClaimLexicon.months.keys).union(["yesterday", "today", "tonight", "ago"]))
    static let hedgeish = hashes(ClaimLexicon.hedgeWords.union(ClaimLexicon.seemingVerbs))
    static let verify = hashes(ClaimLexicon.verifyWords)
    static let military = hashes(ClaimLexicon.militaryNouns)
    static let pluralDemonstratives = hashes(ClaimLexicon.pluralDemonstratives)
    static let sides = hashes(ClaimLexicon.sideDescriptions.union(ClaimLexicon.bareSides))
}

extension String {
    /// Whether the string contains a character (not Foundation's substring search).
    @inline(__always) func has(_ c: Character) -> Bool { contains(c) }
}
