import Foundation

extension StringMultiMap {
    struct Part: Sendable {
        /// Open addressing: 0 for an empty slot, else the key's `tag` in the top byte and the
        /// offset of its entry in `arena`, plus 1, below.
        var slots = FlatArray<UInt32>()
        /// Entries: the key's length (a varint), its UTF-8, then a value word: the value itself
        /// when the key has one, else `manyBit` and the index in `overflow` of its count, which
        /// the values follow.
        var arena = FlatArray<UInt8>()
        var overflow = FlatArray<UInt32>()

        /// The key at an entry, and where its value word is; `nil` when the entry does not lie
        /// within the arena (the arena may be read from a damaged cache).
        @inline(__always)
        static func entry(_ arena: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (key: UnsafeBufferPointer<UInt8>, word: Int)? {
            guard offset >= 0, let base = arena.baseAddress else { return nil }
            var i = offset, length = 0, shift = 0
            while true {
                guard i < arena.count, shift < 28 else { return nil }
                let b = base[i]
                i += 1
                length |= Int(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            guard length <= arena.count - i, arena.count - i - length >= 4 else { return nil }
            return (UnsafeBufferPointer(start: base + i, count: length), i + length)
        }

        /// The offset of the key's entry.
        func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
            guard !slots.isEmpty else { return nil }
            let tag = StringMultiMap.tag(hash)
            return slots.withUnsafeBufferPointer { slots in
                arena.withUnsafeBufferPointer { arena in
                    var i = StringMultiMap.home(hash, slots.count)
                    // At most one pass over the slots (a table read from a damaged cache may have no empty slot).
                    for _ in 0..<slots.count {
                        let slot = slots[i]
                        if slot == 0 { return nil }
                        if slot >> 24 == tag {
                            let offset = Int(slot & 0xFF_FFFF) - 1
                            if let entry = Self.entry(arena, offset), KeyHash.equal(entry.key, key) { return offset }
                        }
                        i += 1
                        if i == slots.count { i = 0 }
                    }
                    return nil
                }
            }
        }

        /// The values of the entry at `offset` (none when the entry or its values do not lie
        /// within the arrays).
        func values(at offset: Int) -> IndexValues {
            let word = arena.withUnsafeBufferPointer { arena -> UInt32? in
                guard let entry = Self.entry(arena, offset), let base = arena.baseAddress else { return nil }
                return UnsafeRawPointer(base + entry.word).loadUnaligned(as: UInt32.self)
            }
            guard let word else { return .empty }
            let value = UInt32(littleEndian: word)
            guard value & StringMultiMap.manyBit != 0 else { return IndexValues(single: value, many: nil) }
            let at = Int(value & ~StringMultiMap.manyBit)
            guard let count = overflow.at(at), Int(count) <= overflow.count - at - 1 else { return .empty }
            return IndexValues(single: 0, many: overflow[(at + 1)..<(at + 1 + Int(count))])
        }

        /// Calls `body` with the key at `offset` (empty when there is no entry there).
        func withKey<R>(at offset: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            arena.withUnsafeBufferPointer { body(Self.entry($0, offset)?.key ?? UnsafeBufferPointer(start: nil, count: 0)) }
        }

        /// Every key, in arena order.
        func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            arena.withUnsafeBufferPointer { arena in
                var i = 0
                while i < arena.count, let entry = Self.entry(arena, i) {
                    body(entry.key)
                    i = entry.word + 4
                }
            }
        }
    }
}
