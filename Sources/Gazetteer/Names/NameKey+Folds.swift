import Foundation

extension NameKey {
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
