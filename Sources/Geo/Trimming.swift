/// Trimming white space without Foundation's bridge to `NSString`, which copies the whole string
/// as UTF-16 first: on a 4 kB JSON line that copy was most of the cost of reading it.
enum Trimming {
    /// `text` without the leading and trailing scalars for which `trimmed` holds.
    static func trim(_ text: Substring, _ trimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !trimmed($0) }), let last = scalars.lastIndex(where: { !trimmed($0) })
        else { return "" }
        return String(scalars[first..<scalars.index(after: last)])
    }

    /// White space and line ends: the scalars Foundation's `CharacterSet.whitespacesAndNewlines`
    /// holds on this platform, which are those with Unicode's White_Space property and the zero
    /// width space U+200B (checked scalar by scalar, all 1,114,112, in `TrimmingTests`).
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s == "\u{200B}" }

    /// Spaces and tabs (`CharacterSet.whitespaces`: general category Zs, U+0009 and U+200B).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator
    }
}

extension String {
    /// The string without leading and trailing white space and line ends.
    public var trimmedWhitespace: String { Trimming.trim(self[...], Trimming.isWhitespace) }
    /// The string without leading and trailing spaces and tabs, keeping line ends.
    public var trimmedSpaces: String { Trimming.trim(self[...], Trimming.isSpace) }
}

extension Substring {
    /// The text without leading and trailing white space and line ends.
    public var trimmedWhitespace: String { Trimming.trim(self, Trimming.isWhitespace) }
    /// The text without leading and trailing spaces and tabs, keeping line ends.
    public var trimmedSpaces: String { Trimming.trim(self, Trimming.isSpace) }
}
