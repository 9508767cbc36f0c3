import Gazetteer
import Geo

/// A place named in a report.
public struct Mention: Sendable, Hashable, Codable {
    /// The report's id.
    public var document: String
    /// The place's gazetteer id.
    public var place: String
    /// The words as written in the report.
    public var surface: String
    /// Offsets in Unicode code points into the report's text, `end` exclusive.
    public var start: Int
    public var end: Int
    public var match: MatchType
}

/// A capitalised name in a place-like position that the gazetteer does not know.
public struct UnresolvedName: Sendable, Hashable, Codable {
    public var document: String
    public var surface: String
    public var start: Int
    public var end: Int
}

/// Words that look like place names but, as written, name a people, an army or a language.
let notPlaceWords: Set<String> = [
    "afghan", "afghans", "american", "americans", "british", "soviet", "soviets", "prussian", "russian", "russians",
    "ukrainian", "ukrainians", "pakistani", "iranian", "chinese", "indian", "turkish", "arab", "arabic", "persian",
    "dari", "pashto", "pashtun", "tajik", "uzbek", "hazara", "kurdish", "kurd", "kurds", "syrian", "iraqi", "israeli",
    "palestinian", "sudanese", "ethiopian", "yemeni", "libyan", "european", "western", "islamic", "muslim",
    "panjshiris", "panjshiri", "kabuli", "english", "french", "german", "western-educated", "ussr", "nato", "un",
    "the", "a", "an", "he", "she", "they", "we", "it", "this", "that", "these", "those", "in", "on", "at", "and", "but",
]

/// Words that may stand next to a place name inside one capitalised phrase without making it a person or an organisation.
let placeModifierWords: Set<String> = [
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper", "lower",
    "greater", "valley", "province", "district", "city", "region", "pass", "river", "mountains", "oblast", "state",
    "governorate", "county", "town", "village", "gorge", "airport", "the", "northeast", "northwest", "southeast",
    "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
]

/// Words after which a capitalised name is probably a place.
let locativeWords: Set<String> = [
    "in", "near", "from", "at", "into", "outside", "around", "toward", "towards", "across", "through", "inside",
    "entered", "captured", "seized", "reached", "retook", "recaptured", "took", "besieged", "shelled", "struck",
    "liberated", "surrounded", "encircled", "occupied", "bombed", "stormed", "overran",
]

/// Kind words that may follow or precede a place name ("Shatal district", "province of Parwan").
let kindWords: Set<String> = [
    "district", "districts", "province", "provinces", "city", "town", "village", "valley", "region", "area",
    "pass", "gorge", "oblast", "governorate", "state", "county", "capital", "mountains", "river", "border",
]

/// Finds the gazetteer places named in a report's text.
public struct MentionFinder: Sendable {
    public let gazetteer: Gazetteer
    /// A place that biases disambiguation (`--region`).
    public var region: Place?
    /// The most words a place name spans.
    public var maximumWords = 6

    public init(gazetteer: Gazetteer, region: Place? = nil) {
        self.gazetteer = gazetteer
        self.region = region
    }

    struct Span {
        var first: Int
        var last: Int
        var surface: String
        var candidates: [Candidate]
        var kindWord: String?
        var parentNames: [String]
    }

    /// The mentions and unresolved names in one report.
    public func find(in report: Report) -> (mentions: [Mention], unresolved: [UnresolvedName]) {
        let tokens = Tokenizer.tokenize(report.text)
        let scalars = Array(report.text.unicodeScalars)
        func surface(_ a: Int, _ b: Int) -> String {
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[tokens[a].start..<tokens[b].end])
            return String(v)
        }
        func adjacent(_ k: Int) -> Bool { tokens[k].gapBefore.isEmpty && !tokens[k].startsSentence }

        var spans: [Span] = []
        var unresolved: [UnresolvedName] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            guard t.isCapitalized, !notPlaceWords.contains(t.lower) else { i += 1; continue }
            // The longest run of words from here that the gazetteer knows.
            var matched: Span?
            var n = min(maximumWords, tokens.count - i)
            while n >= 1 {
                let last = i + n - 1
                if n > 1, !(i + 1...last).allSatisfy({ adjacent($0) && !tokens[$0 - 1].isPossessive }) { n -= 1; continue }
                if n > 1, !tokens[last].isCapitalized, !placeModifierWords.contains(tokens[last].lower) { n -= 1; continue }
                let text = surface(i, last)
                if gazetteer.hasName(normalized: NameKey.normalized(text)) {
                    matched = Span(first: i, last: last, surface: text, candidates: [], kindWord: nil, parentNames: [])
                    break
                }
                n -= 1
            }
            let spanLast = matched?.last ?? i
            let (phraseStart, phraseEnd) = capitalisedPhrase(tokens, i, spanLast)
            if var span = matched {
                // Other capitalised words in the same phrase make it a person, an organisation or an army
                // ("Ahmad Shah Massoud", "National Resistance Front of Afghanistan", "British Empire").
                let outside = Array(phraseStart..<span.first) + Array((span.last + 1)..<(phraseEnd + 1))
                let foreign = outside.filter { !placeModifierWords.contains(tokens[$0].lower) && tokens[$0].lower != "of" }
                if foreign.isEmpty {
                    span.kindWord = kindWord(tokens, span)
                    span.parentNames = parentNames(tokens, span, surface)
                    span.candidates = candidates(span, tokens)
                    if let best = span.candidates.first, acceptable(best, span, tokens) {
                        spans.append(span)
                    }
                }
                i = max(span.last, phraseEnd) + 1
                continue
            }
            // Not in the gazetteer as written: a spelling variant, or a name to report as unresolved.
            let runEnd = phraseEnd
            let text = surface(i, runEnd)
            if placeLike(tokens, first: i, last: runEnd), !Self.isCommon(tokens, i, runEnd),
                tokens[i].lower.count >= 3 {
                var span = Span(first: i, last: runEnd, surface: text, candidates: [], kindWord: nil, parentNames: [])
                span.kindWord = kindWord(tokens, span)
                span.parentNames = parentNames(tokens, span, surface)
                span.candidates = candidates(span, tokens)
                if !span.candidates.isEmpty {
                    spans.append(span)
                } else {
                    unresolved.append(UnresolvedName(document: report.id, surface: text, start: tokens[i].start, end: tokens[runEnd].end))
                }
            }
            i = runEnd + 1
        }

        // Second pass: resolve again knowing where the document's unambiguous places are.
        let anchors = spans.compactMap { s -> Coordinate? in
            guard let best = s.candidates.first, s.candidates.count == 1 || best.precision >= .province else { return nil }
            return Coordinate(latitude: best.latitude, longitude: best.longitude)
        }
        var mentions: [Mention] = []
        for span in spans {
            var best = span.candidates.first!
            if span.candidates.count > 1, !anchors.isEmpty {
                let context = ResolutionContext(nearby: anchors, region: region, parentNames: span.parentNames, kindWord: span.kindWord)
                best = gazetteer.candidates(for: span.surface, context: context, limit: 1).first ?? best
            }
            mentions.append(Mention(document: report.id, place: best.id, surface: span.surface,
                                    start: tokens[span.first].start, end: tokens[span.last].end, match: best.match))
        }
        return (mentions, unresolved)
    }

    func candidates(_ span: Span, _ tokens: [Token]) -> [Candidate] {
        let context = ResolutionContext(region: region, parentNames: span.parentNames, kindWord: span.kindWord)
        return gazetteer.candidates(for: span.surface, context: context, limit: 5)
    }

    /// The run of adjacent capitalised words around tokens `first...last`, not crossing a
    /// possessive, a sentence break or punctuation ("of" may join two capitalised words).
    func capitalisedPhrase(_ tokens: [Token], _ first: Int, _ last: Int) -> (Int, Int) {
        func joined(_ k: Int) -> Bool { tokens[k].gapBefore.isEmpty && !tokens[k].startsSentence && !tokens[k - 1].isPossessive }
        var start = first
        while start > 0, joined(start), tokens[start - 1].isCapitalized { start -= 1 }
        var end = last
        while end + 1 < tokens.count, joined(end + 1) {
            if tokens[end + 1].isCapitalized {
                end += 1
            } else if tokens[end + 1].lower == "of", end + 2 < tokens.count, joined(end + 2), tokens[end + 2].isCapitalized {
                end += 2
            } else {
                break
            }
        }
        return (start, end)
    }

    /// Small places and loose matches need a place-like context; admin units and cities do not.
    /// Short tokens and common English words never name a town or district.
    func acceptable(_ best: Candidate, _ span: Span, _ tokens: [Token]) -> Bool {
        let single = span.first == span.last
        if single {
            let token = tokens[span.first]
            let letters = NameKey.normalized(token.text).count
            let isAcronymCountry = token.text == token.text.uppercased() && letters >= 2 && best.kind == .country
            if letters < 3 && !isAcronymCountry { return false }
            if best.precision <= .district, Self.isCommon(tokens, span.first, span.last) { return false }
        }
        if best.match == .fuzzy || best.kind == .village {
            return placeLike(tokens, first: span.first, last: span.last)
        }
        return true
    }

    static func isCommon(_ tokens: [Token], _ first: Int, _ last: Int) -> Bool {
        first == last && (CommonWords.english.contains(tokens[first].lower) || notPlaceWords.contains(tokens[first].lower))
    }

    /// Whether the words around a name suggest a place: a locative before, or a kind word after.
    func placeLike(_ tokens: [Token], first: Int, last: Int) -> Bool {
        if last + 1 < tokens.count, kindWords.contains(tokens[last + 1].lower), tokens[last + 1].gapBefore.isEmpty { return true }
        var k = first - 1
        if k >= 0, tokens[k].lower == "the" { k -= 1 }
        if k >= 0, locativeWords.contains(tokens[k].lower) { return true }
        if k >= 1, tokens[k].lower == "of", kindWords.contains(tokens[k - 1].lower) { return true }
        return false
    }

    func kindWord(_ tokens: [Token], _ span: Span) -> String? {
        let lastWord = tokens[span.last].lower
        if kindWords.contains(lastWord) { return lastWord }
        if span.last + 1 < tokens.count, kindWords.contains(tokens[span.last + 1].lower), tokens[span.last + 1].gapBefore.isEmpty {
            return tokens[span.last + 1].lower
        }
        if span.first >= 2, tokens[span.first - 1].lower == "of", kindWords.contains(tokens[span.first - 2].lower) {
            return tokens[span.first - 2].lower
        }
        return nil
    }

    /// Names the text gives as the enclosing unit: "X, Y", "X in Y", "the X district of Y".
    func parentNames(_ tokens: [Token], _ span: Span, _ surface: (Int, Int) -> String) -> [String] {
        var k = span.last + 1
        if k < tokens.count, kindWords.contains(tokens[k].lower), tokens[k].gapBefore.isEmpty { k += 1 }
        guard k < tokens.count else { return [] }
        let connector = tokens[k].gapBefore == "," ? "," : tokens[k].lower
        var nameStart = k
        if connector == "of" || connector == "in" {
            nameStart = k + 1
            if nameStart < tokens.count, tokens[nameStart].lower == "the" { nameStart += 1 }
        } else if connector != "," {
            return []
        }
        guard nameStart < tokens.count, tokens[nameStart].isCapitalized else { return [] }
        var nameEnd = nameStart
        while nameEnd + 1 < tokens.count, nameEnd - nameStart < 2, tokens[nameEnd + 1].isCapitalized,
            tokens[nameEnd + 1].gapBefore.isEmpty {
            nameEnd += 1
        }
        return [surface(nameStart, nameEnd)]
    }
}
