/// Planar operations on GeoJSON polygon rings, in degrees (adequate for containment tests).
public enum PolygonMath {
    /// Whether a point lies inside a polygon given as rings (outer ring first, then holes).
    public static func contains(_ rings: [[Coordinate]], _ p: Coordinate) -> Bool {
        guard let outer = rings.first, ringContains(outer, p) else { return false }
        for hole in rings.dropFirst() where ringContains(hole, p) { return false }
        return true
    }

    /// Even–odd ray casting over one ring.
    public static func ringContains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.latitude > p.latitude) != (b.latitude > p.latitude) {
                let x = (b.longitude - a.longitude) * (p.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude
                if p.longitude < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }
}
