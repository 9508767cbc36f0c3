extension MapBuilder {
    /// The north arrow, top right: left of the inset, or in the corner when there is none.
    func northArrow(_ model: inout MapModel, _ page: PageFrame) {
        let u = page.u
        let arrowSize = Point(x: 30 * u, y: 50 * u)
        let arrowX = (model.inset == nil ? page.canvas.width - page.margin : Self.insetBox(page).x - 12 * u) - arrowSize.x
        model.northArrow = Rect(x: arrowX, y: page.margin, width: arrowSize.x, height: arrowSize.y)
    }
}
