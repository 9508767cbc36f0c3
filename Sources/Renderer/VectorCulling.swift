/// Geometry clipped to the page before it reaches Cairo's SVG and PDF surfaces, which write every
/// point they are given: a country outline that runs 10,000 px off the canvas would fill the file.
/// PNG drawing never clips (Cairo's rasteriser does, and its pixels stay as they are).
enum VectorCulling {
    /// How far past the canvas geometry is kept: wider than any stroke's half-width and round cap.
    static let margin = 12.0

    /// The ring clipped to `r` (Sutherland–Hodgman). What lies inside `r` fills and strokes as
    /// before; new edges run along `r`'s sides, outside the canvas. A ring wholly inside is returned as is.
    static func clip(_ ring: [Point], to r: Rect) -> [Point] {
        if ring.allSatisfy({ inside($0, r) }) { return ring }
        var out = ring
        for side in 0..<4 {
            let input = out
            out = []
            guard var previous = input.last else { return [] }
            for current in input {
                let isIn = inside(current, side, r), wasIn = inside(previous, side, r)
                if isIn != wasIn { out.append(crossing(previous, current, side, r)) }
                if isIn { out.append(current) }
                previous = current
            }
        }
        return out
    }

    /// The pieces of a line that can show inside `r`: runs of segments whose bounding box meets it.
    /// Each piece ends at a point outside `r`, so the caps that replace joins stay off the canvas.
    static func clip(line: [Point], to r: Rect) -> [[Point]] {
        guard line.count >= 2 else { return [] }
        if line.allSatisfy({ inside($0, r) }) { return [line] }
        var pieces: [[Point]] = []
        var current: [Point] = []
        for (a, b) in zip(line, line.dropFirst()) {
            let meets = max(a.x, b.x) >= r.x && min(a.x, b.x) <= r.maxX && max(a.y, b.y) >= r.y && min(a.y, b.y) <= r.maxY
            if meets {
                if current.isEmpty { current.append(a) }
                current.append(b)
            } else if !current.isEmpty {
                pieces.append(current)
                current = []
            }
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Whether any of the ring's bounding box lies in `r`.
    static func meets(_ ring: [Point], _ r: Rect) -> Bool {
        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        for p in ring { x0 = min(x0, p.x); x1 = max(x1, p.x); y0 = min(y0, p.y); y1 = max(y1, p.y) }
        return x1 >= r.x && x0 <= r.maxX && y1 >= r.y && y0 <= r.maxY
    }

    static func inside(_ p: Point, _ r: Rect) -> Bool {
        p.x >= r.x && p.x <= r.maxX && p.y >= r.y && p.y <= r.maxY
    }

    /// Inside one side of `r`: 0 left, 1 right, 2 top, 3 bottom.
    private static func inside(_ p: Point, _ side: Int, _ r: Rect) -> Bool {
        switch side {
        case 0: return p.x >= r.x
        case 1: return p.x <= r.maxX
        case 2: return p.y >= r.y
        default: return p.y <= r.maxY
        }
    }

    /// Where the segment from `a` to `b` crosses the line of `side` (they lie on either side of it).
    private static func crossing(_ a: Point, _ b: Point, _ side: Int, _ r: Rect) -> Point {
        switch side {
        case 0, 1:
            let x = side == 0 ? r.x : r.maxX
            let t = (x - a.x) / (b.x - a.x)
            return Point(x: x, y: a.y + t * (b.y - a.y))
        default:
            let y = side == 2 ? r.y : r.maxY
            let t = (y - a.y) / (b.y - a.y)
            return Point(x: a.x + t * (b.x - a.x), y: y)
        }
    }
}
