import Geo

/// The sizes and extents a map can be drawn at, checked before anything is built or drawn.
///
/// A size that is not a number, or so large that Cairo cannot allocate it, or an extent so small
/// that the scale bar and the label grid degenerate, would otherwise trap or exhaust memory deep
/// inside the renderer. Every limit is stated here, once, with its reason.
public enum MapLimits {
    /// The smallest canvas that holds the title, legend and scale bar, in points.
    public static let smallestSize = (width: 200.0, height: 150.0)
    /// The largest canvas side in points (SVG and PDF); 14,400 pt is the PDF format's own limit (200 in).
    public static let largestSide = 14_400.0
    /// Cairo's largest image side in pixels.
    public static let largestPixelSide = 32_767.0
    /// The most pixels a PNG may have: 120 million, 480 MB of ARGB while it is drawn.
    public static let largestPixelCount = 120_000_000.0
    /// PNG pixel scales.
    public static let scales: ClosedRange<Double> = 0.1...8
    /// The narrowest extent, in degrees of latitude or longitude: about 100 m.
    public static let narrowestExtent = 0.001

    /// Checks a canvas size in points.
    public static func check(width: Double, height: Double) throws(RendererError) {
        guard width.isFinite, height.isFinite else {
            throw RendererError(reason: "the map size \(width)×\(height) is not a number", hint: "give a width and height in points, e.g. 1600×1200")
        }
        guard width >= smallestSize.width, height >= smallestSize.height else {
            throw RendererError(reason: "a map of \(describe(width))×\(describe(height)) is too small to hold its legend",
                                hint: "use at least \(Int(smallestSize.width))×\(Int(smallestSize.height))")
        }
        guard width <= largestSide, height <= largestSide else {
            throw RendererError(reason: "a map of \(describe(width))×\(describe(height)) is larger than \(Int(largestSide)) points a side",
                                hint: "draw it smaller and scale the PNG instead")
        }
    }

    /// Checks a PNG's scale and the pixel size it gives a canvas of `width`×`height` points.
    public static func check(width: Double, height: Double, scale: Double) throws(RendererError) {
        try check(width: width, height: height)
        guard scale.isFinite, scales.contains(scale) else {
            throw RendererError(reason: "the PNG scale \(scale) is outside \(scales.lowerBound)…\(scales.upperBound)")
        }
        let w = (width * scale).rounded(), h = (height * scale).rounded()
        guard w <= largestPixelSide, h <= largestPixelSide, w * h <= largestPixelCount else {
            throw RendererError(reason: "a PNG of \(describe(w))×\(describe(h)) pixels is larger than Cairo can draw here "
                                    + "(at most \(Int(largestPixelSide)) pixels a side and \(Int(largestPixelCount / 1_000_000)) million in all)",
                                hint: "use a smaller size or scale, or draw SVG or PDF")
        }
    }

    /// Checks a fixed extent.
    public static func check(extent box: BoundingBox) throws(RendererError) {
        let values = [box.south, box.west, box.north, box.east]
        // (A box across the antimeridian has its east past 180°, at most a turn from its west.)
        guard values.allSatisfy(\.isFinite), box.south >= -90, box.north <= 90, box.west >= -180, box.west <= 180,
              box.east <= 180 || (box.west < box.east && box.east - box.west <= 360) else {
            throw RendererError(reason: "the extent \(box.west),\(box.south),\(box.east),\(box.north) is not inside -180…180, -90…90")
        }
        guard box.north - box.south >= narrowestExtent, box.east - box.west >= narrowestExtent else {
            throw RendererError(reason: "the extent \(box.west),\(box.south),\(box.east),\(box.north) is narrower than \(narrowestExtent)° (about 100 m)",
                                hint: "give a wider west,south,east,north")
        }
    }

    /// A size for a message: whole numbers as such, others as written.
    static func describe(_ v: Double) -> String {
        v.isFinite && v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

extension MapOptions {
    /// Checks the canvas size and any fixed extent (``MapLimits``).
    public func validate() throws(RendererError) {
        try MapLimits.check(width: width, height: height)
        if let boundingBox { try MapLimits.check(extent: boundingBox) }
    }
}
