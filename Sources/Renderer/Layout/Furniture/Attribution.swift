extension MapBuilder {
    /// The attribution strip along the bottom: where the places, boundaries and rivers come from,
    /// the reports' outlets, the projection, and first the places named that lie off the map.
    func attributionStrip(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame) {
        let W = page.canvas.width, H = page.canvas.height, u = page.u
        let outlets = Array(Set(analysis.documents.compactMap(\.outlet))).sorted()
        let unattributed = analysis.documents.filter { $0.outlet == nil }.count
        var reportsText = outlets.joined(separator: ", ")
        if unattributed > 0 {
            let files = "\(unattributed) report\(unattributed == 1 ? "" : "s") of unstated outlet"
            reportsText = outlets.isEmpty ? files : reportsText + " and " + files
        }
        let rivers = model.rivers.isEmpty ? "" : " · Rivers: GSHHG (LGPL)"
        let relief = model.showsRelief ? " · Relief: GMTED2010" : ""
        model.attribution = "Places: GeoNames (CC BY 4.0) and curated entries · Boundaries: Natural Earth, geoBoundaries\(rivers)\(relief) · Reports: \(reportsText) · Projection: \(plan.projection)"
        if !model.offMap.isEmpty {
            let names = model.offMap.prefix(6).map(\.text).joined(separator: ", ") + (model.offMap.count > 6 ? " and \(model.offMap.count - 6) more" : "")
            model.attribution = "Also named, off the map: \(names) · " + model.attribution
        }
        let aSize = 11.5 * u
        let aRect = plan.measurer.size(model.attribution, font: options.theme.font, pixelSize: aSize, wrapWidth: W - 2 * page.margin)
        let stripHeight = max(26 * u, aRect.height + 10 * u)
        model.attributionBox = Rect(x: 0, y: H - stripHeight, width: W, height: stripHeight)
    }
}
