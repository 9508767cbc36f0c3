import Foundation

/// Where and at what sizes labels are tried: the placement policy, kept apart from the collision
/// grid (``CollisionGrid``, which only answers whether a box is free) and from the placement finder
/// (``LabelPlacer``, which tries this policy's candidates in order and takes the first free one).
/// After Mapnik's "simple" text placements: an ordered list of positions and of font sizes.
///
/// Sizes and distances are in output pixels, or in drawing units (`u`, 1 on a 1600 × 1200 page)
/// where a name says so.
struct LabelPlacementPolicy: Sendable, Hashable {
    /// A position of a label's box beside a point (a marker or a town's dot): its top-left is the
    /// anchor moved `gapX`, `gapY` times the gap (the marker's radius plus ``padding``) and
    /// `alignX`, `alignY` times the box's own width and height (0: the box starts there, −0.5: it
    /// is centred there, −1: it ends there).
    struct Position: Sendable, Hashable {
        var name: String
        var gapX: Double
        var gapY: Double
        var alignX: Double
        var alignY: Double

        /// The box of `size` at this position around `anchor`, `gap` pixels out.
        func box(_ w: Double, _ h: Double, around a: Point, gap: Double) -> Rect {
            Rect(x: a.x + gapX * gap + alignX * w, y: a.y + gapY * gap + alignY * h, width: w, height: h)
        }

        static let east = Position(name: "E", gapX: 1, gapY: 0, alignX: 0, alignY: -0.5)
        static let west = Position(name: "W", gapX: -1, gapY: 0, alignX: -1, alignY: -0.5)
        static let north = Position(name: "N", gapX: 0, gapY: -1, alignX: -0.5, alignY: -1)
        static let south = Position(name: "S", gapX: 0, gapY: 1, alignX: -0.5, alignY: 0)
        /// The corners, 0.7 of the gap out each way (about the gap along the diagonal).
        static let northEast = Position(name: "NE", gapX: 0.7, gapY: -0.7, alignX: 0, alignY: -1)
        static let northWest = Position(name: "NW", gapX: -0.7, gapY: -0.7, alignX: -1, alignY: -1)
        static let southEast = Position(name: "SE", gapX: 0.7, gapY: 0.7, alignX: 0, alignY: 0)
        static let southWest = Position(name: "SW", gapX: -0.7, gapY: 0.7, alignX: -1, alignY: 0)
    }

    /// How a label stands to its anchor.
    enum Placement: Sendable, Hashable {
        /// Beside a point, at ``pointPositions``.
        case point
        /// Over an area's anchor, at ``interiorOffsets``.
        case interior
        /// Away from a point, with a leader line back to it, at ``leaderRadii``.
        case leader
    }

    /// Beside a point, in order of preference: right, left, above, below, then the four corners.
    var pointPositions: [Position] = [.east, .west, .north, .south, .northEast, .northWest, .southEast, .southWest]
    /// Over an area: the box centred on the anchor, then moved by these multiples of its width and
    /// height, in order.
    var interiorOffsets: [Offset] = [
        Offset(0, 0), Offset(0, -0.8), Offset(0, 0.8), Offset(-0.6, 0), Offset(0.6, 0), Offset(0, -1.6), Offset(0, 1.6),
    ]
    /// Pixels between a marker's edge and its label.
    var padding = 4.0
    /// A label with a leader line: how far beyond the gap (pixels) it is tried, nearest first, and
    /// in how many directions round each circle (counterclockwise from the east).
    var leaderRadii: [Double] = [22, 40, 65, 95]
    var leaderDirections = 16

    /// The sizes (drawing units) a place the reports name is labelled at, largest first: each is
    /// tried at every position; the last, failing those, with a leader line.
    var labelSizes: [Double] = [15, 13]
    /// Country names (in capitals) and province names (drawing units).
    var countryNameSize = 14.0
    var provinceNameSize = 12.5
    /// The most provinces named for context, and the widest view (km) that names them: on a map
    /// of a country or more they crowd it.
    var provinceNameLimit = 6
    var provinceNamesBelowKm = 600.0
    /// An area's name stays this far (drawing units) inside the canvas, and away from markers.
    var areaNameInset = 30.0
    var areaNameClearance = 120.0
    /// Context towns (those the reports do not name): their labels' size, their dots' size, how
    /// far (drawing units) from a marker and from one another they stay, and how many a map shows.
    var townSize = 12.0
    var townDotSize = 5.0
    var townSpacing = 55.0
    var townLimit = 12

    /// A move of a box by multiples of its width and height.
    struct Offset: Sendable, Hashable {
        var dx: Double
        var dy: Double
        init(_ dx: Double, _ dy: Double) { self.dx = dx; self.dy = dy }
    }

    /// The policy every map is drawn with.
    static let standard = LabelPlacementPolicy()

    /// The boxes of `size` to try around `a`, in order, for a label `radius` from its anchor.
    func candidates(_ size: Rect, around a: Point, radius: Double, _ placement: Placement) -> [Rect] {
        let w = size.width, h = size.height
        let gap = radius + padding
        switch placement {
        case .interior:
            return interiorOffsets.map { o in Rect(x: a.x - w / 2 + o.dx * w, y: a.y - h / 2 + o.dy * h, width: w, height: h) }
        case .point:
            return pointPositions.map { $0.box(w, h, around: a, gap: gap) }
        case .leader:
            var out: [Rect] = []
            for distance in leaderRadii.map({ gap + $0 }) {
                for k in 0..<leaderDirections {
                    let angle = Double(k) * .pi / (Double(leaderDirections) / 2)
                    let cx = a.x + cos(angle) * distance, cy = a.y - sin(angle) * distance
                    let x = cos(angle) >= 0 ? cx : cx - w
                    out.append(Rect(x: x, y: cy - h / 2, width: w, height: h))
                }
            }
            return out
        }
    }
}
