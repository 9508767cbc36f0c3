import Gazetteer

/// A word in a report, with its position in Unicode code points and in UTF-8 bytes.
///
/// Tokens carry no strings: their text is read from the ``TokenizedText`` they belong to, and each
/// token's normalised form is stored as hashes of its sub-words (the parts `NameKey.normalized`
/// splits it into), which is what the gazetteer automaton matches.
struct Token: Sendable {
    /// Code-point offsets into the text, `end` exclusive (a possessive 's is left out).
    var start: Int32
    var end: Int32
    /// UTF-8 byte offsets of the same range.
    var byteStart: Int32
    var byteEnd: Int32
    /// The first of this token's sub-word hashes in ``TokenizedText/subwords``, and how many.
    var subStart: Int32
    var subCount: Int32
    /// FNV-1a hash of the token's bytes with ASCII letters lowercased (for word lists).
    var lowerHash: UInt64
    var flags: UInt8

    static let capitalized: UInt8 = 1
    static let sentenceStart: UInt8 = 2
    /// Nothing but white space between the previous token and this one.
    static let gapEmpty: UInt8 = 4
    /// Exactly one comma (and white space) between the previous token and this one.
    static let gapComma: UInt8 = 8
    /// A possessive 's followed the word (dropped from the token), or a plural possessive ’.
    static let possessive: UInt8 = 16
    /// Every letter is an uppercase ASCII letter ("NRF", "USSR").
    static let allCaps: UInt8 = 32
    /// Text between the previous token and this one contains a paragraph break (a blank line).
    static let paragraphStart: UInt8 = 64

    /// Starts with an uppercase letter, or with a letter of a script without case (Arabic).
    var isCapitalized: Bool { flags & Self.capitalized != 0 }
    /// Whether a sentence may end between the previous token and this one (`.`, `!`, `?`, a line break).
    var startsSentence: Bool { flags & Self.sentenceStart != 0 }
    /// Whether nothing but white space separates this token from the previous one.
    var gapIsEmpty: Bool { flags & Self.gapEmpty != 0 }
    var gapIsComma: Bool { flags & Self.gapComma != 0 }
    var isPossessive: Bool { flags & Self.possessive != 0 }
    var isAllCaps: Bool { flags & Self.allCaps != 0 }
    var startsParagraph: Bool { flags & Self.paragraphStart != 0 }
}

/// A report's text cut into tokens, read once, byte by byte.
struct TokenizedText: Sendable {
    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    /// Checked: a token read past either end is ``Token/none`` (see `Checked.swift`).
    let tokens: CheckedArray<Token>
    /// Hashes of the normalised sub-words of every token, in order (see ``Token/subStart``).
    let subwords: [UInt64]
    /// The text's length in code points.
    let scalarCount: Int

    /// The token's text as written.
    func text(_ k: Int) -> String { string(bytes: Int(tokens[k].byteStart), Int(tokens[k].byteEnd)) }

    /// The token that starts at a code-point offset (a mention's or an unresolved name's `start`).
    func token(startingAt offset: Int) -> Int? {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < tokens.count && Int(tokens[lo].start) == offset ? lo : nil
    }

    /// The token's text, lowercased.
    func lower(_ k: Int) -> String { text(k).lowercased() }

    /// The text from the start of token `a` to the end of token `b`.
    func surface(_ a: Int, _ b: Int) -> String { string(bytes: Int(tokens[a].byteStart), Int(tokens[b].byteEnd)) }

    /// The text between two byte offsets; empty when they do not make a range inside the text.
    func string(bytes from: Int, _ to: Int) -> String {
        guard from >= 0, from <= to, to <= bytes.count else { return "" }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    /// Whether the text between two byte offsets contains `needle`, compared as UTF-8 bytes: no
    /// string is made, and no Foundation search runs (which cost a tenth of finding mentions).
    func bytes(_ from: Int, _ to: Int, contain needle: String) -> Bool {
        guard from >= 0, from <= to, to <= bytes.count else { return false }
        return needle.utf8.withContiguousStorageIfAvailable { n -> Bool in
            guard let first = n.first, n.count <= to - from else { return n.isEmpty }
            var i = from
            while i + n.count <= to {
                if bytes[i] == first {
                    var j = 1
                    while j < n.count, bytes[i + j] == n[j] { j += 1 }
                    if j == n.count { return true }
                }
                i += 1
            }
            return false
        } ?? string(bytes: from, to).contains(needle)
    }

    /// Whether tokens `k-1` and `k` may belong to one name: only white space between them, no
    /// sentence break, and no possessive on the first.
    func adjacent(_ k: Int) -> Bool {
        let t = tokens[k]
        return t.gapIsEmpty && !t.startsSentence && !tokens[k - 1].isPossessive
    }
}

/// FNV-1a, the hash of words throughout the aggregator.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always)
    static func add(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* prime }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = add(h, b) }
        return h == 0 ? 1 : h
    }

    /// The hash of a word's bytes with ASCII letters lowercased, as ``Token/lowerHash`` is computed.
    static func lowerHash(_ word: String) -> UInt64 {
        hash(word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
    }
}

/// What the tokenizer needs to know about a Unicode scalar, and how `NameKey.normalized` folds it.
struct ScalarInfo: Sendable {
    var flags: UInt8
    /// 0: keep `fold` bytes; 1: drop; 2: a break between words.
    var foldKind: UInt8
    var fold: [UInt8]

    static let word: UInt8 = 1
    static let apostrophe: UInt8 = 2
    static let hyphen: UInt8 = 4
    static let sentenceBreak: UInt8 = 8
    static let whitespace: UInt8 = 16
    static let capital: UInt8 = 32
    static let lowercase: UInt8 = 64

    static func compute(_ s: Unicode.Scalar) -> ScalarInfo {
        let p = s.properties
        var flags: UInt8 = 0
        if p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark {
            flags |= word
        }
        if s == "'" || s == "’" || s == "ʼ" || s == "ʻ" || s == "‘" || s == "ʿ" || s == "ʾ" { flags |= apostrophe }
        if s == "-" || s == "‐" || s == "‑" { flags |= hyphen }
        if s == "." || s == "!" || s == "?" || s == "\n" || s == "\u{2029}" { flags |= sentenceBreak }
        if p.isWhitespace { flags |= whitespace }
        if p.isUppercase || (p.isAlphabetic && !p.isLowercase && !p.changesWhenCaseMapped) { flags |= capital }
        if p.isLowercase { flags |= lowercase }
        // How NameKey.normalized treats the scalar between two letters.
        let probe = NameKey.normalized("a" + String(s) + "b")
        var kind: UInt8 = 0
        var fold: [UInt8] = []
        if probe == "ab" {
            kind = 1
        } else if probe == "a b" {
            kind = 2
        } else {
            let u = Array(probe.utf8)
            if u.count >= 2, u.first == 0x61, u.last == 0x62 { fold = Array(u[1..<(u.count - 1)]) } else { kind = 2 }
            if fold.contains(0x20) { kind = 2; fold = [] }
        }
        return ScalarInfo(flags: flags, foldKind: kind, fold: fold)
    }

    /// Precomputed for the scripts reports are usually written in (Latin, Greek, Cyrillic, Arabic, punctuation).
    static let table: [ScalarInfo] = {
        var out: [ScalarInfo] = []
        out.reserveCapacity(tableLimit)
        for v in 0..<UInt32(tableLimit) {
            let inRange = v < 0x800 || (0x1E00..<0x2070).contains(v) || (0xFB00..<0xFB10).contains(v)
            if inRange, let s = Unicode.Scalar(v) {
                out.append(compute(s))
            } else {
                out.append(ScalarInfo(flags: 0, foldKind: 3, fold: []))  // 3: not computed
            }
        }
        return out
    }()
    static let tableLimit = 0x2070

    /// Just the flags of ``table``, so that the scanner's common path copies no arrays.
    static let flagTable: [UInt8] = table.map(\.flags)

    @inline(__always)
    static func flags(_ v: UInt32) -> UInt8 {
        if v < UInt32(tableLimit), table[Int(v)].foldKind != 3 { return flagTable[Int(v)] }
        return compute(Unicode.Scalar(v) ?? "\u{FFFD}").flags
    }

    static func info(_ v: UInt32) -> ScalarInfo {
        if v < UInt32(tableLimit) {
            let i = table[Int(v)]
            if i.foldKind != 3 { return i }
        }
        return compute(Unicode.Scalar(v) ?? "\u{FFFD}")
    }
}

/// Splits text into word tokens, keeping apostrophes and hyphens inside words and dropping a final possessive 's.
enum Tokenizer {
    /// Hashes of the connectives `NameKey.normalized` drops between name parts.
    static let connectives: Set<UInt64> = Set(["e", "i", "ye", "yi"].map { WordHash.hash($0.utf8) })

    static func tokenize(_ text: String) -> TokenizedText {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { scan($0, bytes) }
    }

    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = p[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = p.count
        if b0 >= 0xF0, i + 3 < n {
            return ((UInt32(b0 & 0x07) << 18) | (UInt32(p[i + 1] & 0x3F) << 12) | (UInt32(p[i + 2] & 0x3F) << 6) | UInt32(p[i + 3] & 0x3F), 4)
        }
        if b0 >= 0xE0, i + 2 < n {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(p[i + 1] & 0x3F) << 6) | UInt32(p[i + 2] & 0x3F), 3)
        }
        if b0 >= 0xC0, i + 1 < n {
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(p[i + 1] & 0x3F), 2)
        }
        return (0xFFFD, 1)
    }

    /// ASCII classes: 1 letter or digit, 2 apostrophe, 4 hyphen, 8 sentence break, 16 white space, 32 capital.
    static let asciiClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 128)
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(c)] = ScalarInfo.word | ScalarInfo.lowercase }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(c)] = ScalarInfo.word | ScalarInfo.capital }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(c)] = ScalarInfo.word }
        t[Int(UInt8(ascii: "'"))] = ScalarInfo.apostrophe
        t[Int(UInt8(ascii: "-"))] = ScalarInfo.hyphen
        for c in [".", "!", "?"] { t[Int(UInt8(ascii: Unicode.Scalar(c)!))] = ScalarInfo.sentenceBreak }
        t[0x0A] = ScalarInfo.sentenceBreak | ScalarInfo.whitespace
        for c: UInt8 in [0x09, 0x0B, 0x0C, 0x0D, 0x20] { t[Int(c)] = ScalarInfo.whitespace }
        return t
    }()

    /// Arabic definite articles as English-language reporting transliterates them, written in lower
    /// case before a capitalised name: al-Fashir, el-Obeid, ad-Damazin, ash-Shaddadi, ar-Raqqa.
    static let articles: Set<[UInt8]> = Set(
        ["al", "el", "ad", "adh", "ag", "ak", "an", "ar", "as", "ash", "at", "ath", "az", "ed", "en", "er", "es", "et", "ez"]
            .map { Array($0.utf8) })

    /// Whether a lower-case token is a name behind a transliterated article: an article, a hyphen or
    /// apostrophe, then a capital letter ("al-Fashir", "el-Obeid", "ad'Dawr"). Such a name is as
    /// capitalised as "Al-Fashir": the article's case is the transliterator's habit, not a sign of
    /// a common word.
    static func startsWithArticle(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 4, p[start] == 0x61 || p[start] == 0x65 else { return false }
        var k = start + 1
        while k < end, k - start <= 3, p[k] >= 0x61, p[k] <= 0x7A { k += 1 }
        guard k < end, articles.contains(Array(p[start..<k])) else { return false }
        // A hyphen or an apostrophe (ASCII, or U+2019 / U+2018 / U+02BC / U+02BF in UTF-8).
        if p[k] == 0x2D || p[k] == 0x27 {
            k += 1
        } else if p[k] == 0xE2, k + 2 < end, p[k + 1] == 0x80, p[k + 2] == 0x99 || p[k + 2] == 0x98 {
            k += 3
        } else if p[k] == 0xCA, k + 1 < end, p[k + 1] == 0xBC || p[k + 1] == 0xBF {
            k += 2
        } else {
            return false
        }
        return k < end && p[k] >= 0x41 && p[k] <= 0x5A
    }
}
