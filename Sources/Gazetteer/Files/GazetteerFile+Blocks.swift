import Foundation
import Geo

extension GazetteerFile {
    static let blockSize = 4 << 20

    /// Reads `count` bytes at `offset`, or fewer at the end of the file; `nil` on an error.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int, at offset: Int) -> Int? {
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
}
