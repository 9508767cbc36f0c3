import Foundation

/// Normalized ASCII names of 7+ bytes grouped by `Gazetteer.bucket`, in load order within a
/// bucket; the names are keys of the name index.
struct SpellingBuckets: Sendable {
    struct Entry: Sendable {
        /// The name, as a key reference of the name index.
        var key: UInt32
        var place: Int32
    }
    var entries: [Entry] = []
    var buckets: [Int: Range<Int>] = [:]

    func entries(in bucket: Int) -> ArraySlice<Entry> {
        guard let range = buckets[bucket] else { return [] }
        return entries[range]
    }
}
