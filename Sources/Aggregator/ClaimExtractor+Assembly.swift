import Foundation
import Gazetteer

// MARK: Claim assembly, hedges and denials
extension DocumentReader {
    /// The side that fights `actor`, the one the report names most.
    func opponent(of actor: Actor) -> Actor? {
        guard let profile, let side = actor.side else { return nil }
        var best: Int?
        for (i, _) in profile.sides.enumerated() where profile.opposed(profile.sides[side].id, profile.sides[i].id) {
            if sideCounts.indices.contains(i), best.map({ sideCounts[i] > sideCounts[$0] }) ?? true { best = i }
        }
        return best.map { Actor(side: $0, name: profile.sides[$0].name) }
    }

    /// Whether the words after a place name a part of it: "Aden airport", "Kabul's international
    /// airport", "Marib's al-Jubah and Jabal Murad districts" (a noun of ``ClaimLexicon/placePartNouns``
    /// right after the name, or within four words after it in the possessive).
    mutating func namesPart(of place: PlaceRef, sentenceEnd b: Int) -> Bool {
        guard place.quantity == nil, !place.isDescription, [.city, .town, .village, .province, .district].contains(place.kind) else { return false }
        let next = place.last + 1
        guard next <= b, text.adjacent(next) || tokens[place.last].isPossessive else { return false }
        if ClaimLexicon.placePartNouns.contains(w(next)) { return true }
        // "Aden international airport", "Kyiv's main railway station".
        // (Not through a function word: "seized Aleppo and villages nearby" is Aleppo whole.)
        if next + 1 <= b, !tokens[next].isCapitalized, text.adjacent(next + 1), ClaimLexicon.placePartNouns.contains(w(next + 1)),
           !ClaimLexicon.prepositions.contains(w(next)), !ClaimLexicon.partPhraseBreakers.contains(w(next)) { return true }
        guard tokens[place.last].isPossessive else { return false }
        return walk(from: next, through: min(b, next + 4)).contains { ClaimLexicon.placePartNouns.contains(w($0)) && ClaimLexicon.triggers[w($0)] == nil }
    }

    mutating func makeClaim(actor: Actor, actorText: String, action: ClaimAction, trigger: String, place: PlaceRef, role: PlaceRole,
                            speech: Speech?, sentence: (Int, Int), at k: Int, dates: [DateMention]) -> Claim {
        let (sentenceString, start, end) = sentenceText(sentence.0, sentence.1)
        var claimant = Claimant.reporter
        var source: String?
        var speaker = speech?.speaker
        if speech == nil, walk(from: sentence.0, through: sentence.1).contains(where: { ClaimLexicon.firstPerson.contains(w($0)) }), sentence.1 - sentence.0 < 60 {
            speaker = lastSpeaker  // a quotation continuing the last speaker's words
        }
        if let sp = speaker {
            source = sp.text.isEmpty ? nil : sp.text
            claimant = relation(of: sp, to: actor)
        } else if speech != nil {
            claimant = .thirdParty
        }
        var hedges: [String] = []
        if let h = speech?.hedge { hedges.append(h) }
        let date = dates.min { abs($0.first - k) < abs($1.first - k) }
        var claim = Claim(
            document: report.id, place: place.place, actor: actor.name, action: action, claimant: claimant, hedged: !hedges.isEmpty,
            denied: false, sentence: sentenceString, start: start, end: end, date: date?.iso ?? nil, actorText: actorText,
            placeText: place.written, trigger: trigger, source: source, hedges: hedges, quantity: place.quantity,
            quantityCount: place.quantityCount, role: role, opponent: opponent(of: actor)?.name, dateText: date?.text)
        if namesPart(of: place, sentenceEnd: sentence.1) { claim.partial = true }
        if speech?.denial == true, let sp = speech?.speaker {
            claim.denied = true
            claim.deniedBy = sp.text
            claim.denier = relation(of: sp, to: actor).rawValue
            claim.claimant = Claimant.thirdParty.rawValue
            claim.source = nil
        }
        return claim
    }

    /// Who a speaker is to an actor: the actor itself, its opponent, or a third party.
    func relation(of speaker: Speaker, to actor: Actor) -> Claimant {
        if let s = speaker.actor {
            if s == actor { return .actor }
            if let profile, let ss = s.side, let sa = actor.side {
                if ss == sa { return .actor }
                // An ally speaks for the same camp: not a third party.
                return profile.opposed(profile.sides[ss].id, profile.sides[sa].id) ? .opponent : .actor
            }
            if s.side == nil && actor.side == nil && (s.name.lowercased().contains(actor.name.lowercased()) || actor.name.lowercased().contains(s.name.lowercased())) {
                return .actor
            }
        }
        return .thirdParty
    }

    mutating func addClaim(_ c: Claim, _ si: Int, _ token: Int) -> Int {
        claims.append(c)
        claimAt.append(token)
        claimsBySentence[si].append(claims.count - 1)
        return claims.count - 1
    }

    // MARK: Hedges and denials

    mutating func applyHedgesAndDenials(_ si: Int, _ a: Int, _ b: Int, _ speeches: [Speech], _ made: [Int]) {
        sentenceSubject = nil
        // Hedge words anywhere in the sentence.
        var sentenceHedges: [String] = []
        for k in walk(from: a, through: b) where Lex.hedgeish.contains(tokens[k].lowerHash) {
            let word = w(k)
            if ClaimLexicon.hedgeWords.contains(word) { sentenceHedges.append(text.text(k)) }
            if ClaimLexicon.seemingVerbs.contains(word), k + 1 <= b, w(k + 1) == "to" {
                sentenceHedges.append(surface(k, k + 1))
            }
        }
        for i in made {
            for h in sentenceHedges where !claims[i].hedges.contains(h) { claims[i].hedges.append(h) }
            if !claims[i].hedges.isEmpty { claims[i].hedged = true }
        }
        // "X has not independently verified…": the claims of this sentence and the two before.
        if let disclaimer = disclaimer(a, b) {
            let targets = made + (claimsBySentence[max(0, si - 2)..<si].flatMap { $0 })
            for i in targets where !claims[i].hedges.contains(disclaimer) {
                claims[i].hedges.append(disclaimer)
                claims[i].hedged = true
            }
        }
        falsityDenial(si, a, b, speeches, made)
        // Denials: of what the sentence said before the verb, or of the sentence before ("denied these claims").
        for s in speeches where s.denial && !s.negated {
            guard let denier = s.speaker else { continue }
            var targets = made.filter { claimAt[$0] < s.verb && !claims[$0].denied }
            let content = made.filter { claimAt[$0] > s.verb && claims[$0].denied }
            if targets.isEmpty && s.anaphoric, si > 0 { targets = claimsBySentence[si - 1] }
            for i in targets {
                claims[i].denied = true
                claims[i].deniedBy = denier.text
                claims[i].denier = relation(of: denier, to: Actor(side: sideIndex(claims[i].actor), name: claims[i].actor)).rawValue
            }
            // What the denial itself says ("denied they had fallen") restates the denied claim.
            if !targets.isEmpty {
                for i in content { claims[i].place = "" }
            }
        }
    }

    func sideIndex(_ name: String) -> Int? { profile?.sides.firstIndex { $0.name == name } }

    /// The disclaimer a sentence makes ("CNN has not independently verified"), if it makes one.
    mutating func disclaimer(_ a: Int, _ b: Int) -> String? {
        guard let v = walk(from: a, through: b).first(where: { Lex.verify.contains(tokens[$0].lowerHash) }) else { return nil }
        let negated = walk(from: a, upTo: v).contains { ClaimLexicon.negations.contains(w($0)) || w($0).hasSuffix("n't") }
            || (v + 1 <= b && ["not"].contains(w(v + 1)))
        guard negated else { return nil }
        var start = a
        for k in stride(from: v, through: a + 1, by: -1) where gap(k).has(",") || gap(k).has(";") { start = k; break }
        return surface(start, v)
    }

    mutating func finish() -> [Claim] {
        dropRestatedHoldings()
        var out: [Claim] = []
        var seen: [String: Int] = [:]  // a claim's key → its index in `out`
        for var c in claims where !c.place.isEmpty {
            // Fighting in a province or a region is fighting in part of it ("clashes in the Amhara
            // region"): the map marks it at the province's point and shades no whole province for it.
            if c.actionKind == .attacked || c.actionKind == .contested,
                let kind = gazetteer.place(id: c.place)?.kind, kind.precision >= .province || kind == .region {
                c.partial = true
            }
            let key = "\(c.start)|\(c.place)|\(c.actor)|\(c.action)|\(c.role.rawValue)"
            if seen[key] == nil {
                seen[key] = out.count
                out.append(c)
            } else if let i = seen[key] {
                for h in c.hedges where !out[i].hedges.contains(h) { out[i].hedges.append(h) }
                if !c.trigger.isEmpty, !out[i].trigger.contains(c.trigger) { out[i].trigger += " … " + c.trigger }
                out[i].hedged = out[i].hedged || c.hedged
                out[i].partial = out[i].partial && c.partial
                if c.denied && !out[i].denied { out[i].denied = true; out[i].deniedBy = c.deniedBy; out[i].denier = c.denier }
            }
        }
        return out.sorted { ($0.start, $0.place, $0.actor, $0.action, $0.role.rawValue) < ($1.start, $1.place, $1.actor, $1.action, $1.role.rawValue) }
    }
}
