import Gazetteer

// A span's candidate places: looked up once per document for each written form and context.
extension MentionFinder {
    /// What a span's resolution depends on besides the document: its words and their context.
    static func cacheKey(_ span: Span) -> String {
        span.surface + "\u{1}" + (span.kindWord ?? "") + "\u{1}" + span.parentNames.joined(separator: "\u{2}")
            + (span.placeLike ? "\u{1}p" : "")
    }

    func candidates(_ span: Span, _ cache: inout [String: [Candidate]]) -> [Candidate] {
        let key = Self.cacheKey(span)
        if let hit = cache[key] { return hit }
        let context = ResolutionContext(region: region, parentNames: span.parentNames, kindWord: span.kindWord)
        let found = gazetteer.candidates(for: span.surface, context: context, limit: 5)
        cache[key] = found
        return found
    }
}
