/// Groups syndicated copies of one story, so that each group counts as one independent source.
///
/// Each report becomes a set of hashed 5-word shingles of its normalised words. Two reports whose
/// sets overlap by at least ``threshold`` of the smaller set (containment, which catches a copy
/// that was cut or padded) are copies; copies of copies join one cluster.
public struct SyndicationClusterer: Sendable {
    public var shingleWords = 5
    public var threshold = 0.25

    public init() {}

    /// The report's shingle signature.
    public func signature(of text: String) -> Set<UInt64> {
        Set(signature(of: Tokenizer.tokenize(text)))
    }

    /// The sorted, distinct shingle hashes of a tokenized text.
    func signature(of text: TokenizedText) -> [UInt64] {
        let words = text.subwords
        guard !words.isEmpty else { return [] }
        var out: [UInt64] = []
        let n = min(shingleWords, words.count)
        out.reserveCapacity(words.count)
        for i in 0...(words.count - n) {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for j in i..<(i + n) {
                h = (h ^ words[j]) &* 0x100_0000_01b3
                h = (h << 29) | (h >> 35)
            }
            out.append(h)
        }
        out.sort()
        var unique: [UInt64] = []
        unique.reserveCapacity(out.count)
        for h in out where unique.last != h { unique.append(h) }
        return unique
    }

    /// How much of the smaller signature the larger one contains (0–1).
    public static func overlap(_ a: Set<UInt64>, _ b: Set<UInt64>) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0
        for h in small where large.contains(h) { shared += 1 }
        return Double(shared) / Double(small.count)
    }

    /// A cluster id for each report id: the smallest report id in its cluster.
    public func clusters(_ signatures: [(id: String, signature: Set<UInt64>)]) -> [String: String] {
        clusters(signatures.map { ($0.id, $0.signature.sorted()) })
    }

    /// A cluster id for each report id, from sorted signatures. Pairs are found through an
    /// inverted index of shingles, so reports that share no shingle are never compared; the
    /// clusters are the connected components of "overlap ≥ threshold", whatever the input order.
    func clusters(_ all: [(id: String, signature: [UInt64])]) -> [String: String] {
        // Reports with the same signature (exact copies) are one cluster; the rest is compared once per signature.
        var firstWith: [[UInt64]: Int] = [:]
        var signatures: [(id: String, signature: [UInt64])] = []
        var groupOf: [Int] = []
        for s in all {
            if let g = firstWith[s.signature], !s.signature.isEmpty {
                groupOf.append(g)
                if s.id < signatures[g].id { signatures[g].id = s.id }
            } else {
                firstWith[s.signature] = signatures.count
                groupOf.append(signatures.count)
                signatures.append(s)
            }
        }
        let byGroup = clusterDistinct(signatures)
        var out: [String: String] = [:]
        for (i, s) in all.enumerated() { out[s.id] = byGroup[signatures[groupOf[i]].id] }
        return out
    }

    /// The clusters of reports with distinct signatures: the connected components of the graph
    /// whose edges join two reports sharing at least ``threshold`` of the smaller signature.
    ///
    /// Syndication makes this graph dense: a wire story copied by hundreds of outlets gives hundreds
    /// of near-identical signatures, and comparing each report with every other one that shares a
    /// shingle costs O(n²) overlap counts. Only the components matter, so the inverted index maps
    /// each shingle to the *components* that have it (its entries are re-pointed to their
    /// component's root and deduplicated whenever they are read), not to every report. A new report
    ///
    /// 1. counts, for each component, how many of its shingles some member has: an upper bound on
    ///    its overlap with any one member;
    /// 2. skips the component when that bound is under the threshold even for its smallest member;
    /// 3. otherwise compares itself exactly with the component's members until one passes.
    ///
    /// Every edge of the graph is still found (a member that shares enough shingles passes the
    /// bound and then the comparison), so the result is exactly the components of the graph,
    /// whatever the order of the input, and so the same for any split of the reports into batches.
    func clusterDistinct(_ signatures: [(id: String, signature: [UInt64])]) -> [String: String] {
        let n = signatures.count
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var members: [[Int32]] = (0..<n).map { [Int32($0)] }            // at roots: the component's reports
        var smallest: [Int] = signatures.map { $0.signature.count }      // at roots: its smallest signature
        var postings: [UInt64: [Int32]] = [:]
        var count = [Int](repeating: 0, count: n)   // per root: how many of the new report's shingles it has
        var stamp = [Int](repeating: -1, count: n)  // per root: the last posting list it was seen in
        var tick = 0
        var candidates: [Int] = []
        for i in 0..<n {
            let sig = signatures[i].signature
            if sig.isEmpty { continue }
            for c in candidates { count[c] = 0 }
            candidates.removeAll(keepingCapacity: true)
            for h in sig {
                guard let index = postings.index(forKey: h) else {
                    postings[h] = [Int32(i)]
                    continue
                }
                tick += 1
                Self.visit(&postings.values[index], report: i, tick: tick, find: find, stamp: &stamp, count: &count, candidates: &candidates)
            }
            for c in candidates {
                let a = find(i)
                let b = find(c)
                if a == b { continue }
                let bound = Double(count[c]) / Double(min(sig.count, smallest[b]))
                if bound < threshold { continue }
                var joined = false
                for j in members[b] {
                    let other = signatures[Int(j)].signature
                    let overlap = Double(Self.sharedCount(sig, other)) / Double(min(sig.count, other.count))
                    if overlap >= threshold {
                        joined = true
                        break
                    }
                }
                if !joined { continue }
                let big = members[a].count >= members[b].count ? a : b
                let small = big == a ? b : a
                parent[small] = big
                members[big].append(contentsOf: members[small])
                members[small] = []
                smallest[big] = min(smallest[big], smallest[small])
            }
        }
        var name: [Int: String] = [:]
        for (i, s) in signatures.enumerated() {
            let root = find(i)
            if let current = name[root], current <= s.id { continue }
            name[root] = s.id
        }
        var out: [String: String] = [:]
        for (i, s) in signatures.enumerated() { out[s.id] = name[find(i)] }
        return out
    }

    /// Reads one shingle's posting list for a new report: re-points each entry to its component's
    /// root, keeps one entry per component, counts the components, and adds the report.
    private static func visit(_ list: inout [Int32], report: Int, tick: Int, find: (Int) -> Int,
                              stamp: inout [Int], count: inout [Int], candidates: inout [Int]) {
        var kept = 0
        for k in 0..<list.count {
            let root = find(Int(list[k]))
            if stamp[root] == tick { continue }
            stamp[root] = tick
            list[kept] = Int32(root)
            kept += 1
            if count[root] == 0 { candidates.append(root) }
            count[root] += 1
        }
        list.removeLast(list.count - kept)
        list.append(Int32(report))
    }

    /// The number of hashes two sorted, distinct signatures share.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                shared += 1
                i += 1
                j += 1
            }
        }
        return shared
    }
}
