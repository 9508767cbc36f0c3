import Foundation

/// Turns place names into the keys the gazetteer matches on.
///
/// `normalized` folds case, diacritics (Chārīkār → charikar), apostrophes and ʿayn marks
/// (’Unābah → unabah), hyphens and connectives (Pul-e-Khumri, Pul i Khumri → pul khumri) and
/// Arabic-script letter variants (ي/ی, ك/ک). `transliterationKey` goes further, for matching the
/// many romanisations of Dari and Pashto: it drops vowels, folds kh/h, q/k, doubled letters and
/// -ah endings, so that Shatal, Shotul and Shutul share one key.
public enum NameKey {
    /// Connective words dropped between name parts ("Pul-e-Khumri", "Mazar-i-Sharif").
    static let connectives: Set<Substring> = ["e", "i", "ye", "yi"]

    /// The normalized form of a name: lowercase, no diacritics or apostrophes, single spaces.
    public static func normalized(_ name: String) -> String {
        var copy = name
        let fast: String? = copy.withUTF8 { utf8 in
            // Names in plain ASCII (most of them) take a byte-level path; the rest the general one.
            guard utf8.count <= 256, utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 1) { out in
                let n = NameNormalizer.normalizeASCII(utf8, into: out.baseAddress!)
                return String(decoding: UnsafeBufferPointer(start: out.baseAddress!, count: n), as: UTF8.self)
            }
        }
        return fast ?? normalizedReference(name)
    }

    /// The reference definition of `normalized`, scalar by scalar; `NameNormalizer` must give the same bytes.
    static func normalizedReference(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if pendingSpace, !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(Unicode.Scalar(b + 32))
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if pendingSpace, !out.isEmpty { out.append(" ") }
                    pendingSpace = false
                    out.append(scalar)
                case UInt8(ascii: "'"), UInt8(ascii: "`"):
                    break
                default:
                    pendingSpace = true
                }
                continue
            }
            if let folded = fold(scalar) {
                if folded.isEmpty { continue }
                if folded == " " { pendingSpace = true; continue }
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: folded.unicodeScalars)
            } else if scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuationOrSymbol {
                pendingSpace = true
            } else {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let text = String(out)
        guard text.contains(" ") else { return text }
        let parts = text.split(separator: " ")
        var kept: [Substring] = []
        kept.reserveCapacity(parts.count)
        for (i, p) in parts.enumerated() {
            if i > 0, i < parts.count - 1, connectives.contains(p) { continue }
            kept.append(p)
        }
        return kept.joined(separator: " ")
    }

    /// A key that equates common transliteration variants of one name; `nil` when the name is
    /// too short for such a loose match to be safe.
    public static func transliterationKey(_ normalizedName: String) -> String? {
        var copy = normalizedName
        let fast: String?? = copy.withUTF8 { utf8 in
            // In ASCII every space is a word break of its own, so words can be split on bytes.
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + 1) { out -> String? in
                guard let n = transliterationKey(utf8, into: out.baseAddress!) else { return nil }
                return String(decoding: UnsafeBufferPointer(start: out.baseAddress!, count: n), as: UTF8.self)
            }
        }
        if let fast { return fast }
        return transliterationKeyReference(normalizedName)
    }

    /// `transliterationKey` on the UTF-8 of a name whose every space byte is a word break (a
    /// grapheme of its own, as in ASCII text and in `NameNormalizer` output). Writes the key
    /// (never longer than the name) to `out` and returns its length, or `nil` for no key.
    static func transliterationKey(_ name: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        symbolTables.withUnsafeBufferPointer { transliterationKey(name, into: out, tables: $0.baseAddress!) }
    }

    @inline(__always)
    private static func transliterationKey(
        _ name: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, tables: UnsafePointer<UInt8>
    ) -> Int? {
        let single = tables, beforeH = tables + 128
        var n = 0
        var latinLetters = 0
        let count = name.count
        var start = 0
        while start < count {
            if name[start] == 0x20 { start += 1; continue }
            var end = start
            var ascii = true
            while end < count, name[end] != 0x20 {
                if name[end] >= 0x80 { ascii = false }
                end += 1
            }
            if n > 0 { out[n] = 0x20; n += 1 }
            if !ascii {
                // Non-Latin scripts are already normalized; keep them as they are.
                for k in start..<end { out[n] = name[k]; n += 1 }
                latinLetters += 3
                start = end
                continue
            }
            var tokenEnd = end
            // -ah / -eh endings: "Unabah" ~ "Unaba".
            if end - start > 3, name[end - 1] == UInt8(ascii: "h"), isVowel(name[end - 2]) { tokenEnd -= 1 }
            // Written without data-dependent branches (vowels and consonants alternate unpredictably).
            var i = start
            var previous: UInt16 = 0x100  // the token's last symbol; none yet
            while i < tokenEnd {
                let c = name[i]
                let next: UInt8 = i + 1 < tokenEnd ? name[i + 1] : 0
                let withH = beforeH[Int(c)]
                let pairH = next == UInt8(ascii: "h") && withH != 0
                let pairK = c == UInt8(ascii: "c") && next == UInt8(ascii: "k")
                var symbol = pairH ? withH : (pairK ? UInt8(ascii: "k") : single[Int(c)])
                let vowel = symbol == Self.vowelMark
                let leading = i == start
                // A leading vowel is kept as one generic mark ("Anaba" ~ "Unaba").
                symbol = vowel ? UInt8(ascii: "a") : symbol
                let emit = (!vowel || leading) && UInt16(symbol) != previous
                out[n] = symbol
                n &+= emit ? 1 : 0
                previous = emit ? UInt16(symbol) : previous
                latinLetters &+= emit && (symbol != UInt8(ascii: "a") || !leading) ? 1 : 0
                i &+= pairH || pairK ? 2 : 1
            }
            start = end
        }
        guard latinLetters >= 3 else { return nil }
        return n
    }

    static let vowelMark: UInt8 = 0xFF

    /// For each ASCII byte, its transliteration symbol alone (`vowelMark` for a vowel), then
    /// (from 128) its symbol before an "h" (0 when it does not pair with "h").
    static let symbolTables: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in 0..<128 {
            let b = UInt8(c)
            switch b {
            case UInt8(ascii: "q"), UInt8(ascii: "c"): t[c] = UInt8(ascii: "k")
            case UInt8(ascii: "w"): t[c] = UInt8(ascii: "v")
            default: t[c] = isVowel(b) ? vowelMark : b
            }
        }
        for (c, symbol) in [("k", "h"), ("g", "g"), ("s", "S"), ("c", "C"), ("z", "Z"), ("t", "t"), ("d", "d"), ("p", "f")] {
            t[128 + Int(UInt8(ascii: Unicode.Scalar(c)!))] = UInt8(ascii: Unicode.Scalar(symbol)!)
        }
        return t
    }()

    /// The reference definition of `transliterationKey`.
    static func transliterationKeyReference(_ normalizedName: String) -> String? {
        var out: [UInt8] = []
        var latinLetters = 0
        for token in normalizedName.split(separator: " ") {
            if !out.isEmpty { out.append(0x20) }
            let t = Array(token.utf8)
            guard t.allSatisfy({ $0 < 0x80 }) else {
                // Non-Latin scripts are already normalized; keep them as they are.
                out.append(contentsOf: t)
                latinLetters += 3
                continue
            }
            var chars = t
            // -ah / -eh endings: "Unabah" ~ "Unaba".
            if chars.count > 3, chars.last == UInt8(ascii: "h"), isVowel(chars[chars.count - 2]) { chars.removeLast() }
            var i = 0
            var tokenOut: [UInt8] = []
            while i < chars.count {
                let c = chars[i]
                let next: UInt8? = i + 1 < chars.count ? chars[i + 1] : nil
                var symbol: UInt8?
                var width = 1
                switch (c, next) {
                case (UInt8(ascii: "k"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "h"); width = 2
                case (UInt8(ascii: "g"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "g"); width = 2
                case (UInt8(ascii: "s"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "S"); width = 2
                case (UInt8(ascii: "c"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "C"); width = 2
                case (UInt8(ascii: "z"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "Z"); width = 2
                case (UInt8(ascii: "t"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "t"); width = 2
                case (UInt8(ascii: "d"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "d"); width = 2
                case (UInt8(ascii: "p"), UInt8(ascii: "h")?): symbol = UInt8(ascii: "f"); width = 2
                case (UInt8(ascii: "c"), UInt8(ascii: "k")?): symbol = UInt8(ascii: "k"); width = 2
                case (UInt8(ascii: "q"), _), (UInt8(ascii: "c"), _): symbol = UInt8(ascii: "k")
                case (UInt8(ascii: "w"), _): symbol = UInt8(ascii: "v")
                default:
                    if isVowel(c) {
                        // A leading vowel is kept as one generic mark ("Anaba" ~ "Unaba").
                        symbol = i == 0 ? UInt8(ascii: "a") : nil
                    } else {
                        symbol = c
                    }
                }
                if let s = symbol, tokenOut.last != s {
                    tokenOut.append(s)
                    if s != UInt8(ascii: "a") || i > 0 { latinLetters += 1 }
                }
                i += width
            }
            out.append(contentsOf: tokenOut)
        }
        guard latinLetters >= 3 else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "o")
            || c == UInt8(ascii: "u") || c == UInt8(ascii: "y")
    }

    /// Folds one non-ASCII scalar: `nil` to keep it (lowercased), `""` to drop it, `" "` for a break.
    static func fold(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        switch v {
        case 0x2BB, 0x2BC, 0x2BD, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x201B, 0x2032, 0xB4, 0x2C8, 0x02B9, 0x02CA:
            return ""  // apostrophes, ʿayn and hamza marks
        case 0x300...0x36F, 0x64B...0x65F, 0x670, 0x640, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF:
            return ""  // combining marks, Arabic harakat, tatweel, zero-width and direction marks
        case 0x2010...0x2015, 0x2212, 0xA0, 0x2000...0x200B, 0x202F, 0x3000:
            return " "  // dashes and spaces
        case 0xC0...0x24F, 0x1E00...0x1EFF:
            return latinFolds[Int(v)] ?? nil
        case 0x64A, 0x649, 0x6D2: return "\u{6CC}"  // Arabic yeh variants → Persian yeh ی
        case 0x643: return "\u{6A9}"  // Arabic kaf → Persian keheh ک
        case 0x629: return "\u{647}"  // teh marbuta → heh
        case 0x623, 0x625, 0x622, 0x671: return "\u{627}"  // alef variants → bare alef
        case 0x624: return "\u{648}"  // waw with hamza → waw
        case 0x6C0, 0x6C1, 0x6D5: return "\u{647}"  // heh variants
        default: return nil
        }
    }

    /// What `normalizedReference` does with one non-ASCII scalar.
    static func referenceAction(_ scalar: Unicode.Scalar) -> ScalarAction {
        if let folded = fold(scalar) {
            if folded.isEmpty { return .drop }
            if folded == " " { return .space }
            return .emit(Array(folded.unicodeScalars))
        } else if scalar.properties.isWhitespace || scalar.properties.generalCategory.isPunctuationOrSymbol {
            return .space
        } else {
            return .emit(Array(scalar.properties.lowercaseMapping.unicodeScalars))
        }
    }

    enum ScalarAction {
        /// Dropped without a trace (apostrophes, combining marks).
        case drop
        /// A word break.
        case space
        /// Replaced by these scalars (lowercased or folded).
        case emit([Unicode.Scalar])
    }

    /// Diacritic folds for Latin letters, computed once from Unicode decompositions.
    static let latinFolds: [Int: String] = {
        var table: [Int: String] = [:]
        let special: [UInt32: String] = [
            0xDF: "ss", 0xE6: "ae", 0xC6: "ae", 0xF8: "o", 0xD8: "o", 0x111: "d", 0x110: "d", 0x142: "l", 0x141: "l",
            0x131: "i", 0x153: "oe", 0x152: "oe", 0xFE: "th", 0xDE: "th", 0xF0: "d", 0xD0: "d", 0xD7: " ", 0xF7: " ",
        ]
        for v in Array(0xC0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            if let sp = special[UInt32(v)] { table[v] = sp; continue }
            let decomposed = String(s).decomposedStringWithCanonicalMapping
            let base = String(String.UnicodeScalarView(decomposed.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) }))
            let lowered = base.lowercased()
            if lowered.unicodeScalars.allSatisfy({ $0.value < 0x80 }) && !lowered.isEmpty { table[v] = lowered }
        }
        return table
    }()
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .format:
            return true
        default:
            return false
        }
    }
}

/// `NameKey.normalized` on UTF-8 bytes, for normalizing many names (index building).
///
/// It gives exactly the bytes of `NameKey.normalizedReference`: each non-ASCII scalar's fate
/// (dropped, a word break, or the scalars it folds or lowercases to) is taken from the reference
/// rules once and cached. A name for which bytes alone cannot decide the result — a space that
/// would form one grapheme with a neighbouring mark, which the reference's `Character`-based
/// word split would not break at — makes `normalize` return `nil`; the caller then uses the
/// reference. One instance per thread.
struct NameNormalizer: ~Copyable {
    /// What each BMP scalar becomes: 0 not yet known, 1 dropped, 2 a word break,
    /// `emitOne | v` the scalar `v`, `emitMany | i` the scalars of `many[i]`.
    private let actions: UnsafeMutablePointer<UInt32>
    /// How each BMP scalar joins a neighbouring space into one grapheme: 0 not yet known,
    /// else 1 | `joinsSpaceBefore` | `joinsSpaceAfter`.
    private let joins: UnsafeMutablePointer<UInt8>
    /// Whether each BMP scalar is certainly in NFC wherever it stands (canonical combining class 0
    /// and NFC quick check "yes"): 0 not yet known, 1 no, 2 yes.
    private let inert: UnsafeMutablePointer<UInt8>
    private var many: [(utf8: [UInt8], first: UInt32, last: UInt32, inert: Bool)] = []
    /// The last result, `count` bytes from `buffer`.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether the last result is known to be in NFC (all its scalars inert).
    private(set) var lastWasInert = true
    /// Room for a transliteration key of the last result.
    private(set) var keyBuffer: UnsafeMutablePointer<UInt8>

    static let emitOne: UInt32 = 0x8000_0000
    static let emitMany: UInt32 = 0x4000_0000
    static let joinsSpaceBefore: UInt8 = 2
    static let joinsSpaceAfter: UInt8 = 4

    init() {
        actions = .allocate(capacity: 0x10000)
        actions.initialize(repeating: 0, count: 0x10000)
        joins = .allocate(capacity: 0x10000)
        joins.initialize(repeating: 0, count: 0x10000)
        inert = .allocate(capacity: 0x10000)
        inert.initialize(repeating: 0, count: 0x10000)
        capacity = 1024
        buffer = .allocate(capacity: capacity)
        keyBuffer = .allocate(capacity: capacity)
    }

    deinit {
        actions.deallocate()
        joins.deallocate()
        inert.deallocate()
        buffer.deallocate()
        keyBuffer.deallocate()
    }

    /// Normalizes the UTF-8 of a name into `buffer`, returning the length, or `nil` when the
    /// reference algorithm must decide.
    mutating func normalize(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = name.count
        guard count > 0, let src = name.baseAddress else { return 0 }
        // A scalar of k ≥ 2 bytes gives at most 3 scalars (12 bytes), plus a space.
        let needed = count * 7 + 16
        if capacity < needed {
            buffer.deallocate()
            keyBuffer.deallocate()
            capacity = needed
            buffer = .allocate(capacity: capacity)
            keyBuffer = .allocate(capacity: capacity)
        }
        let out = buffer
        var n = 0
        var pendingSpace = false
        var sawSpace = false
        var allInert = true
        var last: UInt32 = 0
        var i = 0
        let ascii = Self.asciiTable
        while i < count {
            let b = src[i]
            if b < 0x80 {
                i += 1
                let emitted = ascii[Int(b)]
                if emitted <= Self.asciiBreak {
                    if emitted == Self.asciiBreak { pendingSpace = true }
                    continue
                }
                if pendingSpace {
                    if n > 0 {
                        if last >= 0x300, joinFlags(last) & Self.joinsSpaceAfter != 0 { return nil }
                        out[n] = 0x20
                        n += 1
                        sawSpace = true
                    }
                    pendingSpace = false
                }
                out[n] = emitted
                n += 1
                last = UInt32(emitted)
                continue
            }
            var v: UInt32
            if b < 0xE0 {
                v = (UInt32(b & 0x1F) << 6) | UInt32(src[i + 1] & 0x3F)
                i += 2
            } else if b < 0xF0 {
                v = (UInt32(b & 0x0F) << 12) | (UInt32(src[i + 1] & 0x3F) << 6) | UInt32(src[i + 2] & 0x3F)
                i += 3
            } else {
                v = (UInt32(b & 0x07) << 18) | (UInt32(src[i + 1] & 0x3F) << 12) | (UInt32(src[i + 2] & 0x3F) << 6)
                    | UInt32(src[i + 3] & 0x3F)
                i += 4
            }
            let action = v < 0x10000 ? cachedAction(v) : uncachedAction(v)
            if action == 1 { continue }
            if action == 2 { pendingSpace = true; continue }
            let first: UInt32
            let final: UInt32
            if action & Self.emitOne != 0 {
                first = action & 0x1F_FFFF
                final = first
                if allInert, !isInert(first) { allInert = false }
            } else {
                let entry = many[Int(action & 0xFF_FFFF)]
                guard !entry.utf8.isEmpty else { return nil }
                first = entry.first
                final = entry.last
                if !entry.inert { allInert = false }
            }
            if pendingSpace {
                if n > 0 {
                    if last >= 0x300, joinFlags(last) & Self.joinsSpaceAfter != 0 { return nil }
                    if first >= 0x300, joinFlags(first) & Self.joinsSpaceBefore != 0 { return nil }
                    out[n] = 0x20
                    n += 1
                    sawSpace = true
                }
                pendingSpace = false
            }
            if action & Self.emitOne != 0 {
                n += Self.writeUTF8(first, to: out + n)
            } else {
                for byte in many[Int(action & 0xFF_FFFF)].utf8 {
                    out[n] = byte
                    n += 1
                }
            }
            last = final
        }
        if sawSpace { n = Self.dropConnectives(out, n) }
        lastWasInert = allInert
        return n
    }

    @inline(__always)
    private mutating func isInert(_ v: UInt32) -> Bool {
        if v < 0x80 { return true }
        if v < 0x10000 {
            let cached = inert[Int(v)]
            if cached != 0 { return cached == 2 }
            let flag = Self.computeInert(v)
            inert[Int(v)] = flag ? 2 : 1
            return flag
        }
        return Self.computeInert(v)
    }

    /// Whether a scalar is in NFC next to anything: it has combining class 0 and passes the NFC
    /// quick check (it neither decomposes nor combines with what precedes it).
    static func computeInert(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v), scalar.properties.canonicalCombiningClass == .notReordered else { return false }
        var utf8 = Array(String(scalar).utf8)
        return utf8.withUnsafeMutableBufferPointer { KeyHash.isQuickNFC(UnsafeBufferPointer($0)) }
    }

    /// What each ASCII byte becomes: the byte it stands for (lowercased), `asciiDrop` or `asciiBreak`.
    static let asciiDrop: UInt8 = 0
    static let asciiBreak: UInt8 = 1
    /// (Made once and never freed nor changed, so that it can be read through a plain pointer.)
    nonisolated(unsafe) static let asciiTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for c in 0..<128 {
            let b = UInt8(c)
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): table[c] = b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): table[c] = b
            case UInt8(ascii: "'"), UInt8(ascii: "`"): table[c] = asciiDrop
            default: table[c] = asciiBreak
            }
        }
        return UnsafePointer(table)
    }()

    /// `normalize` for ASCII text, which needs no tables; `out` must hold `name.count` bytes.
    static func normalizeASCII(_ name: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        var pendingSpace = false
        var sawSpace = false
        for b in name {
            let emitted: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): emitted = b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emitted = b
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            default: pendingSpace = true; continue
            }
            if pendingSpace {
                if n > 0 {
                    out[n] = 0x20
                    n += 1
                    sawSpace = true
                }
                pendingSpace = false
            }
            out[n] = emitted
            n += 1
        }
        if sawSpace { n = dropConnectives(out, n) }
        return n
    }

    /// Removes the connective words ("e", "i", "ye", "yi") that are neither first nor last,
    /// in place; words are separated by single spaces.
    static func dropConnectives(_ out: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        var lastStart = n
        while lastStart > 0, out[lastStart - 1] != 0x20 { lastStart -= 1 }
        var w = 0
        var start = 0
        while start < n {
            var end = start
            while end < n, out[end] != 0x20 { end += 1 }
            let length = end - start
            var connective = false
            if start > 0, start < lastStart {
                if length == 1 {
                    connective = out[start] == UInt8(ascii: "e") || out[start] == UInt8(ascii: "i")
                } else if length == 2, out[start] == UInt8(ascii: "y") {
                    connective = out[start + 1] == UInt8(ascii: "e") || out[start + 1] == UInt8(ascii: "i")
                }
            }
            if !connective {
                if w > 0 {
                    out[w] = 0x20
                    w += 1
                }
                if w != start {
                    for k in 0..<length { out[w + k] = out[start + k] }
                }
                w += length
            }
            start = end + 1
        }
        return w
    }

    @inline(__always)
    static func writeUTF8(_ v: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            p[0] = UInt8(v)
            return 1
        } else if v < 0x800 {
            p[0] = UInt8(0xC0 | (v >> 6))
            p[1] = UInt8(0x80 | (v & 0x3F))
            return 2
        } else if v < 0x10000 {
            p[0] = UInt8(0xE0 | (v >> 12))
            p[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[2] = UInt8(0x80 | (v & 0x3F))
            return 3
        } else {
            p[0] = UInt8(0xF0 | (v >> 18))
            p[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            p[2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[3] = UInt8(0x80 | (v & 0x3F))
            return 4
        }
    }

    @inline(__always)
    private mutating func cachedAction(_ v: UInt32) -> UInt32 {
        let cached = actions[Int(v)]
        if cached != 0 { return cached }
        let action = uncachedAction(v)
        actions[Int(v)] = action
        return action
    }

    private mutating func uncachedAction(_ v: UInt32) -> UInt32 {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        switch NameKey.referenceAction(scalar) {
        case .drop: return 1
        case .space: return 2
        case .emit(let scalars):
            if scalars.count == 1 { return Self.emitOne | scalars[0].value }
            var utf8: [UInt8] = []
            for s in scalars { utf8.append(contentsOf: String(s).utf8) }
            let allInert = scalars.allSatisfy { Self.computeInert($0.value) }
            many.append((utf8, scalars.first?.value ?? 0, scalars.last?.value ?? 0, allInert))
            return Self.emitMany | UInt32(many.count - 1)
        }
    }

    private mutating func joinFlags(_ v: UInt32) -> UInt8 {
        if v < 0x10000 {
            let cached = joins[Int(v)]
            if cached != 0 { return cached }
            let flags = Self.computeJoinFlags(v)
            joins[Int(v)] = flags
            return flags
        }
        return Self.computeJoinFlags(v)
    }

    /// Whether a space next to this scalar would be part of the same grapheme.
    static func computeJoinFlags(_ v: UInt32) -> UInt8 {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        var flags: UInt8 = 1
        var before = String.UnicodeScalarView()
        before.append(" ")
        before.append(scalar)
        if String(before).count == 1 { flags |= joinsSpaceBefore }
        var after = String.UnicodeScalarView()
        after.append(scalar)
        after.append(" ")
        if String(after).count == 1 { flags |= joinsSpaceAfter }
        return flags
    }
}
