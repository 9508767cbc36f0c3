import Foundation

/// A position on the WGS84 ellipsoid, in decimal degrees.
///
/// GeoJSON orders positions `[longitude, latitude]`; this type names them so that the order
/// can never be confused in code.
public struct Coordinate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Degrees north of the equator, from -90 to 90.
    public var latitude: Double
    /// Degrees east of Greenwich, from -180 to 180.
    public var longitude: Double

    /// Makes a coordinate without checking its range; use ``validated(latitude:longitude:)`` for input.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Makes a coordinate from user input, refusing values that are not finite or out of range.
    public static func validated(latitude: Double, longitude: Double) throws(GeoError) -> Coordinate {
        guard latitude.isFinite, longitude.isFinite else {
            throw .invalidCoordinate("latitude \(latitude), longitude \(longitude) is not a number")
        }
        guard (-90...90).contains(latitude) else {
            throw .invalidCoordinate("latitude \(latitude) is outside -90…90 (are latitude and longitude swapped?)")
        }
        guard (-180...180).contains(longitude) else {
            throw .invalidCoordinate("longitude \(longitude) is outside -180…180")
        }
        return Coordinate(latitude: latitude, longitude: longitude)
    }

    /// Whether both values are finite and within range.
    public var isValid: Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }

    public var description: String {
        let ns = latitude >= 0 ? "N" : "S"
        let ew = longitude >= 0 ? "E" : "W"
        return "\(formatDegrees(abs(latitude)))°\(ns) \(formatDegrees(abs(longitude)))°\(ew)"
    }
}

func formatDegrees(_ value: Double) -> String {
    let scaled = (value * 10_000).rounded() / 10_000
    return "\(scaled)"
}

/// A latitude/longitude rectangle. One that crosses the antimeridian (Fiji, Chukotka) has its
/// east past 180° (`west` 177, `east` 181.5 for 177°E to 178.5°W); `west` stays within -180…180.
/// `contains` and `intersects` treat longitudes 360° apart as the same.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var south: Double
    public var west: Double
    public var north: Double
    public var east: Double

    public init(south: Double, west: Double, north: Double, east: Double) {
        self.south = south
        self.west = west
        self.north = north
        self.east = east
    }

    /// The smallest box holding all the coordinates, or `nil` when there are none.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(south: first.latitude, west: first.longitude, north: first.latitude, east: first.longitude)
        while let c = iterator.next() { box.extend(c) }
        self = box
    }

    /// The smallest box holding all the coordinates along the shorter way round: it crosses the
    /// antimeridian when that is narrower (places on both sides of 180°), and is the same as
    /// `init(covering:)` otherwise. `nil` when there are none.
    public init?<S: Sequence>(coveringShortest coordinates: S) where S.Element == Coordinate {
        let all = Array(coordinates)
        guard var box = BoundingBox(covering: all) else { return nil }
        let longitudes = all.map(\.longitude).sorted()
        // The widest gap between neighbouring longitudes; the box is the rest of the circle.
        var widest = 360 - (box.east - box.west), after = 0
        for i in longitudes.indices.dropFirst() where longitudes[i] - longitudes[i - 1] > widest {
            widest = longitudes[i] - longitudes[i - 1]
            after = i
        }
        if after > 0 {
            box.west = longitudes[after]
            box.east = longitudes[after - 1] + 360
        }
        self = box
    }

    /// Whether the box reaches past 180° east.
    public var crossesAntimeridian: Bool { east > 180 }

    /// Parses `west,south,east,north` (the GeoJSON `bbox` order), as given on a command line; a west
    /// greater than the east crosses the antimeridian, as RFC 7946 writes such a box.
    public init(parsing text: String) throws(GeoError) {
        let parts = text.split(separator: ",").map { Double($0.trimmedSpaces) }
        guard parts.count == 4, let w = parts[0], let s = parts[1], let e = parts[2], let n = parts[3] else {
            throw .invalidBoundingBox("'\(text)' is not four numbers west,south,east,north (e.g. 69,34.8,70.6,35.9)")
        }
        _ = try Coordinate.validated(latitude: s, longitude: w)
        _ = try Coordinate.validated(latitude: n, longitude: e)
        // West east of east: the box crosses the antimeridian ("177,-22,-174,-15": Fiji to Tonga),
        // when it then spans less than half the world; wider, west and east were swapped.
        guard s < n, w < e || (w > e && e + 360 - w <= 180) else {
            throw .invalidBoundingBox("'\(text)': south must be below north and west left of east (or, across the antimeridian, at most 180° from it)")
        }
        self.init(south: s, west: w, north: n, east: w < e ? e : e + 360)
    }

    public mutating func extend(_ c: Coordinate) {
        south = min(south, c.latitude)
        north = max(north, c.latitude)
        west = min(west, c.longitude)
        east = max(east, c.longitude)
    }

    public mutating func extend(_ other: BoundingBox) {
        south = min(south, other.south)
        north = max(north, other.north)
        west = min(west, other.west)
        east = max(east, other.east)
    }

    public var center: Coordinate {
        Coordinate(latitude: (south + north) / 2, longitude: (west + east) / 2)
    }

    public func contains(_ c: Coordinate) -> Bool {
        guard c.latitude >= south && c.latitude <= north else { return false }
        return (c.longitude >= west && c.longitude <= east) || (c.longitude + 360 >= west && c.longitude + 360 <= east)
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        guard !(other.south > north || other.north < south) else { return false }
        if !(other.west > east || other.east < west) { return true }
        // Across the antimeridian: the same longitudes a turn apart.
        return !(other.west + 360 > east || other.east + 360 < west) || !(other.west - 360 > east || other.east - 360 < west)
    }

    /// The box grown on every side by a fraction of its size, with a floor in degrees.
    public func padded(by fraction: Double, atLeast minimumDegrees: Double = 0) -> BoundingBox {
        let dLat = max((north - south) * fraction, minimumDegrees)
        let dLon = max((east - west) * fraction, minimumDegrees)
        // Near the antimeridian the box may cross it rather than stop at it.
        let nearAntimeridian = west - dLon < -180 || east + dLon > 180
        guard nearAntimeridian, east - west + 2 * dLon < 360 else {
            return BoundingBox(
                south: max(-89.9, south - dLat), west: max(-180, west - dLon),
                north: min(89.9, north + dLat), east: min(180, east + dLon))
        }
        let shift = west - dLon < -180 ? 360.0 : 0
        return BoundingBox(south: max(-89.9, south - dLat), west: west - dLon + shift,
                           north: min(89.9, north + dLat), east: east + dLon + shift)
    }
}
