import Foundation

/// How often a place is named: its mentions, the reports and the independent sources naming it.
/// One tally for ``PartialAnalysis/finalize(scoring:)`` and ``Analysis/asOf(_:scoring:)``.
struct MentionCounts {
    var mentions = 0
    var documents = Set<String>()
    var sources = Set<String>()

    /// Each place's counts. A demonym, an acting side or a dateline refers to its place without
    /// counting for it (the place is listed, with nothing counted).
    static func tally(_ mentions: [Mention], clusters: [String: String]) -> [String: MentionCounts] {
        var out: [String: MentionCounts] = [:]
        for m in mentions {
            guard m.isPlace else {
                if out[m.place] == nil { out[m.place] = MentionCounts() }
                continue
            }
            // In place: copying the entry out and back would copy its sets for every mention.
            out[m.place, default: MentionCounts()].mentions += 1
            out[m.place, default: MentionCounts()].documents.insert(m.document)
            out[m.place, default: MentionCounts()].sources.insert(clusters[m.document] ?? m.document)
        }
        return out
    }
}

extension PlaceSummary {
    /// The analysis' order of places: most independent sources, then most mentions, then id.
    static func inAnalysisOrder(_ l: PlaceSummary, _ r: PlaceSummary) -> Bool {
        (r.sources, r.mentions, l.id) < (l.sources, l.mentions, r.id)
    }
}
