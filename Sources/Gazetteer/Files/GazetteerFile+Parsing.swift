import Foundation
import Geo

extension GazetteerFile {
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

    static func parsePlaceChunks(
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
}
