import Foundation

extension NameNormalizer {
    /// What each ASCII byte becomes: the byte it stands for (lowercased), `asciiDrop` or `asciiBreak`.
    static let asciiDrop: UInt8 = 0
    static let asciiBreak: UInt8 = 1
    /// (Made once and never freed nor changed, so that it can be read through a plain pointer.)
    nonisolated(unsafe) static let asciiTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for c in 0..<128 {
            let b = UInt8(c)
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): table[c] = b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): table[c] = b
            case UInt8(ascii: "'"), UInt8(ascii: "`"): table[c] = asciiDrop
            default: table[c] = asciiBreak
            }
        }
        return UnsafePointer(table)
    }()

    /// `normalize` for ASCII text, which needs no tables; `out` must hold `name.count` bytes.
    static func normalizeASCII(_ name: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        var pendingSpace = false
        var sawSpace = false
        for b in name {
            let emitted: UInt8
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): emitted = b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emitted = b
            case UInt8(ascii: "'"), UInt8(ascii: "`"): continue
            default: pendingSpace = true; continue
            }
            if pendingSpace {
                if n > 0 {
                    out[n] = 0x20
                    n += 1
                    sawSpace = true
                }
                pendingSpace = false
            }
            out[n] = emitted
            n += 1
        }
        if sawSpace { n = dropConnectives(out, n) }
        return n
    }

    /// Removes the connective words ("e", "i", "ye", "yi") that are neither first nor last,
    /// in place; words are separated by single spaces.
    static func dropConnectives(_ out: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
        var lastStart = n
        while lastStart > 0, out[lastStart - 1] != 0x20 { lastStart -= 1 }
        var w = 0
        var start = 0
        while start < n {
            var end = start
            while end < n, out[end] != 0x20 { end += 1 }
            let length = end - start
            var connective = false
            if start > 0, start < lastStart {
                if length == 1 {
                    connective = out[start] == UInt8(ascii: "e") || out[start] == UInt8(ascii: "i")
                } else if length == 2, out[start] == UInt8(ascii: "y") {
                    connective = out[start + 1] == UInt8(ascii: "e") || out[start + 1] == UInt8(ascii: "i")
                }
            }
            if !connective {
                if w > 0 {
                    out[w] = 0x20
                    w += 1
                }
                if w != start {
                    for k in 0..<length { out[w + k] = out[start + k] }
                }
                w += length
            }
            start = end + 1
        }
        return w
    }

    @inline(__always)
    static func writeUTF8(_ v: UInt32, to p: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            p[0] = UInt8(v)
            return 1
        } else if v < 0x800 {
            p[0] = UInt8(0xC0 | (v >> 6))
            p[1] = UInt8(0x80 | (v & 0x3F))
            return 2
        } else if v < 0x10000 {
            p[0] = UInt8(0xE0 | (v >> 12))
            p[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[2] = UInt8(0x80 | (v & 0x3F))
            return 3
        } else {
            p[0] = UInt8(0xF0 | (v >> 18))
            p[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            p[2] = UInt8(0x80 | ((v >> 6) & 0x3F))
            p[3] = UInt8(0x80 | (v & 0x3F))
            return 4
        }
    }
}
