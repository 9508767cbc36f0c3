import Foundation
import Gazetteer
import Geo

/// What one report contributes to an analysis: everything that can be read from it alone.
public struct DocumentRecord: Sendable, Hashable, Codable {
    public var id: String
    public var path: String
    public var title: String
    public var date: String?
    public var outlet: String?
    public var url: String?
    /// Sorted, distinct hashes of the report's 5-word shingles (see ``SyndicationClusterer``).
    public var signature: [UInt64]
    public var mentions: [Mention]
    public var claims: [Claim]
    public var unresolved: [UnresolvedName]

    enum CodingKeys: String, CodingKey { case id, path, title, date, outlet, url, signature, mentions, claims, unresolved }

    public init(id: String, path: String, title: String, date: String?, outlet: String?, url: String?, signature: [UInt64],
                mentions: [Mention], claims: [Claim], unresolved: [UnresolvedName]) {
        self.id = id
        self.path = path
        self.title = title
        self.date = date
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
        outlet = try c.decodeIfPresent(String.self, forKey: .outlet)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        // The signature travels as base64 of little-endian 64-bit words: exact, and a third of the size of decimal.
        let packed = try c.decode(String.self, forKey: .signature)
        guard let data = Data(base64Encoded: packed), data.count % 8 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .signature, in: c, debugDescription: "not base64 of 64-bit words")
        }
        signature = stride(from: 0, to: data.count, by: 8).map { i in
            data[data.startIndex + i..<data.startIndex + i + 8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
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
        try c.encodeIfPresent(outlet, forKey: .outlet)
        try c.encodeIfPresent(url, forKey: .url)
        var data = Data(capacity: signature.count * 8)
        for h in signature { for i in 0..<8 { data.append(UInt8(truncatingIfNeeded: h >> (8 * UInt64(i)))) } }
        try c.encode(data.base64EncodedString(), forKey: .signature)
        try c.encode(mentions, forKey: .mentions)
        try c.encode(claims, forKey: .claims)
        try c.encode(unresolved, forKey: .unresolved)
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
/// Partial results of disjoint batches ``merge(_:)`` (associatively and commutatively: the result
/// is the same value whatever the grouping and order) and ``finalize()`` gives exactly the analysis
/// of one run over all of them. The value is `Codable` (JSON) with a ``formatVersion``, so batches
/// can be read in other processes or on other machines and merged afterwards.
public struct PartialAnalysis: Sendable, Hashable, Codable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    /// One record per report, in canonical order (path, then id).
    public private(set) var documents: [DocumentRecord]
    /// The places the mentions and claims name, by id.
    public private(set) var places: [PlaceRecord]
    /// The profile actors' colours, by name.
    public private(set) var actors: [ActorRecord]

    enum CodingKeys: String, CodingKey { case formatVersion = "format_version", documents, places, actors }

    /// An empty batch: the identity of `merge`.
    public init() {
        formatVersion = Self.currentFormatVersion
        documents = []
        places = []
        actors = []
    }

    init(records: [DocumentRecord], gazetteer: Gazetteer, actors profiles: ActorProfiles) {
        formatVersion = Self.currentFormatVersion
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

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        guard formatVersion == Self.currentFormatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: c,
                debugDescription: "partial analysis format \(formatVersion); this version reads \(Self.currentFormatVersion)")
        }
        documents = Self.canonical(try c.decode([DocumentRecord].self, forKey: .documents))
        places = try c.decode([PlaceRecord].self, forKey: .places).sorted { $0.id < $1.id }
        actors = try c.decode([ActorRecord].self, forKey: .actors).sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
    }

    /// Sorted and without duplicates: a report in two batches is kept once (the lesser by a total order).
    static func canonical(_ records: [DocumentRecord]) -> [DocumentRecord] {
        let sorted = records.sorted { DocumentRecord.precedes($0, $1) || (!DocumentRecord.precedes($1, $0) && DocumentRecord.tieBreak($0, $1)) }
        var out: [DocumentRecord] = []
        out.reserveCapacity(sorted.count)
        for r in sorted {
            if let last = out.last, last.path == r.path, last.id == r.id { continue }
            out.append(r)
        }
        return out
    }

    /// This batch and another as one.
    public func merging(_ other: PartialAnalysis) -> PartialAnalysis {
        var out = PartialAnalysis()
        out.documents = Self.canonical(documents + other.documents)
        var places: [String: PlaceRecord] = [:]
        for p in self.places + other.places {
            if let old = places[p.id], (old.name, old.latitude, old.longitude) <= (p.name, p.latitude, p.longitude) { continue }
            places[p.id] = p
        }
        out.places = places.values.sorted { $0.id < $1.id }
        var actors: [String: String] = [:]
        for a in self.actors + other.actors {
            if let old = actors[a.name], old <= a.colour { continue }
            actors[a.name] = a.colour
        }
        out.actors = actors.map { ActorRecord(name: $0.key, colour: $0.value) }.sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
        return out
    }

    /// Any number of batches as one.
    public static func merge(_ parts: [PartialAnalysis]) -> PartialAnalysis {
        parts.reduce(PartialAnalysis()) { $0.merging($1) }
    }

    /// The analysis: syndication clusters, per-place counts, and control assessments.
    public func finalize(scoring: ControlScoring = ControlScoring()) -> Analysis {
        let clusterer = SyndicationClusterer()
        let clusters = clusterer.clusters(documents.map { ($0.id, $0.signature) })
        let summaries = documents.map {
            DocumentSummary(id: $0.id, path: $0.path, title: $0.title, date: $0.date, outlet: $0.outlet, sourceCluster: clusters[$0.id] ?? $0.id)
        }
        let mentions = documents.flatMap(\.mentions)
        let claims = documents.flatMap(\.claims)
        let unresolved = documents.flatMap(\.unresolved)
        var byPlace: [String: (count: Int, docs: Set<String>, sources: Set<String>)] = [:]
        for m in mentions {
            var entry = byPlace[m.place] ?? (0, [], [])
            entry.count += 1
            entry.docs.insert(m.document)
            entry.sources.insert(clusters[m.document] ?? m.document)
            byPlace[m.place] = entry
        }
        let dates = Dictionary(documents.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        let reference = scoring.referenceDate(reports: documents.compactMap(\.date), claims: claims.compactMap(\.date))
        let claimsByPlace = Dictionary(grouping: claims, by: \.place)
        let colours = Dictionary(actors.map { ($0.name, $0.colour) }, uniquingKeysWith: { a, _ in a })
        var out: [PlaceSummary] = []
        let placeIDs = Set(byPlace.keys).union(claimsByPlace.keys)
        let records = Dictionary(places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in placeIDs {
            guard let p = records[id] else { continue }
            let entry = byPlace[id] ?? (0, [], [])
            let placeClaims = claimsByPlace[id] ?? []
            var control = scoring.assess(placeClaims, clusters: clusters, reportDates: dates, reference: reference)
            if let a = control.actor { control.colour = colours[a] }
            out.append(PlaceSummary(
                id: id, name: p.name, kind: p.kind, latitude: p.latitude, longitude: p.longitude, precision: p.precision,
                mentions: entry.count, documents: entry.docs.count, sources: entry.sources.count, claims: placeClaims.count, control: control))
        }
        out.sort { ($1.sources, $1.mentions, $0.id) < ($0.sources, $0.mentions, $1.id) }
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
        for c in claims.sorted(by: { ($0.document, $0.start, $0.actor, $0.action) < ($1.document, $1.start, $1.actor, $1.action) }) {
            let cluster = clusters[c.document] ?? c.document
            let w = weight(c, reportDate: reportDates[c.document] ?? nil, reference: reference)
            guard w > 0 else { continue }
            guard let action = c.actionKind else { continue }
            switch action {
            case .captured, .holds, .regained:
                support[c.actor, default: [:]][cluster] = max(support[c.actor]?[cluster] ?? 0, w)
            case .lost, .withdrew:
                if let gainer = c.opponent { support[gainer, default: [:]][cluster] = max(support[gainer]?[cluster] ?? 0, w) }
            case .attacked:
                if c.role == .origin {
                    support[c.actor, default: [:]][cluster] = max(support[c.actor]?[cluster] ?? 0, w)
                } else if !c.ranged {
                    fighting[cluster] = max(fighting[cluster] ?? 0, w)
                }
            case .contested:
                fighting[cluster] = max(fighting[cluster] ?? 0, w)
            }
        }
        func noisyOr(_ ws: [String: Double]) -> Double {
            1 - ws.keys.sorted().reduce(1.0) { $0 * (1 - ws[$1]!) }
        }
        let ranked = support.map { ($0.key, noisyOr($0.value)) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        let f = noisyOr(fighting)
        let (leader, s1) = ranked.first ?? ("", 0)
        let s2 = ranked.count > 1 ? ranked[1].1 : 0
        func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
        if s1 < threshold && f < threshold { return .none }
        if (s2 >= threshold && s2 >= contestRatio * s1) || (f >= threshold && f >= contestRatio * s1) {
            return ControlAssessment(status: .contested, actor: nil, confidence: round3(1 - (1 - f) * (1 - s2)))
        }
        return ControlAssessment(status: .claimed, actor: leader, confidence: round3(s1 * (1 - s2) * (1 - f / 2)))
    }
}
