import Foundation

extension Analyzer {
    /// How much report text is read before it is analysed (on every worker thread) and put away.
    public static let chunkBytes = 8 << 20
    public static let chunkReports = 4096

    /// Reads the reports under the paths and analyses them as they are read, a chunk at a time
    /// (each chunk on ``threads`` threads), into a ``StreamingPartial``: memory holds one chunk of
    /// reports and the partial result's index, never the whole input. The result is the same as
    /// ``partial(_:progress:)`` over every report (its ``StreamingPartial/writePartial(to:)`` and
    /// ``StreamingPartial/writeAnalysis(format:scoring:to:)`` write the same bytes).
    ///
    /// `progress` is given the number of reports analysed so far.
    public func stream(_ reader: ReportReader, paths: [String], warning: ReportReader.WarningHandler,
                       progress: (@Sendable (Int) -> Void)? = nil) throws(AggregatorError) -> StreamingPartial {
        let partial = try StreamingPartial(gazetteer: gazetteer, actors: actors, settings: settings)
        var chunk: [Report] = []
        var bytes = 0
        func analyse() throws(AggregatorError) {
            guard !chunk.isEmpty else { return }
            try partial.add(records(chunk, bytes: bytes, before: partial.count, progress: progress))
            chunk.removeAll(keepingCapacity: true)
            bytes = 0
        }
        try reader.stream(paths: paths, warning: warning) { (r: Report) throws(AggregatorError) in
            chunk.append(r)
            bytes += r.text.utf8.count
            if bytes >= Self.chunkBytes || chunk.count >= Self.chunkReports { try analyse() }
        }
        try analyse()
        return partial
    }

    /// The records of a chunk of reports, in their order, made on up to ``threads`` threads.
    func records(_ reports: [Report], bytes: Int, before: Int, progress: (@Sendable (Int) -> Void)?) -> [DocumentRecord] {
        let finder = self.finder
        // Built once, before the workers start, when there is enough text for it to pay (the
        // first chunk is the whole input or at least `chunkBytes`, so this is decided as for the
        // whole input at once).
        if bytes >= MentionFinder.automatonThreshold { _ = finder.automaton }
        let workers = reports.count >= 2 && bytes >= 1 << 20 ? min(threads, reports.count) : 1
        let done = Counter()
        if workers <= 1 {
            return reports.map { r in
                let record = record(r, finder)
                progress?(before + done.increment())
                return record
            }
        }
        let parts = RecordParts(count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var out: [DocumentRecord] = []
            var i = w
            while i < reports.count {
                out.append(record(reports[i], finder))
                progress?(before + done.increment())
                i += workers
            }
            parts.set(w, out)
        }
        // Worker w made reports w, w + workers, …: put them back in order.
        let made = parts.all
        var out: [DocumentRecord] = []
        out.reserveCapacity(reports.count)
        for i in 0..<reports.count {
            let w = i % workers
            let k = i / workers
            if w < made.count, k < made[w].count { out.append(made[w][k]) }
        }
        return out
    }
}

final class RecordParts: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [[DocumentRecord]]
    init(count: Int) { parts = Array(repeating: [], count: count) }
    func set(_ i: Int, _ p: [DocumentRecord]) { lock.lock(); parts[i] = p; lock.unlock() }
    var all: [[DocumentRecord]] { lock.lock(); defer { lock.unlock() }; return parts }
}
