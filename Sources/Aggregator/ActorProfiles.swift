import Foundation
import Gazetteer
import Geo

/// One side of a war, as an actor profile lists it (see `Actors/README.md`).
public struct ActorSide: Sendable, Hashable, Codable {
    /// A short stable id, unique within its profile ("taliban", "nrf").
    public var id: String
    /// The name claims and control assessments use ("Taliban", "National Resistance Front").
    public var name: String
    /// The map colour, `#RRGGBB` (the profiles use the colour-blind-safe Okabe–Ito palette).
    public var colour: String
    /// Names and descriptions that always mean this side, matched case-insensitively as whole
    /// words, except all-capital acronyms ("NRF", "RSF"), which match only as written.
    public var aliases: [String]
    /// Words that mean this side only before a word for forces or officials ("Russian" in
    /// "Russian forces", "Russian defence ministry"), not alone ("Russian language").
    public var adjectives: [String]
    /// People who speak for the side (leaders, spokespeople): their statements are the side's.
    public var people: [String]
    /// Names that stand for the side only as the subject of a statement ("Kyiv said", "Moscow claimed"):
    /// elsewhere they are places.
    public var speakers: [String]
    /// Ids of sides fighting with this one; every other side of the profile is an opponent.
    public var allies: [String]
    /// Words that mean this side in this war only when used generically, not as part of another
    /// name: "rebels", "rebel forces", "the army", "security forces". A form with another head noun
    /// or number ("rebel fighters", "the rebel") means the side as well (see `SideWords`).
    public var generic: [String]

    public init(id: String, name: String, colour: String, aliases: [String], adjectives: [String] = [], people: [String] = [],
                speakers: [String] = [], allies: [String] = [], generic: [String] = []) {
        self.id = id
        self.name = name
        self.colour = colour
        self.aliases = aliases
        self.adjectives = adjectives
        self.people = people
        self.speakers = speakers
        self.allies = allies
        self.generic = generic
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case id, name, colour, aliases, adjectives, people, speakers, allies, generic }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        colour = try c.decode(String.self, forKey: .colour)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        adjectives = try c.decodeIfPresent([String].self, forKey: .adjectives) ?? []
        people = try c.decodeIfPresent([String].self, forKey: .people) ?? []
        speakers = try c.decodeIfPresent([String].self, forKey: .speakers) ?? []
        allies = try c.decodeIfPresent([String].self, forKey: .allies) ?? []
        generic = try c.decodeIfPresent([String].self, forKey: .generic) ?? []
    }
}

/// The actors of one war: a file in `Actors/`.
public struct ActorProfile: Sendable, Hashable, Codable {
    /// `conflictmap-actors/1`.
    public var format: String
    /// A short stable id ("afghanistan-2021").
    public var id: String
    /// The war's name, for people.
    public var name: String
    /// ISO 3166-1 alpha-2 codes of the countries where it is fought.
    public var countries: [String]
    /// The period it covers, ISO 8601 (`2021-05-01/2021-12-31`, open end: `2022-02-24/..`).
    public var period: String?
    public var sides: [ActorSide]
    /// Where the names come from, and anything else a maintainer should know.
    public var notes: String?

    public static let currentFormat = "conflictmap-actors/1"

    public init(id: String, name: String, countries: [String] = [], period: String? = nil, sides: [ActorSide], notes: String? = nil) {
        self.format = Self.currentFormat
        self.id = id
        self.name = name
        self.countries = countries
        self.period = period
        self.sides = sides
        self.notes = notes
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case format, id, name, countries, period, sides, notes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? Self.currentFormat
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? id
        countries = try c.decodeIfPresent([String].self, forKey: .countries) ?? []
        period = try c.decodeIfPresent(String.self, forKey: .period)
        sides = try c.decode([ActorSide].self, forKey: .sides)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }

    /// Whether sides `a` and `b` (ids) fight each other.
    public func opposed(_ a: String, _ b: String) -> Bool {
        guard a != b, let sa = sides.first(where: { $0.id == a }), let sb = sides.first(where: { $0.id == b }) else { return false }
        return !sa.allies.contains(b) && !sb.allies.contains(a)
    }
}

/// The actor profiles claims are read with, and the word matcher built from them.
public struct ActorProfiles: Sendable {
    public let profiles: [ActorProfile]
    let matchers: [AliasMatcher]
    /// The first words of every profile's phrases: a token outside it starts no phrase of any profile.
    let anyFirstWord: HashMap64
    /// The profiles as canonical JSON (sorted keys), made once: part of an analysis's settings.
    let canonicalJSON: Data

    public init(_ profiles: [ActorProfile] = []) {
        self.profiles = profiles
        self.matchers = profiles.map(AliasMatcher.init)
        var any = HashMap64(minimumCapacity: 64)
        for m in matchers { for k in m.byFirstWord.keys { any.set(k, 1) } }
        self.anyFirstWord = any
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.canonicalJSON = (try? encoder.encode(profiles)) ?? Data()
    }

    public var isEmpty: Bool { profiles.isEmpty }

    /// Reads one profile file, or every `*.json` file in a folder (sorted by name).
    public static func load(from path: String) throws(AggregatorError) -> ActorProfiles {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw AggregatorError(file: path, reason: "no such actor profile file or folder", hint: "give --actors a profile .json file or a folder of them")
        }
        var files: [String] = []
        if isDir.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files = names.filter { $0.hasSuffix(".json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            guard !files.isEmpty else { throw AggregatorError(file: path, reason: "the folder has no actor profile (.json) files") }
        } else {
            files = [path]
        }
        var profiles: [ActorProfile] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw AggregatorError(file: file, reason: "cannot be read")
            }
            let profile: ActorProfile
            try checkSyntax(data, file: file)
            try checkKeys(data, file: file)
            do {
                profile = try JSONDecoder().decode(ActorProfile.self, from: data)
            } catch let DecodingError.keyNotFound(key, context) {
                throw AggregatorError(file: file, reason: "missing \"\(key.stringValue)\" at \(Self.path(context.codingPath))", hint: "see Actors/README.md")
            } catch let DecodingError.typeMismatch(_, context) {
                throw AggregatorError(file: file, reason: "wrong type at \(Self.path(context.codingPath)): \(context.debugDescription)", hint: "see Actors/README.md")
            } catch {
                throw AggregatorError(file: file, reason: "not a valid actor profile: \(error)", hint: "see Actors/README.md")
            }
            guard profile.format == ActorProfile.currentFormat else {
                throw AggregatorError(file: file, reason: "format '\(profile.format)' is not \(ActorProfile.currentFormat)")
            }
            let ids = profile.sides.map(\.id)
            guard Set(ids).count == ids.count else { throw AggregatorError(file: file, reason: "two sides share an id") }
            for side in profile.sides {
                guard side.colour.count == 7, side.colour.hasPrefix("#"), UInt32(side.colour.dropFirst(), radix: 16) != nil else {
                    throw AggregatorError(file: file, reason: "side '\(side.id)': colour '\(side.colour)' is not #RRGGBB")
                }
                for ally in side.allies where !ids.contains(ally) {
                    throw AggregatorError(file: file, reason: "side '\(side.id)': ally '\(ally)' is not a side of the profile")
                }
            }
            try checkWords(profile, data, file: file)
            profiles.append(profile)
        }
        return ActorProfiles(profiles)
    }

    /// Throws with the line and column of the first JSON syntax error, if any (the decoder's own
    /// message names neither).
    static func checkSyntax(_ data: Data, file: String) throws(AggregatorError) {
        let problem = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (line: Int, column: Int, reason: String)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(JSONSyntaxError) {
                _ = try JSONValue.parse(bytes)
                return nil
            } catch {
                let at = lineAndColumn(of: error.offset, in: bytes)
                return (at.line, at.column, error.reason)
            }
        }
        if let problem {
            throw AggregatorError(file: file, line: problem.line, reason: "column \(problem.column): not valid JSON: \(problem.reason)",
                                  hint: "see Actors/README.md")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

/// How a phrase names a side.
enum AliasKind: UInt8, Sendable {
    case alias, adjective, person, speaker
    /// A word that means the side only when used generically (`ActorSide.generic`).
    case generic
}

/// One phrase of a profile, as token hashes.
struct AliasPattern: Sendable {
    var words: [UInt64]
    var side: Int
    var kind: AliasKind
    /// All-capital acronyms match only when written in capitals.
    var caseSensitive: Bool
    /// The phrase began with "the" ("the resistance"): it matches only after "the".
    var requiresThe = false
    /// A capitalised adjective that is also a common word ("Front"): it matches only capitalised.
    var requiresCapital = false
    /// A proper name (a capital in the profile, or a person), which tells one war from another;
    /// descriptions ("government forces", "the militants") do not.
    var distinctive = false
}

/// Finds a profile's phrases in tokenized text.
struct AliasMatcher: Sendable {
    var byFirstWord: [UInt64: [AliasPattern]] = [:]
    /// The first words' hashes, for a quick test before the dictionary.
    var firstWords = HashMap64(minimumCapacity: 16)
    /// Each lowercase alias, without a leading "the", and its side: who a side described rather
    /// than named ("Rebels", "the rebels") is in this war.
    var descriptions: [String: Int] = [:]
    /// Each name, alias and generic word by its key (`SideWords.key`), and its side, for an actor
    /// written another way ("Rebel forces" for "rebels", "Anti-coup fighters" for "anti-coup
    /// forces"); keys two sides share are left out.
    var keys: [String: Int] = [:]

    init(_ profile: ActorProfile) {
        keys = SideWords.keyTable(profile)
        for (s, side) in profile.sides.enumerated() {
            for alias in side.aliases {
                var lower = alias.lowercased()
                if lower.hasPrefix("the ") { lower.removeFirst(4) }
                if descriptions[lower] == nil { descriptions[lower] = s }
            }
            let groups: [([String], AliasKind)] = [(side.aliases + [side.name], .alias), (side.adjectives, .adjective), (side.people, .person),
                                                   (side.speakers, .speaker), (side.generic, .generic)]
            for (phrases, kind) in groups {
                for phrase in phrases {
                    let t = Tokenizer.tokenize(phrase)
                    guard !t.tokens.isEmpty else { continue }
                    let letters = phrase.filter(\.isLetter)
                    let caps = letters.count >= 2 && letters.allSatisfy(\.isUppercase)
                    var words = t.tokens.map(\.lowerHash)
                    var requiresThe = false
                    if words.count > 1, words[0] == Self.the {
                        words.removeFirst()
                        requiresThe = true
                    }
                    let first = t.tokens[requiresThe ? 1 : 0]
                    let common = CommonWords.english.contains(t.lower(requiresThe ? 1 : 0))
                    var pattern = AliasPattern(words: words, side: s, kind: kind, caseSensitive: caps, requiresThe: requiresThe)
                    pattern.requiresCapital = first.isCapitalized && common && t.tokens.count == 1
                    pattern.distinctive = kind == .person || (kind != .generic && t.tokens.contains { $0.isCapitalized })
                    if kind == .generic { pattern.caseSensitive = false }
                    byFirstWord[pattern.words[0], default: []].append(pattern)
                }
            }
        }
        for (k, v) in byFirstWord {
            byFirstWord[k] = v.sorted { $0.words.count > $1.words.count }
            firstWords.set(k, 1)
        }
    }

    static let the = WordHash.lowerHash("the")

    /// The longest phrase whose first word is token `k`, if any, with its first token ("the"
    /// included) and last token.
    func match(_ text: TokenizedText, at k: Int) -> (pattern: AliasPattern, first: Int, last: Int)? {
        let tokens = text.tokens
        guard firstWords.get(tokens[k].lowerHash) != 0, let candidates = byFirstWord[tokens[k].lowerHash] else { return nil }
        outer: for p in candidates {
            let last = k + p.words.count - 1
            guard last < tokens.count else { continue }
            if p.requiresThe, !(k > 0 && tokens[k - 1].lowerHash == Self.the && text.adjacent(k)) { continue }
            if p.requiresCapital, !tokens[k].isCapitalized { continue }
            for (i, h) in p.words.enumerated() {
                let t = tokens[k + i]
                if t.lowerHash != h { continue outer }
                if i > 0, t.startsSentence && !t.gapIsEmpty { continue outer }
                if p.caseSensitive, !t.isAllCaps, t.end - t.start >= 2 { continue outer }
            }
            return (p, p.requiresThe ? k - 1 : k, last)
        }
        return nil
    }
}
