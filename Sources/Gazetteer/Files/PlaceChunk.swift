import Foundation
import Geo

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
