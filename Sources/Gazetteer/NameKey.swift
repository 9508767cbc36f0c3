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
