import Foundation

/// Place id → place index: open addressing over place numbers, the ids themselves compared (as
/// `String` keys of a `Dictionary` would be) in the places.
struct IDIndex: Sendable {
    /// 0 for an empty slot, else the hash's top 32 bits and the place number + 1.
    private(set) var slots = FlatArray<UInt64>()

    init() {}

    init(slots: FlatArray<UInt64>) { self.slots = slots }

    static func hash(_ id: String) -> UInt64 {
        if let h = id.utf8.withContiguousStorageIfAvailable({ KeyHash.hash($0) }) { return h }
        var copy = id
        return copy.withUTF8 { KeyHash.hash($0) }
    }

    static func equal(_ a: String, _ b: String) -> Bool {
        if let r = a.utf8.withContiguousStorageIfAvailable({ a in b.utf8.withContiguousStorageIfAvailable { KeyHash.equal(a, $0) } }),
            let r { return r }
        return a == b
    }

    /// The index of all places, or the first place whose id an earlier place already has.
    static func build(_ places: [Place]) -> (IDIndex, duplicate: Int?) {
        var index = IDIndex()
        let capacity = max(16, places.count + places.count / 2)
        var slots = [UInt64](repeating: 0, count: capacity)
        for i in places.indices {
            let hash = Self.hash(places[i].id)
            let tag = hash >> 32
            var s = StringMultiMap.home(hash, capacity)
            while slots[s] != 0 {
                if slots[s] >> 32 == tag, equal(places[Int(slots[s] & 0xFFFF_FFFF) - 1].id, places[i].id) {
                    return (index, i)
                }
                s += 1
                if s == capacity { s = 0 }
            }
            slots[s] = tag << 32 | UInt64(i + 1)
        }
        index.slots = FlatArray(slots)
        return (index, nil)
    }

    /// The index of the place with this id. (The slots may be read from a damaged index cache:
    /// the probe stops after one pass, and place numbers outside `places` are passed over.)
    func find<Places: RandomAccessCollection<Place>>(_ id: String, in places: Places) -> Int? where Places.Index == Int {
        guard !slots.isEmpty else { return nil }
        let hash = Self.hash(id)
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            var s = StringMultiMap.home(hash, slots.count)
            for _ in 0..<slots.count {
                let slot = slots[s]
                if slot == 0 { return nil }
                if slot >> 32 == tag {
                    let i = Int(slot & 0xFFFF_FFFF) - 1
                    if i >= places.startIndex, i < places.endIndex, Self.equal(places[i].id, id) { return i }
                }
                s += 1
                if s == slots.count { s = 0 }
            }
            return nil
        }
    }
}
