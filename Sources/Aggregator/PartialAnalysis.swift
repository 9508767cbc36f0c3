import Foundation
import Gazetteer
import Geo

/// What one report contributes to an analysis: everything that can be read from it alone.
public struct DocumentRecord: Sendable, Hashable, Codable {
    public var id: String
    public var path: String
    public var title: String
    public var date: String?
    /// Where ``date`` was found (format 2 on; `nil` when undated, and in format 1).
    public var dateSource: DateSource?
    public var outlet: String?
    public var url: String?
    /// Sorted, distinct hashes of the report's 5-word shingles (see ``SyndicationClusterer``).
    public var signature: [UInt64]
    public var mentions: [Mention]
    public var claims: [Claim]
    public var unresolved: [UnresolvedName]

    enum CodingKeys: String, CodingKey {
        case id, path, title, date, dateSource = "date_source", outlet, url, signature, mentions, claims, unresolved
    }

    public init(id: String, path: String, title: String, date: String?, outlet: String?, url: String?, signature: [UInt64],
                mentions: [Mention], claims: [Claim], unresolved: [UnresolvedName], dateSource: DateSource? = nil) {
        self.id = id
        self.path = path
        self.title = title
        self.date = date
        self.dateSource = dateSource
        self.outlet = outlet
        self.url = url
        self.signature = signature
        self.mentions = mentions
        self.claims = claims
        self.unresolved = unresolved
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        path = try c.decode(String.self, forKey: .path)
        title = try c.decode(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        dateSource = try c.decodeIfPresent(DateSource.self, forKey: .dateSource)
        outlet = try c.decodeIfPresent(String.self, forKey: .outlet)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        // The signature travels as base64 of little-endian 64-bit words: exact, and a third of the size of decimal.
        let packed = try c.decode(String.self, forKey: .signature)
        guard let data = Data(base64Encoded: packed), data.count % 8 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .signature, in: c, debugDescription: "not base64 of 64-bit words")
        }
        signature = data.withUnsafeBytes { raw in
            (0..<raw.count / 8).map { i in (0..<8).reduce(UInt64(0)) { $0 | UInt64(raw[i * 8 + $1]) << (8 * UInt64($1)) } }
        }
        mentions = try c.decode([Mention].self, forKey: .mentions)
        claims = try c.decode([Claim].self, forKey: .claims)
        unresolved = try c.decode([UnresolvedName].self, forKey: .unresolved)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(date, forKey: .date)
        try c.encodeIfPresent(dateSource, forKey: .dateSource)
        try c.encodeIfPresent(outlet, forKey: .outlet)
        try c.encodeIfPresent(url, forKey: .url)
        try c.encode(Self.pack(signature), forKey: .signature)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(claims, forKey: .claims)
        try c.encode(unresolved, forKey: .unresolved)
    }

    /// A signature as base64 of little-endian 64-bit words.
    static func pack(_ signature: [UInt64]) -> String {
        var data = Data(capacity: signature.count * 8)
        for h in signature { for i in 0..<8 { data.append(UInt8(truncatingIfNeeded: h >> (8 * UInt64(i)))) } }
        return data.base64EncodedString()
    }

    /// The canonical order of reports: by path, then by id (numbers in ids compared as numbers).
    static func precedes(_ l: DocumentRecord, _ r: DocumentRecord) -> Bool {
        if l.path != r.path { return l.path < r.path }
        let c = l.id.compare(r.id, options: [.numeric, .literal])
        if c != .orderedSame { return c == .orderedAscending }
        return l.id < r.id
    }

    /// A total order used only when two batches hold the same report (same path and id).
    static func tieBreak(_ l: DocumentRecord, _ r: DocumentRecord) -> Bool {
        let a: (String, String, String, String) = (l.title, l.date ?? "", l.outlet ?? "", l.url ?? "")
        let b: (String, String, String, String) = (r.title, r.date ?? "", r.outlet ?? "", r.url ?? "")
        if a != b { return a < b }
        if l.dateSource != r.dateSource { return (l.dateSource?.rawValue ?? "") < (r.dateSource?.rawValue ?? "") }
        let x: (Int, Int, Int) = (l.signature.count, l.mentions.count, l.claims.count)
        let y: (Int, Int, Int) = (r.signature.count, r.mentions.count, r.claims.count)
        return x < y
    }
}

/// A gazetteer place as the final analysis needs it (so that finishing needs no gazetteer).
public struct PlaceRecord: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var latitude: Double
    public var longitude: Double
    public var precision: Precision

    enum CodingKeys: String, CodingKey { case id, name, kind, latitude = "lat", longitude = "lon", precision }
}

/// An actor's map colour, from its profile.
public struct ActorRecord: Sendable, Hashable, Codable {
    public var name: String
    public var colour: String
}

/// The analysis of a batch of reports, before the steps that need every report at once.
///
/// Partial results of disjoint batches ``merging(_:)`` (associatively and commutatively: the result
/// is the same value whatever the grouping and order) and ``finalize()`` gives exactly the analysis
/// of one run over all of them. The value is `Codable` (JSON) with a ``formatVersion``, so batches
/// can be read in other processes or on other machines and merged afterwards. The README's
/// "Partial results" section documents the JSON.
public struct PartialAnalysis: Sendable, Hashable, Codable {
    /// 2 added each report's `date_source`; format 1 (without it) is still read.
    public static let currentFormatVersion = 2

    public var formatVersion: Int
    /// A fingerprint of what the reports were read with (the gazetteer, the actor profiles, the
    /// region, the default date, the shingle length): batches read differently must not be merged.
    /// `nil` only for the empty partial.
    public private(set) var settings: String?
    /// One record per report, in canonical order (path, then id).
    public private(set) var documents: [DocumentRecord]
    /// The places the mentions and claims name, by id.
    public private(set) var places: [PlaceRecord]
    /// The profile actors' colours, by name.
    public private(set) var actors: [ActorRecord]

    enum CodingKeys: String, CodingKey { case formatVersion = "format_version", settings, documents, places, actors }

    /// An empty batch: the identity of `merge`.
    public init() {
        formatVersion = Self.currentFormatVersion
        settings = nil
        documents = []
        places = []
        actors = []
    }

    init(records: [DocumentRecord], gazetteer: Gazetteer, actors profiles: ActorProfiles, settings: String) {
        formatVersion = Self.currentFormatVersion
        self.settings = settings
        documents = Self.canonical(records)
        var ids = Set<String>()
        for r in records {
            for m in r.mentions { ids.insert(m.place) }
            for c in r.claims { ids.insert(c.place) }
        }
        places = ids.sorted().compactMap { id in
            gazetteer.place(id: id).map {
                PlaceRecord(id: id, name: $0.name, kind: $0.kind, latitude: $0.coordinate.latitude, longitude: $0.coordinate.longitude, precision: $0.precision)
            }
        }
        var colours: [String: String] = [:]
        let used = Set(records.flatMap { $0.claims.map(\.actor) })
        for p in profiles.profiles { for s in p.sides where used.contains(s.name) && colours[s.name] == nil { colours[s.name] = s.colour } }
        actors = colours.map { ActorRecord(name: $0.key, colour: $0.value) }.sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
    }

    /// Reads a partial result, refusing one from another format version, one that is not a partial
    /// result, and one whose records contradict each other (see ``PartialFormatError``).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let version = try c.decodeIfPresent(Int.self, forKey: .formatVersion) else {
            let keys = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
            if keys.isSuperset(of: ["documents", "places", "mentions", "claims"]) { throw PartialFormatError.finalAnalysis }
            throw PartialFormatError.notPartial
        }
        if version > Self.currentFormatVersion { throw PartialFormatError.newerVersion(version) }
        if version < 1 { throw PartialFormatError.unknownVersion(version) }
        formatVersion = version
        settings = try c.decodeIfPresent(String.self, forKey: .settings)
        let records = try c.decode([DocumentRecord].self, forKey: .documents)
        places = try c.decode([PlaceRecord].self, forKey: .places).sorted { $0.id < $1.id }
        actors = try c.decode([ActorRecord].self, forKey: .actors).sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
        if settings == nil && !records.isEmpty { throw PartialFormatError.inconsistent("it has reports but no \"settings\"") }
        var conflict: (DocumentRecord, DocumentRecord)?
        documents = Self.canonical(records, conflict: &conflict)
        if let (a, _) = conflict {
            throw PartialFormatError.inconsistent("it holds report \(a.id) (\(a.path)) twice, with different contents")
        }
        try check()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(formatVersion, forKey: .formatVersion)
        try c.encodeIfPresent(settings, forKey: .settings)
        try c.encode(documents, forKey: .documents)
        try c.encode(places, forKey: .places)
        try c.encode(actors, forKey: .actors)
    }

    /// Checks that the records agree with each other: every mention, claim and unresolved name
    /// belongs to the report that holds it, every place named has its record, and every signature
    /// is sorted and distinct (as the clusterer needs).
    func check() throws(PartialFormatError) {
        let placeIDs = Set(places.map(\.id))
        if placeIDs.count != places.count { throw .inconsistent("a place has two different records") }
        if Set(actors.map(\.name)).count != actors.count { throw .inconsistent("an actor has two different colours") }
        for d in documents {
            for m in d.mentions {
                if m.document != d.id { throw .inconsistent("report \(d.id) holds a mention of report \(m.document)") }
                if !placeIDs.contains(m.place) { throw .inconsistent("report \(d.id) mentions \(m.place), which has no place record") }
            }
            for c in d.claims {
                if c.document != d.id { throw .inconsistent("report \(d.id) holds a claim of report \(c.document)") }
                if !placeIDs.contains(c.place) { throw .inconsistent("report \(d.id) has a claim about \(c.place), which has no place record") }
            }
            for u in d.unresolved where u.document != d.id {
                throw .inconsistent("report \(d.id) holds an unresolved name of report \(u.document)")
            }
            for k in d.signature.indices.dropFirst() where d.signature[k - 1] >= d.signature[k] {
                throw .inconsistent("the signature of report \(d.id) is not sorted and distinct")
            }
        }
    }

    /// Sorted and without duplicates: a report in two batches is kept once (the lesser by a total order).
    static func canonical(_ records: [DocumentRecord]) -> [DocumentRecord] {
        var conflict: (DocumentRecord, DocumentRecord)?
        return canonical(records, conflict: &conflict)
    }

    /// Sorted and without duplicates; `conflict` is set to the first two records that share a path
    /// and an id but differ (two different reports under one name, not one report read twice).
    static func canonical(_ records: [DocumentRecord], conflict: inout (DocumentRecord, DocumentRecord)?) -> [DocumentRecord] {
        let sorted = records.sorted { DocumentRecord.precedes($0, $1) || (!DocumentRecord.precedes($1, $0) && DocumentRecord.tieBreak($0, $1)) }
        var out: [DocumentRecord] = []
        out.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = out.last, last.path == r.path, last.id == r.id {
                if conflict == nil && last != r { conflict = (last, r) }
                continue
            }
            out.append(r)
        }
        return out
    }

    /// This batch and another as one.
    ///
    /// Total, so that merging is associative and commutative whatever the inputs: a report in both
    /// is kept once (if the two copies differ, the lesser by a total order), and of two different
    /// settings the lesser is kept. ``checkedMerging(_:)`` and ``merge(_:)-(Input)`` refuse those
    /// cases instead.
    public func merging(_ other: PartialAnalysis) -> PartialAnalysis {
        var conflict: (DocumentRecord, DocumentRecord)?
        return Self.combine([self, other], conflict: &conflict)
    }

    /// The batches as one; `conflict` is set to the first two different records with one path and id.
    static func combine(_ parts: [PartialAnalysis], conflict: inout (DocumentRecord, DocumentRecord)?) -> PartialAnalysis {
        var out = PartialAnalysis()
        out.settings = parts.compactMap(\.settings).min()
        out.documents = Self.canonical(parts.flatMap(\.documents), conflict: &conflict)
        var places: [String: PlaceRecord] = [:]
        for p in parts.lazy.flatMap(\.places) {
            if let old = places[p.id], (old.name, old.latitude, old.longitude) <= (p.name, p.latitude, p.longitude) { continue }
            places[p.id] = p
        }
        out.places = places.values.sorted { $0.id < $1.id }
        var actors: [String: String] = [:]
        for a in parts.lazy.flatMap(\.actors) {
            if let old = actors[a.name], old <= a.colour { continue }
            actors[a.name] = a.colour
        }
        out.actors = actors.map { ActorRecord(name: $0.key, colour: $0.value) }.sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
        return out
    }

    /// This batch and another as one, refusing batches that cannot be one analysis: batches read
    /// with different settings (gazetteer, actor profiles, region, default date), and two
    /// different reports under one path and id (such as reports on standard input without an
    /// `id`, which are numbered by line in every batch). One report present in both is fine.
    public func checkedMerging(_ other: PartialAnalysis) throws(PartialFormatError) -> PartialAnalysis {
        if let a = settings, let b = other.settings, a != b { throw .settingsDiffer(a, b) }
        var conflict: (DocumentRecord, DocumentRecord)?
        let out = Self.combine([self, other], conflict: &conflict)
        if let (a, _) = conflict { throw .reportDiffers(id: a.id, path: a.path) }
        return out
    }

    /// Any number of batches as one (see ``merging(_:)``).
    public static func merge(_ parts: [PartialAnalysis]) -> PartialAnalysis {
        var conflict: (DocumentRecord, DocumentRecord)?
        return combine(parts, conflict: &conflict)
    }

    /// A partial result and where it was read from.
    public struct Input: Sendable {
        public var partial: PartialAnalysis
        /// A file's path, or "standard input".
        public var source: String
        /// The line it starts on.
        public var line: Int?

        public init(partial: PartialAnalysis, source: String, line: Int? = nil) {
            self.partial = partial
            self.source = source
            self.line = line
        }
    }

    /// Partial results read from several inputs as one, refusing, with the input and line, one
    /// read with other settings than the first or holding a report that another input holds
    /// with different contents (see ``checkedMerging(_:)``).
    public static func merge(_ inputs: [Input]) throws(PartialAnalysisError) -> PartialAnalysis {
        if let first = inputs.first(where: { $0.partial.settings != nil }), let expected = first.partial.settings {
            for input in inputs {
                if let s = input.partial.settings, s != expected {
                    throw PartialAnalysisError(source: input.source, line: input.line, problem: .settingsDiffer(expected, s))
                }
            }
        }
        var conflict: (DocumentRecord, DocumentRecord)?
        let out = combine(inputs.map(\.partial), conflict: &conflict)
        if let (a, b) = conflict {
            // Name the second input that holds the report (the first holding either copy is "earlier").
            let holders = inputs.filter { input in input.partial.documents.contains { $0 == a || $0 == b } }
            let culprit = holders.count > 1 ? holders[1] : inputs[inputs.count - 1]
            throw PartialAnalysisError(source: culprit.source, line: culprit.line, problem: .reportDiffers(id: a.id, path: a.path))
        }
        return out
    }

    /// The analysis: syndication clusters, per-place counts, and control assessments.
    public func finalize(scoring: ControlScoring = ControlScoring()) -> Analysis {
        let clusterer = SyndicationClusterer()
        let clusters = clusterer.clusters(documents.map { ($0.id, $0.signature) })
        let summaries = documents.map {
            DocumentSummary(id: $0.id, path: $0.path, title: $0.title, date: $0.date, dateSource: $0.dateSource, outlet: $0.outlet,
                            sourceCluster: clusters[$0.id] ?? $0.id)
        }
        let mentions = documents.flatMap(\.mentions)
        let claims = documents.flatMap(\.claims)
        let unresolved = documents.flatMap(\.unresolved)
        let byPlace = MentionCounts.tally(mentions, clusters: clusters)
        let dates = Dictionary(documents.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        let reference = scoring.referenceDate(reports: documents.compactMap(\.date), claims: claims.compactMap(\.date))
        let claimsByPlace = Dictionary(grouping: claims, by: \.place)
        let colours = Dictionary(actors.map { ($0.name, $0.colour) }, uniquingKeysWith: { a, _ in a })
        var out: [PlaceSummary] = []
        let placeIDs = Set(byPlace.keys).union(claimsByPlace.keys)
        let records = Dictionary(places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in placeIDs {
            guard let p = records[id] else { continue }
            let entry = byPlace[id] ?? MentionCounts()
            let placeClaims = claimsByPlace[id] ?? []
            var control = scoring.assess(placeClaims, clusters: clusters, reportDates: dates, reference: reference)
            if let a = control.actor { control.colour = colours[a] }
            out.append(PlaceSummary(
                id: id, name: p.name, kind: p.kind, latitude: p.latitude, longitude: p.longitude, precision: p.precision,
                mentions: entry.mentions, documents: entry.documents.count, sources: entry.sources.count, claims: placeClaims.count,
                control: control))
        }
        out.sort(by: PlaceSummary.inAnalysisOrder)
        return Analysis(documents: summaries, places: out, mentions: mentions, claims: claims, unresolved: unresolved)
    }
}

/// How the control of a place is assessed from the claims about it (the README gives the formula).
public struct ControlScoring: Sendable, Hashable {
    /// Weight by who makes the claim: the actor about itself counts least, the report's own voice most.
    public var claimantWeight: [Claimant: Double] = [.actor: 0.5, .opponent: 0.6, .thirdParty: 0.8, .reporter: 0.9]
    /// Factor for a hedged claim.
    public var hedgeFactor = 0.5
    /// Factor for a claim about part of a place ("three districts") or about forces present there.
    public var partialFactor = 0.5
    /// Factor for a claim denied without full credibility (a side denying a third party's unhedged report).
    public var weakDenialFactor = 0.5
    /// Claims lose half their weight for every this many days they are older than the newest date.
    public var halfLifeDays = 14.0
    /// Factor for a claim of one side holding a place (or of fighting there) dated before another
    /// side is said to have taken it: the capture supersedes it.
    public var supersededFactor = 0.25
    /// Below this, support and fighting count as nothing.
    public var threshold = 0.1
    /// A second side (or fighting) at least this fraction of the leader's support makes the place contested.
    public var contestRatio = 0.5

    public init() {}

    func referenceDate(reports: [String], claims: [String]) -> CivilDate? {
        (reports + claims).compactMap { CivilDate($0) }.max()
    }

    /// The weight of one claim (0–1), before sources are combined.
    func weight(_ c: Claim, reportDate: String?, reference: CivilDate?) -> Double {
        var w = c.claimantKind.flatMap { claimantWeight[$0] } ?? 0.5
        if c.hedged { w *= hedgeFactor }
        if c.partial { w *= partialFactor }
        if c.denied {
            // A denial cancels, unless it is a side denying what a third party or the report states unhedged.
            let weak = (c.claimantKind == .thirdParty || c.claimantKind == .reporter) && !c.hedged && (c.denierKind == .actor || c.denierKind == .opponent)
            w *= weak ? weakDenialFactor : 0
        }
        if let reference, let d = CivilDate(c.date) ?? CivilDate(reportDate) {
            let age = Double(max(0, reference.dayNumber - d.dayNumber))
            w *= pow(0.5, age / halfLifeDays)
        }
        return w
    }

    /// The control assessment of a place from the claims about it.
    func assess(_ claims: [Claim], clusters: [String: String], reportDates: [String: String?], reference: CivilDate?) -> ControlAssessment {
        // Per independent source (cluster): the strongest claim of each kind; copies count once.
        var support: [String: [String: Double]] = [:]  // actor → cluster → weight
        var fighting: [String: Double] = [:]            // cluster → weight
        // Attacks by one side alone, by side: where that side also leads the claims of control, its
        // own attacks (before it took the place, or on the people in it) contest nothing.
        var attacksBy: [String: [String: Double]] = [:] // actor → cluster → weight
        // One side written two ways in two reports is one side, never its own contender. (Each name
        // counts once: the streaming finalizer keeps one claim of each kind, not all.)
        let sides = SideNames.canonical(claims.reduce(into: [:]) { $0[$1.actor] = 1 })
        let named = claims.map { c -> Claim in
            var c = c
            c.actor = sides[c.actor] ?? c.actor
            c.opponent = c.opponent.map { sides[$0] ?? $0 }
            return c
        }
        let taken = Self.lastTaken(named, reportDates: reportDates)
        for c in named.sorted(by: { ($0.document, $0.start, $0.actor, $0.action) < ($1.document, $1.start, $1.actor, $1.action) }) {
            let cluster = clusters[c.document] ?? c.document
            var w = weight(c, reportDate: reportDates[c.document] ?? nil, reference: reference)
            guard w > 0 else { continue }
            guard let action = c.actionKind else { continue }
            if let day = Self.day(of: c, reportDates: reportDates), Self.supersededOn(day, by: taken, for: c, action) { w *= supersededFactor }
            switch action {
            case .captured, .holds, .regained:
                support[c.actor, default: [:]][cluster] = max(support[c.actor]?[cluster] ?? 0, w)
            case .lost, .withdrew:
                if let gainer = c.opponent { support[gainer, default: [:]][cluster] = max(support[gainer]?[cluster] ?? 0, w) }
            case .attacked:
                if c.role == .origin {
                    support[c.actor, default: [:]][cluster] = max(support[c.actor]?[cluster] ?? 0, w)
                } else if !c.ranged {
                    attacksBy[c.actor, default: [:]][cluster] = max(attacksBy[c.actor]?[cluster] ?? 0, w)
                }
            case .contested:
                fighting[cluster] = max(fighting[cluster] ?? 0, w)
            }
        }
        func noisyOr(_ ws: [String: Double]) -> Double {
            1 - ws.sorted { $0.key < $1.key }.reduce(1.0) { $0 * (1 - $1.value) }
        }
        let ranked = support.map { ($0.key, noisyOr($0.value)) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        let (leader, s1) = ranked.first ?? ("", 0)
        for (actor, byCluster) in attacksBy where actor != leader || s1 < threshold {
            for (cluster, w) in byCluster { fighting[cluster] = max(fighting[cluster] ?? 0, w) }
        }
        let f = noisyOr(fighting)
        let s2 = ranked.count > 1 ? ranked[1].1 : 0
        func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        if s1 < threshold && f < threshold { return .none }
        if (s2 >= threshold && s2 >= contestRatio * s1) || (f >= threshold && f >= contestRatio * s1) {
            return ControlAssessment(status: .contested, actor: nil, confidence: round3(1 - (1 - f) * (1 - s2)))
        }
        return ControlAssessment(status: .claimed, actor: leader, confidence: round3(s1 * (1 - s2) * (1 - f / 2)))
    }
}
