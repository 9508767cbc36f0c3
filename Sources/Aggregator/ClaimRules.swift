import Foundation
import Geo

/// The readings that make claims, by name: the one list of them. Every claim names the reading that
/// produced it (``Claim/rule``); the names are stable (they appear in the analysis JSON, the claims
/// table and `CONFLICTMAP_CLAIMS_DISABLE` where a rule can be switched off), so a reading renamed
/// here is a change of output format.
public struct ClaimRule: Sendable, Hashable {
    /// How far a reading reaches for its claim, which sets its base confidence (``ClaimConfidence``).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A trigger verb with its actor and place in its own clause ("the RSF captured Wad Madani").
        case direct
        /// A construction that says it another way ("entered Kherson", "captured W from Y").
        case construction
        /// The actor is inferred, not named as the agent (the speaker, the subject's opponent, a description).
        case inferredActor
        /// The actor is carried from another verb of the sentence ("… and retook the town").
        case carriedActor
        /// The place or actor comes from another sentence or clause ("these areas", a withdrawal from a fallen town).
        case acrossSentences
        /// Forces present at a place, or every side named in a fight.
        case presence
    }

    public let name: String
    public let kind: Kind
    /// One line: what the reading reads.
    public let summary: String

    /// Every reading that makes claims. (Rules that only keep claims out, such as
    /// `holdingRestatesCapture`, `eventPreposition` or `possessiveSide`, make none of their own.)
    public static let all: [ClaimRule] = [
        ClaimRule("activeVerb", .direct, "A trigger verb with its subject as the actor: \"the Taliban captured Kunduz\"."),
        ClaimRule("passiveAgent", .direct, "A passive with its agent after \"by\": \"Kunduz was captured by the Taliban\"."),
        ClaimRule("nominalAgent", .direct, "A noun of action with its agent: \"an offensive by Russian forces on X\", \"the withdrawal of its troops\"."),
        ClaimRule("heldCompound", .direct, "A \"-held\" compound before a holding noun: \"the last government-held stronghold\"."),
        ClaimRule("compoundActor", .direct, "An actor written into the trigger word: \"Taliban-controlled Kunduz\"."),
        ClaimRule("underControl", .direct, "\"under X control\", \"under the control of X\": X holds the place."),
        ClaimRule("fellTo", .direct, "\"X fell to Y\", \"the fall of X to Y\": Y captured X."),
        ClaimRule("fellIntoHands", .direct, "\"X fell into the hands of Y\", \"into Y's hands\": Y captured X."),
        ClaimRule("holdout", .direct, "A holdout noun: \"the rebels' holdout\", \"a holdout against Y\" (Y's enemy holds)."),
        ClaimRule("entryAsCapture", .construction, "Troops entering a town, city or village take it: \"entered Kherson\"."),
        ClaimRule("lossFromTaker", .construction, "\"X captured W from Y\": Y lost W."),
        ClaimRule("attemptAsAttack", .construction, "An attempted or failed capture is an attack: \"moves to capture X\", \"failed to seize X\"."),
        ClaimRule("endedHolding", .construction, "An ended holding is a loss: \"ended Mali's occupation of Gao\" (Mali lost Gao)."),
        ClaimRule("negatedAsDenial", .construction, "\"X did not fall to Y, Z said\": Z denies Y's capture."),
        ClaimRule("speakerAsAgent", .inferredActor, "The speaker is the agent: \"the Wagner Group claimed to have taken Bakhmut\"."),
        ClaimRule("attributedAgent", .inferredActor, "An agentless \"was liberated\" or \"had been captured\" taken by the side that says it."),
        ClaimRule("expelledPatient", .inferredActor, "An agentless \"was ejected from X\": the one driven out lost X."),
        ClaimRule("patientsOpponent", .inferredActor, "The one pushed back, or a passive holding: the subject's opponent acts."),
        ClaimRule("bareSubject", .inferredActor, "A description as subject (\"as rebels seize the city\") for the side the war's profile means."),
        ClaimRule("hostileInOwnWords", .inferredActor, "\"The insurgents\" in a side's own words: its enemy."),
        ClaimRule("relativeClause", .inferredActor, "The noun a relative clause is about: \"the force that has been holding X\"."),
        ClaimRule("holdingAgainst", .inferredActor, "\"holding out against Y\": Y's opponent holds."),
        ClaimRule("speakersOpponent", .inferredActor, "A side reporting fighting at a place reports its enemy there."),
        ClaimRule("coordinatedVerb", .carriedActor, "A verb joined by \"and\" to one with a subject: \"… and have reclaimed the area\"."),
        ClaimRule("previousSubject", .carriedActor, "A clause opened by \"but\", \"and\", \"while\" takes the subject of the verb before."),
        ClaimRule("theseAreas", .acrossSentences, "\"these areas\", \"those towns\": the places the sentence before names."),
        ClaimRule("withdrawalFromFallen", .acrossSentences, "A withdrawal naming no place, told with a capture: from the captured place."),
        ClaimRule("forcesPresent", .presence, "Forces named at a place: \"Taliban fighters in the Shatal region\" (a partial holding)."),
        ClaimRule("fightingParties", .presence, "Every side a clause names in a fight at a place: \"clashes between the army and the RSF in X\"."),
    ]

    init(_ name: String, _ kind: Kind, _ summary: String) {
        self.name = name
        self.kind = kind
        self.summary = summary
    }

    static let byName: [String: ClaimRule] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    /// The rule of a name, `nil` for a name no reading has (a claim decoded from another version).
    public static func named(_ name: String) -> ClaimRule? { byName[name] }
}

/// How sure the reader is of its reading of a claim, 0…1: not whether the claim is true (that is
/// ``Claim/status``, the claimant and the hedges) but whether the report says what the claim says.
///
/// Computed from what the claim shows, so that any claim, read or decoded, has the same confidence:
/// the base of its rule's kind, moved on the log-odds scale by each feature it has:
///
///     confidence = σ(logit(base[kind]) + Σ weight[feature])   (clamped to 0.05…0.99, two decimals)
///
/// The bases and weights are learned from the claims-dev reports
/// (`Tests/AggregatorTests/Fixtures/fit-claim-confidence.py`, which prints these two tables: smoothed
/// precision per kind and per feature on the even-numbered reports, held-out calibration on the odd
/// ones). No feature may raise the confidence: where the data shows no loss (pronouns, described
/// places) the weight is the design's least penalty, -0.25. See the README. Hedges and denials are not features: they say how established a
/// claim is, which ``Claim/hedged``, ``Claim/denied`` and ``Claim/status`` report separately.
public enum ClaimConfidence {
    /// The observable features of a claim that change the confidence of its reading.
    public enum Feature: String, Sendable, CaseIterable {
        /// The actor is a pronoun: "they captured the town".
        case actorPronoun
        /// The actor is a description, not a name: "the rebels", "government forces".
        case actorDescription
        /// The place is a description, not a name: "the city", "three districts in the valley".
        case placeDescription
        /// About part of the place, or forces present there.
        case partial
        /// A strike from a distance (shelling, missiles).
        case ranged
        /// The place an attack came from, not its target.
        case origin
    }

    /// Precision of each kind of rule (learned; see the type's documentation).
    public static let base: [ClaimRule.Kind: Double] = [
        .direct: 0.924, .construction: 0.920, .inferredActor: 0.910, .carriedActor: 0.820, .acrossSentences: 0.776, .presence: 0.902,
    ]
    /// The base of a rule the list does not have (a claim from another version).
    public static let unknownBase = 0.75

    /// Log-odds each feature adds (learned; negative lowers the confidence).
    public static let weights: [Feature: Double] = [
        .actorPronoun: -0.250, .actorDescription: -0.712, .placeDescription: -0.250, .partial: -0.727, .ranged: -0.985, .origin: -0.808,
    ]

    static let pronouns: Set<String> = ["it", "they", "he", "she", "we", "i", "its", "their", "them", "his", "her", "our", "us", "itself", "themselves"]

    /// Whether the words, after a leading article or demonstrative, start with a lowercase letter (a
    /// description, "the rebels", "the city"), not a name ("Russian forces", "Kherson").
    static func isDescription(_ written: String) -> Bool {
        var s = Substring(written.trimmedWhitespace)
        for article in ["the ", "a ", "an ", "The ", "A ", "An "] where s.hasPrefix(article) {
            s = s.dropFirst(article.count)
            break
        }
        guard let first = s.unicodeScalars.first else { return false }
        return first.properties.isLowercase
    }

    /// The features a claim has.
    public static func features(of c: Claim) -> [Feature] {
        var out: [Feature] = []
        let actor = c.actorText.trimmedWhitespace.lowercased()
        if pronouns.contains(actor) {
            out.append(.actorPronoun)
        } else if isDescription(c.actorText) {
            out.append(.actorDescription)
        }
        if isDescription(c.placeText) { out.append(.placeDescription) }
        if c.partial { out.append(.partial) }
        if c.ranged { out.append(.ranged) }
        if c.role == .origin { out.append(.origin) }
        return out
    }

    /// The confidence of a claim's reading.
    public static func of(_ c: Claim) -> Double {
        let p = ClaimRule.named(c.rule).flatMap { base[$0.kind] } ?? unknownBase
        var x = log(p / (1 - p))
        for f in features(of: c) { x += weights[f] ?? 0 }
        let v = min(0.99, max(0.05, 1 / (1 + exp(-x))))
        return (v * 100).rounded() / 100
    }
}
