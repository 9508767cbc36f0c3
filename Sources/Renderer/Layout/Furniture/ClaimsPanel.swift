import Aggregator
import Foundation

// The claims panel (the cartography issue, "A page layout"): at the right of a landscape page, at
// the bottom of a portrait or narrow one, and never cut silently: the rows that do not fit, or
// beyond the panel's limit, are counted in a note under the rows.
extension MapBuilder {
    /// The claims panel: under the map (as fitted in `page`), or at the right below the inset and
    /// the north arrow, down to the scale bar.
    func claimsPanel(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame) {
        let u = page.u, W = page.canvas.width, margin = page.margin
        if let fit = page.bottomFit, !fit.rows.isEmpty || fit.note != nil {
            model.claimsPanel = ClaimsPanel(box: Rect(x: margin, y: model.attributionBox.y - margin - fit.height, width: W - 2 * margin,
                                                      height: fit.height),
                                            heading: Self.claimsHeading, rows: fit.rows, rowTops: fit.tops, wrapWidth: W - 2 * margin - 62 * u,
                                            note: fit.note, noteTop: fit.noteTop)
        } else if !plan.claimRows.isEmpty {
            let top = max(model.inset?.box.maxY ?? 0, model.northArrow.maxY) + 12 * u
            let wrap = page.panelWidth - 58 * u
            let fit = Self.fitClaimsPanel(plan.claimRows, total: page.claimTotal, wrap: wrap, maxHeight: model.scaleBar.box.y - 12 * u - top,
                                          measurer: plan.measurer, font: options.theme.font, u: u)
            if !fit.rows.isEmpty || fit.note != nil {
                model.claimsPanel = ClaimsPanel(box: Rect(x: W - margin - page.panelWidth, y: top, width: page.panelWidth, height: fit.height),
                                                heading: Self.claimsHeading, rows: fit.rows, rowTops: fit.tops, wrapWidth: wrap,
                                                note: fit.note, noteTop: fit.noteTop)
            }
        }
    }

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
