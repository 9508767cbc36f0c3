import Foundation
import Gazetteer

/// Reads the claims of control and of fighting in one report, sentence by sentence.
///
/// The rules are about English reporting in general, not about particular reports: an action
/// word (``ClaimLexicon/triggers``) with the places in its clause; its actor, found as the subject
/// before it (or the agent after "by", or the side a possessive names); who says so, from the
/// attribution around it ("X said…", "…, X said", "according to X", "X claimed", "a X source
/// told…"); and what weakens it: hedges, denials, negation, attempts ("moves to capture"), and
/// history ("in the 1980s"), which is left out.
struct ClaimExtractor {
    let gazetteer: Gazetteer
    let profiles: ActorProfiles

    func claims(in report: Report, text: TokenizedText, mentions: [Mention]) -> [Claim] {
        read(report, text: text, mentions: mentions).claims
    }

    /// The claims, and the mentions without those inside an actor's name ("the Wagner Group",
    /// "Donetsk People's Republic"): an organisation's name is not a place on the map.
    func read(_ report: Report, text: TokenizedText, mentions: [Mention], unresolved: [UnresolvedName] = []) -> (claims: [Claim], mentions: [Mention]) {
        guard !text.tokens.isEmpty else { return ([], mentions) }
        var reader = DocumentReader(report: report, text: text, mentions: mentions, gazetteer: gazetteer, profiles: profiles)
        // Where names the gazetteer lacks begin: "the village" after one refers to it, not to a place named before.
        reader.unresolvedTokens = unresolved.compactMap { text.token(startingAt: $0.start) }
        let claims = reader.run()
        return (claims, reader.mentions)
    }
}

/// An actor as a claim names it: a side of the profile, or a name as written.
struct Actor: Sendable, Hashable {
    var side: Int?
    var name: String
}

/// Words in a sentence that name an actor.
struct ActorRef {
    enum Kind { case name, adjective, person, speaker, unknown, pronoun, firstPerson, description, both }
    var first: Int
    var last: Int
    var actors: [Actor]
    var written: String
    var kind: Kind
    var actor: Actor? { actors.first }
}

/// Words in a sentence that name a place (or part of one).
struct PlaceRef {
    var first: Int
    var last: Int
    var place: String
    var kind: PlaceKind
    var written: String
    var isDescription = false
    var quantity: String?
    var quantityCount: Int?
    /// Names a place only to locate another ("north of Kabul", "the Shatal district of Panjshir").
    var excluded = false
}

/// Who says something.
struct Speaker {
    var actor: Actor?
    var text: String
    var thirdParty: Bool
}

/// A statement in a sentence and the words it covers.
struct Speech {
    var verb: Int
    var contentStart: Int
    var contentEnd: Int
    var speaker: Speaker?
    var negated: Bool
    var denial: Bool
    var hedge: String?
    /// The speaker comes before the statement ("X said that…"); preferred to a later "…, X said".
    var before: Bool
    var anaphoric = false
    /// The tokens that name the speaker.
    var speakerRange: (Int, Int)?
}

/// A date the text gives.
struct DateMention {
    var first: Int
    var last: Int
    var iso: String?
    var text: String
}

/// Hashes of word lists, to skip words without making their strings.
enum Lex {
    static func hashes(_ words: some Sequence<String>) -> Set<UInt64> { Set(words.map { WordHash.lowerHash($0) }) }
    static let pronounish = hashes(ClaimLexicon.actorPronouns.union(ClaimLexicon.firstPerson).union(["the", "both", "each"]))
    static let determiners = hashes(["the", "this", "that"])
    static let quantityWords = hashes(Set(ClaimLexicon.numberWords.keys).union(ClaimLexicon.vagueQuantities))
    static let clauseWords = hashes(ClaimLexicon.clauseBreakers.union(["and", "or", "as", "then", "that"]))
    static let dateWords = hashes(Set(ClaimLexicon.weekdays.keys).union(ClaimLexicon.months.keys).union(["yesterday", "today", "tonight", "ago"]))
    static let hedgeish = hashes(ClaimLexicon.hedgeWords.union(["appeared", "appears", "seemed", "seems", "believed", "thought", "purported"]))
    static let verify = hashes(ClaimLexicon.verifyWords)
    static let military = hashes(ClaimLexicon.militaryNouns)
    static let sides = hashes(ClaimLexicon.sideDescriptions.union(ClaimLexicon.bareSides))
}

extension String {
    /// Whether the string contains a character (not Foundation's substring search).
    @inline(__always) func has(_ c: Character) -> Bool { contains(c) }
}

struct DocumentReader {
    /// Words between a verb and its place that make it part of the place ("holding on to a small part of the city").
    static let partWords: Set<String> = ["to", "on", "small", "large", "western", "eastern", "northern", "southern", "central", "pocket",
                                         "pockets", "section", "sections", "outskirts", "edge", "edges", "centre", "center", "remaining",
                                         "last", "part", "parts", "area", "areas", "bits", "swathes", "swaths", "chunk", "half", "much", "most"]
    static let debug = ProcessInfo.processInfo.environment["CONFLICTMAP_DEBUG_CLAIMS"] != nil
    static let skipOrPartWords = skipWords6.union(partWords)
    static let functionWords1: Set<String> = ["the", "a", "an", "he", "she", "they", "we", "it", "this", "that", "these", "those", "in", "on", "at", "and", "but", "government", "local", "special", "security", "foreign", "enemy", "allied", "regular", "former", "armed", "some", "many", "all", "both", "other", "more", "most", "few", "several", "our", "their", "its", "his", "her", "militia", "rebel"]
    static let adjectivesWords2: Set<String> = ["whole", "entire", "northern", "southern", "eastern", "western", "same", "strategic", "mountainous", "key", "besieged", "embattled", "contested", "surrounding", "former"]
    static let determinersWords3: Set<String> = ["the", "these", "those", "such", "their", "its", "his", "her", "a", "an", "our", "earlier", "previous", "similar", "any", "no", "of", "in"]
    static let evidenceWords4: Set<String> = ["video", "videos", "footage", "images", "photos", "imagery", "pictures", "photographs", "clip"]
    static let trailingWords5: Set<String> = ["had", "has", "have", "also", "earlier", "later", "then", "on", "was", "is", "were", "are", "would", "will", "could", "reportedly", "previously"]
    static let skipWords6: Set<String> = ["the", "their", "its", "his", "her", "our", "out", "on", "onto", "firm", "firmly", "over", "back", "control", "of",
                                 "ground", "positions", "lines", "line", "a", "full", "complete", "total", "most", "much", "all", "parts", "part", "up"]
    static let skipWords7: Set<String> = ["the", "their", "its", "over", "back", "control", "of", "full", "complete", "a"]
    static let blockingWords8: Set<String> = ["against", "between", "with", "by", "from", "on", "at", "to", "for", "of", "over", "into", "toward", "towards", "among", "than", "about", "and", "including"]
    static let modifiersWords9: Set<String> = ["the", "a", "an", "some", "all", "both", "old", "former", "new", "local", "regional", "other",
                                              "remaining", "rival", "opposing", "enemy", "allied", "several", "many", "few", "hundreds", "thousands"]
    let report: Report
    let text: TokenizedText
    let tokens: CheckedArray<Token>
    var mentions: [Mention]
    let gazetteer: Gazetteer
    let profile: ActorProfile?
    let matcher: AliasMatcher?
    let reportDate: CivilDate?
    var refYear: Int?
    var docYears: [Int] = []

    var lowerCache: CheckedArray<String?>
    var actorRefs: [ActorRef] = []
    /// For each token, the index of the actor reference covering it, or -1.
    var actorAt: CheckedArray<Int32>
    var sideCounts: [Int] = []
    var mentionRefs: [PlaceRef] = []
    /// Whether each token is part of a mention.
    var mentionAt: CheckedArray<Bool>
    /// Places named so far, by token: the antecedents of "the valley" and of unnamed parts.
    var history: [(token: Int, place: String, kind: PlaceKind, written: String)] = []
    /// The first tokens of the names the gazetteer lacks.
    var unresolvedTokens: [Int] = []
    var claims: [Claim] = []
    var claimsBySentence: [[Int]] = []
    var lastActor: Actor?
    /// Abbreviations a report defines in brackets after a side's name, by hash, and the side.
    var abbreviationActors: [UInt64: (actors: [Actor], kind: ActorRef.Kind)] = [:]
    /// The first tokens of places named only to locate another ("180km south of the capital
    /// Khartoum"): a later "the city" does not refer to them.
    var locatorTokens: Set<Int> = []
    /// The last side named by a singular name ("the army", "the RSF"), for "it" and "its".
    var lastSingularActor: Actor?
    var lastSpeaker: Speaker?
    var lastSpeakerSentence = -10

    init(report: Report, text: TokenizedText, mentions: [Mention], gazetteer: Gazetteer, profiles: ActorProfiles) {
        self.report = report
        self.text = text
        self.tokens = text.tokens
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.reportDate = CivilDate(report.date)
        self.lowerCache = CheckedArray(repeating: nil, count: text.tokens.count)
        self.actorAt = CheckedArray(repeating: -1, count: text.tokens.count)
        self.mentionAt = CheckedArray(repeating: false, count: text.tokens.count)
        // The profile whose names the report uses most (two points a name), with a point for naming a
        // place in one of its countries.
        var best: (Int, Int)?
        let countries = Set(mentions.compactMap { gazetteer.place(id: $0.place)?.country })
        for (i, m) in profiles.matchers.enumerated() {
            var count = 0
            var k = 0
            while k < text.tokens.count {
                if let hit = m.match(text, at: k) {
                    if hit.pattern.distinctive && hit.pattern.kind != .speaker {
                        if hit.pattern.kind != .adjective {
                            count += 2
                        } else if walk(from: hit.last + 1, upTo: min(text.tokens.count, hit.last + 4)).contains(where: { ClaimLexicon.groupNounHashes.contains(text.tokens[$0].lowerHash) }) {
                            count += 2
                        }
                    }
                    k = hit.last + 1
                } else {
                    k += 1
                }
            }
            if count > 0, profiles.profiles[i].countries.contains(where: { countries.contains($0) }) { count += 1 }
            if count > 0, best.map({ count > $0.1 }) ?? true { best = (i, count) }
        }
        if let (i, _) = best {
            profile = profiles.profiles[i]
            matcher = profiles.matchers[i]
        } else {
            profile = nil
            matcher = nil
        }
    }

    // MARK: Words

    mutating func w(_ k: Int) -> String {
        if let s = lowerCache[k] { return s }
        var s = text.lower(k)
        if s.unicodeScalars.contains("\u{2019}") { s = String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 })) }
        lowerCache[k] = s
        return s
    }

    /// The punctuation between token `k - 1` and token `k`.
    func gap(_ k: Int) -> String {
        if k > 0, tokens[k].gapIsEmpty { return "" }
        let from = k == 0 ? 0 : Int(tokens[k - 1].byteEnd)
        let to = Int(tokens[k].byteStart)
        guard to > from else { return "" }
        return text.string(bytes: from, to).filter { !$0.isWhitespace }
    }

    func surface(_ a: Int, _ b: Int) -> String { text.surface(a, b) }

    // MARK: Reading the report

    mutating func run() -> [Claim] {
        findActors()
        dropMentionsInActorNames()
        findMentionRefs()
        findYears()
        let sentences = splitSentences()
        claimsBySentence = Array(repeating: [], count: sentences.count)
        for (i, s) in sentences.enumerated() { read(sentence: i, s.0, s.1) }
        return finish()
    }

    mutating func findActors() {
        if let profile { sideCounts = Array(repeating: 0, count: profile.sides.count) }
        var k = 0
        while k < tokens.count {
            // An abbreviation the report defined: "the Arakan Army (AA) … the AA".
            if actorAt[k] < 0, let known = abbreviationActors[tokens[k].lowerHash], isAbbreviation(k) {
                var last = k
                if last + 1 < tokens.count, text.adjacent(last + 1), ClaimLexicon.groupNouns.contains(w(last + 1)) { last += 1 }
                addActor(ActorRef(first: k, last: last, actors: known.actors, written: surface(k, last), kind: known.kind))
                k = last + 1
                continue
            }
            if let matcher, let hit = matcher.match(text, at: k) {
                var last = hit.last
                let p = hit.pattern
                var accept = true
                if p.kind == .adjective {
                    // "Russian forces", "Russian defence ministry": an adjective needs a group noun after it.
                    accept = false
                    var j = last + 1
                    while j < tokens.count, j <= last + 3, text.adjacent(j) {
                        let word = w(j)
                        // ("the Palestinian side of the crossing" is a part of a place, not a side.)
                        if ClaimLexicon.groupNouns.contains(word) { accept = !(word == "side" && w(j + 1) == "of"); last = j; break }
                        // Only modifiers may come between: "Russian airborne troops", not "Front said Taliban forces".
                        if tokens[j].isCapitalized || ClaimLexicon.speech.contains(word) || ClaimLexicon.triggers[word] != nil
                            || ClaimLexicon.auxiliaries.contains(word) || ClaimLexicon.prepositions.contains(word) || word == "and" { break }
                        j += 1
                    }
                } else if last + 1 < tokens.count, text.adjacent(last + 1), ClaimLexicon.groupNouns.contains(w(last + 1)) {
                    last += 1  // "Taliban fighters", "NRF commander"
                }
                if accept, let profile {
                    var sideIndex = p.side
                    // "Syrian rebels" are not the Syrian state: where the profile says who the rebels are, they are that side.
                    if p.kind == .adjective, let described = matcher.descriptions[w(last)], described != p.side,
                        ClaimLexicon.bareSides.contains(w(last)) {
                        sideIndex = described
                    }
                    let side = profile.sides[sideIndex]
                    let kind: ActorRef.Kind = p.kind == .person ? .person : p.kind == .speaker ? .speaker : p.kind == .adjective ? .adjective : .name
                    let first = hit.first
                    if first < k, actorAt[first] >= 0 { k += 1; continue }
                    addActor(ActorRef(first: first, last: last, actors: [Actor(side: sideIndex, name: side.name)], written: surface(first, last), kind: kind))
                    if kind != .speaker { sideCounts[sideIndex] += 1 }
                    k = last + 1
                    continue
                }
            }
            // An actor no profile names: a capitalised word before a military noun ("Houthi rebels").
            if tokens[k].isCapitalized, !tokens[k].isPossessive, k + 1 < tokens.count, Lex.military.contains(tokens[k + 1].lowerHash),
                text.adjacent(k + 1), let first = unknownActorStart(endingAt: k) {
                let written = surface(first, k + 1)
                addActor(ActorRef(first: first, last: k + 1, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
                k += 2
                continue
            }
            // A side named only by what it is: "government forces", "rebel fighters", "regime
            // troops"; or, before any actor is named, "rebels" or "insurgents" alone.
            if actorAt[k] < 0, let last = genericActorEnd(k) {
                var written = surface(k, last)
                written = written.prefix(1).uppercased() + written.dropFirst()
                // The war's profile may say who they are: "Rebels" in Syria are the "rebels" it names.
                if let profile, let side = matcher?.descriptions[written.lowercased()] {
                    addActor(ActorRef(first: k, last: last, actors: [Actor(side: side, name: profile.sides[side].name)], written: written, kind: .name))
                    sideCounts[side] += 1
                } else {
                    addActor(ActorRef(first: k, last: last, actors: [Actor(side: nil, name: written)], written: written, kind: .unknown))
                }
                k = last + 1
                continue
            }
            k += 1
        }
    }

    /// The last token of an unnamed side's description starting at `k`, if one starts there.
    mutating func genericActorEnd(_ k: Int) -> Int? {
        // (Most words are none of these: skip them by hash, without making their strings.)
        guard Lex.sides.contains(tokens[k].lowerHash) || (tokens[k].isCapitalized && WordClass.of(tokens[k]) & WordClass.notPlace != 0)
        else { return nil }
        let word = w(k)
        if ClaimLexicon.sideDescriptions.contains(word), k + 1 < tokens.count, text.adjacent(k + 1),
            ClaimLexicon.militaryNouns.contains(w(k + 1)) {
            return k + 1
        }
        // Alone, "rebels" is a side only while no other actor has been named: after one, "the
        // rebels" refers back to it.
        if actorRefs.isEmpty, ClaimLexicon.bareSides.contains(word), k == 0 || tokens[k].startsSentence || w(k - 1) == "the" {
            return k
        }
        // A people or movement in the plural: "the Houthis claimed …", "the Kurds took …".
        if tokens[k].isCapitalized, k > 0, w(k - 1) == "the", word.count > 4, word.hasSuffix("s"),
            WordClass.of(tokens[k]) & WordClass.notPlace != 0, k + 1 < tokens.count,
            ClaimLexicon.triggers[w(k + 1)] != nil || ClaimLexicon.speech.contains(w(k + 1)) || ClaimLexicon.auxiliaries.contains(w(k + 1)) {
            return k
        }
        return nil
    }

    /// Whether a lowercase word after a name is probably its verb ("Kyiv says", "Moscow denied",
    /// "as Kyiv struggles"), not a word about the place ("Kyiv overnight", "Kyiv districts").
    static let finiteVerbs: Set<String> = ["is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
                                           "might", "must", "should", "did", "does"]
    static let notVerbs: Set<String> = ["this", "its", "his", "us", "suburbs", "outskirts", "residents", "streets", "times", "hours",
                                        "days", "weeks", "months", "years", "forces", "troops", "officials", "authorities"]

    func looksLikeVerb(_ word: String) -> Bool {
        if Self.finiteVerbs.contains(word) || ClaimLexicon.speech.contains(word) || ClaimLexicon.denial.contains(word) { return true }
        if ClaimLexicon.prepositions.contains(word) || ClaimLexicon.areaNouns.contains(word) || kindWords.contains(word)
            || ClaimLexicon.auxiliaries.contains(word) || Self.notVerbs.contains(word) {
            return false
        }
        return (word.hasSuffix("s") && !word.hasSuffix("ss") && word.count > 3) || (word.hasSuffix("ed") && word.count > 4)
    }

    /// The first token of an actor no profile names that ends at `k`, just before a military noun:
    /// a capitalised name ("Houthi", "Islamic State", "Kachin Independence Army"), or `nil`.
    mutating func unknownActorStart(endingAt k: Int) -> Int? {
        var first = k
        while first > 0, k - first < 5, text.adjacent(first), tokens[first - 1].isCapitalized, !tokens[first - 1].isPossessive,
            actorAt[first - 1] < 0, !Self.functionWords1.contains(w(first - 1)) {
            // Not a place after a locative ("near Marib Houthi rebels"); inside a name, a word that
            // is also a place's name is part of it ("Kachin Independence Army").
            let place = WordClass.of(tokens[first - 1]) & WordClass.notPlace == 0
                && gazetteer.hasName(normalized: NameKey.normalized(text.text(first - 1)))
            let edge = first - 2 < 0 || locativeWords.contains(w(first - 2)) || !tokens[first - 2].isCapitalized
            if place, edge, WordClass.of(tokens[first]) & WordClass.common == 0 { break }
            first -= 1
        }
        if unknownModifierOK(k) { return first }
        // Else a name of several words, some word of it a name rather than a common word, and the
        // whole not a place's name ("Donetsk Oblast troops" are troops in a place).
        guard first < k, walk(from: first, through: k).contains(where: { WordClass.of(tokens[$0]) & WordClass.common == 0 }),
            !gazetteer.hasName(normalized: NameKey.normalized(surface(first, k)))
        else { return nil }
        return first
    }

    /// A capitalised word that may name an army: a demonym or a proper name, not a function word.
    mutating func unknownModifierOK(_ k: Int) -> Bool {
        let word = w(k)
        let function = Self.functionWords1
        if function.contains(word) { return false }
        let cls = WordClass.of(tokens[k])
        if cls & WordClass.notPlace != 0 { return true }  // a demonym
        if cls & WordClass.common != 0 { return false }
        // A name at the start of a sentence may be any capitalised word; elsewhere it is a name.
        return !tokens[k].startsSentence || gazetteer.hasName(normalized: NameKey.normalized(text.text(k))) == false
    }

    mutating func addActor(_ ref: ActorRef) {
        let index = Int32(actorRefs.count)
        actorRefs.append(ref)
        for t in ref.first...ref.last { actorAt[t] = index }
        // "The Arakan Army (AA)", "the Myanmar National Democratic Alliance Army (MNDAA)": the
        // abbreviation in brackets names the same side wherever the report uses it.
        let n = ref.last + 1
        if ref.kind == .name || ref.kind == .unknown, n < tokens.count, gap(n).has("("), n + 1 < tokens.count, gap(n + 1).has(")"),
            isAbbreviation(n), abbreviationActors[tokens[n].lowerHash] == nil {
            abbreviationActors[tokens[n].lowerHash] = (ref.actors, ref.kind)
        }
    }

    /// A word in capitals of two or more letters ("AA", "MNDAA", "M23").
    func isAbbreviation(_ k: Int) -> Bool {
        let word = text.text(k)
        return word.count >= 2 && word.contains(where: \.isLetter) && word.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// Places inside an actor's name are not places ("the Wagner Group"); a place that is the whole
    /// name of a side ("Russia said") is kept as the actor it is, and as a place where the words
    /// before it make it one ("went to Russia", "fighting in Ukraine").
    mutating func dropMentionsInActorNames() {
        let names = actorRefs.filter { $0.kind == .name || $0.kind == .person || $0.kind == .unknown }
        guard !names.isEmpty else { return }
        let spans = names.map { (first: $0.first, last: $0.last, start: Int(tokens[$0.first].start), end: Int(tokens[$0.last].end)) }
        var kept: [Mention] = []
        kept.reserveCapacity(mentions.count)
        for var m in mentions {
            guard m.isPlace, let name = spans.first(where: { m.start < $0.end && $0.start < m.end }) else { kept.append(m); continue }
            // Only a country or a region is a side as well as a place ("Hamas" is not Hamm, in Germany).
            guard name.start == m.start, name.end == m.end, m.match != .fuzzy,
                let kind = gazetteer.place(id: m.place)?.kind, kind == .country || kind == .region
            else { continue }
            let before = name.first - 1
            let placed = before >= 0 && (Self.placingWords.contains(w(before))
                || (WordClass.of(tokens[before]) & WordClass.the != 0 && before >= 1 && Self.placingWords.contains(w(before - 1))))
            if !placed { m.role = .actor }
            kept.append(m)
        }
        mentions = kept
    }

    /// Words after which a side's name is the place, not the side: prepositions of place and motion.
    static let placingWords: Set<String> = locativeWords.union(["to", "within", "throughout"])

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
    }

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
            guard head + 1 <= b, ["in", "inside", "at", "across", "within"].contains(w(head + 1)),
                let actor = resolved(r, governingSpeech(head, speeches)), !objectOfNoun(r, a) else { continue }
            guard let place = places.first(where: { !$0.excluded && $0.first > head && $0.first <= head + 7 && !walk(from: head + 1, through: $0.first).contains { j in gap(j).has(",") || ClaimLexicon.triggers[w(j)] != nil } }) else { continue }
            let (cs, ce) = clause(head)
            if historical(cs, ce) { continue }
            let speech = governingSpeech(head, speeches)
            if speech?.negated == true || speech?.denial == true { continue }
            var claim = makeClaim(actor: actor, actorText: r.written, action: .holds, trigger: surface(r.first, head), place: place, role: .target,
                                  speech: speech, sentence: (a, b), at: head, dates: dates)
            claim.partial = true
            made.append(addClaim(claim, si, head))
        }
        applyHedgesAndDenials(si, a, b, speeches, made)
        // Remember who acted, for "he", "they", "the group" in later sentences.
        remember()
    }

    /// The actors the sentence names, pronouns and descriptions resolved, in order.
    mutating func sentenceActors(_ a: Int, _ b: Int) -> [ActorRef] {
        var out: [ActorRef] = []
        var k = a
        var running = lastActor
        // "it" and "its" agree with a singular name ("the army … its units"), not "opposition forces".
        var singular = lastSingularActor ?? lastActor
        while k <= b {
            if actorAt[k] >= 0 {
                let r = actorRefs[Int(actorAt[k])]
                out.append(r)
                // A speaker in the possessive is the side itself: "Moscow's biggest gain since it took …".
                if r.kind != .speaker || tokens[r.last].isPossessive, let actor = r.actor {
                    running = actor
                    if !pluralRef(r) { singular = actor }
                }
                k = r.last + 1
                continue
            }
            guard Lex.pronounish.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if ClaimLexicon.actorPronouns.contains(word) {
                let resolved: Actor? = (word == "he" || word == "his" || word == "she" || word == "her") ? (lastSpeaker?.actor ?? running)
                    : (word == "it" || word == "its") ? singular : running
                out.append(ActorRef(first: k, last: k, actors: resolved.map { [$0] } ?? [], written: text.text(k), kind: .pronoun))
            } else if ClaimLexicon.firstPerson.contains(word) {
                out.append(ActorRef(first: k, last: k, actors: [], written: text.text(k), kind: .firstPerson))
            } else if word == "the", k + 1 <= b, ClaimLexicon.actorDescriptions.contains(w(k + 1)), actorAt[k + 1] < 0 {
                out.append(ActorRef(first: k, last: k + 1, actors: running.map { [$0] } ?? [], written: surface(k, k + 1), kind: .description))
                k += 2
                continue
            } else if (word == "both" || word == "each"), k + 1 <= b, ["sides", "side", "groups"].contains(w(k + 1)) || (word == "the" && w(k + 1) == "two") {
                out.append(ActorRef(first: k, last: k + 1, actors: recentSides(), written: surface(k, k + 1), kind: .both))
                k += 2
                continue
            }
            k += 1
        }
        return out
    }

    /// The last two distinct actors named before, for "both sides".
    func recentSides() -> [Actor] {
        var out: [Actor] = []
        for r in actorRefs.reversed() where r.kind != .speaker {
            if let a = r.actor, !out.contains(a) { out.append(a) }
            if out.count == 2 { break }
        }
        return out
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
        let mentionAt = self.mentionAt
        func inMention(_ k: Int) -> Bool { mentionAt[k] }
        // "the valley", "the region", "this area": the last place of a fitting kind named before.
        var k = a
        while k < b {
            guard Lex.determiners.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if word == "the" || word == "this" || word == "that" {
                var n = k + 1
                let adjectives = Self.adjectivesWords2
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
        refs.sort { $0.first < $1.first }
        // Unnamed parts: "three districts in the valley", "some areas".
        var quantities: [PlaceRef] = []
        k = a
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
            var parent: PlaceRef?
            var last = j
            if j + 1 <= b, ["in", "of", "across", "around", "near", "throughout", "within", "inside", "on"].contains(w(j + 1)) {
                parent = refs.first { $0.first == j + 2 || ($0.first == j + 3 && w(j + 2) == "the") || ($0.isDescription && $0.first == j + 2) }
                if let p = parent { last = p.last }
            }
            if parent == nil {
                parent = refs.last { $0.last < k && !$0.excluded } ?? refs.first { $0.first > j }
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
        // Names that only locate another place.
        for i in refs.indices {
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
            if p >= a, ["neighboring", "neighbouring", "nearby"].contains(w(p)) == false, p - 1 >= a, ["neighboring", "neighbouring", "bordering"].contains(w(p - 1)) {
                refs[i].excluded = true
            }
            if p >= a, w(p) == "of", p - 1 >= a, ["capital", "capitals", "outside", "west", "east", "north", "south"].contains(w(p - 1)) { refs[i].excluded = true }
            // "the Dnipro River" is not the city of Dnipro: a kind word that does not fit the place.
            let l = refs[i].last
            // (Only water: "Kherson airport" is still Kherson, and an exclusion made above stands.)
            if !refs[i].isDescription, l + 1 <= b, text.adjacent(l + 1), ["river", "rivers", "sea", "lake", "canal"].contains(w(l + 1)),
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
        excludeCoordinated(&refs)
        return (refs + quantities).sorted { ($0.first, $0.quantity == nil ? 1 : 0) < ($1.first, $1.quantity == nil ? 1 : 0) }
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
            if actorAt[h.token] >= 0 || locatorTokens.contains(h.token) { continue }
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
            } else if g.has(","), ["and", "or", "as", "then"].contains(word) {
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

    // MARK: Attribution

    mutating func findSpeeches(_ si: Int, _ a: Int, _ b: Int, _ refs: [ActorRef]) -> [Speech] {
        var out: [Speech] = []
        var k = a
        while k <= b {
            guard ClaimLexicon.cueHashes.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            defer { k += 1 }
            if word == "according", k + 1 <= b, w(k + 1) == "to" {
                var e = k + 2
                while e + 1 <= b, !gap(e + 1).has(","), !gap(e + 1).has("."), !ClaimLexicon.clauseBreakers.contains(w(e + 1)) { e += 1 }
                guard k + 2 <= b else { continue }
                let speaker = resolveSpeaker(k + 2, min(e, b), refs, si, preferLast: false)
                out.append(Speech(verb: k, contentStart: a, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: nil, before: false))
                out[out.count - 1].speakerRange = (k + 2, min(e, b))
                continue
            }
            if (word == "rumours" || word == "rumors" || word == "rumour" || word == "rumor"), let that = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "that" }) {
                let speaker = Speaker(actor: nil, text: text.text(k), thirdParty: true)
                out.append(Speech(verb: k, contentStart: that + 1, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: text.text(k), before: true))
                out[out.count - 1].speakerRange = (k, k)
                continue
            }
            guard ClaimLexicon.speech.contains(word), word != "according" else { continue }
            if k - 2 >= a, w(k - 2) == "according", w(k - 1) == "to" { continue }
            let determiners = Self.determinersWords3
            let isNoun = k > a && determiners.contains(w(k - 1))
            let denial = ClaimLexicon.denial.contains(word)
            if isNoun && !denial {
                // "claims that…": a statement whose speaker is named in the noun phrase ("Russian claims that…").
                if k + 1 <= b, w(k + 1) == "that" {
                    let speaker = resolveSpeaker(max(a, k - 3), k - 1, refs, si, preferLast: true)
                    out.append(Speech(verb: k, contentStart: k + 2, contentEnd: b, speaker: speaker, negated: false, denial: false,
                                      hedge: ClaimLexicon.hedgingSpeech.contains(word) ? text.text(k) : nil, before: true))
                    out[out.count - 1].speakerRange = (max(a, k - 3), k - 1)
                }
                continue
            }
            if ["show", "shows", "showed", "shown"].contains(word) {
                let evidence = Self.evidenceWords4
                guard let noun = walk(from: max(a, k - 8), upTo: k).first(where: { evidence.contains(w($0)) }) else { continue }
                var hedge: String?
                if k - 2 >= a, w(k - 1) == "to", ["appeared", "appears", "seemed", "seems", "purports", "purported"].contains(w(k - 2)) {
                    hedge = surface(k - 2, k - 1)
                }
                var speaker = resolveSpeaker(max(a, noun - 3), noun, refs, si, preferLast: true)
                if speaker == nil { speaker = Speaker(actor: nil, text: surface(max(a, noun - 1), noun), thirdParty: true) }
                out.append(Speech(verb: k, contentStart: k + 1, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: hedge, before: true))
                out[out.count - 1].speakerRange = (max(a, noun - 3), noun)
                continue
            }
            var negated = false
            for j in walk(from: max(a, k - 3), upTo: k) where ClaimLexicon.negations.contains(w(j)) || w(j).hasSuffix("n't") {
                // ("… is not true, said the spokesman": a negation before the comma is the statement's, not the verb's.)
                if walk(from: j + 1, through: k).contains(where: { gap($0).has(",") || gap($0).has("”") || gap($0).has("\"") }) { continue }
                negated = true
            }
            let hedge = ClaimLexicon.hedgingSpeech.contains(word) ? text.text(k) : nil
            // "…, said an NRF source." (inverted) or "…,” the source added." (after the statement).
            let g = gap(k)
            let hasTriggerAfter = k < b && walk(from: k + 1, through: b).contains { ClaimLexicon.triggers[w($0)] != nil || w($0) == "that" }
            if k > a, g.has(",") || g.has("”") || g.has("\""), !hasTriggerAfter {
                var e = k + 1
                while e + 1 <= b, !gap(e + 1).has(","), !gap(e + 1).has("."), !["in", "on", "to", "at", "from", "after"].contains(w(e + 1)) { e += 1 }
                let speaker = k + 1 <= b ? resolveSpeaker(k + 1, min(e, b), refs, si, preferLast: false) : nil
                out.append(Speech(verb: k, contentStart: a, contentEnd: k - 1, speaker: speaker, negated: negated, denial: denial, hedge: hedge, before: false))
                out[out.count - 1].speakerRange = (k + 1, min(e, b))
                continue
            }
            var npStart = k - 1
            while npStart > a, k - npStart < 9 {
                let gg = gap(npStart)
                if gg.has(",") || gg.has("”") || gg.has("\"") || gg.has("“") { break }
                npStart -= 1
            }
            let statementBefore = npStart > a && walk(from: a, upTo: npStart).contains { ClaimLexicon.triggers[w($0)] != nil }
            if npStart > a, statementBefore, !hasTriggerAfter, !walk(from: npStart, upTo: k).contains(where: { ClaimLexicon.speech.contains(w($0)) }) {
                let speaker = resolveSpeaker(npStart, k - 1, refs, si, preferLast: true)
                out.append(Speech(verb: k, contentStart: a, contentEnd: npStart - 1, speaker: speaker, negated: negated, denial: denial, hedge: hedge, before: false))
                out[out.count - 1].speakerRange = (npStart, k - 1)
                continue
            }
            // "X said (that) …": the speaker is the subject before the verb.
            var subjectStart = k - 1
            while subjectStart > a, !ClaimLexicon.clauseBreakers.contains(w(subjectStart)), !gap(subjectStart).has(";") { subjectStart -= 1 }
            if ClaimLexicon.clauseBreakers.contains(w(subjectStart)) { subjectStart += 1 }
            let speaker = subjectStart <= k - 1 ? resolveSpeaker(subjectStart, k - 1, refs, si, preferLast: true) : (lastSpeaker)
            var contentStart = k + 1
            if word == "told" || word == "tells" || word == "tell" {
                // Skip the listener: "told Reuters", "told the BBC".
                while contentStart <= b, contentStart <= k + 3, tokens[contentStart].isCapitalized || w(contentStart) == "the" { contentStart += 1 }
            }
            var anaphoric = false
            if denial, contentStart <= b {
                let next = w(contentStart)
                let nextNext = contentStart + 1 <= b ? w(contentStart + 1) : ""
                anaphoric = ["it", "this", "that", "them"].contains(next) && contentStart + 1 > b
                    || (["these", "those", "the", "such", "this", "that", "any", "all"].contains(next)
                        && ["claims", "claim", "reports", "report", "allegations", "allegation", "accounts", "rumours", "rumors", "statement", "statements", "reporting"].contains(nextNext))
            }
            out.append(Speech(verb: k, contentStart: contentStart, contentEnd: b, speaker: speaker, negated: negated, denial: denial,
                              hedge: hedge, before: true, anaphoric: anaphoric))
            if subjectStart <= k - 1 {
                let hasVerb = walk(from: subjectStart, upTo: k).contains { ClaimLexicon.triggers[w($0)].map { !$0.noun } == true && actorAt[$0] < 0 }
                if !hasVerb { out[out.count - 1].speakerRange = (subjectStart, k - 1) } else if let r = refs.last(where: { $0.first >= subjectStart && $0.last < k }) { out[out.count - 1].speakerRange = (r.first, r.last) }
            }
        }
        for s in out {
            if let sp = s.speaker, !sp.thirdParty || sp.actor != nil || !sp.text.isEmpty {
                lastSpeaker = sp
                lastSpeakerSentence = si
            }
        }
        return out
    }

    /// Who the words `s...e` name as a speaker.
    mutating func resolveSpeaker(_ s: Int, _ e: Int, _ refs: [ActorRef], _ si: Int, preferLast: Bool) -> Speaker? {
        guard s <= e else { return nil }
        let inside = refs.filter { $0.first >= s && $0.last <= e }
        let ordered = preferLast ? inside.reversed() : inside
        // A side's name, a person of the side, a metonym ("Kyiv said"), or an army no profile names.
        if let r = ordered.first(where: { [.name, .adjective, .person, .speaker, .unknown].contains($0.kind) }), let actor = r.actor {
            var text = phrase(s, e)
            if text.split(separator: " ").count > 8 {
                let start = r.first > s && ["a", "an", "the"].contains(w(r.first - 1)) ? r.first - 1 : r.first
                text = surface(start, r.last)
            }
            return Speaker(actor: actor, text: text, thirdParty: false)
        }
        let recent = si - lastSpeakerSentence <= 4 ? lastSpeaker : nil
        for k in (preferLast ? Array(walk(from: s, through: e).reversed()) : Array(walk(from: s, through: e))) {
            let word = w(k)
            if ClaimLexicon.thirdPartyWords.contains(word) {
                if word == "outlet" || word == "outlets" { return recent.flatMap { $0.thirdParty ? $0 : nil } ?? Speaker(actor: nil, text: phrase(s, e), thirdParty: true) }
                return Speaker(actor: nil, text: phrase(s, e), thirdParty: true)
            }
            if ["he", "she", "they"].contains(word) || ClaimLexicon.speakerDescriptions.contains(word) && k > s && ["the", "this", "that"].contains(w(k - 1)) {
                if let recent { return Speaker(actor: recent.actor, text: phrase(s, e), thirdParty: recent.thirdParty) }
                if let r = ordered.first(where: { $0.kind == .pronoun || $0.kind == .description }), let actor = r.actor {
                    return Speaker(actor: actor, text: phrase(s, e), thirdParty: false)
                }
                return Speaker(actor: lastActor, text: phrase(s, e), thirdParty: lastActor == nil)
            }
        }
        if let r = ordered.first(where: { $0.kind == .description || $0.kind == .pronoun }), let actor = r.actor {
            return Speaker(actor: actor, text: phrase(s, e), thirdParty: false)
        }
        // Anyone else named: an official of another country, a former president.
        if walk(from: s, through: e).contains(where: { tokens[$0].isCapitalized && !tokens[$0].startsSentence }) || walk(from: s, through: e).contains(where: { tokens[$0].isCapitalized && WordClass.of(tokens[$0]) & WordClass.common == 0 }) {
            return Speaker(actor: nil, text: phrase(s, e), thirdParty: true)
        }
        return nil
    }

    /// Words `s...e` as a speaker's name: without a leading phrase of time or manner ("Earlier on
    /// Thursday, Fahim Dashti…", "In an audio message, an NRF spokesperson…") or trailing auxiliaries ("had").
    mutating func phrase(_ s: Int, _ e: Int) -> String {
        var from = s
        var k = s + 1
        while k <= e {
            if gap(k).has(",") {
                let names = walk(from: from, upTo: k).contains { actorAt[$0] >= 0 || (tokens[$0].isCapitalized && $0 > from && WordClass.of(tokens[$0]) & WordClass.common == 0) }
                if names { break }
                from = k
            }
            k += 1
        }
        var to = e
        let trailing = Self.trailingWords5
        while to > from, trailing.contains(w(to)) || ClaimLexicon.weekdays[w(to)] != nil { to -= 1 }
        return surface(from, to)
    }

    /// The statement a token belongs to: the nearest "X said…" before it, else a later "…, X said", else "according to".
    func governingSpeech(_ k: Int, _ speeches: [Speech]) -> Speech? {
        if let s = speeches.filter({ $0.before && $0.contentStart <= k && k <= $0.contentEnd }).max(by: { $0.verb < $1.verb }) { return s }
        if let s = speeches.filter({ !$0.before && $0.contentStart <= k && k <= $0.contentEnd && $0.verb > k && w0($0.verb) != "according" }).min(by: { $0.verb < $1.verb }) { return s }
        return speeches.first { !$0.before && $0.contentStart <= k && k <= $0.contentEnd }
    }

    func w0(_ k: Int) -> String { lowerCache[k] ?? text.lower(k) }

    // MARK: Dates

    mutating func findDates(_ a: Int, _ b: Int) -> [DateMention] {
        var out: [DateMention] = []
        var k = a
        while k <= b {
            guard Lex.dateWords.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if let wd = ClaimLexicon.weekdays[word] {
                var first = k
                var last = k
                var modifier = ""
                if k > a, ["on", "late", "early", "last", "this", "since", "by", "until", "next"].contains(w(k - 1)) {
                    first = k - 1
                    modifier = w(k - 1)
                    if first > a, w(first - 1) == "on" || w(first - 1) == "earlier" || w(first - 1) == "later" { first -= 1 }
                }
                if k + 1 <= b, ["night", "morning", "evening", "afternoon"].contains(w(k + 1)) { last = k + 1 }
                var iso: String?
                if let r = reportDate, modifier != "next" {
                    var back = (r.weekday - wd + 7) % 7
                    if modifier == "last" && back == 0 { back = 7 }
                    iso = r.adding(days: -back).iso
                }
                out.append(DateMention(first: first, last: last, iso: iso, text: surface(first, last)))
                k = last + 1
                continue
            }
            if let month = ClaimLexicon.months[word], word != "may" || (k + 1 <= b && Int(text.text(k + 1)) != nil) {
                // "Aug. 15, 2021", "August 15", "15 August 2021".
                var day: Int?
                var first = k
                var last = k
                var year: Int?
                if k + 1 <= b, let d = Int(text.text(k + 1)), (1...31).contains(d) {
                    day = d
                    last = k + 1
                    if k + 2 <= b, let y = Int(text.text(k + 2)), (1900...2100).contains(y) { year = y; last = k + 2 }
                } else if k > a, let d = Int(text.text(k - 1)), (1...31).contains(d) {
                    day = d
                    first = k - 1
                    if k + 1 <= b, let y = Int(text.text(k + 1)), (1900...2100).contains(y) { year = y; last = k + 1 }
                }
                if let day {
                    let y = year ?? inferYear(month: month, day: day)
                    let iso = y.flatMap { CivilDate(year: $0, month: month, day: day)?.iso }
                    out.append(DateMention(first: first, last: last, iso: iso, text: surface(first, last)))
                    k = last + 1
                    continue
                }
            }
            if let r = reportDate {
                if word == "yesterday" { out.append(DateMention(first: k, last: k, iso: r.adding(days: -1).iso, text: text.text(k))) }
                if word == "today" || word == "tonight" { out.append(DateMention(first: k, last: k, iso: r.iso, text: text.text(k))) }
                if word == "ago", k - 2 >= a, ["days", "day"].contains(w(k - 1)), let n = Int(w(k - 2)) ?? ClaimLexicon.numberWords[w(k - 2)] {
                    out.append(DateMention(first: k - 2, last: k, iso: r.adding(days: -n).iso, text: surface(k - 2, k)))
                }
            }
            k += 1
        }
        return out
    }

    /// The year of a day and month given without one: the report's (or the year before, if that
    /// would put it after the report); unknown when the report has no date.
    func inferYear(month: Int, day: Int) -> Int? {
        guard let r = reportDate else { return nil }
        if let d = CivilDate(year: r.year, month: month, day: day), d.dayNumber > r.dayNumber + 7 { return r.year - 1 }
        return r.year
    }

    // MARK: Triggers

    /// Whether the words from `cs` to `ce` are about the past, not the current war.
    mutating func historical(_ cs: Int, _ ce: Int) -> Bool {
        // "more than a year after the RSF seized the city", "months since Russia took Bakhmut": an
        // earlier event the sentence measures time from.
        if ["after", "since"].contains(w(cs)), cs > 0,
            walk(from: max(0, cs - 3), upTo: cs).contains(where: { ["year", "years", "months", "decade", "decades", "weeks"].contains(w($0)) }) {
            return true
        }
        for k in walk(from: cs, through: ce) {
            let word = w(k)
            if ClaimLexicon.historicalWords.contains(word) { return true }
            if word == "long", k + 1 <= ce, ["history", "withstood", "resisted", "held", "been"].contains(w(k + 1)) { return true }
            if word == "first", k + 1 <= ce, w(k + 1) == "rule" { return true }
            guard let c = word.utf8.first, c >= 0x30, c <= 0x39 else { continue }
            let digits = word.split(whereSeparator: { !$0.isNumber })
            for d in digits {
                guard d.count == 4, let y = Int(d), (1900...2100).contains(y) else { continue }
                if word.hasSuffix("s"), d.count == 4 {
                    if let refYear { if y + 9 < refYear - 1 { return true } } else { return true }
                } else if let r = refYear, y < r - 1 {
                    return true
                }
            }
        }
        return false
    }

    func placeRefs(_ places: [PlaceRef], from: Int, to: Int) -> [PlaceRef] {
        places.filter { $0.first >= from && $0.first <= to && !$0.excluded }
    }

    mutating func readTrigger(_ k: Int, _ trigger: Trigger, _ a: Int, _ b: Int, _ refs: [ActorRef], _ places: [PlaceRef], _ speeches: [Speech],
                              _ dates: [DateMention], _ clause: (Int) -> (Int, Int), _ handled: inout Set<Int>) -> [Claim] {
        var action = trigger.action
        var deniedBy: Speaker?
        var (cs, ce) = clause(k)
        let word = w(k)
        var triggerText = text.text(k)
        let speech = governingSpeech(k, speeches)
        if let s = speech, s.before, s.contentStart > cs, s.contentStart <= k { cs = s.contentStart }
        if historical(cs, ce) { return [] }
        if speech?.negated == true { return [] }
        // Prevented, allied, attributive or broken: no action on a place ("to pre-empt an offensive on
        // X", "fighting alongside the army", "the besieged city", "broke through its defences").
        if prevented(k, cs) || alliance(k, ce) || attributiveParticiple(k, a) || brokenHolding(k, cs) { return [] }

        // The object: what comes right after the verb.
        var objectStart = k + 1
        var sawControl = false
        var sawBack = false
        var sawPart = false
        let skip = Self.skipOrPartWords
        while objectStart <= ce, skip.contains(w(objectStart)) {
            if w(objectStart) == "control" { sawControl = true; handled.insert(objectStart) }
            if w(objectStart) == "back" { sawBack = true }
            if Self.partWords.contains(w(objectStart)), !["to", "on"].contains(w(objectStart)) { sawPart = true }
            objectStart += 1
        }
        // Words that make it something else: "took part", "took place", "held talks", "fighting for control".
        if objectStart <= ce, ["part", "place", "talks", "hostages", "prisoners", "captive", "office", "power"].contains(w(objectStart)), !sawControl { return [] }
        if word == "control" || word == "controls" || word == "controlled" || word == "controlling" {
            if k > a, ["took", "take", "taken", "taking", "gained", "gain", "seized", "wrested", "assumed", "regained", "lost", "retook", "full", "complete", "total", "effective", "for", "over", "under", "russian", "in"].contains(w(k - 1)) || (k - 2 >= a && ["take", "took", "taken", "gained", "seized"].contains(w(k - 2))) {
                if k > a, w(k - 1) == "in" { action = .holds } else { return [] }
            }
            // "critical to the control of two towns": whose control is not said.
            if k > a, w(k - 1) == "the", w(k + 1) == "of" { return [] }
        }
        if trigger.special == .under {
            // "under Taliban control", "under the control of Russian forces".
            guard let c = walk(from: k + 1, through: min(b, k + 4)).first(where: { ["control", "rule", "occupation"].contains(w($0)) }) else { return [] }
            handled.insert(c)
            action = .holds
            triggerText = surface(k, c)
        }
        if trigger.needsObject {
            let objectIsPlace = places.contains { ($0.first == objectStart || ($0.isDescription && $0.first == objectStart - 1)) && !$0.excluded }
                || places.contains { $0.quantity != nil && $0.first == objectStart }
            let laterPlace = (sawControl || ["out", "ground", "firm", "positions"].contains(where: { s in walk(from: k + 1, upTo: objectStart).contains { w($0) == s } }))
            if !objectIsPlace && !laterPlace { return [] }
            if sawControl {
                var e = objectStart - 1
                while e > k, ["the", "a", "their", "its", "his", "her", "our", "full", "complete", "total"].contains(w(e)) { e -= 1 }
                triggerText = surface(k, e)
            }
            if word == "lost" || word == "lose" || word == "loses" || word == "losing", !sawControl, !objectIsPlace { return [] }
        }
        if trigger.special == .pullBack {
            guard let particle = walk(from: k + 1, through: min(ce, k + 2)).first(where: { ["back", "out", "away"].contains(w($0)) }) else { return [] }
            triggerText = surface(k, particle)
        }
        // "pushed back": the pusher holds the place, or regains it when they were pushed "from" it.
        var pushedPatient = false
        if trigger.special == .pushBack {
            let back = sawBack || walk(from: k + 1, through: min(ce, k + 5)).contains { w($0) == "back" }
            if back {
                if let end = walk(from: k + 1, through: min(ce, k + 5)).first(where: { w($0) == "back" }) { triggerText = surface(k, end) }
                let hasFrom = walk(from: k + 1, through: ce).contains { w($0) == "from" } && !placeRefs(places, from: k + 1, to: ce).isEmpty
                action = hasFrom ? .regained : .holds
                pushedPatient = isPassive(k, cs)
            }
        }
        // Passive: "Kabul was captured by the Taliban", "Taliban forces were pushed back".
        let passive = isPassive(k, cs)
        // Attempts: "moves to capture", "attempts to enter", "to be conquered by".
        if isAttempt(k, cs) || inheritsAttempt(k, cs) {
            if action == .captured || action == .regained { action = .attacked }
            if action == .lost { return [] }
        }
        // Negation: "could not advance" (an attack that failed), "did not capture" (nothing).
        if let neg = negation(k, cs) {
            if neg == "failed" && (action == .captured || action == .regained || action == .attacked) {
                action = .attacked
            } else if neg == "not", action == .captured || action == .regained || action == .lost, let sp = speech?.speaker,
                sp.actor != nil || !sp.text.isEmpty {
                // "X \"did not completely fall\" to Y, Z said": Z denies that Y took X.
                deniedBy = sp
            } else {
                return []
            }
        } else if hypothetical(k, cs, ce) {
            return []
        }

        // The places: after the verb in its clause; else before it; else the clause before.
        var targets: [(PlaceRef, PlaceRole)] = []
        var nextStop = ce
        for j in walk(from: (k + 1), through: max(k + 1, ce)) where j <= ce {
            // (A holding noun inside the object, "seized the last junta stronghold in the city of X", does not end it.)
            if (ClaimLexicon.triggers[w(j)].map { liveTrigger(j, $0, places) } == true && !handled.contains(j) && !(objectStart > j)
                && !ClaimLexicon.holdingNouns.contains(w(j)))
                || (ClaimLexicon.speech.contains(w(j)) && w(j) != "according" && !["claims", "claim", "reports", "report"].contains(w(j))) {
                if places.contains(where: { $0.first <= j && j <= $0.last }) == false && actorAt[j] < 0 { nextStop = j - 1; break }
            }
        }
        if nextStop >= k + 1 {
            var role = PlaceRole.target
            var j = k + 1
            var forward: [(PlaceRef, PlaceRole)] = []
            // "withdrew from X towards Y": Y is where they went; "took positions outside X": beside X.
            var destination = false
            var vicinity = false
            besideObject = false
            let gainOrHold = action == .captured || action == .regained || action == .holds
            while j <= nextStop {
                let word = w(j)
                if word == "from" { role = (action == .attacked || action == .contested) && trigger.special != .pushBack ? .origin : .target; vicinity = false }
                else if ClaimLexicon.prepositions.contains(word) {
                    role = .target
                    vicinity = ClaimLexicon.vicinityPrepositions.contains(word)
                    if ClaimLexicon.destinationPrepositions.contains(word) { destination = true }
                }
                for p in places where p.first == j && !p.excluded {
                    if action == .withdrew && destination || vicinity && gainOrHold { besideObject = true; continue }
                    forward.append((p, role))
                }
                j += 1
            }
            targets = forward
        }
        // An object the claim cannot be about ("overrun Afghanistan", a country) is not replaced by a place before the verb.
        let countryObject = nextStop >= k + 1 && mentionRefs(from: k + 1, through: min(nextStop, k + 4)).contains { $0.kind == .country }
        // (A noun of fighting takes its place after it: "the opposition's advances" is not on a place before.)
        let nominalFight = (action == .attacked || action == .contested) && nominal(k, cs)
        // (An object beside or beyond a place, "took positions outside the city", is the object: no place before the verb stands in.)
        let wantsBackward = targets.isEmpty && !countryObject && !besideObject
        if wantsBackward {
            var lower = max(cs, speech.map { $0.before ? $0.contentStart : cs } ?? cs)
            // ("… withdrew from Daraa as he scrambled to respond to the opposition's advances": not
            // past "as", which opens another clause for a noun of fighting.)
            if nominalFight, let opener = walk(from: lower, upTo: k).last(where: { ClaimLexicon.subordinators.contains(w($0)) }) { lower = opener + 1 }
            if k > lower, let p = placeRefs(places, from: lower, to: k - 1).last(where: { $0.last < k }) {
                if holdingBackwardOK(p, k) { targets = [(p, .target)] }
            } else if passive || pushedPatient || sawControl || trigger.special == .fall || trigger.special == .holdout || trigger.special == .under || action == .holds {
                if let p = placeRefs(places, from: a, to: k - 1).last(where: { $0.last < k }), holdingBackwardOK(p, k) { targets = [(p, .target)] }
            }
            if let last = targets.first?.0 {
                targets = (listedBefore(last, placeRefs(places, from: a, to: k - 1)).reversed() + [last]).map { ($0, .target) }
            }
        }
        if targets.isEmpty {
            if !passive, !coordinated(k, cs), let r = subject(k, cs, refs), let actor = resolved(r, speech) { sentenceSubject = (actor, r.written) }
            return []
        }
        // A parent named with its part: keep the part ("three districts in the valley" over "the valley").
        var seen: [String: Int] = [:]
        var unique: [(PlaceRef, PlaceRole)] = []
        for t in targets {
            if let i = seen[t.0.place] {
                if t.0.quantity != nil && unique[i].0.quantity == nil { unique[i] = t }
                continue
            }
            seen[t.0.place] = unique.count
            unique.append(t)
        }
        targets = unique

        // The actor.
        var actors: [(Actor, String)] = []
        let ownRef = actorAt[k] >= 0 ? actorRefs[Int(actorAt[k])] : nil
        if let r = ownRef, r.first < k, let actor = r.actor {
            actors = [(actor, surface(r.first, k - 1))]
        } else if trigger.special == .fall {
            // "X fell to Y": Y captured X.
            guard k + 1 <= ce, w(k + 1) == "to", let r = refs.first(where: { $0.first > k + 1 && $0.first <= k + 4 }), let actor = r.actor else { return [] }
            actors = [(actor, r.written)]
            action = .captured
        } else if trigger.special == .holdout {
            if let against = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "against" }),
                let r = refs.first(where: { $0.first > against && $0.first <= against + 3 }), let enemy = r.actor, let opp = opponent(of: enemy) {
                actors = [(opp, "holdout against " + r.written)]
            } else if let r = refs.last(where: { $0.last < k && $0.last >= k - 2 }), let actor = r.actor {
                actors = [(actor, r.written)]
            } else {
                return []
            }
        } else if trigger.special == .under {
            guard let c = walk(from: k + 1, through: min(b, k + 4)).first(where: { ["control", "rule", "occupation"].contains(w($0)) }) else { return [] }
            if let r = refs.first(where: { $0.first > k && $0.last < c }), let actor = r.actor {
                actors = [(actor, r.written)]
            } else if c + 1 <= b, w(c + 1) == "of", let r = refs.first(where: { $0.first > c + 1 && $0.first <= c + 3 }), let actor = r.actor {
                actors = [(actor, r.written)]
            } else {
                return []
            }
        } else if passive || pushedPatient {
            if let by = walk(from: k + 1, through: max(k + 1, ce)).first(where: { $0 <= ce && w($0) == "by" }),
                let r = refs.first(where: { $0.first > by && $0.first <= by + 4 }), let actor = resolved(r, speech) {
                actors = [(actor, r.written)]
            } else if pushedPatient || action == .holds || action == .regained,
                let patient = subject(k, cs, refs).flatMap({ resolved($0, speech) }) ?? sentenceSubject?.0 {
                // "Taliban forces … were pushed back": their opponent pushed them.
                guard let opp = opponent(of: patient) else { return [] }
                actors = [(opp, opp.name)]
            } else if let own = attributedAgent(k, action, speech) {
                // "\"X has been liberated,\" the minister said": the speaking side retook it.
                actors = [own]
            } else {
                return []
            }
        } else if let agent = nominalAgent(k, cs, ce, refs, speech) {
            // "a major offensive by Russian forces", "the alleged capture of X by Russian occupiers".
            actors = [agent]
        } else if let p = bareSubject(k, cs) {
            // "as rebels seize the city", "the soldiers are fleeing": the noun is the subject, and it
            // names a side only where the war's profile says who it means.
            guard let described = describedSide(p) else { return [] }
            actors = [described]
        } else if coordinated(k, cs), let previous = sentenceSubject {
            // "… had stationed defences … and have reclaimed the area": the subject of the verb before.
            actors = [previous]
        } else if let r = subject(k, cs, refs), let actor = resolved(r, speech) {
            actors = [(actor, r.written)]
            if r.kind == .both { actors = r.actors.map { ($0, r.written) } }
        } else if let s = speech, s.before, let speaker = s.speaker, let actor = speaker.actor, s.contentStart <= k,
            walk(from: s.contentStart, upTo: k).contains(where: { ["to", "responsibility", "credit"].contains(w($0)) })
                || (ClaimLexicon.hedgingSpeech.contains(w(s.verb)) && k - s.contentStart <= 4)
                || (k - s.contentStart <= 1 && nominalAfterSpeech(k, s, action)),
            !refs.contains(where: { $0.first >= s.contentStart && $0.last < k }) {
            // "The Wagner Group claimed … to have taken Bakhmut", "the Houthis claimed responsibility
            // for a drone attack on Eilat", "X claimed an attack on Y": the speaker is the subject.
            // A side that denies a capture denies its enemy's ("the General Staff denies capture of X").
            if s.denial {
                guard let enemy = opponent(of: actor) else { return [] }
                actors = [(enemy, enemy.name)]
            } else {
                actors = [(actor, speaker.text)]
            }
        } else if cs > a, ["that", "which", "who"].contains(w(cs)), let r = refs.last(where: { $0.last < cs && $0.last >= cs - 2 }), let actor = resolved(r, speech) {
            // "the resistance force that has been holding…": the noun the relative clause is about.
            actors = [(actor, r.written)]
        } else if action == .holds, let against = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "against" }),
            let r = refs.first(where: { $0.first > against && $0.first <= against + 3 }), let enemy = resolved(r, speech), let opp = opponent(of: enemy) {
            // "holding out against the Islamist group": the enemy's opponent holds.
            actors = [(opp, opp.name)]
        } else if let previous = sentenceSubject, cs > a, ["but", "and", "while", "then"].contains(w(cs)) || passive {
            actors = [previous]
        }
        if action == .contested {
            // Everyone the clause names as fighting there.
            var all = actors
            for r in refs where r.first >= cs && r.last <= ce && r.kind != .speaker && r.kind != .person {
                for actor in (r.kind == .both ? r.actors : (resolved(r, speech).map { [$0] } ?? [])) where !all.contains(where: { $0.0 == actor }) {
                    if let s = speech, s.before, r.first < s.contentStart { continue }
                    all.append((actor, r.written))
                }
            }
            if all.isEmpty, let s = speech?.speaker?.actor, let opp = opponent(of: s) {
                // A side reporting fighting at a place reports its enemy there.
                all = [(opp, opp.name)]
            }
            actors = all
        }
        if actors.isEmpty { return [] }
        if action != .contested, !passive, !pushedPatient, let first = actors.first { sentenceSubject = first }

        var out: [Claim] = []
        for (actor, actorText) in actors {
            for (place, role) in targets {
                var claim = makeClaim(actor: actor, actorText: actorText, action: action, trigger: triggerText, place: place, role: role,
                                      speech: speech, sentence: (a, b), at: k, dates: dates)
                claim.ranged = trigger.ranged
                claim.partial = trigger.presence || place.quantity != nil || role == .origin || (sawPart && place.first >= objectStart - 1)
                if let d = deniedBy { deny(&claim, by: d, unclaimed: true) }
                out.append(claim)
            }
        }
        return out
    }

    /// The subject of the last verb read in the sentence, for verbs joined to it by "and" or "but".
    var sentenceSubject: (Actor, String)?
    /// The verb read last had a place beside its object ("outside the city") or a destination ("towards Y").
    var besideObject = false

    /// Whether the verb is joined to an earlier one by "and" ("… and have reclaimed").
    mutating func coordinated(_ k: Int, _ cs: Int) -> Bool {
        var p = k - 1
        while p >= cs, ClaimLexicon.auxiliaries.contains(w(p)) { p -= 1 }
        return p >= cs && ["and", "or", "then"].contains(w(p)) && !(p + 1 < k && actorAt[p + 1] >= 0)
    }

    /// Whether a trigger word really states an action here (a weak one needs its object: "took Kabul", not "took place").
    mutating func liveTrigger(_ j: Int, _ t: Trigger, _ places: [PlaceRef]) -> Bool {
        guard t.needsObject else { return t.special != .control }
        var o = j + 1
        let skip = Self.skipWords7
        while o < tokens.count, skip.contains(w(o)) {
            if w(o) == "control" { return true }
            o += 1
        }
        return places.contains { $0.first == o || ($0.isDescription && $0.first == o - 1) }
    }

    /// The actor a reference stands for, with "we" taken as the speaker's side.
    func resolved(_ r: ActorRef, _ speech: Speech?) -> Actor? {
        if r.kind == .firstPerson { return speech?.speaker?.actor ?? lastSpeaker?.actor }
        if let own = speakersOwn(r, speech) { return own }
        if unknownSpeakersOwn(r, speech) { return nil }
        // "Prigozhin said … his forces had captured": he is the speaker.
        if r.kind == .pronoun, let s = speech, s.before, r.first >= s.contentStart, let actor = s.speaker?.actor,
            ["he", "his", "she", "her"].contains(r.written.lowercased()) {
            return actor
        }
        return r.actor
    }

    /// The subject: the nearest actor before the verb in its clause that is not the object of a preposition.
    mutating func subject(_ k: Int, _ cs: Int, _ refs: [ActorRef]) -> ActorRef? {
        let blocking = Self.blockingWords8
        for r in refs.reversed() where r.last < k && r.first >= cs {
            if r.kind == .speaker { continue }
            let possessive = ["their", "its", "his", "her", "our"].contains(w(r.first)) || tokens[r.last].isPossessive
            if r.first > cs, !possessive {
                var p = r.first - 1
                let modifiers = Self.modifiersWords9
                while p >= cs, p >= r.first - 3, modifiers.contains(w(p)) { p -= 1 }
                if p >= cs, blocking.contains(w(p)) { continue }
                if walk(from: cs, upTo: r.first).contains(where: { w($0) == "between" }) { continue }
            }
            if r.actors.isEmpty && r.kind != .firstPerson { continue }
            return r
        }
        return nil
    }

    /// "was captured", "were pushed back", "to be conquered", "has been retaken".
    mutating func isPassive(_ k: Int, _ cs: Int) -> Bool {
        let word = w(k)
        let participle = word.hasSuffix("ed") || ["taken", "held", "fallen", "overrun", "struck", "fought", "won", "withdrawn", "shown", "lost", "retaken", "seized", "hit", "shot"].contains(word)
        guard participle else { return false }
        var p = k - 1
        while p >= cs, ["back", "successfully", "reportedly", "also", "now", "already", "finally", "fully", "been", "being", "partially", "later", "eventually", "repeatedly"].contains(w(p)) {
            if w(p) == "been" || w(p) == "being" { return true }
            p -= 1
        }
        return p >= cs && ["was", "were", "is", "are", "be", "been", "being", "get", "got", "gets"].contains(w(p))
    }

    /// "moves to capture", "attempts to enter", "to be conquered": an action tried, not done.
    mutating func isAttempt(_ k: Int, _ cs: Int) -> Bool {
        var p = k - 1
        if p >= cs, w(p) == "be" { p -= 1 }
        guard p >= cs, w(p) == "to" else {
            // "in their quest to overrun", "the push to take" are caught above; "attempt at capturing" here.
            if p >= cs, ["attempt", "attempts", "bid", "effort", "efforts"].contains(w(p)) { return true }
            return false
        }
        if p + 1 < k, w(p + 1) == "have" { return false }
        var q = p - 1
        while q >= cs, ClaimLexicon.auxiliaries.contains(w(q)) || ["ongoing", "their", "its", "continued", "latest", "new", "repeated"].contains(w(q)) { q -= 1 }
        if q >= cs, ["claimed", "claims", "claim", "said", "appeared", "appears", "believed", "reported", "known", "set", "used"].contains(w(q)) { return false }
        if q >= cs, ["forced", "compelled", "obliged", "made"].contains(w(q)) { return false }
        // "the first major urban hub to fall to Russian troops": a relative infinitive after
        // "first", "last" or "only", which says what happened, not what was tried.
        // ("the last major territory to be conquered" is still to come: not after a passive "to be".)
        if w(k - 1) != "be", let o = walk(from: max(cs, p - 5), upTo: p).last(where: { ClaimLexicon.ordinalWords.contains(w($0)) }),
            !walk(from: o + 1, upTo: p).contains(where: { ClaimLexicon.timeNouns.contains(w($0)) }), p - o >= 2 {
            return false
        }
        return true
    }

    /// "trying to get into the region and take control": the attempt carries over "and".
    mutating func inheritsAttempt(_ k: Int, _ cs: Int) -> Bool {
        guard k - 1 >= cs, w(k - 1) == "and" else { return false }
        for j in stride(from: k - 2, through: cs, by: -1) where ClaimLexicon.triggers[w(j)] != nil || ["get", "go", "move", "break"].contains(w(j)) {
            return isAttempt(j, cs)
        }
        return false
    }

    /// A negation before the verb: `"failed"` for a failed attempt, `"not"` for a plain negation.
    mutating func negation(_ k: Int, _ cs: Int) -> String? {
        let from = max(cs, k - 4)
        guard from < k else { return nil }
        for j in walk(from: from, upTo: k) {
            let word = w(j)
            if ["failed", "unable", "couldn't"].contains(word) || (word == "could" && j + 1 < k && w(j + 1) == "not")
                || (word == "did" && j + 2 < k && w(j + 1) == "not" && w(j + 2) == "manage") {
                return "failed"
            }
        }
        for j in walk(from: from, upTo: k) {
            let word = w(j)
            if word == "not" || word == "never" || word.hasSuffix("n't") || (word == "no" && j + 1 < k && w(j + 1) == "longer") { return "not" }
        }
        return nil
    }

    /// The side that fights `actor`, the one the report names most.
    func opponent(of actor: Actor) -> Actor? {
        guard let profile, let side = actor.side else { return nil }
        var best: Int?
        for (i, _) in profile.sides.enumerated() where profile.opposed(profile.sides[side].id, profile.sides[i].id) {
            if sideCounts.indices.contains(i), best.map({ sideCounts[i] > sideCounts[$0] }) ?? true { best = i }
        }
        return best.map { Actor(side: $0, name: profile.sides[$0].name) }
    }

    mutating func makeClaim(actor: Actor, actorText: String, action: ClaimAction, trigger: String, place: PlaceRef, role: PlaceRole,
                            speech: Speech?, sentence: (Int, Int), at k: Int, dates: [DateMention]) -> Claim {
        let (sentenceString, start, end) = sentenceText(sentence.0, sentence.1)
        var claimant = Claimant.reporter
        var source: String?
        var speaker = speech?.speaker
        if speech == nil, walk(from: sentence.0, through: sentence.1).contains(where: { ClaimLexicon.firstPerson.contains(w($0)) }), sentence.1 - sentence.0 < 60 {
            speaker = lastSpeaker  // a quotation continuing the last speaker's words
        }
        if let sp = speaker {
            source = sp.text.isEmpty ? nil : sp.text
            claimant = relation(of: sp, to: actor)
        } else if speech != nil {
            claimant = .thirdParty
        }
        var hedges: [String] = []
        if let h = speech?.hedge { hedges.append(h) }
        let date = dates.min { abs($0.first - k) < abs($1.first - k) }
        var claim = Claim(
            document: report.id, place: place.place, actor: actor.name, action: action, claimant: claimant, hedged: !hedges.isEmpty,
            denied: false, sentence: sentenceString, start: start, end: end, date: date?.iso ?? nil, actorText: actorText,
            placeText: place.written, trigger: trigger, source: source, hedges: hedges, quantity: place.quantity,
            quantityCount: place.quantityCount, role: role, opponent: opponent(of: actor)?.name, dateText: date?.text)
        if speech?.denial == true, let sp = speech?.speaker {
            claim.denied = true
            claim.deniedBy = sp.text
            claim.denier = relation(of: sp, to: actor).rawValue
            claim.claimant = Claimant.thirdParty.rawValue
            claim.source = nil
        }
        return claim
    }

    /// Who a speaker is to an actor: the actor itself, its opponent, or a third party.
    func relation(of speaker: Speaker, to actor: Actor) -> Claimant {
        if let s = speaker.actor {
            if s == actor { return .actor }
            if let profile, let ss = s.side, let sa = actor.side {
                if ss == sa { return .actor }
                // An ally speaks for the same camp: not a third party.
                return profile.opposed(profile.sides[ss].id, profile.sides[sa].id) ? .opponent : .actor
            }
            if s.side == nil && actor.side == nil && (s.name.lowercased().contains(actor.name.lowercased()) || actor.name.lowercased().contains(s.name.lowercased())) {
                return .actor
            }
        }
        return .thirdParty
    }

    mutating func addClaim(_ c: Claim, _ si: Int, _ token: Int) -> Int {
        claims.append(c)
        claimAt.append(token)
        claimsBySentence[si].append(claims.count - 1)
        return claims.count - 1
    }

    // MARK: Hedges and denials

    mutating func applyHedgesAndDenials(_ si: Int, _ a: Int, _ b: Int, _ speeches: [Speech], _ made: [Int]) {
        sentenceSubject = nil
        // Hedge words anywhere in the sentence.
        var sentenceHedges: [String] = []
        for k in walk(from: a, through: b) where Lex.hedgeish.contains(tokens[k].lowerHash) {
            let word = w(k)
            if ClaimLexicon.hedgeWords.contains(word) { sentenceHedges.append(text.text(k)) }
            if ["appeared", "appears", "seemed", "seems", "believed", "thought", "purported"].contains(word), k + 1 <= b, w(k + 1) == "to" {
                sentenceHedges.append(surface(k, k + 1))
            }
        }
        for i in made {
            for h in sentenceHedges where !claims[i].hedges.contains(h) { claims[i].hedges.append(h) }
            if !claims[i].hedges.isEmpty { claims[i].hedged = true }
        }
        // "X has not independently verified…": the claims of this sentence and the two before.
        if let disclaimer = disclaimer(a, b) {
            let targets = made + (claimsBySentence[max(0, si - 2)..<si].flatMap { $0 })
            for i in targets where !claims[i].hedges.contains(disclaimer) {
                claims[i].hedges.append(disclaimer)
                claims[i].hedged = true
            }
        }
        falsityDenial(si, a, b, speeches, made)
        // Denials: of what the sentence said before the verb, or of the sentence before ("denied these claims").
        for s in speeches where s.denial && !s.negated {
            guard let denier = s.speaker else { continue }
            var targets = made.filter { claimAt[$0] < s.verb && !claims[$0].denied }
            let content = made.filter { claimAt[$0] > s.verb && claims[$0].denied }
            if targets.isEmpty && s.anaphoric, si > 0 { targets = claimsBySentence[si - 1] }
            for i in targets {
                claims[i].denied = true
                claims[i].deniedBy = denier.text
                claims[i].denier = relation(of: denier, to: Actor(side: sideIndex(claims[i].actor), name: claims[i].actor)).rawValue
            }
            // What the denial itself says ("denied they had fallen") restates the denied claim.
            if !targets.isEmpty {
                for i in content { claims[i].place = "" }
            }
        }
    }

    /// The token of each claim's action word.
    var claimAt: [Int] = []

    func sideIndex(_ name: String) -> Int? { profile?.sides.firstIndex { $0.name == name } }

    /// The disclaimer a sentence makes ("CNN has not independently verified"), if it makes one.
    mutating func disclaimer(_ a: Int, _ b: Int) -> String? {
        guard let v = walk(from: a, through: b).first(where: { Lex.verify.contains(tokens[$0].lowerHash) }) else { return nil }
        let negated = walk(from: a, upTo: v).contains { ClaimLexicon.negations.contains(w($0)) || w($0).hasSuffix("n't") }
            || (v + 1 <= b && ["not"].contains(w(v + 1)))
        guard negated else { return nil }
        var start = a
        for k in stride(from: v, through: a + 1, by: -1) where gap(k).has(",") || gap(k).has(";") { start = k; break }
        return surface(start, v)
    }

    mutating func finish() -> [Claim] {
        var out: [Claim] = []
        var seen: [String: Int] = [:]  // a claim's key → its index in `out`
        for c in claims where !c.place.isEmpty {
            let key = "\(c.start)|\(c.place)|\(c.actor)|\(c.action)|\(c.role.rawValue)"
            if seen[key] == nil {
                seen[key] = out.count
                out.append(c)
            } else if let i = seen[key] {
                for h in c.hedges where !out[i].hedges.contains(h) { out[i].hedges.append(h) }
                if !c.trigger.isEmpty, !out[i].trigger.contains(c.trigger) { out[i].trigger += " … " + c.trigger }
                out[i].hedged = out[i].hedged || c.hedged
                out[i].partial = out[i].partial && c.partial
                if c.denied && !out[i].denied { out[i].denied = true; out[i].deniedBy = c.deniedBy; out[i].denier = c.denier }
            }
        }
        return out.sorted { ($0.start, $0.place, $0.actor, $0.action, $0.role.rawValue) < ($1.start, $1.place, $1.actor, $1.action, $1.role.rawValue) }
    }
}
