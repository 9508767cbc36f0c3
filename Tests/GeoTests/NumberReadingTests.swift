import Foundation
import Testing

@testable import Geo

/// The outline and town files are read with a fast decimal reader (`FeatureLines.number`): it must
/// give exactly the `Double` that `Double(_:)` gives, or the maps would change with the reader.
@Suite("Reading numbers without strings")
struct NumberReadingTests {
    func read(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { FeatureLines.number($0) }
    }

    @Test("Plain decimals of up to 15 digits, and every other form, read as Double(_:) reads them")
    func sameAsFoundation() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200_000 {
            let digits = Int.random(in: 1...17, using: &generator)
            var s = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...digits, using: &generator)
            if point < digits, point > 0 { s.insert(".", at: s.index(s.startIndex, offsetBy: point)) }
            if Bool.random(using: &generator) { s = "-" + s }
            #expect(read(s) == Double(s), "\(s)")
        }
        for s in ["0", "-0", "-0.0", "180", "-179.999999", "1e5", "2.5E-3", "1.", "123456789012345678.5", "0.1", "45.000000000000001",
                  "", "-", ".", "1.2.3", "abc", " 1"] {
            #expect(read(s)?.bitPattern == Double(s)?.bitPattern, "\(s)")
        }
    }

    @Test("Every bbox in the town file reads as Double(_:) reads its numbers")
    func townFileBoxes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Gazetteer/basemap/towns.geojson").path
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var checked = 0
        for line in data.split(separator: 0x0A).prefix(20_000) {
            guard let open = line.firstRange(of: Array(#""bbox":["#.utf8)), let close = line[open.upperBound...].firstIndex(of: UInt8(ascii: "]"))
            else { continue }
            let numbers = line[open.upperBound..<close].split(separator: UInt8(ascii: ",")).compactMap { Double(String(decoding: $0, as: UTF8.self)) }
            try #require(numbers.count == 4)
            let box = Array(line).withUnsafeBufferPointer { FeatureLines.bbox(in: $0) }
            #expect(box == BoundingBox(south: numbers[1], west: numbers[0], north: numbers[3], east: numbers[2]))
            checked += 1
        }
        #expect(checked >= 19_999, "every feature line of the first 20,000 has a bbox")
    }
}
