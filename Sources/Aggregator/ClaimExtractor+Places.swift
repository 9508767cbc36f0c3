import Foundation
import Gazetteer

// MARK: Places: the place references of a sentence
extension DocumentReader {
    /// The mentions, by token, with the places' kinds.
    mutating func findMentionRefs() {
        for m in mentions where m.isPlace {
            guard let first = text.token(startingAt: m.start), let place = gazetteer.place(id: m.place) else { continue }
            var last = first
            while last + 1 < tokens.count, Int(tokens[last].end) < m.end { last += 1 }
            guard Int(tokens[last].end) == m.end else { continue }
            mentionRefs.append(PlaceRef(first: first, last: last, place: m.place, kind: place.kind, written: m.surface))
            for t in first...last { mentionAt[t] = true }
        }
        mentionRefs.sort { $0.first < $1.first }
        history = mentionRefs.filter { $0.kind != .country }.map { ($0.first, $0.place, $0.kind, $0.written) }
        actingPlaces = Set(mentionRefs.filter { actsAsSubject($0) }.map(\.first))
    }

    /// Whether a place is named as the subject of a verb of acting ("Ankara launched an offensive
    /// against the town", "Kinshasa said"): a government or an army, not a place a later "the town"
    /// means. Not after a preposition ("fighting in Afrin continues"), not before a verb a place
    /// undergoes ("Bakhmut fell"), and not in the passive ("Avdiivka was captured").
    mutating func actsAsSubject(_ r: PlaceRef) -> Bool {
        var n = r.last + 1
        guard n < tokens.count, text.adjacent(n), r.first == 0 || !ClaimLexicon.prepositions.contains(w(r.first - 1)) else { return false }
        while ClaimLexicon.auxiliaries.contains(w(n)) || ClaimLexicon.passiveAuxiliaries.contains(w(n)), n + 1 < tokens.count, n <= r.last + 3 {
            if ClaimLexicon.passiveAuxiliaries.contains(w(n)) { return false }
            n += 1
        }
        let word = w(n)
        if ClaimLexicon.speech.contains(word) || ClaimLexicon.agentVerbs.contains(word) { return true }
        guard let trigger = ClaimLexicon.triggers[word] else { return false }
        return trigger.special == .none && !trigger.noun && !trigger.presence
    }

    /// The places the sentence names or describes, with unnamed parts attached to their named parent.
    /// The places named from token `a` through token `b`, by their first token: a binary search in
    /// `mentionRefs` (sorted by first token), so that a long report is not read once per sentence.
    func mentionRefs(from a: Int, through b: Int) -> ArraySlice<PlaceRef> {
        func firstIndex(atLeast t: Int) -> Int {
            var lo = 0, hi = mentionRefs.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if mentionRefs[mid].first < t { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lo = firstIndex(atLeast: a)
        let hi = b == Int.max ? mentionRefs.count : max(lo, firstIndex(atLeast: b + 1))
        return mentionRefs[lo..<hi]
    }

    mutating func sentencePlaces(_ a: Int, _ b: Int) -> [PlaceRef] {
        var refs = mentionRefs(from: a, through: b).filter { $0.last <= b && $0.kind != .country }
        describedPlaces(a, b, &refs)
        refs.sort { $0.first < $1.first }
        // Names that measure ("the size of Kyiv") or end a road: before the unnamed parts, which are never theirs.
        for i in refs.indices where measuresOrLocatesRoute(refs[i], a) {
            refs[i].excluded = true
            locatorTokens.insert(refs[i].first)  // nor is it the town a later "the town" means
        }
        // Unnamed parts: "three districts in the valley", "some areas".
        let quantities = unnamedParts(a, b, refs)
        // Names that only locate another place.
        for i in refs.indices { excludeLocator(i, a, b, &refs) }
        excludeCoordinated(&refs)
        return (refs + quantities + listedDescriptions(a, b)).sorted { ($0.first, $0.quantity == nil ? 1 : 0) < ($1.first, $1.quantity == nil ? 1 : 0) }
    }

    /// Whether a place in the possessive locates what follows it: another place's name right after
    /// it, or for an area a settlement's noun after at most two lower-case words.
    mutating func possessiveLocator(_ r: PlaceRef, _ b: Int, _ refs: [PlaceRef]) -> Bool {
        let n = r.last + 1
        guard n <= b else { return false }
        if refs.contains(where: { $0.first == n }) { return true }
        guard r.kind.isArea else { return false }
        for m in walk(from: n, through: min(b, n + 2)) {
            if ClaimLexicon.settlementNouns.contains(w(m)) { return true }
            if tokens[m].isCapitalized || !text.adjacent(m) && m > n { return false }
        }
        return false
    }

    /// A place named as a measure ("an area seven times the size of Kyiv", "larger than
    /// Luxembourg") or as an end of a road ("on a road between the city of Latakia and Aleppo",
    /// "the highway from Aleppo to Damascus"): what is taken or held is something else.
    mutating func measuresOrLocatesRoute(_ r: PlaceRef, _ a: Int) -> Bool {
        let k = r.first
        if k - 2 >= a, ["of", "than"].contains(w(k - 1)), ClaimLexicon.measureWords.contains(w(k - 2)) { return true }
        var j = k - 1
        while j >= a, j >= k - 12, !gap(j + 1).has(";"), !gap(j + 1).has(","), ClaimLexicon.triggers[w(j)] == nil {
            if ["between", "from"].contains(w(j)) {
                return j - 1 >= a && (ClaimLexicon.routeNouns.contains(w(j - 1))
                    || (w(j) == "between" && ClaimLexicon.boundaryNouns.contains(w(j - 1))))
            }
            j -= 1
        }
        return false
    }

    /// Places described, not named: "the valley", "the region", "this area" stand for the last place
    /// of a fitting kind named before (not "the province of Kunduz", which names its own).
    mutating func describedPlaces(_ a: Int, _ b: Int, _ refs: inout [PlaceRef]) {
        let mentionAt = self.mentionAt
        func inMention(_ k: Int) -> Bool { mentionAt[k] }
        // "the valley", "the region", "this area": the last place of a fitting kind named before.
        var k = a
        while k < b {
            guard Lex.determiners.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if word == "the" || word == "this" || word == "that" {
                var n = k + 1
                let adjectives = ClaimLexicon.descriptionAdjectives
                if n < b, adjectives.contains(w(n)), !tokens[n].isCapitalized { n += 1 }
                if n <= b, let kinds = ClaimLexicon.descriptionKinds[w(n)], !inMention(n),
                    !(n + 2 <= b && w(n + 1) == "of" && tokens[n + 2].isCapitalized) {
                    if let antecedent = antecedent(before: k, kinds: kinds) {
                        refs.append(PlaceRef(first: k, last: n, place: antecedent.place, kind: antecedent.kind, written: surface(k, n), isDescription: true))
                        history.append((k, antecedent.place, antecedent.kind, surface(k, n)))
                    }
                    k = n + 1
                    continue
                }
            }
            k += 1
        }
    }

    /// Unnamed parts of a place: "three districts in the valley", "some areas", "dozens of villages
    /// around X"; each is part of the place it names, else of the one named nearest.
    mutating func unnamedParts(_ a: Int, _ b: Int, _ refs: [PlaceRef]) -> [PlaceRef] {
        let mentionAt = self.mentionAt
        func inMention(_ k: Int) -> Bool { mentionAt[k] }
        var quantities: [PlaceRef] = []
        var k = a
        while k < b {
            let c0 = text.bytes[Int(tokens[k].byteStart)]
            guard Lex.quantityWords.contains(tokens[k].lowerHash) || (c0 >= 0x30 && c0 <= 0x39) else { k += 1; continue }
            let word = w(k)
            var count: Int? = Int(word.filter { $0 != "," })
            let vague = ClaimLexicon.vagueQuantities.contains(word)
            if count == nil { count = ClaimLexicon.numberWords[word] }
            guard count != nil || vague, !inMention(k) else { k += 1; continue }
            if word == "a" || word == "an", k > a, ["of", "in"].contains(w(k - 1)) == false, k + 1 <= b, w(k + 1) == "number" { k += 1; continue }
            var j = k + 1
            while j <= b, j <= k + 3, ClaimLexicon.quantityFillers.contains(w(j)) || ClaimLexicon.numberWords[w(j)] != nil { j += 1 }
            guard j <= b, ClaimLexicon.areaNouns.contains(w(j)), !inMention(j) else { k += 1; continue }
            if word == "a" || word == "an", w(j).hasSuffix("s") { k += 1; continue }
            // ("a strategic town", "a village": one settlement, not a part of the province around it,
            // which a claim would then paint whole; the object is left to the trigger as unplaced.)
            if count == 1, ClaimLexicon.loneSettlementNouns.contains(w(j)) { k = j + 1; continue }
            var parent: PlaceRef?
            var last = j
            if j + 1 <= b, ClaimLexicon.areaParentPrepositions.contains(w(j + 1)) {
                parent = refs.first { $0.first == j + 2 || ($0.first == j + 3 && w(j + 2) == "the") || ($0.isDescription && $0.first == j + 2) }
                if let p = parent { last = p.last }
            }
            if parent == nil {
                // (The one named nearest, when it can hold the part: "a village" is part of a district or a
                // province, not of a city named before, nor of a capital that stands for its government.)
                let settlement = ClaimLexicon.countrysideNouns.contains(w(j))
                let actorAt = self.actorAt
                // ("Kidal, a key town in the north": an apposition describes the place before it.)
                let apposition = k > 0 && gap(k).has(",")
                func holds(_ p: PlaceRef) -> Bool {
                    !p.excluded && actorAt[p.first] < 0
                        && (!settlement || !ClaimLexicon.enteredKinds.contains(p.kind) || (apposition && p.last == k - 1))
                }
                parent = refs.last { $0.last < k && holds($0) } ?? refs.first { $0.first > j && holds($0) }
            }
            if parent == nil, let h = antecedent(before: k, kinds: ["province", "district", "region", "valley", "mountain_range"]) {
                parent = PlaceRef(first: k, last: j, place: h.place, kind: h.kind, written: "")
            }
            if let p = parent {
                let qText = surface(k, j)
                quantities.append(PlaceRef(first: k, last: last, place: p.place, kind: p.kind, written: surface(k, last),
                                           quantity: qText, quantityCount: vague ? nil : count))
            }
            k = j + 1
        }
        return quantities
    }

    /// Marks `refs[i]` excluded where it names a place only to locate another or is not the place:
    /// a capital as a government ("Moscow says"), "north of Kabul", "near X", "neighbouring X", "the
    /// Dnipro River", "the Shatal district of Panjshir" (the parent after its child).
    mutating func excludeLocator(_ i: Int, _ a: Int, _ b: Int, _ refs: inout [PlaceRef]) {
        let f = refs[i].first
        // A capital standing for its government, as the subject of a verb ("as Kyiv struggles",
        // "Moscow says"): the side, not a place fought over.
        let l0 = refs[i].last
        if !refs[i].isDescription, actorAt[f] >= 0, actorRefs[Int(actorAt[f])].kind == .speaker, l0 + 1 <= b, tokens[l0 + 1].gapIsEmpty,
            !tokens[l0].isPossessive, !tokens[l0 + 1].isCapitalized, looksLikeVerb(w(l0 + 1)) {
            refs[i].excluded = true
        }
        var p = f - 1
        if p >= a, w(p) == "the" { p -= 1 }
        // ("towards western El Gezira", "the capital of eastern North Kivu": past a compass adjective.)
        while p >= a, ClaimLexicon.compassAdjectives.contains(w(p)) { p -= 1 }
        if p >= a, w(p) == "the" { p -= 1 }
        if !refs[i].isDescription, locatorOnly(refs[i], a) || towardGoverned(refs[i], a) {
            refs[i].excluded = true
            locatorTokens.insert(f)
        }
        if p >= a, w(p) == "of", p - 1 >= a, ClaimLexicon.directionWords.contains(w(p - 1)) { refs[i].excluded = true; locatorTokens.insert(f) }
        // ("Advancing toward Pokrovsk" is an advance on it; "retreated toward Homs" says nothing of Homs.)
        let advanceOn = p - 1 >= a && ["toward", "towards"].contains(w(p)) && ClaimLexicon.advanceWords.contains(w(p - 1))
        if p >= a, !advanceOn,
            ClaimLexicon.relativeWords.contains(w(p)) || (w(p) == "to" && p - 1 >= a && ClaimLexicon.relativeWords.contains(w(p - 1))) {
            refs[i].excluded = true
        }
        if p >= a, ClaimLexicon.nearbyWords.contains(w(p)) == false, p - 1 >= a, ClaimLexicon.borderingWords.contains(w(p - 1)) {
            refs[i].excluded = true
        }
        if p >= a, w(p) == "of", p - 1 >= a, ClaimLexicon.locatingOfWords.contains(w(p - 1)) { refs[i].excluded = true }
        // "revenue from the government in Kabul": a government's seat says whose it is.
        if p - 1 >= a, w(p) == "in", ClaimLexicon.seatNouns.contains(w(p - 1)) { refs[i].excluded = true }
        // "forcing Kyiv to rush in reinforcements": a capital that stands for its government, as the
        // object of a causative, is whom the action moves, not a place it happens at.
        if !refs[i].isDescription, actorAt[refs[i].first] >= 0, refs[i].last + 2 <= b, w(refs[i].last + 1) == "to",
            !tokens[refs[i].last + 2].isCapitalized, !ClaimLexicon.plainArticles.contains(w(refs[i].last + 2)),
            !mentionAt[refs[i].last + 2] {
            refs[i].excluded = true
        }
        // "key North Kordofan town": an area before one settlement's noun only says where it lies.
        if !refs[i].isDescription, refs[i].kind.isArea, refs[i].last + 1 <= b, text.adjacent(refs[i].last + 1),
            ClaimLexicon.loneSettlementNouns.contains(w(refs[i].last + 1)), !refs[i].kind.kindWords.contains(w(refs[i].last + 1)) {
            refs[i].excluded = true
        }
        // "West Darfur's El Geneina", "Gaza's biggest city": a place in the possessive before another
        // place's name, or an area's before a settlement's noun, only says where that one lies.
        if !refs[i].isDescription, tokens[refs[i].last].isPossessive, possessiveLocator(refs[i], b, refs) { refs[i].excluded = true }
        // "the Dnipro River" is not the city of Dnipro: a kind word that does not fit the place.
        let l = refs[i].last
        // (Only water: "Kherson airport" is still Kherson, and an exclusion made above stands.)
        if !refs[i].isDescription, l + 1 <= b, text.adjacent(l + 1), ClaimLexicon.waterNouns.contains(w(l + 1)),
            !refs[i].kind.kindWords.contains(w(l + 1)) {
            refs[i].excluded = true
        }
        // "the Shatal district of Panjshir", "Charikar, Parwan": a parent named after its child.
        if i > 0, !refs[i].isDescription, let child = refs[..<i].last(where: { !$0.isDescription }), f - child.last <= 6, f > child.last,
            let place = gazetteer.place(id: child.place), gazetteer.ancestors(of: place).contains(where: { $0.id == refs[i].place }) {
            let between = walk(from: child.last + 1, through: f).map { gap($0) + " " + (($0 < f) ? w($0) : "") }.joined()
            if between.has(",") || between.range(of: "of") != nil || between.range(of: "in ") != nil { refs[i].excluded = true }
        }
    }

    /// Whether `place` is the only place of its country among `places` while another country has at
    /// least two of them and the most: the first segment of a gazetteer id is its country.
    static func isAside(_ place: String, among places: [String]) -> Bool {
        func country(_ id: String) -> Substring { id.prefix { $0 != "/" } }
        var counts: [Substring: Int] = [:]
        for p in places { counts[country(p), default: 0] += 1 }
        let own = country(place)
        guard counts[own] == 1, let top = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), top.key != own else { return false }
        return top.value >= 2
    }

    /// The place "the city" or "the valley" refers to: the latest place named before of a fitting
    /// kind, or a same-named place of that kind ("Kherson" resolved to the oblast, then "the city").
    func antecedent(before k: Int, kinds: [String]) -> (place: String, kind: PlaceKind)? {
        let earlier = history.filter { $0.token < k }.sorted { $0.token > $1.token }
        let unknownBefore = unresolvedTokens.filter { $0 < k }.max()
        for (i, h) in earlier.enumerated() {
            if let u = unknownBefore, h.token < u { return nil }
            // A place named as a side or a speaker ("Kyiv's military chief", "Kinshasa had claimed")
            // is not the town a later "the city" means.
            if actorAt[h.token] >= 0 || locatorTokens.contains(h.token) || actingPlaces.contains(h.token) { continue }
            // A place of another country named once, in a report whose places lie in one country
            // ("an agreement signed in Pretoria" in a report on Lalibela), is an aside: "the town"
            // means the report's own.
            if Self.isAside(h.place, among: earlier.map(\.place)) { continue }
            if kinds.contains(h.kind.rawValue) { return (h.place, h.kind) }
            guard i < 3, !h.written.isEmpty, !h.written.lowercased().hasPrefix("the ") else { continue }
            if let p = gazetteer.place(id: h.place),
                let twin = gazetteer.candidates(for: h.written, limit: 10).first(where: { c in
                    // (a village that shares a province's name is no twin: "the Zaporizhzhia region,
                    // where … recaptured the village" is not the village called Zaporizhzhia)
                    kinds.contains(c.kind.rawValue) && (c.kind != .village || p.precision < .province) && gazetteer.place(id: c.id).map { gazetteer.isWithin($0, p.id) || gazetteer.isWithin(p, $0.id) || $0.parent == p.parent } == true
                }) {
                return (twin.id, twin.kind)
            }
        }
        return nil
    }
}
