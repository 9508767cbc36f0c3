import Foundation

/// Builds the name, transliteration-key and spelling indexes: the names of chunks of places are
/// normalized in parallel (while parsing, or from the places) into streams, one per part of the
/// indexes, which gather every chunk's entries in load order; `finish` then builds the parts in
/// parallel. The streams live in their own memory mappings, each released once its part is built,
/// so that they neither stay resident nor leave holes in the heap.
final class IndexBuilder: @unchecked Sendable {
    private let nameStreams: [MappedBuffer]
    private let keyStreams: [MappedBuffer]
    private var nameCounts: [Int]
    private var keyCounts: [Int]
    private(set) var placeCount = 0
    /// Spelling names in load order (`PendingSpelling` values).
    private let spelling = MappedBuffer()
    private var spellingCount = 0

    init(expectedNames: Int) {
        let n = StringMultiMap.partCount
        let perPart = max(expectedNames, 0) / n * 32
        nameStreams = (0..<n).map { _ in MappedBuffer(reserving: perPart) }
        keyStreams = (0..<n).map { _ in MappedBuffer(reserving: perPart / 2) }
        nameCounts = Array(repeating: 0, count: n)
        keyCounts = Array(repeating: 0, count: n)
        spelling.reserve(expectedNames / 2 * MemoryLayout<NameIndexBuilder.PendingSpelling>.stride)
    }

    /// Adds the names of chunks of places that follow those already added, in order, and empties
    /// the chunks (for reuse).
    func add(_ chunks: [NameIndexBuilder.Chunk]) {
        var bases: [(place: UInt32, spelling: UInt32)] = []
        for chunk in chunks {
            bases.append((UInt32(placeCount), UInt32(spellingCount)))
            placeCount += chunk.placeCount
            spellingCount += chunk.spelling.count
        }
        precondition(placeCount < 1 << 30, "too many places")
        let parts = StringMultiMap.partCount
        let nameStreams = self.nameStreams, keyStreams = self.keyStreams
        _ = parallelMap(2 * parts) { task in
            let p = task % parts, names = task < parts
            let stream = names ? nameStreams[p] : keyStreams[p]
            for (c, chunk) in chunks.enumerated() {
                let from = names ? chunk.names[p] : chunk.keys[p]
                let start = stream.count
                stream.append(from.bytes)
                Self.rebase(stream, from: start, place: bases[c].place, spelling: bases[c].spelling)
            }
        }
        for (c, chunk) in chunks.enumerated() {
            for p in 0..<parts {
                nameCounts[p] += chunk.nameCounts[p]
                keyCounts[p] += chunk.keyCounts[p]
            }
            let first = Int(bases[c].spelling)
            chunk.spelling.withUnsafeBytes { spelling.append($0) }
            spelling.withMutableElements(of: NameIndexBuilder.PendingSpelling.self, from: first) { added in
                for i in added.indices { added[i].place += Int32(bitPattern: bases[c].place) }
            }
            chunk.reset()
        }
    }

    /// Makes the place numbers (and spelling numbers) of entries appended from `start` global.
    private static func rebase(_ stream: MappedBuffer, from start: Int, place: UInt32, spelling: UInt32) {
        guard place != 0 || spelling != 0 else { return }
        stream.withMutableBytes { bytes in
            var i = start
            while i < bytes.count {
                let value = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                bytes.storeBytes(of: (value &+ place).littleEndian, toByteOffset: i, as: UInt32.self)
                i += 4
                var header = 0, shift = 0
                while true {
                    let b = bytes[i]
                    i += 1
                    header |= Int(b & 0x7F) << shift
                    if b < 0x80 { break }
                    shift += 7
                }
                if header & 1 != 0 {
                    let n = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    bytes.storeBytes(of: (n &+ spelling).littleEndian, toByteOffset: i, as: UInt32.self)
                    i += 4
                }
                i += header >> 2
            }
        }
    }

    /// Where the builder stands, to come back to with `rewind`.
    struct Mark {
        var names: [Int], keys: [Int], nameCounts: [Int], keyCounts: [Int]
        var places: Int, spelling: Int, spellingBytes: Int
    }

    func mark() -> Mark {
        Mark(names: nameStreams.map(\.count), keys: keyStreams.map(\.count), nameCounts: nameCounts, keyCounts: keyCounts,
             places: placeCount, spelling: spellingCount, spellingBytes: spelling.count)
    }

    /// Forgets what was added since `mark`.
    func rewind(to mark: Mark) {
        for p in 0..<StringMultiMap.partCount {
            nameStreams[p].truncate(to: mark.names[p])
            keyStreams[p].truncate(to: mark.keys[p])
        }
        nameCounts = mark.nameCounts
        keyCounts = mark.keyCounts
        placeCount = mark.places
        spellingCount = mark.spelling
        spelling.truncate(to: mark.spellingBytes)
    }

    /// Builds the indexes, running the `alongside` tasks in parallel with that work.
    func finish(alongside: [() -> Void] = []) -> NameIndexBuilder.Output {
        let parts = StringMultiMap.partCount
        let extra = alongside.count
        let spellingKeys = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: spellingCount)
        defer { spellingKeys.deallocate() }
        let nameStreams = self.nameStreams, keyStreams = self.keyStreams, nameCounts = self.nameCounts, keyCounts = self.keyCounts
        let built: [(StringMultiMap.Part, [UInt32])?] = parallelMap(extra + 2 * parts) { task in
            guard task >= extra else {
                alongside[task]()
                return nil
            }
            let p = (task - extra) % parts, names = task - extra < parts
            let stream = names ? nameStreams[p] : keyStreams[p]
            var builder = PartBuilder(expected: names ? nameCounts[p] : keyCounts[p], bytes: stream.count)
            stream.withBytes { builder.add($0, part: p, spellingKeys: spellingKeys) }
            stream.release()
            return builder.finish(names: names)
        }
        let nameParts = built[extra..<(extra + parts)].map { $0! }
        return NameIndexBuilder.Output(
            names: StringMultiMap(parts: nameParts.map(\.0)),
            keys: StringMultiMap(parts: built[(extra + parts)...].map { $0!.0 }),
            spelling: buildSpelling(keys: spellingKeys, offsets: nameParts.map(\.1)))
    }

    /// Groups the spelling names by bucket, keeping load order within a bucket.
    private func buildSpelling(keys: UnsafeMutableBufferPointer<UInt32>, offsets: [[UInt32]]) -> SpellingBuckets {
        var out = SpellingBuckets()
        spelling.withMutableElements(of: NameIndexBuilder.PendingSpelling.self, from: 0) { pending in
            var dense = [Int32](repeating: 0, count: 0x10000)
            var sparse: [Int: Int] = [:]
            for e in pending {
                let b = Gazetteer.bucket(first: e.first, length: Int(e.length))
                if b < 0x10000 { dense[b] += 1 } else { sparse[b, default: 0] += 1 }
            }
            var start = 0
            for b in 0..<0x10000 where dense[b] > 0 {
                let n = Int(dense[b])
                out.buckets[b] = start..<(start + n)
                dense[b] = Int32(start)
                start += n
            }
            for (b, n) in sparse.sorted(by: { $0.key < $1.key }) {
                out.buckets[b] = start..<(start + n)
                sparse[b] = start
                start += n
            }
            var entries = [SpellingBuckets.Entry](repeating: .init(key: 0, place: 0), count: pending.count)
            for (n, e) in pending.enumerated() {
                let b = Gazetteer.bucket(first: e.first, length: Int(e.length))
                let i: Int
                if b < 0x10000 {
                    i = Int(dense[b])
                    dense[b] += 1
                } else {
                    i = sparse[b]!
                    sparse[b] = i + 1
                }
                let ref = keys[n], part = Int(ref >> 24)
                entries[i] = .init(key: UInt32(part) << 24 | offsets[part][Int(ref & 0xFF_FFFF)], place: e.place)
            }
            out.entries = FlatArray(entries)
        }
        spelling.release()
        return out
    }
}
