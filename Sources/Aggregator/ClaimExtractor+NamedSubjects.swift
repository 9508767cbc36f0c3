import Gazetteer

// MARK: Named subjects: a side no profile knows, named as the subject of an action
//
// Rule: a proper name (one to five capitalised words, "al"-style links between them allowed,
// "The" before it left out) that is the subject of an action verb, directly or through an
// auxiliary or an adverb, is a side even though no profile names it.
//   "The Islamic State seized control of the key Iraqi city of Ramadi" → Islamic State
//   "Jaish al Islam withdrew from Douma" → Jaish al Islam
// ("of" links no name: "Crowds of Syrians", "Residents of Aleppo" are people, not a side.)
// Not a side: a place's name ("Ramadi fell"), a person's ("Kelly attacked"), a month or a day, a
// single capitalised common word or demonym ("Fighters took", "Iraqi troops"), a name opening with
// a quantity or a preposition ("All of Jisr al-Shughour is now liberated"), a name before a bare
// present form, which is more often a noun ("the Houthi push to take Marib"), or any run of
// capitals in a title-case headline ("Rebels Seize Town").
// The same for the taker a fall names: "Ramadi falls to Islamic State" → Islamic State.
extension DocumentReader {
    /// The last token of a named subject starting at `k` (after "The", if `k` is "The"), or nil.
    mutating func namedSubject(at k: Int) -> (first: Int, last: Int)? {
        guard let first = nameStart(at: k) else { return nil }
        // (The start of a name, not its middle: "El Fasher" is not "Fasher".)
        if first == k, k > 0, text.adjacent(k), tokens[k - 1].isCapitalized
            || (k > 1 && ClaimLexicon.nameLinkWords.contains(w(k - 1)) && text.adjacent(k - 1) && tokens[k - 2].isCapitalized) {
            return nil
        }
        let last = nameEnd(from: first)
        guard !tokens[last].isPossessive, actionVerbFollows(last), plainName(first, last), !titleCaseSentence(around: first) else { return nil }
        return (first, last)
    }

    /// The first word of a name that starts at `k`: `k` itself when capitalised, or the capitalised
    /// word right after a "The" at `k`. Nil: no name starts here.
    mutating func nameStart(at k: Int) -> Int? {
        guard tokens[k].isCapitalized else { return nil }
        let first = w(k) == "the" ? k + 1 : k
        guard first < tokens.count, tokens[first].isCapitalized, first == k || text.adjacent(first) else { return nil }
        return first
    }

    /// The last token of a name that starts at `first`: up to five capitalised words, "al"-style
    /// link words between them ("Jaish al Islam"), ending at a possessive.
    mutating func nameEnd(from first: Int) -> Int {
        var last = first
        while last + 1 < tokens.count, last - first < 4, text.adjacent(last + 1), !tokens[last].isPossessive {
            if tokens[last + 1].isCapitalized {
                last += 1
            } else if ClaimLexicon.nameLinkWords.contains(w(last + 1)), last + 2 < tokens.count, tokens[last + 2].isCapitalized,
                text.adjacent(last + 2) {
                last += 2
            } else {
                break
            }
        }
        return last
    }

    /// The taker a fall names, no profile knowing it: "Ramadi falls to Islamic State", "the town
    /// had fallen to the Islamic State" (the name after "to", "The" left out). Nil: none here.
    mutating func namedTaker(at k: Int) -> (first: Int, last: Int)? {
        guard k >= 2, let first = nameStart(at: k) else { return nil }
        let to = k - 1
        guard w(to) == "to", ClaimLexicon.triggers[w(to - 1)]?.special == .fall else { return nil }
        let last = nameEnd(from: first)
        guard !tokens[last].isPossessive, plainName(first, last, asObject: true), !titleCaseSentence(around: first) else { return nil }
        return (first, last)
    }

    /// Whether an action verb follows `last`: a trigger in the past tense ("seized", "took"), or
    /// any form of one after an auxiliary ("has seized", "are advancing"), with at most two
    /// auxiliaries or adverbs between ("has now seized", "reportedly overran"). A bare present
    /// form is left alone: after a name it is more often a noun ("the Houthi push", "ISWAP attacks").
    mutating func actionVerbFollows(_ last: Int) -> Bool {
        var j = last + 1
        var auxiliary = false
        while j < tokens.count, j - last <= 3, !tokens[j].startsSentence {
            let word = w(j)
            if let t = ClaimLexicon.triggers[word] {
                // (Not a verb of presence: "Crowds have gathered in the squares of Damascus".)
                guard !t.noun, !t.presence, !tokens[j].isCapitalized else { return false }
                return auxiliary || word.hasSuffix("ed") || ClaimLexicon.irregularParticiples.contains(word)
                    || ClaimLexicon.irregularPastTense.contains(word)
            }
            if ClaimLexicon.auxiliaries.contains(word) {
                auxiliary = true
            } else if !ClaimLexicon.passiveAdverbs.contains(word) {
                return false
            }
            j += 1
        }
        return false
    }

    /// Whether tokens `first…last` may be a side's own name: no place, person, month or day, not a
    /// place's name the gazetteer knows, and not one common word or demonym alone.
    mutating func plainName(_ first: Int, _ last: Int, asObject: Bool = false) -> Bool {
        // ("All of Jisr al-Shughour is now liberated": a quantity, not a name.)
        if ClaimLexicon.notActorNameWords.contains(w(first)) || ClaimLexicon.prepositions.contains(w(first)) { return false }
        // ("Forces loyal to President Bashar al-Assad withdrew": the object of a preposition, and a person.)
        var before = first - 1
        if before >= 0, w(before) == "the" { before -= 1 }
        if !asObject, before >= 0, ClaimLexicon.subjectBlockingWords.contains(w(before)) { return false }
        // (Actors are found before the place references: look at the mentions themselves.)
        let start = Int(tokens[first].start), end = Int(tokens[last].end)
        if mentions.contains(where: { $0.isPlace && $0.start < end && $0.end > start }) { return false }
        for j in walk(from: first, through: last) {
            if actorAt[j] >= 0 { return false }
            if !tokens[j].isCapitalized { continue }  // a link word ("al" is also a first name)
            if ClaimLexicon.titles.contains(w(j)) || ClaimLexicon.officeTitles.contains(w(j)) { return false }
            let cls = WordClass.of(tokens[j])
            if cls & (WordClass.person | WordClass.calendar | WordClass.title) != 0 { return false }
        }
        if first == last {
            let cls = WordClass.of(tokens[first])
            if cls & (WordClass.common | WordClass.demonym | WordClass.lexical) != 0 { return false }
            if ClaimLexicon.speech.contains(w(first)) || ClaimLexicon.actorPronouns.contains(w(first)) { return false }
            // ("Thousands have fled the town", "Civilians fled": one word capitalised only by the start of
            // its sentence is a name only where the report capitalises it elsewhere too.)
            // (A hyphen or a digit marks a name anywhere: "Al-Shabaab", "M23".)
            let marked = text.text(first).contains { $0 == "-" || $0.isNumber }
            if tokens[first].startsSentence, !tokens[first].isAllCaps, !marked, !capitalisedElsewhere(first) { return false }
        }
        return !gazetteer.hasName(normalized: NameKey.normalized(surface(first, last)))
    }

    /// Whether the word at `k` is capitalised somewhere else in the report, inside a sentence.
    func capitalisedElsewhere(_ k: Int) -> Bool {
        let hash = tokens[k].lowerHash
        for j in 0..<tokens.count where j != k && tokens[j].lowerHash == hash {
            if tokens[j].isCapitalized && !tokens[j].startsSentence { return true }
        }
        return false
    }

    /// Whether the sentence holding token `k` is written in title case (a headline: at most one of
    /// its words of four letters or more in lower case), where capitals say nothing about names.
    mutating func titleCaseSentence(around k: Int) -> Bool {
        var a = k
        while a > 0, !tokens[a].startsSentence { a -= 1 }
        var b = k
        while b + 1 < tokens.count, !tokens[b + 1].startsSentence { b += 1 }
        var words = 0, lower = 0
        for j in walk(from: a, through: b) {
            let word = w(j)
            guard word.count > 3, word.first?.isLetter == true else { continue }
            words += 1
            if !tokens[j].isCapitalized { lower += 1 }
        }
        return words >= 4 && lower <= 1
    }
}
