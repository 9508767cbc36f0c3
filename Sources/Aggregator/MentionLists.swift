import Gazetteer

// Lists that place their names: "seized key locations in Aleppo province, such as Sheikh Aqil,
// Jamiyat Al-Maari, and Bala" puts all three in Aleppo province. A listed name the gazetteer
// knows only elsewhere is a place it lacks there, reported as unresolved, not a village of that
// name in another country ("Bala" is not Bal'a in the West Bank).

extension MentionFinder {
    /// Gives a name in such a list its unit as the parent the text names, and makes it place-like.
    func placeByList(_ span: inout Span, _ text: TokenizedText) {
        guard let unit = listedUnit(text, first: span.first) else { return }
        span.listedIn = unit
        span.placeLike = true
        if span.parentNames.isEmpty { span.parentNames = [unit] }
    }

    /// The unit named before a list that the name belongs to: "in P[ kind], such as A, B and C",
    /// "in P, including A, B and C", "in P like A or B" (up to ``listedNames`` names).
    func listedUnit(_ text: TokenizedText, first: Int) -> String? {
        let tokens = text.tokens
        var k = first  // the first token of the current item
        for _ in 0..<Self.listedNames {
            guard let opener = listOpener(text, before: k) else {
                // Not the list's first item: step back over ", " or " and " / ", and " to the item before.
                var j = k - 1
                if j >= 0, WordClass.of(tokens[j]) & WordClass.conjunction != 0, text.adjacent(k) { j -= 1 } else if !tokens[k].gapIsComma { return nil }
                guard j >= 0, tokens[j].isCapitalized, j + 1 < tokens.count, tokens[j + 1].gapIsComma || WordClass.of(tokens[j + 1]) & WordClass.conjunction != 0 else { return nil }
                var start = j
                while start > 0, tokens[start - 1].isCapitalized, text.adjacent(start) { start -= 1 }
                k = start
                continue
            }
            return unitBefore(text, opener)
        }
        return nil
    }

    /// The first token of "such as", "including" or "like" right before token `k`, or `nil`.
    func listOpener(_ text: TokenizedText, before k: Int) -> Int? {
        guard k >= 1, text.adjacent(k) else { return nil }
        let word = text.text(k - 1).lowercased()
        if word == "including" || word == "like" { return k - 1 }
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
        var start = end
        while start > 0, end - start < 2, tokens[start - 1].isCapitalized, text.adjacent(start) { start -= 1 }
        var before = start - 1
        if before >= 0, WordClass.of(tokens[before]) & WordClass.the != 0 { before -= 1 }
        guard before >= 0, WordClass.of(tokens[before]) & WordClass.in != 0, text.adjacent(start) else { return nil }
        return text.surface(start, end)
    }

    /// Whether a listed name's best place lies outside every unit of the name the list puts it in,
    /// where the gazetteer knows a place of that name: the place is one it lacks.
    func listedElsewhere(_ best: Candidate, _ span: Span) -> Bool {
        guard let unit = span.listedIn,
              gazetteer.candidates(for: unit, limit: 3).contains(where: { $0.match != .fuzzy }) else { return false }
        return NameKey.normalized(best.name) != NameKey.normalized(unit) && !gazetteer.liesIn(best, anyOf: [unit])
    }

    /// How many names back a list's opener is looked for.
    static let listedNames = 8
}
