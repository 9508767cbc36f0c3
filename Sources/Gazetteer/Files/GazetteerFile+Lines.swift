import Foundation
import Geo

extension GazetteerFile {
    /// Calls `body` with each feature's JSON and its 1-based line number.
    ///
    /// Accepts the canonical layout, and also any GeoJSON FeatureCollection (e.g. one written by
    /// QGIS on several lines), which is then parsed whole.
    static func forEachFeatureLine(
        _ data: Data, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let result: Result<Void, GazetteerError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return Result { () throws(GazetteerError) in try scanLines(bytes, path: path, body) }
        }
        try result.get()
    }

    static func scanLines(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        guard !bytes.isEmpty else {
            throw GazetteerError(file: path, reason: "the file is empty", hint: "a gazetteer file is a GeoJSON FeatureCollection")
        }
        // Find line boundaries.
        var lines: [Range<Int>] = []
        var start = 0
        for i in 0..<bytes.count where bytes[i] == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        func text(_ r: Range<Int>) -> Substring {
            var end = r.upperBound
            if end > r.lowerBound, bytes[end - 1] == 0x0D { end -= 1 }
            return Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end]), as: UTF8.self))
        }
        let canonical = lines.count >= 2 && text(lines[0]).trimmingCharacters(in: .whitespaces) == header
            && text(lines[lines.count - 1]).trimmingCharacters(in: .whitespaces) == footer
        if !canonical {
            try parseWhole(bytes, path: path, body)
            return
        }
        for (n, r) in lines.enumerated().dropFirst().dropLast() {
            var end = r.upperBound
            while end > r.lowerBound, [0x0D, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
            if end > r.lowerBound, bytes[end - 1] == UInt8(ascii: ",") { end -= 1 }
            if end == r.lowerBound { continue }
            let lineBytes = UnsafeBufferPointer(rebasing: bytes[r.lowerBound..<end])
            let json: JSONValue
            do {
                json = try JSONValue.parse(lineBytes)
            } catch {
                throw GazetteerError(
                    file: path, line: n + 1, reason: "not valid JSON at column \(error.offset + 1): \(error.reason)",
                    hint: "each line between the first and the last holds one complete feature")
            }
            try body(json, n + 1)
        }
    }

    static func parseWhole(
        _ bytes: UnsafeBufferPointer<UInt8>, path: String, _ body: (JSONValue, Int) throws(GazetteerError) -> Void
    ) throws(GazetteerError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(bytes)
        } catch {
            let (line, column) = lineAndColumn(of: error.offset, in: bytes)
            throw GazetteerError(file: path, line: line, reason: "not valid JSON at column \(column): \(error.reason)")
        }
        guard json["type"]?.stringValue == "FeatureCollection", let features = json["features"]?.arrayValue else {
            throw GazetteerError(file: path, line: 1, reason: "not a GeoJSON FeatureCollection", hint: "see Gazetteer/FORMAT.md")
        }
        for (i, f) in features.enumerated() {
            do {
                try body(f, i + 1)
            } catch var error {
                error.line = nil
                error.reason = "feature \(i + 1): " + error.reason
                throw error
            }
        }
    }
}
