import Foundation

/// Finds where in a JSON text something is: the first syntax error, or the value at a coding path
/// (where `JSONDecoder` found a value of the wrong type). A scan, not a parse: nothing is built,
/// so it is cheap on a partial result of any size, and it is run only once something is wrong.
struct JSONLocator {
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    struct Stop: Error {
        var offset: Int
        var reason: String?
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var path: [Step] = []
    private let target: [Step]?

    private init(_ bytes: UnsafeBufferPointer<UInt8>, target: [Step]?) {
        self.bytes = bytes
        self.target = target
    }

    /// The offset of the first syntax error in one JSON value, and what is wrong there.
    static func syntaxError(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, reason: String)? {
        var scan = JSONLocator(bytes, target: nil)
        do {
            try scan.value(depth: 0)
            scan.space()
            if scan.i < bytes.count { return (scan.i, "more after the end of the value") }
            return nil
        } catch {
            return (error.offset, error.reason ?? "not valid JSON")
        }
    }

    /// The offset where the value at `path` starts (or, when it is missing, where the deepest
    /// container on the way to it starts).
    static func offset(of path: [any CodingKey], in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let steps = path.map { $0.intValue.map(Step.index) ?? .key($0.stringValue) }
        var scan = JSONLocator(bytes, target: steps)
        var deepest: (depth: Int, offset: Int) = (-1, 0)
        scan.onContainer = { depth, offset in if depth > deepest.depth { deepest = (depth, offset) } }
        do { try scan.value(depth: 0) } catch {
            if error.reason == nil { return error.offset }
        }
        return deepest.depth >= 0 ? deepest.offset : nil
    }

    /// Called at each container start on the way to the target: how many steps of it match, and where.
    private var onContainer: ((Int, Int) -> Void)?

    private mutating func space() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private func fail(_ reason: String) -> Stop { Stop(offset: min(i, bytes.count), reason: reason) }

    private mutating func value(depth: Int) throws(Stop) {
        space()
        if let target, path == target { throw Stop(offset: i, reason: nil) }
        guard i < bytes.count else { throw fail("the value is cut off") }
        guard depth < 512 else { throw fail("nested too deeply") }
        switch bytes[i] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): number()
        default: throw fail("unexpected \(Self.describe(bytes[i]))")
        }
    }

    private func onPath() -> Bool {
        guard let target, path.count <= target.count else { return false }
        return Array(target.prefix(path.count)) == path
    }

    private mutating func object(depth: Int) throws(Stop) {
        if onPath() { onContainer?(path.count, i) }
        i += 1
        space()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            space()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try string()
            space()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected \":\" after a key") }
            i += 1
            path.append(.key(key))
            try value(depth: depth + 1)
            path.removeLast()
            space()
            guard i < bytes.count else { throw fail("the object is cut off") }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("expected \",\" or \"}\" after a value") }
            i += 1
        }
    }

    private mutating func array(depth: Int) throws(Stop) {
        if onPath() { onContainer?(path.count, i) }
        i += 1
        space()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
        var n = 0
        while true {
            path.append(.index(n))
            try value(depth: depth + 1)
            path.removeLast()
            n += 1
            space()
            guard i < bytes.count else { throw fail("the array is cut off") }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            guard bytes[i] == UInt8(ascii: ",") else { throw fail("expected \",\" or \"]\" after a value") }
            i += 1
        }
    }

    /// A string's contents (escapes kept as written: keys in partial results have none).
    private mutating func string() throws(Stop) -> String {
        let start = i + 1
        i += 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
            }
            if b == 0x5C { i += 2; continue }
            if b < 0x20 { throw fail("a control character inside a string") }
            i += 1
        }
        throw fail("the string is cut off")
    }

    private mutating func literal(_ word: StaticString) throws(Stop) {
        let n = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { w in i + n <= bytes.count && (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
        guard matches else { throw fail("unexpected \(Self.describe(bytes[i]))") }
        i += n
    }

    private mutating func number() {
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) || "+-.eE".utf8.contains(bytes[i]) { i += 1 }
    }

    static func describe(_ b: UInt8) -> String {
        (0x21..<0x7F).contains(b) ? "\"\(Character(Unicode.Scalar(b)))\"" : String(format: "byte 0x%02X", b)
    }

    /// The line (counted from `firstLine` at offset 0) and column (1-based, in characters) of an offset.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> (line: Int, column: Int) {
        let end = min(max(0, offset), bytes.count)
        var line = firstLine
        var column = 1
        for k in 0..<end {
            let b = bytes[k]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
