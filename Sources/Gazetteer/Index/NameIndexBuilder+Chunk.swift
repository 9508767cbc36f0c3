import Foundation

extension NameIndexBuilder {
    /// The names of one chunk of places, normalized, in load order. Names and keys go to the part
    /// of the index their hash selects, each part a stream of entries: the value (4 bytes: a place
    /// number local to the chunk, with the alternate-name bit for names), a varint of the length
    /// times 4 plus flags (2: the text is known to be NFC; 1: a spelling number follows), the
    /// spelling number (4 bytes), then the bytes.
    final class Chunk: @unchecked Sendable {
        let names: UnsafeMutableBufferPointer<ByteStream>
        let keys: UnsafeMutableBufferPointer<ByteStream>
        let nameCounts: UnsafeMutableBufferPointer<Int>
        let keyCounts: UnsafeMutableBufferPointer<Int>
        /// Names for spelling matches, in load order (with place numbers local to the chunk).
        var spelling: [PendingSpelling] = []
        /// How many places the chunk has.
        var placeCount = 0

        init() {
            let n = StringMultiMap.partCount
            names = .allocate(capacity: n)
            names.initialize(repeating: ByteStream())
            keys = .allocate(capacity: n)
            keys.initialize(repeating: ByteStream())
            nameCounts = .allocate(capacity: n)
            nameCounts.initialize(repeating: 0)
            keyCounts = .allocate(capacity: n)
            keyCounts.initialize(repeating: 0)
        }

        deinit {
            for p in 0..<StringMultiMap.partCount {
                names[p].free()
                keys[p].free()
            }
            names.deallocate()
            keys.deallocate()
            nameCounts.deallocate()
            keyCounts.deallocate()
        }

        /// Empties the chunk, keeping its capacity.
        func reset() {
            for p in 0..<StringMultiMap.partCount {
                names[p].count = 0
                keys[p].count = 0
                nameCounts[p] = 0
                keyCounts[p] = 0
            }
            spelling.removeAll(keepingCapacity: true)
            placeCount = 0
        }
    }

    /// A growable run of bytes, managed by hand (its owner frees it).
    struct ByteStream {
        var base: UnsafeMutablePointer<UInt8>?
        var count = 0
        var capacity = 0

        var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

        @inline(__always)
        mutating func reserve(_ extra: Int) {
            if count + extra > capacity { grow(count + extra) }
        }

        mutating func grow(_ needed: Int) {
            let size = max(needed, capacity * 2, 256)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
            if let base {
                fresh.update(from: base, count: count)
                base.deallocate()
            }
            capacity = size
            base = fresh
        }

        mutating func free() {
            base?.deallocate()
            base = nil
            count = 0
            capacity = 0
        }
    }
}
