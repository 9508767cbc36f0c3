extension MapBuilder {
    /// The furniture, each element in its own file and in this order (each may depend on those
    /// before it): the title block (top left), the attribution strip (along the bottom), the
    /// locator inset and the north arrow (top right), the legend (bottom left) and the scale bar
    /// (bottom right). The claims panel comes after them (`claimsPanel`).
    func furniture(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame, _ symbols: Symbols) {
        titleBlock(&model, shown: plan.shown, margin: page.margin, u: page.u, measurer: plan.measurer)
        if options.panel {
            // A timeline's panel: the grid has the legend and the attribution, once.
            model.attributionBox = Rect(x: 0, y: page.canvas.height, width: page.canvas.width, height: 0)
            northArrow(&model, page)
            placeScaleBar(&model, plan, page)
            return
        }
        attributionStrip(&model, plan, page)
        locatorInset(&model, plan, page)
        northArrow(&model, page)
        legend(&model, plan, page, symbols)
        placeScaleBar(&model, plan, page)
    }
}
