import Aggregator
import Foundation

// The claims panel (the cartography issue, "A page layout"): at the right of a landscape page, at
// the bottom of a portrait or narrow one, and never cut silently: the rows that do not fit, or
// beyond the panel's limit, are counted in a note under the rows.
extension MapBuilder {
    /// Whether the claims panel goes under the map (portrait or narrow pages) rather than beside it.
    static func claimsPanelAtBottom(width: Double, height: Double) -> Bool { width < 700 || height > width }

    /// How many rows the claims would make with no limit: one per place, actor, action, role and denial.
    static func claimGroupCount(_ claims: [Claim]) -> Int { Set(claims.map(\.claimID)).count }

    /// The rows that fit in `maxHeight` at `wrap` width, their tops (from the panel's top), the note
    /// for the rows left out (`nil` when none is), and the panel's height.
    struct PanelFit {
        var rows: [ClaimRow]
        var tops: [Double]
        var note: String?
        var noteTop: Double
        var height: Double
    }

    static let claimsHeading = "Claims in the reports"

    static func fitClaimsPanel(_ rows: [ClaimRow], total: Int, wrap: Double, maxHeight: Double, measurer: TextMeasurer,
                               font: String, u: Double) -> PanelFit {
        var y = measurer.size(claimsHeading, font: font + " Bold", pixelSize: 15 * u).height + 18 * u
        let noteHeight = measurer.size("0 more", font: font, pixelSize: 12 * u).height + 8 * u
        var tops: [Double] = []
        var kept: [ClaimRow] = []
        for (i, row) in rows.enumerated() {
            let h = measurer.size(row.text, font: font, pixelSize: 12.5 * u, wrapWidth: wrap).height
            // Room for this row, and for the note if rows are left out after it.
            let leftOut = total - (i + 1) > 0
            if y + h + 10 * u + (leftOut ? noteHeight : 0) > maxHeight { break }
            tops.append(y)
            kept.append(row)
            y += h + 9 * u
        }
        let omitted = total - kept.count
        let note = omitted > 0
            ? "\(omitted) more claim\(omitted == 1 ? "" : "s") not shown here (\(kept.count) of \(total)); conflictmap analyze lists them all"
            : nil
        let noteTop = y
        if note != nil { y += noteHeight }
        return PanelFit(rows: kept, tops: tops, note: note, noteTop: noteTop, height: y + 4 * u)
    }
}
