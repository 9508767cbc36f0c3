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
    /// For a change map: what changed since an earlier day, drawn as rings round the places
    /// (the analysis drawn is the later day's).
    public var changes: ControlChanges?
    /// One panel of a timeline's grid: the title block, north arrow and scale bar only; the grid
    /// draws the legend and the attribution once for all panels, and lists no claims.
    public var panel = false

    public init() {}
}

/// Turns an analysis into a positioned ``MapModel``: projection, base map, markers, labels and furniture.
public struct MapBuilder {
    let analysis: Analysis
    let gazetteer: Gazetteer
    let outlines: OutlineCache
    let options: MapOptions
    /// Where labels are tried, and at what sizes: ``LabelPlacementPolicy/standard`` but in tests.
    var labelPolicy = LabelPlacementPolicy.standard
    var boundaries: BoundarySet { outlines.boundaries }

    public init(analysis: Analysis, gazetteer: Gazetteer, boundaries: BoundarySet, lines: BaseMapLines = BaseMapLines(),
                relief: ReliefGrid? = nil, options: MapOptions) {
        self.init(analysis: analysis, gazetteer: gazetteer, outlines: OutlineCache(boundaries: boundaries, lines: lines, relief: relief),
                  options: options)
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

    /// Builds the map, then, while a marker lies under the title, legend, scale bar, inset or
    /// claims panel (up to five times), lays it out again under the view that clears them zooming
    /// out least (`clearingView`: moved up to a quarter of the frame, zoomed out by steps of 3%;
    /// 1.25× farther out when no view does); then shades the relief of the last view.
    public func build() throws(RendererError) -> MapModel {
        let plan = try plan()
        var view = MapView()
        var model = try build(view, plan)
        for _ in 0..<5 {
            guard options.boundingBox == nil else { break }
            let furniture = model.furniture, page = pageFrame(plan)
            let hidden = model.markers.contains { m in furniture.contains { $0.intersects(m.bounds) } }
            // A side's shading mostly under the title block or legend also moves the map, when a
            // view nearby shows it; hidden markers always do.
            let frame = page.frame
            let samples = Self.shadedSamples(model, frame)
            let areasHidden = samples.contains { Self.coveredShare($0, furniture: furniture, frame: frame) > Self.areaCoverAllowed }
            if hidden {
                view = Self.clearingView(model, from: view, page, areas: samples) ?? Self.clearingView(model, from: view, page)
                    ?? MapView(zoomOut: view.zoomOut * 1.25, shiftX: view.shiftX, shiftY: view.shiftY)
            } else if areasHidden, let clearer = Self.clearingView(model, from: view, page, areas: samples) {
                view = clearer
            } else {
                break
            }
            model = try build(view, plan)
        }
        if model.showsRelief, let grid = outlines.relief, let colour = options.theme.relief {
            model.relief = Hillshade.image(for: model, grid: grid, colour: colour)
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
            extent = boundaries[focus.id].map(Self.shortestBox)?.padded(by: 0.15)
                ?? BoundingBox(covering: [focus.coordinate])!.padded(by: 0, atLeast: 0.3)
        } else if let box = Self.theatreBox(shown, claims: analysis.claims, boundaries: boundaries) {
            extent = Self.theatreExtent(box)
        } else if let cc = focusCountry, let b = boundaries[cc] {
            extent = Self.shortestBox(b).padded(by: 0.05)
        } else {
            throw RendererError(reason: "no place in the reports could be placed on a map",
                                hint: "check the gazetteer covers the reports' places (conflictmap analyze lists unresolved names)")
        }
        let palette = ActorPalette(analysis: analysis, profileColors: options.actorColors)
        let claimRows = options.panel ? [] : ClaimRows.make(changedClaims(analysis), palette: palette,
                                                              placeName: { gazetteer.place(id: $0)?.name ?? $0 }, limit: options.maximumClaims)
        let projection = ConformalProjection(suitedTo: extent)
        return Plan(shown: shown, focusCountry: focusCountry, extent: extent, projection: projection,
                    palette: palette, claimRows: claimRows, measurer: try TextMeasurer(),
                    outlines: outlines.outlines(for: projection))
    }

    /// One view of the map: the steps of the layout in turn (each in a file of `Layout/`), on one model.
    func build(_ view: MapView, _ plan: Plan) throws(RendererError) -> MapModel {
        let page = pageFrame(plan)
        var model = fitCanvas(view, plan, page)
        let viewKm = Self.viewKilometres(model)
        baseLayers(&model, viewKm: viewKm, plan)
        let symbols = areasAndMarkers(&model, plan, page)
        furniture(&model, plan, page, symbols)
        claimsPanel(&model, plan, page)
        // Labels last, round what is placed: the callouts, the reports' places, then the context.
        var placer = labelPlacer(model, page)
        callouts(&model, placer: &placer, plan, page)
        placeLabels(&model, placer: &placer, plan, page, symbols)
        contextLabels(&model, placer: &placer, plan, page, viewKm: viewKm)
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
}
