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

    @inline(__always)
    static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "o")
            || c == UInt8(ascii: "u") || c == UInt8(ascii: "y")
    }
}
