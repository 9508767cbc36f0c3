import Foundation
import Geo

/// Reads and writes the gazetteer's line-per-feature GeoJSON files (see `Gazetteer/FORMAT.md`).
public enum GazetteerFile {
    static let header = "{\"type\":\"FeatureCollection\",\"features\":["
    static let footer = "]}"

    /// Parses a place file's text; errors name `path` and the feature's line.
    public static func parsePlaces(_ data: Data, path: String) throws(GazetteerError) -> [Place] {
        PlaceChunk.join(try parsePlaceChunks(data, path: path, builder: nil))
    }

    /// Parses a place file into chunks of places, in file order; with a `builder`, the places'
    /// names are normalized (while the text is at hand) and added to the gazetteer's indexes.
    ///
    /// A file in the canonical layout is read in parallel chunks of lines, and each feature line
    /// straight into a `Place` (`FastPlaceReader`); a line that reader does not expect goes the
    /// general way (`JSONValue` then `place(from:)`), and errors are those of the general way, for
    /// the first bad line of the file. Other files are parsed whole.
    static func parsePlaceChunks(_ data: Data, path: String, builder: IndexBuilder?) throws(GazetteerError) -> [PlaceChunk] {
        let result: Result<[PlaceChunk], GazetteerError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(GazetteerError) in try parsePlaceChunks(bytes, path: path, builder: builder) }
        }
        return try result.get()
    }

    private static func parsePlaceChunks(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, builder: IndexBuilder?
    ) throws(GazetteerError) -> [PlaceChunk] {
        guard !bytes.isEmpty else {
            throw GazetteerError(file: path, reason: "the file is empty", hint: "a gazetteer file is a GeoJSON FeatureCollection")
        }
        guard let region = canonicalFeatureLines(bytes) else {
            let chunk = PlaceChunk(capacity: 64)
            chunk.lineRanges = nil  // parsed whole: no feature per line
            try parseWhole(bytes, path: path) { (json, line) throws(GazetteerError) in
                chunk.append(try place(from: json, path: path, line: line))
            }
            if let builder {
                var collector = NameIndexBuilder.Collector()
                var normalizer = NameNormalizer()
                collector.collect(UnsafeBufferPointer(start: chunk.base, count: chunk.count), &normalizer)
                builder.add([collector.finish()])
            }
            return [chunk]
        }
        return try parseFeatureBlock(bytes, region, path: path, firstLine: 2, fileOffset: 0, lanes: [ParseLane(), ParseLane()], builder: builder).chunks
    }

    /// Parses a place file. One in the canonical layout is read in blocks, so that its whole
    /// text is never held at once; others (and any file that cannot be read that way) whole.
    static func parsePlaceFile(_ path: String, builder: IndexBuilder?) throws(GazetteerError) -> [PlaceChunk] {
        let mark = builder?.mark()
        if let chunks = try parseCanonicalFileInBlocks(path, builder: builder) { return chunks }
        // Read whole: names already added from the blocks read are added again.
        if let builder, let mark { builder.rewind(to: mark) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerError(file: path, reason: "cannot be read", hint: "check that it exists and is readable")
        }
        return try parsePlaceChunks(data, path: path, builder: builder)
    }

    static let blockSize = 4 << 20

    /// Reads `count` bytes at `offset`, or fewer at the end of the file; `nil` on an error.
    private static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) -> Int? {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// The canonical layout, read block by block: the first and last lines from the file's ends,
    /// then the feature lines in blocks of whole lines, each parsed in parallel chunks. `nil` when
    /// the file is small, not a regular file, not in the canonical layout, or changes while read:
    /// the caller then reads it whole, which gives the same places or errors.
    static func parseCanonicalFileInBlocks(_ path: String, builder: IndexBuilder?) throws(GazetteerError) -> [PlaceChunk]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 2 * blockSize else { return nil }
        let edge = 64 << 10
        var head = [UInt8](repeating: 0, count: edge), tail = [UInt8](repeating: 0, count: edge)
        guard head.withUnsafeMutableBytes({ read(fd, $0.baseAddress!, edge, at: 0) }) == edge,
            tail.withUnsafeMutableBytes({ read(fd, $0.baseAddress!, edge, at: size - edge) }) == edge,
            let firstEnd = head.firstIndex(of: 0x0A)
        else { return nil }
        let lastEnd = tail[edge - 1] == 0x0A ? edge - 1 : edge
        var lastStart = lastEnd
        while lastStart > 0, tail[lastStart - 1] != 0x0A { lastStart -= 1 }
        guard lastStart > 0,
            head.withUnsafeBufferPointer({ isCanonicalEdge(UnsafeBufferPointer(rebasing: $0[0..<firstEnd]), header) }),
            tail.withUnsafeBufferPointer({ isCanonicalEdge(UnsafeBufferPointer(rebasing: $0[lastStart..<lastEnd]), footer) })
        else { return nil }
        let end = size - edge + lastStart

        var capacity = blockSize
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        let lanes = [ParseLane(), ParseLane()]
        var chunks: [PlaceChunk] = []
        var offset = firstEnd + 1  // where in the file the buffer starts
        var carried = 0  // bytes of a partial line at the buffer's start
        var line = 2
        while offset + carried < end {
            let want = min(capacity - carried, end - offset - carried)
            guard read(fd, buffer + carried, want, at: offset + carried) == want else { return nil }
            let valid = carried + want
            let bytes = UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: valid)
            var cut = valid
            while cut > 0, bytes[cut - 1] != 0x0A { cut -= 1 }
            if cut == 0 {
                // A line longer than the buffer.
                guard offset + valid < end else { return nil }
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: valid)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
                carried = valid
                continue
            }
            let block = try parseFeatureBlock(bytes, 0..<cut, path: path, firstLine: line, fileOffset: offset, lanes: lanes, builder: builder)
            chunks += block.chunks
            line += block.lines
            // The partial last line moves to the front (the regions may overlap).
            memmove(buffer, buffer + cut, valid - cut)
            offset += cut
            carried = valid - cut
        }
        return chunks
    }

    /// Whether a first or last line is the expected one (a trailing CR and spaces aside).
    static func isCanonicalEdge(_ line: UnsafeBufferPointer<UInt8>, _ expected: String) -> Bool {
        var end = line.count
        if end > 0, line[end - 1] == 0x0D { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: line[0..<end]), as: UTF8.self).trimmingCharacters(in: .whitespaces) == expected
    }

    /// The bytes of the feature lines (between the first and the last line) when the file has the
    /// canonical first and last lines, else `nil`.
    static func canonicalFeatureLines(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let count = bytes.count
        guard let base = bytes.baseAddress, let found = memchr(base, 0x0A, count) else { return nil }
        let firstEnd = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        // The last line: a final newline ends it rather than starting an empty one.
        let lastEnd = bytes[count - 1] == 0x0A ? count - 1 : count
        var lastStart = lastEnd
        while lastStart > 0, bytes[lastStart - 1] != 0x0A { lastStart -= 1 }
        guard lastStart > firstEnd,
            isCanonicalEdge(UnsafeBufferPointer(rebasing: bytes[0..<firstEnd]), header),
            isCanonicalEdge(UnsafeBufferPointer(rebasing: bytes[lastStart..<lastEnd]), footer)
        else { return nil }
        return (firstEnd + 1)..<lastStart
    }

    /// Parses whole feature lines (`region`, each line ending with a newline) in parallel chunks,
    /// one per lane; `firstLine` is the number of the region's first line in the file, and
    /// `fileOffset` where `bytes` starts in it. Throws the error of the first bad line.
    static func parseFeatureBlock(
        _ bytes: UnsafeBufferPointer<UInt8>, _ region: Range<Int>, path: String, firstLine: Int, fileOffset: Int, lanes: [ParseLane],
        builder: IndexBuilder?
    ) throws(GazetteerError) -> (chunks: [PlaceChunk], lines: Int) {
        let chunkCount = region.count >= 1 << 16 ? lanes.count : 1
        var bounds = [region.lowerBound]
        for c in 1..<max(chunkCount, 1) {
            var at = max(region.lowerBound + region.count * c / chunkCount, bounds[c - 1])
            while at < region.upperBound, at > region.lowerBound, bytes[at - 1] != 0x0A { at += 1 }
            bounds.append(at)
        }
        bounds.append(region.upperBound)
        let chunks = parallelMap(chunkCount) { c in
            parseFeatureLines(bytes, bounds[c]..<bounds[c + 1], path: path, fileOffset: fileOffset, lane: lanes[c], collectNames: builder != nil)
        }
        var line = firstLine
        for chunk in chunks {
            if let failure = chunk.failure {
                // Give the error of the general way for that line, with its number in the file.
                _ = try generalPlace(UnsafeBufferPointer(rebasing: bytes[failure.range]), path: path, line: line + failure.line)
                preconditionFailure("a feature line failed once and then parsed")
            }
            line += chunk.lines
        }
        if let builder {
            builder.add(chunks.map { $0.names! })
            for chunk in chunks { chunk.names = nil }
        }
        return (chunks, line - firstLine)
    }

    /// Parses the feature lines in `range` (whole lines, each ending with a newline), noting where
    /// in the file each place's line is (for the index cache).
    static func parseFeatureLines(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, path: String, fileOffset: Int = 0, lane: ParseLane, collectNames: Bool
    ) -> PlaceChunk {
        var lineCount = 0
        var at = range.lowerBound
        while at < range.upperBound, let found = memchr(bytes.baseAddress! + at, 0x0A, range.upperBound - at) {
            at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - bytes.baseAddress! + 1
            lineCount += 1
        }
        let chunk = PlaceChunk(capacity: lineCount)
        chunk.lineRanges?.reserveCapacity(lineCount)
        if collectNames { lane.collector.reserve(bytes: range.count / 6, names: range.count / 64) }
        let base = bytes.baseAddress!
        var start = range.lowerBound
        var n = 0
        while start < range.upperBound {
            let newline = UnsafeRawPointer(memchr(base + start, 0x0A, range.upperBound - start)!)
                .assumingMemoryBound(to: UInt8.self) - base
            defer {
                n += 1
                start = newline + 1
            }
            var end = newline
            while end > start, bytes[end - 1] == 0x0D || bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            if end > start, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
            if end == start { continue }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            let local = Int32(chunk.count)
            let lineRange = (start: UInt64(fileOffset + start), length: UInt32(end - start))
            if let place = lane.reader.read(line) {
                chunk.append(place)
                chunk.lineRanges?.append(lineRange)
                if collectNames {
                    for (k, r) in lane.reader.nameRanges.enumerated() {
                        lane.collector.add(utf8: UnsafeBufferPointer(rebasing: line[r]), place: local, primary: k == 0, &lane.normalizer)
                    }
                    lane.collector.endPlace()
                }
                continue
            }
            do {
                let place = try generalPlace(line, path: path, line: 0)
                if collectNames { lane.collector.add(place, local: local, &lane.normalizer) }
                chunk.append(place)
                chunk.lineRanges?.append(lineRange)
            } catch {
                chunk.failure = (n, start..<end)
                break
            }
        }
        chunk.lines = n
        if collectNames { chunk.names = lane.collector.finish(placeCount: chunk.count) }
        return chunk
    }

    /// One feature line the general way: a JSON tree, then `place(from:)`.
    static func generalPlace(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) throws(GazetteerError) -> Place {
        let json: JSONValue
        do {
            json = try JSONValue.parse(line)
        } catch {
            throw GazetteerError(
                file: path, line: number, reason: "not valid JSON at column \(error.offset + 1): \(error.reason)",
                hint: "each line between the first and the last holds one complete feature")
        }
        return try place(from: json, path: path, line: number)
    }

    /// Calls `body` with each feature's JSON and its 1-based line number.
    ///
    /// Accepts the canonical layout, and also any GeoJSON FeatureCollection (e.g. one written by
    /// QGIS on several lines), which is then parsed whole.
    static func forEachFeatureLine(
        _ data: Data, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let result: Result<Void, GazetteerError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(GazetteerError) in try scanLines(bytes, path: path, body) }
        }
        try result.get()
    }

    private static func scanLines(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        guard !bytes.isEmpty else {
            throw GazetteerError(file: path, reason: "the file is empty", hint: "a gazetteer file is a GeoJSON FeatureCollection")
        }
        // Find line boundaries.
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func text(_ r: Range<Int>) -> Substring {
            var end = r.upperBound
            if end > r.lowerBound, bytes[end - 1] == 0x0D { end -= 1 }
            return Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end]), as: UTF8.self))
        }
        let canonical = lines.count >= 2 && text(lines[0]).trimmingCharacters(in: .whitespaces) == header
            && text(lines[lines.count - 1]).trimmingCharacters(in: .whitespaces) == footer
        if !canonical {
            try parseWhole(bytes, path: path, body)
            return
        }
        for (n, r) in lines.enumerated().dropFirst().dropLast() {
            var end = r.upperBound
            while end > r.lowerBound, [0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            if end > r.lowerBound, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
            if end == r.lowerBound { continue }
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end])
            let json: JSONValue
            do {
                json = try JSONValue.parse(lineBytes)
            } catch {
                throw GazetteerError(
                    file: path, line: n + 1, reason: "not valid JSON at column \(error.offset + 1): \(error.reason)",
                    hint: "each line between the first and the last holds one complete feature")
            }
            try body(json, n + 1)
        }
    }

    private static func parseWhole(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            throw GazetteerError(file: path, line: line, reason: "not valid JSON at column \(column): \(error.reason)")
        }
        guard json["type"]?.stringValue == "FeatureCollection", let features = json["features"]?.arrayValue else {
            throw GazetteerError(file: path, line: 1, reason: "not a GeoJSON FeatureCollection", hint: "see Gazetteer/FORMAT.md")
        }
        for (i, f) in features.enumerated() {
            do {
                try body(f, i + 1)
            } catch var error {
                error.line = nil
                error.reason = "feature \(i + 1): " + error.reason
                throw error
            }
        }
    }

    static let knownKeys: Set<String> = ["name", "kind", "parent", "country", "geonames_id", "population", "names", "source"]

    /// Reads one place feature, checking every field.
    static func place(from json: JSONValue, path: String, line: Int) throws(GazetteerError) -> Place {
        func fail(_ reason: String, _ hint: String? = nil) -> GazetteerError {
            GazetteerError(file: path, line: line, reason: reason, hint: hint)
        }
        guard json["type"]?.stringValue == "Feature" else { throw fail("\"type\" is not \"Feature\"") }
        guard let id = json["id"]?.stringValue, !id.isEmpty else { throw fail("the feature has no string \"id\"") }
        guard let props = json["properties"]?.objectValue else { throw fail("'\(id)' has no \"properties\" object") }
        let p = JSONValue.object(props)
        guard let name = p["name"]?.stringValue, !name.isEmpty else { throw fail("'\(id)' has no \"name\"") }
        guard let kindText = p["kind"]?.stringValue else { throw fail("'\(id)' has no \"kind\"") }
        guard let kind = PlaceKind(rawValue: kindText) else {
            throw fail("'\(id)' has unknown kind \"\(kindText)\"",
                "use one of \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let g = json["geometry"] else { throw fail("'\(id)' has no geometry") }
        let coordinate: Coordinate
        do {
            let geometry = try Geometry(json: g)
            guard case .point(let c) = geometry else {
                throw fail("'\(id)' has a \(geometry.typeName) geometry; a place is a Point", "put areas in Gazetteer/boundaries/")
            }
            coordinate = c
        } catch let error as GazetteerError {
            throw error
        } catch {
            throw fail("'\(id)': \(error)")
        }
        var names: [AlternateName] = []
        if let list = p["names"] {
            guard let items = list.arrayValue else { throw fail("'\(id)': \"names\" must be an array") }
            for item in items {
                switch item {
                case .string(let s): names.append(AlternateName(s))
                case .object:
                    guard let n = item["name"]?.stringValue, !n.isEmpty else {
                        throw fail("'\(id)': an alternate name has no \"name\"")
                    }
                    names.append(AlternateName(n, language: item["lang"]?.stringValue, script: item["script"]?.stringValue))
                default: throw fail("'\(id)': an alternate name must be an object like {\"name\":\"…\"}")
                }
            }
        }
        func optionalInt(_ key: String) throws(GazetteerError) -> Int64? {
            guard let v = p[key], v != .null else { return nil }
            guard let i = v.intValue, i >= 0 else { throw fail("'\(id)': \"\(key)\" must be a whole number ≥ 0") }
            return i
        }
        func optionalString(_ key: String) throws(GazetteerError) -> String? {
            guard let v = p[key], v != .null else { return nil }
            guard let s = v.stringValue else { throw fail("'\(id)': \"\(key)\" must be a string") }
            return s
        }
        return Place(
            id: id, name: name, kind: kind, parent: try optionalString("parent"), country: try optionalString("country"),
            geonamesID: try optionalInt("geonames_id"), population: try optionalInt("population"),
            alternateNames: names, source: try optionalString("source"), coordinate: coordinate,
            extraProperties: props.filter { !knownKeys.contains($0.0) })
    }

    /// The canonical line for one place (see `Gazetteer/FORMAT.md`).
    public static func line(for place: Place) -> String {
        var props: [(String, JSONValue)] = [("name", .string(place.name)), ("kind", .string(place.kind.rawValue))]
        if let v = place.parent { props.append(("parent", .string(v))) }
        if let v = place.country { props.append(("country", .string(v))) }
        if let v = place.geonamesID { props.append(("geonames_id", .int(v))) }
        if let v = place.population { props.append(("population", .int(v))) }
        if !place.alternateNames.isEmpty {
            props.append(("names", .array(place.alternateNames.map { n in
                var o: [(String, JSONValue)] = [("name", .string(n.name))]
                if let l = n.language { o.append(("lang", .string(l))) }
                if let s = n.script { o.append(("script", .string(s))) }
                return .object(o)
            })))
        }
        if let v = place.source { props.append(("source", .string(v))) }
        props.append(contentsOf: place.extraProperties)
        let feature = Feature(id: place.id, geometry: .point(place.coordinate), properties: props)
        return feature.json(decimals: 5).canonicalText
    }

    /// The canonical file text for a set of places, sorted by id.
    public static func text(for places: [Place]) -> String {
        let sorted = places.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var out = header + "\n"
        for (i, p) in sorted.enumerated() {
            out += line(for: p)
            out += i + 1 < sorted.count ? ",\n" : "\n"
        }
        out += footer + "\n"
        return out
    }
}

/// What one thread keeps from chunk to chunk while parsing a file.
final class ParseLane: @unchecked Sendable {
    var reader = FastPlaceReader()
    var normalizer = NameNormalizer()
    var collector = NameIndexBuilder.Collector()
}

/// The places parsed from one chunk of a file, held in a buffer that is moved (not copied) into
/// the final array, with the names collected for the index builder.
final class PlaceChunk: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<Place>
    private(set) var count = 0
    private var capacity: Int
    /// How many lines the chunk spans (for numbering the lines of later chunks).
    var lines = 0
    /// The first line that failed: its index in the chunk and its bytes.
    var failure: (line: Int, range: Range<Int>)?
    /// The places' names, normalized, until they go to the index builder.
    var names: NameIndexBuilder.Chunk?
    /// Where each place's feature line is in its file (without its comma), or `nil` for a file
    /// that is not one feature per line.
    var lineRanges: [(start: UInt64, length: UInt32)]? = []

    init(capacity: Int) {
        self.capacity = max(capacity, 4)
        base = Self.map(self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        Self.unmap(base, capacity)
    }

    // (From the heap: it reuses memory that earlier loads freed, which a mapping of its own would not.)
    private static func map(_ n: Int) -> UnsafeMutablePointer<Place> {
        .allocate(capacity: n)
    }

    private static func unmap(_ p: UnsafeMutablePointer<Place>, _ n: Int) {
        p.deallocate()
    }

    /// Gives the memory back (the chunk must be empty).
    func shrinkToNothing() {
        precondition(count == 0)
        Self.unmap(base, capacity)
        capacity = 1
        base = Self.map(1)
    }

    func append(_ place: Place) {
        if count == capacity {
            let bigger = Self.map(capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            Self.unmap(base, capacity)
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: place)
        count += 1
    }

    /// Moves the places of the chunks, in order, into one array.
    static func join(_ chunks: [PlaceChunk]) -> [Place] {
        let total = chunks.reduce(0) { $0 + $1.count }
        return [Place](unsafeUninitializedCapacity: total) { buffer, n in
            var at = 0
            for chunk in chunks {
                (buffer.baseAddress! + at).moveInitialize(from: chunk.base, count: chunk.count)
                at += chunk.count
                chunk.count = 0
                // Give each chunk's memory back as soon as it is moved, not at the end.
                chunk.shrinkToNothing()
            }
            n = total
        }
    }
}

/// Reads a feature line of the canonical layout straight into a `Place`, without a JSON tree.
///
/// It returns `nil` for anything it does not expect — escapes, another key order, spaces, numbers
/// not in plain decimal notation, missing or ill-typed fields — and the caller then parses the
/// line the general way, which gives the same place or the error.
struct FastPlaceReader: ~Copyable {
    private var scratch: UnsafeMutablePointer<AlternateName>
    private var scratchCapacity = 16
    private var scratchCount = 0
    /// Where the names of the last place read are in its line: the primary name first.
    private(set) var nameRanges: [Range<Int>] = []
    private var previousParent = ""

    init() {
        scratch = .allocate(capacity: scratchCapacity)
        nameRanges.reserveCapacity(64)
    }

    deinit {
        scratch.deinitialize(count: scratchCount)
        scratch.deallocate()
    }

    struct Cursor {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0

        @inline(__always)
        var next: UInt8 { i < n ? p[i] : 0 }

        @inline(__always)
        mutating func skip(_ byte: UInt8) -> Bool {
            guard i < n, p[i] == byte else { return false }
            i += 1
            return true
        }

        @inline(__always)
        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard n - i >= count, memcmp(p + i, text.utf8Start, count) == 0 else { return false }
            i += count
            return true
        }

        /// A string without escapes or control characters, in valid UTF-8: the range of its contents.
        @inline(__always)
        mutating func string() -> Range<Int>? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var j = start
            var high: UInt64 = 0
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            let raw = UnsafeRawPointer(p)
            while j + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                    | ((w &- 0x2020_2020_2020_2020) & ~w)
                if special & 0x8080_8080_8080_8080 != 0 { break }
                high |= w
                j += 8
            }
            while j < n {
                let b = p[j]
                if b == UInt8(ascii: "\"") {
                    i = j + 1
                    if high & 0x8080_8080_8080_8080 != 0, !FastPlaceReader.isValidUTF8(UnsafeBufferPointer(start: p + start, count: j - start)) {
                        return nil
                    }
                    return start..<j
                }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                high |= UInt64(b)
                j += 1
            }
            return nil
        }

        /// Whether the next value is `null` (then read), for optional fields.
        @inline(__always)
        mutating func null() -> Bool { literal("null") }

        /// A number in plain decimal notation, as the general parser reads it, or `nil` for other forms.
        mutating func number() -> Double? {
            var j = i
            let negative = j < n && p[j] == UInt8(ascii: "-")
            if negative { j += 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            while j < n, p[j] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p[j] &- 0x30)
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < n, p[j] == UInt8(ascii: "."), j + 1 < n, p[j + 1] &- 0x30 < 10 {
                j += 1
                var fraction = 0
                while j < n, p[j] &- 0x30 < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(p[j] &- 0x30)
                    digits += 1
                    fraction += 1
                    j += 1
                }
                // Exact operands, one correctly rounded division: the value strtod gives.
                guard digits <= 15, j >= n || Self.ends(p[j]) else { return nil }
                i = j
                let value = Double(mantissa) / Self.powersOfTen[fraction]
                return negative ? -value : value
            }
            // An integer: the general parser reads up to 18 characters as Int64.
            guard j - i <= 18, j >= n || Self.ends(p[j]) else { return nil }
            i = j
            return Double(negative ? -Int64(mantissa) : Int64(mantissa))
        }

        /// A whole number ≥ 0 written as digits (at most 18).
        mutating func wholeNumber() -> Int64? {
            var j = i
            var value: Int64 = 0
            while j < n, p[j] &- 0x30 < 10 {
                value = value &* 10 &+ Int64(p[j] &- 0x30)
                j += 1
            }
            guard j > i, j - i <= 18, j >= n || Self.ends(p[j]) else { return nil }
            i = j
            return value
        }

        /// Whether a byte may follow a number (anything else, like `.`, `e` or `-`, makes it another form).
        @inline(__always)
        static func ends(_ b: UInt8) -> Bool {
            b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
        }

        static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }
    }

    @inline(__always)
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ text: StaticString) -> Bool {
        r.count == text.utf8CodeUnitCount && memcmp(line.baseAddress! + r.lowerBound, text.utf8Start, r.count) == 0
    }

    /// The text of a string already checked to be valid UTF-8.
    @inline(__always)
    static func string(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
    }

    /// Whether bytes are valid UTF-8 (as `String(validating:)` requires: no overlong forms,
    /// surrogates or values above U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 2 < n else { return false }
                let c1 = p[i + 1]
                let low: UInt8 = b == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b == 0xED ? 0x9F : 0xBF
                guard c1 >= low, c1 <= high, continuation(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 3 < n else { return false }
                let c1 = p[i + 1]
                let low: UInt8 = b == 0xF0 ? 0x90 : 0x80, high: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                guard c1 >= low, c1 <= high, continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    private mutating func pushName(_ name: AlternateName) {
        if scratchCount == scratchCapacity {
            let bigger = UnsafeMutablePointer<AlternateName>.allocate(capacity: scratchCapacity * 2)
            bigger.moveInitialize(from: scratch, count: scratchCount)
            scratch.deallocate()
            scratch = bigger
            scratchCapacity *= 2
        }
        (scratch + scratchCount).initialize(to: name)
        scratchCount += 1
    }

    private mutating func abandon() -> Place? {
        scratch.deinitialize(count: scratchCount)
        scratchCount = 0
        return nil
    }

    /// The place on a feature line (without its trailing comma), or `nil` to take the general way.
    mutating func read(_ line: UnsafeBufferPointer<UInt8>) -> Place? {
        guard let p = line.baseAddress else { return nil }
        nameRanges.removeAll(keepingCapacity: true)
        var c = Cursor(p: p, n: line.count)
        guard c.literal("{\"type\":\"Feature\",\"id\":"), let idRange = c.string(), !idRange.isEmpty,
            c.literal(",\"geometry\":{\"type\":\"Point\",\"coordinates\":["), let longitude = c.number(), c.skip(UInt8(ascii: ",")),
            let latitude = c.number(), c.literal("]},\"properties\":{"),
            latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude)
        else { return nil }

        var seen: UInt16 = 0
        var nameRange: Range<Int>?
        var kind: PlaceKind?
        var parent: Range<Int>?, country: Range<Int>?, source: Range<Int>?
        var geonamesID: Int64?, population: Int64?
        var extras: [(String, JSONValue)] = []
        if !c.skip(UInt8(ascii: "}")) {
            while true {
                guard let key = c.string(), c.skip(UInt8(ascii: ":")) else { return abandon() }
                let bit: UInt16
                if Self.equal(line, key, "name") {
                    bit = 1
                    guard let r = c.string() else { return abandon() }
                    nameRange = r
                } else if Self.equal(line, key, "kind") {
                    bit = 2
                    guard let r = c.string(), let k = PlaceKind(rawValue: Self.string(line, r)) else { return abandon() }
                    kind = k
                } else if Self.equal(line, key, "parent") {
                    bit = 4
                    if !c.null() { guard let r = c.string() else { return abandon() }; parent = r }
                } else if Self.equal(line, key, "country") {
                    bit = 8
                    if !c.null() { guard let r = c.string() else { return abandon() }; country = r }
                } else if Self.equal(line, key, "geonames_id") {
                    bit = 16
                    if !c.null() { guard let v = c.wholeNumber() else { return abandon() }; geonamesID = v }
                } else if Self.equal(line, key, "population") {
                    bit = 32
                    if !c.null() { guard let v = c.wholeNumber() else { return abandon() }; population = v }
                } else if Self.equal(line, key, "names") {
                    bit = 64
                    guard readNames(&c, line) else { return abandon() }
                } else if Self.equal(line, key, "source") {
                    bit = 128
                    if !c.null() { guard let r = c.string() else { return abandon() }; source = r }
                } else {
                    // A property this version does not know: kept as it is.
                    bit = 0
                    let keyText = Self.string(line, key)
                    var at = c.i
                    guard let value = try? JSONValue.parseValue(in: line, at: &at, depth: 2) else { return abandon() }
                    c.i = at
                    extras.append((keyText, value))
                }
                guard seen & bit == 0 else { return abandon() }
                seen |= bit
                if c.skip(UInt8(ascii: ",")) { continue }
                guard c.skip(UInt8(ascii: "}")) else { return abandon() }
                break
            }
        }
        guard c.skip(UInt8(ascii: "}")), c.i == line.count, let nameRange, !nameRange.isEmpty, let kind else { return abandon() }
        let id = Self.string(line, idRange), name = Self.string(line, nameRange)
        var parentText: String?
        if let parent {
            if previousParent.utf8.count == parent.count,
                previousParent.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, p + parent.lowerBound, parent.count) == 0 }) == true {
                parentText = previousParent
            } else {
                let text = Self.string(line, parent)
                parentText = text
                previousParent = text
            }
        }
        let countryText = country.map { Self.string(line, $0) }
        let sourceText = source.map { Self.string(line, $0) }
        nameRanges.insert(nameRange, at: 0)
        let names = [AlternateName](unsafeUninitializedCapacity: scratchCount) { buffer, n in
            buffer.baseAddress!.moveInitialize(from: scratch, count: scratchCount)
            n = scratchCount
        }
        scratchCount = 0
        return Place(
            id: id, name: name, kind: kind, parent: parentText, country: countryText, geonamesID: geonamesID,
            population: population, alternateNames: names, source: sourceText,
            coordinate: Coordinate(latitude: latitude, longitude: longitude), extraProperties: extras)
    }

    /// Reads the `names` array into the scratch buffer (and their ranges into `nameRanges`).
    private mutating func readNames(_ c: inout Cursor, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard c.skip(UInt8(ascii: "[")) else { return false }
        if c.skip(UInt8(ascii: "]")) { return true }
        while true {
            if c.next == UInt8(ascii: "\"") {
                guard let r = c.string() else { return false }
                pushName(AlternateName(Self.string(line, r)))
                nameRanges.append(r)
            } else {
                guard c.skip(UInt8(ascii: "{")) else { return false }
                var name: Range<Int>?, language: Range<Int>?, script: Range<Int>?
                while true {
                    guard let key = c.string(), c.skip(UInt8(ascii: ":")), let value = c.string() else { return false }
                    if Self.equal(line, key, "name") {
                        guard name == nil else { return false }
                        name = value
                    } else if Self.equal(line, key, "script") {
                        guard script == nil else { return false }
                        script = value
                    } else if Self.equal(line, key, "lang") {
                        guard language == nil else { return false }
                        language = value
                    } else {
                        return false
                    }
                    if c.skip(UInt8(ascii: ",")) { continue }
                    guard c.skip(UInt8(ascii: "}")) else { return false }
                    break
                }
                guard let name, !name.isEmpty else { return false }
                pushName(AlternateName(
                    Self.string(line, name), language: language.map { Self.string(line, $0) }, script: script.map { Self.string(line, $0) }))
                nameRanges.append(name)
            }
            if c.skip(UInt8(ascii: ",")) { continue }
            return c.skip(UInt8(ascii: "]"))
        }
    }
}
