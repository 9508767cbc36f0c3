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

    /// The `bbox` given near the start of a feature line, if any.
    static func bbox(in line: UnsafeBufferPointer<UInt8>) -> BoundingBox? {
        let key = Array(#""bbox":["#.utf8)
        let limit = min(line.count - key.count, 200)
        guard limit > 0 else { return nil }
        var i = 0
        while i < limit {
            if line[i] == key[0], line[i..<(i + key.count)].elementsEqual(key) { break }
            i += 1
        }
        guard i < limit else { return nil }
        var j = i + key.count
        var numbers: [Double] = []
        var start = j
        while j < line.count, numbers.count < 4 {
            let b = line[j]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "]") {
                guard let v = Double(String(decoding: UnsafeBufferPointer(rebasing: line[start..<j]), as: UTF8.self)) else { return nil }
                numbers.append(v)
                start = j + 1
                if b == UInt8(ascii: "]") { break }
            }
            j += 1
        }
        guard numbers.count == 4 else { return nil }
        return BoundingBox(south: numbers[1], west: numbers[0], north: numbers[3], east: numbers[2])
    }
}
