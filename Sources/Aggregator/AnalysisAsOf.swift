import Foundation

/// The analysis as the reports stood on one day.
extension Analysis {
    /// Only what was known by the end of `date` (`YYYY-MM-DD`): the reports dated on or before it,
    /// and of their claims those whose own date is not later. Control is scored again with claims
    /// aged against `date`, as ``ControlScoring`` ages them against the newest date.
    ///
    /// Undated reports cannot be placed in time and are left out; ``undatedDocuments`` counts them.
    /// A report's place records are those of the whole analysis, so nothing is resolved again.
    /// `nil` when `date` is not a calendar date.
    public func asOf(_ date: String, scoring: ControlScoring = ControlScoring()) -> Analysis? {
        guard let day = CivilDate(date) else { return nil }
        let kept = documents.filter { CivilDate($0.date).map { $0 <= day } ?? false }
        let ids = Set(kept.map(\.id))
        let keptClaims = claims.filter { c in
            ids.contains(c.document) && (CivilDate(c.date).map { $0 <= day } ?? true)
        }
        let keptMentions = mentions.filter { ids.contains($0.document) }
        let keptUnresolved = unresolved.filter { ids.contains($0.document) }
        let places = Self.scoredPlaces(
            of: self.places, documents: kept, mentions: keptMentions, claims: keptClaims, reference: day, scoring: scoring)
        return Analysis(documents: kept, places: places, mentions: keptMentions, claims: keptClaims, unresolved: keptUnresolved)
    }

    /// How many reports have no date (and so are left out of ``asOf(_:scoring:)``).
    public var undatedDocuments: Int { documents.filter { CivilDate($0.date) == nil }.count }

    /// How many steps ``days(every:)`` gives, counted without listing them (a stray date decades
    /// away would make millions).
    public func dayCount(every stepDays: Int = 1) -> Int {
        guard let range = dateRange, let first = CivilDate(range.first), let last = CivilDate(range.last) else { return 0 }
        let span = last.dayNumber - first.dayNumber
        let step = max(1, stepDays)
        return span / step + 1 + (span % step == 0 ? 0 : 1)
    }

    /// Every day from the first report date to the last, or every `stepDays` days (the last day
    /// always included); empty when no report is dated.
    public func days(every stepDays: Int = 1) -> [String] {
        guard let range = dateRange, let first = CivilDate(range.first), let last = CivilDate(range.last) else { return [] }
        let step = max(1, stepDays)
        var out: [String] = []
        var d = first
        while d < last {
            out.append(d.iso)
            d = d.adding(days: step)
        }
        out.append(last.iso)
        return out
    }

    /// Places with their counts and control scored from `mentions` and `claims` alone, as
    /// ``PartialAnalysis/finalize(scoring:)`` scores them; records and colours come from `records`.
    static func scoredPlaces(of records: [PlaceSummary], documents: [DocumentSummary], mentions: [Mention], claims: [Claim],
                             reference: CivilDate?, scoring: ControlScoring) -> [PlaceSummary] {
        let clusters = Dictionary(documents.map { ($0.id, $0.sourceCluster) }, uniquingKeysWith: { a, _ in a })
        let dates = Dictionary(documents.map { ($0.id, $0.date) }, uniquingKeysWith: { a, _ in a })
        var colours: [String: String] = [:]
        for p in records { if let a = p.control.actor, let c = p.control.colour { colours[a] = c } }
        let byPlace = MentionCounts.tally(mentions, clusters: clusters)
        let claimsByPlace = Dictionary(grouping: claims, by: \.place)
        var out: [PlaceSummary] = []
        for var p in records where byPlace[p.id] != nil || claimsByPlace[p.id] != nil {
            let entry = byPlace[p.id] ?? MentionCounts()
            let placeClaims = claimsByPlace[p.id] ?? []
            var control = scoring.assess(placeClaims, clusters: clusters, reportDates: dates, reference: reference)
            if let a = control.actor { control.colour = colours[a] }
            p.mentions = entry.mentions
            p.documents = entry.documents.count
            p.sources = entry.sources.count
            p.claims = placeClaims.count
            p.control = control
            out.append(p)
        }
        out.sort(by: PlaceSummary.inAnalysisOrder)
        return out
    }
}
