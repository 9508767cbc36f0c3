import Foundation
import Geo

extension FastPlaceReader {
    struct Cursor {
        let p: UnsafePointer<UInt8>
        let n: Int
        var i = 0

        @inline(__always)
        var next: UInt8 { i < n ? p[i] : 0 }

        @inline(__always)
        mutating func skip(_ byte: UInt8) -> Bool {
            guard i < n, p[i] == byte else { return false }
            i += 1
            return true
        }

        @inline(__always)
        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard n - i >= count, memcmp(p + i, text.utf8Start, count) == 0 else { return false }
            i += count
            return true
        }

        /// A string without escapes or control characters, in valid UTF-8: the range of its contents.
        @inline(__always)
        mutating func string() -> Range<Int>? {
            guard i < n, p[i] == UInt8(ascii: "\"") else { return nil }
            let start = i + 1
            var j = start
            var high: UInt64 = 0
            // Eight bytes at a time while none is a quote, a backslash or a control character.
            let raw = UnsafeRawPointer(p)
            while j + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                    | ((w &- 0x2020_2020_2020_2020) & ~w)
                if special & 0x8080_8080_8080_8080 != 0 { break }
                high |= w
                j += 8
            }
            while j < n {
                let b = p[j]
                if b == UInt8(ascii: "\"") {
                    i = j + 1
                    if high & 0x8080_8080_8080_8080 != 0, !FastPlaceReader.isValidUTF8(UnsafeBufferPointer(start: p + start, count: j - start)) {
                        return nil
                    }
                    return start..<j
                }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                high |= UInt64(b)
                j += 1
            }
            return nil
        }

        /// Whether the next value is `null` (then read), for optional fields.
        @inline(__always)
        mutating func null() -> Bool { literal("null") }

        /// A number in plain decimal notation, as the general parser reads it, or `nil` for other forms.
        mutating func number() -> Double? {
            var j = i
            let negative = j < n && p[j] == UInt8(ascii: "-")
            if negative { j += 1 }
            var mantissa: UInt64 = 0
            var digits = 0
            while j < n, p[j] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p[j] &- 0x30)
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < n, p[j] == UInt8(ascii: "."), j + 1 < n, p[j + 1] &- 0x30 < 10 {
                j += 1
                var fraction = 0
                while j < n, p[j] &- 0x30 < 10 {
                    mantissa = mantissa &* 10 &+ UInt64(p[j] &- 0x30)
                    digits += 1
                    fraction += 1
                    j += 1
                }
                // Exact operands, one correctly rounded division: the value strtod gives.
                guard digits <= 15, j >= n || Self.ends(p[j]) else { return nil }
                i = j
                let value = Double(mantissa) / Self.powersOfTen[fraction]
                return negative ? -value : value
            }
            // An integer: the general parser reads up to 18 characters as Int64.
            guard j - i <= 18, j >= n || Self.ends(p[j]) else { return nil }
            i = j
            return Double(negative ? -Int64(mantissa) : Int64(mantissa))
        }

        /// A whole number ≥ 0 written as digits (at most 18).
        mutating func wholeNumber() -> Int64? {
            var j = i
            var value: Int64 = 0
            while j < n, p[j] &- 0x30 < 10 {
                value = value &* 10 &+ Int64(p[j] &- 0x30)
                j += 1
            }
            guard j > i, j - i <= 18, j >= n || Self.ends(p[j]) else { return nil }
            i = j
            return value
        }

        /// Whether a byte may follow a number (anything else, like `.`, `e` or `-`, makes it another form).
        @inline(__always)
        static func ends(_ b: UInt8) -> Bool {
            b == UInt8(ascii: ",") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}")
        }

        static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { r, _ in r * 10 } }
    }

    @inline(__always)
    static func equal(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ text: StaticString) -> Bool {
        r.count == text.utf8CodeUnitCount && memcmp(line.baseAddress! + r.lowerBound, text.utf8Start, r.count) == 0
    }

    /// The text of a string already checked to be valid UTF-8.
    @inline(__always)
    static func string(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
    }

    /// Whether bytes are valid UTF-8 (as `String(validating:)` requires: no overlong forms,
    /// surrogates or values above U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            @inline(__always) func continuation(_ k: Int) -> Bool { k < n && p[k] & 0xC0 == 0x80 }
            switch b {
            case 0xC2...0xDF:
                guard continuation(i + 1) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 2 < n else { return false }
                let c1 = p[i + 1]
                let low: UInt8 = b == 0xE0 ? 0xA0 : 0x80, high: UInt8 = b == 0xED ? 0x9F : 0xBF
                guard c1 >= low, c1 <= high, continuation(i + 2) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 3 < n else { return false }
                let c1 = p[i + 1]
                let low: UInt8 = b == 0xF0 ? 0x90 : 0x80, high: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                guard c1 >= low, c1 <= high, continuation(i + 2), continuation(i + 3) else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }
}
