import Foundation

/// Measures text with Pango on a scratch surface, exactly as it will be drawn.
final class TextMeasurer {
    let cache: LayoutCache

    init() throws(RendererError) {
        cache = LayoutCache(try CairoContext(try CairoSurface(imageWidth: 8, height: 8)))
    }

    func size(_ text: String, font: String, pixelSize: Double, wrapWidth: Double? = nil, alignCenter: Bool = false) -> Rect {
        let layout = cache.layout(text, font: font, pixelSize: pixelSize, alignCenter: alignCenter)
        if let wrapWidth { layout.wrap(width: wrapWidth) }
        let r = layout.logicalRect
        return Rect(x: 0, y: 0, width: r.width, height: r.height)
    }
}

/// Greedy, collision-free label placement: candidate positions around each anchor in order of preference.
struct LabelPlacer {
    let canvas: Rect
    /// Occupied boxes, bucketed in a grid of `cell`-pixel squares for fast collision tests.
    private var occupied: [Rect] = []
    private var grid: [Int: [Int32]] = [:]
    private let cell = 64.0

    init(canvas: Rect, fixed: [Rect]) {
        self.canvas = canvas
        for r in fixed { occupy(r) }
    }

    private func cells(_ r: Rect) -> [Int] {
        let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
        let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
        var out: [Int] = []
        for y in max(-2, y0)...min(4096, max(y0, y1)) {
            for x in max(-2, x0)...min(4096, max(x0, x1)) { out.append((y + 8) * 8192 + (x + 8)) }
        }
        return out
    }

    private mutating func occupy(_ r: Rect) {
        occupied.append(r)
        let index = Int32(occupied.count - 1)
        for c in cells(r) { grid[c, default: []].append(index) }
    }

    private func isFree(_ r: Rect) -> Bool {
        for c in cells(r) {
            for i in grid[c] ?? [] where occupied[Int(i)].intersects(r) { return false }
        }
        return true
    }

    /// Whether a box lies on the canvas and meets nothing placed or fixed.
    func isAvailable(_ r: Rect) -> Bool { canvas.contains(r) && isFree(r) }

    /// Records a box as taken (a context town's dot), without looking for a place.
    mutating func reserve(_ r: Rect) { occupy(r) }

    /// Finds a free box of `size` near the anchor, records it, and returns it; `nil` when none is free.
    mutating func place(size: Rect, around a: Point, radius: Double, centered: Bool, leader: Bool) -> Rect? {
        let w = size.width, h = size.height
        let gap = radius + 4
        var candidates: [Rect] = []
        if centered {
            for (dx, dy) in [(0.0, 0.0), (0, -0.8), (0, 0.8), (-0.6, 0), (0.6, 0), (0, -1.6), (0, 1.6)] {
                candidates.append(Rect(x: a.x - w / 2 + dx * w, y: a.y - h / 2 + dy * h, width: w, height: h))
            }
        } else if !leader {
            // Right, left, above, below, then the four corners.
            candidates = [
                Rect(x: a.x + gap, y: a.y - h / 2, width: w, height: h),
                Rect(x: a.x - gap - w, y: a.y - h / 2, width: w, height: h),
                Rect(x: a.x - w / 2, y: a.y - gap - h, width: w, height: h),
                Rect(x: a.x - w / 2, y: a.y + gap, width: w, height: h),
                Rect(x: a.x + gap * 0.7, y: a.y - gap * 0.7 - h, width: w, height: h),
                Rect(x: a.x - gap * 0.7 - w, y: a.y - gap * 0.7 - h, width: w, height: h),
                Rect(x: a.x + gap * 0.7, y: a.y + gap * 0.7, width: w, height: h),
                Rect(x: a.x - gap * 0.7 - w, y: a.y + gap * 0.7, width: w, height: h),
            ]
        } else {
            for distance in [gap + 22, gap + 40, gap + 65, gap + 95] {
                for k in 0..<16 {
                    let angle = Double(k) * .pi / 8
                    let cx = a.x + cos(angle) * distance, cy = a.y - sin(angle) * distance
                    let x = cos(angle) >= 0 ? cx : cx - w
                    candidates.append(Rect(x: x, y: cy - h / 2, width: w, height: h))
                }
            }
        }
        for c in candidates where canvas.contains(c) && isFree(c) {
            occupy(c)
            return c
        }
        return nil
    }
}
