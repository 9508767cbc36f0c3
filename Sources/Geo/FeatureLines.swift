import Foundation

/// Reads a GeoJSON FeatureCollection written one feature per line, skipping features whose
/// `bbox` member (RFC 7946 §5) lies outside a box without parsing the rest of their line.
public enum FeatureLines {
    /// One feature's JSON, its 1-based line number, and its bounding box when the line gives one.
    public typealias Visit = (_ feature: JSONValue, _ line: Int) throws -> Void

    /// Calls `visit` for each feature whose `bbox` meets `box` (or that has no `bbox`), in file order.
    public static func read(_ data: Data, path: String, within box: BoundingBox?, _ visit: Visit) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count {
                lineNumber += 1
                var end = lineStart
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                defer { lineStart = end + 1 }
                var last = end
                while last > lineStart, [0x0D, 0x20, 0x09, UInt8(ascii: ",")].contains(bytes[last - 1]) { last -= 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<last])
                guard line.count > 20, line.starts(with: Array(#"{"type":"Feature""#.utf8)) else { continue }
                if let box, let lineBox = bbox(in: line), !lineBox.intersects(box) { continue }
                let value: JSONValue
                do {
                    value = try JSONValue.parse(line)
                } catch let error as JSONSyntaxError {
                    throw GeoError.invalidJSON(location: "\(path):\(lineNumber)", reason: "\(error.reason) at column \(error.offset + 1)")
                }
                try visit(value, lineNumber)
            }
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
