import Foundation
import Gazetteer

/// Rules that keep the claim reader from saying more than a sentence says.
///
/// Each rule is about English and about how reports are written, never about a report's words:
/// what did not happen (hypotheses, prevented actions), who is really the subject of a verb, and
/// which places are only named to locate another.
extension DocumentReader {
    /// The words between `cs` and `ce` make the action hypothetical: "its capture would open the road
    /// to a rebel advance on X", "it is hardly possible for the army to recapture X", "if X falls".
    /// ("could not" is a failed attempt, read by ``negation(_:_:)``.)
    mutating func hypothetical(_ k: Int, _ cs: Int, _ ce: Int) -> Bool {
        for j in walk(from: cs, through: ce) {
            let word = w(j)
            guard ClaimLexicon.hypotheticalWords.contains(word) else { continue }
            if word == "could", j + 1 <= ce, ClaimLexicon.negations.contains(w(j + 1)) { continue }
            // A modal comes before a verb: "their military might to get into" is a noun.
            if ClaimLexicon.modalVerbs.contains(word) {
                if j + 1 > ce || ClaimLexicon.prepositions.contains(w(j + 1)) || gap(j + 1).has(",") || gap(j + 1).has(".") { continue }
                if j - 1 >= cs, tokens[j - 1].isPossessive || Self.nominalDeterminers.contains(w(j - 1)) || w(j - 1) == "military" { continue }
            }
            // "whether" and "if" open a question or condition only before the action.
            if ClaimLexicon.conditionWords.contains(word), j > k { continue }
            return true
        }
        return false
    }

    /// A word just before the action says it was kept from happening: "to pre-empt a major
    /// offensive on X", "thwarted an attack by Y", "trying to stop the advance".
    mutating func prevented(_ k: Int, _ cs: Int) -> Bool {
        for j in walk(from: max(cs, k - 4), upTo: k) where ClaimLexicon.preventionWords.contains(w(j)) {
            // Only an object in between: no comma, no other verb.
            if walk(from: j + 1, through: k).contains(where: { gap($0).has(",") }) { continue }
            // Ending an occupation ends a holding, which ``endedHolding`` reads as the holder's loss;
            // ending an assault kept it from going on. ("ended their offensive and seized X", "ended
            // the week by seizing X": "end" stops only the action it governs, with no more than a
            // determiner or two words between.)
            if ClaimLexicon.endingVerbs.contains(w(j)), ClaimLexicon.triggers[w(k)]?.action == .holds || k - j > 3 || !governsDirectly(j, k) {
                continue
            }
            return true
        }
        return false
    }

    /// A holding noun that an ending governs: "ended Mali's occupation of the region of Gao", "ending
    /// nearly a decade of occupation by Tuareg rebels". The holder held the place until then, and
    /// lost it: the claim is the loss, not the holding. `nil`: no ending governs the noun; `false`:
    /// one does but names no holder ("the army ended the occupation of Kidal"), and there is no
    /// claim; `true`: the holder, named before the noun or after "by", lost the place. An ending
    /// wished for or called for ("vowed to end", "an end to") ends nothing.
    mutating func endedHolding(_ k: Int, _ cs: Int, _ ce: Int) -> Bool? {
        guard ClaimLexicon.triggers[w(k)]?.action == .holds, ClaimLexicon.holdingEndNouns.contains(w(k)) else { return nil }
        for j in walk(from: max(cs, k - 6), upTo: k) where ClaimLexicon.endingVerbs.contains(w(j)) && governsDirectly(j, k, allowingOf: true) {
            if j > cs, w(j - 1) == "to" || ClaimLexicon.plainArticles.contains(w(j - 1)) || isIntention(j, cs) { return nil }
            let holderBefore = walk(from: j + 1, upTo: k).contains { actorAt[$0] >= 0 }
            let holderAfter = walk(from: k + 1, through: min(ce, k + 8)).contains { w($0) == "by" }
            return holderBefore || holderAfter
        }
        return nil
    }

    /// Whether the word at `j` governs the word at `k` with only its object's words between: no
    /// comma, no coordinator, no other trigger, no preposition (but "of" where `allowingOf`: "ending
    /// nearly a decade of occupation").
    mutating func governsDirectly(_ j: Int, _ k: Int, allowingOf: Bool = false) -> Bool {
        if walk(from: j + 1, through: k).contains(where: { gap($0).has(",") }) { return false }
        return !walk(from: j + 1, upTo: k).contains { i in
            ClaimLexicon.coordinators.contains(w(i)) || ClaimLexicon.triggers[w(i)] != nil
                || (ClaimLexicon.prepositions.contains(w(i)) && !(allowingOf && w(i) == "of"))
        }
    }

    /// A fighting word followed by "alongside" names allies, not a fight over a place.
    mutating func alliance(_ k: Int, _ ce: Int) -> Bool {
        k + 1 <= ce && ClaimLexicon.allianceWords.contains(w(k + 1))
    }

    /// A participle used as an adjective, with no agent: "the besieged city of X", "the embattled town",
    /// "other freshly seized regions".
    mutating func attributiveParticiple(_ k: Int, _ a: Int) -> Bool {
        guard k > a, w(k).hasSuffix("ed") else { return false }
        // "the newly captured villages", "homes in recently captured territories": an adverb may stand
        // after a determiner or a preposition; "have already captured", "rebels recently seized" are verbs.
        if k - 1 > a, ClaimLexicon.participleAdverbs.contains(w(k - 1)) {
            let d = w(k - 2)
            guard ClaimLexicon.articles.contains(d) || ClaimLexicon.participleDeterminers.contains(d) || ClaimLexicon.prepositions.contains(d) else {
                return false
            }
        } else if !(ClaimLexicon.articles.contains(w(k - 1)) || ClaimLexicon.participleDeterminers.contains(w(k - 1))) {
            return false
        }
        var n = k + 1
        if ClaimLexicon.compassAdjectives.contains(w(n)) { n += 1 }
        return ClaimLexicon.settlementNouns.contains(w(n)) || ClaimLexicon.areaNouns.contains(w(n))
    }

    /// A verb of holding put in the past by the adverb right before it ("the town, previously
    /// controlled by the Kurdish militia"), or by the past perfect in a relative clause ("the
    /// insurgents who had held the town since last year"): the holder held it before, not now; no
    /// claim. (Outside a relative clause, "had" may only shift the tense of reported speech:
    /// "officials said rebels had controlled Goma since Monday".)
    mutating func pastHolding(_ k: Int) -> Bool {
        guard k > 0, let trigger = ClaimLexicon.triggers[w(k)], trigger.action == .holds, !trigger.noun, text.adjacent(k) else { return false }
        if ClaimLexicon.pastHoldingAdverbs.contains(w(k - 1)) { return true }
        return k > 1 && ClaimLexicon.pastPerfectAuxiliaries.contains(w(k - 1)) && ClaimLexicon.relativePronouns.contains(w(k - 2))
    }

    /// A holding noun that is not a holding: "the former stronghold", "broke through its defences",
    /// or the thing another action took ("seized the last junta stronghold in X").
    mutating func brokenHolding(_ k: Int, _ cs: Int) -> Bool {
        guard ClaimLexicon.holdingNouns.contains(w(k)) else { return false }
        // "the defence ministry", "defense officials": a modifier of an office, not a holding.
        if ClaimLexicon.officeNouns.contains(w(k + 1)) { return true }
        for j in stride(from: k - 1, through: max(cs, k - 6), by: -1) {
            if gap(j + 1).has(",") { break }
            let word = w(j)
            if ClaimLexicon.holdingBreakers.contains(word) { return true }
            if let t = ClaimLexicon.triggers[word], !t.noun, t.action == .captured || t.action == .regained || t.action == .attacked {
                return true
            }
        }
        return false
    }

    /// A noun used as a noun ("a major offensive", "the opposition's advances"): it takes its place
    /// after it ("offensive on X"), never a place named before it in the clause.
    mutating func nominal(_ k: Int, _ cs: Int) -> Bool {
        for j in walk(from: max(cs, k - 3), upTo: k) {
            if tokens[j].isPossessive || Self.nominalDeterminers.contains(w(j)) { return true }
        }
        return false
    }

    static let nominalDeterminers: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "of"]

    /// The subject just before the verb, when it is a noun that names no side ("as up to 300,000
    /// flee", "the soldiers are fleeing", "as rebels seize"). `nil` when the word before the verb
    /// (past auxiliaries) is a side's name, a pronoun, or anything else.
    mutating func bareSubject(_ k: Int, _ cs: Int) -> Int? {
        var p = k - 1
        while p >= cs, ClaimLexicon.auxiliaries.contains(w(p)) || w(p) == "not" { p -= 1 }
        guard p >= cs, actorAt[p] < 0, !mentionAt[p] else { return nil }
        let word = w(p)
        let number = word.first.map { $0.isNumber } == true
        guard number || ClaimLexicon.bareSubjectNouns.contains(word) else { return nil }
        // "Arakan Army fighters": the noun ends a side's name.
        if p - 1 >= cs, actorAt[p - 1] >= 0, text.adjacent(p) { return nil }
        // "the group's fighters", "its troops": the possessor is the side.
        if p - 1 >= cs, tokens[p - 1].isPossessive || ClaimLexicon.possessivePronouns.contains(w(p - 1)) { return nil }
        // The object of a preposition is no subject ("the battle with rebels").
        var q = p - 1
        while q >= cs, ClaimLexicon.nounPhraseModifiers.contains(w(q)) || ClaimLexicon.compassAdjectives.contains(w(q)) { q -= 1 }
        if q >= cs, ClaimLexicon.prepositions.contains(w(q)) { return nil }
        return p
    }

    /// The side a bare subject noun stands for in this war ("rebels" in a profile that says who the
    /// rebels are), else `nil`.
    mutating func describedSide(_ p: Int) -> (Actor, String)? {
        if let profile, let side = matcher?.descriptions[w(p)] {
            return (Actor(side: side, name: profile.sides[side].name), text.text(p))
        }
        // Without a profile that says who they are, "insurgents" and "rebels" are a side by that
        // name, as at a report's start (see `genericActorEnd`).
        guard ClaimLexicon.bareSides.contains(w(p)) else { return nil }
        let word = text.text(p)
        let name = word.prefix(1).uppercased() + word.dropFirst()
        return (Actor(side: nil, name: name), word)
    }

    /// Whether the place named at token `f` (its governing words start before it) is only a
    /// locator: "N km from X", "a city near X", "the largest city in X", "city of X" with X a
    /// province, "key city X state".
    mutating func locatorOnly(_ ref: PlaceRef, _ a: Int) -> Bool {
        var p = ref.first - 1
        if p >= a, w(p) == "the" { p -= 1 }
        while p >= a, ClaimLexicon.compassAdjectives.contains(w(p)) { p -= 1 }
        if p >= a, w(p) == "the" { p -= 1 }
        // "some 189 km from the Sudanese capital, Khartoum", "180km south of the capital Khartoum":
        // the name in apposition to a settlement noun.
        if p > a, gap(ref.first).has(",") || w(p) == "capital", ClaimLexicon.settlementNouns.contains(w(p)) {
            p -= 1
            var q = 0
            while p >= a, q < 3, !ClaimLexicon.prepositions.contains(w(p)), !gap(p + 1).has(",") { p -= 1; q += 1 }
        }
        guard p >= a else { return false }
        let gov = w(p)
        // "some 189 km from X", "20 miles outside X".
        if ClaimLexicon.distanceGoverning.contains(gov), p - 1 >= a, isDistance(p - 1) { return true }
        // "about 180km south of the capital Khartoum".
        if gov == "of", p - 2 >= a, ClaimLexicon.directionWords.contains(w(p - 1)), isDistance(p - 2) { return true }
        // "a city near X", "a town outside X", "the capital of eastern X".
        if ClaimLexicon.appositionGoverning.contains(gov), p - 1 >= a, ClaimLexicon.settlementNouns.contains(w(p - 1)),
            gov != "of" && gov != "in" || ref.kind.holdsTowns {
            // ("the city of Kherson" names the city itself; "the largest city in South Kivu" names its province.)
            return gov == "near" || gov == "outside" || gov == "from" || ref.kind.holdsTowns
        }
        // "key city Gezira state": a province named right after a settlement noun.
        if ClaimLexicon.settlementNouns.contains(gov), ref.kind.holdsTowns { return true }
        // "the historic Rakhine State city of Mrauk U": a province before "city of" and the town.
        var n = ref.last + 1
        if ClaimLexicon.provinceWords.contains(w(n)) { n += 1 }
        if ref.kind.holdsTowns, ClaimLexicon.settlementNouns.contains(w(n)), w(n + 1) == "of" { return true }
        return false
    }
}

extension DocumentReader {
    /// A place in a phrase after "towards" that is no advance on it: "displacement of people towards
    /// western El Gezira and Sennar", "withdrew … towards western Syria in Damascus".
    mutating func towardGoverned(_ ref: PlaceRef, _ a: Int) -> Bool {
        var p = ref.first - 1
        var steps = 0
        while p >= a, steps < 7 {
            let word = w(p)
            if word == "toward" || word == "towards" {
                return !(p - 1 >= a && ClaimLexicon.advanceWords.contains(w(p - 1)))
            }
            let inPhrase = mentionAt[p] || tokens[p].isCapitalized || ClaimLexicon.phraseLinkWords.contains(word)
                || ClaimLexicon.compassAdjectives.contains(word)
            if !inPhrase || gap(p + 1).has(";") || gap(p + 1).has(".") { return false }
            p -= 1
            steps += 1
        }
        return false
    }

    /// A distance: "189 km", "some 20 miles", "180km".
    mutating func isDistance(_ j: Int) -> Bool {
        let word = w(j)
        if ClaimLexicon.distanceUnits.contains(word) { return true }
        guard word.first.map({ $0.isNumber }) == true else { return false }
        return ClaimLexicon.distanceUnits.contains(String(word.drop(while: { $0.isNumber || $0 == "," || $0 == "." })))
    }

    /// A holding noun takes a place before it only as an apposition or a predicate ("El Fasher, the
    /// army's last stronghold", "Homs is the last government-held stronghold"), not across
    /// another clause ("withdraw our units from the town and move to defence").
    mutating func holdingBackwardOK(_ place: PlaceRef, _ k: Int) -> Bool {
        guard ClaimLexicon.holdingNouns.contains(w(k)) else { return true }
        return walk(from: place.last + 1, through: k).contains { j in
            gap(j).has(",") || ClaimLexicon.copulaWords.contains(w(j))
        }
    }

    /// Forces named as the object or agent of a noun ("the presence of Rwandan forces in the city",
    /// "thwarted a major attack by RSF troops in El Fasher"): the noun says what they do, not that they hold.
    mutating func objectOfNoun(_ r: ActorRef, _ a: Int) -> Bool {
        var p = r.first - 1
        while p >= a, ClaimLexicon.nounPhraseModifiers.contains(w(p)) { p -= 1 }
        return p >= a && (w(p) == "of" || w(p) == "by") || fightParty(r, a)
    }

    /// Forces named as one party of a fight ("clashes between army troops and RSF fighters in
    /// Nyala", "fighting between militiamen and federal forces in Lalibela"), or as whom a fight is
    /// with or against ("heavy fighting is continuing with al-Qaida militants in Abyan"): both
    /// sides are there, neither holds the place.
    mutating func fightParty(_ r: ActorRef, _ a: Int) -> Bool {
        for j in stride(from: r.first - 1, through: max(a, r.first - 10), by: -1) {
            if w(j) == "between" { return true }
            // "are now fighting Ukrainian troops inside the city": the object of a verb of fighting.
            if j == r.first - 1, let t = ClaimLexicon.triggers[w(j)], !t.noun, t.action == .contested || t.action == .attacked { return true }
            if w(j) == "with" || w(j) == "against", walk(from: max(a, j - 4), upTo: j).contains(where: { i in
                ClaimLexicon.triggers[w(i)].map { $0.action == .contested || $0.action == .attacked } == true
            }) {
                return true
            }
            if gap(j + 1).has(";") || gap(j + 1).has(".") || ClaimLexicon.triggers[w(j)] != nil { return false }
        }
        return false
    }

    /// Whether a side is named in the plural ("opposition forces", "Taliban fighters", "the
    /// rebels"): "it" and "its" do not refer to it.
    func pluralRef(_ r: ActorRef) -> Bool {
        let head = w0(r.last)
        return head.hasSuffix("s") && (ClaimLexicon.groupNouns.contains(head) || ClaimLexicon.bareSides.contains(head))
    }

    /// A place joined by "and" or "or" to a place that only locates ("towards western El Gezira and
    /// Sennar", "north of A and B") only locates too.
    mutating func excludeCoordinated(_ refs: inout [PlaceRef]) {
        guard refs.count > 1 else { return }
        for i in 1..<refs.count where !refs[i].excluded && !refs[i].isDescription {
            let before = refs[i - 1]
            guard before.excluded, !before.isDescription, refs[i].first > before.last, refs[i].first - before.last <= 3 else { continue }
            let between = walk(from: before.last + 1, upTo: refs[i].first).map { w($0) }
            guard between.contains(where: { $0 == "and" || $0 == "or" }),
                between.allSatisfy({ $0 == "and" || $0 == "or" || $0 == "the" || ClaimLexicon.compassAdjectives.contains($0) })
            else { continue }
            refs[i].excluded = true
        }
    }

    /// Who a reference means in a side's own statement: "the group" is the speaker's group ("MNDAA
    /// spokesman said the group's fighters had captured X"); "its forces" opening the statement are
    /// the speaker's ("the government announced that its forces have recaptured X"); and "the rebels"
    /// are never the speaker itself but its enemy. `nil` where the statement says nothing of it.
    func speakersOwn(_ r: ActorRef, _ speech: Speech?) -> Actor? {
        guard let s = speech, let speaker = s.speaker?.actor, r.first >= s.contentStart, r.last <= s.contentEnd else { return nil }
        let head = w0(r.last)
        if r.kind == .description {
            if ClaimLexicon.hostileDescriptions.contains(head) {
                return r.actor == speaker ? opponent(of: speaker) : nil
            }
            return speaker
        }
        if r.kind == .pronoun, s.before, ["its", "their"].contains(head), r.first <= s.contentStart + 1 { return speaker }
        // "Kyiv said it had pulled out": "it" opening the words of a side that speaks of itself.
        if r.kind == .pronoun, s.before, head == "it", r.first == s.contentStart { return speaker }
        return nil
    }

    /// "it" or "its" in the words of a speaker named by a singular noun no profile knows ("A military
    /// statement said … the areas it seized", "Mali's military government announced that its
    /// forces …"): the pronoun means that speaker, whose side this reader cannot name.
    func unknownSpeakersOwn(_ r: ActorRef, _ speech: Speech?) -> Bool {
        guard r.kind == .pronoun, ["it", "its"].contains(w0(r.first)), let s = speech, s.before, let speaker = s.speaker,
            speaker.actor == nil, !speaker.text.isEmpty, r.first >= s.contentStart, r.last <= s.contentEnd else { return false }
        let head = speaker.text.split(separator: " ").last.map { $0.lowercased() } ?? ""
        return !head.hasSuffix("s")
    }
}

extension DocumentReader {
    /// The places listed with `p` just before it ("Mayadin, Quriyah, Albu Kamal, and several other
    /// areas are among those evacuated"): a list before a passive verb is its subject, every item.
    func listedBefore(_ p: PlaceRef, _ places: [PlaceRef]) -> [PlaceRef] {
        var out: [PlaceRef] = []
        var current = p
        while let q = places.last(where: { $0.last < current.first && !$0.excluded && $0.quantity == nil }) {
            let between = walk(from: q.last + 1, upTo: current.first).map { w0($0) }
            let joined = between.allSatisfy { $0 == "and" || $0 == "or" } && (between.count == 1 || gap(current.first).has(","))
            guard joined else { break }
            out.append(q)
            current = q
        }
        return out
    }
}

extension PlaceKind {
    /// A province, region or country: a place whose towns a report names it to locate.
    var holdsTowns: Bool { self == .province || self == .region || self == .country }
}

extension DocumentReader {
    /// "took control of", "full control", "under X control", "the control of": the control word is read by its
    /// verb or by "under", or says nobody's control ("critical to the control of two towns"); not a claim of its own.
    mutating func controlReadElsewhere(_ k: Int, _ a: Int) -> Bool {
        if k > a, ClaimLexicon.controlGoverning.contains(w(k - 1)) || (k - 2 >= a && ClaimLexicon.controlVerbs.contains(w(k - 2))) {
            // ("in control of X", "in full control of X": a holding, read here.)
            return !(w(k - 1) == "in" || (k - 2 >= a && w(k - 2) == "in" && ClaimLexicon.controlDegreeWords.contains(w(k - 1))))
        }
        return k > a && w(k - 1) == "the" && w(k + 1) == "of"
    }

    /// Rule `eventPreposition`: a word that opens another clause before a noun of fighting: "as", "while", "when", and
    /// "following", "amid", "during" ("withdrew from the city following a major offensive by Y": the city is the
    /// withdrawal's). Not "the following day".
    mutating func fightOpener(_ j: Int) -> Bool {
        if ClaimLexicon.subordinators.contains(w(j)) { return true }
        guard Self.ruleOn("eventPreposition"), ClaimLexicon.eventPrepositions.contains(w(j)) else { return false }
        return !(j > 0 && ClaimLexicon.articles.contains(w(j - 1)))
    }

    /// Rule `hostileInOwnWords`: "the insurgents", "the terrorists" as the subject in a side's own words are its enemy,
    /// never itself ("\"The insurgents infiltrated the outskirts of X,\" the military spokesman said"): the side the
    /// profile means by the word if it fights the speaker, else the speaker's opponent.
    mutating func speakersEnemy(_ p: Int, _ speech: Speech?) -> (Actor, String)? {
        guard Self.ruleOn("hostileInOwnWords"), ClaimLexicon.hostileDescriptions.contains(w(p)), let s = speech,
            let speaker = s.speaker?.actor, let side = speaker.side, p >= s.contentStart, p <= s.contentEnd, let profile else { return nil }
        if let described = describedSide(p), let d = described.0.side, profile.opposed(profile.sides[side].id, profile.sides[d].id) {
            return described
        }
        guard let enemy = opponent(of: speaker) else { return nil }
        return (enemy, text.text(p))
    }

    /// Rule `possessiveSide`: a capital or country in the possessive just before the action is its side, as the subject of
    /// the noun ("Israel's military control of X", "Moscow's capture of Y"); not past a noun of people ("Kyiv's residents
    /// fled") or another verb.
    mutating func possessiveSide(_ r: ActorRef, _ k: Int) -> Bool {
        guard Self.ruleOn("possessiveSide"), tokens[r.last].isPossessive, k > r.last, k - r.last <= 3 else { return false }
        return walk(from: r.last + 1, upTo: k).allSatisfy { j in
            !tokens[j].isCapitalized && !ClaimLexicon.bareSubjectNouns.contains(w(j)) && ClaimLexicon.triggers[w(j)] == nil
        }
    }

    /// Rules switched off for a diagnostic run (`CONFLICTMAP_CLAIMS_DISABLE=entryAsCapture,lossFromTaker`): how much each
    /// named rule changes a corpus's claims, without a rebuild.
    static let disabledRules: Set<String> = Set((ProcessInfo.processInfo.environment["CONFLICTMAP_CLAIMS_DISABLE"] ?? "")
        .split(separator: ",").map { String($0) })
    static func ruleOn(_ name: String) -> Bool { disabledRules.isEmpty || !disabledRules.contains(name) }
}
