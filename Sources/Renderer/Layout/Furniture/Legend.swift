extension MapBuilder {
    /// The legend, bottom left of the map's frame: the marker sizes, the areas, each side's marks
    /// as the map uses them, and the lines.
    func legend(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame, _ symbols: Symbols) {
        let u = page.u, theme = options.theme, measurer = plan.measurer
        let maxRadius = symbols.markerBase * Double(symbols.maxCount).squareRoot()
        let rows = legendRows(model, plan.palette, symbols, u: u)
        let rowHeight = max(24 * u, 2 * maxRadius + 6 * u)
        let legendFont = 13.5 * u
        let symbolWidth = max(34 * u, 2 * maxRadius + 8 * u)
        // Short rows: text wider than `legendWrap` wraps onto a second line ("Contested: Ethiopian
        // National Defense Force and / Fano and Amhara militias") and its row grows.
        let legendWrap = 320 * u
        let sizes = rows.map { measurer.size($0.text, font: theme.font, pixelSize: legendFont, wrapWidth: legendWrap) }
        let textWidth = sizes.map(\.width).max() ?? 100
        // A row is as tall as its text, or its symbol: only the marker-size rows hold large circles.
        let rowHeights = zip(rows, sizes).map { row, size -> Double in
            if case .circle(let r, _) = row.symbol { return max(24 * u, 2 * r + 6 * u, size.height + 8 * u) }
            return max(24 * u, size.height + 8 * u)
        }
        let headingRect = measurer.size("Legend", font: theme.font + " Bold", pixelSize: 15 * u)
        let columnWidth = symbolWidth + textWidth + 36 * u
        let frameBottom = page.frameBottom(attribution: model.attributionBox)
        // A legend taller than half the map's frame runs in two columns, so that it covers less of the map.
        var columnBreak: Int?
        var rowsHeight = rowHeights.reduce(0, +)
        if rowsHeight + headingRect.height > 0.5 * (frameBottom - page.margin), rows.count >= 6 {
            let k = Self.balancedBreak(rowHeights)
            columnBreak = k
            rowsHeight = max(rowHeights[..<k].reduce(0, +), rowHeights[k...].reduce(0, +))
        }
        let legendWidth = columnBreak == nil ? columnWidth : 2 * columnWidth - 14 * u
        let legendHeight = headingRect.height + 18 * u + rowsHeight + 8 * u
        model.legend = Legend(box: Rect(x: page.margin, y: frameBottom - legendHeight, width: legendWidth, height: legendHeight),
                              heading: "Legend", rows: rows, rowHeight: rowHeight, symbolWidth: symbolWidth,
                              rowHeights: rowHeights, wrapWidth: legendWrap, columnBreak: columnBreak, columnWidth: columnWidth - 14 * u)
    }

    /// The row that starts the second column so that the two columns are as even as they can be.
    static func balancedBreak(_ heights: [Double]) -> Int {
        let total = heights.reduce(0, +)
        var above = 0.0, best = 1, bestTaller = Double.infinity
        for i in heights.indices.dropFirst() {
            above += heights[i - 1]
            let taller = max(above, total - above)
            if taller < bestTaller { bestTaller = taller; best = i }
        }
        return best
    }

    /// The legend's rows: marker sizes, areas, control marks by side, then the lines drawn.
    func legendRows(_ model: MapModel, _ palette: ActorPalette, _ symbols: Symbols, u: Double) -> [Legend.Row] {
        let theme = options.theme, markerBase = symbols.markerBase, maxCount = symbols.maxCount
        let maxRadius = markerBase * Double(maxCount).squareRoot()
        var rows: [Legend.Row] = []
        let countWord = options.sizeByMentions ? "mention" : "independent source"
        rows.append(.init(symbol: .circle(radius: markerBase, fill: theme.marker), text: "Named by 1 \(countWord)"))
        if maxCount > 1 {
            rows.append(.init(symbol: .circle(radius: maxRadius, fill: theme.marker), text: "Named by \(maxCount) \(countWord)s"))
        }
        if !model.areas.isEmpty {
            // With a province claimed only in part, say what shading means.
            let text = symbols.partOnly.isEmpty ? "Named only as a whole province or district" : "Province or district; shaded only for claims on all of it"
            rows.append(.init(symbol: .area(fill: theme.areaFill, outline: theme.areaOutline), text: text))
        }
        let onMarkers = Set(model.markers.map(\.control)), onAreas = Set(model.areas.map(\.control))
        let marks = onMarkers.union(onAreas).filter { $0 != .none }
        // Each mark is shown as it is drawn: a pie on a marker is not a hatch on an area.
        func symbol(_ mark: ControlMark) -> Legend.Symbol {
            .control(mark, onAreas: onAreas.contains(mark), onMarkers: onMarkers.contains(mark))
        }
        for (i, name) in palette.names.enumerated() {
            if marks.contains(.verified(actor: i)) {
                rows.append(.init(symbol: symbol(.verified(actor: i)), text: "Held by \(name), reported independently"))
            }
            if marks.contains(.claimed(actor: i)) {
                rows.append(.init(symbol: symbol(.claimed(actor: i)), text: "Claimed by \(name), not verified"))
            }
            if marks.contains(.fighting(actor: i)) {
                rows.append(.init(symbol: symbol(.fighting(actor: i)), text: "Fighting reported (\(name)); no claim of control"))
            }
        }
        for mark in marks.sorted(by: { "\($0)" < "\($1)" }) {
            if case .contested(let actors) = mark {
                rows.append(.init(symbol: symbol(mark), text: "Contested: " + actors.map { palette.names[$0] }.joined(separator: " and ")))
            }
        }
        rows += changeLegendRows(model, palette)
        rows.append(.init(symbol: .line(theme.countryBorder, width: 1.8 * u, dash: []), text: "International border"))
        rows.append(.init(symbol: .line(theme.provinceLine, width: 1.0 * u, dash: []), text: "Province boundary"))
        if model.base.contains(where: { $0.0 == .district }) {
            rows.append(.init(symbol: .line(theme.districtLine, width: 0.9 * u, dash: [4 * u, 3 * u]), text: "District boundary"))
        }
        if !model.rivers.isEmpty { rows.append(.init(symbol: .line(theme.river, width: 1.6 * u, dash: []), text: "River")) }
        return rows
    }
}
