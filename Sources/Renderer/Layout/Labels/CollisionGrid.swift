/// The collision detector: the boxes taken on the canvas (furniture, markers, labels placed so
/// far), bucketed in a grid of `cell`-pixel squares so that a box is tested only against those
/// near it. It knows nothing of where labels should go (``LabelPlacementPolicy``) or of trying
/// positions (``LabelPlacer``).
struct CollisionGrid {
    private var occupied: [Rect] = []
    private var grid: [Int: [Int32]] = [:]
    private let cell = 64.0

    init(_ fixed: [Rect] = []) {
        for r in fixed { insert(r) }
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

    /// Records a box as taken.
    mutating func insert(_ r: Rect) {
        occupied.append(r)
        let index = Int32(occupied.count - 1)
        for c in cells(r) { grid[c, default: []].append(index) }
    }

    /// Whether a box meets nothing taken.
    func isFree(_ r: Rect) -> Bool {
        for c in cells(r) {
            for i in grid[c] ?? [] where occupied[Int(i)].intersects(r) { return false }
        }
        return true
    }
}
