import Foundation

/// Collects the normalized names of places for `IndexBuilder`: per chunk of places, one stream of
/// entries per part of the indexes (see `Chunk`), filled by a `Collector`.
enum NameIndexBuilder {
    struct Output {
        var names: StringMultiMap
        var keys: StringMultiMap
        var spelling: SpellingBuckets
    }

    /// A name that may match by one spelling slip: its bucket's first byte and length, its place.
    struct PendingSpelling {
        var length: UInt32
        var place: Int32
        var first: UInt8
    }

    static let chunkCount = 2

    /// Normalizes the names of all places, in parallel chunks of about the same number of name bytes.
    static func collect(_ places: [Place]) -> [Chunk] {
        var weights: [Int] = []
        weights.reserveCapacity(places.count)
        var total = 0
        for i in places.indices {
            var w = places[i].name.utf8.count + 16
            for n in places[i].alternateNames { w += n.name.utf8.count + 16 }
            weights.append(w)
            total += w
        }
        var bounds = [0]
        var acc = 0
        for (i, w) in weights.enumerated() {
            acc += w
            if bounds.count < chunkCount, acc * chunkCount >= total * bounds.count { bounds.append(i + 1) }
        }
        while bounds.count <= chunkCount { bounds.append(places.count) }
        bounds[chunkCount] = places.count
        return parallelMap(chunkCount) { c in
            var collector = Collector()
            var normalizer = NameNormalizer()
            places.withUnsafeBufferPointer { places in
                collector.collect(UnsafeBufferPointer(rebasing: places[bounds[c]..<bounds[c + 1]]), &normalizer)
            }
            return collector.finish()
        }
    }
}
