import Foundation

/// One part of an index while it is built: keys numbered in order of arrival, and every
/// (key, value) pair met.
struct PartBuilder {
    /// Open addressing: 0 for an empty slot, else the key's tag in the top byte and its number + 1.
    private var slots: [UInt32]
    private var keyEnds: [UInt32] = []
    private var arena: [UInt8] = []
    private var entryKeys: [UInt32] = []
    private var entryValues: [UInt32] = []

    init(expected: Int, bytes: Int) {
        slots = [UInt32](repeating: 0, count: max(16, expected + expected / 2))
        keyEnds.reserveCapacity(expected)
        arena.reserveCapacity(max(0, bytes - expected * 5))
        entryKeys.reserveCapacity(expected)
        entryValues.reserveCapacity(expected)
    }

    private var keyCount: Int { keyEnds.count }

    /// Adds the entries of a part's stream (see `NameIndexBuilder.Chunk`), noting the key of
    /// each spelling name in `spellingKeys`.
    mutating func add(_ stream: UnsafeRawBufferPointer, part: Int, spellingKeys: UnsafeMutableBufferPointer<UInt32>) {
        guard let raw = stream.baseAddress else { return }
        let s = raw.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while i < stream.count {
            let value = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            i += 4
            var header = 0, shift = 0
            while true {
                let b = s[i]
                i += 1
                header |= Int(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            var spellingNumber = -1
            if header & 1 != 0 {
                spellingNumber = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                i += 4
            }
            let bytes = UnsafeBufferPointer(start: s + i, count: header >> 2)
            i += bytes.count
            // Known NFC text is hashed as it is; other text after normalization.
            let hash = header & 2 != 0 ? KeyHash.hashBytes(bytes) : KeyHash.hash(bytes)
            let key = insert(bytes, hash: hash)
            if spellingNumber >= 0 { spellingKeys[spellingNumber] = UInt32(part) << 24 | UInt32(key) }
            entryKeys.append(UInt32(key))
            entryValues.append(value)
        }
    }

    /// The number of a key, added if new.
    private mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if (keyCount + 1) * 4 > slots.count * 3 { rehash(capacity: slots.count * 2) }
        let tag = StringMultiMap.tag(hash)
        let capacity = slots.count
        var slot = StringMultiMap.home(hash, capacity)
        let found: Int? = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                keyEnds.withUnsafeBufferPointer { ends in
                    while true {
                        let content = slots[slot]
                        if content == 0 { return nil }
                        if content >> 24 == tag {
                            let k = Int(content & 0xFF_FFFF) - 1
                            let start = k == 0 ? 0 : Int(ends[k - 1])
                            if KeyHash.equal(UnsafeBufferPointer(rebasing: arena[start..<Int(ends[k])]), bytes) { return k }
                        }
                        slot += 1
                        if slot == capacity { slot = 0 }
                    }
                }
            }
        }
        if let found { return found }
        let k = keyCount
        precondition(k < 0xFF_FFFF, "too many names in one part of an index")
        slots[slot] = tag << 24 | UInt32(k + 1)
        arena.append(contentsOf: bytes)
        keyEnds.append(UInt32(arena.count))
        return k
    }

    private func keyBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(k == 0 ? 0 : Int(keyEnds[k - 1]))..<Int(keyEnds[k])])) }
    }

    /// Rebuilds the slots with another capacity (hashes are computed again from the keys).
    private mutating func rehash(capacity: Int) {
        var fresh = [UInt32](repeating: 0, count: capacity)
        for k in 0..<keyCount {
            let hash = keyBytes(k) { KeyHash.hash($0) }
            var slot = StringMultiMap.home(hash, capacity)
            while fresh[slot] != 0 {
                slot += 1
                if slot == capacity { slot = 0 }
            }
            fresh[slot] = StringMultiMap.tag(hash) << 24 | UInt32(k + 1)
        }
        slots = fresh
    }

    /// The finished part, and the offset of each key's entry in its arena. Values are ordered
    /// for names primary first, then in load order.
    mutating func finish(names: Bool) -> (StringMultiMap.Part, [UInt32]) {
        var part = StringMultiMap.Part()
        let keyCount = self.keyCount
        guard keyCount > 0 else { return (part, []) }
        if keyCount * 3 < slots.count { rehash(capacity: max(16, keyCount + keyCount / 2)) }
        // Values grouped by key, in the order they are to be listed.
        var counts = [UInt32](repeating: 0, count: keyCount + 1)
        for k in entryKeys { counts[Int(k) + 1] += 1 }
        for k in 0..<keyCount { counts[k + 1] += counts[k] }
        var ordered = [UInt32](repeating: 0, count: entryKeys.count)
        var cursor = counts
        if names {
            // Primary names before alternate ones, each in load order.
            for pass: UInt32 in [0, 0x8000_0000] {
                for i in entryKeys.indices where entryValues[i] & 0x8000_0000 == pass {
                    let k = Int(entryKeys[i])
                    ordered[Int(cursor[k])] = entryValues[i]
                    cursor[k] += 1
                }
            }
        } else {
            for i in entryKeys.indices {
                let k = Int(entryKeys[i])
                ordered[Int(cursor[k])] = entryValues[i]
                cursor[k] += 1
            }
        }
        entryKeys = []
        entryValues = []
        // Entries: length, key, value word.
        var offsets = [UInt32](repeating: 0, count: keyCount)
        var arena: [UInt8] = []
        arena.reserveCapacity(self.arena.count + keyCount * 6)
        var overflow: [UInt32] = []
        self.arena.withUnsafeBufferPointer { old in
            var start = 0
            for k in 0..<keyCount {
                let end = Int(keyEnds[k])
                offsets[k] = UInt32(arena.count)
                var n = end - start
                while n >= 0x80 {
                    arena.append(UInt8(n & 0x7F) | 0x80)
                    n >>= 7
                }
                arena.append(UInt8(n))
                arena.append(contentsOf: UnsafeBufferPointer(rebasing: old[start..<end]))
                let first = Int(counts[k]), count = Int(counts[k + 1]) - first
                var word = ordered[first]
                if count > 1 {
                    word = StringMultiMap.manyBit | UInt32(overflow.count)
                    overflow.append(UInt32(count))
                    overflow.append(contentsOf: ordered[first..<(first + count)])
                }
                withUnsafeBytes(of: word.littleEndian) { arena.append(contentsOf: $0) }
                start = end
            }
        }
        precondition(arena.count < 0xFF_FFFF, "too many names in one part of an index")
        for i in slots.indices where slots[i] != 0 {
            let k = Int(slots[i] & 0xFF_FFFF) - 1
            slots[i] = (slots[i] & 0xFF00_0000) | (offsets[k] + 1)
        }
        part.slots = FlatArray(slots)
        part.arena = FlatArray(arena.tight())
        part.overflow = FlatArray(overflow.tight())
        slots = []
        keyEnds = []
        self.arena = []
        return (part, offsets)
    }
}
