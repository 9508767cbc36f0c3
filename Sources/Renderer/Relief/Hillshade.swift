import Foundation
import Geo

/// The relief under a map, ready to paint: hill shadows as a premultiplied ARGB32 image, one
/// pixel per `scale` canvas units, covering the whole canvas.
struct ReliefImage: Sendable {
    let width: Int
    let height: Int
    /// Canvas units per image pixel.
    let scale: Double
    /// Premultiplied ARGB32 pixels, row by row from the top-left.
    let pixels: [UInt32]
}

/// Hill shading from the GMTED2010 grid (``ReliefGrid``): the standard hillshade (light from the
/// north-west, azimuth 315°, 45° above the horizon; Horn's slopes in metres over the cell's size
/// in metres at its latitude), kept only where it is darker than flat ground, so the layer holds
/// shadows and nothing else and is painted as a quiet tint of the theme's relief colour.
///
/// Only at regional scales: a cell is 4′ (about 7 km), so a valley narrower than that (the
/// Panjshir's) is not in the grid at all; below ``viewRange`` the cells would show as blurred
/// blocks that suggest terrain the data does not have, and above it the shading is noise.
enum Hillshade {
    /// The map views (km across the canvas's middle) that get relief.
    static let viewRange: ClosedRange<Double> = 80...3000
    /// The light: from the north-west (clockwise from north), 45° up.
    static let azimuth = 315.0
    static let altitude = 45.0
    /// Vertical exaggeration: 7 km cells average the slopes away; this brings ranges back. 4 up
    /// to a 400 km view, then growing with the square root of the view, to 10 at 2,500 km: a
    /// range a few pixels wide needs steeper slopes to show at all.
    static func exaggeration(viewKm: Double) -> Double { min(10, max(4, 4 * (viewKm / 400).squareRoot())) }
    /// Shadows fainter than this (of the darkest) are left out: gentle slopes keep the land's
    /// colour, which keeps plains clean and the PNG small.
    static let faintest = 0.06
    /// Canvas units per image pixel (Cairo scales the image up with a smooth filter): about a
    /// sixth of a cell, from 2 (a 3,000 km view, 4 px cells) to 8 (a view under 250 km).
    static func step(cellPixels: Double) -> Double { min(8, max(2, cellPixels / 6)) }
    /// The most pixels the image may have (16 MB): a huge canvas gets a coarser image.
    static let largestImage = 4_000_000.0
    /// Image pixels between the points that are unprojected exactly; others are interpolated.
    static let lattice = 16

    /// The shadows over the whole canvas of `model`, in `colour` (its alpha is the darkest);
    /// `nil` when the grid does not cover the view or a tile of it is unreadable.
    static func image(for model: MapModel, grid: ReliefGrid, colour: RGBA) -> ReliefImage? {
        let viewKm = MapBuilder.viewKilometres(model)
        let kmPerPixel = viewKm / max(model.width, 1)
        let step = max(step(cellPixels: grid.degreesPerCell * 111.2 / max(kmPerPixel, 1e-9)),
                       (model.width * model.height / largestImage).squareRoot())
        guard step.isFinite, step >= 1, viewKm.isFinite else { return nil }
        let iw = Int((model.width / step).rounded(.up)), ih = Int((model.height / step).rounded(.up))
        guard iw > 0, ih > 0, let cells = CellLattice(model, grid: grid, step: step, imageWidth: iw, imageHeight: ih),
              [cells.minX, cells.maxX, cells.minY, cells.maxY].allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { return nil }
        let cmin = Int(cells.minX.rounded(.down)) - 1, cmax = Int(cells.maxX.rounded(.up)) + 2
        let rmin = max(0, Int(cells.minY.rounded(.down)) - 1), rmax = min(grid.height, Int(cells.maxY.rounded(.up)) + 2)
        guard rmin < rmax, cmax - cmin < 4 * grid.width, (cmax - cmin) * (rmax - rmin) <= 4_000_000,
              let window = grid.window(columns: cmin..<cmax, rows: rmin..<rmax) else { return nil }
        let shadow = shadows(window, grid: grid, exaggeration: exaggeration(viewKm: viewKm))
        return ReliefImage(width: iw, height: ih, scale: step,
                           pixels: paint(cells, shadow: shadow, window: window, width: iw, height: ih, colour: colour))
    }

    /// Each window cell's shadow, 0 (as lit as flat ground, or more, or only faintly darker) to 1
    /// (facing away from the light).
    static func shadows(_ w: ReliefWindow, grid: ReliefGrid, exaggeration: Double) -> [Float] {
        let az = azimuth * .pi / 180, alt = altitude * .pi / 180
        let lx = sin(az) * cos(alt), ly = cos(az) * cos(alt), lz = sin(alt)
        var out = [Float](repeating: 0, count: w.width * w.height)
        let m = w.metres
        func z(_ x: Int, _ y: Int) -> Double {
            Double(m[min(max(y, 0), w.height - 1) * w.width + min(max(x, 0), w.width - 1)])
        }
        for y in 0..<w.height {
            let latitude = grid.north - (Double(w.row0 + y) + 0.5) * grid.degreesPerCell
            let dx = max(grid.degreesPerCell * 111_320 * cos(latitude * .pi / 180), 1)
            let dy = grid.degreesPerCell * 110_574
            for x in 0..<w.width {
                // Horn: a b c / d e f / g h i, north at the top.
                let a = z(x - 1, y - 1), b = z(x, y - 1), c = z(x + 1, y - 1)
                let d = z(x - 1, y), f = z(x + 1, y)
                let g = z(x - 1, y + 1), h = z(x, y + 1), i = z(x + 1, y + 1)
                let east = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * dx) * exaggeration
                let north = ((a + 2 * b + c) - (g + 2 * h + i)) / (8 * dy) * exaggeration
                let lit = (-east * lx - north * ly + lz) / (east * east + north * north + 1).squareRoot()
                out[y * w.width + x] = Float(min(1, max(0, ((lz - lit) / lz - faintest) / (1 - faintest))))
            }
        }
        return out
    }

    /// The image: each pixel's shadow sampled bilinearly from the window, as premultiplied colour.
    static func paint(_ cells: CellLattice, shadow: [Float], window w: ReliefWindow, width: Int, height: Int, colour: RGBA) -> [UInt32] {
        var pixels = [UInt32](repeating: 0, count: width * height)
        let maxX = Double(w.width - 1), maxY = Double(w.height - 1)
        let c0 = Double(w.column0), r0 = Double(w.row0)
        let alpha = Float(colour.a) * 255
        let rgb = (Float(colour.r), Float(colour.g), Float(colour.b))
        let n = Hillshade.lattice
        pixels.withUnsafeMutableBufferPointer { out in
            shadow.withUnsafeBufferPointer { s in
                for j in 0..<height {
                    // The lattice interpolated down to this row, then along it in runs of n pixels.
                    let row = cells.row(j)
                    for a in 0..<(row.count - 1) {
                        let p = row[a], q = row[a + 1]
                        let dx = (q.x - p.x) / Double(n), dy = (q.y - p.y) / Double(n)
                        for k in 0..<max(0, min(n, width - a * n)) {
                            let x = min(max(p.x + dx * Double(k) - c0, 0), maxX), y = min(max(p.y + dy * Double(k) - r0, 0), maxY)
                            let x0 = Int(x), y0 = Int(y)
                            let x1 = min(x0 + 1, w.width - 1), y1 = min(y0 + 1, w.height - 1)
                            let fx = Float(x - Double(x0)), fy = Float(y - Double(y0))
                            let top = s[y0 * w.width + x0] * (1 - fx) + s[y0 * w.width + x1] * fx
                            let bottom = s[y1 * w.width + x0] * (1 - fx) + s[y1 * w.width + x1] * fx
                            let v = (top * (1 - fy) + bottom * fy) * alpha
                            guard v >= 0.5 else { continue }
                            out[j * width + a * n + k] = UInt32(v + 0.5) << 24 | UInt32(rgb.0 * v + 0.5) << 16
                                | UInt32(rgb.1 * v + 0.5) << 8 | UInt32(rgb.2 * v + 0.5)
                        }
                    }
                }
            }
        }
        return pixels
    }
}

/// Where each image pixel falls in the grid, in cells (cell centres at whole numbers; columns
/// unwrapped round the view's centre, so a view across the antimeridian runs on past the grid's
/// east edge): unprojected exactly every ``Hillshade/lattice`` pixels, interpolated in between.
struct CellLattice {
    private let nodes: [(x: Double, y: Double)]
    private let across: Int
    let minX: Double, maxX: Double, minY: Double, maxY: Double

    init?(_ model: MapModel, grid: ReliefGrid, step: Double, imageWidth: Int, imageHeight: Int) {
        let n = Hillshade.lattice
        let across = imageWidth / n + 2, down = imageHeight / n + 2
        let centre = model.coordinate(at: Point(x: model.width / 2, y: model.height / 2))
        guard centre.longitude.isFinite else { return nil }
        let reference = (centre.longitude - grid.west) / grid.degreesPerCell
        let worldCells = 360 / grid.degreesPerCell
        var nodes: [(x: Double, y: Double)] = []
        nodes.reserveCapacity(across * down)
        for b in 0..<down {
            for a in 0..<across {
                let c = model.coordinate(at: Point(x: (Double(a * n) + 0.5) * step, y: (Double(b * n) + 0.5) * step))
                guard c.latitude.isFinite, c.longitude.isFinite, abs(c.latitude) <= 90 else { return nil }
                var x = (c.longitude - grid.west) / grid.degreesPerCell
                x -= ((x - reference) / worldCells).rounded() * worldCells
                nodes.append((x - 0.5, (grid.north - c.latitude) / grid.degreesPerCell - 0.5))
            }
        }
        guard let x0 = nodes.map(\.x).min(), let x1 = nodes.map(\.x).max(),
              let y0 = nodes.map(\.y).min(), let y1 = nodes.map(\.y).max() else { return nil }
        (self.nodes, self.across, minX, maxX, minY, maxY) = (nodes, across, x0, x1, y0, y1)
    }

    /// The cell positions of the lattice's nodes interpolated down to image row `j`: one every
    /// ``Hillshade/lattice`` pixels along the row, from its first.
    func row(_ j: Int) -> [(x: Double, y: Double)] {
        let n = Hillshade.lattice, b = j / n
        let f = Double(j - b * n) / Double(n)
        return (0..<across).map { a in
            let p = nodes[b * across + a], r = nodes[(b + 1) * across + a]
            return (p.x + (r.x - p.x) * f, p.y + (r.y - p.y) * f)
        }
    }
}
