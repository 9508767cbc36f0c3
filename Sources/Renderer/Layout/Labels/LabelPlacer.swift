/// The placement finder: greedy, collision-free label placement. For each label it tries the
/// candidate boxes its ``LabelPlacementPolicy`` gives, in order, and takes the first that lies on
/// the canvas and that the ``CollisionGrid`` finds free.
struct LabelPlacer {
    let canvas: Rect
    let policy: LabelPlacementPolicy
    private var collisions: CollisionGrid

    init(canvas: Rect, fixed: [Rect], policy: LabelPlacementPolicy = .standard) {
        self.canvas = canvas
        self.policy = policy
        self.collisions = CollisionGrid(fixed)
    }

    /// Whether a box lies on the canvas and meets nothing placed or fixed.
    func isAvailable(_ r: Rect) -> Bool { canvas.contains(r) && collisions.isFree(r) }

    /// Records a box as taken (a context town's dot), without looking for a place.
    mutating func reserve(_ r: Rect) { collisions.insert(r) }

    /// Finds a free box of `size` near the anchor (a label `radius` from it), records it, and
    /// returns it; `nil` when none is free.
    mutating func place(size: Rect, around a: Point, radius: Double, _ placement: LabelPlacementPolicy.Placement) -> Rect? {
        for c in policy.candidates(size, around: a, radius: radius, placement) where isAvailable(c) {
            collisions.insert(c)
            return c
        }
        return nil
    }
}
