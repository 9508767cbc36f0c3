/// What the files' ids and text layer need from the model, worked out as the drawing works it out.
extension MapModel {
    /// The drawing unit: 1 on a 1600×1200 canvas, shrinking more slowly below it.
    var unit: Double {
        let fit = min(width / 1600, height / 1200)
        return fit + 0.25 * (1 - min(1, fit))
    }

    /// Each claims panel row's box: its badge and its text, from the badge's top to the text's bottom.
    var claimRowBoxes: [Rect] {
        guard let panel = claimsPanel else { return [] }
        let u = unit
        let bottoms = panel.rowTops.dropFirst().map { $0 - 9 * u } + [panel.box.height - 13 * u]
        return zip(panel.rowTops, bottoms).map { top, bottom in
            Rect(x: panel.box.x + 12 * u, y: panel.box.y + top - 1 * u, width: panel.box.width - 24 * u,
                 height: max(bottom - top, 20 * u) + 1 * u)
        }
    }

    /// For each callout, the ids of the claims panel rows it numbers.
    var calloutClaimIDs: [[String]] {
        let rows = claimsPanel?.rows ?? []
        return callouts.map { c in c.numbers.compactMap { n in rows.first { $0.number == n }?.id } }
    }

    /// The ids of the rows a callout numbers, for the SVG's `data-claim`.
    func claimIDs(_ c: Callout) -> String {
        let rows = claimsPanel?.rows ?? []
        return c.numbers.compactMap { n in rows.first { $0.number == n }?.id }.joined(separator: " ")
    }
}
