import Foundation

/// Cairo writes SVG coordinates with six decimals; a hundredth of a point is far below what any
/// screen or printer shows. Shortening them is most of what makes the file proportional to its content.
enum SVGNumbers {
    /// The SVG with every number in `d`, `x` and `y` attributes rounded to at most two decimals.
    static func shortened(_ svg: Data) -> Data {
        let bytes = [UInt8](svg)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            out.append(bytes[i])
            i += 1
            guard i + 2 < bytes.count, bytes[i - 1] == UInt8(ascii: " "), [UInt8(ascii: "d"), UInt8(ascii: "x"), UInt8(ascii: "y")].contains(bytes[i]),
                  bytes[i + 1] == UInt8(ascii: "="), bytes[i + 2] == UInt8(ascii: "\"") else { continue }
            out.append(contentsOf: bytes[i...(i + 2)])
            i += 3
            guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "\"")) else { continue }
            out.append(contentsOf: shortenedValue(bytes[i..<close]))
            i = close
        }
        return Data(out)
    }

    /// An attribute value with its numbers rounded; everything else copied.
    static func shortenedValue(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var i = value.startIndex
        while i < value.endIndex {
            let b = value[i]
            let startsNumber = isDigit(b) || (b == UInt8(ascii: "-") && i + 1 < value.endIndex && isDigit(value[i + 1]))
            guard startsNumber else { out.append(b); i += 1; continue }
            var j = i + 1
            while j < value.endIndex, isDigit(value[j]) || value[j] == UInt8(ascii: ".") || value[j] == UInt8(ascii: "e") { j += 1 }
            let token = value[i..<j]
            if let dot = token.firstIndex(of: UInt8(ascii: ".")), j - dot > 3, !token.contains(UInt8(ascii: "e")),
               let v = Double(String(decoding: token, as: UTF8.self)) {
                out.append(contentsOf: SVGTextLayer.number(v).utf8)
            } else {
                out.append(contentsOf: token)
            }
            i = j
        }
        return out
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
}
