import Foundation

/// What the scanner has seen between two tokens: a sentence break, how many characters other than
/// white space (and whether the only one is a comma), how many newlines, and a paragraph break.
struct GapScan {
    var sentenceBreak = true
    var gapCount = 0
    var gapIsComma = false
    var newlines = 0
    var paragraph = true

    /// Takes in one scalar between tokens (of class `cls`): ". " breaks a sentence, two newlines a paragraph.
    @inline(__always) mutating func see(_ cls: UInt8, _ value: UInt32) {
        if cls & ScalarInfo.sentenceBreak != 0 { sentenceBreak = true }
        if value == 0x0A || value == 0x2029 {
            newlines += 1
            if newlines >= 2 || value == 0x2029 { paragraph = true }
        }
        if cls & ScalarInfo.whitespace == 0 {
            gapCount += 1
            gapIsComma = gapCount == 1 && value == 0x2C
        }
    }

    /// The flags the gap gives the token after it.
    var flags: UInt8 {
        var flags: UInt8 = 0
        if sentenceBreak { flags |= Token.sentenceStart }
        if gapCount == 0 { flags |= Token.gapEmpty }
        if gapIsComma { flags |= Token.gapComma }
        if paragraph { flags |= Token.paragraphStart }
        return flags
    }
}

/// The scanner's state inside a token: the sub-word being hashed (and its hash before its last
/// byte, to drop a possessive 's), the lowercase hash, whether all letters are capitals, the last
/// two scalars (value, bytes), and where the scan is (byte `j`, code point `jcp`).
struct TokenScan {
    var hash = WordHash.seed
    var hashBefore = WordHash.seed
    var length = 0
    var lastByte: UInt8 = 0
    var lower = WordHash.seed
    var allCaps = false
    var prevValue: UInt32 = 0
    var prevLen = 0
    var lastValue: UInt32 = 0
    var lastLen = 0
    var scalars = 0
    var initialism = false
    var j = 0
    var jcp: Int32 = 0

    /// Starts a token at byte `i`, code point `cp` (the last sub-word byte is kept, as before).
    @inline(__always) mutating func start(at i: Int, _ cp: Int32, allCaps: Bool) {
        self.allCaps = allCaps
        lower = WordHash.seed
        hash = WordHash.seed
        hashBefore = WordHash.seed
        length = 0
        prevValue = 0
        prevLen = 0
        lastValue = 0
        lastLen = 0
        scalars = 0
        initialism = false
        j = i
        jcp = cp
    }

    @inline(__always) mutating func push(_ b: UInt8) {
        hashBefore = hash
        hash = WordHash.add(hash, b)
        length += 1
        lastByte = b
    }

    @inline(__always) mutating func flush(_ subwords: inout [UInt64]) {
        if length > 0 { subwords.append(hash == 0 ? 1 : hash) }
        hash = WordHash.seed
        hashBefore = WordHash.seed
        length = 0
    }

    /// Takes the dot at `j` into the token (an initialism's or an initial's: "U.S.", "W.").
    @inline(__always) mutating func takeDot() {
        lower = WordHash.add(lower, 0x2E)
        prevValue = lastValue; prevLen = lastLen; lastValue = 0x2E; lastLen = 1
        scalars += 1; j += 1; jcp += 1
    }
}

extension Tokenizer {
    /// The scanner. Everything is done in one pass over the bytes: classes, code-point offsets,
    /// the normalised sub-words (hashed as they are folded) and the lowercase hash.
    static func scan(_ p: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> TokenizedText {
        let n = p.count
        var tokens: [Token] = []
        tokens.reserveCapacity(n / 5 + 4)
        var subwords: [UInt64] = []
        subwords.reserveCapacity(n / 5 + 4)
        let ascii = asciiClass
        var i = 0
        var cp: Int32 = 0
        var gap = GapScan()
        var st = TokenScan()
        while i < n {
            // Between tokens.
            let b = p[i]
            var cls: UInt8
            var len = 1
            var value = UInt32(b)
            if b < 0x80 {
                cls = ascii[Int(b)]
            } else {
                (value, len) = decode(p, i)
                cls = ScalarInfo.flags(value)
            }
            if cls & ScalarInfo.word == 0 {
                gap.see(cls, value)
                i += len
                cp += 1
                continue
            }
            // A token starts here.
            let start = cp
            let byteStart = i
            let subStart = subwords.count
            var flags = gap.flags
            if cls & ScalarInfo.capital != 0 { flags |= Token.capitalized }
            st.start(at: i, cp, allCaps: cls & ScalarInfo.capital != 0 && b < 0x80)
            readToken(p, from: i, &st, &subwords)
            var end = st.jcp
            var byteEnd = st.j
            flags |= dropPossessive(p, byteStart, &st, end: &end, byteEnd: &byteEnd)
            st.flush(&subwords)
            if st.allCaps, st.scalars >= 2 { flags |= Token.allCaps }
            if flags & Token.capitalized == 0, startsWithArticle(p, byteStart, byteEnd) { flags |= Token.capitalized }
            tokens.append(Token(
                start: start, end: end, byteStart: Int32(byteStart), byteEnd: Int32(byteEnd),
                subStart: Int32(subStart), subCount: Int32(subwords.count - subStart),
                lowerHash: st.lower == 0 ? 1 : st.lower, flags: flags))
            gap = GapScan(sentenceBreak: false, gapCount: 0, gapIsComma: false, newlines: 0, paragraph: false)
            i = st.j
            cp = st.jcp
        }
        return TokenizedText(bytes: bytes, tokens: CheckedArray(tokens, fallback: .none), subwords: subwords, scalarCount: Int(cp))
    }

    /// Reads one token's scalars from byte `st.j` on (the token starts at byte `i`): folds and hashes
    /// its sub-words, keeps the dots of an initialism or a middle initial, goes on past an apostrophe
    /// or a hyphen inside a word ("Mazar-i-Sharif", "Pul-e-Khumri"), and stops at any other non-word scalar.
    @inline(__always)
    static func readToken(_ p: UnsafeBufferPointer<UInt8>, from i: Int, _ st: inout TokenScan, _ subwords: inout [UInt64]) {
        let n = p.count
        let ascii = asciiClass
        while st.j < n {
            let j = st.j
            let c = p[j]
            var v = UInt32(c)
            var l = 1
            var k: UInt8
            if c < 0x80 {
                k = ascii[Int(c)]
            } else {
                (v, l) = decode(p, j)
                k = ScalarInfo.flags(v)
            }
            if k & ScalarInfo.word == 0 {
                // The dots of an initialism ("U.S.", "U.K.", "U.A.E.") are part of it: between
                // single capital letters they separate sub-words, and the last one ends the token.
                if c == 0x2E, st.length == 1, st.lastValue >= 0x41, st.lastValue <= 0x5A {
                    switch initialDot(p, from: i, &st, &subwords) {
                    case .next: continue
                    case .end: return
                    case .none: break
                    }
                }
                // An apostrophe or hyphen inside a word continues it.
                guard k & (ScalarInfo.apostrophe | ScalarInfo.hyphen) != 0, j + l < n, st.scalars > 0 else { return }
                let next = p[j + l]
                let nextWord = next < 0x80 ? ascii[Int(next)] & ScalarInfo.word != 0
                    : ScalarInfo.flags(decode(p, j + l).0) & ScalarInfo.word != 0
                guard nextWord else { return }
                if k & ScalarInfo.hyphen != 0 { st.flush(&subwords) }
                // Apostrophes are dropped by the normalisation.
            } else if c < 0x80 {
                if k & ScalarInfo.capital != 0 {
                    st.push(c | 0x20)
                } else {
                    st.push(c)
                    if k & ScalarInfo.lowercase != 0 { st.allCaps = false }
                }
            } else {
                let info = ScalarInfo.info(v)
                st.allCaps = false
                switch info.foldKind {
                case 0: for f in info.fold { st.push(f) }
                case 2: st.flush(&subwords)
                default: break
                }
            }
            if c < 0x80 {
                st.lower = WordHash.add(st.lower, c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            } else {
                for q in 0..<l { st.lower = WordHash.add(st.lower, p[j + q]) }
            }
            st.prevValue = st.lastValue
            st.prevLen = st.lastLen
            st.lastValue = v
            st.lastLen = l
            st.scalars += 1
            st.j += l
            st.jcp += 1
        }
    }

    /// What a dot after a lone capital does: `.next`, it separates an initialism's letters ("U.S.");
    /// `.end`, it is the last of an initialism's dots, or a middle initial's ("George W. Bush"), and
    /// ends the token; `.none`, it is not the token's.
    enum DotStep { case next, end, none }

    /// The dot at `st.j`, after a lone capital, in the token that starts at byte `i`.
    @inline(__always)
    static func initialDot(_ p: UnsafeBufferPointer<UInt8>, from i: Int, _ st: inout TokenScan, _ subwords: inout [UInt64]) -> DotStep {
        let n = p.count, j = st.j
        let ascii = asciiClass
        if j + 2 < n, p[j + 1] >= 0x41, p[j + 1] <= 0x5A, p[j + 2] == 0x2E {
            st.flush(&subwords)
            st.initialism = true
            st.takeDot()
            return .next
        }
        // A middle initial ("George W. Bush"): a lone capital, its dot, one space and a
        // capitalised word. The dot is the initial's, not a sentence's end.
        if st.scalars == 1, j + 2 < n, p[j + 1] == 0x20, p[j + 2] >= 0x41, p[j + 2] <= 0x5A, i > 0, p[i - 1] == 0x20 {
            st.takeDot()
            return .end
        }
        if st.initialism, j + 1 >= n || ascii[Int(p[j + 1] & 0x7F)] & ScalarInfo.word == 0 || p[j + 1] >= 0x80 {
            st.takeDot()
            return .end
        }
        return .none
    }

    /// Drops a possessive from the token's end, "Afghanistan’s" → "Afghanistan" (its sub-word and
    /// lowercase hash too), or notes a plural one, "the Taliban forces’": the possessive flag, or 0.
    @inline(__always)
    static func dropPossessive(_ p: UnsafeBufferPointer<UInt8>, _ byteStart: Int, _ st: inout TokenScan, end: inout Int32, byteEnd: inout Int) -> UInt8 {
        let n = p.count, j = st.j
        let lastValue = st.lastValue, prevValue = st.prevValue
        let lastIsS = lastValue == 0x73 || lastValue == 0x53
        let prevIsApostrophe = prevValue == 0x27 || prevValue == 0x2019 || prevValue == 0x2BC || prevValue == 0x2BB
            || prevValue == 0x2018 || prevValue == 0x2BF || prevValue == 0x2BE
        if st.scalars > 2, lastIsS, prevIsApostrophe {
            end -= 2
            byteEnd -= st.lastLen + st.prevLen
            if st.length > 0, st.lastByte == 0x73 {
                st.hash = st.hashBefore
                st.length -= 1
            }
            // Recompute the lowercase hash without the 's.
            st.lower = WordHash.seed
            for q in byteStart..<byteEnd {
                let c = p[q]
                st.lower = WordHash.add(st.lower, c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            }
            return Token.possessive
        } else if st.scalars > 1, lastValue == 0x73, j < n {
            // Plural possessive: the Taliban forces’.
            let (v, _) = decode(p, j)
            if v == 0x27 || v == 0x2019 || v == 0x2BC || v == 0x2BB || v == 0x2018 || v == 0x2BF || v == 0x2BE {
                return Token.possessive
            }
        }
        return 0
    }
}
