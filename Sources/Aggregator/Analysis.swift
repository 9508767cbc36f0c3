import Foundation
import Gazetteer
import Geo

/// A report as the analysis lists it.
public struct DocumentSummary: Sendable, Hashable, Codable {
    public var id: String
    public var path: String
    public var title: String
    public var date: String?
    /// Where ``date`` was found; `nil` when the report is undated (or its date was set by the caller).
    public var dateSource: DateSource?
    public var outlet: String?
    /// The id of its syndication cluster: reports in one cluster are copies of one story.
    public var sourceCluster: String

    enum CodingKeys: String, CodingKey {
        case id, path, title, date, dateSource = "date_source", outlet, sourceCluster = "source_cluster"
    }

    public init(id: String, path: String, title: String, date: String?, dateSource: DateSource? = nil, outlet: String?, sourceCluster: String) {
        self.id = id
        self.path = path
        self.title = title
        self.date = date
        self.dateSource = dateSource
        self.outlet = outlet
        self.sourceCluster = sourceCluster
    }

    /// Reads a report's summary, with `date_source` (added in issue 15) optional for JSON written before it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        path = try c.decode(String.self, forKey: .path)
        title = try c.decode(String.self, forKey: .title)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        dateSource = try c.decodeIfPresent(DateSource.self, forKey: .dateSource)
        outlet = try c.decodeIfPresent(String.self, forKey: .outlet)
        sourceCluster = try c.decode(String.self, forKey: .sourceCluster)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(path, forKey: .path)
        try c.encode(title, forKey: .title)
        try c.encode(date, forKey: .date)  // null when unknown, never left out
        try c.encode(dateSource, forKey: .dateSource)  // likewise
        try c.encodeIfPresent(outlet, forKey: .outlet)
        try c.encode(sourceCluster, forKey: .sourceCluster)
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
    /// The actor's map colour from its profile, when it has one.
    public var colour: String?

    public init(status: Status, actor: String? = nil, confidence: Double, colour: String? = nil) {
        self.status = status
        self.actor = actor
        self.confidence = confidence
        self.colour = colour
    }

    public static let none = ControlAssessment(status: .none, actor: nil, confidence: 0)

    enum CodingKeys: String, CodingKey { case status, actor, confidence, colour }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(actor, forKey: .actor)  // null when there is none, never left out
        try c.encode(confidence, forKey: .confidence)
        try c.encodeIfPresent(colour, forKey: .colour)
    }
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
    /// How many claims are about it (copies included).
    public var claims: Int
    public var control: ControlAssessment

    enum CodingKeys: String, CodingKey {
        case id, name, kind, latitude = "lat", longitude = "lon", precision, mentions, documents, sources, claims, control
    }

    public init(id: String, name: String, kind: PlaceKind, latitude: Double, longitude: Double, precision: Precision, mentions: Int,
                documents: Int, sources: Int, claims: Int = 0, control: ControlAssessment = .none) {
        self.id = id
        self.name = name
        self.kind = kind
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.mentions = mentions
        self.documents = documents
        self.sources = sources
        self.claims = claims
        self.control = control
    }

    /// Reads a place, with `claims` (added in issue 4) optional for JSON written before it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        kind = try c.decode(PlaceKind.self, forKey: .kind)
        latitude = try c.decode(Double.self, forKey: .latitude)
        longitude = try c.decode(Double.self, forKey: .longitude)
        precision = try c.decode(Precision.self, forKey: .precision)
        mentions = try c.decode(Int.self, forKey: .mentions)
        documents = try c.decode(Int.self, forKey: .documents)
        sources = try c.decode(Int.self, forKey: .sources)
        claims = try c.decodeIfPresent(Int.self, forKey: .claims) ?? 0
        control = try c.decodeIfPresent(ControlAssessment.self, forKey: .control) ?? .none
    }

    public var coordinate: Coordinate { Coordinate(latitude: latitude, longitude: longitude) }
}

/// Everything the aggregator found in a set of reports; prints as the `analyze` JSON.
public struct Analysis: Sendable, Hashable, Codable {
    public var documents: [DocumentSummary]
    public var places: [PlaceSummary]
    public var mentions: [Mention]
    public var claims: [Claim]
    public var unresolved: [UnresolvedName]

    public init(documents: [DocumentSummary], places: [PlaceSummary], mentions: [Mention], claims: [Claim], unresolved: [UnresolvedName]) {
        self.documents = documents
        self.places = places
        self.mentions = mentions
        self.claims = claims
        self.unresolved = unresolved
    }

    /// The places named as places, by a mention without a role or by a claim: what maps, GeoJSON
    /// and CSV show. (``places`` also lists those only referred to by a demonym, an acting side or
    /// a dateline, with no mentions, so that every mention's place has a record.)
    public var namedPlaces: [PlaceSummary] { places.filter { $0.mentions > 0 || $0.claims > 0 } }

    /// The number of independent sources among the documents.
    public var independentSources: Int { Set(documents.map(\.sourceCluster)).count }

    /// The earliest and latest report dates, when known.
    public var dateRange: (first: String, last: String)? {
        // As calendar dates: an analysis read back from a file may hold anything in `date`.
        let dates = documents.compactMap { CivilDate($0.date) }
        guard let f = dates.min(), let l = dates.max() else { return nil }
        return (f.iso, l.iso)
    }

    public static func == (l: Analysis, r: Analysis) -> Bool {
        l.documents == r.documents && l.places == r.places && l.mentions == r.mentions && l.claims == r.claims
            && l.unresolved == r.unresolved
    }

    public func hash(into h: inout Hasher) { h.combine(documents); h.combine(places) }

    /// The claims about one place.
    public func claims(about placeID: String) -> [Claim] { claims.filter { $0.place == placeID } }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// Runs the pipeline from reports to scored places.
///
/// `analyze(reports)` is `partial(reports).finalize()`: each report is read on its own into a
/// ``PartialAnalysis``; partial results merge (associatively and commutatively), and `finalize`
/// does what needs every report at once (syndication clusters, counts, control scores).
public struct Analyzer: Sendable {
    public let gazetteer: Gazetteer
    public var region: Place?
    public var clusterer = SyndicationClusterer()
    /// The actor profiles claims are read with (none: actors are kept as written).
    public var actors: ActorProfiles
    /// Reports given no date of their own get this one (`YYYY-MM-DD`, the `--date` option).
    public var defaultDate: String?
    /// Worker threads for large inputs (reports are independent; partial results are merged).
    public var threads: Int = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    let box: AutomatonBox

    public init(gazetteer: Gazetteer, region: Place? = nil, actors: ActorProfiles = ActorProfiles(), automaton: NameAutomaton? = nil) {
        self.gazetteer = gazetteer
        self.region = region
        self.actors = actors
        self.box = AutomatonBox(gazetteer: gazetteer, automaton: automaton)
    }

    /// The finder this analyzer uses, sharing its automaton.
    public var finder: MentionFinder { MentionFinder(gazetteer: gazetteer, region: region, box: box) }

    /// Analyses the reports: mentions, claims, syndication clusters, per-place counts and control.
    public func analyze(_ reports: [Report], progress: (@Sendable (Int, Int) -> Void)? = nil) -> Analysis {
        partial(reports, progress: progress).finalize()
    }

    /// The partial result of one batch of reports.
    public func partial(_ reports: [Report], progress: (@Sendable (Int, Int) -> Void)? = nil) -> PartialAnalysis {
        let finder = self.finder
        let settings = self.settings
        let bytes = reports.reduce(0) { $0 + $1.text.utf8.count }
        // Build the automaton once, before the workers start, when there is enough text for it to pay.
        if bytes >= MentionFinder.automatonThreshold { _ = finder.automaton }
        let workers = reports.count >= 2 && bytes >= 1 << 20 ? min(threads, reports.count) : 1
        if workers <= 1 {
            var records: [DocumentRecord] = []
            records.reserveCapacity(reports.count)
            for (i, r) in reports.enumerated() {
                records.append(record(r, finder))
                progress?(i + 1, reports.count)
            }
            return PartialAnalysis(records: records, gazetteer: gazetteer, actors: actors, settings: settings)
        }
        // Disjoint batches on each core, merged: the same result as one batch (see `merge`).
        let parts = PartsBox(count: workers)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var records: [DocumentRecord] = []
            var i = w
            while i < reports.count {
                records.append(record(reports[i], finder))
                let n = done.increment()
                progress?(n, reports.count)
                i += workers
            }
            parts.set(w, PartialAnalysis(records: records, gazetteer: gazetteer, actors: actors, settings: settings))
        }
        return PartialAnalysis.merge(parts.all)
    }

    /// One report's record: its mentions, claims, unresolved names and syndication signature.
    func record(_ report: Report, _ finder: MentionFinder) -> DocumentRecord {
        var report = report
        // An undated report takes the given date, or its year for a day and month its text gives.
        if report.date == nil, let given = defaultDate, let found = ReportDating.resolve(text: report.text, path: report.path, given: given) {
            (report.date, report.dateSource) = (found.date, found.source)
        }
        let text = Tokenizer.tokenize(report.text)
        let (found, unresolved) = finder.find(in: text, document: report.id)
        let (claims, mentions) = ClaimExtractor(gazetteer: gazetteer, profiles: actors).read(report, text: text, mentions: found, unresolved: unresolved)
        return DocumentRecord(
            id: report.id, path: report.path, title: report.title, date: report.date, outlet: report.outlet, url: report.url,
            signature: clusterer.signature(of: text), mentions: mentions, claims: claims, unresolved: unresolved, dateSource: report.dateSource)
    }
}

final class PartsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [PartialAnalysis?]
    init(count: Int) { parts = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ p: PartialAnalysis) { lock.lock(); parts[i] = p; lock.unlock() }
    var all: [PartialAnalysis] { lock.lock(); defer { lock.unlock() }; return parts.compactMap { $0 } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}
