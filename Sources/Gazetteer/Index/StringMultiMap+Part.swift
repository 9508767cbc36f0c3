import Foundation

extension StringMultiMap {
    struct Part: Sendable {
        /// Open addressing: 0 for an empty slot, else the key's `tag` in the top byte and the
        /// offset of its entry in `arena`, plus 1, below.
        var slots: [UInt32] = []
        /// Entries: the key's length (a varint), its UTF-8, then a value word: the value itself
        /// when the key has one, else `manyBit` and the index in `overflow` of its count, which
        /// the values follow.
        var arena: [UInt8] = []
        var overflow: [UInt32] = []

        /// The key at an entry, and where its value word is.
        @inline(__always)
        static func entry(_ arena: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (key: UnsafeBufferPointer<UInt8>, word: Int) {
            var i = offset, length = 0, shift = 0
            while true {
                let b = arena[i]
                i += 1
                length |= Int(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return (UnsafeBufferPointer(rebasing: arena[i..<(i + length)]), i + length)
        }

        /// The offset of the key's entry.
        func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
            guard !slots.isEmpty else { return nil }
            let tag = StringMultiMap.tag(hash)
            return slots.withUnsafeBufferPointer { slots in
                arena.withUnsafeBufferPointer { arena in
                    var i = StringMultiMap.home(hash, slots.count)
                    while true {
                        let slot = slots[i]
                        if slot == 0 { return nil }
                        if slot >> 24 == tag {
                            let offset = Int(slot & 0xFF_FFFF) - 1
                            if KeyHash.equal(Self.entry(arena, offset).key, key) { return offset }
                        }
                        i += 1
                        if i == slots.count { i = 0 }
                    }
                }
            }
        }

        func values(at offset: Int) -> IndexValues {
            let word = arena.withUnsafeBufferPointer { arena in
                UnsafeRawPointer(arena.baseAddress!).loadUnaligned(fromByteOffset: Self.entry(arena, offset).word, as: UInt32.self)
            }
            let value = UInt32(littleEndian: word)
            guard value & StringMultiMap.manyBit != 0 else { return IndexValues(single: value, many: nil) }
            let at = Int(value & ~StringMultiMap.manyBit)
            return IndexValues(single: 0, many: overflow[(at + 1)..<(at + 1 + Int(overflow[at]))])
        }

        func withKey<R>(at offset: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            arena.withUnsafeBufferPointer { body(Self.entry($0, offset).key) }
        }

        /// Every key, in arena order.
        func forEachKey(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            arena.withUnsafeBufferPointer { arena in
                var i = 0
                while i < arena.count {
                    let (key, word) = Self.entry(arena, i)
                    body(key)
                    i = word + 4
                }
            }
        }
    }
}
