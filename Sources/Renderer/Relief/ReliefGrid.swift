import CZlib
import Foundation

/// The elevation grid the relief is shaded from: `Gazetteer/basemap/relief.bin`, GMTED2010 at
/// 4 arc-minutes (about 7 km), built by `Scripts/gazetteer_build/relief.py` (the format is
/// described there and in `Gazetteer/FORMAT.md`). The file is mapped, not read: only the tiles
/// (10° squares) a map's window meets are inflated.
public struct ReliefGrid: Sendable {
    /// Cells across (longitude) and down (latitude), and the cells a tile side.
    public let width: Int
    public let height: Int
    let tile: Int
    /// The grid's north-west corner and the size of a cell, in degrees.
    public let west: Double
    public let north: Double
    public let degreesPerCell: Double
    private let data: Data
    /// Each tile's zlib stream: where it starts in the file and how long it is.
    private let tiles: [(offset: Int, length: Int)]
    private var tilesAcross: Int { (width + tile - 1) / tile }

    static let magic = Array("CMRELIEF".utf8)
    static let headerSize = 44

    /// The grid in `path`; `nil` when there is no such file (an older gazetteer folder: maps draw
    /// without relief). A file that is there but is not a relief grid is an error.
    public static func load(from path: String) throws(RendererError) -> ReliefGrid? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw RendererError(reason: "cannot read the relief grid \(path): \(error.localizedDescription)")
        }
        guard let grid = ReliefGrid(data) else {
            throw RendererError(reason: "\(path) is not a relief grid (version 1)",
                                hint: "rebuild the relief grid (Gazetteer/FORMAT.md says how), or delete it to draw maps without relief")
        }
        return grid
    }

    /// Reads and checks the header and tile index; `nil` if anything is out of range.
    init?(_ data: Data) {
        let count = data.count
        guard count >= Self.headerSize, Array(data.prefix(8)) == Self.magic else { return nil }
        func u16(_ o: Int) -> Int { Int(data[data.startIndex + o]) | Int(data[data.startIndex + o + 1]) << 8 }
        func u32(_ o: Int) -> Int { u16(o) | u16(o + 2) << 16 }
        func f64(_ o: Int) -> Double { Double(bitPattern: UInt64(u32(o)) | UInt64(u32(o + 4)) << 32) }
        let version = u16(8), tile = u16(10), width = u32(12), height = u32(16)
        let west = f64(20), north = f64(28), deg = f64(36)
        // Bounds a world grid keeps: a damaged header must not make sizes that overflow or tiles of gigabytes.
        guard version == 1, (1...4096).contains(tile), (1...100_000).contains(width), (1...100_000).contains(height),
              (-180...180).contains(west), (-90...90).contains(north), deg >= 1.0 / 3600, deg <= 1 else { return nil }
        let n = ((width + tile - 1) / tile) * ((height + tile - 1) / tile)
        guard Self.headerSize + 8 * n <= count else { return nil }
        var tiles: [(offset: Int, length: Int)] = []
        tiles.reserveCapacity(n)
        for i in 0..<n {
            let offset = u32(Self.headerSize + 8 * i), length = u32(Self.headerSize + 8 * i + 4)
            guard offset >= Self.headerSize + 8 * n, length > 0, offset + length <= count else { return nil }
            tiles.append((offset, length))
        }
        (self.width, self.height, self.tile, self.west, self.north, self.degreesPerCell) = (width, height, tile, west, north, deg)
        self.data = data
        self.tiles = tiles
    }

    /// The cells in `columns` × `rows`, row by row from the north-west. Columns wrap round the
    /// world (a window may cross the antimeridian); rows must lie in the grid. `nil` if a tile
    /// does not inflate.
    func window(columns: Range<Int>, rows: Range<Int>) -> ReliefWindow? {
        guard !columns.isEmpty, !rows.isEmpty, rows.lowerBound >= 0, rows.upperBound <= height else { return nil }
        var out = [Int16](repeating: 0, count: columns.count * rows.count)
        var decoded: [Int: [Int16]] = [:]
        for r in rows {
            let ty = r / tile
            var c = columns.lowerBound
            while c < columns.upperBound {
                // A run of cells within one tile.
                let wrapped = ((c % width) + width) % width
                let tx = wrapped / tile, key = ty * tilesAcross + tx
                let tw = min(tile, width - tx * tile)
                let run = min(columns.upperBound - c, tx * tile + tw - wrapped)
                if decoded[key] == nil { decoded[key] = inflateTile(tx: tx, ty: ty) }
                guard let cells = decoded[key] else { return nil }
                let from = (r - ty * tile) * tw + (wrapped - tx * tile)
                let to = (r - rows.lowerBound) * columns.count + (c - columns.lowerBound)
                guard run > 0, from + run <= cells.count else { return nil }
                for k in 0..<run { out[to + k] = cells[from + k] }
                c += run
            }
        }
        return ReliefWindow(column0: columns.lowerBound, row0: rows.lowerBound, width: columns.count, height: rows.count, metres: out)
    }

    /// The elevation in metres of the cell holding a point (no interpolation); `nil` outside the grid.
    public func elevation(latitude: Double, longitude: Double) -> Int? {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 540 else { return nil }
        let r = Int(((north - latitude) / degreesPerCell).rounded(.down))
        let c = Int(((longitude - west) / degreesPerCell).rounded(.down))
        guard (0..<height).contains(r) else { return nil }
        return window(columns: c..<(c + 1), rows: r..<(r + 1)).map { Int($0.metres[0]) }
    }

    /// One tile's cells in metres: inflated, the low and high bytes joined, the differences summed
    /// (each cell from the one to its west; a row's first from the first of the row above).
    private func inflateTile(tx: Int, ty: Int) -> [Int16]? {
        let index = ty * tilesAcross + tx
        guard index < tiles.count else { return nil }
        let tw = min(tile, width - tx * tile), th = min(tile, height - ty * tile), n = tw * th
        var bytes = [UInt8](repeating: 0, count: 2 * n)
        let (offset, length) = tiles[index]
        var outLength = uLongf(bytes.count)
        let status = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int32 in
            guard let base = raw.baseAddress else { return Z_DATA_ERROR }
            return uncompress(&bytes, &outLength, base.advanced(by: offset).assumingMemoryBound(to: Bytef.self), uLong(length))
        }
        guard status == Z_OK, Int(outLength) == bytes.count else { return nil }
        var cells = [Int16](repeating: 0, count: n)
        var above: UInt16 = 0
        for y in 0..<th {
            var left = above
            for x in 0..<tw {
                let i = y * tw + x
                left &+= UInt16(bytes[i]) | UInt16(bytes[n + i]) << 8
                cells[i] = Int16(bitPattern: left)
                if x == 0 { above = left }
            }
        }
        return cells
    }
}

/// A rectangle of grid cells in metres, row by row from the north-west; `column0` may lie outside
/// the grid's columns when the window wraps round the world.
struct ReliefWindow: Sendable {
    let column0: Int
    let row0: Int
    let width: Int
    let height: Int
    let metres: [Int16]
}
