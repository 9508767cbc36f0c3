import Gazetteer

// Lists that place their names: "seized key locations in Aleppo province, such as Sheikh Aqil,
// Jamiyat Al-Maari, and Bala" puts all three in Aleppo province. A listed name whose best place
// lies in another country is a place the gazetteer lacks, reported as unresolved, not a village of
// that name abroad ("Bala" is not Bal'a in the West Bank).

extension MentionFinder {
    /// The unit a list puts the name starting at token `first` in, or `nil`: not for a frequent
    /// first name or surname ("Democrats in Massachusetts, including Warren").
    func listedName(_ text: TokenizedText, first: Int) -> String? {
        guard WordClass.of(text.tokens[first]) & (WordClass.person | WordClass.title) == 0 else { return nil }
        return listedUnit(text, first: first)
    }

    /// Gives a listed name its unit as the parent the text names, and makes it place-like.
    func place(_ span: inout Span, inList unit: String) {
        span.listedIn = unit
        span.placeLike = true
        if span.parentNames.isEmpty { span.parentNames = [unit] }
    }

    /// The unit named before a list that the name belongs to: "in P[ kind], such as A, B and C" or
    /// "in P, including A, B, and C" (up to ``listedNames`` names). A list's last name follows
    /// "and" or "or"; the names before it are parted by commas, so that a name after the last one
    /// ("…such as A and B, Turkey's ministry said") is not in the list.
    func listedUnit(_ text: TokenizedText, first: Int) -> String? {
        let tokens = text.tokens
        var k = first  // the first token of the current item
        var passedComma = false
        for _ in 0..<Self.listedNames {
            if let opener = listOpener(text, before: k) { return unitBefore(text, opener) }
            // Step back over " and " / ", and " (only before the list's last name) or ", ".
            var j = k - 1
            if !passedComma, j >= 1, WordClass.of(tokens[j]) & WordClass.conjunction != 0, text.adjacent(k),
               !tokens[j].startsSentence, tokens[j].gapIsEmpty || tokens[j].gapIsComma {
                j -= 1
            } else if tokens[k].gapIsComma, !tokens[k].startsSentence {
                passedComma = true
            } else {
                return nil
            }
            guard j >= 0, tokens[j].isCapitalized else { return nil }
            k = nameStart(text, end: j)
        }
        return nil
    }

    /// The first token of the capitalised name of at most three words that ends at token `end`.
    func nameStart(_ text: TokenizedText, end: Int) -> Int {
        var start = end
        while start > 0, end - start < 2, text.tokens[start - 1].isCapitalized, text.adjacent(start) { start -= 1 }
        return start
    }

    /// The first token of "such as" or "including" right before token `k`, or `nil`. ("Like" is as
    /// often a comparison: "the war in Sudan, like Syria's".)
    func listOpener(_ text: TokenizedText, before k: Int) -> Int? {
        guard k >= 1, text.adjacent(k) else { return nil }
        let word = text.text(k - 1).lowercased()
        if word == "including" { return k - 1 }
        if word == "as", k >= 2, text.text(k - 2).lowercased() == "such", text.adjacent(k - 1) { return k - 2 }
        return nil
    }

    /// The unit "in P" or "in P province" names before a list opened at token `opener`, after a
    /// comma ("in Aleppo province, such as"), or `nil`.
    func unitBefore(_ text: TokenizedText, _ opener: Int) -> String? {
        let tokens = text.tokens
        guard tokens[opener].gapIsComma, opener >= 2 else { return nil }
        var end = opener - 1
        if WordClass.of(tokens[end]) & WordClass.kind != 0, !tokens[end].isCapitalized, text.adjacent(end) { end -= 1 }
        guard end >= 1, tokens[end].isCapitalized else { return nil }
        let start = nameStart(text, end: end)
        var before = start - 1
        if before >= 0, WordClass.of(tokens[before]) & WordClass.the != 0 { before -= 1 }
        guard before >= 0, WordClass.of(tokens[before]) & WordClass.in != 0, text.adjacent(start) else { return nil }
        return text.surface(start, end)
    }

    /// Whether a listed name's best place lies in another country than the unit the list puts it
    /// in, where the gazetteer knows that unit: the place is one it lacks. (Within the country the
    /// unit's own outline is not at hand: a unit such as England is not the parent of its towns.)
    func listedElsewhere(_ best: Candidate, _ span: Span) -> Bool {
        guard let unit = span.listedIn,
              let known = gazetteer.candidates(for: unit, limit: 3).first(where: { $0.match != .fuzzy }) else { return false }
        return Self.country(best) != Self.country(known)
    }

    /// How many names back a list's opener is looked for.
    static let listedNames = 8
}
