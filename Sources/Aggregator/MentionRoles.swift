import Gazetteer

// Names whose words refer to a place without naming a place where something happens: wire
// datelines and demonyms (`MentionRole`). The finder reports them as mentions with a role, so that
// a reader sees which place they refer to, while counts, claims and maps use places only.

extension MentionFinder {
    /// The tokens of wire datelines ("CAIRO (Reuters) -", "KYIV, Ukraine (AP) —", "KABUL, Sept 3
    /// (Reuters) -", "BEIRUT --", "BANGKOK:"): where the story was filed from, not a place it is about. A dateline written
    /// in title case ("Cape Town — The army said…", "Goma, DR Congo – Rebels…") counts only when a
    /// long dash follows it and a capitalised word follows the dash: a paragraph that opens with a
    /// place's name in a sentence ("Kherson was shelled") has neither.
    static func datelines(_ text: TokenizedText) -> Set<Int> {
        let tokens = text.tokens
        var out: Set<Int> = []
        var p = 0
        while p < min(tokens.count, 400) {
            defer { p += 1 }
            // (A line of its own: after a blank line, or right after the headline's line.)
            guard tokens[p].startsParagraph || startsLine(text, p), tokens[p].end - tokens[p].start >= 3 else { continue }
            if tokens[p].isAllCaps {
                if let last = capitalDateline(text, from: p) { for t in p...last { out.insert(t) } }
            } else if tokens[p].isCapitalized, let last = titleCaseDateline(text, from: p) {
                for t in p...last { out.insert(t) }
            }
        }
        return out
    }

    /// Whether token `p` is the first of a line (a newline before it).
    static func startsLine(_ text: TokenizedText, _ p: Int) -> Bool {
        guard p > 0, text.tokens[p].startsSentence || text.tokens[p].isCapitalized else { return p == 0 }
        return text.bytes(Int(text.tokens[p - 1].byteEnd), Int(text.tokens[p].byteStart), contain: "\n")
    }

    /// The last token of an all-capitals dateline starting at `p`: capitalised words, numbers and
    /// commas up to "(Outlet) -" or a dash, within a few words.
    static func capitalDateline(_ text: TokenizedText, from p: Int) -> Int? {
        let tokens = text.tokens
        var k = p
        while k + 1 < tokens.count, k - p < 8 {
            let from = Int(tokens[k].byteEnd), to = Int(tokens[k + 1].byteStart)
            let between = text.string(bytes: from, to)
            func has(_ s: String) -> Bool { text.bytes(from, to, contain: s) }
            // (Also a double hyphen, "BEIRUT --", and a colon, "BANGKOK:", as some outlets write it.)
            if has("—") || has("–") || has(" - ") || has("--") || between.hasPrefix(":") || has("(") {
                if has("(") {
                    // "(Reuters) -": the outlet, then a dash.
                    var c = k + 1
                    while c + 1 < tokens.count, c - k < 4,
                        !text.string(bytes: Int(tokens[c].byteEnd), Int(tokens[c + 1].byteStart)).contains(")") { c += 1 }
                    guard c + 1 < tokens.count else { return nil }
                    let after = text.string(bytes: Int(tokens[c].byteEnd), Int(tokens[c + 1].byteStart))
                    guard after.contains(")"), after.contains("—") || after.contains("–") || after.contains("-") else { return nil }
                }
                return k
            }
            guard tokens[k + 1].isCapitalized || Int(text.text(k + 1)) != nil, !between.contains(".") || between.count <= 2 else { return nil }
            k += 1
        }
        return nil
    }

    /// The last token of a title-case dateline starting at `p`: at most four capitalised words (a
    /// comma may part the town from its country), then a spaced em or en dash, then a capitalised word.
    static func titleCaseDateline(_ text: TokenizedText, from p: Int) -> Int? {
        let tokens = text.tokens
        var k = p
        while k + 1 < tokens.count, k - p < 4 {
            let from = Int(tokens[k].byteEnd), to = Int(tokens[k + 1].byteStart)
            let between = text.string(bytes: from, to)
            // ("Damascus: The Russian military announced …", as some outlets write it.)
            if text.bytes(from, to, contain: " — ") || text.bytes(from, to, contain: " – ") || between == ": " {
                return tokens[k + 1].isCapitalized ? k : nil
            }
            guard tokens[k + 1].isCapitalized, between == " " || between == ", " else { return nil }
            // "Gaza, MINA –": an outlet's initials after the place are no part of it.
            if between == ", ", tokens[k + 1].isAllCaps, !tokens[p].isAllCaps { return k }
            k += 1
        }
        return nil
    }

    /// The demonym that starts at token `i` ("Sudanese", "Russians", "South Korean"), as its last
    /// token and its place's id, when the gazetteer has the place. The longest form wins.
    func demonym(_ text: TokenizedText, at i: Int) -> (last: Int, place: String)? {
        let tokens = text.tokens
        var found: (last: Int, place: String)?
        var words: [String] = []
        for k in walk(from: i, through: min(tokens.count - 1, i + Self.longestDemonym - 1)) {
            guard tokens[k].isCapitalized, k == i || text.adjacent(k) else { break }
            words.append(text.lower(k))
            if let place = Demonyms.places[words.joined(separator: " ")], gazetteer.place(id: place) != nil { found = (k, place) }
        }
        // "the Indian Ocean", "the Arabian Sea": a feature's name, not its people.
        if let d = found, d.last + 1 < tokens.count, tokens[d.last + 1].isCapitalized, text.adjacent(d.last + 1),
            Self.featureWords.contains(text.lower(d.last + 1)) {
            return nil
        }
        return found
    }

    /// A well-known place's name that begins a longer name ("The Washington Post", "U.S. President
    /// Donald Trump", "California Governor Jerry Brown"): the span with the role `partOfName`, when
    /// the place is a country, a first-level unit, a region or a city of ``majorTown`` people or
    /// more, matched as written, and the longer name is not a person's ("Jordan Peterson",
    /// "Washington Irving": a first name or surname follows).
    func partOfName(_ text: TokenizedText, _ span: Span, _ cache: inout [String: [Candidate]]) -> Span? {
        let tokens = text.tokens
        let next = span.last + 1
        guard next < tokens.count else { return nil }
        let after = WordClass.of(tokens[next])
        guard after & WordClass.person == 0 || after & WordClass.common != 0 else { return nil }
        let own = WordClass.of(tokens[span.first])
        if span.first == span.last, own & (WordClass.common | WordClass.notPlace | WordClass.modifier) != 0 { return nil }
        // The next word is an ordinary word ("Post", "President", "Security"), not a name: a place
        // that is also a first name ("Victoria", "Paul") or a town names a person before a surname.
        let ordinary = after & (WordClass.common | WordClass.kind | WordClass.modifier | WordClass.title) != 0
        var named = span
        named.candidates = candidates(span, &cache)
        guard let best = named.candidates.first, best.match != .fuzzy, acceptable(best, named, text) else { return nil }
        switch best.kind {
        case .country, .province, .region: guard ordinary || (span.first == span.last && own & WordClass.person == 0) || span.first < span.last else { return nil }
        case .city, .town: guard ordinary, (gazetteer.place(id: best.id)?.population ?? 0) >= Self.majorTown else { return nil }
        default: return nil
        }
        named.role = .partOfName
        return named
    }

    /// The most words a demonym has ("Papua New Guinean").
    static let longestDemonym = 3
}
