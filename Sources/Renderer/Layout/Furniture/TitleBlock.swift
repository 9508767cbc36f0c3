import Aggregator

extension MapBuilder {
    /// The pixel size (times the drawing unit) of the title block's "Data as of" line.
    static let dataAsOfSize = 13.5

    /// The title block: the title, a subtitle with the dates, reports, sources and places, and, when
    /// the reports are dated, an ISW-style "Data as of <latest report date>" line.
    func titleBlock(_ model: inout MapModel, shown: [PlaceSummary], margin: Double, u: Double, measurer: TextMeasurer) {
        let theme = options.theme
        let sourcesCount = analysis.independentSources
        let reportsCount = analysis.documents.count
        model.title = options.title ?? Self.defaultTitle(shown, gazetteer: gazetteer)
        model.placeCount = shown.count
        model.claimCount = analysis.claims.count
        model.dateRange = analysis.dateRange
        var sub: [String] = []
        // "22 reports of 27 November – 8 December 2024": the dates as a reader writes them. Without a
        // date the reader must not take the map for today's: say that the reports gave none.
        let dates = analysis.dateRange.map { " of " + Self.readableRange($0.first, $0.last) } ?? (reportsCount > 0 ? " (undated)" : "")
        sub.append("\(reportsCount) report\(reportsCount == 1 ? "" : "s")\(dates), \(sourcesCount) independent source\(sourcesCount == 1 ? "" : "s")")
        sub.append("\(shown.count) place\(shown.count == 1 ? "" : "s") named")
        if let changes = changeSubtitle { sub.insert(changes, at: 0) }
        model.subtitle = sub.joined(separator: " · ")
        let titleMaxWidth = options.width * 0.58
        let tRect = measurer.size(model.title, font: theme.font + " Bold", pixelSize: 27 * u, wrapWidth: titleMaxWidth)
        let sRect = measurer.size(model.subtitle, font: theme.font, pixelSize: 15 * u, wrapWidth: titleMaxWidth)
        var width = max(tRect.width, sRect.width), height = tRect.height + sRect.height + 26 * u
        if let latest = analysis.dateRange?.last {
            let line = "Data as of " + Self.readableDate(latest)
            let dRect = measurer.size(line, font: theme.font + " Bold", pixelSize: Self.dataAsOfSize * u)
            model.dataAsOf = line
            model.dataAsOfBox = Rect(x: margin + 14 * u, y: margin + 20 * u + tRect.height + sRect.height, width: dRect.width, height: dRect.height)
            width = max(width, dRect.width)
            height += dRect.height + 4 * u
        }
        model.titleBox = Rect(x: margin, y: margin, width: width + 28 * u, height: height)
    }

    /// Two days as a reader writes the span between them: "4–8 December 2024", "27 November – 8
    /// December 2024", "30 December 2023 – 2 January 2024"; one day alone when they are the same.
    public static func readableRange(_ first: String, _ last: String) -> String {
        guard first != last else { return readableDate(first) }
        let a = readableDate(first).split(separator: " "), b = readableDate(last).split(separator: " ")
        guard a.count == 3, b.count == 3, a[2] == b[2] else { return readableDate(first) + " – " + readableDate(last) }
        return a[1] == b[1] ? "\(a[0])–\(b[0]) \(b[1]) \(b[2])" : "\(a[0]) \(a[1]) – \(readableDate(last))"
    }

    /// `2021-09-06` as "6 September 2021", which no reader takes for 9 June; anything else as given.
    public static func readableDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").map { Int($0) }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard parts.count == 3, let year = parts[0], let month = parts[1], let day = parts[2], months.indices.contains(month - 1),
              (1...31).contains(day) else { return iso }
        return "\(day) \(months[month - 1]) \(year)"
    }
}
