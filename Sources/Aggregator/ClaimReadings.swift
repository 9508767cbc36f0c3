import Foundation

/// Readings of common reporting constructions the main trigger rules leave out: abbreviations in
/// brackets, the agent of a noun ("an offensive by X"), the agent of a passive taken from who says
/// it, denials by negation ("did not fall") and by calling a statement false.
extension DocumentReader {
    /// A bracket around at most three words ("the Sudanese Armed Forces (SAF) recaptured",
    /// "KYIV (Reuters) -"): an abbreviation or a source, not a clause of its own.
    mutating func shortParenthesis(_ k: Int, _ a: Int, _ b: Int) -> Bool {
        let g = gap(k)
        if g.has("(") {
            return walk(from: k + 1, through: min(b, k + 3)).contains { gap($0).has(")") }
        }
        if g.has(")") {
            return walk(from: max(a, k - 3), upTo: k).contains { gap($0).has("(") }
        }
        return false
    }

    /// Marks a claim as denied by a speaker. A claim read only from a negation ("X did not fall to
    /// Y, Z said") has nobody who makes it: it is also hedged, so that it weighs nothing on the map.
    func deny(_ claim: inout Claim, by speaker: Speaker, unclaimed: Bool = false) {
        claim.denied = true
        claim.deniedBy = speaker.text
        claim.denier = relation(of: speaker, to: Actor(side: sideIndex(claim.actor), name: claim.actor)).rawValue
        guard unclaimed else { return }
        claim.claimant = Claimant.thirdParty.rawValue
        claim.source = nil
        claim.hedged = true
        if !claim.hedges.contains("negated") { claim.hedges.append("negated") }
    }

    /// The agent of a noun of action: "a major offensive by Russian forces", "the alleged capture of
    /// the city of X by Russian occupiers". Not where a possessive names the actor ("Russia's
    /// capture of X, confirmed by …"), and only within the noun's phrase (no comma, no other verb).
    mutating func nominalAgent(_ k: Int, _ cs: Int, _ ce: Int, _ refs: [ActorRef], _ speech: Speech?) -> (Actor, String)? {
        if k > cs, let held = heldCompoundSide(k) { actorRule = "heldCompound"; return held }
        actorRule = "nominalAgent"
        // (A side's possessive is the agent itself, "Russia's capture of X"; a place's is the patient,
        // "Bakhmut's capture by Russian forces", whose agent follows "by".)
        guard nominal(k, cs), !(k > cs && tokens[k - 1].isPossessive && !(mentionAt[k - 1] && actorAt[k - 1] < 0)) else { return nil }
        // "the withdrawal of its troops", "the redeployment of its units": who withdrew follows "of".
        if ClaimLexicon.triggers[w(k)]?.action == .withdrew, w(k + 1) == "of",
            let r = refs.first(where: { $0.first == k + 2 || ($0.first == k + 3 && w(k + 2) == "the") }), let actor = resolved(r, speech) {
            return (actor, r.written)
        }
        for j in walk(from: k + 1, through: min(ce, k + 12)) {
            if gap(j).has(",") { return nil }
            let word = w(j)
            if ClaimLexicon.speech.contains(word) || ClaimLexicon.auxiliaries.contains(word) && !["also", "now"].contains(word) { return nil }
            // ("the withdrawal of its troops following a major offensive by Russian forces": "by" goes with the nearer noun.)
            if ClaimLexicon.triggers[word] != nil, actorAt[j] < 0 { return nil }
            guard word == "by" else { continue }
            guard let r = refs.first(where: { $0.first > j && $0.first <= j + 3 }), let actor = resolved(r, speech) else { return nil }
            return (actor, r.written)
        }
        return nil
    }

    /// The agent of an agentless passive, from who says it: of retaking, "\"X has been liberated,\"
    /// the deputy defence minister said"; of taking a place, "Bakhmut had been captured, Russia's
    /// defence ministry said" (a side announces its own gains; conceding one, its enemy's).
    mutating func attributedAgent(_ k: Int, _ action: ClaimAction, _ speech: Speech?) -> (Actor, String)? {
        let retaking = action == .regained || w(k).hasPrefix("liberat")
        // "Russia's defence ministry said Bakhmut had been captured": a side announcing that a place
        // was taken, naming no taker, announces its own forces took it (only a place taken: "two
        // soldiers were captured in X" says nothing of X).
        let placeTaken = action == .captured && passivePatientIsPlace(k) && ownAssertion(k, speech)
        guard retaking || placeTaken, let speaker = speech?.speaker ?? recentSpeaker(),
            let actor = speaker.actor else { return nil }
        // ("Soledar has been captured, the Ukrainian military admitted": a side conceding, its enemy took it.)
        if placeTaken, let s = speech, ClaimLexicon.concessionVerbs.contains(w(s.verb)) {
            guard let enemy = opponent(of: actor) else { return nil }
            return (enemy, enemy.name)
        }
        return (actor, speaker.text)
    }

    /// Whether the words before `k` in its statement are the speaker's own: no one else's statement
    /// ("statements suggesting that X has been captured") and no word of falsity ("untrue") between.
    mutating func ownAssertion(_ k: Int, _ speech: Speech?) -> Bool {
        var from = k - 1
        while from > 0, !tokens[from].startsSentence, k - from < 40 { from -= 1 }
        if let s = speech, s.before, s.contentStart < k { from = max(s.contentStart, s.verb + 1) }
        return !walk(from: from, upTo: k).contains { j in
            let word = w(j)
            return ClaimLexicon.speech.contains(word)
                || ClaimLexicon.deniedStatementNouns.contains(word) || ClaimLexicon.falsityWords.contains(word)
        }
    }

    /// Whether the patient of the passive at `k` is a place: a place's name or a settlement's noun
    /// right before its auxiliaries ("Bakhmut had been captured", "the town was taken").
    mutating func passivePatientIsPlace(_ k: Int) -> Bool {
        var p = k - 1
        while p >= 0, p >= k - 4, ClaimLexicon.passiveAuxiliaries.contains(w(p)) || ClaimLexicon.passiveAdverbs.contains(w(p))
            || ClaimLexicon.auxiliaries.contains(w(p)) {
            p -= 1
        }
        return p >= 0 && (mentionAt[p] || ClaimLexicon.unitNouns.contains(w(p)))
    }

    /// A headline's passive without its auxiliary, under a side's statement: "Russia says Ukrainian
    /// city of Bakhmut captured". The participle comes right after a place's name and ends the clause.
    mutating func reducedPassive(_ k: Int, _ ce: Int, _ speech: Speech?) -> Bool {
        guard k >= 1, k == ce || (k + 1 < tokens.count && gap(k + 1).has(",")), mentionAt[k - 1], let s = speech, s.before, s.contentStart < k,
            s.speaker?.actor != nil else { return false }
        let word = w(k)
        return word.hasSuffix("ed") || ClaimLexicon.irregularParticiples.contains(word)
    }

    /// The speaker of the sentence before, when it was a side: a quotation continues its words.
    func recentSpeaker() -> Speaker? {
        guard let sp = lastSpeaker, !sp.thirdParty, sp.actor != nil else { return nil }
        return sp
    }

    /// A noun of action opening a statement: "Ukraine announces capture of X", "the army announced
    /// the recapture of X": the speaker is its agent, unless "by" names another.
    mutating func nominalAfterSpeech(_ k: Int, _ s: Speech, _ action: ClaimAction) -> Bool {
        // ("Russia confirms capturing X", "M23 rebels … claim taking over Goma": a gerund after the verb.)
        if k == s.contentStart, w(k).hasSuffix("ing"), action == .captured || action == .regained { return true }
        guard k >= s.contentStart, action == .captured || action == .regained, w(k + 1) == "of" else { return false }
        if k > s.contentStart, !ClaimLexicon.actionNounDeterminers.contains(w(s.contentStart)) { return false }
        return walk(from: k + 1, through: min(s.contentEnd, k + 8)).contains { w($0) == "of" }
            && !walk(from: k + 1, through: min(s.contentEnd, k + 12)).contains { w($0) == "by" }
    }

    /// "The claim was \"not true\"", "these reports were \"false\"", "… by Russian occupiers is not
    /// true, said the spokesman": the speaker denies the claims before the words, or, when the
    /// sentence names only "the claim" or "these reports", the claims of the sentence before.
    mutating func falsityDenial(_ si: Int, _ a: Int, _ b: Int, _ speeches: [Speech], _ made: [Int]) {
        guard let f = walk(from: a, through: b).first(where: { j in
            let word = w(j)
            return ClaimLexicon.falsityWords.contains(word)
                || (word == "true" && j - 1 >= a && ClaimLexicon.negations.contains(w(j - 1)))
        }), let denier = speeches.compactMap({ $0.speaker }).first else { return }
        // (Not "a false flag", "false claims of victory" before a noun: only the predicate "was false".)
        if w(f) != "true", f + 1 <= b, text.adjacent(f + 1), !tokens[f + 1].isCapitalized,
            !ClaimLexicon.clauseBreakers.contains(w(f + 1)), !["and", "or"].contains(w(f + 1)), !gap(f + 1).has(",") { return }
        var targets = made.filter { claimAt[$0] < f && !claims[$0].denied }
        if targets.isEmpty, si > 0, walk(from: max(a, f - 6), upTo: f).contains(where: { ClaimLexicon.statementNouns.contains(w($0)) }) {
            targets = claimsBySentence[si - 1].filter { !claims[$0].denied }
        }
        for i in targets {
            var c = claims[i]
            deny(&c, by: denier)
            claims[i] = c
        }
    }
}

/// Readings of how reports tell a change of hands: entering a town, falling into a side's hands, taking a place from a
/// side, and a holding that restates a capture. Each has a rule name (``DocumentReader/ruleOn(_:)``).
extension DocumentReader {
    /// Rule `entryAsCapture`: troops entering a town, city or village, named ("entered Kherson", "entering the southern
    /// city of Kherson", "entered Hama city") or described ("entered the city"), take it. Not entering its outskirts,
    /// parts or suburbs (then the object is no settlement), not "briefly entered", and not "had begun entering" or
    /// "attempts to enter" (attempts are read before): those stay attacks.
    mutating func entersSettlement(_ k: Int, _ cs: Int, _ ce: Int, _ places: [PlaceRef]) -> Bool {
        guard Self.ruleOn("entryAsCapture"), ClaimLexicon.entryVerbs.contains(w(k)) else { return false }
        var p = k - 1
        while p >= cs, ClaimLexicon.auxiliaries.contains(w(p)) || ClaimLexicon.partialEntryWords.contains(w(p)) || w(p) == "to" {
            if ClaimLexicon.partialEntryWords.contains(w(p)) { return false }
            p -= 1
        }
        if p >= cs, ClaimLexicon.inchoativeVerbs.contains(w(p)) { return false }
        // The object: "the southern city of X", "X city", "the town".
        var o = k + 1
        if o <= ce, ClaimLexicon.articles.contains(w(o)) { o += 1 }
        while o <= ce, ClaimLexicon.compassAdjectives.contains(w(o)) || ClaimLexicon.descriptionAdjectives.contains(w(o)) { o += 1 }
        if o + 2 <= ce, ClaimLexicon.settlementNouns.contains(w(o)), w(o + 1) == "of" { o += 2 }
        guard o <= ce, let ref = places.first(where: { !$0.excluded && $0.quantity == nil && $0.first <= o && o <= $0.last }) else { return false }
        // ("entered the area" is vaguer than a town: a description counts only as "the city", "the town", "the village".)
        if ref.isDescription, !ClaimLexicon.settlementNouns.contains(w(ref.last)) { return false }
        return ClaimLexicon.enteredKinds.contains(ref.kind)
    }

    /// Rule `fellIntoHands`: the new holder after "fell": "X fell to Y", "X fell into the hands of Y", "X fell into Y's hands".
    mutating func fallTaker(_ k: Int, _ ce: Int, _ refs: [ActorRef]) -> ActorRef? {
        guard k + 1 <= ce else { return nil }
        if w(k + 1) == "to" { return refs.first(where: { $0.first > k + 1 && $0.first <= k + 4 }) }
        // "the fall of Bakhmut to Russian forces": the place after "of", then the taker after "to".
        if w(k + 1) == "of", let to = walk(from: k + 3, through: min(ce, k + 8)).first(where: { w($0) == "to" }),
            walk(from: k + 2, upTo: to).allSatisfy({ mentionAt[$0] || ClaimLexicon.plainArticles.contains(w($0)) }) {
            return refs.first(where: { $0.first > to && $0.first <= to + 3 })
        }
        guard Self.ruleOn("fellIntoHands"), w(k + 1) == "into",
            let hands = walk(from: k + 2, through: min(ce, k + 6)).first(where: { ClaimLexicon.handsWords.contains(w($0)) }) else { return nil }
        if hands + 1 <= ce, w(hands + 1) == "of" { return refs.first(where: { $0.first > hands + 1 && $0.first <= hands + 4 }) }
        return refs.first(where: { $0.first > k + 1 && $0.last < hands })
    }

    /// Rule `lossFromTaker`: "X recaptured W from the Y", "captured W from Y's forces": Y lost W. The side must follow
    /// "from" closely, past only lowercase words ("from the paramilitary Rapid Support Forces"); not a distance ("20 km
    /// from Y") nor a place ("from the north").
    mutating func lossFromTaker(_ k: Int, _ action: ClaimAction, _ ce: Int, _ refs: [ActorRef], _ speech: Speech?) -> (Actor, String)? {
        guard Self.ruleOn("lossFromTaker"), action == .captured || action == .regained,
            let from = walk(from: k + 1, through: ce).first(where: { w($0) == "from" }), from > k + 1,
            !isDistance(from - 1), !ClaimLexicon.directionWords.contains(w(from - 1)), w(from - 1) != "away",
            let r = refs.first(where: { $0.first > from && $0.first <= from + 4 }), r.kind != .speaker, r.kind != .person,
            !walk(from: from + 1, upTo: r.first).contains(where: { tokens[$0].isCapitalized || mentionAt[$0] || gap($0).has(",") }),
            !gap(r.first).has(","), let actor = resolved(r, speech) else { return nil }
        return (actor, r.written)
    }

    /// Rule `holdingRestatesCapture`: a side's holding of a place told with its capture of it, in the same sentence or the
    /// two after, by the same kind of claimant ("Police Battalion 31 in X was seized by the AA, meaning the township is
    /// under the group's control"; "\"Our forces have captured Y.\" … \"The occupation of Y by our forces …\"") restates
    /// the capture: one claim, the capture.
    mutating func dropRestatedHoldings() {
        guard Self.ruleOn("holdingRestatesCapture") else { return }
        let holds = ClaimAction.holds.rawValue
        let gains: Set<String> = [ClaimAction.captured.rawValue, ClaimAction.regained.rawValue]
        for (si, ids) in claimsBySentence.enumerated() {
            let near = ids + claimsBySentence[max(0, si - 2)..<si].flatMap { $0 }
            for i in ids where claims[i].action == holds && !claims[i].denied && !claims[i].place.isEmpty {
                let c = claims[i]
                let restated = near.contains { j in
                    j != i && gains.contains(claims[j].action) && !claims[j].denied && claims[j].actor == c.actor
                        && claims[j].place == c.place && claims[j].claimant == c.claimant
                }
                if restated { claims[i].place = "" }
            }
        }
    }
}

extension DocumentReader {
    /// Rule `theseAreas`: "these areas", "those towns" mean the places the sentence before names, when it names two or
    /// more (not countries, sides or places that only locate another): one description of each, on the same words.
    /// "The towns" (not "the towns of X and Y") means the towns and cities it names, when two or more.
    mutating func listedDescriptions(_ a: Int, _ b: Int) -> [PlaceRef] {
        guard Self.ruleOn("theseAreas"), let prev = previousSentence, a < b else { return [] }
        var out: [PlaceRef] = []
        for k in walk(from: a, upTo: b) where ClaimLexicon.listNouns.contains(w(k + 1)) {
            // "the towns", not followed by their names ("the towns of X and Y"): the settlements listed before.
            let definite = w(k) == "the" && w(k + 2) != "of" && ClaimLexicon.settlementListNouns.contains(w(k + 1))
            guard Lex.pluralDemonstratives.contains(tokens[k].lowerHash) || definite else { continue }
            let listed = mentionRefs(from: prev.0, through: prev.1).filter { p in
                p.kind != .country && actorAt[p.first] < 0 && !locatorTokens.contains(p.first)
                    && (!definite || ClaimLexicon.enteredKinds.contains(p.kind))
            }
            guard Set(listed.map(\.place)).count >= 2 else { continue }
            for p in listed where !out.contains(where: { $0.first == k && $0.place == p.place }) {
                out.append(PlaceRef(first: k, last: k + 1, place: p.place, kind: p.kind, written: surface(k, k + 1), isDescription: true,
                                    rule: "theseAreas"))
            }
        }
        return out
    }
}

extension DocumentReader {
    /// Rule `withdrawalFromFallen`: a withdrawal that names no place it left ("retreated toward Y", "withdrew"), in a
    /// sentence that has told of a place's capture or fall ("The city fell into the hands of the rebels after the army and
    /// its allies retreated toward Y"; "Russia captured X after Ukraine withdrew"), is from that place: by another side
    /// than the taker (``fallenTaker``).
    mutating func fallenBefore(_ k: Int, _ a: Int, _ places: [PlaceRef]) -> PlaceRef? {
        guard Self.ruleOn("withdrawalFromFallen") else { return nil }
        let gains: Set<String> = [ClaimAction.captured.rawValue, ClaimAction.regained.rawValue]
        // (The sentence's claims are the last ones made: read back until one before it.)
        for j in claims.indices.reversed() {
            guard claimAt.indices.contains(j), claimAt[j] >= a else { break }
            guard claimAt[j] < k, gains.contains(claims[j].action), !claims[j].denied, !claims[j].place.isEmpty, claims[j].role == .target,
                let ref = places.last(where: { $0.place == claims[j].place && !$0.excluded && $0.last < k }) else { continue }
            fallenTaker = claims[j].actor
            targetRule = "withdrawalFromFallen"
            return ref
        }
        return nil
    }
}

extension DocumentReader {
    /// Rule `heldCompound`: a compound before a holding noun names its holder: "Homs is the last major government-held
    /// stronghold", "the last rebel-held bastion": the side the profile calls by the first half (an adjective of a side,
    /// or a description such as "rebels"), holds it. Nothing where the profile knows no such side.
    mutating func heldCompoundSide(_ k: Int) -> (Actor, String)? {
        guard Self.ruleOn("heldCompound"), ClaimLexicon.holdingNouns.contains(w(k)), k > 0, let profile, let matcher else { return nil }
        let word = w(k - 1)
        guard let dash = word.lastIndex(of: "-"), ClaimLexicon.heldSuffixes.contains(String(word[word.index(after: dash)...])) else { return nil }
        let owner = String(word[..<dash])
        guard !owner.isEmpty else { return nil }
        let side = matcher.descriptions[owner] ?? matcher.descriptions[owner + "s"]
            ?? profile.sides.firstIndex { s in s.adjectives.contains { $0.lowercased() == owner } }
        guard let side, profile.sides.indices.contains(side) else { return nil }
        return (Actor(side: side, name: profile.sides[side].name), text.text(k - 1))
    }
}
