import Foundation
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
    /// What the name does in its sentence when it is not a place where something happens: `nil`
    /// for a place (the mentions that places' counts, claims and the map use).
    public var role: MentionRole?

    public init(document: String, place: String, surface: String, start: Int, end: Int, match: MatchType, role: MentionRole? = nil) {
        self.document = document
        self.place = place
        self.surface = surface
        self.start = start
        self.end = end
        self.match = match
        self.role = role
    }

    /// Whether the name is used as a place (no ``role``).
    public var isPlace: Bool { role == nil }
}

/// What a place's name does in a sentence when it does not name a place where something happens.
/// Such mentions say which place a word refers to (GeoJSON and maps leave them out; the JSON
/// keeps them, so that a reader sees the country a people or a side belongs to).
public enum MentionRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// A wire dateline, where the story was filed from ("KYIV, Ukraine (AP) —").
    case dateline
    /// A people's or a country's adjective ("Sudanese troops", "the Russians"): the country.
    case demonym
    /// A country or region named as a side that acts ("Russia said", "Ukraine shelled").
    case actor
    /// The first words of another name: an organisation's, an office's or a title's ("The
    /// Washington Post", "U.S. President").
    case partOfName = "part_of_name"
}

/// A capitalised name in a place-like position that the gazetteer does not know.
public struct UnresolvedName: Sendable, Hashable, Codable {
    public var document: String
    public var surface: String
    public var start: Int
    public var end: Int
}

/// The gazetteer automaton, built the first time a finder needs it and shared by copies of the finder.
final class AutomatonBox: @unchecked Sendable {
    private let lock = NSLock()
    private var built: NameAutomaton?
    private let gazetteer: Gazetteer

    init(gazetteer: Gazetteer, automaton: NameAutomaton? = nil) {
        self.gazetteer = gazetteer
        self.built = automaton
    }

    var automaton: NameAutomaton {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let a = NameAutomaton(gazetteer: gazetteer)
        built = a
        return a
    }

    private var fingerprint: String?

    /// The gazetteer's fingerprint (see ``Analyzer/settings``), computed once.
    var gazetteerFingerprint: String {
        lock.lock()
        defer { lock.unlock() }
        if let fingerprint { return fingerprint }
        let f = gazetteer.contentFingerprint
        fingerprint = f
        return f
    }

    /// The automaton if it has been built, without building it.
    var ifBuilt: NameAutomaton? {
        lock.lock()
        defer { lock.unlock() }
        return built
    }
}

/// Finds the gazetteer places named in a report's text.
///
/// The text is tokenized once ([`Tokenizer`](x-source-tag://Tokenizer)); an Aho–Corasick automaton
/// over the words of every gazetteer name marks, for each capitalised token, the names that start
/// there; then the rules below decide which of those are places and resolve them.
public struct MentionFinder: Sendable {
    public let gazetteer: Gazetteer
    /// A place that biases disambiguation (`--region`).
    public var region: Place?
    /// The most words a place name spans.
    public var maximumWords = 6
    let box: AutomatonBox
    /// How far a name's best place must outscore the next to anchor the others' resolution.
    static let clearMargin = 0.02
    /// How far (in metres) from the document's clear places a loose match may lie outside their countries.
    static let looseMatchReach = 1_000_000.0
    /// How near a town the document names a village must lie to stand, placed only by a locative,
    /// for a name that also names a larger place (metres).
    static let villageReach = 50_000.0
    /// How near a place the document names clearly a village matched loosely must lie (metres).
    static let looseVillageReach = 150_000.0

    /// A candidate's country: the first part of its id.
    static func country(_ c: Candidate) -> Substring { c.id.prefix { $0 != "/" } }


    public init(gazetteer: Gazetteer, region: Place? = nil) {
        self.gazetteer = gazetteer
        self.region = region
        self.box = AutomatonBox(gazetteer: gazetteer)
    }

    /// A finder that uses an automaton already built for this gazetteer.
    public init(gazetteer: Gazetteer, region: Place? = nil, automaton: NameAutomaton) {
        self.gazetteer = gazetteer
        self.region = region
        self.box = AutomatonBox(gazetteer: gazetteer, automaton: automaton)
    }

    init(gazetteer: Gazetteer, region: Place?, box: AutomatonBox) {
        self.gazetteer = gazetteer
        self.region = region
        self.box = box
    }

    /// The automaton over the gazetteer's names (built on first use).
    public var automaton: NameAutomaton { box.automaton }

    /// Below this much text the finder looks each candidate phrase up in the gazetteer's name index
    /// instead of building the automaton (≈0.3 s for the full gazetteer), unless it is built already.
    /// Both give the same matches.
    public static let automatonThreshold = 256 << 10

    /// For every token, the lengths of the gazetteer names starting there (see ``NameAutomaton/matchMasks``).
    func masks(_ text: TokenizedText) -> [UInt8] {
        if let a = box.ifBuilt ?? (text.bytes.count >= Self.automatonThreshold ? box.automaton : nil) {
            return a.matchMasks(text, maximumTokens: maximumWords)
        }
        return lookupMasks(text)
    }

    /// The automaton's masks and the lookups' for a text (they must be equal; for tests and checks).
    public func compareMasks(_ text: String) -> (automaton: [UInt8], lookups: [UInt8]) {
        let tokenized = Tokenizer.tokenize(text)
        return (automaton.matchMasks(tokenized, maximumTokens: maximumWords), lookupMasks(tokenized))
    }

    /// The same masks as the automaton's, by looking every phrase of up to ``maximumWords`` words
    /// that starts at a capitalised word up in the gazetteer's name index.
    func lookupMasks(_ text: TokenizedText) -> [UInt8] {
        let tokens = text.tokens
        var masks = [UInt8](repeating: 0, count: tokens.count)
        for i in tokens.indices where tokens[i].isCapitalized {
            for n in walk(from: 1, through: min(maximumWords, tokens.count - i)) {
                let last = i + n - 1
                if n > 1, !text.adjacent(last) { break }
                if gazetteer.hasName(normalized: NameKey.normalized(text.surface(i, last))) { masks[i] |= UInt8(1 << (n - 1)) }
            }
        }
        return masks
    }

    struct Span {
        var first: Int
        var last: Int
        var surface: String
        var candidates: [Candidate]
        var kindWord: String?
        var parentNames: [String]
        var role: MentionRole?
        /// Whether the words around the name place it (a locative before, a kind word after):
        /// only then may it be a village (see ``acceptable(_:_:_:)`` and ``saysVillage(_:_:)``).
        var placeLike = false
        /// The unit a list places the name in ("in Aleppo province, such as Sheikh Aqil and Bala"):
        /// ``listedName(_:first:)``.
        var listedIn: String?
        /// The villages of the name set aside because the words did not say village: one still
        /// stands for the name where the report names the unit it lies in ("Edmonton" beside
        /// "Enfield", the London borough it is in), in the second pass.
        var villages: [Candidate] = []
    }

    /// The mentions and unresolved names in one report.
    public func find(in report: Report) -> (mentions: [Mention], unresolved: [UnresolvedName]) {
        let text = Tokenizer.tokenize(report.text)
        return find(in: text, document: report.id)
    }

    /// The spans the automaton finds, for measuring the scan alone: how many (token, length) pairs.
    public func scanCount(_ text: String) -> Int {
        let tokenized = Tokenizer.tokenize(text)
        return automaton.matchMasks(tokenized, maximumTokens: maximumWords).reduce(0) { $0 + $1.nonzeroBitCount }
    }

    /// What finding the places of one text carries from name to name: the text and its document, the
    /// words that name its persons, its dateline's tokens, the candidates looked up so far, and the
    /// names that could not be resolved.
    struct MentionScan {
        let text: TokenizedText
        let document: String
        let dateline: Set<Int>
        let persons: Set<UInt64>
        var speakers: Set<UInt64> = []
        var cache: [String: [Candidate]] = [:]
        var unresolved: [UnresolvedName] = []
    }

    func find(in text: TokenizedText, document: String) -> (mentions: [Mention], unresolved: [UnresolvedName]) {
        let tokens = text.tokens
        let masks = masks(text)
        func cls(_ k: Int) -> UInt32 { WordClass.of(tokens[k]) }

        var spans: [Span] = []
        var demonyms: [Mention] = []
        var scan = MentionScan(text: text, document: document, dateline: Self.datelines(text), persons: personWords(text), speakers: speakerWords(text))
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            // "Sudanese troops", "the Russians": the country, as a demonym, unless a longer name the
            // gazetteer knows starts here ("British Columbia", "Mexican Hat").
            if t.isCapitalized, cls(i) & WordClass.demonym != 0, let d = demonym(text, at: i), masks[i] >> (d.last - i + 1) == 0 {
                demonyms.append(Mention(document: document, place: d.place, surface: text.surface(i, d.last), start: Int(t.start),
                                        end: Int(tokens[d.last].end), match: .alias, role: .demonym))
                i = d.last + 1
                continue
            }
            // A word that alone names a people or a direction ("British", "Western") may still begin a
            // longer name ("British Columbia", "Western Australia").
            let notPlaceAlone = cls(i) & WordClass.notPlace != 0
            guard t.isCapitalized, !notPlaceAlone || masks[i] & ~1 != 0 else { i += 1; continue }
            // "From Kabul …", "In Kabul, …": a function word capitalised by the sentence's start is
            // not a name, nor the start of one, unless a longer name begins with it ("The Hague").
            if t.startsSentence, Self.functionLike(cls(i)), masks[i] & ~1 == 0 { i += 1; continue }
            // The longest run of words from here that the gazetteer knows.
            let matched = longestKnownName(at: i, mask: masks[i], notPlaceAlone: notPlaceAlone, scan)
            let spanLast = matched?.last ?? i
            let (phraseStart, phraseEnd) = capitalisedPhrase(text, i, spanLast)
            // "Northern Mali", "Southern California": a direction the gazetteer does not join to the
            // name (nor names alone: Zambia's Northern province) is read apart from it, and the name
            // after it is looked for on its own.
            let direction = phraseEnd > i && compassHashes.contains(t.lowerHash) && masks[i + 1] != 0
            if let span = matched {
                if let found = knownNameSpan(span, phrase: (phraseStart, phraseEnd), &scan) {
                    spans.append(found)
                } else if direction, span.last == i {
                    i += 1
                    continue
                }
                i = max(span.last, phraseEnd) + 1
                continue
            }
            if direction {
                i += 1
                continue
            }
            // Not in the gazetteer as written: a spelling variant, or a name to report as unresolved.
            let runEnd = phraseEnd
            if let found = unknownNameSpan(i, runEnd, &scan) { spans.append(found) }
            i = runEnd + 1
        }

        // Second pass: resolve again knowing where the document's clear places are.
        var unresolved = scan.unresolved
        let peoples = Set(demonyms.map { $0.place.prefix { $0 != "/" } })
        var mentions = resolveInDocument(spans, text, document: document, peoples: peoples, unresolved: &unresolved)
        if !demonyms.isEmpty {
            mentions += demonyms
            mentions.sort { $0.start < $1.start }
        }
        return (mentions, unresolved)
    }

    /// The longest run of words from token `i` that the gazetteer knows as a name: "Kabul", "Mazar-i-Sharif",
    /// "Panjshir Valley", the words adjacent and capitalised (or modifiers: "Bay of Pigs"). A name in a
    /// wire dateline ("KABUL (Reuters) -") is marked as the dateline's.
    func longestKnownName(at i: Int, mask: UInt8, notPlaceAlone: Bool, _ scan: MentionScan) -> Span? {
        let text = scan.text, tokens = text.tokens
        func cls(_ k: Int) -> UInt32 { WordClass.of(tokens[k]) }
        var n = min(maximumWords, tokens.count - i)
        while n >= 1, mask != 0 {
            if n == 1, notPlaceAlone { break }
            let last = i + n - 1
            if notPlaceAlone, !tokens[last].isCapitalized { n -= 1; continue }
            if mask & UInt8(1 << (n - 1)) == 0 { n -= 1; continue }
            if n > 1, !walk(from: i + 1, through: last).allSatisfy({ text.adjacent($0) }) { n -= 1; continue }
            if n > 1, !tokens[last].isCapitalized, cls(last) & WordClass.modifier == 0 { n -= 1; continue }
            let surface = text.surface(i, last)
            if gazetteer.hasName(normalized: NameKey.normalized(surface)) {
                // A wire dateline's place is where the story was filed from, not a place of its events.
                return Span(first: i, last: last, surface: surface, candidates: [], kindWord: nil, parentNames: [],
                            role: scan.dateline.contains(i) ? .dateline : nil)
            }
            n -= 1
        }
        return nil
    }

    /// A known name in its capitalised phrase: a place when the phrase says nothing else ("the Anaba
    /// District of Afghanistan" still is), with the candidates its words allow; not a place inside a
    /// person's, an organisation's or an army's name ("Ahmad Shah Massoud", "National Resistance Front
    /// of Afghanistan"), unless it begins the phrase and names a place there. Nil: no place.
    func knownNameSpan(_ found: Span, phrase: (start: Int, end: Int), _ scan: inout MentionScan) -> Span? {
        let text = scan.text, tokens = text.tokens
        func cls(_ k: Int) -> UInt32 { WordClass.of(tokens[k]) }
        var span = found
        let i = span.first, phraseStart = phrase.start, phraseEnd = phrase.end
        // Other capitalised words in the same phrase make it a person, an organisation or an army
        // ("Ahmad Shah Massoud", "National Resistance Front of Afghanistan", "British Empire").
        var after = Array(walk(from: (span.last + 1), upTo: (phraseEnd + 1)))
        // "the Anaba District of Afghanistan": a larger unit after "of" locates the place.
        if let of = after.first, cls(of) & WordClass.of != 0, phraseEnd > of,
            let unit = gazetteer.candidates(for: text.surface(of + 1, phraseEnd), limit: 1).first,
            unit.match != .fuzzy, unit.precision >= .province, span.last > span.first || cls(span.last) & WordClass.kind != 0 {
            after = []
        }
        // "Ukraine Town of Vovchansk" (a title-case headline): a kind word and "of" before the name
        // describe it, and what precedes them is no part of its name.
        let described = span.first >= phraseStart + 2 && cls(span.first - 1) & WordClass.of != 0 && cls(span.first - 2) & WordClass.kind != 0
        let outside = (described ? [] : Array(walk(from: phraseStart, upTo: span.first))) + after
        let foreign = outside.filter { cls($0) & (WordClass.modifier | WordClass.of) == 0 }
        guard foreign.isEmpty else {
            if span.first == phraseStart, let named = partOfName(text, span, &scan.cache) { return named }
            return nil
        }
        span.kindWord = kindWord(text, span)
        span.parentNames = parentNames(text, span)
        span.placeLike = placeLike(text, first: span.first, last: span.last)
        if let unit = listedName(text, first: span.first) { place(&span, inList: unit) }
        span.candidates = candidates(span, &scan.cache)
        if let sea = seaNamedByItsWord(text, span) { span.candidates = [sea] }
        // A village stands for a name that also names a larger place only when the text
        // says which: the word village, or the unit it lies in ("Edmonton, Ky.").
        // Otherwise the name means the larger place ("Washington", "England").
        let larger = span.candidates.filter { $0.kind != .village || saysVillage($0, span) }
        if !larger.isEmpty {
            span.villages = span.candidates.filter { $0.kind == .village && !saysVillage($0, span) }
            span.candidates = larger
        }
        if let best = span.candidates.first, otherNameAfterArticle(best, span, text) { span.candidates = [] }
        if let named = namedKind(text, span, phraseEnd: phraseEnd) {
            // "Plymouth County", "Thames Valley", "Mississippi River": the name the
            // gazetteer lacks is not the town it has for its first word.
            span.candidates = span.candidates.filter { named.contains($0.kind) }
            if span.candidates.isEmpty {
                scan.unresolved.append(UnresolvedName(document: scan.document, surface: text.surface(i, span.last + 1),
                                                      start: Int(tokens[i].start), end: Int(tokens[span.last + 1].end)))
            }
        }
        // "North Africa" is not all of Africa, nor "northern Europe" all of Europe: a part of a
        // continent or a world region is left out.
        if span.first > 0, text.adjacent(span.first), compassHashes.contains(tokens[span.first - 1].lowerHash),
           span.candidates.first?.kind == .region {
            return nil
        }
        if let best = span.candidates.first, acceptable(best, span, text), !namesPersonOfReport(span, text, scan) {
            return span
        }
        return nil
    }

    /// A capitalised run `i…runEnd` the gazetteer does not know as written: a place by a spelling
    /// variant ("Kandahar" as "Qandahar"), else a name reported as unresolved. Nil: not a place, or
    /// not placelike (a dateline, a common word, a short word, a lone month or weekday).
    func unknownNameSpan(_ i: Int, _ runEnd: Int, _ scan: inout MentionScan) -> Span? {
        let text = scan.text, tokens = text.tokens
        func cls(_ k: Int) -> UInt32 { WordClass.of(tokens[k]) }
        let listed = scan.dateline.contains(i) ? nil : listedName(text, first: i)  // looked for once
        if i == runEnd, !scan.dateline.contains(i),
           let sea = seaNamedByItsWord(text, Span(first: i, last: i, surface: text.surface(i, i), candidates: [], kindWord: nil, parentNames: [])) {
            return Span(first: i, last: i, surface: text.surface(i, i), candidates: [sea], kindWord: nil, parentNames: [], placeLike: true)
        }
        guard !scan.dateline.contains(i), placeLike(text, first: i, last: runEnd) || listed != nil,
            !isCommon(text, i, runEnd), text.tokens[i].end - text.tokens[i].start >= 3,
            !(i == runEnd && cls(i) & WordClass.calendar != 0) else { return nil }
        let surface = text.surface(i, runEnd)
        var span = Span(first: i, last: runEnd, surface: surface, candidates: [], kindWord: nil, parentNames: [], placeLike: true)
        span.kindWord = kindWord(text, span)
        span.parentNames = parentNames(text, span)
        if let listed { place(&span, inList: listed) }
        span.candidates = candidates(span, &scan.cache)
        if !span.candidates.isEmpty { return span }
        scan.unresolved.append(UnresolvedName(document: scan.document, surface: surface, start: Int(tokens[i].start), end: Int(tokens[runEnd].end)))
        return nil
    }

    /// The run of adjacent capitalised words around tokens `first...last`, not crossing a
    /// possessive, a sentence break or punctuation ("of" may join two capitalised words).
    func capitalisedPhrase(_ text: TokenizedText, _ first: Int, _ last: Int) -> (Int, Int) {
        let tokens = text.tokens
        var start = first
        // A common word capitalised only because it starts the sentence ("In Kabul, …", "The
        // Washington Post") is not part of the name.
        while start > 0, text.adjacent(start), tokens[start - 1].isCapitalized,
            !(tokens[start - 1].startsSentence && Self.functionLike(WordClass.of(tokens[start - 1]))) {
            start -= 1
        }
        var end = last
        while end + 1 < tokens.count, text.adjacent(end + 1) {
            if tokens[end + 1].isCapitalized {
                end += 1
            } else if WordClass.of(tokens[end + 1]) & WordClass.of != 0, end + 2 < tokens.count, text.adjacent(end + 2),
                tokens[end + 2].isCapitalized,
                // ("Ukraine Town of Vovchansk", in a title-case headline: a kind word and "of" open a
                // description of the name after them, which is not one name with the words before.)
                WordClass.of(tokens[end]) & WordClass.kind == 0 {
                end += 2
            } else {
                break
            }
        }
        return (start, end)
    }

    /// A common word, a function word or a preposition of place ("In", "The", "From"), but not a
    /// people's name ("British").
    static func functionLike(_ cls: UInt32) -> Bool {
        cls & (WordClass.common | WordClass.notPlace | WordClass.locative) != 0 && cls & WordClass.demonym == 0
    }

    /// The kinds a name may be when a capitalised kind word ends it as part of the name ("Plymouth
    /// County", "Thames Valley"): the kinds whose words include it; none for the water and land
    /// features the gazetteer does not list ("Mississippi River", "Sinai Peninsula"). `nil` when no
    /// such word follows. (Facilities, "Kabul Airport", stay in their town: that is where they are.)
    func namedKind(_ text: TokenizedText, _ span: Span, phraseEnd: Int) -> Set<PlaceKind>? {
        let k = span.last + 1
        guard k <= phraseEnd, text.tokens[k].isCapitalized, text.adjacent(k) else { return nil }
        let word = text.lower(k)
        if Self.featureWords.contains(word) { return [] }
        let kinds = Set(PlaceKind.allCases.filter { $0.kindWords.contains(word) })
        return kinds.isEmpty ? nil : kinds
    }

    /// Words that end the name of a water body or land feature, which no gazetteer kind covers.
    static let featureWords: Set<String> = [
        "river", "lake", "sea", "ocean", "bay", "gulf", "strait", "straits", "channel", "canal", "creek", "island",
        "islands", "peninsula", "desert", "forest", "basin", "delta", "coast", "reservoir",
    ]

    func kindWord(_ text: TokenizedText, _ span: Span) -> String? {
        let tokens = text.tokens
        if WordClass.of(tokens[span.last]) & WordClass.kind != 0 { return text.lower(span.last) }
        if span.last + 1 < tokens.count, WordClass.of(tokens[span.last + 1]) & WordClass.kind != 0, tokens[span.last + 1].gapIsEmpty {
            return text.lower(span.last + 1)
        }
        if span.first >= 2, WordClass.of(tokens[span.first - 1]) & WordClass.of != 0, WordClass.of(tokens[span.first - 2]) & WordClass.kind != 0 {
            return text.lower(span.first - 2)
        }
        return nil
    }

    /// Names the text gives as the enclosing unit: "X, Y", "X in Y", "the X district of Y".
    func parentNames(_ text: TokenizedText, _ span: Span) -> [String] {
        let tokens = text.tokens
        var k = span.last + 1
        if k < tokens.count, WordClass.of(tokens[k]) & WordClass.kind != 0, tokens[k].gapIsEmpty { k += 1 }
        guard k < tokens.count else { return [] }
        var nameStart = k
        if tokens[k].gapIsComma {
            // "Charikar, Parwan"
        } else if WordClass.of(tokens[k]) & (WordClass.of | WordClass.in) != 0 {
            nameStart = k + 1
            if nameStart < tokens.count, WordClass.of(tokens[nameStart]) & WordClass.the != 0 { nameStart += 1 }
        } else {
            return []
        }
        guard nameStart < tokens.count, tokens[nameStart].isCapitalized else { return [] }
        var nameEnd = nameStart
        while nameEnd + 1 < tokens.count, nameEnd - nameStart < 2, tokens[nameEnd + 1].isCapitalized, tokens[nameEnd + 1].gapIsEmpty {
            nameEnd += 1
        }
        return [text.surface(nameStart, nameEnd)]
    }
}
