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

    func clusterDistinct(_ signatures: [(id: String, signature: [UInt64])]) -> [String: String] {
        var parent = Array(0..<signatures.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var postings: [UInt64: [Int32]] = [:]
        for (i, s) in signatures.enumerated() {
            var shared: [Int32: Int] = [:]
            for h in s.signature {
                if let list = postings[h] {
                    for j in list { shared[j, default: 0] += 1 }
                    postings[h]!.append(Int32(i))
                } else {
                    postings[h] = [Int32(i)]
                }
            }
            for (j, count) in shared {
                let smaller = min(s.signature.count, signatures[Int(j)].signature.count)
                guard smaller > 0, Double(count) / Double(smaller) >= threshold else { continue }
                let a = find(i), b = find(Int(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var smallest: [Int: String] = [:]
        for (i, s) in signatures.enumerated() {
            let root = find(i)
            if let cur = smallest[root], cur <= s.id { continue }
            smallest[root] = s.id
        }
        var out: [String: String] = [:]
        for (i, s) in signatures.enumerated() { out[s.id] = smallest[find(i)] }
        return out
    }
}
