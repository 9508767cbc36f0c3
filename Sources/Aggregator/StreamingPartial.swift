import Foundation
import Gazetteer

/// A partial result built up as reports are analysed, for inputs of any size.
///
/// It holds what ``PartialAnalysis`` holds, but not in the same form: the records' mentions,
/// claims and unresolved names (most of a partial result's size, and growing with the input) go to
/// a temporary file (``RecordSpill``) as they come; memory keeps an index entry per report (its
/// path, id, date and where its record is), each distinct syndication signature once, and the
/// places and actors named (which depend on the places and actors, not on the input's size). It
/// writes exactly the bytes ``PartialAnalysis/jsonLine()`` writes for the same reports, and
/// (``writeAnalysis(format:scoring:to:)``) exactly what ``PartialAnalysis/finalize(scoring:)``
/// gives, streamed.
public final class StreamingPartial {
    struct Entry {
        var path: Int32
        var id: String
        var date: String?
        var offset: Int64
        var length: Int32
        var signature: Int32
        /// Its place in the input, which decides between two different records with one path and id.
        var sequence: Int32
    }

    let spill: RecordSpill
    var entries: [Entry] = []
    var paths = StringTable()
    var signatures: [[UInt64]] = []
    private var signatureIndex: [[UInt64]: Int32] = [:]
    private var placeIDs = Set<String>()
    private var usedActors = Set<String>()
    let gazetteer: Gazetteer
    let profiles: ActorProfiles
    /// The fingerprint of the settings the reports were read with (see ``Analyzer/settings``).
    public let settings: String

    public init(gazetteer: Gazetteer, actors: ActorProfiles, settings: String) throws(AggregatorError) {
        spill = try RecordSpill()
        self.gazetteer = gazetteer
        profiles = actors
        self.settings = settings
    }

    /// How many records have been added (a report read twice counts twice).
    public var count: Int { entries.count }

    /// Adds reports' records, in input order.
    func add(_ records: [DocumentRecord]) throws(AggregatorError) {
        for r in records {
            let (offset, length) = try spill.append(r)
            let signature: Int32
            if let known = signatureIndex[r.signature] {
                signature = known
            } else {
                signature = Int32(signatures.count)
                signatureIndex[r.signature] = signature
                signatures.append(r.signature)
            }
            entries.append(Entry(path: paths.intern(r.path), id: r.id, date: r.date, offset: offset, length: length,
                                 signature: signature, sequence: Int32(truncatingIfNeeded: entries.count)))
            for m in r.mentions { placeIDs.insert(m.place) }
            for c in r.claims {
                placeIDs.insert(c.place)
                usedActors.insert(c.actor)
            }
        }
        try spill.flush()
    }

    func record(_ e: Entry, _ parts: RecordDecoder.Parts = .all) throws(AggregatorError) -> DocumentRecord {
        try spill.record(at: e.offset, length: e.length, parts: parts)
    }

    /// The records in canonical order (path, then id), a report held twice kept once: the lesser by
    /// ``DocumentRecord/tieBreak(_:_:)``, as ``PartialAnalysis`` keeps it.
    func canonical() throws(AggregatorError) -> [Entry] {
        let sorted = entries.sorted { a, b in
            let (pa, pb) = (paths.strings[Int(a.path)], paths.strings[Int(b.path)])
            if pa != pb { return pa < pb }
            let c = a.id.compare(b.id, options: [.numeric, .literal])
            if c != .orderedSame { return c == .orderedAscending }
            if a.id != b.id { return a.id < b.id }
            return a.sequence < b.sequence
        }
        var out: [Entry] = []
        out.reserveCapacity(sorted.count)
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j].path == sorted[i].path && sorted[j].id == sorted[i].id { j += 1 }
            if j == i + 1 {
                out.append(sorted[i])
            } else {
                // Rare: one report read twice (or two reports under one name). Compare the records.
                var best = sorted[i]
                var bestRecord = try record(best)
                for e in sorted[(i + 1)..<j] {
                    let r = try record(e)
                    if DocumentRecord.tieBreak(r, bestRecord) { best = e; bestRecord = r }
                }
                out.append(best)
            }
            i = j
        }
        return out
    }

    /// The records of the places named, from the gazetteer, by id.
    public var places: [PlaceRecord] {
        placeIDs.sorted().compactMap { id in
            gazetteer.place(id: id).map {
                PlaceRecord(id: id, name: $0.name, kind: $0.kind, latitude: $0.coordinate.latitude, longitude: $0.coordinate.longitude, precision: $0.precision)
            }
        }
    }

    /// The colours of the profile actors the claims name.
    public var actors: [ActorRecord] {
        var colours: [String: String] = [:]
        for p in profiles.profiles { for s in p.sides where usedActors.contains(s.name) && colours[s.name] == nil { colours[s.name] = s.colour } }
        return colours.map { ActorRecord(name: $0.key, colour: $0.value) }.sorted { ($0.name, $0.colour) < ($1.name, $1.colour) }
    }

    /// Writes the partial result: one line of JSON, the bytes ``PartialAnalysis/jsonLine()`` writes.
    public func writePartial(to sink: @escaping ChunkedOutput.Sink) throws(AggregatorError) {
        var out = ChunkedOutput(sink)
        var w = CanonicalJSONWriter()
        w.open("{")
        w.key("actors", first: true)
        w.actors(actors)
        w.key("documents")
        w.open("[")
        for (i, e) in try canonical().enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.document(try record(e))
            if w.bytes.count >= 1 << 20 { try out.write(w.bytes); w.bytes.removeAll(keepingCapacity: true) }
        }
        w.close("]")
        w.key("format_version"); w.int(PartialAnalysis.currentFormatVersion)
        w.key("places")
        do { try w.places(places) } catch {
            throw AggregatorError(reason: "a place has coordinates that are not numbers: \(error)", hint: "check the gazetteer with: conflictmap gazetteer validate")
        }
        w.key("settings"); w.string(settings)
        w.close("}")
        w.bytes.append(0x0A)
        try out.write(w.bytes)
        try out.flush()
    }
}

/// Strings numbered in the order they are first seen.
struct StringTable {
    private(set) var strings: [String] = []
    private var index: [String: Int32] = [:]

    mutating func intern(_ s: String) -> Int32 {
        if let i = index[s] { return i }
        let i = Int32(strings.count)
        index[s] = i
        strings.append(s)
        return i
    }

    subscript(i: Int32) -> String { strings[Int(i)] }
}

/// Bytes handed on to a sink a megabyte at a time.
public struct ChunkedOutput {
    public typealias Sink = ([UInt8]) throws(AggregatorError) -> Void
    let sink: Sink
    var buffer: [UInt8] = []

    public init(_ sink: @escaping Sink) { self.sink = sink }

    mutating func write<S: Sequence>(_ bytes: S) throws(AggregatorError) where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws(AggregatorError) {
        guard !buffer.isEmpty else { return }
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
