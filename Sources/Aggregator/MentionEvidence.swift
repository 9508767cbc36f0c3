import Gazetteer

// The evidence a name needs before it is a place: its length, whether it is a common word, a
// person's name or an abbreviation, and whether the words around it place it.

extension MentionFinder {
    /// Small places and loose matches need a place-like context; admin units and cities do not.
    /// Short tokens and common English words never name a town or district.
    func acceptable(_ best: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        if namesAgency(span, text) { return false }
        let single = span.first == span.last
        if single {
            let word = text.text(span.first)
            let k = span.first
            // A title abbreviation before a name ("Gen. Syrskyi") is never a place.
            if WordClass.of(text.tokens[k]) & WordClass.title != 0, k + 1 < text.tokens.count,
                text.string(bytes: Int(text.tokens[k].byteEnd), Int(text.tokens[k + 1].byteStart)).hasPrefix(".") {
                return false
            }
            // A month or a weekday, or its abbreviation, alone is a date ("on Nov. 29", "in March").
            if WordClass.of(text.tokens[k]) & WordClass.calendar != 0 { return false }
            let letters = NameKey.normalized(word).count
            let isAcronymCountry = word == word.uppercased() && letters >= 2 && best.kind == .country
            if letters < 3 && !isAcronymCountry && !statesUnit(best, k, text) { return false }
            // A common word names a town or district never, and a province or a country only where
            // the text places it ("fighting in Unity", "Unity State"; not "the Centre for …").
            if isCommon(text, span.first, span.last),
                best.precision <= .district || (!placeLike(text, first: span.first, last: span.last) && span.kindWord == nil) {
                return false
            }
            if personRatherThanPlace(best, span, text) || wordRatherThanPlace(best, span, text) { return false }
            if span.role != .dateline, !abbreviationNamesPlace(best, span, text) { return false }
        }
        if best.match == .fuzzy {
            return placeLike(text, first: span.first, last: span.last)
        }
        return best.kind != .village || span.placeLike || saysVillage(best, span)
    }

    /// A first-level unit's two-letter abbreviation with its full stop after a town and a comma, as
    /// US news agencies write a state ("Edmonton, Ky.", "PARIS, Mo. —"): it names the state. Alone
    /// ("Ky. police") or without the stop, two letters are too often something else.
    func statesUnit(_ best: Candidate, _ k: Int, _ text: TokenizedText) -> Bool {
        let tokens = text.tokens
        guard best.kind == .province, k > 0, k < tokens.count, tokens[k].gapIsComma, tokens[k - 1].isCapitalized,
              tokens[k].isCapitalized, !tokens[k].isAllCaps else { return false }
        let end = Int(tokens[k].byteEnd)
        return text.string(bytes: end, end + 1) == "."
    }

    /// Whether a place inside a country is named only by words that say where or what an area is
    /// ("North West", "West Coast", "Gulf", "Ouest"): many countries have one.
    func isGenericArea(_ candidate: Candidate) -> Bool {
        guard candidate.kind != .country, candidate.id.utf8.contains(0x2F) else { return false }
        let name = candidate.name.utf8
        guard name.allSatisfy({ $0 < 0x80 }) else {
            let words = candidate.name.lowercased().split { $0 == " " || $0 == "-" }
            return !words.isEmpty && words.allSatisfy { genericAreaWords.contains(String($0)) }
        }
        // ASCII (nearly every name): words hashed as the tokenizer hashes them, without a string each.
        var words = 0
        for word in name.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D }) {
            guard genericAreaHashes.contains(WordHash.hash(word.lazy.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })) else { return false }
            words += 1
        }
        return words > 0
    }

    /// Whether a name is a news agency's, as the words around it say in lower case: "the Xinhua
    /// news agency", "Xinhua agency reported", "state media agency Xinhua said".
    func namesAgency(_ span: Span, _ text: TokenizedText) -> Bool {
        let count = text.tokens.count
        func word(_ k: Int) -> String? {
            guard k >= 0, k < count, !text.tokens[k].isCapitalized else { return nil }
            return text.text(k).lowercased()
        }
        let next = word(span.last + 1)
        return next == "agency" || (next == "news" && word(span.last + 2) == "agency") || word(span.first - 1) == "agency"
    }

    /// Whether the text says that a name is this village: it calls it a village ("X village",
    /// "the village of X"; "the town of X" says it is not), or names the unit the village lies in
    /// ("Edmonton, Ky.").
    func saysVillage(_ candidate: Candidate, _ span: Span) -> Bool {
        if span.kindWord == "village" { return true }
        guard !span.parentNames.isEmpty, let place = gazetteer.place(id: candidate.id) else { return false }
        let clues = Set(span.parentNames.map(NameKey.normalized))
        return gazetteer.ancestors(of: place).contains { $0.allNames.contains { clues.contains(NameKey.normalized($0)) } }
    }

    /// A frequent first name or surname, alone, is a person rather than a small town of that name
    /// ("Kelly said", "Johnson told reporters"), unless the text places it: a locative before ("in
    /// Marion"), a kind word after, or a parent after a comma ("Nelson, B.C."). Towns and cities
    /// of 100,000 people or more (Jackson, Lincoln, Charlotte) keep their name.
    func personRatherThanPlace(_ best: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        guard best.precision == .town, WordClass.of(text.tokens[span.first]) & WordClass.person != 0 else { return false }
        if let population = gazetteer.place(id: best.id)?.population, population >= Self.majorTown { return false }
        return !placeLike(text, first: span.first, last: span.last) && span.parentNames.isEmpty
    }

    /// An English word that is written in lower case except as a name ("Cars were burned", "a
    /// Drone unit") is the word rather than a small town, a district or a village of that name,
    /// unless the text places it: a locative before ("in Split"), a kind word after, or a parent.
    func wordRatherThanPlace(_ best: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        guard best.precision <= .district, best.id.contains("/"), WordClass.of(text.tokens[span.first]) & WordClass.lexical != 0 else { return false }
        if let population = gazetteer.place(id: best.id)?.population, population >= Self.majorTown { return false }
        return !placeLike(text, first: span.first, last: span.last) && span.parentNames.isEmpty && span.kindWord == nil
    }

    /// The population from which a town's name is a place even when it is also a person's.
    static let majorTown = 100_000

    /// Whether a town's or a city's other name of two words or more (an alternate name, not its own)
    /// follows "the" (in lower case, or capitalised by the sentence's start): a city's name takes no
    /// article ("the White House" is not Casablanca, whose name means it; "The Big Apple" is not New
    /// York). A one-word name after "the" is often a place before a noun ("the Jabalia camp").
    func otherNameAfterArticle(_ c: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        guard c.match == .alias, c.precision == .town, span.role != .dateline, span.first > 0, span.last > span.first else { return false }
        let article = text.tokens[span.first - 1]
        return WordClass.of(article) & WordClass.the != 0 && (!article.isCapitalized || article.startsSentence)
    }

    /// The sea a word names after "the": "the Atlantic", "the tropical Pacific", "the eastern
    /// Mediterranean" (at most two lower-case words between) are the seas the gazetteer knows as
    /// "Atlantic Ocean" and "Mediterranean Sea". A town of the word alone takes no article
    /// (Atlantic, Iowa), nor does a direction ("the North" is not the North Sea); a capitalised
    /// word after it makes another name ("the Atlantic Council"), a noun of land after it is land
    /// (``ClaimLexicon/landNouns``: "the Arabian peninsula"), and a capitalised "The" inside a
    /// sentence a title ("writing in The Atlantic").
    func seaNamedByItsWord(_ text: TokenizedText, _ span: Span) -> Candidate? {
        let tokens = text.tokens, k = span.first
        guard span.first == span.last, span.role != .dateline, k > 0,
              WordClass.of(tokens[k]) & (WordClass.modifier | WordClass.notPlace | WordClass.common | WordClass.demonym) == 0 else { return nil }
        if k + 1 < tokens.count, text.adjacent(k + 1), tokens[k + 1].isCapitalized || ClaimLexicon.landNouns.contains(text.lower(k + 1)) {
            return nil
        }
        var j = k - 1
        while j >= 0, k - j <= 2, text.adjacent(j + 1), !tokens[j].isCapitalized, WordClass.of(tokens[j]) & WordClass.the == 0 { j -= 1 }
        guard j >= 0, text.adjacent(j + 1), WordClass.of(tokens[j]) & WordClass.the != 0,
              !tokens[j].isCapitalized || tokens[j].startsSentence else { return nil }
        for suffix in ClaimLexicon.seaNameSuffixes.sorted() {
            let name = span.surface + " " + suffix.prefix(1).uppercased() + suffix.dropFirst()
            guard gazetteer.hasName(normalized: NameKey.normalized(name)),
                  let sea = gazetteer.candidates(for: name, limit: 1).first, sea.kind == .sea, sea.match == .exact else { continue }
            return sea
        }
        return nil
    }

    /// Whether a town's other name, for a town of under ``knownByEveryName`` people, stands with
    /// nothing in the text to place it (a locative before, a kind word after, a parent): such
    /// names are often another language's, and the same letters are a person's or a word ("Chen
    /// said" is not Chenzhou). ``resolveInDocument`` drops it in a report that names other places
    /// clearly but none in its country.
    func otherNameUnplaced(_ span: Span, population: Int64) -> Bool {
        guard span.role != .dateline, population < Self.knownByEveryName else { return false }
        return !span.placeLike && span.parentNames.isEmpty && span.kindWord == nil
    }

    /// The population from which a city's other names are as much its names as its own.
    static let knownByEveryName: Int64 = 1_000_000

    func isCommon(_ text: TokenizedText, _ first: Int, _ last: Int) -> Bool {
        first == last && WordClass.of(text.tokens[first]) & (WordClass.common | WordClass.notPlace) != 0
    }

    /// Whether the words around a name suggest a place: a locative before, or a kind word after;
    /// or "and" or "or" before it, after a name (with its kind word) that is place-like itself, up
    /// to ``coordinatedNames`` names back ("withdrew from Daraa province and Deir Ezzor").
    func placeLike(_ text: TokenizedText, first: Int, last: Int, coordinated depth: Int = MentionFinder.coordinatedNames) -> Bool {
        let tokens = text.tokens
        if last + 1 < tokens.count, WordClass.of(tokens[last + 1]) & WordClass.kind != 0, tokens[last + 1].gapIsEmpty { return true }
        var k = first - 1
        if k >= 0, WordClass.of(tokens[k]) & WordClass.the != 0 { k -= 1 }
        if k >= 0, WordClass.of(tokens[k]) & WordClass.locative != 0 { return true }
        if k >= 1, WordClass.of(tokens[k]) & WordClass.of != 0, WordClass.of(tokens[k - 1]) & WordClass.kind != 0 { return true }
        // Where a person named, or named with their age, lives: "William Goble, 26, of Edmonton",
        // "driven by James Kitchens, of Edmonton".
        if k >= 1, k == first - 1, WordClass.of(tokens[k]) & WordClass.of != 0, tokens[k].gapIsComma, residentBefore(text, k - 1) { return true }
        // Not a frequent first name or surname ("held in Atlanta and Warren told supporters").
        guard depth > 0, k == first - 1, k >= 1, WordClass.of(tokens[k]) & WordClass.conjunction != 0, text.adjacent(k), text.adjacent(first),
              WordClass.of(tokens[first]) & (WordClass.person | WordClass.title) == 0 else { return false }
        // The name before the conjunction, with a kind word after it ("Daraa province and").
        var end = k - 1
        if end >= 1, WordClass.of(tokens[end]) & WordClass.kind != 0, !tokens[end].isCapitalized, text.adjacent(end) { end -= 1 }
        guard tokens[end].isCapitalized else { return false }
        return placeLike(text, first: nameStart(text, end: end), last: end, coordinated: depth - 1)
    }

    /// Whether token `k`, before ", of", ends a person's name ("James Kitchens") or their age after
    /// it ("William Goble, 26").
    func residentBefore(_ text: TokenizedText, _ k: Int) -> Bool {
        let tokens = text.tokens
        let word = text.text(k)
        if word.utf8.count <= 3, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return k >= 1 && tokens[k].gapIsComma && tokens[k - 1].isCapitalized
        }
        return k >= 1 && tokens[k].isCapitalized && tokens[k - 1].isCapitalized && text.adjacent(k)
            && WordClass.of(tokens[k - 1]) & WordClass.person != 0
    }

    /// How many names back a conjunction carries a name's place-likeness.
    static let coordinatedNames = 3

    /// A word in capitals ("AMLO", "IRNA", "OAS") is an abbreviation: it names a place only where
    /// the gazetteer writes a country's or a province's name that way (UAE, DRC, U.S.), where it is
    /// the ordinary name of a country, a province or a city of ``majorTown`` people or more, in
    /// capitals (datelines: "WASHINGTON (AP) -", "KIGALI, Rwanda / ISTANBUL"), or where the text
    /// around it is in capitals too (a headline) or it opens a paragraph. Written in capitals, the
    /// name of a smaller town is more likely an organisation's or a person's initials ("AMLO",
    /// "IRNA", "OAS").
    func abbreviationNamesPlace(_ best: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        let tokens = text.tokens
        let k = span.first
        guard tokens[k].isAllCaps else { return true }
        if tokens[k].startsParagraph { return true }
        if k > 0, tokens[k - 1].isAllCaps, text.adjacent(k) { return true }
        if k + 1 < tokens.count, tokens[k + 1].isAllCaps, text.adjacent(k + 1) { return true }
        guard let place = gazetteer.place(id: best.id) else { return false }
        let written = Self.letters(text.text(k))
        // A country's or a province's abbreviation as the gazetteer writes it (a town's names in
        // capitals are codes: "IRNA" for Salerno).
        if best.precision >= .province, place.allNames.contains(where: { Self.letters($0) == written }) { return true }
        // The place's own name or an English one, in capitals, for a country, a province or a city of
        // 100,000 people or more ("KIGALI, Rwanda / ISTANBUL").
        guard best.precision >= .province || (place.population ?? 0) >= Self.majorTown else { return false }
        let ordinary = [place.name] + place.alternateNames.filter { $0.language == "en" }.map(\.name)
        return ordinary.contains { Self.letters($0).lowercased() == written.lowercased() }
    }

    /// A name's letters and digits, without dots or spaces ("U.S." and "US" are alike).
    static func letters(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0 != "." && $0 != " " }))
    }
}
