/// A word in a report, with its position in Unicode code points.
struct Token: Sendable {
    var text: String
    var lower: String
    var start: Int
    var end: Int
    /// Starts with an uppercase letter, or with a letter of a script without case (Arabic).
    var isCapitalized: Bool
    /// Whether a sentence ends between the previous token and this one.
    var startsSentence: Bool
    /// Punctuation between the previous token and this one (spaces removed).
    var gapBefore: String
    /// Whether a possessive 's followed the word (dropped from the token).
    var isPossessive: Bool = false
}

/// Splits text into word tokens, keeping apostrophes and hyphens inside words and dropping a final possessive 's.
enum Tokenizer {
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "’" || s == "ʼ" || s == "ʻ" || s == "‘" || s == "ʿ" || s == "ʾ"
    }

    static func isHyphen(_ s: Unicode.Scalar) -> Bool { s == "-" || s == "‐" || s == "‑" }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    static func tokenize(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        var gap = ""
        var sentenceBreak = true
        while i < scalars.count {
            let s = scalars[i]
            if !isWordScalar(s) {
                if s == "." || s == "!" || s == "?" || s == "\n" || s == "\u{2029}" {
                    sentenceBreak = true
                }
                if !s.properties.isWhitespace { gap.unicodeScalars.append(s) }
                i += 1
                continue
            }
            let start = i
            var j = i
            while j < scalars.count {
                if isWordScalar(scalars[j]) { j += 1; continue }
                if (isApostrophe(scalars[j]) || isHyphen(scalars[j])), j + 1 < scalars.count, isWordScalar(scalars[j + 1]),
                    j > start {
                    j += 1
                    continue
                }
                break
            }
            var end = j
            var possessive = false
            // Possessive: Afghanistan’s → Afghanistan.
            if end - start > 2, scalars[end - 1] == "s" || scalars[end - 1] == "S", isApostrophe(scalars[end - 2]) {
                end -= 2
                possessive = true
            } else if end > start + 1, j < scalars.count, isApostrophe(scalars[j]), scalars[end - 1] == "s" {
                possessive = true  // plural possessive: the Taliban forces’
            }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[start..<end])
            let w = String(word)
            let first = scalars[start]
            let capitalized = first.properties.isUppercase
                || (first.properties.isAlphabetic && !first.properties.isLowercase && !first.properties.changesWhenCaseMapped)
            tokens.append(Token(text: w, lower: w.lowercased(), start: start, end: end, isCapitalized: capitalized,
                                startsSentence: sentenceBreak, gapBefore: gap, isPossessive: possessive))
            gap = ""
            sentenceBreak = false
            i = j
        }
        return tokens
    }
}
