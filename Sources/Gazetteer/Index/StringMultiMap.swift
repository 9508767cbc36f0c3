import Foundation

/// A map from strings to lists of `UInt32` (each < 2^30), held in a few flat arrays (no object
/// per key), with keys matched as `String` keys of a `Dictionary` would be.
struct StringMultiMap: Sendable {
    /// Keys are spread over `partCount` parts by the top bits of their hash, so that parts are
    /// small (cache-friendly to build) and can be built in parallel.
    static let partBits = 6
    static let partCount = 1 << partBits

    @inline(__always)
    static func part(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - partBits)) }

    /// Where a key's linear probing starts, from the hash's low 32 bits.
    @inline(__always)
    static func home(_ hash: UInt64, _ capacity: Int) -> Int {
        Int((UInt64(UInt32(truncatingIfNeeded: hash)) &* UInt64(capacity)) >> 32)
    }

    /// 8 more bits of the hash, kept in the slots to skip most keys without reading them.
    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: hash >> 32) & 0xFF }

    /// A value word of a key with several values: this bit, and where they are in `overflow`.
    static let manyBit: UInt32 = 0x4000_0000

    /// The parts, each a hash table of its own (see `Part`).
    var parts: [Part]

    func values(for key: String) -> IndexValues? {
        var key = key
        return key.withUTF8 { values(forUTF8: $0) }
    }

    func values(forUTF8 key: UnsafeBufferPointer<UInt8>) -> IndexValues? {
        let hash = KeyHash.hash(key)
        let part = parts[Self.part(hash)]
        guard let offset = part.find(key, hash: hash) else { return nil }
        return part.values(at: offset)
    }

    /// A key by reference: its part in the top byte, the offset of its entry below.
    /// (A reference read from the index cache may name no part: its key is then empty.)
    func withKey<R>(_ ref: UInt32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let part = Int(ref >> 24)
        guard part < parts.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return parts[part].withKey(at: Int(ref & 0xFF_FFFF), body)
    }

    func key(_ ref: UInt32) -> String { withKey(ref) { String(decoding: $0, as: UTF8.self) } }

    var keys: [String] {
        var out: [String] = []
        for part in parts {
            part.forEachKey { out.append(String(decoding: $0, as: UTF8.self)) }
        }
        return out
    }
}

/// The values of a key of a `StringMultiMap`.
struct IndexValues: RandomAccessCollection, Sendable {
    let single: UInt32
    let many: Slice<FlatArray<UInt32>>?

    static let empty = IndexValues(single: 0, many: FlatArray<UInt32>()[0..<0])

    var startIndex: Int { 0 }
    var endIndex: Int { many?.count ?? 1 }

    subscript(i: Int) -> UInt32 {
        guard let many else { return single }
        return many[many.startIndex + i]
    }
}
