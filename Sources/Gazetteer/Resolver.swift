import Foundation
import Geo

/// What the text around a name says that helps pick the right place.
public struct ResolutionContext: Sendable, Hashable {
    /// Places already resolved in the same document: candidates near them score higher.
    public var nearby: [Coordinate]
    /// A place the user named to bias resolution (`--region`, `--near`).
    public var region: Place?
    /// Names that the text gives as the enclosing unit ("Charikar, Parwan", "X in Y", "the X district of Y").
    public var parentNames: [String]
    /// A kind word next to the name ("district", "province", "valley").
    public var kindWord: String?
    /// Whether each candidate says in words why it scored as it did (`Candidate.reasons`): for a
    /// person reading them (`gazetteer lookup`); reading reports does not need them.
    public var explains: Bool

    public init(nearby: [Coordinate] = [], region: Place? = nil, parentNames: [String] = [], kindWord: String? = nil,
                explains: Bool = false) {
        self.nearby = nearby
        self.region = region
        self.parentNames = parentNames
        self.kindWord = kindWord
        self.explains = explains
    }
}

/// One possible place for a name, with its score and, when asked for (``ResolutionContext/explains``), the reasons for it.
public struct Candidate: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var latitude: Double
    public var longitude: Double
    public var precision: Precision
    /// How the name matched.
    public var match: MatchType
    /// How sure the name match alone is (0–1).
    public var matchConfidence: Double
    /// The overall score (0–1) that ranks candidates.
    public var score: Double
    /// Why it scored as it did, in words; empty unless the lookup asked for them (``ResolutionContext/explains``).
    public var reasons: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, kind, latitude = "lat", longitude = "lon", precision, match
        case matchConfidence = "match_confidence", score, reasons
    }
}

/// The weights of the resolution score; the README documents them.
public enum ResolutionWeights {
    public static let base = 0.40
    public static let nearness = 0.25
    public static let parentClue = 0.15
    public static let kindWord = 0.12
    public static let prominence = 0.08
    /// Distance at which nearness has fallen to 1/e.
    public static let nearnessScaleKm = 120.0
}

/// Common English words that are never matched loosely, even if a place bears a similar name.
public enum CommonWords {
    public static let english: Set<String> = [
    // English closed-class words (determiners, quantifiers, pronouns, modal verbs, small numbers),
    // capitalised only at a sentence's start and never a place as written there ("One said…",
    // "Much of the city…", "Can they…").
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "more", "most", "much", "many",
    "some", "any", "each", "every", "few", "less", "least", "such", "same", "own", "can", "may", "might", "must",
    "shall", "should", "will", "would", "could", "you", "your", "our", "his", "her", "its", "him", "them", "who",
    "what", "when", "why", "how", "here", "then", "now", "yet", "still", "even", "just", "only", "very", "too",
    "about", "after", "again", "against", "along", "also", "among", "area", "army", "attack", "attacks", "before",
    "being", "between", "border", "both", "called", "capital", "center", "centre", "city", "claims", "command",
    "control", "country", "during", "early", "earlier", "east", "eastern", "fighting", "forces", "former",
    "friday", "front", "government", "group", "heavy", "holdout", "however", "including", "islamic", "last",
    "later", "leader", "local", "major", "military", "monday", "mountain", "national", "nearby", "north",
    "northern", "official", "other", "people", "province", "rebels", "region", "report", "reported", "reports",
    "resistance", "saturday", "security", "several", "since", "source", "sources", "south", "southern",
    "spokesman", "statement", "sunday", "taliban", "their", "there", "these", "thursday", "troops", "tuesday",
    "under", "until", "valley", "village", "wednesday", "west", "western", "where", "which", "while", "within",
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "united", "states", "president", "minister", "ministry", "defense", "defence", "according",
    "spokesperson", "commander", "militants", "fighters", "civilians", "district", "districts", "provinces",
    "negotiations", "killed", "captured", "control", "airport", "british", "russian", "soviet", "american",
    "western", "afghan", "ukrainian", "sudanese", "israeli", "palestinian", "kurdish", "syrian", "iraqi",
    "empire", "union", "republic", "kingdom", "alliance", "coalition", "federation", "army", "navy", "police",
    "congress", "parliament", "council", "court", "party", "movement", "emirate", "office", "agency", "press",
    "news", "times", "post", "daily", "world", "global", "international", "new", "old", "great", "little", "big",
    "free", "independence", "liberty", "victory", "freedom", "unity", "peace", "hope", "friendship", "progress",
    "mobile", "reading", "nice", "split", "bath", "orange", "eagle", "price", "sale", "deal", "mission", "success",
    "justice", "general", "colonel", "major", "captain", "sergeant", "lieutenant", "chief", "king", "queen",
    "prince", "saint", "mount", "lake", "river", "bay", "beach", "port", "fort", "camp", "station", "junction",
    "park", "garden", "gardens", "hill", "hills", "springs", "falls", "rock", "stone", "wood", "woods", "field",
    "fields", "green", "white", "black", "red", "blue", "gold", "silver", "iron", "summit", "harbor", "harbour",
    "bridge", "castle", "church", "temple", "mosque", "market", "center", "university", "college", "school",
    "hospital", "embassy", "palace", "square", "street", "road", "highway", "airport", "base", "sources", "source",
    "said", "says", "told", "added", "claimed", "denied", "reported", "video", "twitter", "facebook", "telegram",
    "mujahideen", "mujahedeen", "jihad", "taliban", "islamist", "militia", "guard", "guards", "corps", "brigade",
    "battalion", "division", "regiment", "special", "operations", "commando", "commandos", "rebel", "resistance",
    "front", "forces", "force", "people", "nation", "home", "land", "lands", "holy", "noble", "royal", "grand",
]
}

extension Gazetteer {
    /// Ranked candidates for a name, best first, with scores (and reasons, when `context.explains`).
    ///
    /// Looks for exact and alias matches of the normalized name, then transliteration variants
    /// (Shatal ~ Shutul), then one-letter spelling slips (Charika ~ Charikar) for names of 7+ letters.
    /// Common English words are never matched loosely.
    public func candidates(for name: String, context: ResolutionContext = ResolutionContext(), limit: Int = 10) -> [Candidate] {
        let norm = NameKey.normalized(name)
        guard !norm.isEmpty else { return [] }
        var found: [Int32: (MatchType, Double, MatchReason)] = [:]
        func offer(_ idx: Int32, _ type: MatchType, _ confidence: Double, _ why: MatchReason) {
            if let old = found[idx], old.1 >= confidence { return }
            found[idx] = (type, confidence, why)
        }
        // Each place is read once here (a place read from its line costs a lock and a copy).
        var fetched: [Int32: Place] = [:]
        func placeAt(_ idx: Int32) -> Place? {
            if let p = fetched[idx] { return p }
            guard places.indices.contains(Int(idx)) else { return nil }
            let p = places[Int(idx)]
            fetched[idx] = p
            return p
        }
        forEachNameRef(norm) { ref in
            // A country's, a world region's or a water body's other names ("Holland", "UK", "Asia"), and a city's
            // of a million people ("Kiev", "Bombay", "New York"), are names reporting uses as
            // readily as the first; a smaller town's alternates are often another language's, and
            // count a little less.
            let place = ref.isPrimary ? nil : placeAt(ref.place)
            let kind = place?.kind ?? .town
            let alternate = Self.knownByEveryName.contains(kind) || (place?.population ?? 0) >= Self.millionCity ? 1.0 : 0.95
            offer(ref.place, ref.isPrimary ? .exact : .alias, ref.isPrimary ? 1.0 : alternate, ref.isPrimary ? .exact : .alternate)
        }
        let loose = found.isEmpty && !CommonWords.english.contains(norm) && norm.count >= 4
        if loose, let key = NameKey.transliterationKey(norm) {
            forEachKeyPlace(key) { idx in
                offer(idx, .fuzzy, 0.8, .transliteration)
            }
            if key.count >= 4 {
                forEachNameRef(key) { ref in
                    offer(ref.place, .fuzzy, 0.8, .transliteration)
                }
            }
        }
        if found.isEmpty, loose, norm.utf8.count >= 7 {
            let normUTF8 = Array(norm.utf8)
            for length in (norm.utf8.count - 1)...(norm.utf8.count + 1) {
                let bucketKey = Self.bucket(first: norm.utf8.first ?? 0, length: length)
                forEachSpellingName(in: bucketKey) { place, name in
                    guard Self.withinOneEdit(normUTF8, name) else { return }
                    offer(place, .fuzzy, 0.6, .oneLetter(String(decoding: name, as: UTF8.self)))
                }
            }
        }
        var out: [Candidate] = []
        out.reserveCapacity(found.count)
        var ownNames: [Candidate] = []  // prominent places whose own name this is
        let clueIDs = context.parentNames.isEmpty ? [] : placeIDs(named: context.parentNames)
        for (idx, (type, confidence, why)) in found {
            guard let place = placeAt(idx) else { continue }
            let reason = context.explains ? why.words(written: name, place: place) : ""
            let candidate = score(place, match: type, confidence: confidence, matchReason: reason, context: context, clueIDs: clueIDs)
            if type == .exact, Self.isProminent(place) { ownNames.append(candidate) }
            out.append(candidate)
        }
        preferOwnNames(&out, over: ownNames, explains: context.explains)
        preferTownsOverTheirProvinces(&out, context: context)
        out.sort { ($0.score, $1.id) > ($1.score, $0.id) }
        // Equal scores: the place whose own name is nearer the written one first. (GeoNames gives
        // East Darfur the alternate name "South Darfur", the state it was split from: "South
        // Darfur" means Southern Darfur.) Only runs of equal scores are measured.
        var start = 0
        while start < out.count {
            var end = start + 1
            while end < out.count, out[end].score == out[start].score { end += 1 }
            if end - start > 1 {
                let written = Array(norm.utf8)
                let distance = Dictionary(out[start..<end].map { ($0.id, Self.editDistance(written, Array(NameKey.normalized($0.name).utf8))) },
                                          uniquingKeysWith: { a, _ in a })
                out[start..<end].sort { (distance[$0.id] ?? 0, $0.id) < (distance[$1.id] ?? 0, $1.id) }
            }
            start = end
        }
        return Array(out.prefix(limit))
    }

    /// How a name matched a place, put in words only when a person asks (``ResolutionContext/explains``).
    enum MatchReason {
        case exact, alternate, transliteration
        case oneLetter(String)

        func words(written: String, place: Place) -> String {
            switch self {
            case .exact: return "name matches exactly"
            case .alternate: return "matches the alternate name '\(written)'"
            case .transliteration: return "transliteration variant of '\(place.name)'"
            case .oneLetter(let name): return "one letter from '\(name)'"
            }
        }
    }

    /// The ids of the places that have any of these names as their own or another name: a unit the
    /// text names as a place's parent ("Charikar, Parwan") is looked up in the name index once,
    /// rather than every ancestor's every name normalized for every candidate.
    func placeIDs(named names: [String]) -> Set<String> {
        var out = Set<String>()
        for name in Set(names.map(NameKey.normalized)) where !name.isEmpty {
            forEachNameRef(name) { ref in
                if places.indices.contains(Int(ref.place)) { out.insert(places[Int(ref.place)].id) }
            }
        }
        return out
    }

    /// The kinds whose other names count as much as their first ("Holland", "Arabian Gulf").
    static let knownByEveryName: Set<PlaceKind> = [.country, .region, .sea, .lake]

    /// The population from which a city's other names count as much as its first.
    static let millionCity = 1_000_000

    /// The best place for a name, or `nil` when nothing matches.
    public func resolve(_ name: String, context: ResolutionContext = ResolutionContext()) -> Candidate? {
        candidates(for: name, context: context, limit: 1).first
    }

    /// Whether a candidate lies in a unit of one of the names ("Edmonton" in "Ky.").
    public func liesIn(_ candidate: Candidate, anyOf parentNames: [String]) -> Bool {
        guard let place = place(id: candidate.id), !parentNames.isEmpty else { return false }
        let ids = placeIDs(named: parentNames)
        return ancestors(of: place).contains { ids.contains($0.id) }
    }

    func score(_ place: Place, match: MatchType, confidence: Double, matchReason: String, context: ResolutionContext,
               clueIDs: Set<String>? = nil) -> Candidate {
        let explains = context.explains
        var reasons = explains ? [matchReason] : []
        var nearness = 0.0
        var refs = context.nearby
        if let region = context.region { refs.append(region.coordinate) }
        if !refs.isEmpty {
            let km = refs.map { Geodesy.greatCircleDistance($0, place.coordinate) / 1000 }.min()!
            nearness = exp(-km / ResolutionWeights.nearnessScaleKm)
            if let region = context.region, isWithin(place, region.id) {
                nearness = 1
                if explains { reasons.append("inside \(region.name)") }
            } else if explains {
                reasons.append("\(Int(km.rounded())) km from the other places named")
            }
        }
        var parentClue = 0.0
        if !context.parentNames.isEmpty {
            let clueIDs = clueIDs ?? placeIDs(named: context.parentNames)
            if let hit = ancestors(of: place).first(where: { clueIDs.contains($0.id) }) {
                parentClue = 1
                if explains { reasons.append("lies in \(hit.name), as the text says") }
            }
        }
        var kindScore = 0.0
        if let word = context.kindWord?.lowercased() {
            if place.kind.kindWords.contains(word) {
                kindScore = 1
                if explains { reasons.append("the text calls it a \(word)") }
            }
        }
        let prominence = Self.prominence(place)
        if explains, let pop = place.population, pop > 0 { reasons.append("population \(pop)") }
        let w = ResolutionWeights.self
        let total = confidence * (w.base + w.nearness * nearness + w.parentClue * parentClue + w.kindWord * kindScore
            + w.prominence * prominence)
        return Candidate(
            id: place.id, name: place.name, kind: place.kind, latitude: place.coordinate.latitude,
            longitude: place.coordinate.longitude, precision: place.precision, match: match,
            matchConfidence: confidence, score: (total * 10_000).rounded() / 10_000, reasons: reasons)
    }

    /// A name that is a first-order unit's own (or a country's, a world region's or a water body's)
    /// means that unit before any town it is only another name of: GeoNames lists "Quebec" among
    /// New Britain's (Connecticut) names, but a report naming Quebec means the province or its
    /// city. (A town's own name does not outrank another town's other name: "Newcastle" is
    /// Newcastle upon Tyne as readily as Newcastle, New South Wales.) Such another name scores just below the prominent place. (The other names
    /// of a country, a world region, a water body or a city of a million people are as much theirs:
    /// "Kiev" is the city, not the province whose own name it also is.)
    /// A town inside the unit is left alone ("Lattakia" is the city as much as its province).
    func preferOwnNames(_ out: inout [Candidate], over ownNames: [Candidate], explains: Bool) {
        guard !ownNames.isEmpty else { return }
        for i in out.indices where out[i].match == .alias && out[i].matchConfidence < 1 {
            let id = out[i].id
            guard let rival = ownNames.filter({ !id.hasPrefix($0.id + "/") }).max(by: { $0.score < $1.score }),
                  out[i].score >= rival.score else { continue }
            out[i].score = max(0, rival.score - 0.0001)
            if explains { out[i].reasons.append("the name is \(rival.name)'s own") }
        }
    }

    /// Whether a place is an area known widely enough that its own name is taken to mean it.
    static func isProminent(_ place: Place) -> Bool {
        switch place.kind {
        case .country, .province, .sea, .lake: return true
        case .region: return place.parent == nil
        default: return false
        }
    }

    /// A bare name that a province shares with a town in it means the town ("Kidal", "Hama": news
    /// says "Kidal region" for the province), unless the text calls it a province: the province
    /// scores just below the town.
    func preferTownsOverTheirProvinces(_ out: inout [Candidate], context: ResolutionContext) {
        if let word = context.kindWord?.lowercased(), PlaceKind.province.kindWords.contains(word) { return }
        let towns = out.filter { $0.precision == .town }
        guard !towns.isEmpty else { return }
        for i in out.indices where out[i].kind == .province {
            let prefix = out[i].id + "/"
            guard let town = towns.first(where: { $0.id.hasPrefix(prefix) && $0.match == out[i].match }), out[i].score >= town.score else { continue }
            out[i].score = max(0, town.score - 0.0001)
            if context.explains { out[i].reasons.append("a town in it has the same name, and the text does not call it a province") }
        }
    }

    /// How prominent a place is (0–1): population on a log scale, or a prior by kind.
    static func prominence(_ place: Place) -> Double {
        let byPopulation = place.population.map { $0 > 0 ? min(1, log10(Double($0) + 1) / 7) : 0 }
        if let byPopulation, place.precision == .town { return byPopulation }
        let byKind: Double
        switch place.kind {
        case .country: byKind = 0.9
        case .region where place.parent == nil: byKind = 0.9  // a world region: the Sahel, the Middle East
        case .sea: byKind = 0.9  // the Black Sea, the Gulf of Aden: known as widely as a world region
        case .lake: byKind = place.parent == nil ? 0.6 : 0.5  // a border lake (Lake Kivu) or a country's
        // A first-order unit (a US state, a Canadian province) is known more widely than any
        // town of its name but a large city's: "Florida" is not Florida, Cuba (63,000 people).
        case .province: byKind = 0.8
        case .district: byKind = 0.4
        case .valley, .pass, .mountainRange, .region: byKind = 0.35
        default: byKind = 0.2
        }
        // An area with a known population (a continent) is at least as prominent as its kind says.
        return max(byKind, byPopulation ?? 0)
    }

    /// The Levenshtein distance between two byte strings (names are short).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Whether two ASCII byte strings differ by at most one insertion, deletion or substitution.
    static func withinOneEdit(_ x: [UInt8], _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        x.withUnsafeBufferPointer { withinOneEdit($0, y) }
    }

    static func withinOneEdit(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        if abs(x.count - y.count) > 1 { return false }
        var i = 0, j = 0, edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] { i += 1; j += 1; continue }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count { i += 1 } else if y.count > x.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }
}
