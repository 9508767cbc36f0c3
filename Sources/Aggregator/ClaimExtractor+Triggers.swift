import Foundation
import Gazetteer

// MARK: Triggers
extension DocumentReader {
    func placeRefs(_ places: [PlaceRef], from: Int, to: Int) -> [PlaceRef] {
        places.filter { $0.first >= from && $0.first <= to && !$0.excluded }
    }

    mutating func readTrigger(_ k: Int, _ trigger: Trigger, _ a: Int, _ b: Int, _ refs: [ActorRef], _ places: [PlaceRef], _ speeches: [Speech],
                              _ dates: [DateMention], _ clause: (Int) -> (Int, Int), _ handled: inout Set<Int>) -> [Claim] {
        var (cs, ce) = clause(k)
        var reading = TriggerReading(action: trigger.action, text: text.text(k))
        let speech = governingSpeech(k, speeches)
        if let s = speech, s.before, s.contentStart > cs, s.contentStart <= k { cs = s.contentStart }
        if historical(cs, ce) { return [] }
        if speech?.negated == true { return [] }
        // Prevented, allied, attributive or broken: no action on a place ("to pre-empt an offensive on
        // X", "fighting alongside the army", "the besieged city", "broke through its defences").
        if prevented(k, cs) || alliance(k, ce) || attributiveParticiple(k, a) || brokenHolding(k, cs) || pastHolding(k) { return [] }
        let span = TriggerSpan(k: k, trigger: trigger, a: a, b: b, cs: cs, ce: ce)

        // The object: what comes right after the verb.
        let object = triggerObject(span, &handled)
        let objectStart = object.start
        // Words that make it something else: "took part", "took place", "held talks", "fighting for control".
        if objectStart <= ce, ClaimLexicon.nonPlaceObjects.contains(w(objectStart)), !object.sawControl { return [] }
        if trigger.special == .control, controlReadElsewhere(k, a) { return [] }
        guard readTriggerForm(span, object, places, &reading, &handled) else { return [] }
        // Passive: "Kabul was captured by the Taliban", "Taliban forces were pushed back".
        let passive = isPassive(k, cs) || reducedPassive(k, ce, speech)
        guard readModality(span, places, speech, &reading) else { return [] }
        if let ended = endedHolding(k, cs, ce) {
            guard ended else { return [] }
            reading.action = .lost
            reading.rule = "endedHolding"
        }
        var action = reading.action
        let pushedPatient = reading.pushedPatient

        // The places: after the verb in its clause; else before it; else the clause before.
        var targets = triggerPlaces(k, trigger, action, a, cs, ce, places, speech, handled,
                                    objectStart: objectStart, passive: passive, pushedPatient: pushedPatient, sawControl: object.sawControl)
        if targets.isEmpty {
            if !passive, !coordinated(k, cs), let r = subject(k, cs, refs), let actor = resolved(r, speech) { sentenceSubject = (actor, r.written) }
            return []
        }
        targets = uniquePlaces(targets)

        // The actor.
        let actors = triggerActors(span, &action, refs, speech, passive: passive, pushedPatient: pushedPatient)
        if actors.isEmpty { return [] }
        if action != .contested, !passive, !pushedPatient, let first = actors.first { sentenceSubject = first }

        let context = TriggerContext(k: k, trigger: trigger, action: action, text: reading.text, sentence: (a, b), ce: ce, speech: speech,
                                     dates: dates, objectStart: objectStart, sawPart: object.sawPart, deniedBy: reading.deniedBy,
                                     rule: reading.rule)
        return triggerClaims(context, actors, targets, refs)
    }

    /// Whether the words before a place's name make it a part of it: "in northern Shan State",
    /// "eastern Ukraine", "certain parts of the town", "the outskirts of Kherson"; not "the northern
    /// Panjshir Valley province", which says where all of it lies.
    mutating func partOfPlace(before first: Int) -> Bool {
        guard first > 0 else { return false }
        // "the town of Masisi in North Kivu", "villages in Idlib": the place only locates another.
        if first >= 2, w(first - 1) == "in" || w(first - 1) == "near" {
            let prev = first - 2
            if ClaimLexicon.settlementNouns.contains(w(prev)) || ClaimLexicon.settlementNouns.contains(String(w(prev).dropLast()))
                || ClaimLexicon.areaNouns.contains(w(prev)) { return true }
            if tokens[prev].isCapitalized, unresolvedTokens.contains(where: { $0 <= prev && prev - $0 < 4 }) { return true }
        }
        if ClaimLexicon.sideOfPlaceWords.contains(w(first - 1)) {
            return first < 2 || !ClaimLexicon.plainArticles.contains(w(first - 2))
        }
        var j = first - 1
        if w(j) == "the" { j -= 1 }
        guard j >= 1, w(j) == "of" else { return false }
        let part = w(j - 1)
        return ClaimLexicon.objectPartWords.contains(part) && part != "to" && part != "on"
    }

    /// Whether settlements follow a place's name, which then only says where they lie: "the northern
    /// Shan State towns of Kyaukme and Nawnghki", "Donetsk region villages"; not "Kharkiv city",
    /// which is the place itself.
    mutating func locatesSettlements(after last: Int) -> Bool {
        let n = last + 1
        guard n < tokens.count, text.adjacent(n) else { return false }
        let word = w(n)
        if word.hasSuffix("s"), ClaimLexicon.settlementNouns.contains(String(word.dropLast())) { return true }
        return ClaimLexicon.settlementNouns.contains(word) && n + 1 < tokens.count && w(n + 1) == "of"
    }

    /// The claims of a trigger: each actor at each place, and, for "captured W from Y", Y's loss of W.
    mutating func triggerClaims(_ c: TriggerContext, _ actors: [(Actor, String)], _ targets: [(PlaceRef, PlaceRole)], _ refs: [ActorRef]) -> [Claim] {
        var out: [Claim] = []
        let rules = actorRules.count == actors.count ? actorRules : Array(repeating: actorRule, count: actors.count)
        var parties = zip(actors, rules).map { ($0.0.0, $0.0.1, c.action, $0.1) }
        if let loser = lossFromTaker(c.k, c.action, c.ce, refs, c.speech), !actors.contains(where: { $0.0 == loser.0 }) {
            parties.append((loser.0, loser.1, .lost, "lossFromTaker"))
        }
        for (actor, actorText, action, actorRule) in parties where !(action == .withdrew && fallenTaker == actor.name) {
            for (place, role) in targets where action == c.action || role == .target {
                var claim = makeClaim(actor: actor, actorText: actorText, action: action, trigger: c.text, place: place, role: role,
                                      speech: c.speech, sentence: c.sentence, at: c.k, dates: c.dates)
                claim.ranged = c.trigger.ranged
                claim.partial = claim.partial || c.trigger.presence || place.quantity != nil || role == .origin
                    || (c.sawPart && place.first >= c.objectStart - 1) || partOfPlace(before: place.first) || locatesSettlements(after: place.last)
                if let d = c.deniedBy { deny(&claim, by: d, unclaimed: true) }
                // The most particular reading names the claim: the loser of "captured W from Y", then a place
                // from elsewhere ("these areas", a withdrawal from a fallen town), the trigger's form, the actor's.
                claim.rule = actorRule == "lossFromTaker" ? actorRule : place.rule ?? targetRule ?? c.rule ?? actorRule
                out.append(claim)
            }
        }
        return out
    }

    /// The places of a trigger: after the verb in its clause; else before it; else the clause before.
    mutating func triggerPlaces(_ k: Int, _ trigger: Trigger, _ action: ClaimAction, _ a: Int, _ cs: Int, _ ce: Int, _ places: [PlaceRef],
                                _ speech: Speech?, _ handled: Set<Int>,
                                objectStart: Int, passive: Bool, pushedPatient: Bool, sawControl: Bool) -> [(PlaceRef, PlaceRole)] {
        var targets: [(PlaceRef, PlaceRole)] = []
        fallenTaker = nil
        targetRule = nil
        var nextStop = ce
        for j in walk(from: (k + 1), through: max(k + 1, ce)) where j <= ce {
            // (A holding noun inside the object, "seized the last junta stronghold in the city of X", does not end it.)
            if (ClaimLexicon.triggers[w(j)].map { liveTrigger(j, $0, places) } == true && !handled.contains(j) && !(objectStart > j)
                && !ClaimLexicon.holdingNouns.contains(w(j)))
                || (ClaimLexicon.speech.contains(w(j)) && w(j) != "according" && !ClaimLexicon.reportNouns.contains(w(j))) {
                if places.contains(where: { $0.first <= j && j <= $0.last }) == false && actorAt[j] < 0 { nextStop = j - 1; break }
            }
        }
        if fightPurpose(k, action, ce, places) { nextStop = k }
        var loneObject = false
        if nextStop >= k + 1 { (targets, loneObject) = objectPlaces(k, trigger, action, through: nextStop, places) }
        // An object the claim cannot be about ("overrun Afghanistan", a country) is not replaced by a place before the verb.
        let countryObject = nextStop >= k + 1 && (mentionRefs(from: k + 1, through: min(nextStop, k + 4)).contains { $0.kind == .country }
            || quantifiedCountry(after: k, through: nextStop))
        // (A noun of fighting takes its place after it: "the opposition's advances" is not on a place before.)
        let nominalFight = (action == .attacked || action == .contested) && nominal(k, cs)
        // (An object beside or beyond a place, "took positions outside the city", is the object: no place before the verb stands in.)
        let wantsBackward = targets.isEmpty && !countryObject && !besideObject && !loneObject
        if wantsBackward {
            var lower = max(cs, speech.map { $0.before ? $0.contentStart : cs } ?? cs)
            // ("… withdrew from Daraa as he scrambled to respond to the opposition's advances": not
            // past "as", which opens another clause for a noun of fighting.)
            if nominalFight, let opener = walk(from: lower, upTo: k).last(where: { fightOpener($0) }) { lower = opener + 1 }
            if k > lower, let p = placeRefs(places, from: lower, to: k - 1).last(where: { $0.last < k }) {
                if holdingBackwardOK(p, k) { targets = [(p, .target)] }
            } else if passive || pushedPatient || sawControl || trigger.special == .fall || trigger.special == .holdout || trigger.special == .under || action == .holds {
                if let p = placeRefs(places, from: a, to: k - 1).last(where: { $0.last < k }), holdingBackwardOK(p, k) { targets = [(p, .target)] }
            }
            if let last = targets.first?.0 {
                let sameWords = placeRefs(places, from: last.first, to: last.first).filter { $0.last == last.last && $0.place != last.place }
                targets = (listedBefore(last, placeRefs(places, from: a, to: k - 1)).reversed() + sameWords + [last]).map { ($0, .target) }
            }
        }
        if targets.isEmpty, action == .withdrew, !countryObject, let p = fallenBefore(k, a, places) { targets = [(p, .target)] }
        return targets
    }

    /// Whether the object after a trigger is a part of a country, named by lower-case words before it
    /// ("who control large swaths of northern and western Iraq"): a claim about no place on the map,
    /// which a place before the verb does not stand in for.
    mutating func quantifiedCountry(after k: Int, through stop: Int) -> Bool {
        guard let first = mentionRefs(from: k + 1, through: min(stop, k + 9)).first, first.kind == .country else { return false }
        return walk(from: k + 1, upTo: first.first).allSatisfy { !tokens[$0].isCapitalized && !gap($0).has(",") }
    }

    /// The places after a trigger in its clause, up to `stop`, with their roles; and whether the
    /// object is one settlement the gazetteer cannot place (``loneSettlement(_:)``), after which
    /// nothing before the verb stands in for it.
    mutating func objectPlaces(_ k: Int, _ trigger: Trigger, _ action: ClaimAction, through nextStop: Int,
                               _ places: [PlaceRef]) -> ([(PlaceRef, PlaceRole)], Bool) {
        var role = PlaceRole.target
        var j = k + 1
        var forward: [(PlaceRef, PlaceRole)] = []
        // "withdrew from X towards Y": Y is where they went; "took positions outside X": beside X.
        var destination = false
        var vicinity = false
        besideObject = false
        let gainOrHold = action == .captured || action == .regained || action == .holds
        // An object the gazetteer cannot place ("seized the town of Minova", "seize new town") is
        // the claim's place; what follows a comma or "and" after it only describes it ("…, a key
        // supply route for Goma") or belongs to another verb ("and put a crucial step to Goma").
        var unplacedObject = false
        // (One settlement the gazetteer cannot place, "seized Umm Sumeima, a town west of El Obeid in
        // North Kordofan", "control of a town on the outskirts of Damascus": the places after it only
        // say where it lies, and a claim on them would paint a province for a village.)
        var loneObject = false
        var loneFacility = false  // (a base or camp "in the town of Marte" is placed at the town)
        var pastObject = false
        // (Before any preposition but "of", a place still names the object: "the MNDAA-controlled city of
        // Laukkai", "the town Minova"; after one, it locates it: "a town on the outskirts of Damascus".)
        var prepositionSeen = false
        while j <= nextStop {
            let word = w(j)
            if word != "of", word == "by" || ClaimLexicon.prepositions.contains(word) { prepositionSeen = true }
            if forward.isEmpty, !unplacedObject, !places.contains(where: { $0.first <= j && j <= $0.last }),
               unresolvedTokens.contains(j) || (ClaimLexicon.settlementNouns.contains(word) && w(j + 1) != "of") {
                unplacedObject = true
                loneObject = !prepositionSeen && loneSettlement(j)
                // ("the Azovstal steel plant in Mariupol", "Al-Shifa hospital in Gaza City": a facility
                // or a part named after the name is placed at the town it is in.)
                // (Within the object's own words: "a town on the outskirts of Damascus" is not a part.)
                let objectWords = walk(from: j, through: min(nextStop, j + 3)).prefix { !ClaimLexicon.prepositions.contains(w($0)) }
                loneFacility = loneObject && objectWords.contains {
                    ClaimLexicon.facilityNouns.contains(w($0)) || ClaimLexicon.placePartNouns.contains(w($0))
                }
            }
            let afterComma = j > k + 1 && gap(j).has(",")
            if unplacedObject, word == "and" || afterComma { pastObject = true }
            // An apposition after the object describes it: "captured Sake, a key supply route for Goma",
            // "took X, the capital of Y" (a list of names, "X, Y and Z", goes on).
            if !forward.isEmpty, afterComma, word == "a" || word == "an" || (word == "the" && !tokens[j + 1 < tokens.count ? j + 1 : j].isCapitalized) {
                pastObject = true
            }
            if word == "from" { role = (action == .attacked || action == .contested) && trigger.special != .pushBack ? .origin : .target; vicinity = false }
            else if ClaimLexicon.prepositions.contains(word) {
                role = .target
                vicinity = ClaimLexicon.vicinityPrepositions.contains(word)
                if ClaimLexicon.destinationPrepositions.contains(word) { destination = true }
            }
            for p in places where p.first == j && !p.excluded && !pastObject && !(loneObject && prepositionSeen && !(loneFacility && !p.kind.isArea)) {
                if action == .withdrew && destination || vicinity && gainOrHold { besideObject = true; continue }
                forward.append((p, role))
            }
            j += 1
        }
        return (forward, loneObject)
    }

    /// Whether the object starting at token `j` (a name the gazetteer lacks, or a settlement's noun)
    /// is one settlement the map cannot place: "Umm Sumeima", "a strategic town", "a village"; not
    /// the capital (named after it).
    mutating func loneSettlement(_ j: Int) -> Bool {
        if unresolvedTokens.contains(j) { return true }
        return ClaimLexicon.loneSettlementNouns.contains(w(j))
    }

    /// Whether a fight's verb is followed by what it is for, a verb after "to" ("are fighting to
    /// topple the government and to rule the Horn of Africa country"), which is not where it is;
    /// not a direction or a place ("fighting to the north of X", "fighting to Kobani").
    mutating func fightPurpose(_ k: Int, _ action: ClaimAction, _ ce: Int, _ places: [PlaceRef]) -> Bool {
        guard action == .attacked || action == .contested, k + 2 <= ce, w(k + 1) == "to", !tokens[k + 2].isCapitalized else { return false }
        let next = w(k + 2)
        if ClaimLexicon.articles.contains(next) || ClaimLexicon.possessivePronouns.contains(next) || ClaimLexicon.directionWords.contains(next)
            || ClaimLexicon.compassAdjectives.contains(next) || next.first?.isNumber == true {
            return false
        }
        return !places.contains { $0.first == k + 2 || ($0.isDescription && $0.first == k + 2) }
    }

    /// A parent named with its part: keep the part ("three districts in the valley" over "the valley").
    func uniquePlaces(_ targets: [(PlaceRef, PlaceRole)]) -> [(PlaceRef, PlaceRole)] {
        var seen: [String: Int] = [:]
        var unique: [(PlaceRef, PlaceRole)] = []
        for t in targets {
            if let i = seen[t.0.place] {
                if t.0.quantity != nil && unique[i].0.quantity == nil { unique[i] = t }
                continue
            }
            seen[t.0.place] = unique.count
            unique.append(t)
        }
        return unique
    }

    /// The actors of a trigger (none: no claim), and the action as the actor changes it ("X fell to Y": Y captured X).
    mutating func triggerActors(_ span: TriggerSpan, _ action: inout ClaimAction, _ refs: [ActorRef], _ speech: Speech?,
                                passive: Bool, pushedPatient: Bool) -> [(Actor, String)] {
        let k = span.k, trigger = span.trigger
        var actors: [(Actor, String)] = []
        let ownRef = actorAt[k] >= 0 ? actorRefs[Int(actorAt[k])] : nil
        actorRule = "activeVerb"
        actorRules = []
        if let r = ownRef, r.first < k, let actor = r.actor {
            actors = [(actor, surface(r.first, k - 1))]
            actorRule = "compoundActor"
        } else if trigger.special == .fall || trigger.special == .holdout || trigger.special == .under {
            guard let found = formActors(span, &action, refs) else { return [] }
            actors = found
            actorRule = trigger.special == .holdout ? "holdout" : trigger.special == .under ? "underControl"
                : k + 1 < tokens.count && (w(k + 1) == "to" || w(k + 1) == "of") ? "fellTo" : "fellIntoHands"
        } else if passive, trigger.special == .expel, let patient = expelledPatient(span, refs, speech) {
            // "The group was ejected from Mogadishu": the one driven out lost the place.
            action = .lost
            actorRule = "expelledPatient"
            actors = [patient]
        } else if passive || pushedPatient {
            guard let found = passiveActors(span, action, refs, speech, pushedPatient: pushedPatient) else { return [] }
            actors = found
        } else {
            guard let found = activeActors(span, action, refs, speech, passive: passive) else { return [] }
            actors = found
        }
        let named = actors.map(\.0), own = actorRule
        if action == .contested { actors = contestedActors(span, actors, refs, speech) }
        // Actors the fight adds: named in the clause, or the speaking side's enemy (``contestedActors`` says which).
        let added = actorRule == "speakersOpponent" ? actorRule : "fightingParties"
        actorRule = own
        actorRules = actors.map { named.contains($0.0) ? own : added }
        return actors
    }

    /// The actor a trigger's form names: "X fell to Y" (Y captured X), "a holdout against Y" (Y's
    /// enemy), "rebels' holdout", "under Taliban control", "under the control of Russian forces".
    /// Nil: the form names none, and there is no claim.
    mutating func formActors(_ s: TriggerSpan, _ action: inout ClaimAction, _ refs: [ActorRef]) -> [(Actor, String)]? {
        let k = s.k, b = s.b
        if s.trigger.special == .fall {
            // "X fell to Y": Y captured X.
            guard let r = fallTaker(k, s.ce, refs), let actor = r.actor else { return nil }
            action = .captured
            return [(actor, r.written)]
        } else if s.trigger.special == .holdout {
            if let against = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "against" }),
                let r = refs.first(where: { $0.first > against && $0.first <= against + 3 }), let enemy = r.actor, let opp = opponent(of: enemy) {
                return [(opp, "holdout against " + r.written)]
            } else if let r = refs.last(where: { $0.last < k && $0.last >= k - 2 }), let actor = r.actor {
                return [(actor, r.written)]
            }
            return nil
        }
        guard let c = walk(from: k + 1, through: min(b, k + 4)).first(where: { ClaimLexicon.controlNouns.contains(w($0)) }) else { return nil }
        if let r = refs.first(where: { $0.first > k && $0.last < c }), let actor = r.actor {
            return [(actor, r.written)]
        } else if c + 1 <= b, w(c + 1) == "of", let r = refs.first(where: { $0.first > c + 1 && $0.first <= c + 3 }), let actor = r.actor {
            return [(actor, r.written)]
        }
        return nil
    }

    /// The agent of a passive verb: "was captured by the Taliban"; for the one pushed back or a place
    /// held, the subject's opponent ("Taliban forces … were pushed back"); else the speaking side
    /// ("\"X has been liberated,\" the minister said"). Nil: none, and there is no claim.
    /// The subject of a passive verb of expulsion with no agent after it ("The group was ejected
    /// from Mogadishu", "the militants were driven out of the town"). Nil: an agent is named ("… by
    /// Kurdish fighters"), which the passive's own rule reads, or no side is the subject.
    mutating func expelledPatient(_ s: TriggerSpan, _ refs: [ActorRef], _ speech: Speech?) -> (Actor, String)? {
        if walk(from: s.k + 1, through: max(s.k + 1, s.ce)).contains(where: { $0 <= s.ce && w($0) == "by" }) { return nil }
        guard let r = subject(s.k, s.cs, refs), let actor = resolved(r, speech) else { return nil }
        return (actor, r.written)
    }

    mutating func passiveActors(_ s: TriggerSpan, _ action: ClaimAction, _ refs: [ActorRef], _ speech: Speech?, pushedPatient: Bool) -> [(Actor, String)]? {
        let k = s.k, ce = s.ce
        if let by = walk(from: k + 1, through: max(k + 1, ce)).first(where: { $0 <= ce && w($0) == "by" }),
            let r = refs.first(where: { $0.first > by && $0.first <= by + 4 }), let actor = resolved(r, speech) {
            actorRule = "passiveAgent"
            return [(actor, r.written)]
        } else if pushedPatient || action == .holds || action == .regained,
            // (Only the one pushed back is carried from the sentence's subject: "villages being
            // recaptured" after "Ukraine has reclaimed X" is no patient of Ukraine's.)
            let patient = subject(k, s.cs, refs).flatMap({ resolved($0, speech) }) ?? (pushedPatient ? sentenceSubject?.0 : nil) {
            // "Taliban forces … were pushed back": their opponent pushed them.
            guard let opp = opponent(of: patient) else { return nil }
            actorRule = "patientsOpponent"
            return [(opp, opp.name)]
        } else if let own = attributedAgent(k, action, speech) {
            actorRule = "attributedAgent"
            // "\"X has been liberated,\" the minister said": the speaking side retook it.
            return [own]
        }
        return nil
    }

    /// The actor of an active verb: the agent of a noun ("an offensive by Russian forces"), a bare
    /// noun ("as rebels seize the city"), the subject ("the Taliban captured X"), the speaker ("the
    /// Wagner Group claimed to have taken Bakhmut"), the noun of a relative clause, the enemy's opponent
    /// ("holding out against the Islamist group"), or the subject of the sentence before "but"/"and".
    /// Nil: no claim; empty: no actor found here.
    mutating func activeActors(_ span: TriggerSpan, _ action: ClaimAction, _ refs: [ActorRef], _ speech: Speech?, passive: Bool) -> [(Actor, String)]? {
        let k = span.k, a = span.a, b = span.b, cs = span.cs, ce = span.ce
        if let agent = nominalAgent(k, cs, ce, refs, speech) {
            // "a major offensive by Russian forces", "the alleged capture of X by Russian occupiers".
            return [agent]
        } else if let p = bareSubject(k, cs) {
            // "as rebels seize the city", "the soldiers are fleeing": the noun is the subject, and it
            // names a side only where the war's profile says who it means (or, in a side's own words, its enemy).
            if let enemy = speakersEnemy(p, speech) {
                actorRule = "hostileInOwnWords"
                return [enemy]
            }
            guard let described = describedSide(p) else { return nil }
            actorRule = "bareSubject"
            return [described]
        } else if coordinated(k, cs), let previous = sentenceSubject {
            // "… had stationed defences … and have reclaimed the area": the subject of the verb before.
            actorRule = "coordinatedVerb"
            return [previous]
        } else if let r = subject(k, cs, refs), let actor = resolved(r, speech) {
            actorRule = "activeVerb"
            if r.kind == .both { return r.actors.map { ($0, r.written) } }
            return [(actor, r.written)]
        } else if let s = speech, s.before, let speaker = s.speaker, let actor = speaker.actor, s.contentStart <= k,
            walk(from: s.contentStart, upTo: k).contains(where: { ClaimLexicon.agencyClaimWords.contains(w($0)) })
                || (ClaimLexicon.hedgingSpeech.contains(w(s.verb)) && k - s.contentStart <= 4)
                || (k - s.contentStart <= 1 && nominalAfterSpeech(k, s, action)),
            !refs.contains(where: { $0.first >= s.contentStart && $0.last < k }) {
            // "The Wagner Group claimed … to have taken Bakhmut", "the Houthis claimed responsibility
            // for a drone attack on Eilat", "X claimed an attack on Y": the speaker is the subject.
            // A side that denies a capture denies its enemy's ("the General Staff denies capture of X").
            actorRule = "speakerAsAgent"
            if s.denial {
                guard let enemy = opponent(of: actor) else { return nil }
                return [(enemy, enemy.name)]
            }
            return [(actor, speaker.text)]
        } else if cs > a, ClaimLexicon.relativeClauseOpeners.contains(w(cs)), let r = refs.last(where: { $0.last < cs && $0.last >= cs - 2 }), let actor = resolved(r, speech) {
            // "the resistance force that has been holding…": the noun the relative clause is about.
            actorRule = "relativeClause"
            return [(actor, r.written)]
        } else if action == .holds, let against = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "against" }),
            let r = refs.first(where: { $0.first > against && $0.first <= against + 3 }), let enemy = resolved(r, speech), let opp = opponent(of: enemy) {
            // "holding out against the Islamist group": the enemy's opponent holds.
            actorRule = "holdingAgainst"
            return [(opp, opp.name)]
        } else if let previous = sentenceSubject, cs > a, ClaimLexicon.subjectCarryingLinks.contains(w(cs)) || passive {
            actorRule = "previousSubject"
            return [previous]
        }
        return []
    }

    /// The actors of fighting at a place: everyone the clause names as fighting there ("clashes between
    /// the army and the RSF"), or, for a side reporting fighting, its enemy.
    mutating func contestedActors(_ s: TriggerSpan, _ actors: [(Actor, String)], _ refs: [ActorRef], _ speech: Speech?) -> [(Actor, String)] {
        // Everyone the clause names as fighting there.
        var all = actors
        for r in refs where r.first >= s.cs && r.last <= s.ce && r.kind != .speaker && r.kind != .person {
            for actor in (r.kind == .both ? r.actors : (resolved(r, speech).map { [$0] } ?? [])) where !all.contains(where: { $0.0 == actor }) {
                if let sp = speech, sp.before, r.first < sp.contentStart { continue }
                all.append((actor, r.written))
            }
        }
        if all.isEmpty, let sp = speech?.speaker?.actor, let opp = opponent(of: sp) {
            // A side reporting fighting at a place reports its enemy there.
            all = [(opp, opp.name)]
            actorRule = "speakersOpponent"
        }
        return all
    }

    /// Whether the verb is joined to an earlier one by "and" ("… and have reclaimed").
    mutating func coordinated(_ k: Int, _ cs: Int) -> Bool {
        var p = k - 1
        while p >= cs, ClaimLexicon.auxiliaries.contains(w(p)) { p -= 1 }
        return p >= cs && ClaimLexicon.verbCoordinators.contains(w(p)) && !(p + 1 < k && actorAt[p + 1] >= 0)
    }

    /// Whether a trigger word really states an action here (a weak one needs its object: "took Kabul", not "took place").
    mutating func liveTrigger(_ j: Int, _ t: Trigger, _ places: [PlaceRef]) -> Bool {
        guard t.needsObject else { return t.special != .control }
        var o = j + 1
        let skip = ClaimLexicon.weakTriggerLeadWords
        while o < tokens.count, skip.contains(w(o)) {
            if w(o) == "control" { return true }
            o += 1
        }
        return places.contains { $0.first == o || ($0.isDescription && $0.first == o - 1) }
    }
}
