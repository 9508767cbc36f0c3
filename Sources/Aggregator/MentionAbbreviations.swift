import Gazetteer

extension MentionFinder {
    /// A word in capitals ("AMLO", "IRNA", "OAS") is an abbreviation: it names a place only where
    /// the gazetteer writes a country's or a province's name that way (UAE, DRC, U.S.), where it is
    /// the ordinary name of a country, a province or a city of ``majorTown`` people or more, in
    /// capitals (datelines: "WASHINGTON (AP) -", "KIGALI, Rwanda / ISTANBUL"), or where the text
    /// around it is in capitals too (a headline) or it opens a paragraph. Written in capitals, the
    /// name of a smaller town is more likely an organisation's or a person's initials ("AMLO",
    /// "IRNA", "OAS").
    func abbreviationNamesPlace(_ best: Candidate, _ span: Span, _ text: TokenizedText) -> Bool {
        let tokens = text.tokens
        let k = span.first
        guard tokens[k].isAllCaps else { return true }
        if tokens[k].startsParagraph { return true }
        if k > 0, tokens[k - 1].isAllCaps, text.adjacent(k) { return true }
        if k + 1 < tokens.count, tokens[k + 1].isAllCaps, text.adjacent(k + 1) { return true }
        guard let place = gazetteer.place(id: best.id) else { return false }
        let written = Self.letters(text.text(k))
        // A country's or a province's abbreviation as the gazetteer writes it (a town's names in
        // capitals are codes: "IRNA" for Salerno).
        if best.precision >= .province, place.allNames.contains(where: { Self.letters($0) == written }) { return true }
        // The place's own name or an English one, in capitals, for a country, a province or a city of
        // 100,000 people or more ("KIGALI, Rwanda / ISTANBUL").
        guard best.precision >= .province || (place.population ?? 0) >= Self.majorTown else { return false }
        let ordinary = [place.name] + place.alternateNames.filter { $0.language == "en" }.map(\.name)
        return ordinary.contains { Self.letters($0).lowercased() == written.lowercased() }
    }

    /// A name's letters and digits, without dots or spaces ("U.S." and "US" are alike).
    static func letters(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0 != "." && $0 != " " }))
    }
}
