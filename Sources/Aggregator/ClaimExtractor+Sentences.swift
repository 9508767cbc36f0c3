import Foundation
import Gazetteer

// MARK: Sentences and clauses
extension DocumentReader {
    mutating func findYears() {
        for k in walk(from: 0, upTo: tokens.count) where tokens[k].end - tokens[k].start == 4 {
            if let y = Int(text.text(k)), (1900...2100).contains(y) { docYears.append(y) }
        }
        refYear = reportDate?.year ?? docYears.max()
    }

    /// Sentences as token ranges: a break after `.`, `!` or `?` before a capital, and at every paragraph.
    mutating func splitSentences() -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var start = 0
        for k in walk(from: 1, upTo: max(1, tokens.count)) {
            let t = tokens[k]
            var split = false
            if t.startsParagraph {
                split = true
            } else if t.startsSentence {
                let g = gap(k)
                let newline = text.string(bytes: Int(tokens[k - 1].byteEnd), Int(t.byteStart)).contains("\n")
                if newline {
                    split = t.isCapitalized || g.has("“") || g.has("\"")
                } else if g.has("!") || g.has("?") || g.has(".") {
                    let prev = w(k - 1)
                    let abbreviation = ClaimLexicon.abbreviations.contains(prev) || (tokens[k - 1].end - tokens[k - 1].start == 1 && tokens[k - 1].isCapitalized)
                    let opensWithCapital = t.isCapitalized || g.hasSuffix("“") || g.hasSuffix("\"")
                    split = opensWithCapital && !(abbreviation && g.hasPrefix(".") && g.count == 1)
                }
            }
            // Text with no sentence ends (a table, a list, a page's furniture, or a hostile input) is
            // read in pieces: the rules look across a sentence, and no English sentence runs to
            // this length.
            if !split, k - start >= Self.longestSentence { split = true }
            if split {
                out.append((start, k - 1))
                start = k
            }
        }
        if !tokens.isEmpty { out.append((start, tokens.count - 1)) }
        return out
    }

    /// Pronouns that open a clause as its subject.
    static let subjectPronouns: Set<String> = ["it", "they", "he", "she", "we"]

    /// The most words the claim rules read as one sentence (news sentences run to 40–80).
    static let longestSentence = 200

    /// The sentence as written (with its opening quote and closing punctuation) and its code-point offsets.
    func sentenceText(_ a: Int, _ b: Int) -> (String, Int, Int) {
        var from = Int(tokens[a].byteStart)
        var cpStart = Int(tokens[a].start)
        let bytes = text.bytes
        // Opening quotes or brackets right before the first word.
        while from > 0 {
            var p = from - 1
            while p > 0, bytes[p] & 0xC0 == 0x80 { p -= 1 }
            let s = text.string(bytes: p, from)
            guard s == "“" || s == "\"" || s == "‘" || s == "(" || s == "'" || s == "[" else { break }
            from = p
            cpStart -= 1
        }
        var to = Int(tokens[b].byteEnd)
        var cpEnd = Int(tokens[b].end)
        let limit = b + 1 < tokens.count ? Int(tokens[b + 1].byteStart) : bytes.count
        while to < limit {
            var p = to + 1
            while p < limit, bytes[p] & 0xC0 == 0x80 { p += 1 }
            let s = text.string(bytes: to, p)
            guard let c = s.unicodeScalars.first, !c.properties.isWhitespace else { break }
            to = p
            cpEnd += 1
        }
        return (text.string(bytes: from, to), cpStart, cpEnd)
    }

    // MARK: One sentence

    mutating func read(sentence si: Int, _ a: Int, _ b: Int) {
        var cue = false
        var trigger = false
        var placeWord = false
        for k in walk(from: a, through: b) {
            let h = tokens[k].lowerHash
            if ClaimLexicon.cueHashes.contains(h) { cue = true }
            if ClaimLexicon.triggerHashes.contains(h) || Lex.military.contains(h) { trigger = true }
            if mentionAt[k] || ClaimLexicon.placeWordHashes.contains(h) { placeWord = true }
        }
        let refs = sentenceActors(a, b)
        func remember() {
            if let last = refs.last(where: { $0.kind != .pronoun && $0.kind != .firstPerson && $0.kind != .both && $0.kind != .speaker }), let actor = last.actor {
                lastActor = actor
            }
            if let last = refs.last(where: { ($0.kind == .name || $0.kind == .adjective || $0.kind == .unknown) && !pluralRef($0) }), let actor = last.actor {
                lastSingularActor = actor
            }
        }
        guard cue else { return remember() }
        guard trigger && placeWord else {
            // No claim can be read here, but the sentence may speak (for "the source added" later),
            // deny the sentence before, or disclaim the claims before it.
            let speeches = findSpeeches(si, a, b, refs)
            applyHedgesAndDenials(si, a, b, speeches, [])
            return remember()
        }
        var places = sentencePlaces(a, b)
        let breaks = clauseStarts(a, b)
        var speeches = findSpeeches(si, a, b, refs)
        for (i, sp) in speeches.enumerated() {
            // Places in the speaker's own words ("an NRF commander in Panjshir Valley said", "a claim Kyiv denied") are not claimed.
            guard let range = sp.speakerRange else { continue }
            for j in places.indices where places[j].first >= range.0 && places[j].last <= range.1 { places[j].excluded = true }
            speeches[i].speakerRange = range
        }
        let dates = findDates(a, b)
        var made: [Int] = []

        func clause(_ k: Int) -> (Int, Int) {
            var s = k
            while s > a, !breaks.contains(s) { s -= 1 }
            var e = k
            while e < b, !breaks.contains(e + 1) { e += 1 }
            return (s, e)
        }

        // Triggers.
        var handled = Set<Int>()
        for k in walk(from: a, through: b) where !handled.contains(k) && ClaimLexicon.triggerHashes.contains(tokens[k].lowerHash) {
            guard let trigger = ClaimLexicon.triggers[w(k)] else { continue }
            if mentionAt[k] { continue }
            if let r = actorAt[k] >= 0 ? actorRefs[Int(actorAt[k])] : nil, r.last != k { continue }
            let found = readTrigger(k, trigger, a, b, refs, places, speeches, dates, clause, &handled)
            if Self.debug {
                FileHandle.standardError.write(Data("trigger \(w(k)) at \(k) -> \(found.count) claims; places \(places.map { "\($0.written)\($0.excluded ? "(x)" : "")@\($0.first)" }); refs \(refs.map { "\($0.written)=\($0.actor?.name ?? "?")" }); speeches \(speeches.map { "\(w0($0.verb))[\($0.contentStart)-\($0.contentEnd)] by \($0.speaker?.text ?? "-")" }); clause \(clause(k))\n".utf8))
            }
            for c in found { made.append(addClaim(c, si, k)) }
        }
        // "Taliban fighters in the Shatal region": forces present at a place.
        for r in refs where ClaimLexicon.militaryNouns.contains(w(r.last)) || r.kind == .pronoun && r.last + 1 <= b && ClaimLexicon.militaryNouns.contains(w(r.last + 1)) {
            let head = ClaimLexicon.militaryNouns.contains(w(r.last)) ? r.last : r.last + 1
            guard head + 1 <= b, ClaimLexicon.presencePrepositions.contains(w(head + 1)),
                let actor = resolved(r, governingSpeech(head, speeches)), !objectOfNoun(r, a) else { continue }
            guard let place = places.first(where: { !$0.excluded && $0.first > head && $0.first <= head + 7 && !walk(from: head + 1, through: $0.first).contains { j in gap(j).has(",") || ClaimLexicon.triggers[w(j)] != nil } }) else { continue }
            let (cs, ce) = clause(head)
            if historical(cs, ce) { continue }
            let speech = governingSpeech(head, speeches)
            if speech?.negated == true || speech?.denial == true { continue }
            var claim = makeClaim(actor: actor, actorText: r.written, action: .holds, trigger: surface(r.first, head), place: place, role: .target,
                                  speech: speech, sentence: (a, b), at: head, dates: dates)
            claim.partial = true
            claim.rule = "forcesPresent"
            made.append(addClaim(claim, si, head))
        }
        applyHedgesAndDenials(si, a, b, speeches, made)
        // Remember who acted, for "he", "they", "the group" in later sentences.
        remember()
    }

    /// Tokens that start a clause: after ";" or a dash, at "but", "while", "after"…, and at ", and".
    mutating func clauseStarts(_ a: Int, _ b: Int) -> Set<Int> {
        var out: Set<Int> = [a]
        guard a < b else { return out }
        for k in walk(from: (a + 1), through: b) {
            guard !tokens[k].gapIsEmpty || Lex.clauseWords.contains(tokens[k].lowerHash) else { continue }
            let g = gap(k)
            let word = w(k)
            if (g.has("(") || g.has(")")) && !g.has(";") && !g.has(":") && shortParenthesis(k, a, b) {
                continue  // "The Sudanese Armed Forces (SAF) recaptured …": an abbreviation, not a clause
            } else if g.has(";") || g.has(":") || g.has("—") || g.has("–") || g.has("(") || g.has(")") {
                out.insert(k)
            } else if ClaimLexicon.clauseBreakers.contains(word) && !(word == "since" && k + 1 <= b && tokens[k + 1].isCapitalized == false && Int(text.text(k + 1)) != nil) {
                out.insert(k)
            } else if g.has(","), ClaimLexicon.clauseLinkWords.contains(word) {
                out.insert(k)
            } else if word == "as", k + 1 <= b, Self.subjectPronouns.contains(w(k + 1)) || actorAt[k + 1] >= 0 {
                // "captured another village as it closes on Pokrovsk": "as" with a subject opens a clause.
                out.insert(k)
            } else if word == "that", k > a, ClaimLexicon.speech.contains(w(k - 1)) == false {
                out.insert(k)
            }
        }
        return out
    }
}
