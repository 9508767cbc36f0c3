import Aggregator
import Foundation
import Geo
import Gazetteer

// The extent a map is fitted to (the cartography issue, "An extent that holds"): the theatre is the
// cluster of claimed and named places, robust to a stray place on another continent, and never
// narrower than a reader can place on a mental map.
extension MapBuilder {
    /// The places that set the extent: those named at town or district precision when there are
    /// any, so that a large province named in passing does not pull the map away.
    static func extentPlaces(_ shown: [PlaceSummary]) -> [PlaceSummary] {
        let fine = shown.filter { $0.precision <= .district && $0.kind != .mountainRange }
        return fine.isEmpty ? shown : fine
    }

    /// The places the map is about: those with claims, and the others named near them. A place far
    /// from every claimed one (Washington or Brussels in a report on Pokrovsk) would shrink the
    /// fighting to a dot; it is left off and named in the attribution line. With no claims, every
    /// place counts. Either way, a group of places far from the main one is left out (`clustered`).
    static func theatre(_ shown: [PlaceSummary], claims: [Claim]) -> [PlaceSummary] {
        let candidates = extentPlaces(shown)
        let claimed = Set(claims.filter { !$0.denied }.map(\.place))
        let core = candidates.filter { claimed.contains($0.id) }
        guard !core.isEmpty, core.count < candidates.count, let box = BoundingBox(covering: core.map(\.coordinate)) else {
            return clustered(candidates, claimed: claimed)
        }
        let diagonal = Geodesy.greatCircleDistance(Coordinate(latitude: box.south, longitude: box.west),
                                                   Coordinate(latitude: box.north, longitude: box.east))
        let reach = max(theatreReach, diagonal)
        return clustered(candidates.filter { p in
            claimed.contains(p.id) || core.contains { Geodesy.greatCircleDistance($0.coordinate, p.coordinate) <= reach }
        }, claimed: claimed)
    }

    /// How far (in metres) from the places with claims another named place still sets the extent.
    static let theatreReach = 400_000.0

    /// Places closer than this (in metres) to one another, directly or through a chain of places,
    /// form one group; a group is left out of the extent when it weighs less than `minorShare` of
    /// the heaviest one.
    static let clusterGap = 1_500_000.0
    static let minorShare = 0.34

    /// The places of the heaviest group and of groups nearly as heavy. A place weighs its mentions,
    /// and three times as much when a claim names it: two places of like weight both stay, while a
    /// town named once beside one named fifteen times does not set the extent.
    static func clustered(_ places: [PlaceSummary], claimed: Set<String>) -> [PlaceSummary] {
        guard places.count >= 2 else { return places }
        let weight: (PlaceSummary) -> Double = { Double(max(1, $0.mentions)) * (claimed.contains($0.id) ? 3 : 1) }
        // Single linkage over the heaviest places (at most `linkLimit`, so the cost stays bounded);
        // a lighter place joins the group of the nearest heavy place within the gap.
        let byWeight = places.sorted { (weight($0), $1.id) > (weight($1), $0.id) }
        let heavy = Array(byWeight.prefix(linkLimit))
        var group = Array(heavy.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while group[i] != i { group[i] = group[group[i]]; i = group[i] }
            return i
        }
        for i in heavy.indices {
            for j in heavy.indices where j > i && root(i) != root(j) {
                if Geodesy.greatCircleDistance(heavy[i].coordinate, heavy[j].coordinate) <= clusterGap { group[root(j)] = root(i) }
            }
        }
        var groupOf: [String: Int] = [:]
        for (i, p) in heavy.enumerated() { groupOf[p.id] = root(i) }
        for p in byWeight.dropFirst(heavy.count) {
            let nearest = heavy.indices.min { Geodesy.greatCircleDistance(heavy[$0].coordinate, p.coordinate)
                < Geodesy.greatCircleDistance(heavy[$1].coordinate, p.coordinate) }
            if let n = nearest, Geodesy.greatCircleDistance(heavy[n].coordinate, p.coordinate) <= clusterGap { groupOf[p.id] = root(n) }
        }
        var totals: [Int: Double] = [:]
        for p in places { if let g = groupOf[p.id] { totals[g, default: 0] += weight(p) } }
        guard let heaviest = totals.values.max(), totals.count > 1 else { return places }
        return places.filter { p in groupOf[p.id].flatMap { totals[$0] }.map { $0 >= minorShare * heaviest } ?? false }
    }

    static let linkLimit = 300

    /// The smallest extent, in degrees of latitude: about 160 km, so that a one-town map shows the
    /// towns around it (100–200 km once fitted to the canvas).
    static let minimumSpan = 1.45

    /// The smallest extent of a theatre of two places or more, in degrees of latitude (about 55 km):
    /// the places themselves then fill a good part of the map (issue 13, "markers and labels span
    /// at least 40% of the canvas"), and a reader still sees the towns between and around them.
    static let clusterMinimumSpan = 0.5

    /// Places closer than this (in degrees) count as one for the extent: a town and its suburb are
    /// a one-town map.
    static let samePlace = 0.05

    /// The largest outline (in degrees of latitude; twice that of longitude) that sets the extent:
    /// a district or small province claimed as a whole (Panjshir), not one larger than the map
    /// (Amhara, North Kivu).
    static let largestClaimedArea = 1.5

    /// The box the extent is fitted to: the theatre's places and, when there are two or more, the
    /// outlines of the districts and small provinces near them claimed as a whole, which the map
    /// shades: they are data too, and should not run off the map.
    static func theatreBox(_ shown: [PlaceSummary], claims: [Claim], boundaries: BoundarySet) -> BoundingBox? {
        guard let box = BoundingBox(coveringShortest: theatre(shown, claims: claims).map(\.coordinate)) else { return nil }
        guard box.north - box.south >= samePlace || box.east - box.west >= samePlace else { return box }
        let whole = Set(claims.filter { !$0.denied && !$0.partial }.map(\.place))
        let near = box.padded(by: 0, atLeast: 0.5)
        var corners = [Coordinate(latitude: box.south, longitude: box.west), Coordinate(latitude: box.north, longitude: box.east)]
        for p in shown where (p.precision == .district || p.precision == .province) && whole.contains(p.id) {
            guard let outline = boundaries[p.id].map(shortestBox), outline.north - outline.south <= largestClaimedArea,
                  outline.east - outline.west <= 2 * largestClaimedArea, outline.south <= near.north, outline.north >= near.south,
                  outline.west <= near.east, outline.east >= near.west else { continue }
            corners += [Coordinate(latitude: outline.south, longitude: outline.west), Coordinate(latitude: outline.north, longitude: outline.east)]
        }
        return BoundingBox(coveringShortest: corners)
    }

    /// The extent of a theatre whose places `box` covers. One place (or places a few kilometres
    /// apart) gets `minimumSpan` of context; a cluster of places is padded in proportion, by a
    /// margin for their labels, to at least `clusterMinimumSpan`.
    static func theatreExtent(_ box: BoundingBox) -> BoundingBox {
        let single = box.north - box.south < samePlace && box.east - box.west < samePlace
        if single { return atLeastMinimum(box.padded(by: 0.22, atLeast: 0.35)) }
        return atLeastMinimum(box.padded(by: 0.22, atLeast: 0.1), span: clusterMinimumSpan)
    }

    /// The box widened about its centre to `span` degrees of latitude (and as many kilometres of
    /// longitude) where it is narrower.
    static func atLeastMinimum(_ box: BoundingBox, span minimumSpan: Double = minimumSpan) -> BoundingBox {
        let midLat = (box.north + box.south) / 2, midLon = (box.east + box.west) / 2
        let dLat = max(box.north - box.south, minimumSpan) / 2
        let lonSpan = minimumSpan / max(0.2, cos(midLat * .pi / 180))
        let dLon = max(box.east - box.west, lonSpan) / 2
        // (Past the antimeridian the box crosses it: see `BoundingBox.padded`.)
        let narrow = BoundingBox(south: midLat, west: midLon, north: midLat, east: midLon)
        let wide = BoundingBox(south: max(-89.9, midLat - dLat), west: midLon - dLon, north: min(89.9, midLat + dLat), east: midLon + dLon)
        guard wide.west < -180 || wide.east > 180 else { return wide }
        var out = narrow.padded(by: 0, atLeast: dLon)
        out.south = wide.south
        out.north = wide.north
        return out
    }
}
