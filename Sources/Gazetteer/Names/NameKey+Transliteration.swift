import Foundation

extension NameKey {
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
}
