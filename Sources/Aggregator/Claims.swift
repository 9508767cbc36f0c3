import Foundation
import Gazetteer

/// Who makes a claim, relative to the actor it is about.
public enum Claimant: String, Sendable, Hashable, Codable, CaseIterable {
    /// The actor says it of itself ("the Taliban said they had captured…").
    case actor = "self"
    /// Its opponent says it ("an NRF spokesperson said the Taliban attacked…").
    case opponent
    /// Someone else: an outlet, an official of another country, witnesses, rumours.
    case thirdParty = "third_party"
    /// The report says it in its own voice.
    case reporter
}

/// How a place figures in a claim.
public enum PlaceRole: String, Sendable, Hashable, Codable {
    /// The place the action is at or against.
    case target
    /// Where an attack came from ("attacked Panjshir from Parwan").
    case origin
}

/// A claim of control or of fighting at a place, as one sentence of a report states it.
public struct Claim: Sendable, Hashable, Codable {
    public var document: String
    /// The place's gazetteer id; for unnamed parts of a place ("three districts in the valley"), the named parent.
    public var place: String
    /// The actor: its profile name ("Taliban"), or as written when no profile names it ("Russian forces").
    public var actor: String
    /// One of ``ClaimAction``'s values: captured, holds, regained, lost, attacked, contested, withdrew.
    public var action: String
    /// One of ``Claimant``'s values: self, opponent, third_party, reporter.
    public var claimant: String
    /// Whether the report hedges it ("claimed", "reportedly", rumours, "could not independently verify").
    public var hedged: Bool
    /// Whether it is denied.
    public var denied: Bool
    /// The sentence, as written.
    public var sentence: String
    /// Code-point offsets of the sentence in the report's text, `end` exclusive.
    public var start: Int
    public var end: Int
    /// When it happened or was said, `YYYY-MM-DD`, when the report lets it be known.
    public var date: String?

    /// The actor as the sentence names it ("the militants", "NRF forces").
    public var actorText: String
    /// The place as the sentence names it ("Shotul district", "the valley", "three districts in the valley").
    public var placeText: String
    /// The word that states the action ("captured", "pushed back").
    public var trigger: String
    /// Who says it, as written ("A Taliban source", "CNN"); `nil` in the report's own voice.
    public var source: String?
    /// The hedges, as written ("Rumors", "claimed", "CNN has not independently verified").
    public var hedges: [String]
    /// Who denies it, as written, and who that is relative to the actor.
    public var deniedBy: String?
    /// One of ``Claimant``'s values.
    public var denier: String?
    /// Unnamed parts of the place ("three districts"), with their number when given.
    public var quantity: String?
    public var quantityCount: Int?
    /// About part of the place (`quantity`), or forces present there rather than control of it.
    public var partial: Bool
    public var role: PlaceRole
    /// The actor's opponent in the report, when its profile names one (who gains when it loses).
    public var opponent: String?
    /// A strike from a distance (shelling, missiles): not fighting on the ground.
    public var ranged: Bool
    /// The words the date was read from ("on Monday", "Aug. 15, 2021").
    public var dateText: String?
    /// The name of the reading that produced the claim (one of ``ClaimRule/all``; empty when not known).
    /// Not part of the claim's id: the same claim read another way is the same claim.
    public var rule: String

    /// How sure the reader is of its reading, 0…1 (``ClaimConfidence``): computed from the rule and what
    /// the claim shows (the actor and place as written, partial, ranged, origin), so it is written, never read.
    public var confidence: Double { ClaimConfidence.of(self) }

    public init(document: String, place: String, actor: String, action: String, claimant: String, hedged: Bool = false,
                denied: Bool = false, sentence: String, start: Int, end: Int, date: String? = nil, actorText: String? = nil,
                placeText: String = "", trigger: String = "", source: String? = nil, hedges: [String] = [], deniedBy: String? = nil,
                denier: String? = nil, quantity: String? = nil, quantityCount: Int? = nil, partial: Bool = false,
                role: PlaceRole = .target, opponent: String? = nil, ranged: Bool = false, dateText: String? = nil, rule: String = "") {
        self.document = document
        self.place = place
        self.actor = actor
        self.action = action
        self.claimant = claimant
        self.hedged = hedged
        self.denied = denied
        self.sentence = sentence
        self.start = start
        self.end = end
        self.date = date
        self.actorText = actorText ?? actor
        self.placeText = placeText
        self.trigger = trigger
        self.source = source
        self.hedges = hedges
        self.deniedBy = deniedBy
        self.denier = denier
        self.quantity = quantity
        self.quantityCount = quantityCount
        self.partial = partial
        self.role = role
        self.opponent = opponent
        self.ranged = ranged
        self.dateText = dateText
        self.rule = rule
    }

    /// A claim with the action and claimant as values.
    public init(document: String, place: String, actor: String, action: ClaimAction, claimant: Claimant, hedged: Bool = false,
                denied: Bool = false, sentence: String, start: Int, end: Int, date: String? = nil, actorText: String? = nil,
                placeText: String = "", trigger: String = "", source: String? = nil, hedges: [String] = [], deniedBy: String? = nil,
                denier: Claimant? = nil, quantity: String? = nil, quantityCount: Int? = nil, partial: Bool = false,
                role: PlaceRole = .target, opponent: String? = nil, ranged: Bool = false, dateText: String? = nil, rule: String = "") {
        self.init(document: document, place: place, actor: actor, action: action.rawValue, claimant: claimant.rawValue, hedged: hedged,
                  denied: denied, sentence: sentence, start: start, end: end, date: date, actorText: actorText, placeText: placeText,
                  trigger: trigger, source: source, hedges: hedges, deniedBy: deniedBy, denier: denier?.rawValue, quantity: quantity,
                  quantityCount: quantityCount, partial: partial, role: role, opponent: opponent, ranged: ranged, dateText: dateText,
                  rule: rule)
    }

    /// The action as a value (`nil` only for a claim decoded from a newer version).
    public var actionKind: ClaimAction? { ClaimAction(rawValue: action) }
    public var claimantKind: Claimant? { Claimant(rawValue: claimant) }
    public var denierKind: Claimant? { denier.flatMap(Claimant.init(rawValue:)) }

    /// Whether someone other than the sides says it, unhedged and undenied: a third party or the
    /// reporter. Such control is drawn as held, not as claimed.
    public var isIndependentReport: Bool {
        !hedged && !denied && (claimantKind == .thirdParty || claimantKind == .reporter)
    }

    enum CodingKeys: String, CodingKey {
        case document, place, actor, action, claimant, hedged, denied, sentence, start, end, date
        case actorText = "actor_text", placeText = "place_text", trigger, source, hedges, deniedBy = "denied_by", denier
        case quantity, quantityCount = "quantity_count", partial, role, opponent, ranged, dateText = "date_text", rule
        /// Written (``confidence``), never read: it follows from the claim's fields.
        case confidence
        /// Written (``claimID``), never read: the id follows from the claim's fields, so a claim
        /// edited by hand gets the id of what it now says.
        case id
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decode(String.self, forKey: .document)
        place = try c.decode(String.self, forKey: .place)
        actor = try c.decode(String.self, forKey: .actor)
        action = try c.decode(String.self, forKey: .action)
        claimant = try c.decode(String.self, forKey: .claimant)
        hedged = try c.decode(Bool.self, forKey: .hedged)
        denied = try c.decode(Bool.self, forKey: .denied)
        sentence = try c.decode(String.self, forKey: .sentence)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        actorText = try c.decodeIfPresent(String.self, forKey: .actorText) ?? actor
        placeText = try c.decodeIfPresent(String.self, forKey: .placeText) ?? ""
        trigger = try c.decodeIfPresent(String.self, forKey: .trigger) ?? ""
        source = try c.decodeIfPresent(String.self, forKey: .source)
        hedges = try c.decodeIfPresent([String].self, forKey: .hedges) ?? []
        deniedBy = try c.decodeIfPresent(String.self, forKey: .deniedBy)
        denier = try c.decodeIfPresent(String.self, forKey: .denier)
        quantity = try c.decodeIfPresent(String.self, forKey: .quantity)
        quantityCount = try c.decodeIfPresent(Int.self, forKey: .quantityCount)
        partial = try c.decodeIfPresent(Bool.self, forKey: .partial) ?? false
        role = try c.decodeIfPresent(PlaceRole.self, forKey: .role) ?? .target
        opponent = try c.decodeIfPresent(String.self, forKey: .opponent)
        ranged = try c.decodeIfPresent(Bool.self, forKey: .ranged) ?? false
        dateText = try c.decodeIfPresent(String.self, forKey: .dateText)
        rule = try c.decodeIfPresent(String.self, forKey: .rule) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(document, forKey: .document)
        try c.encode(place, forKey: .place)
        try c.encode(actor, forKey: .actor)
        try c.encode(action, forKey: .action)
        try c.encode(claimant, forKey: .claimant)
        try c.encode(hedged, forKey: .hedged)
        try c.encode(denied, forKey: .denied)
        try c.encode(sentence, forKey: .sentence)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(date, forKey: .date)  // null when unknown, never left out
        try c.encode(actorText, forKey: .actorText)
        try c.encode(placeText, forKey: .placeText)
        try c.encode(trigger, forKey: .trigger)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encode(hedges, forKey: .hedges)
        try c.encodeIfPresent(deniedBy, forKey: .deniedBy)
        try c.encodeIfPresent(denier, forKey: .denier)
        try c.encodeIfPresent(quantity, forKey: .quantity)
        try c.encodeIfPresent(quantityCount, forKey: .quantityCount)
        try c.encode(partial, forKey: .partial)
        try c.encode(role, forKey: .role)
        try c.encodeIfPresent(opponent, forKey: .opponent)
        try c.encode(ranged, forKey: .ranged)
        try c.encodeIfPresent(dateText, forKey: .dateText)
        try c.encode(rule, forKey: .rule)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(claimID, forKey: .id)
    }
}
