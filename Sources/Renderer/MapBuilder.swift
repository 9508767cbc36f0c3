import Aggregator
import CCairo
import Foundation
import Gazetteer
import Geo

/// What the map should show and how big it is.
public struct MapOptions: Sendable {
    /// Canvas size in output pixels (points for SVG and PDF).
    public var width: Double = 1600
    public var height: Double = 1200
    public var title: String?
    /// A fixed extent instead of fitting the places.
    public var boundingBox: BoundingBox?
    /// A place to centre on; its outline (or a 60 km square) sets the extent.
    public var focus: Place?
    /// Add the Dari or Pashto name under each label, where the gazetteer has one.
    public var bilingual = false
    public var transparent = false
    /// Size markers by mentions instead of independent sources.
    public var sizeByMentions = false
    public var theme: Theme = .light
    /// Colours for named actors (from the actor profile); others get Okabe–Ito colours in order.
    public var actorColors: [String: RGBA] = [:]
    /// The most claims the panel lists.
    public var maximumClaims = 12

    public init() {}
}

/// Turns an analysis into a positioned ``MapModel``: projection, base map, markers, labels and furniture.
public struct MapBuilder {
    let analysis: Analysis
    let gazetteer: Gazetteer
    let outlines: OutlineCache
    let options: MapOptions
    var boundaries: BoundarySet { outlines.boundaries }

    public init(analysis: Analysis, gazetteer: Gazetteer, boundaries: BoundarySet, lines: BaseMapLines = BaseMapLines(), options: MapOptions) {
        self.init(analysis: analysis, gazetteer: gazetteer, outlines: OutlineCache(boundaries: boundaries, lines: lines), options: options)
    }

    /// A builder that draws on `outlines` and keeps there what it projects, for the maps that
    /// follow under the same projection.
    public init(analysis: Analysis, gazetteer: Gazetteer, outlines: OutlineCache, options: MapOptions) {
        // The places named as places, filtered once: mentions with a role (demonyms, datelines…) are not drawn.
        var named = analysis
        named.places = analysis.namedPlaces
        self.analysis = named
        self.gazetteer = gazetteer
        self.outlines = outlines
        self.options = options
    }

    /// A box around every place the analysis names (but countries), wide enough for any map of
    /// them with its inset: load outlines and rivers within it.
    public static func neighbourhood(of analysis: Analysis, margin: Double = 8) -> BoundingBox? {
        let named = analysis.namedPlaces
        let points = named.filter { $0.precision != .country }.map(\.coordinate)
        return BoundingBox(coveringShortest: points.isEmpty ? named.map(\.coordinate) : points)?.padded(by: 0, atLeast: margin)
    }

    /// The neighbourhood of the map `options` ask for: around `--bbox` or `--focus` when given,
    /// else around the places named.
    public static func neighbourhood(of analysis: Analysis, options: MapOptions, margin: Double = 8) -> BoundingBox? {
        if let box = options.boundingBox { return box.padded(by: 1.1, atLeast: margin) }  // (room to zoom out 3×)
        if let focus = options.focus { return BoundingBox(covering: [focus.coordinate])?.padded(by: 0, atLeast: margin) }
        return neighbourhood(of: analysis, margin: margin)
    }

    /// Builds the map, zooming out a step at a time (up to five) until no marker lies under the
    /// title, legend, scale bar, inset or claims panel.
    public func build() throws(RendererError) -> MapModel {
        let plan = try plan()
        var zoomOut = 1.0
        var model = try build(zoomOut: zoomOut, plan)
        for _ in 0..<5 {
            let furniture = model.furniture
            let hidden = model.markers.contains { m in furniture.contains { $0.intersects(m.bounds) } }
            guard hidden, options.boundingBox == nil else { break }
            zoomOut *= 1.25
            model = try build(zoomOut: zoomOut, plan)
        }
        return model
    }

    /// What does not change as the map zooms out: the places shown, the extent and its projection,
    /// the sides' colours, the claims panel's rows, the text measurer (with its cache), and the
    /// outlines and rivers as they are projected.
    struct Plan {
        var shown: [PlaceSummary]
        var focusCountry: String?
        var extent: BoundingBox
        var projection: ConformalProjection
        var palette: ActorPalette
        var claimRows: [ClaimRow]
        var measurer: TextMeasurer
        var outlines: ProjectedOutlines
    }

    func plan() throws(RendererError) -> Plan {
        try options.validate()
        let W = options.width, H = options.height
        // 1. What is on the map.
        let shown = analysis.places.filter { $0.precision != .country }
        // The country shaded as the map's own and shown in the inset: the focus's, else the one named most.
        let focusCountry = options.focus.map { String($0.id.prefix { $0 != "/" }) }
            ?? Self.mostCommonCountry(shown.isEmpty ? analysis.places : shown, gazetteer)

        // 2. The extent.
        var extent: BoundingBox
        if let box = options.boundingBox {
            extent = box
        } else if let focus = options.focus {
            extent = boundaries[focus.id]?.boundingBox.padded(by: 0.15)
                ?? BoundingBox(covering: [focus.coordinate])!.padded(by: 0, atLeast: 0.3)
        } else if let box = BoundingBox(coveringShortest: Self.theatre(shown, claims: analysis.claims).map(\.coordinate)) {
            extent = Self.atLeastMinimum(box.padded(by: 0.22, atLeast: 0.35))
        } else if let cc = focusCountry, let b = boundaries[cc] {
            extent = b.boundingBox.padded(by: 0.05)
        } else {
            throw RendererError(reason: "no place in the reports could be placed on a map",
                                hint: "check the gazetteer covers the reports' places (conflictmap analyze lists unresolved names)")
        }
        let palette = ActorPalette(analysis: analysis, profileColors: options.actorColors)
        let claimRows = ClaimRows.make(analysis, palette: palette, placeName: { gazetteer.place(id: $0)?.name ?? $0 },
                                       limit: options.maximumClaims)
        let projection = ConformalProjection(suitedTo: extent)
        return Plan(shown: shown, focusCountry: focusCountry, extent: extent, projection: projection,
                    palette: palette, claimRows: claimRows, measurer: try TextMeasurer(),
                    outlines: outlines.outlines(for: projection))
    }

    func build(zoomOut: Double, _ plan: Plan) throws(RendererError) -> MapModel {
        let W = options.width, H = options.height
        let u = min(W / 1600, H / 1200) * 1.0 + 0.25 * (1 - min(1, min(W / 1600, H / 1200)))
        let theme = options.theme
        let (shown, focusCountry, extent, projection) = (plan.shown, plan.focusCountry, plan.extent, plan.projection)
        let (palette, claimRows, measurer) = (plan.palette, plan.claimRows, plan.measurer)
        let margin = 16 * u
        let bottomPanel = !claimRows.isEmpty && Self.claimsPanelAtBottom(width: W, height: H)
        let panelWidth = claimRows.isEmpty || bottomPanel ? 0 : min(W * 0.3, 470 * u)
        let claimTotal = Self.claimGroupCount(analysis.claims)
        // Under the map: as wide as the page, at most 40% of its height.
        let bottomFit = bottomPanel
            ? Self.fitClaimsPanel(claimRows, total: claimTotal, wrap: W - 2 * margin - 62 * u, maxHeight: H * 0.4,
                                  measurer: measurer, font: theme.font, u: u)
            : nil

        // 3. Fit the extent to the canvas (left of the claims panel), keeping the aspect ratio.
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for c in Self.edgeSamples(extent) {
            let p = projection.project(c)
            minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
        }
        // Leave room at the bottom for the attribution strip (and the claims panel under the map).
        let mapHeight = H - 26 * u - (bottomFit.map { $0.height + margin } ?? 0)
        let mapWidth = W - (panelWidth > 0 ? panelWidth + 2 * margin : 0)
        let scale = min(mapWidth / (maxX - minX), mapHeight / (maxY - minY)) / zoomOut
        let cx = (minX + maxX) / 2, cy = (minY + maxY) / 2
        let originX = cx - mapWidth / 2 / scale
        let originY = cy + mapHeight / 2 / scale
        var model = MapModel(
            width: W, height: H, projection: projection, extent: extent, base: [], areas: [], markers: [], labels: [],
            title: "", subtitle: "", titleBox: .init(x: 0, y: 0, width: 0, height: 0),
            legend: Legend(box: .init(x: 0, y: 0, width: 0, height: 0), heading: "", rows: [], rowHeight: 0, symbolWidth: 0),
            scaleBar: ScaleBar(box: .init(x: 0, y: 0, width: 0, height: 0), start: .init(x: 0, y: 0), lengthPixels: 0, kilometres: 0, text: ""),
            northArrow: .init(x: 0, y: 0, width: 0, height: 0), inset: nil, palette: palette, attribution: "",
            attributionBox: .init(x: 0, y: 0, width: 0, height: 0), dropped: [], theme: theme,
            transparent: options.transparent, originX: originX, originY: originY, pixelsPerMetre: scale)
        let canvas = Rect(x: 0, y: 0, width: W, height: H)
        // (The shorter way round: a map across the antimeridian has a view across it.)
        let view = BoundingBox(coveringShortest: Self.edgeSamples(canvas).map(model.coordinate(at:)))!
        model.extent = view
        let viewKm = Geodesy.distance(model.coordinate(at: Point(x: 0, y: H / 2)), model.coordinate(at: Point(x: W, y: H / 2))) / 1000

        // 4. Base map (outlines projected once, at the first step, and reused at the next).
        baseMap(&model, view: view, viewKm: viewKm, focusCountry: focusCountry, plan.outlines)
        // Lakes, projected at each step (only those that meet the view).
        model.lakes = Self.lakeRings(outlines.lines.lakes, in: view, model)

        // 5. Areas and markers.
        let countOf: (PlaceSummary) -> Int = { options.sizeByMentions ? $0.mentions : $0.sources }
        let maxCount = max(1, shown.map(countOf).max() ?? 1)
        let markerBase = 6.5 * u
        let ordered = shown.sorted { (countOf($1), $1.mentions, $0.id) < (countOf($0), $0.mentions, $1.id) }
        var areaIDs = Set<String>()
        // A province that only claims about part of it name (its towns, "northern X", "swathes of
        // territory in X") is not shaded as a whole: it gets a marker at its point instead.
        let partOnly = Self.claimedOnlyInPart(ordered, claims: analysis.claims)
        for p in ordered where p.precision == .province || p.precision == .district {
            guard let rings = plan.outlines.rings(id: p.id) else { continue }
            let mark = partOnly.contains(p.id) ? .none : palette.mark(for: p, claims: analysis.claims)
            model.areas.append(AreaMark(placeID: p.id, rings: Self.canvasRings(rings, model), fill: theme.areaFill,
                                        outline: theme.areaOutline, control: mark,
                                        strength: 0.35 + 0.65 * min(1, max(0, p.control.confidence))))
            areaIDs.insert(p.id)
        }
        for p in ordered where !(p.precision == .province && areaIDs.contains(p.id) && !partOnly.contains(p.id)) && p.kind != .mountainRange {
            let at = model.point(for: p.coordinate)
            guard canvas.contains(Rect(x: at.x, y: at.y, width: 0, height: 0)) else {
                // A province claimed in part whose point is off the map still shows as its outline.
                if partOnly.contains(p.id), areaIDs.contains(p.id) { continue }
                model.offMap.append(DroppedLabel(place: p.id, text: p.name))
                continue
            }
            let r = markerBase * Double(max(1, countOf(p))).squareRoot()
            let mark = palette.mark(for: p, claims: analysis.claims)
            model.markers.append(Marker(placeID: p.id, name: p.name, center: model.point(for: p.coordinate), radius: r, control: mark))
        }

        // 6. Furniture.
        titleBlock(&model, shown: shown, margin: margin, u: u, measurer: measurer)

        // Attribution strip.
        let outlets = Array(Set(analysis.documents.compactMap(\.outlet))).sorted()
        let unattributed = analysis.documents.filter { $0.outlet == nil }.count
        var reportsText = outlets.joined(separator: ", ")
        if unattributed > 0 {
            let files = "\(unattributed) report\(unattributed == 1 ? "" : "s") of unstated outlet"
            reportsText = outlets.isEmpty ? files : reportsText + " and " + files
        }
        let rivers = model.rivers.isEmpty ? "" : " · Rivers: GSHHG (LGPL)"
        model.attribution = "Places: GeoNames (CC BY 4.0) and curated entries · Boundaries: Natural Earth, geoBoundaries\(rivers) · Reports: \(reportsText) · Projection: \(projection)"
        if !model.offMap.isEmpty {
            let names = model.offMap.prefix(6).map(\.text).joined(separator: ", ") + (model.offMap.count > 6 ? " and \(model.offMap.count - 6) more" : "")
            model.attribution = "Also named, off the map: \(names) · " + model.attribution
        }
        let aSize = 11.5 * u
        let aRect = measurer.size(model.attribution, font: theme.font, pixelSize: aSize, wrapWidth: W - 2 * margin)
        let stripHeight = max(26 * u, aRect.height + 10 * u)
        model.attributionBox = Rect(x: 0, y: H - stripHeight, width: W, height: stripHeight)

        // Inset locator and north arrow, top right.
        let insetWidth = 230 * u, insetHeight = 175 * u
        let insetBox = Rect(x: W - margin - insetWidth, y: margin, width: insetWidth, height: insetHeight)
        if let cc = focusCountry, let country = boundaries[cc], W > 400 {
            model.inset = Self.inset(country: country, boundaries: boundaries, extent: view, box: insetBox)
        }
        let arrowSize = Point(x: 30 * u, y: 50 * u)
        let arrowX = (model.inset == nil ? W - margin : insetBox.x - 12 * u) - arrowSize.x
        model.northArrow = Rect(x: arrowX, y: margin, width: arrowSize.x, height: arrowSize.y)

        // Legend, bottom left.
        let maxRadius = markerBase * Double(maxCount).squareRoot()
        var rows: [Legend.Row] = []
        let countWord = options.sizeByMentions ? "mention" : "independent source"
        rows.append(.init(symbol: .circle(radius: markerBase, fill: theme.marker), text: "Named by 1 \(countWord)"))
        if maxCount > 1 {
            rows.append(.init(symbol: .circle(radius: maxRadius, fill: theme.marker), text: "Named by \(maxCount) \(countWord)s"))
        }
        if !model.areas.isEmpty {
            // With a province claimed only in part, say what shading means.
            let text = partOnly.isEmpty ? "Named only as a whole province or district" : "Province or district; shaded only for claims on all of it"
            rows.append(.init(symbol: .area(fill: theme.areaFill, outline: theme.areaOutline), text: text))
        }
        let marks = Set(model.markers.map(\.control) + model.areas.map(\.control)).filter { $0 != .none }
        for (i, name) in palette.names.enumerated() {
            if marks.contains(.verified(actor: i)) {
                rows.append(.init(symbol: .control(.verified(actor: i)), text: "Held by \(name), reported independently"))
            }
            if marks.contains(.claimed(actor: i)) {
                rows.append(.init(symbol: .control(.claimed(actor: i)), text: "Claimed by \(name), not verified"))
            }
            if marks.contains(.fighting(actor: i)) {
                rows.append(.init(symbol: .control(.fighting(actor: i)), text: "Fighting reported (\(name)); no claim of control"))
            }
        }
        for mark in marks.sorted(by: { "\($0)" < "\($1)" }) {
            if case .contested(let actors) = mark {
                rows.append(.init(symbol: .control(mark), text: "Contested: " + actors.map { palette.names[$0] }.joined(separator: " and ")))
            }
        }
        rows.append(.init(symbol: .line(theme.countryBorder, width: 1.8 * u, dash: []), text: "International border"))
        rows.append(.init(symbol: .line(theme.provinceLine, width: 1.0 * u, dash: []), text: "Province boundary"))
        if model.base.contains(where: { $0.0 == .district }) {
            rows.append(.init(symbol: .line(theme.districtLine, width: 0.9 * u, dash: [4 * u, 3 * u]), text: "District boundary"))
        }
        if !model.rivers.isEmpty { rows.append(.init(symbol: .line(theme.river, width: 1.6 * u, dash: []), text: "River")) }
        let rowHeight = max(24 * u, 2 * maxRadius + 6 * u)
        let legendFont = 13.5 * u
        let symbolWidth = max(34 * u, 2 * maxRadius + 8 * u)
        // Short rows: text wider than `legendWrap` wraps onto a second line ("Contested: Ethiopian
        // National Defense Force and / Fano and Amhara militias") and its row grows.
        let legendWrap = 320 * u
        let sizes = rows.map { measurer.size($0.text, font: theme.font, pixelSize: legendFont, wrapWidth: legendWrap) }
        let textWidth = sizes.map(\.width).max() ?? 100
        let rowHeights = sizes.map { max(rowHeight, $0.height + 8 * u) }
        let headingRect = measurer.size("Legend", font: theme.font + " Bold", pixelSize: 15 * u)
        let legendWidth = symbolWidth + textWidth + 36 * u
        let legendHeight = headingRect.height + 18 * u + rowHeights.reduce(0, +) + 8 * u
        // The bottom of the map's frame: above the attribution strip, and above a claims panel under the map.
        let frameBottom = model.attributionBox.y - margin - (bottomFit.map { $0.height + margin } ?? 0)
        model.legend = Legend(box: Rect(x: margin, y: frameBottom - legendHeight, width: legendWidth, height: legendHeight),
                              heading: "Legend", rows: rows, rowHeight: rowHeight, symbolWidth: symbolWidth,
                              rowHeights: rowHeights, wrapWidth: legendWrap)

        // Scale bar, bottom right.
        model.scaleBar = Self.scaleBar(model: model, right: W - margin, bottom: frameBottom, u: u, measurer: measurer)

        // Claims panel: right, below the inset, or under the map.
        if let fit = bottomFit, !fit.rows.isEmpty || fit.note != nil {
            model.claimsPanel = ClaimsPanel(box: Rect(x: margin, y: model.attributionBox.y - margin - fit.height, width: W - 2 * margin,
                                                      height: fit.height),
                                            heading: Self.claimsHeading, rows: fit.rows, rowTops: fit.tops, wrapWidth: W - 2 * margin - 62 * u,
                                            note: fit.note, noteTop: fit.noteTop)
        } else if !claimRows.isEmpty {
            let top = max(model.inset?.box.maxY ?? 0, model.northArrow.maxY) + 12 * u
            let wrap = panelWidth - 58 * u
            let fit = Self.fitClaimsPanel(claimRows, total: claimTotal, wrap: wrap, maxHeight: model.scaleBar.box.y - 12 * u - top,
                                          measurer: measurer, font: theme.font, u: u)
            if !fit.rows.isEmpty || fit.note != nil {
                model.claimsPanel = ClaimsPanel(box: Rect(x: W - margin - panelWidth, y: top, width: panelWidth, height: fit.height),
                                                heading: Self.claimsHeading, rows: fit.rows, rowTops: fit.tops, wrapWidth: wrap,
                                                note: fit.note, noteTop: fit.noteTop)
            }
        }

        // 7. Callouts, then labels.
        var obstacles = model.furniture
        let markerRects = model.markers.map { $0.bounds.insetBy(-1) }
        var placer = LabelPlacer(canvas: canvas.insetBy(4), fixed: obstacles + markerRects)
        // One badge a place, listing its rows' numbers.
        var numbersByPlace: [(String, [Int])] = []
        for row in model.claimsPanel?.rows ?? [] {
            if let i = numbersByPlace.firstIndex(where: { $0.0 == row.placeID }) { numbersByPlace[i].1.append(row.number) } else { numbersByPlace.append((row.placeID, [row.number])) }
        }
        for (placeID, numbers) in numbersByPlace {
            let marker = model.markers.first { $0.placeID == placeID }
            guard let p = analysis.places.first(where: { $0.id == placeID }) else { continue }
            var anchor = marker?.center ?? model.point(for: p.coordinate)
            // An area whose own point is off the map: the badge goes by the part that shows.
            if marker == nil, !canvas.insetBy(40).contains(Rect(x: anchor.x, y: anchor.y, width: 0, height: 0)),
               let area = model.areas.first(where: { $0.placeID == placeID }) {
                anchor = Self.visibleAnchor(area.rings, in: canvas.insetBy(40)) ?? anchor
            }
            let text = numbers.map(String.init).joined(separator: " ")
            let size = measurer.size(text, font: theme.font + " Bold", pixelSize: 11.5 * u)
            let badge = Rect(x: 0, y: 0, width: max(20 * u, size.width + 10 * u), height: 20 * u)
            if let spot = placer.place(size: badge, around: anchor, radius: (marker?.radius ?? 0) + 2 * u, centered: false, leader: false)
                ?? placer.place(size: badge, around: anchor, radius: marker?.radius ?? 0, centered: false, leader: true) {
                model.callouts.append(Callout(numbers: numbers, placeID: placeID, box: spot))
            }
        }
        let offMap = Set(model.offMap.map(\.place))
        for p in ordered where !offMap.contains(p.id) {
            var text = p.name
            if options.bilingual, let place = gazetteer.place(id: p.id), let local = Self.localName(place) {
                text += "\n" + local
            }
            let isArea = (p.precision == .province && areaIDs.contains(p.id)) || p.kind == .mountainRange
            let marker = model.markers.first { $0.placeID == p.id }
            var anchor = marker?.center ?? model.point(for: p.coordinate)
            if marker == nil, !canvas.insetBy(40).contains(Rect(x: anchor.x, y: anchor.y, width: 0, height: 0)),
                let area = model.areas.first(where: { $0.placeID == p.id }) {
                // The area's own point is off the map: label the part that is visible.
                anchor = Self.visibleAnchor(area.rings, in: canvas.insetBy(40)) ?? anchor
            }
            let radius = marker?.radius ?? 0
            let sizes: [Double] = [15 * u, 13 * u]
            var placed = false
            for (attempt, size) in sizes.enumerated() {
                let box = measurer.size(text, font: Self.labelFont(theme, bold: isArea, italic: p.kind == .mountainRange), pixelSize: size, alignCenter: true)
                if let spot = placer.place(size: box, around: anchor, radius: radius, centered: isArea, leader: false) {
                    model.labels.append(PlacedLabel(placeID: p.id, text: text, box: spot, pixelSize: size, bold: isArea,
                                                    italic: p.kind == .mountainRange,
                                                    color: isArea ? theme.secondaryText : theme.text, leader: nil))
                    placed = true
                    break
                }
                if attempt == sizes.count - 1,
                   let spot = placer.place(size: box, around: anchor, radius: radius, centered: false, leader: true) {
                    let target = Point(x: min(max(anchor.x, spot.x), spot.maxX), y: min(max(anchor.y, spot.y), spot.maxY))
                    let dx = target.x - anchor.x, dy = target.y - anchor.y
                    let d = max(1, (dx * dx + dy * dy).squareRoot())
                    let from = Point(x: anchor.x + dx / d * radius, y: anchor.y + dy / d * radius)
                    model.labels.append(PlacedLabel(placeID: p.id, text: text, box: spot, pixelSize: size, bold: isArea,
                                                    italic: p.kind == .mountainRange,
                                                    color: isArea ? theme.secondaryText : theme.text, leader: (from, target)))
                    placed = true
                }
            }
            if !placed { model.dropped.append(DroppedLabel(place: p.id, text: text)) }
        }
        placeCountryNames(&model, placer: &placer, outlines: plan.outlines, measurer: measurer, u: u)
        let named = Set(analysis.places.map(\.id))
        Self.placeContext(&model, placer: &placer, towns: outlines.lines.towns, named: named, measurer: measurer, u: u)
        // Provinces are named on regional maps only: on a map of a country or more they crowd it.
        if viewKm < 600 {
            placeAreaNames(&model, placer: &placer, outlines: plan.outlines, kind: .province, named: named, measurer: measurer,
                           pixelSize: 12.5 * u, u: u, limit: 6)
        }
        return model
    }

    static func mostCommonCountry(_ places: [PlaceSummary], _ gazetteer: Gazetteer) -> String? {
        var counts: [String: Int] = [:]
        for p in places {
            guard let place = gazetteer.place(id: p.id) else { continue }
            let cc = place.kind == .country ? place.id : (place.country?.lowercased() ?? String(place.id.prefix { $0 != "/" }))
            counts[cc, default: 0] += p.mentions
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    static func defaultTitle(_ shown: [PlaceSummary], gazetteer: Gazetteer) -> String {
        guard let top = shown.first else { return "Places named in the reports" }
        return "\(top.name): places named in the reports"
    }

    /// The place's Dari or Pashto name: the shortest, so the bare name wins over "X Province".
    static func localName(_ place: Place) -> String? {
        let arabicScript = place.alternateNames.filter {
            ["fa", "prs", "ps"].contains($0.language ?? "") || $0.script == "Arab"
                || $0.name.unicodeScalars.contains { (0x600...0x6FF).contains($0.value) }
        }
        return arabicScript.min { ($0.name.count, $0.name) < ($1.name.count, $1.name) }?.name
    }

    static func labelFont(_ theme: Theme, bold: Bool, italic: Bool) -> String {
        theme.font + (bold ? " Bold" : "") + (italic ? " Oblique" : "")
    }

    /// The centre of the part of an area's outline inside a rectangle, or `nil` when none is.
    static func visibleAnchor(_ rings: [[Point]], in r: Rect) -> Point? {
        let inside = rings.flatMap { $0 }.filter { $0.x >= r.x && $0.x <= r.maxX && $0.y >= r.y && $0.y <= r.maxY }
        guard !inside.isEmpty else { return nil }
        let xs = inside.map(\.x), ys = inside.map(\.y)
        return Point(x: (xs.min()! + xs.max()!) / 2, y: (ys.min()! + ys.max()!) / 2)
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

    /// A bar of a round length (1, 2 or 5 × 10ⁿ km) close to a fifth of the width, measured geodesically where it stands.
    static func scaleBar(model: MapModel, right: Double, bottom: Double, u: Double, measurer: TextMeasurer) -> ScaleBar {
        let barY = bottom - 12 * u
        let trialPixels = model.width / 5
        let trialStart = Point(x: right - 14 * u - trialPixels, y: barY)
        let trialEnd = Point(x: right - 14 * u, y: barY)
        let km = Geodesy.distance(model.coordinate(at: trialStart), model.coordinate(at: trialEnd)) / 1000
        let kmPerPixel = km / trialPixels
        var nice = 1.0
        let raw = km
        let magnitude = pow(10, floor(log10(raw)))
        for m in [5.0, 2.0, 1.0] where m * magnitude <= raw { nice = m * magnitude; break }
        if nice > raw { nice = magnitude }
        var length = nice / kmPerPixel
        // Refine: measure the chosen bar itself.
        for _ in 0..<3 {
            let s = Point(x: right - 14 * u - length, y: barY), e = Point(x: right - 14 * u, y: barY)
            let measured = Geodesy.distance(model.coordinate(at: s), model.coordinate(at: e)) / 1000
            length *= nice / measured
        }
        let text = nice >= 1 ? "\(Int(nice)) km" : "\(Int(nice * 1000)) m"
        let label = measurer.size(text, font: model.theme.font, pixelSize: 13 * u)
        let boxWidth = length + 28 * u
        let boxHeight = label.height + 28 * u
        let box = Rect(x: right - boxWidth, y: bottom - boxHeight, width: boxWidth, height: boxHeight)
        return ScaleBar(box: box, start: Point(x: right - 14 * u - length, y: barY), lengthPixels: length, kilometres: nice, text: text)
    }
}
