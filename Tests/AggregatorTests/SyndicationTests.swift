import Aggregator
import Foundation
import Testing

/// The clusterer finds exactly the connected components of "shares at least 25% of the smaller
/// signature", whatever the input order: the definition, checked against comparing every pair.
@Suite("Syndication clusters")
struct SyndicationTests {
    typealias Signature = (id: String, signature: Set<UInt64>)

    /// The definition: every pair compared, components by union–find, each named by its smallest id.
    static func bruteForce(_ all: [Signature], threshold: Double) -> [String: String] {
        var parent = Array(all.indices)
        func find(_ x: Int) -> Int { parent[x] == x ? x : find(parent[x]) }
        for i in all.indices {
            for j in all.indices where j > i {
                if SyndicationClusterer.overlap(all[i].signature, all[j].signature) >= threshold {
                    let a = find(i), b = find(j)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        var name: [Int: String] = [:]
        for (i, s) in all.enumerated() {
            let r = find(i)
            if let n = name[r], n <= s.id { continue }
            name[r] = s.id
        }
        return Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.element.id, name[find($0.offset)]!) })
    }

    /// Stories, each republished many times: verbatim, cut, padded with boilerplate that many
    /// stories share, mixed with another story, and tiny or empty reports; overlaps near the
    /// threshold on both sides.
    static func corpus(seed: UInt64) -> [Signature] {
        var rng = MergeTests.SplitMix(state: seed)
        let boilerplate = Set((0..<30).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) })
        let stories: [[UInt64]] = (0..<12).map { _ in (0..<Int.random(in: 20...300, using: &rng)).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) } }
        var out: [Signature] = []
        for n in 0..<300 {
            let story = stories[Int.random(in: 0..<stories.count, using: &rng)]
            var s: Set<UInt64>
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: s = Set(story)
            case 1: s = Set(story.prefix(max(1, Int(Double(story.count) * Double.random(in: 0.05...0.9, using: &rng)))))
            case 2:
                // A fraction of the story near the threshold, inside a larger text of its own.
                let keep = Int(Double(story.count) * Double.random(in: 0.15...0.35, using: &rng))
                s = Set(story.shuffled(using: &rng).prefix(keep))
                for _ in 0..<Int.random(in: 0...(3 * keep), using: &rng) { s.insert(UInt64.random(in: 0...UInt64.max, using: &rng)) }
            case 3: s = Set(story).union(boilerplate.prefix(Int.random(in: 1...30, using: &rng)))
            case 4:
                let other = stories[Int.random(in: 0..<stories.count, using: &rng)]
                s = Set(story.prefix(story.count / 3)).union(other.suffix(other.count / 3))
            case 5: s = Set((0..<Int.random(in: 0...3, using: &rng)).map { _ in story[Int.random(in: 0..<story.count, using: &rng)] })
            default: s = Set((0..<Int.random(in: 5...200, using: &rng)).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }).union(boilerplate)
            }
            out.append((id: "r\(n)", signature: s))
        }
        return out.shuffled(using: &rng)
    }

    @Test("The clusters are the components of the overlap graph, as comparing every pair finds them", arguments: 1...6)
    func matchesDefinition(seed: UInt64) {
        let all = Self.corpus(seed: seed)
        let clusterer = SyndicationClusterer()
        let found = clusterer.clusters(all)
        let expected = Self.bruteForce(all, threshold: clusterer.threshold)
        #expect(found == expected)
        // Not a vacuous check: the corpus has large clusters and singletons.
        let sizes = Dictionary(grouping: expected.values, by: { $0 }).values.map(\.count)
        #expect(sizes.contains { $0 >= 10 } && sizes.contains(1))
    }

    @Test("The clusters do not depend on the order of the reports", arguments: 1...4)
    func orderIndependent(seed: UInt64) {
        var rng = MergeTests.SplitMix(state: seed &* 31)
        let all = Self.corpus(seed: seed)
        let clusterer = SyndicationClusterer()
        let first = clusterer.clusters(all)
        for _ in 0..<3 { #expect(clusterer.clusters(all.shuffled(using: &rng)) == first) }
    }

    @Test("A report that shares enough with a cluster as a whole, but not with any one report in it, stays apart")
    func unionIsNotEnough() {
        let story = (0..<200).map { UInt64($0) * 7_919 + 1 }
        let noise = (0..<100).map { UInt64($0) + 1_000_000 }
        let a = Set(story[0..<100])      // a and b share 40 of 100: one cluster
        let b = Set(story[60..<160])
        let c = Set(story[0..<20]).union(story[140..<160]).union(noise)  // 20 of a, 20 of b, 40 of the pair
        for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
            let all: [Signature] = order.map { [("a", a), ("b", b), ("c", c)][$0] }.map { (id: $0.0, signature: $0.1) }
            let found = SyndicationClusterer().clusters(all)
            #expect(found == ["a": "a", "b": "a", "c": "c"], "order \(order)")
            #expect(found == Self.bruteForce(all, threshold: 0.25))
        }
    }

    @Test("A thousand near-copies of one story, each a different cut, make one cluster (quickly)")
    func storm() {
        var rng = MergeTests.SplitMix(state: 99)
        let story = (0..<600).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
        let all: [Signature] = (0..<1000).map { n in
            var s = Set(story.prefix(Int.random(in: 300...600, using: &rng)))
            s.insert(UInt64(n))  // each copy differs
            return (id: "copy\(n)", signature: s)
        }
        let found = SyndicationClusterer().clusters(all)
        #expect(Set(found.values) == ["copy0"])
    }
}
