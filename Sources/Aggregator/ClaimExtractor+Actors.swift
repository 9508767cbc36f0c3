import Foundation
import Gazetteer

// MARK: Actors: the sides a report names, and the actor of a verb
extension DocumentReader {
    mutating func findActors() {
        if let profile { sideCounts = Array(repeating: 0, count: profile.sides.count) }
        var k = 0
        while k < tokens.count {
            if let next = definedAbbreviation(at: k) {
                k = next
                continue
            }
            if let matcher, let hit = matcher.match(text, at: k) {
                // "rebels opposed to President Assad": the name is whom the group opposes, not an actor.
                if opposedName(startingAt: hit.first) { k = hit.last + 1; continue }
                var last = hit.last
                let p = hit.pattern
                // A generic word after a name is part of it ("ADF rebels"), not this war's rebels.
                // Nor before a facility's noun: "the army base in Idlib" is a place, not the army.
                var accept = p.kind != .generic || !(genericAfterName(hit.first) || facilityAfter(hit.last))
                if p.kind == .adjective {
                    // "Russian forces", "Russian defence ministry": an adjective needs a group noun after it.
                    accept = false
                    var j = last + 1
                    while j < tokens.count, j <= last + 3, text.adjacent(j) {
                        let word = w(j)
                        // ("the Palestinian side of the crossing" is a part of a place, not a side.)
                        if ClaimLexicon.groupNouns.contains(word) { accept = !(word == "side" && w(j + 1) == "of"); last = j; break }
                        // A word of the other camp between makes it theirs: "Syrian rebel forces" are not Syria's.
                        if ClaimLexicon.oppositionModifiers.contains(word) { break }
                        // Only modifiers may come between: "Russian airborne troops", not "Front said Taliban forces".
                        if tokens[j].isCapitalized || ClaimLexicon.speech.contains(word) || ClaimLexicon.triggers[word] != nil
                            || ClaimLexicon.auxiliaries.contains(word) || ClaimLexicon.prepositions.contains(word) || word == "and" { break }
                        j += 1
                    }
                } else if last + 1 < tokens.count, text.adjacent(last + 1), ClaimLexicon.groupNouns.contains(w(last + 1)) {
                    last += 1  // "Taliban fighters", "NRF commander"
                }
                if accept, let profile {
                    var sideIndex = p.side
                    // "Syrian rebels" are not the Syrian state: where the profile says who the rebels are, they are that side.
                    if p.kind == .adjective, let described = matcher.descriptions[w(last)], described != p.side,
                        ClaimLexicon.bareSides.contains(w(last)) {
                        sideIndex = described
                    }
                    let side = profile.sides[sideIndex]
                    let kind: ActorRef.Kind = p.kind == .person ? .person : p.kind == .speaker ? .speaker : p.kind == .adjective ? .adjective : .name
                    let first = hit.first
                    if first < k, actorAt[first] >= 0 { k += 1; continue }
                    if p.kind == .adjective, alliedBefore(first) {
                        addActor(alliedActor(first: first, last: last))
                        k = last + 1
                        continue
                    }
                    addActor(ActorRef(first: first, last: last, actors: [Actor(side: sideIndex, name: side.name)], written: surface(first, last), kind: kind))
                    if kind != .speaker { sideCounts[sideIndex] += 1 }
                    k = last + 1
                    continue
                }
            }
            // An actor no profile names ("Houthi rebels", "the Syrian regime", "The Islamic State seized").
            if let next = unknownActor(at: k) {
                k = next
                continue
            }
            // A side named only by what it is: "government forces", "rebel fighters", "regime
            // troops"; or, before any actor is named, "rebels" or "insurgents" alone.
            if actorAt[k] < 0, let last = genericActorEnd(k) {
                var written = surface(k, last)
                written = written.prefix(1).uppercased() + written.dropFirst()
                // The war's profile may say who they are: "Rebels" in Syria are the "rebels" it names.
                if let profile, let side = matcher?.descriptions[written.lowercased()] {
                    addActor(ActorRef(first: k, last: last, actors: [Actor(side: side, name: profile.sides[side].name)], written: written, kind: .name))
                    sideCounts[side] += 1
                } else {
                    addActor(ActorRef(first: k, last: last, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
                }
                k = last + 1
                continue
            }
            k += 1
        }
        clusterSides()
    }

    /// An actor no profile names that starts at `k`, added; the token after it, or nil. A
    /// capitalised word before a military noun ("Houthi rebels"), a people's name before a state's
    /// ("the Syrian regime", "the Malian junta"), or a named subject or taker ("The Islamic State
    /// seized", "falls to Islamic State").
    mutating func unknownActor(at k: Int) -> Int? {
        if tokens[k].isCapitalized, !tokens[k].isPossessive, k + 1 < tokens.count, text.adjacent(k + 1),
            WordClass.of(tokens[k]) & WordClass.demonym != 0, ClaimLexicon.stateRuleWords.contains(w(k + 1)), actorAt[k] < 0 {
            let written = surface(k, k + 1)
            addActor(ActorRef(first: k, last: k + 1, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
            return k + 2
        }
        if tokens[k].isCapitalized, !tokens[k].isPossessive, k + 1 < tokens.count, Lex.military.contains(tokens[k + 1].lowerHash),
            text.adjacent(k + 1), let first = unknownActorStart(endingAt: k) {
            let written = surface(first, k + 1)
            addActor(ActorRef(first: first, last: k + 1, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
            return k + 2
        }
        if actorAt[k] < 0, let named = namedSubject(at: k) ?? namedTaker(at: k) {
            let written = surface(named.first, named.last)
            addActor(ActorRef(first: named.first, last: named.last, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
            return named.last + 1
        }
        return nil
    }

    /// An abbreviation the report defined, as an actor: "the Arakan Army (AA) … the AA", "AA
    /// fighters". The token after it, or nil when none starts at `k`.
    mutating func definedAbbreviation(at k: Int) -> Int? {
        guard actorAt[k] < 0, let known = abbreviationActors[tokens[k].lowerHash], isAbbreviation(k) else { return nil }
        var last = k
        if last + 1 < tokens.count, text.adjacent(last + 1), ClaimLexicon.groupNouns.contains(w(last + 1)) { last += 1 }
        addActor(ActorRef(first: k, last: last, actors: known.actors, written: surface(k, last), kind: known.kind))
        return last + 1
    }

    /// The index of "opposed" or "hostile" in "opposed to [the] [title] NAME", or of "opposing" in
    /// "opposing [the] NAME", when such words come right before the name that starts at `first`.
    mutating func opposingWord(before first: Int) -> Int? {
        var j = first - 1
        while j >= 0, first - j <= 3, w(j) == "the" || ClaimLexicon.titles.contains(w(j)) || ClaimLexicon.officeTitles.contains(w(j)) {
            j -= 1
        }
        guard j >= 0 else { return nil }
        if w(j) == "opposing" { return j }
        guard w(j) == "to", j >= 1, ClaimLexicon.opposingWords.contains(w(j - 1)) else { return nil }
        return j - 1
    }

    /// Whether the name at `first` follows "opposed to" or the like; the group before those words,
    /// if a side's, becomes the actor.
    mutating func opposedName(startingAt first: Int) -> Bool {
        guard let o = opposingWord(before: first) else { return false }
        if o > 0 { addOpposingGroup(at: o - 1) }
        return true
    }

    /// The group before "opposed to NAME" ("rebels", "armed groups") as an actor: the side the war's
    /// profile says it is, or an unnamed side for a word such as "rebels"; nothing for other words
    /// ("people opposed to the junta").
    mutating func addOpposingGroup(at g: Int) {
        guard actorAt[g] < 0 else { return }
        let word = w(g)
        let written = word.prefix(1).uppercased() + word.dropFirst()
        if let profile, let side = matcher?.descriptions[word] {
            addActor(ActorRef(first: g, last: g, actors: [Actor(side: side, name: profile.sides[side].name)], written: written, kind: .name))
            sideCounts[side] += 1
        } else if ClaimLexicon.bareSides.contains(word) {
            addActor(ActorRef(first: g, last: g, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
        }
    }

    /// The last token of an unnamed side's description starting at `k`, if one starts there.
    mutating func genericActorEnd(_ k: Int) -> Int? {
        // (Most words are none of these: skip them by hash, without making their strings.)
        guard Lex.sides.contains(tokens[k].lowerHash) || (tokens[k].isCapitalized && WordClass.of(tokens[k]) & WordClass.notPlace != 0)
        else { return nil }
        let word = w(k)
        if ClaimLexicon.sideDescriptions.contains(word), k + 1 < tokens.count, text.adjacent(k + 1),
            ClaimLexicon.militaryNouns.contains(w(k + 1)) {
            return k + 1
        }
        // Alone, "rebels" is a side only while no other actor has been named: after one, "the
        // rebels" refers back to it.
        if actorRefs.isEmpty, ClaimLexicon.bareSides.contains(word), k == 0 || tokens[k].startsSentence || w(k - 1) == "the" {
            return k
        }
        // A people or movement in the plural: "the Houthis claimed …", "the Kurds took …".
        if tokens[k].isCapitalized, k > 0, w(k - 1) == "the", word.count > 4, word.hasSuffix("s"),
            WordClass.of(tokens[k]) & WordClass.notPlace != 0, k + 1 < tokens.count,
            ClaimLexicon.triggers[w(k + 1)] != nil || ClaimLexicon.speech.contains(w(k + 1)) || ClaimLexicon.auxiliaries.contains(w(k + 1)) {
            return k
        }
        return nil
    }

    /// Whether a lowercase word after a name is probably its verb ("Kyiv says", "Moscow denied",
    /// "as Kyiv struggles"), not a word about the place ("Kyiv overnight", "Kyiv districts").
    static let finiteVerbs: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
                                           "might", "must", "should", "did", "does"]
    static let notVerbs: Set<String> = ["this", "its", "his", "us", "suburbs", "outskirts", "residents", "streets", "times", "hours",
                                        "days", "weeks", "months", "years", "forces", "troops", "officials", "authorities"]

    func looksLikeVerb(_ word: String) -> Bool {
        if Self.finiteVerbs.contains(word) || ClaimLexicon.speech.contains(word) || ClaimLexicon.denial.contains(word) { return true }
        if ClaimLexicon.prepositions.contains(word) || ClaimLexicon.areaNouns.contains(word) || kindWords.contains(word)
            || ClaimLexicon.auxiliaries.contains(word) || Self.notVerbs.contains(word) {
            return false
        }
        return (word.hasSuffix("s") && !word.hasSuffix("ss") && word.count > 3) || (word.hasSuffix("ed") && word.count > 4)
    }

    /// The first token of an actor no profile names that ends at `k`, just before a military noun:
    /// a capitalised name ("Houthi", "Islamic State", "Kachin Independence Army"), or `nil`.
    mutating func unknownActorStart(endingAt k: Int) -> Int? {
        var first = k
        while first > 0, k - first < 5, text.adjacent(first), tokens[first - 1].isCapitalized, !tokens[first - 1].isPossessive,
            actorAt[first - 1] < 0, !ClaimLexicon.notActorNameWords.contains(w(first - 1)) {
            // Not a place after a locative ("near Marib Houthi rebels"); inside a name, a word that
            // is also a place's name is part of it ("Kachin Independence Army").
            let place = WordClass.of(tokens[first - 1]) & WordClass.notPlace == 0
                && gazetteer.hasName(normalized: NameKey.normalized(text.text(first - 1)))
            let edge = first - 2 < 0 || locativeWords.contains(w(first - 2)) || !tokens[first - 2].isCapitalized
            if place, edge, WordClass.of(tokens[first]) & WordClass.common == 0 { break }
            first -= 1
        }
        if unknownModifierOK(k) { return first }
        // Else a name of several words, some word of it a name rather than a common word, and the
        // whole not a place's name ("Donetsk Oblast troops" are troops in a place).
        guard first < k, walk(from: first, through: k).contains(where: { WordClass.of(tokens[$0]) & WordClass.common == 0 }),
            !gazetteer.hasName(normalized: NameKey.normalized(surface(first, k)))
        else { return nil }
        return first
    }

    /// A capitalised word that may name an army: a demonym or a proper name, not a function word.
    mutating func unknownModifierOK(_ k: Int) -> Bool {
        let word = w(k)
        let function = ClaimLexicon.notActorNameWords
        if function.contains(word) { return false }
        let cls = WordClass.of(tokens[k])
        if cls & WordClass.notPlace != 0 { return true }  // a demonym
        if cls & WordClass.common != 0 { return false }
        // A name at the start of a sentence may be any capitalised word; elsewhere it is a name.
        return !tokens[k].startsSentence || gazetteer.hasName(normalized: NameKey.normalized(text.text(k))) == false
    }

    /// Whether an allied word comes right before token `first` ("its allied Syrian forces").
    mutating func alliedBefore(_ first: Int) -> Bool {
        first > 0 && text.adjacent(first) && ClaimLexicon.alliedWords.contains(w(first - 1))
    }

    /// Forces named as another's allies ("its allied Syrian forces"): an actor of their own, named
    /// as written, not the side their words would name.
    mutating func alliedActor(first: Int, last: Int) -> ActorRef {
        let written = surface(first - 1, last)
        let name = written.prefix(1).uppercased() + written.dropFirst()
        return ActorRef(first: first - 1, last: last, actors: [Actor(side: nil, name: name)], written: written, kind: .unknown)
    }

    mutating func addActor(_ given: ActorRef) {
        var ref = given
        // (Only forces described, "allied Syrian forces", never a group's own name: "the allied Syrian
        // Democratic Forces" are the SDF.)
        if given.first > 0, actorAt[given.first - 1] < 0, given.kind == .adjective || given.kind == .unknown,
           !tokens[given.last].isCapitalized, given.actor?.side == nil, alliedBefore(given.first) {
            ref = alliedActor(first: given.first, last: given.last)
        }
        let index = Int32(actorRefs.count)
        actorRefs.append(ref)
        for t in ref.first...ref.last { actorAt[t] = index }
        // "The Arakan Army (AA)", "the Myanmar National Democratic Alliance Army (MNDAA)": the
        // abbreviation in brackets names the same side wherever the report uses it.
        let n = ref.last + 1
        if ref.kind == .name || ref.kind == .unknown, n < tokens.count, gap(n).has("("), n + 1 < tokens.count, gap(n + 1).has(")"),
            isAbbreviation(n), abbreviationActors[tokens[n].lowerHash] == nil {
            abbreviationActors[tokens[n].lowerHash] = (ref.actors, ref.kind)
        }
    }

    /// A word in capitals of two or more letters ("AA", "MNDAA", "M23").
    func isAbbreviation(_ k: Int) -> Bool {
        let word = text.text(k)
        return word.count >= 2 && word.contains(where: \.isLetter) && word.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// Places inside an actor's name are not places ("the Wagner Group"); a place that is the whole
    /// name of a side ("Russia said") is kept as the actor it is, and as a place where the words
    /// before it make it one ("went to Russia", "fighting in Ukraine").
    mutating func dropMentionsInActorNames() {
        let names = actorRefs.filter { $0.kind == .name || $0.kind == .person || $0.kind == .unknown }
        guard !names.isEmpty else { return }
        let spans = names.map { (first: $0.first, last: $0.last, start: Int(tokens[$0.first].start), end: Int(tokens[$0.last].end)) }
        var kept: [Mention] = []
        kept.reserveCapacity(mentions.count)
        for var m in mentions {
            guard m.isPlace, let name = spans.first(where: { m.start < $0.end && $0.start < m.end }) else { kept.append(m); continue }
            // Only a country or a region is a side as well as a place ("Hamas" is not Hamm, in Germany).
            guard name.start == m.start, name.end == m.end, m.match != .fuzzy,
                let kind = gazetteer.place(id: m.place)?.kind, kind == .country || kind == .region
            else { continue }
            let before = name.first - 1
            let placed = before >= 0 && (Self.placingWords.contains(w(before))
                || (WordClass.of(tokens[before]) & WordClass.the != 0 && before >= 1 && Self.placingWords.contains(w(before - 1))))
            if !placed { m.role = .actor }
            kept.append(m)
        }
        mentions = kept
    }

    /// Words after which a side's name is the place, not the side: prepositions of place and motion.
    static let placingWords: Set<String> = locativeWords.union(["to", "within", "throughout"])

    /// The actors the sentence names, pronouns and descriptions resolved, in order.
    mutating func sentenceActors(_ a: Int, _ b: Int) -> [ActorRef] {
        var out: [ActorRef] = []
        var k = a
        var running = lastActor
        // "it" and "its" agree with a singular name ("the army … its units"), not "opposition forces".
        var singular = lastSingularActor ?? lastActor
        while k <= b {
            if actorAt[k] >= 0 {
                let r = actorRefs[Int(actorAt[k])]
                out.append(r)
                // A speaker in the possessive is the side itself: "Moscow's biggest gain since it took …".
                if r.kind != .speaker || tokens[r.last].isPossessive, let actor = r.actor {
                    running = actor
                    if !pluralRef(r) { singular = actor }
                }
                k = r.last + 1
                continue
            }
            guard Lex.pronounish.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if ClaimLexicon.actorPronouns.contains(word) {
                let resolved: Actor? = (word == "he" || word == "his" || word == "she" || word == "her") ? (lastSpeaker?.actor ?? running)
                    : (word == "it" || word == "its") ? singular : running
                out.append(ActorRef(first: k, last: k, actors: resolved.map { [$0] } ?? [], written: text.text(k), kind: .pronoun))
            } else if ClaimLexicon.firstPerson.contains(word) {
                out.append(ActorRef(first: k, last: k, actors: [], written: text.text(k), kind: .firstPerson))
            } else if word == "the", k + 1 <= b, ClaimLexicon.actorDescriptions.contains(w(k + 1)), actorAt[k + 1] < 0 {
                // "the militants", "the group": an armed group, never a state's forces named before
                // ("Iraqi forces withdrew … the militants killed up to 500"): then someone unnamed,
                // and so is "they" after it.
                if let r = running, Self.isStateForce(r.name) {
                    running = nil
                    singular = nil
                }
                out.append(ActorRef(first: k, last: k + 1, actors: running.map { [$0] } ?? [], written: surface(k, k + 1), kind: .description))
                k += 2
                continue
            } else if (word == "both" || word == "each"), k + 1 <= b, ClaimLexicon.bothSidesNouns.contains(w(k + 1)) || (word == "the" && w(k + 1) == "two") {
                out.append(ActorRef(first: k, last: k + 1, actors: recentSides(), written: surface(k, k + 1), kind: .both))
                k += 2
                continue
            }
            k += 1
        }
        return out
    }

    /// Whether a side's name is a state's forces: a government's, a regime's or a junta's, a country's
    /// army, military, troops or police ("Iraqi forces", "Congolese army", "Syrian government
    /// forces", "Sudanese Armed Forces", "Israel Defense Forces"), not a movement or a militia with
    /// a name ("Rapid Support Forces", "Arakan Army", "Rebel forces").
    static func isStateForce(_ name: String) -> Bool {
        let words = name.lowercased().split { !$0.isLetter }.map(String.init)
        guard let last = words.last else { return false }
        if words.contains(where: { ClaimLexicon.stateRuleWords.contains($0) }) { return true }
        if last == "force" || last == "forces", words.contains(where: { ClaimLexicon.stateForceModifiers.contains($0) }) { return true }
        guard ClaimLexicon.stateForceHeads.contains(last) else { return false }
        if words.count == 1 { return true }
        let first = words[0]
        return words.count == 2 && (WordClass.table.get(WordHash.lowerHash(first)) & WordClass.demonym != 0 || first == "state")
    }

    /// The last two distinct actors named before, for "both sides".
    func recentSides() -> [Actor] {
        var out: [Actor] = []
        for r in actorRefs.reversed() where r.kind != .speaker {
            if let a = r.actor, !out.contains(a) { out.append(a) }
            if out.count == 2 { break }
        }
        return out
    }

    /// The actor a reference stands for, with "we" taken as the speaker's side.
    func resolved(_ r: ActorRef, _ speech: Speech?) -> Actor? {
        if r.kind == .firstPerson { return speech?.speaker?.actor ?? lastSpeaker?.actor }
        if let own = speakersOwn(r, speech) { return own }
        if unknownSpeakersOwn(r, speech) { return nil }
        // "Prigozhin said … his forces had captured": he is the speaker.
        if r.kind == .pronoun, let s = speech, s.before, r.first >= s.contentStart, let actor = s.speaker?.actor,
            ClaimLexicon.onePersonPronouns.contains(r.written.lowercased()) {
            return actor
        }
        // "The RSF said they had seized Nyala", "the party said it was back in control": a side that
        // speaks of itself, where the pronoun is the first side its words name.
        if r.kind == .pronoun, let s = speech, s.before, r.first >= s.contentStart, let actor = s.speaker?.actor,
            ClaimLexicon.selfPronouns.contains(r.written.lowercased()),
            !walk(from: s.contentStart, upTo: r.first).contains(where: { actorAt[$0] >= 0 }) {
            return actor
        }
        return r.actor
    }

    /// The subject: the nearest actor before the verb in its clause that is not the object of a preposition.
    mutating func subject(_ k: Int, _ cs: Int, _ refs: [ActorRef]) -> ActorRef? {
        let blocking = ClaimLexicon.subjectBlockingWords
        for r in refs.reversed() where r.last < k && r.first >= cs {
            if r.kind == .speaker, !possessiveSide(r, k) { continue }
            // "took over the army's main headquarters in Nyala and seized": a side's name as the
            // possessor of a thing, before the verb of another clause, is no subject; of its forces
            // it is ("the army's 17th division seized").
            // ("Russia's biggest advance", "Israel's ongoing war on": the possessor of the action noun is its agent.)
            if tokens[r.last].isPossessive, r.last + 1 < k,
                walk(from: r.last + 1, upTo: k).contains(where: { ClaimLexicon.coordinators.contains(w($0)) }),
                !walk(from: r.last + 1, upTo: min(k, r.last + 5)).contains(where: { ClaimLexicon.militaryNouns.contains(w($0)) || ClaimLexicon.groupNouns.contains(w($0)) }) {
                continue
            }
            let possessive = ClaimLexicon.possessivePronouns.contains(w(r.first)) || tokens[r.last].isPossessive
            if r.first > cs, !possessive {
                var p = r.first - 1
                let modifiers = ClaimLexicon.nounPhraseModifiers
                while p >= cs, p >= r.first - 3, modifiers.contains(w(p)) { p -= 1 }
                // (", and Russian units were forced to pull back": a comma and "and" open a clause, whose
                // subject the name is.)
                let opensClause = p == cs && w(p) == "and" && gap(p).has(",")
                if p >= cs, blocking.contains(w(p)), !opensClause { continue }
                if walk(from: cs, upTo: r.first).contains(where: { w($0) == "between" }) { continue }
            }
            // (A description no side fits, "the militants" after a state's forces, is still the subject: someone unnamed.)
            if r.actors.isEmpty && r.kind != .firstPerson && r.kind != .description { continue }
            return r
        }
        return nil
    }
}
