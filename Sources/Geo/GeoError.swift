/// What went wrong in the Geo module: invalid coordinates, projections or GeoJSON.
public enum GeoError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidCoordinate(String)
    case invalidBoundingBox(String)
    case invalidProjection(String)
    /// GeoJSON or JSON that could not be read; `location` says where (e.g. "line 12, column 5").
    case invalidJSON(location: String, reason: String)
    case invalidGeoJSON(location: String, reason: String)
    /// A file could not be written; nothing was changed.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidCoordinate(let m): return "invalid coordinate: \(m)"
        case .invalidBoundingBox(let m): return "invalid bounding box: \(m)"
        case .invalidProjection(let m): return "cannot project: \(m)"
        case .invalidJSON(let loc, let reason): return "\(loc): not valid JSON: \(reason)"
        case .invalidGeoJSON(let loc, let reason): return "\(loc): not valid GeoJSON: \(reason)"
        case .cannotWrite(let path, let reason): return "\(path): \(reason)"
        }
    }
}
