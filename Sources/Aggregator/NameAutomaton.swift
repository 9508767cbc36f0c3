import Foundation
import Gazetteer

/// An open-addressing hash map from non-zero 64-bit keys to 32-bit values (0 means absent).
struct HashMap64: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [UInt32]
    private(set) var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < max(16, minimumCapacity * 2) { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        values = [UInt32](repeating: 0, count: 1 << Int(bits))
        shift = 64 - bits
    }

    var capacity: Int { keys.count }

    @inline(__always)
    static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    func get(_ key: UInt64) -> UInt32 {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var i = Self.slot(key, shift)
            // The table is never full (it grows at half), so the probe ends at an empty slot; the
            // mask keeps every index inside it.
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return 0 }
                i = (i + 1) & mask
            }
        }
    }

    /// Sets `key` to `value`, growing the table when it is half full.
    mutating func set(_ key: UInt64, _ value: UInt32) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Self.slot(key, shift)
        while true {
            let k = keys[i]
            if k == key { values[i] = value; return }
            if k == 0 {
                keys[i] = key
                values[i] = value
                count += 1
                return
            }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = HashMap64(minimumCapacity: keys.count)
        for i in 0..<keys.count where keys[i] != 0 { bigger.set(keys[i], values[i]) }
        self = bigger
    }
}

/// An Aho–Corasick automaton over the words of every gazetteer name.
///
/// The alphabet is the normalised words of the names (each word hashed, then numbered), so that a
/// match always starts and ends on word boundaries and one step is taken per word of the text.
/// The text is read once; at every word the automaton follows its goto and failure links, and the
/// output (dictionary-suffix) links list every name that ends there. Connectives that
/// `NameKey.normalized` drops inside names ("Pul-e-Khumri") are skipped inside a match.
public final class NameAutomaton: Sendable {
    /// Word hash → word number (1-based).
    let words: HashMap64
    /// Word number → the root's child for it (0: none).
    let rootNext: [UInt32]
    /// (state << 32 | word number) → child state, for states other than the root.
    let edges: HashMap64
    let fail: [UInt32]
    /// The nearest state on the failure chain (itself excluded) that ends a name, or 0.
    let dictLink: [UInt32]
    /// The number of words of the name a state ends, or 0 when it ends none.
    let outputDepth: [UInt8]
    /// How many distinct normalised names, states and words the automaton holds.
    public let nameCount: Int
    public var stateCount: Int { fail.count }
    public var wordCount: Int { rootNext.count - 1 }

    /// Names longer than this many words are left out.
    static let maximumDepth = 32

    /// Builds the automaton over every name of the gazetteer (primary and alternate, normalised).
    public convenience init(gazetteer: Gazetteer) {
        self.init(normalizedNames: gazetteer.normalizedNames)
    }

    /// Builds the automaton over names already normalised with `NameKey.normalized`.
    public init(normalizedNames names: [String]) {
        var trie = NameTrie(capacity: names.count)
        for var name in names { trie.insert(&name) }
        let (fail, dictLink) = trie.failureLinks()
        let n = trie.parent.count
        var outputDepth = [UInt8](repeating: 0, count: n)
        for s in 0..<n where trie.terminal[s] { outputDepth[s] = trie.depth[s] }
        self.words = trie.words
        self.rootNext = trie.rootNext
        self.edges = trie.edges
        self.fail = fail
        self.dictLink = dictLink
        self.outputDepth = outputDepth
        self.nameCount = trie.count
    }

    /// For every token, a bit mask of the lengths (in tokens, bit `n - 1` for `n`) of the names
    /// that start at it and end at the end of a later token, at most `maximumTokens` long.
    ///
    /// Only names that can be mentions are looked for: they start at the first sub-word of a
    /// capitalised token, and all their tokens are separated by white space alone (no punctuation,
    /// sentence break or possessive), so the automaton restarts at every such break.
    func matchMasks(_ text: TokenizedText, maximumTokens: Int = 6) -> [UInt8] {
        var masks = [UInt8](repeating: 0, count: text.tokens.count)
        var restarts: [Int] = []
        scan(text, from: 0, to: text.tokens.count, maximumTokens: maximumTokens, masks: &masks, restarts: &restarts)
        // A connective that begins a capitalised word inside a match ("… I …") is skipped there; names
        // that start at it are looked for in a second, short run from that word.
        var done = Set<Int>()
        while let r = restarts.popLast() {
            guard done.insert(r).inserted else { continue }
            scan(text, from: r, to: min(text.tokens.count, r + maximumTokens), maximumTokens: maximumTokens, restart: true, masks: &masks, restarts: &restarts)
        }
        return masks
    }

    /// One state step: the goto, or failure links until one matches.
    @inline(__always)
    func step(_ state: UInt32, _ id: UInt32) -> UInt32 {
        var state = state
        while true {
            if state == 0 { return id == 0 ? 0 : rootNext[Int(id)] }
            if id != 0 {
                let next = edges.get(UInt64(state) << 32 | UInt64(id))
                if next != 0 { return next }
            }
            state = fail[Int(state)]
        }
    }

    func scan(_ text: TokenizedText, from: Int, to: Int, maximumTokens: Int, restart: Bool = false, masks: inout [UInt8], restarts: inout [Int]) {
        let tokens = text.tokens
        let connectives = Tokenizer.connectives
        // The token of each word fed to the automaton, and whether it was the token's first sub-word.
        var ringToken = [Int32](repeating: 0, count: 64)
        var ringFirst = [Bool](repeating: false, count: 64)
        var fed = 0
        tokens.storage.withUnsafeBufferPointer { tok in
        text.subwords.withUnsafeBufferPointer { sub in
        dictLink.withUnsafeBufferPointer { dict in
        outputDepth.withUnsafeBufferPointer { outDepth in
        masks.withUnsafeMutableBufferPointer { masks in
            func emit(_ state: UInt32, _ k: Int, _ fed: Int) {
                var o = outDepth[Int(state)] != 0 ? state : dict[Int(state)]
                while o != 0 {
                    let d = Int(outDepth[Int(o)])
                    if d <= fed, d <= 63 {
                        let at = (fed - d) & 63
                        let startToken = Int(ringToken[at])
                        let length = k - startToken + 1
                        if ringFirst[at], length <= maximumTokens, startToken >= from, tok[startToken].flags & Token.capitalized != 0 {
                            masks[startToken] |= UInt8(1 << (length - 1))
                        }
                    }
                    o = dict[Int(o)]
                }
            }
            var state: UInt32 = 0
            for k in from..<to {
                let t = tok[k]
                if k > from, state != 0, t.flags & Token.gapEmpty == 0 || t.flags & Token.sentenceStart != 0 || tok[k - 1].flags & Token.possessive != 0 {
                    state = 0
                }
                if restart, k > from, state == 0 { break }  // nothing that starts at `from` goes on
                let capital = t.flags & Token.capitalized != 0
                let count = Int(t.subCount)
                if state == 0 && !capital { continue }
                for i in 0..<count {
                    let first = i == 0
                    if state == 0 && !(first && capital) { continue }
                    let h = sub[Int(t.subStart) + i]
                    if state != 0, connectives.contains(h) {
                        // Dropped inside a name ("Pul-e-Khumri"), but a name may end with it or start at it.
                        if i == count - 1 {
                            let peek = step(state, words.get(h))
                            if peek != 0 {
                                ringToken[fed & 63] = Int32(k)
                                ringFirst[fed & 63] = first
                                emit(peek, k, fed + 1)
                            }
                        }
                        if first && capital { restarts.append(k) }
                        continue
                    }
                    state = step(state, words.get(h))
                    ringToken[fed & 63] = Int32(k)
                    ringFirst[fed & 63] = first
                    fed += 1
                    if state != 0, i == count - 1 { emit(state, k, fed) }
                }
            }
        }}}}}
    }
}

/// The trie of the names' words as ``NameAutomaton`` builds it: every state with its parent, the
/// word that leads to it and its depth, and which states end a name.
struct NameTrie {
    /// Word hash → word number (1-based).
    var words: HashMap64
    /// Word number → the root's child for it (0: none).
    var rootNext: [UInt32] = [0]
    /// (state << 32 | word number) → child state, for states other than the root.
    var edges: HashMap64
    var parent: [UInt32] = [0]
    var label: [UInt32] = [0]
    var depth: [UInt8] = [0]
    var terminal: [Bool] = [false]
    /// How many distinct names end in a state.
    var count = 0

    init(capacity: Int) {
        words = HashMap64(minimumCapacity: capacity)
        edges = HashMap64(minimumCapacity: capacity)
        parent.reserveCapacity(capacity * 2)
        label.reserveCapacity(capacity * 2)
        depth.reserveCapacity(capacity * 2)
        terminal.reserveCapacity(capacity * 2)
    }

    /// Adds a normalised name word by word ("mazar i sharif": three words, split at spaces), and
    /// marks the state it ends in, unless it is longer than ``NameAutomaton/maximumDepth`` words.
    mutating func insert(_ name: inout String) {
        name.withUTF8 { utf8 in
            var state: UInt32 = 0
            var d = 0
            var h = WordHash.seed
            var wordLength = 0
            func step(_ hash: UInt64) {
                let hash = hash == 0 ? 1 : hash
                var id = words.get(hash)
                if id == 0 {
                    id = UInt32(rootNext.count)
                    words.set(hash, id)
                    rootNext.append(0)
                }
                let next = state == 0 ? rootNext[Int(id)] : edges.get(UInt64(state) << 32 | UInt64(id))
                if next != 0 {
                    state = next
                } else {
                    let new = UInt32(parent.count)
                    parent.append(state)
                    label.append(id)
                    depth.append(UInt8(min(d + 1, 255)))
                    terminal.append(false)
                    if state == 0 { rootNext[Int(id)] = new } else { edges.set(UInt64(state) << 32 | UInt64(id), new) }
                    state = new
                }
                d += 1
            }
            for b in utf8 {
                if b == 0x20 {
                    if wordLength > 0 { step(h) }
                    h = WordHash.seed
                    wordLength = 0
                } else {
                    h = WordHash.add(h, b)
                    wordLength += 1
                }
            }
            if wordLength > 0 { step(h) }
            if state != 0, d <= NameAutomaton.maximumDepth, !terminal[Int(state)] {
                terminal[Int(state)] = true
                count += 1
            }
        }
    }

    /// The failure links (the longest proper suffix of a state's words that is also a state) and
    /// the output links (the nearest state on the failure chain that ends a name), breadth first.
    func failureLinks() -> (fail: [UInt32], dictLink: [UInt32]) {
        // Failure and output links, breadth first (states in order of depth).
        let n = parent.count
        var byDepth = [[UInt32]](repeating: [], count: 256)
        for s in 1..<max(1, n) { byDepth[Int(depth[s])].append(UInt32(s)) }
        var fail = [UInt32](repeating: 0, count: n)
        var dictLink = [UInt32](repeating: 0, count: n)
        for level in byDepth {
            for s in level {
                let u = parent[Int(s)]
                let w = label[Int(s)]
                var f: UInt32 = 0
                if u != 0 {
                    var g = fail[Int(u)]
                    while true {
                        let next = g == 0 ? rootNext[Int(w)] : edges.get(UInt64(g) << 32 | UInt64(w))
                        if next != 0 { f = next; break }
                        if g == 0 { break }
                        g = fail[Int(g)]
                    }
                }
                fail[Int(s)] = f
                dictLink[Int(s)] = terminal[Int(f)] ? f : dictLink[Int(f)]
            }
        }
        return (fail, dictLink)
    }
}
