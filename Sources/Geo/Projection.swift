import Foundation

/// A point in projected map space, in metres east and north of the projection origin.
public struct ProjectedPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A conformal (shape-preserving) projection of the WGS84 ellipsoid, chosen to suit a map's extent.
///
/// Mid-latitude extents use Lambert conformal conic with standard parallels at one sixth and
/// five sixths of the extent; extents near the equator use Mercator, which the cone tends to there.
public struct ConformalProjection: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Lambert conformal conic with two standard parallels, in degrees.
        case lambertConic(standardParallels: (Double, Double))
        /// Mercator on the ellipsoid.
        case mercator

        public static func == (l: Kind, r: Kind) -> Bool {
            switch (l, r) {
            case (.mercator, .mercator): return true
            case let (.lambertConic(a), .lambertConic(b)): return a.0 == b.0 && a.1 == b.1
            default: return false
            }
        }
        public func hash(into h: inout Hasher) {
            switch self {
            case .mercator: h.combine(0)
            case .lambertConic(let p): h.combine(p.0); h.combine(p.1)
            }
        }
    }

    public let kind: Kind
    /// The central meridian and latitude of origin.
    public let origin: Coordinate

    private let e: Double
    private let n: Double
    private let aF: Double
    private let rho0: Double

    /// A projection suited to a latitude/longitude extent.
    public init(suitedTo box: BoundingBox) {
        let span = box.north - box.south
        let p1 = box.south + span / 6
        let p2 = box.north - span / 6
        var center = box.center
        // (A box across the antimeridian has its centre past 180°: the same meridian a turn back.)
        if center.longitude > 180 { center = Coordinate(latitude: center.latitude, longitude: center.longitude - 360) }
        if p1 * p2 > 0 && min(abs(p1), abs(p2)) >= 3 {
            self.init(lambertConicWithParallels: p1, p2, origin: center)
        } else {
            self.init(mercatorAbout: center)
        }
    }

    /// Lambert conformal conic with the given standard parallels (degrees, same hemisphere).
    public init(lambertConicWithParallels p1: Double, _ p2: Double, origin: Coordinate) {
        let e = (2 * Geodesy.flattening - Geodesy.flattening * Geodesy.flattening).squareRoot()
        let phi1 = p1 * .pi / 180, phi2 = p2 * .pi / 180, phi0 = origin.latitude * .pi / 180
        let m1 = Self.m(phi1, e), m2 = Self.m(phi2, e)
        let t1 = Self.t(phi1, e), t2 = Self.t(phi2, e), t0 = Self.t(phi0, e)
        let n = abs(phi1 - phi2) < 1e-10 ? sin(phi1) : (log(m1) - log(m2)) / (log(t1) - log(t2))
        let F = m1 / (n * pow(t1, n))
        self.kind = .lambertConic(standardParallels: (p1, p2))
        self.origin = origin
        self.e = e
        self.n = n
        self.aF = Geodesy.semiMajorAxis * F
        self.rho0 = Geodesy.semiMajorAxis * F * pow(t0, n)
    }

    /// Mercator centred on the given meridian; `origin.latitude` sets the false northing.
    public init(mercatorAbout origin: Coordinate) {
        let e = (2 * Geodesy.flattening - Geodesy.flattening * Geodesy.flattening).squareRoot()
        self.kind = .mercator
        self.origin = origin
        self.e = e
        self.n = 0
        self.aF = Geodesy.semiMajorAxis
        self.rho0 = -Geodesy.semiMajorAxis * log(Self.t(origin.latitude * .pi / 180, e))
    }

    /// Projects a coordinate to metres on the map plane.
    public func project(_ c: Coordinate) -> ProjectedPoint {
        let lat = max(-89.5, min(89.5, c.latitude))
        let phi = lat * .pi / 180
        var dLon = c.longitude - origin.longitude
        if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
        let lambda = dLon * .pi / 180
        switch kind {
        case .mercator:
            let y = -Geodesy.semiMajorAxis * log(Self.t(phi, e))
            return ProjectedPoint(x: Geodesy.semiMajorAxis * lambda, y: y - rho0)
        case .lambertConic:
            let rho = aF * pow(Self.t(phi, e), n)
            let theta = n * lambda
            return ProjectedPoint(x: rho * sin(theta), y: rho0 - rho * cos(theta))
        }
    }

    /// Turns a point on the map plane back into a coordinate.
    public func unproject(_ p: ProjectedPoint) -> Coordinate {
        let t: Double
        let lambda: Double
        switch kind {
        case .mercator:
            t = exp(-(p.y + rho0) / Geodesy.semiMajorAxis)
            lambda = p.x / Geodesy.semiMajorAxis
        case .lambertConic:
            let sign: Double = n < 0 ? -1 : 1
            let rho = sign * (p.x * p.x + (rho0 - p.y) * (rho0 - p.y)).squareRoot()
            t = pow(rho / aF, 1 / n)
            let theta = atan2(sign * p.x, sign * (rho0 - p.y))
            lambda = theta / n
        }
        var phi = .pi / 2 - 2 * atan(t)
        for _ in 0..<15 {
            let es = e * sin(phi)
            let next = .pi / 2 - 2 * atan(t * pow((1 - es) / (1 + es), e / 2))
            if abs(next - phi) < 1e-12 { phi = next; break }
            phi = next
        }
        var lon = origin.longitude + lambda * 180 / .pi
        if lon > 180 { lon -= 360 } else if lon < -180 { lon += 360 }
        return Coordinate(latitude: phi * 180 / .pi, longitude: lon)
    }

    public var description: String {
        switch kind {
        case .mercator:
            return "Mercator, central meridian \(formatDegrees(origin.longitude))°"
        case .lambertConic(let p):
            return "Lambert conformal conic, parallels \(formatDegrees(p.0))° and \(formatDegrees(p.1))°, central meridian \(formatDegrees(origin.longitude))°"
        }
    }

    public static func == (l: Self, r: Self) -> Bool { l.kind == r.kind && l.origin == r.origin }
    public func hash(into h: inout Hasher) { h.combine(kind); h.combine(origin) }

    private static func m(_ phi: Double, _ e: Double) -> Double {
        cos(phi) / (1 - e * e * sin(phi) * sin(phi)).squareRoot()
    }

    private static func t(_ phi: Double, _ e: Double) -> Double {
        let es = e * sin(phi)
        return tan(.pi / 4 - phi / 2) / pow((1 - es) / (1 + es), e / 2)
    }
}
