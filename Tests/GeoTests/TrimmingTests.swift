import Foundation
import Testing

@testable import Geo

@Suite("Trimming white space without Foundation")
struct TrimmingTests {
    /// Every scalar either trim treats as space, and some it must keep, at both ends and inside.
    static let samples: [String] = {
        var edges: [String] = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2009}",
                               "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{301}", "x", ""]
        edges += ["  \t\n", "\u{A0}\u{3000} "]
        var out: [String] = []
        for a in edges {
            for b in edges {
                out.append(a + "Kyiv,\u{A0}Ukraine \t(AP)" + b)
                out.append(a + b)
                out.append(a + "é" + b)
            }
        }
        return out
    }()

    @Test("trimmedWhitespace equals trimmingCharacters(in: .whitespacesAndNewlines)")
    func whitespaceAndNewlines() {
        for s in Self.samples {
            #expect(s.trimmedWhitespace == s.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(s.unicodeScalars))")
            #expect(s[...].trimmedWhitespace == s.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test("trimmedSpaces equals trimmingCharacters(in: .whitespaces) and keeps line ends")
    func spaces() {
        for s in Self.samples {
            #expect(s.trimmedSpaces == s.trimmingCharacters(in: .whitespaces), "\(Array(s.unicodeScalars))")
        }
        #expect(" a\n ".trimmedSpaces == "a\n")
    }

    @Test("A substring is trimmed within its own bounds")
    func offsetSubstring() {
        let text = "xx \t Kyiv, Ukraine \n yy"
        let inner = text.dropFirst(2).dropLast(2)
        #expect(inner.trimmedWhitespace == "Kyiv, Ukraine")
        #expect(inner.trimmedSpaces == "Kyiv, Ukraine \n")
        #expect(inner.trimmedWhitespace == String(inner).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("Every scalar is trimmed as Foundation trims it")
    func everyScalar() {
        for v in UInt32(0)..<0x11_0000 {
            guard let s = Unicode.Scalar(v) else { continue }
            #expect(Trimming.isWhitespace(s) == CharacterSet.whitespacesAndNewlines.contains(s), "U+\(String(v, radix: 16))")
            #expect(Trimming.isSpace(s) == CharacterSet.whitespaces.contains(s), "U+\(String(v, radix: 16))")
        }
    }
}
