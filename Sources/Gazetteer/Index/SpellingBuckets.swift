import Foundation

/// Normalized ASCII names of 7+ bytes grouped by `Gazetteer.bucket`, in load order within a
/// bucket; the names are keys of the name index.
struct SpellingBuckets: Sendable {
    struct Entry: Sendable {
        /// The name, as a key reference of the name index.
        var key: UInt32
        var place: Int32
    }
    var entries = FlatArray<Entry>()
    /// Each bucket's range of `entries` (checked to lie within them when read from the cache).
    var buckets: [Int: Range<Int>] = [:]

    func entries(in bucket: Int) -> Slice<FlatArray<Entry>> {
        guard let range = buckets[bucket] else { return entries[0..<0] }
        return entries[range]
    }
}
