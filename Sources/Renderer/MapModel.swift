import Aggregator
import Gazetteer
import Geo

/// What one drawn element is, as the layout JSON names it.
public enum ElementKind: String, Sendable, Hashable, Codable {
    case label, marker, area, callout, legend, scalebar, northarrow, inset, title, attribution
    case claimsPanel = "claims-panel"
    /// A town the reports do not name, shown for orientation.
    case contextLabel = "context-label"
    /// One row of the claims panel, with its `claim` id.
    case claimRow = "claim-row"
    /// The "Data as of" line of the title block, when the reports are dated.
    case dataAsOf = "data-as-of"
    /// A place whose control changed since the change map's first day (`render --since`); its
    /// text says how ("advance, assessed: none → Taliban").
    case change
}

/// One element on the canvas, with its box in output pixels (the `--layout` JSON).
public struct LayoutElement: Sendable, Hashable, Codable {
    public var kind: ElementKind
    public var text: String?
    /// The gazetteer id of the place it belongs to.
    public var place: String?
    /// The claims panel row's id (``ClaimRow/id``), for a `claim-row`.
    public var claim: String?
    /// The ids of the rows a callout numbers, for a `callout`.
    public var claims: [String]?
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public var rect: Rect { Rect(x: x, y: y, width: width, height: height) }

    init(kind: ElementKind, text: String? = nil, place: String? = nil, claim: String? = nil, claims: [String]? = nil, rect: Rect) {
        self.kind = kind
        self.text = text
        self.place = place
        self.claim = claim
        self.claims = claims
        self.x = (rect.x * 100).rounded() / 100
        self.y = (rect.y * 100).rounded() / 100
        self.width = (rect.width * 100).rounded() / 100
        self.height = (rect.height * 100).rounded() / 100
    }
}

/// Where every element went, as written by `--layout FILE.json`.
public struct MapLayout: Sendable, Hashable, Codable {
    public var width: Double
    public var height: Double
    public var elements: [LayoutElement]
    /// Labels that found no free position and were left off, by place id and text.
    public var droppedLabels: [DroppedLabel]
    /// Places the reports name that lie far outside the map (a capital named for diplomacy), by id and name.
    public var offMap: [DroppedLabel]
    /// The latest report date (`YYYY-MM-DD`) when the reports are dated: what "Data as of" shows.
    public var dataAsOf: String?

    enum CodingKeys: String, CodingKey {
        case width, height, elements, droppedLabels = "dropped_labels", offMap = "off_map", dataAsOf = "data_as_of"
    }
}

/// A label left off the map because every position collided.
public struct DroppedLabel: Sendable, Hashable, Codable {
    public var place: String
    public var text: String
}

/// How a base-map line or area is drawn.
enum BaseRole: Sendable, Hashable {
    case otherCountry, focusCountry, province, district
}

/// A shaded area for a place named at area precision.
struct AreaMark: Sendable, Hashable {
    var placeID: String
    var rings: [[Point]]
    var fill: RGBA
    var outline: RGBA
    var control: ControlMark = .none
    /// 0–1: how strongly to draw the control (the assessment's confidence, with a floor).
    var strength: Double = 1
    /// What changed there, on a change map.
    var change: ChangeMark?
}

/// A marker for a place.
struct Marker: Sendable, Hashable {
    var placeID: String
    var name: String
    var center: Point
    var radius: Double
    var control: ControlMark = .none
    /// What changed there, on a change map.
    var change: ChangeMark?

    /// The square the marker's circle fits in.
    var bounds: Rect { Rect(x: center.x - radius, y: center.y - radius, width: 2 * radius, height: 2 * radius) }
}

/// A badge beside a place with the numbers of its rows in the claims panel.
struct Callout: Sendable, Hashable {
    var numbers: [Int]
    var placeID: String
    var box: Rect

    var text: String { numbers.map(String.init).joined(separator: " ") }
}

/// The panel listing the claims that the callouts number.
struct ClaimsPanel: Sendable, Hashable {
    var box: Rect
    var heading: String
    var rows: [ClaimRow]
    /// The top of each row's text, from the panel's top-left.
    var rowTops: [Double]
    var wrapWidth: Double
    /// How many claims the panel leaves out, and where they are ("5 more claims not shown here…").
    var note: String? = nil
    /// The top of the note, from the panel's top-left.
    var noteTop: Double = 0
}

/// A label placed on the map.
struct PlacedLabel: Sendable, Hashable {
    var placeID: String
    var text: String
    /// The top-left of the text's logical box.
    var box: Rect
    var pixelSize: Double
    var bold: Bool
    var italic: Bool
    var color: RGBA
    /// From the marker edge to the label, when the label had to move away.
    var leader: (Point, Point)?

    static func == (l: PlacedLabel, r: PlacedLabel) -> Bool { l.placeID == r.placeID && l.text == r.text && l.box == r.box }
    func hash(into h: inout Hasher) { h.combine(placeID); h.combine(text) }
}

/// The whole map, positioned: everything the drawing step needs and nothing it must work out.
public struct MapModel: Sendable {
    public var width: Double
    public var height: Double
    public var projection: ConformalProjection
    /// The geographic extent shown.
    public var extent: BoundingBox
    var base: [(role: BaseRole, rings: [[Point]])]
    var rivers: [(points: [Point], rank: Int)] = []
    /// Lakes, drawn as water: their rings (outer rings and islands), projected.
    var lakes: [[Point]] = []
    /// Whether the map gets relief (a regional view, a relief grid, a theme with relief), and the
    /// hill shadows themselves, made once the zoom steps are done.
    var showsRelief = false
    var relief: ReliefImage?
    var areas: [AreaMark]
    var markers: [Marker]
    var labels: [PlacedLabel]
    var title: String
    var subtitle: String
    var titleBox: Rect
    var legend: Legend
    var scaleBar: ScaleBar
    var northArrow: Rect
    var inset: Inset?
    var callouts: [Callout] = []
    var claimsPanel: ClaimsPanel?
    var palette: ActorPalette
    var attribution: String
    var attributionBox: Rect
    public var dropped: [DroppedLabel]
    /// The boxes of the title, legend, scale bar, north arrow, attribution, inset and claims panel:
    /// what no marker or label may sit under.
    var furniture: [Rect] {
        var out = [titleBox, legend.box, scaleBar.box, northArrow, attributionBox]
        if let inset { out.append(inset.box) }
        if let claimsPanel { out.append(claimsPanel.box) }
        return out
    }
    /// Places named in the reports but outside the map, by id and name.
    public var offMap: [DroppedLabel] = []
    /// Towns the reports do not name, drawn in grey for orientation.
    var contextPlaces: [ContextPlace] = []
    var theme: Theme
    var transparent: Bool
    /// How many places the reports name and how many claims they make, and their dates: for the
    /// documents' descriptions (PDF Subject, SVG `<desc>`).
    var placeCount = 0
    var claimCount = 0
    var dateRange: (first: String, last: String)?
    /// The title block's "Data as of …" line and its box, when the reports are dated.
    var dataAsOf: String?
    var dataAsOfBox: Rect?
    /// On a change map, each changed place's control before and after ("no side → Taliban").
    var changeNotes: [String: String] = [:]

    /// Metres-to-pixels: x = (m.x - originX) * scale, y = (originY - m.y) * scale.
    var originX: Double
    var originY: Double
    var pixelsPerMetre: Double

    /// The canvas point of a coordinate.
    public func point(for c: Coordinate) -> Point {
        point(projected: projection.project(c))
    }

    /// The canvas point of a point already projected with `projection`.
    func point(projected m: ProjectedPoint) -> Point {
        Point(x: (m.x - originX) * pixelsPerMetre, y: (originY - m.y) * pixelsPerMetre)
    }

    /// The coordinate under a canvas point.
    public func coordinate(at p: Point) -> Coordinate {
        projection.unproject(ProjectedPoint(x: p.x / pixelsPerMetre + originX, y: originY - p.y / pixelsPerMetre))
    }

    /// Every element and its box, for `--layout`.
    public var layout: MapLayout {
        var out: [LayoutElement] = []
        out.append(LayoutElement(kind: .title, text: title, rect: titleBox))
        if let dataAsOf, let dataAsOfBox { out.append(LayoutElement(kind: .dataAsOf, text: dataAsOf, rect: dataAsOfBox)) }
        // (An area shows when part of an outline is on the canvas, as the SVG's ids have it; its
        // box may meet the canvas while the outline stays off it.)
        let canvas = Rect(x: 0, y: 0, width: width, height: height).insetBy(-2)
        for a in areas where a.rings.contains(where: { VectorCulling.clip($0, to: canvas).count >= 3 }) {
            let xs = a.rings.flatMap { $0.map(\.x) }, ys = a.rings.flatMap { $0.map(\.y) }
            if let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() {
                out.append(LayoutElement(kind: .area, place: a.placeID, rect: Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)))
            }
        }
        for m in markers {
            out.append(LayoutElement(kind: .marker, text: m.name, place: m.placeID,
                                     rect: Rect(x: m.center.x - m.radius, y: m.center.y - m.radius, width: 2 * m.radius, height: 2 * m.radius)))
        }
        out += changeElements
        for l in labels { out.append(LayoutElement(kind: .label, text: l.text, place: l.placeID, rect: l.box)) }
        for c in contextPlaces { out.append(LayoutElement(kind: .contextLabel, text: c.name, place: c.placeID, rect: c.label)) }
        out.append(LayoutElement(kind: .legend, text: "Legend", rect: legend.box))
        out.append(LayoutElement(kind: .scalebar, text: scaleBar.text, rect: scaleBar.box))
        out.append(LayoutElement(kind: .northarrow, text: "N", rect: northArrow))
        if let inset { out.append(LayoutElement(kind: .inset, text: inset.countryName, rect: inset.box)) }
        for (c, ids) in zip(callouts, calloutClaimIDs) {
            out.append(LayoutElement(kind: .callout, text: c.text, place: c.placeID, claims: ids, rect: c.box))
        }
        if let panel = claimsPanel {
            out.append(LayoutElement(kind: .claimsPanel, text: panel.heading, rect: panel.box))
            for (row, box) in zip(panel.rows, claimRowBoxes) {
                out.append(LayoutElement(kind: .claimRow, text: row.text, place: row.placeID, claim: row.id, rect: box))
            }
        }
        out.append(LayoutElement(kind: .attribution, text: attribution, rect: attributionBox))
        return MapLayout(width: width, height: height, elements: out, droppedLabels: dropped, offMap: offMap,
                         dataAsOf: dataAsOf == nil ? nil : dateRange?.last)
    }
}

/// The legend box and its rows.
struct Legend: Sendable, Hashable {
    enum Symbol: Sendable, Hashable {
        case circle(radius: Double, fill: RGBA)
        case area(fill: RGBA, outline: RGBA)
        /// A side's mark as the map draws it: a swatch when areas carry it, a marker when markers do.
        case control(ControlMark, onAreas: Bool, onMarkers: Bool)
        case line(RGBA, width: Double, dash: [Double])
        case change(ChangeMark)
    }
    struct Row: Sendable, Hashable {
        var symbol: Symbol
        var text: String
    }
    var box: Rect
    var heading: String
    var rows: [Row]
    var rowHeight: Double
    var symbolWidth: Double
    /// Each row's height (a row whose text wraps is taller); empty: every row is `rowHeight`.
    var rowHeights: [Double] = []
    /// The width the rows' text wraps at.
    var wrapWidth: Double? = nil
    /// The first row of the second column, when the rows run in two columns (a legend taller than
    /// half the map's frame); `nil`: one column.
    var columnBreak: Int? = nil
    /// The width of one column (symbol, gap and text), when there are two.
    var columnWidth: Double = 0
}

/// A scale bar whose length is a round number of kilometres at its own position on the map.
struct ScaleBar: Sendable, Hashable {
    var box: Rect
    /// The bar itself, from its left end to its right end.
    var start: Point
    var lengthPixels: Double
    var kilometres: Double
    var text: String
}

/// A small locator map of the country with the main map's extent outlined.
struct Inset: Sendable, Hashable {
    var box: Rect
    var countryName: String
    var country: [[Point]]
    var neighbours: [[Point]]
    var extent: [Point]
}
