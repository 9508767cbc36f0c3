import Gazetteer

// A person's name, once the report writes it in full ("Jordan Whitaker", "Ms. Lowell"), is that
// person where the report names them again by one word ("Jordan said the squad had trained",
// "Lowell's lawyers"), not the country, the state or the town of that name.

extension MentionFinder {
    /// The words (by ``Token/lowerHash``) the report uses as a person's name: a word after a title
    /// abbreviation ("Ms. Lowell", "Dr. Chen"), and both words of two adjacent capitalised words
    /// that are frequent first names or surnames ("Jordan Whitaker", "Steven Chen"), unless the
    /// two are a place's name together ("Virginia Beach"), follow "the", or start a longer
    /// capitalised run.
    func personWords(_ text: TokenizedText) -> Set<UInt64> {
        let tokens = text.tokens
        var out: Set<UInt64> = []
        var k = 0
        while k + 1 < tokens.count {
            defer { k += 1 }
            let t = tokens[k], next = tokens[k + 1]
            guard t.isCapitalized, next.isCapitalized, !next.isAllCaps else { continue }
            let cls = WordClass.of(t)
            if cls & WordClass.title != 0,
                text.string(bytes: Int(t.byteEnd), Int(next.byteStart)).hasPrefix(".") {
                out.insert(next.lowerHash)
                continue
            }
            // "the Washington Post" is an organisation: a person's name takes no article.
            let article = k > 0 && WordClass.of(tokens[k - 1]) & WordClass.the != 0
            guard !article, cls & WordClass.person != 0, WordClass.of(next) & WordClass.person != 0,
                  WordClass.of(next) & (WordClass.modifier | WordClass.kind) == 0, text.adjacent(k + 1),
                  !t.isAllCaps, !(k + 2 < tokens.count && tokens[k + 2].isCapitalized && text.adjacent(k + 2)),
                  !gazetteer.hasName(normalized: NameKey.normalized(text.surface(k, k + 1))) else { continue }
            out.insert(t.lowerHash)
            out.insert(next.lowerHash)
        }
        return out
    }

    /// The frequent first names and surnames the report writes alone right before a speech verb
    /// ("Brent told CTV Edmonton", "'It's a miracle,' Slater said"), by ``Token/lowerHash``: a
    /// speaker, where the name is a town's (``namesPersonOfReport``).
    func speakerWords(_ text: TokenizedText) -> Set<UInt64> {
        let tokens = text.tokens
        var out: Set<UInt64> = []
        for k in tokens.indices.dropLast() where tokens[k].isCapitalized && !tokens[k].isAllCaps {
            guard WordClass.of(tokens[k]) & WordClass.person != 0, Self.speakerVerbs.contains(tokens[k + 1].lowerHash),
                  text.adjacent(k + 1), !(k > 0 && tokens[k - 1].isCapitalized && text.adjacent(k)),
                  // ("Footage from Lyman shows": after a preposition the name is a place.)
                  !(k > 0 && WordClass.of(tokens[k - 1]) & WordClass.locative != 0) else { continue }
            out.insert(tokens[k].lowerHash)
        }
        return out
    }

    /// The verbs a person says things with (``ClaimLexicon/speakerVerbs``), by hash.
    static let speakerVerbs = Set(ClaimLexicon.speakerVerbs.map(WordHash.lowerHash))

    /// Whether a one-word name is a person the report has named in full, or a speaker whose name is
    /// only a town's (a country, a province or a city of a million speaks through its government:
    /// "Jordan said"), and nothing here places it (a locative before, a kind word after, a parent
    /// after a comma: "in Jordan" stays a place).
    func namesPersonOfReport(_ span: Span, _ text: TokenizedText, _ scan: MentionScan) -> Bool {
        guard span.first == span.last, span.role != .dateline else { return false }
        let hash = text.tokens[span.first].lowerHash
        let speaker = scan.speakers.contains(hash) && span.candidates.first.map { best in
            best.precision == .town && (gazetteer.place(id: best.id)?.population ?? 0) < Self.knownByEveryName
        } == true
        guard scan.persons.contains(hash) || speaker else { return false }
        return !span.placeLike && span.parentNames.isEmpty && span.kindWord == nil
    }
}
