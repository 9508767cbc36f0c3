import Foundation
import Gazetteer
import Geo

/// A report as the analysis lists it.
public struct DocumentSummary: Sendable, Hashable, Codable {
    public var id: String
    public var path: String
    public var title: String
    public var date: String?
    public var outlet: String?
    /// The id of its syndication cluster: reports in one cluster are copies of one story.
    public var sourceCluster: String

    enum CodingKeys: String, CodingKey {
        case id, path, title, date, outlet, sourceCluster = "source_cluster"
    }
}

/// Who, if anyone, is claimed to control a place, and how sure the evidence is.
public struct ControlAssessment: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        case claimed, contested, none
    }
    public var status: Status
    /// The actor claimed to control it (for `claimed`), or `nil`.
    public var actor: String?
    /// 0–1; see the README for the formula.
    public var confidence: Double

    public static let none = ControlAssessment(status: .none, actor: nil, confidence: 0)
}

/// A place named in the reports, with its counts and control assessment.
public struct PlaceSummary: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var latitude: Double
    public var longitude: Double
    public var precision: Precision
    /// How many times the reports name it.
    public var mentions: Int
    /// How many reports name it.
    public var documents: Int
    /// How many independent sources (syndication clusters) name it.
    public var sources: Int
    public var control: ControlAssessment

    enum CodingKeys: String, CodingKey {
        case id, name, kind, latitude = "lat", longitude = "lon", precision, mentions, documents, sources, control
    }

    public var coordinate: Coordinate { Coordinate(latitude: latitude, longitude: longitude) }
}

/// A claim of control or of fighting at a place, as a report states it.
public struct Claim: Sendable, Hashable, Codable {
    public var document: String
    public var place: String
    public var actor: String
    public var action: String
    /// Who makes the claim: the actor itself, its opponent, a third party, or the reporter.
    public var claimant: String
    /// Whether the report hedges it ("claimed", "could not independently verify").
    public var hedged: Bool
    /// Whether it is denied.
    public var denied: Bool
    public var sentence: String
    public var start: Int
    public var end: Int
    public var date: String?
}

/// Everything the aggregator found in a set of reports; prints as the `analyze` JSON.
public struct Analysis: Sendable, Hashable, Codable {
    public var documents: [DocumentSummary]
    public var places: [PlaceSummary]
    public var mentions: [Mention]
    public var claims: [Claim]
    public var unresolved: [UnresolvedName]

    /// The number of independent sources among the documents.
    public var independentSources: Int { Set(documents.map(\.sourceCluster)).count }

    /// The earliest and latest report dates, when known.
    public var dateRange: (first: String, last: String)? {
        let dates = documents.compactMap(\.date).sorted()
        guard let f = dates.first, let l = dates.last else { return nil }
        return (f, l)
    }

    public static func == (l: Analysis, r: Analysis) -> Bool {
        l.documents == r.documents && l.places == r.places && l.mentions == r.mentions && l.claims == r.claims
            && l.unresolved == r.unresolved
    }

    public func hash(into h: inout Hasher) { h.combine(documents); h.combine(places) }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Runs the pipeline from reports to scored places.
public struct Analyzer: Sendable {
    public let gazetteer: Gazetteer
    public var region: Place?
    public var clusterer = SyndicationClusterer()

    public init(gazetteer: Gazetteer, region: Place? = nil) {
        self.gazetteer = gazetteer
        self.region = region
    }

    /// Analyses the reports: mentions, syndication clusters, and per-place counts.
    public func analyze(_ reports: [Report]) -> Analysis {
        let finder = MentionFinder(gazetteer: gazetteer, region: region)
        var mentions: [Mention] = []
        var unresolved: [UnresolvedName] = []
        for report in reports {
            let found = finder.find(in: report)
            mentions.append(contentsOf: found.mentions)
            unresolved.append(contentsOf: found.unresolved)
        }
        let clusters = clusterer.clusters(reports.map { ($0.id, clusterer.signature(of: $0.text)) })
        let documents = reports.map {
            DocumentSummary(id: $0.id, path: $0.path, title: $0.title, date: $0.date, outlet: $0.outlet,
                            sourceCluster: clusters[$0.id] ?? $0.id)
        }
        var byPlace: [String: (count: Int, docs: Set<String>, sources: Set<String>)] = [:]
        for m in mentions {
            var entry = byPlace[m.place] ?? (0, [], [])
            entry.count += 1
            entry.docs.insert(m.document)
            entry.sources.insert(clusters[m.document] ?? m.document)
            byPlace[m.place] = entry
        }
        var places: [PlaceSummary] = []
        for (id, entry) in byPlace {
            guard let p = gazetteer.place(id: id) else { continue }
            places.append(PlaceSummary(
                id: id, name: p.name, kind: p.kind, latitude: p.coordinate.latitude, longitude: p.coordinate.longitude,
                precision: p.precision, mentions: entry.count, documents: entry.docs.count, sources: entry.sources.count,
                control: .none))
        }
        places.sort { ($1.sources, $1.mentions, $0.id) < ($0.sources, $0.mentions, $1.id) }
        return Analysis(documents: documents, places: places, mentions: mentions, claims: [], unresolved: unresolved)
    }
}
