import Foundation
import Gazetteer
import Geo

/// The final analysis of a ``StreamingPartial``, written as it is made: byte for byte what
/// `PartialAnalysis.finalize(scoring:)` followed by `Analysis.data(format:)` gives, without
/// holding the analysis. The records are read back from the spill once for each list the JSON
/// holds (claims, documents, mentions, unresolved names); memory holds the syndication clusters
/// and, per place, its counts and a compact form of its claims (what the control score needs).
extension StreamingPartial {
    /// The claims table (`claims-csv`), report by report, as `Analysis.claimsCSV(cells:)` writes it.
    func writeClaimTable(_ order: [Entry], cells: CSVCells, to sink: @escaping ChunkedOutput.Sink) throws(AggregatorError) -> Int {
        var out = ChunkedOutput(sink)
        let placeByID = Dictionary(places.map { ($0.id, (name: $0.name, lat: $0.latitude, lon: $0.longitude)) }, uniquingKeysWith: { a, _ in a })
        try out.write(Data(ClaimTable.header.utf8))
        for e in order {
            let r = try record(e, .claims)
            for c in r.claims { try out.write(Data(ClaimTable.row(c, place: placeByID[c.place], outlet: r.outlet, cells: cells).utf8)) }
        }
        try out.flush()
        return order.count
    }

    /// Writes the analysis in a format; returns the number of reports it holds.
    @discardableResult
    public func writeAnalysis(format: AnalysisFormat, cells: CSVCells = .spreadsheetSafe, scoring: ControlScoring = ControlScoring(),
                              outlines: AreaOutlines = .none, to sink: @escaping ChunkedOutput.Sink) throws(AggregatorError) -> Int {
        let order = try canonical()
        if format == .claimsCSV { return try writeClaimTable(order, cells: cells, to: sink) }
        let clusters = SyndicationClusterer().clusters(order.map { ($0.id, signatures[Int($0.signature)]) })
        var out = ChunkedOutput(sink)
        var json = PrettyArrays(enabled: format == .json)
        var tally = PlaceTally()
        var features = PlaceFeatures()
        try json.open("claims", &out)
        let reportDates = Dictionary(order.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        for e in order {
            for c in try record(e, .claims).claims {
                try json.element(c, &out)
                tally.add(c, cluster: clusters[c.document] ?? c.document, reportDate: reportDates[c.document] ?? nil)
                if format == .geojson { features.add(c) }
            }
        }
        try json.open("documents", &out)
        if format == .json {
            for e in order {
                let d = try record(e, [])
                try json.element(DocumentSummary(id: d.id, path: d.path, title: d.title, date: d.date, dateSource: d.dateSource, outlet: d.outlet,
                                                 sourceCluster: clusters[d.id] ?? d.id), &out)
            }
        }
        try json.open("mentions", &out)
        for e in order {
            for m in try record(e, .mentions).mentions {
                try json.element(m, &out)
                tally.add(m, cluster: clusters[m.document] ?? m.document)
            }
        }
        let places = tally.summaries(places: self.places, actors: actors, order: order, clusters: clusters, scoring: scoring)
        switch format {
        case .json:
            try json.open("places", &out)
            for p in places { try json.element(p, &out) }
            try json.open("unresolved", &out)
            for e in order { for u in try record(e, .unresolved).unresolved { try json.element(u, &out) } }
            try json.close(&out)
        case .geojson:
            let named = Analysis(documents: [], places: places, mentions: [], claims: [], unresolved: []).namedPlaces
            let outlineSet: BoundarySet
            do { outlineSet = try outlines.load(for: named) } catch {
                throw AggregatorError(reason: "the outlines of the areas cannot be read: \(error)")
            }
            try out.write(features.featureCollection(named, outlines: outlineSet))
        case .csv, .claimsCSV:
            let data: Data
            do { data = try Analysis(documents: [], places: places, mentions: [], claims: [], unresolved: []).data(format: format, cells: cells) } catch {
                throw AggregatorError(reason: "the analysis cannot be written: \(error)")
            }
            try out.write(data)
        }
        try out.flush()
        return order.count
    }
}

/// The top-level object of the analysis JSON, `JSONEncoder`'s pretty, key-sorted form, one list
/// after another: each element is encoded on its own and indented to its depth (encoded JSON
/// holds no raw line break, so indenting after each one is exact).
struct PrettyArrays {
    let enabled: Bool
    private let encoder: JSONEncoder
    private var opened = false
    private var empty = true

    init(enabled: Bool) {
        self.enabled = enabled
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    }

    mutating func open(_ key: String, _ out: inout ChunkedOutput) throws(AggregatorError) {
        guard enabled else { return }
        if opened { try endArray(&out); try out.write(",\n".utf8) } else { try out.write("{\n".utf8) }
        opened = true
        empty = true
        try out.write("  \"\(key)\" : [".utf8)
    }

    mutating func element<T: Encodable>(_ value: T, _ out: inout ChunkedOutput) throws(AggregatorError) {
        guard enabled else { return }
        let data: Data
        do { data = try encoder.encode(value) } catch { throw AggregatorError(reason: "the analysis cannot be written: \(error)") }
        try out.write((empty ? "\n    " : ",\n    ").utf8)
        empty = false
        var bytes: [UInt8] = []
        bytes.reserveCapacity(data.count + data.count / 8)
        // The blank line inside an empty list stays blank.
        var previous: UInt8 = 0
        data.withUnsafeBytes { raw in
            for b in raw {
                if previous == 0x0A && b != 0x0A { bytes.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
                bytes.append(b)
                previous = b
            }
        }
        try out.write(bytes)
    }

    private mutating func endArray(_ out: inout ChunkedOutput) throws(AggregatorError) {
        try out.write((empty ? "\n\n  ]" : "\n  ]").utf8)
    }

    mutating func close(_ out: inout ChunkedOutput) throws(AggregatorError) {
        guard enabled else { return }
        try endArray(&out)
        try out.write("\n}\n".utf8)
    }
}

/// Per place: its mentions, reports and sources, and its claims in the compact form the control
/// score reads (strings numbered, the claim's text left out).
struct PlaceTally {
    struct Counts {
        var mentions = 0
        var documents = Set<Int32>()
        var sources = Set<Int32>()
    }

    /// A claim as ``ControlScoring`` reads it. Claims the score cannot tell apart (one source,
    /// one actor, action, claimant, hedging, denial, dates…) are kept once: the score takes the
    /// strongest claim of each kind per source, so copies of a claim change nothing, and a place
    /// named in every report of a large archive keeps a few hundred of these, not every claim.
    struct Compact: Hashable {
        var document: Int32
        var actor: Int32
        var action: Int32
        var claimant: Int32
        var date: Int32
        var denier: Int32
        var opponent: Int32
        var start: Int
        var flags: UInt8
        /// What tells it apart for the score besides its fields: its source and its report's date.
        var cluster: Int32
        var reportDate: Int32

        /// The claim without what the score does not read (which report of the source, where in it).
        var key: Compact {
            var k = self
            k.document = -1
            k.start = 0
            return k
        }
    }

    var strings = StringTable()
    var counts: [String: Counts] = [:]
    /// Per place: one claim of each kind the score tells apart, and how many claims it has in all.
    var claims: [String: [Compact: Compact]] = [:]
    var claimCounts: [String: Int] = [:]
    var claimDates = Set<String>()

    mutating func optional(_ s: String?) -> Int32 { s.map { strings.intern($0) } ?? -1 }

    mutating func add(_ c: Claim, cluster: String, reportDate: String?) {
        let flags: UInt8 = (c.hedged ? 1 : 0) | (c.denied ? 2 : 0) | (c.partial ? 4 : 0) | (c.ranged ? 8 : 0) | (c.role == .origin ? 16 : 0)
        let compact = Compact(document: strings.intern(c.document), actor: strings.intern(c.actor), action: strings.intern(c.action),
                              claimant: strings.intern(c.claimant), date: optional(c.date), denier: optional(c.denier),
                              opponent: optional(c.opponent), start: c.start, flags: flags, cluster: strings.intern(cluster),
                              reportDate: optional(reportDate))
        let key = compact.key
        if claims[c.place]?[key] == nil { claims[c.place, default: [:]][key] = compact }
        claimCounts[c.place, default: 0] += 1
        if let d = c.date { claimDates.insert(d) }
    }

    mutating func add(_ m: Mention, cluster: String) {
        // A demonym, an acting side or a dateline refers to its place without counting for it.
        guard m.isPlace else {
            if counts[m.place] == nil { counts[m.place] = Counts() }
            return
        }
        let document = strings.intern(m.document)
        let source = strings.intern(cluster)
        counts[m.place, default: Counts()].mentions += 1
        counts[m.place, default: Counts()].documents.insert(document)
        counts[m.place, default: Counts()].sources.insert(source)
    }

    func claim(_ c: Compact, place: String) -> Claim {
        func text(_ i: Int32) -> String? { i < 0 ? nil : strings[i] }
        return Claim(document: strings[c.document], place: place, actor: strings[c.actor], action: strings[c.action],
                     claimant: strings[c.claimant], hedged: c.flags & 1 != 0, denied: c.flags & 2 != 0, sentence: "", start: c.start,
                     end: c.start, date: text(c.date), denier: text(c.denier), partial: c.flags & 4 != 0,
                     role: c.flags & 16 != 0 ? .origin : .target, opponent: text(c.opponent), ranged: c.flags & 8 != 0)
    }

    /// The places' summaries, in the analysis' order, as `PartialAnalysis.finalize` makes them.
    func summaries(places: [PlaceRecord], actors: [ActorRecord], order: [StreamingPartial.Entry], clusters: [String: String],
                   scoring: ControlScoring) -> [PlaceSummary] {
        let dates = Dictionary(order.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        let reportDates = Set(order.compactMap(\.date))
        let reference = scoring.referenceDate(reports: Array(reportDates), claims: Array(claimDates))
        let colours = Dictionary(actors.map { ($0.name, $0.colour) }, uniquingKeysWith: { a, _ in a })
        let records = Dictionary(places.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [PlaceSummary] = []
        for id in Set(counts.keys).union(claims.keys) {
            guard let p = records[id] else { continue }
            let entry = counts[id] ?? Counts()
            let placeClaims = (claims[id] ?? [:]).values.map { claim($0, place: id) }
            var control = scoring.assess(placeClaims, clusters: clusters, reportDates: dates, reference: reference)
            if let a = control.actor { control.colour = colours[a] }
            out.append(PlaceSummary(
                id: id, name: p.name, kind: p.kind, latitude: p.latitude, longitude: p.longitude, precision: p.precision,
                mentions: entry.mentions, documents: entry.documents.count, sources: entry.sources.count, claims: claimCounts[id] ?? 0,
                control: control))
        }
        out.sort(by: PlaceSummary.inAnalysisOrder)
        return out
    }
}
