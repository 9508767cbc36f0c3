import Foundation
import Geo

/// An extent's projected bounds, and the scale that fits them in a frame: used for the map's
/// canvas and for the inset's box.
struct CanvasFit {
    var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity

    /// The bounds of `extent`'s edges (17 points a side) under `projection`.
    init(_ extent: BoundingBox, _ projection: ConformalProjection) {
        for c in MapBuilder.edgeSamples(extent) {
            let p = projection.project(c)
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
    }

    /// The middle of the bounds, in projected metres.
    var centreX: Double { (minX + maxX) / 2 }
    var centreY: Double { (minY + maxY) / 2 }

    /// Pixels per metre that fit the bounds in `width` × `height`, keeping the aspect ratio.
    func scale(width: Double, height: Double) -> Double {
        min(width / (maxX - minX), height / (maxY - minY))
    }
}

/// What one zoom step of a map lays out in: the drawing unit, the margin, and the room the claims
/// panel takes (beside the map on a landscape page, under it on a portrait or narrow one).
struct PageFrame {
    /// The drawing unit: 1 on a 1600 × 1200 page, smaller on smaller pages (but not in proportion).
    var u: Double
    var margin: Double
    var canvas: Rect
    /// The claims panel beside the map: its width (0 when it is under the map or there is none).
    var panelWidth: Double
    /// How many rows the claims would make with no limit.
    var claimTotal: Int
    /// The claims panel under the map, as it fits, or `nil`.
    var bottomFit: MapBuilder.PanelFit?

    /// The map's frame: left of a claims panel beside it, above the attribution strip and above a
    /// claims panel under it.
    var mapWidth: Double { canvas.width - (panelWidth > 0 ? panelWidth + 2 * margin : 0) }
    var mapHeight: Double { canvas.height - 26 * u - (bottomFit.map { $0.height + margin } ?? 0) }
    /// The map's frame inside its margin: where markers must stay.
    var frame: Rect { Rect(x: margin, y: margin, width: mapWidth - 2 * margin, height: mapHeight - 2 * margin) }

    /// The bottom of the map's frame given the attribution strip: above it, and above a claims
    /// panel under the map.
    func frameBottom(attribution: Rect) -> Double {
        attribution.y - margin - (bottomFit.map { $0.height + margin } ?? 0)
    }
}

extension MapBuilder {
    /// The page's drawing unit and margins, and the room the claims panel takes.
    func pageFrame(_ plan: Plan) -> PageFrame {
        let W = options.width, H = options.height
        let u = MapDrawer.unit(width: W, height: H)
        let margin = 16 * u
        let bottomPanel = !plan.claimRows.isEmpty && Self.claimsPanelAtBottom(width: W, height: H)
        let panelWidth = plan.claimRows.isEmpty || bottomPanel ? 0 : min(W * 0.3, 470 * u)
        let claimTotal = Self.claimGroupCount(analysis.claims)
        // Under the map: as wide as the page, at most 40% of its height.
        let bottomFit = bottomPanel
            ? Self.fitClaimsPanel(plan.claimRows, total: claimTotal, wrap: W - 2 * margin - 62 * u, maxHeight: H * 0.4,
                                  measurer: plan.measurer, font: options.theme.font, u: u)
            : nil
        return PageFrame(u: u, margin: margin, canvas: Rect(x: 0, y: 0, width: W, height: H), panelWidth: panelWidth,
                         claimTotal: claimTotal, bottomFit: bottomFit)
    }

    /// The map's model, its extent fitted to the frame (zoomed out and moved as `view` says) with
    /// nothing on it yet; its `extent` is the view, the coordinates the whole canvas shows.
    func fitCanvas(_ view: MapView, _ plan: Plan, _ page: PageFrame) -> MapModel {
        let fit = CanvasFit(plan.extent, plan.projection)
        let mapWidth = page.mapWidth, mapHeight = page.mapHeight
        let scale = fit.scale(width: mapWidth, height: mapHeight) / view.zoomOut
        let originX = fit.centreX - (mapWidth / 2 + view.shiftX) / scale
        let originY = fit.centreY + (mapHeight / 2 + view.shiftY) / scale
        let none = Rect(x: 0, y: 0, width: 0, height: 0)
        var model = MapModel(
            width: page.canvas.width, height: page.canvas.height, projection: plan.projection, extent: plan.extent,
            base: [], areas: [], markers: [], labels: [], title: "", subtitle: "", titleBox: none,
            legend: Legend(box: none, heading: "", rows: [], rowHeight: 0, symbolWidth: 0),
            scaleBar: ScaleBar(box: none, start: .init(x: 0, y: 0), lengthPixels: 0, kilometres: 0, text: ""),
            northArrow: none, inset: nil, palette: plan.palette, attribution: "", attributionBox: none, dropped: [],
            theme: options.theme, transparent: options.transparent, originX: originX, originY: originY, pixelsPerMetre: scale)
        // (The shorter way round: a map across the antimeridian has a view across it.)
        model.extent = BoundingBox(coveringShortest: Self.edgeSamples(page.canvas).map(model.coordinate(at:)))!
        return model
    }

    /// The width of the view across the canvas's middle, in kilometres.
    static func viewKilometres(_ model: MapModel) -> Double {
        Geodesy.distance(model.coordinate(at: Point(x: 0, y: model.height / 2)),
                         model.coordinate(at: Point(x: model.width, y: model.height / 2))) / 1000
    }

    static func edgeSamples(_ b: BoundingBox) -> [Coordinate] {
        var out: [Coordinate] = []
        for i in 0...16 {
            let t = Double(i) / 16
            out.append(Coordinate(latitude: b.south, longitude: b.west + t * (b.east - b.west)))
            out.append(Coordinate(latitude: b.north, longitude: b.west + t * (b.east - b.west)))
            out.append(Coordinate(latitude: b.south + t * (b.north - b.south), longitude: b.west))
            out.append(Coordinate(latitude: b.south + t * (b.north - b.south), longitude: b.east))
        }
        return out
    }

    static func edgeSamples(_ r: Rect) -> [Point] {
        var out: [Point] = []
        for i in 0...16 {
            let t = Double(i) / 16
            out.append(Point(x: r.x + t * r.width, y: r.y))
            out.append(Point(x: r.x + t * r.width, y: r.maxY))
            out.append(Point(x: r.x, y: r.y + t * r.height))
            out.append(Point(x: r.maxX, y: r.y + t * r.height))
        }
        return out
    }
}
