/// Groups syndicated copies of one story, so that each group counts as one independent source.
///
/// Each report becomes a set of hashed 5-word shingles of its normalised text. Two reports whose
/// sets overlap by at least ``threshold`` of the smaller set (containment, which catches a copy
/// that was cut or padded) are copies; copies of copies join one cluster.
public struct SyndicationClusterer: Sendable {
    public var shingleWords = 5
    public var threshold = 0.25

    public init() {}

    /// The report's shingle signature.
    public func signature(of text: String) -> Set<UInt64> {
        var words: [Substring] = []
        var current = ""
        var parts: [String] = []
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                parts.append(current)
                current = ""
            }
        }
        if !current.isEmpty { parts.append(current) }
        words = parts.map { Substring($0) }
        var out = Set<UInt64>()
        guard words.count >= shingleWords else {
            if !words.isEmpty { out.insert(Self.hash(words[...])) }
            return out
        }
        for i in 0...(words.count - shingleWords) {
            out.insert(Self.hash(words[i..<(i + shingleWords)]))
        }
        return out
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
        var parent = Array(0..<signatures.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for i in 0..<signatures.count {
            for j in (i + 1)..<max(i + 1, signatures.count)
            where Self.overlap(signatures[i].signature, signatures[j].signature) >= threshold {
                let a = find(i), b = find(j)
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

    /// FNV-1a over the words, separated by a space.
    static func hash(_ words: ArraySlice<Substring>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, w) in words.enumerated() {
            if i > 0 { h = (h ^ 0x20) &* 0x100_0000_01b3 }
            for b in w.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return h
    }
}
