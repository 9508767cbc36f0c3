import Foundation

/// Reads a GeoJSON FeatureCollection written one feature per line, skipping features whose
/// `bbox` member (RFC 7946 §5) lies outside a box without parsing the rest of their line.
public enum FeatureLines {
    /// One feature's JSON, its 1-based line number, and its bounding box when the line gives one.
    public typealias Visit = (_ feature: JSONValue, _ line: Int) throws -> Void

    /// Calls `visit` for each feature whose `bbox` meets `box` (or that has no `bbox`), in file
    /// order. Returns how many feature lines there are, visited or skipped.
    @discardableResult
    public static func read(_ data: Data, path: String, within box: BoundingBox?, _ visit: Visit) throws -> Int {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            try read(raw.bindMemory(to: UInt8.self), path: path, within: box, visit)
        }
    }

    /// Reads a file as `read(_:path:within:_:)` does, mapping it into memory rather than copying
    /// it: the lines skipped by their `bbox` are never copied. Returns how many feature lines the
    /// file has (visited or skipped), or `nil` when it cannot be opened.
    @discardableResult
    public static func read(file path: String, within box: BoundingBox?, _ visit: Visit) throws -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            close(fd)
            return 0
        }
        let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        close(fd)
        guard let mapped, mapped != MAP_FAILED else {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return try read(data, path: path, within: box, visit)
        }
        defer { munmap(mapped, size) }
        return try read(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size), path: path, within: box, visit)
    }

    static let featureStart = Array(#"{"type":"Feature""#.utf8)

    static func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String, within box: BoundingBox?, _ visit: Visit) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var lineStart = 0
        var lineNumber = 0
        var features = 0
        while lineStart < bytes.count {
            lineNumber += 1
            var end = bytes.count
            if let found = memchr(base + lineStart, 0x0A, bytes.count - lineStart) {
                end = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            }
            let start = lineStart
            lineStart = end + 1
            var last = end
            while last > start, isTrailing(bytes[last - 1]) { last -= 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<last])
            guard line.count > 20, memcmp(line.baseAddress!, featureStart, featureStart.count) == 0 else { continue }
            features += 1
            if let box, let lineBox = bbox(in: line), !lineBox.intersects(box) { continue }
            try visit(try parse(line, path: path, line: lineNumber), lineNumber)
        }
        return features
    }

    @inline(__always)
    static func isTrailing(_ b: UInt8) -> Bool { b == 0x0D || b == 0x20 || b == 0x09 || b == UInt8(ascii: ",") }

    static func parse(_ line: UnsafeBufferPointer<UInt8>, path: String, line number: Int) throws(GeoError) -> JSONValue {
        do {
            return try JSONValue.parse(line)
        } catch {
            throw GeoError.invalidJSON(location: "\(path):\(number)", reason: "\(error.reason) at column \(error.offset + 1)")
        }
    }

    static let bboxKey = Array(#""bbox":["#.utf8)

    /// The `bbox` given near the start of a feature line, if any. Its four numbers are read without
    /// making strings: a plain decimal is read exactly as `Double(_:)` reads it whenever it has at
    /// most 15 digits (leading zeros counted) and no exponent (then digits ÷ 10ⁿ is correctly rounded); any
    /// other number is read by `Double(_:)`.
    static func bbox(in line: UnsafeBufferPointer<UInt8>) -> BoundingBox? {
        let key = bboxKey
        let limit = min(line.count - key.count, 200)
        guard limit > 0 else { return nil }
        var i = 0
        while i < limit {
            if line[i] == key[0], line[i..<(i + key.count)].elementsEqual(key) { break }
            i += 1
        }
        guard i < limit else { return nil }
        var j = i + key.count
        var numbers: (Double, Double, Double, Double) = (0, 0, 0, 0)
        var count = 0
        var start = j
        while j < line.count, count < 4 {
            let b = line[j]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "]") {
                guard let v = number(UnsafeBufferPointer(rebasing: line[start..<j])) else { return nil }
                switch count {
                case 0: numbers.0 = v
                case 1: numbers.1 = v
                case 2: numbers.2 = v
                default: numbers.3 = v
                }
                count += 1
                start = j + 1
                if b == UInt8(ascii: "]") { break }
            }
            j += 1
        }
        guard count == 4 else { return nil }
        return BoundingBox(south: numbers.1, west: numbers.0, north: numbers.3, east: numbers.2)
    }

    /// Powers of ten that a `Double` holds exactly.
    static let exactPowers: [Double] = (0...22).map { pow(10, Double($0)) }

    /// A JSON number: a plain decimal ("-71.5", "34") with at most 15 digits read as an integer
    /// divided by an exact power of ten (one correctly rounded division, so the same `Double` as
    /// `Double(_:)` gives); anything else through `Double(_:)`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var k = 0, negative = false
        if k < bytes.count, bytes[k] == UInt8(ascii: "-") { negative = true; k += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, seenPoint = false
        while k < bytes.count {
            let b = bytes[k]
            if b >= 0x30, b <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                digits = 99  // an exponent, a space or anything else: the slow path
                break
            }
            k += 1
        }
        guard digits > 0, digits <= 15, fraction < exactPowers.count else {
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        let value = Double(mantissa) / exactPowers[fraction]
        return negative ? -value : value
    }
}
