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
        reader.unresolvedTokens = Self.unresolvedTokens(unresolved, text)
        let claims = reader.run()
        return (claims, reader.mentions)
    }

    /// The tokens where names the gazetteer lacks begin: where the recogniser reported them, and
    /// wherever the same one-word name comes again as a place: possessive ("Bunagana's fall") or
    /// after a preposition ("in Bunagana").
    static func unresolvedTokens(_ unresolved: [UnresolvedName], _ text: TokenizedText) -> [Int] {
        var found = Set(unresolved.compactMap { text.token(startingAt: $0.start) })
        let names = Set(unresolved.map(\.surface).filter { !$0.contains(" ") }.map { WordHash.lowerHash($0) })
        if !names.isEmpty {
            // (Only where it names a place: a possessive, or after a preposition; "Tuareg-led rebels" is no place.)
            for k in 0..<text.tokens.count where text.tokens[k].isCapitalized && names.contains(text.tokens[k].lowerHash) {
                if text.tokens[k].isPossessive || (k > 0 && ClaimLexicon.prepositions.contains(text.lower(k - 1))) { found.insert(k) }
            }
        }
        return found.sorted()
    }
}

struct DocumentReader {
    static let debug = ProcessInfo.processInfo.environment["CONFLICTMAP_DEBUG_CLAIMS"] != nil
    /// The words stepped over between a trigger and its place, parts of the place included.
    static let skipOrPartWords = ClaimLexicon.objectLeadWords.union(ClaimLexicon.objectPartWords)
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
    /// The first tokens of places named as the subject of a verb of acting (``actsAsSubject``).
    var actingPlaces: Set<Int> = []
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

    /// The subject of the last verb read in the sentence, for verbs joined to it by "and" or "but".
    var sentenceSubject: (Actor, String)?
    /// The verb read last had a place beside its object ("outside the city") or a destination ("towards Y").
    var besideObject = false
    /// The side whose capture a withdrawal with no place of its own is read against (``fallenBefore(_:_:_:)``).
    var fallenTaker: String?
    /// The sentence before the one being read, for "these areas".
    var previousSentence: (Int, Int)?
    /// The token of each claim's action word.
    var claimAt: [Int] = []
    /// The rule (``ClaimRule``) that found the actor of the trigger being read, and one per actor once
    /// ``triggerActors`` has them all.
    var actorRule = "activeVerb"
    var actorRules: [String] = []
    /// The rule that found the places of the trigger being read, when not its own clause (``fallenBefore``).
    var targetRule: String?

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
        let placesByCountry = Self.placesByCountry(mentions, gazetteer)
        let date = reportDate
        // Only a token that starts some profile's phrase can start a match: find those once, not once a profile.
        let starts = text.tokens.indices.filter { profiles.anyFirstWord.get(text.tokens[$0].lowerHash) != 0 }
        for (i, m) in profiles.matchers.enumerated() where Self.fits(profiles.profiles[i], placesByCountry, date) {
            var count = 0
            var k = 0
            for s in starts where s >= k {
                k = s
                if let hit = m.match(text, at: k) {
                    if hit.pattern.distinctive && hit.pattern.kind != .speaker {
                        if hit.pattern.kind != .adjective {
                            count += 2
                        } else if walk(from: hit.last + 1, upTo: min(text.tokens.count, hit.last + 4)).contains(where: { ClaimLexicon.groupNounHashes.contains(text.tokens[$0].lowerHash) }) {
                            count += 2
                        }
                    }
                    k = hit.last + 1
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

    /// How many of a report's distinct places (those named as places, not as a people, a side or a
    /// dateline) lie in each country (upper-case ISO code): a war's profile reads a report about that
    /// war's countries.
    static func placesByCountry(_ mentions: [Mention], _ gazetteer: Gazetteer) -> [String: Int] {
        // Distinct places, not mentions: a side's name taken for a town abroad and repeated ("Fano"
        // militia, Fano in Italy) does not outweigh the places the report is about.
        // Places below a country's level where there are any: "Russia's defence ministry said" names
        // no theatre, Douma and Damascus do.
        var counts: [String: Int] = [:]
        var countries: [String: Int] = [:]
        var seen: Set<String> = []
        for m in mentions where m.role == nil && seen.insert(m.place).inserted {
            guard let place = gazetteer.place(id: m.place) else { continue }
            guard let code = place.country?.uppercased() else { continue }
            if place.kind == .country { countries[code, default: 0] += 1 } else { counts[code, default: 0] += 1 }
        }
        return counts.isEmpty ? countries : counts
    }

    /// Whether a profile may read a report: a third of the report's places or more lie in the
    /// profile's countries (a report on Iraq is not read with Syria's sides, nor one on Syria with
    /// Ukraine's because it names Russia), and a dated report falls in the profile's period, give or take
    /// ``periodSlackDays`` (a 2015 report on Syria is not read with the sides of 2024).
    static func fits(_ profile: ActorProfile, _ placesByCountry: [String: Int], _ date: CivilDate?) -> Bool {
        // A third of the report's distinct places at least: a report on a front that also names the
        // capitals of a summit abroad is still about its war.
        let total = placesByCountry.values.reduce(0, +)
        let own = Set(profile.countries.map { $0.uppercased() })
        if total > 0, !own.isEmpty, 3 * own.reduce(0, { $0 + (placesByCountry[$1] ?? 0) }) < total { return false }
        guard let date, let period = profile.period else { return true }
        let ends = period.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let start = CivilDate(ends.first), date < start.adding(days: -periodSlackDays) { return false }
        if ends.count == 2, let end = CivilDate(ends[1]), end.adding(days: periodSlackDays) < date { return false }
        return true
    }

    static let periodSlackDays = 30

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

    func w0(_ k: Int) -> String { lowerCache[k] ?? text.lower(k) }

    // MARK: Reading the report

    mutating func run() -> [Claim] {
        findActors()
        dropMentionsInActorNames()
        findMentionRefs()
        findYears()
        let sentences = splitSentences()
        claimsBySentence = Array(repeating: [], count: sentences.count)
        for (i, s) in sentences.enumerated() {
            previousSentence = i > 0 ? sentences[i - 1] : nil
            read(sentence: i, s.0, s.1)
        }
        return finish()
    }
}
