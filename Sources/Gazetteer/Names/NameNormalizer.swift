import Foundation

/// `NameKey.normalized` on UTF-8 bytes, for normalizing many names (index building).
///
/// It gives exactly the bytes of `NameKey.normalizedReference`: each non-ASCII scalar's fate
/// (dropped, a word break, or the scalars it folds or lowercases to) is taken from the reference
/// rules once and cached. A name for which bytes alone cannot decide the result — a space that
/// would form one grapheme with a neighbouring mark, which the reference's `Character`-based
/// word split would not break at — makes `normalize` return `nil`; the caller then uses the
/// reference. One instance per thread.
struct NameNormalizer: ~Copyable {
    /// What each BMP scalar becomes: 0 not yet known, 1 dropped, 2 a word break,
    /// `emitOne | v` the scalar `v`, `emitMany | i` the scalars of `many[i]`.
    private let actions: UnsafeMutablePointer<UInt32>
    /// How each BMP scalar joins a neighbouring space into one grapheme: 0 not yet known,
    /// else 1 | `joinsSpaceBefore` | `joinsSpaceAfter`.
    private let joins: UnsafeMutablePointer<UInt8>
    /// Whether each BMP scalar is certainly in NFC wherever it stands (canonical combining class 0
    /// and NFC quick check "yes"): 0 not yet known, 1 no, 2 yes.
    private let inert: UnsafeMutablePointer<UInt8>
    private var many: [(utf8: [UInt8], first: UInt32, last: UInt32, inert: Bool)] = []
    /// The last result, `count` bytes from `buffer`.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Whether the last result is known to be in NFC (all its scalars inert).
    private(set) var lastWasInert = true
    /// Room for a transliteration key of the last result.
    private(set) var keyBuffer: UnsafeMutablePointer<UInt8>

    static let emitOne: UInt32 = 0x8000_0000
    static let emitMany: UInt32 = 0x4000_0000
    static let joinsSpaceBefore: UInt8 = 2
    static let joinsSpaceAfter: UInt8 = 4

    init() {
        actions = .allocate(capacity: 0x10000)
        actions.initialize(repeating: 0, count: 0x10000)
        joins = .allocate(capacity: 0x10000)
        joins.initialize(repeating: 0, count: 0x10000)
        inert = .allocate(capacity: 0x10000)
        inert.initialize(repeating: 0, count: 0x10000)
        capacity = 1024
        buffer = .allocate(capacity: capacity)
        keyBuffer = .allocate(capacity: capacity)
    }

    deinit {
        actions.deallocate()
        joins.deallocate()
        inert.deallocate()
        buffer.deallocate()
        keyBuffer.deallocate()
    }

    /// Normalizes the UTF-8 of a name into `buffer`, returning the length, or `nil` when the
    /// reference algorithm must decide.
    mutating func normalize(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = name.count
        guard count > 0, let src = name.baseAddress else { return 0 }
        reserve(forNameOf: count)
        let out = buffer
        var n = 0
        var pendingSpace = false
        var sawSpace = false
        var allInert = true
        var last: UInt32 = 0
        var i = 0
        let ascii = Self.asciiTable
        while i < count {
            let b = src[i]
            if b < 0x80 {
                i += 1
                let emitted = ascii[Int(b)]
                if emitted <= Self.asciiBreak {
                    if emitted == Self.asciiBreak { pendingSpace = true }
                    continue
                }
                if pendingSpace {
                    if n > 0 {
                        if last >= 0x300, joinFlags(last) & Self.joinsSpaceAfter != 0 { return nil }
                        out[n] = 0x20
                        n += 1
                        sawSpace = true
                    }
                    pendingSpace = false
                }
                out[n] = emitted
                n += 1
                last = UInt32(emitted)
                continue
            }
            let v = Self.decodeScalar(src, at: &i)
            let action = v < 0x10000 ? cachedAction(v) : uncachedAction(v)
            if action == 1 { continue }
            if action == 2 { pendingSpace = true; continue }
            let first: UInt32
            let final: UInt32
            if action & Self.emitOne != 0 {
                first = action & 0x1F_FFFF
                final = first
                if allInert, !isInert(first) { allInert = false }
            } else {
                let entry = many[Int(action & 0xFF_FFFF)]
                guard !entry.utf8.isEmpty else { return nil }
                first = entry.first
                final = entry.last
                if !entry.inert { allInert = false }
            }
            if pendingSpace {
                if n > 0 {
                    if last >= 0x300, joinFlags(last) & Self.joinsSpaceAfter != 0 { return nil }
                    if first >= 0x300, joinFlags(first) & Self.joinsSpaceBefore != 0 { return nil }
                    out[n] = 0x20
                    n += 1
                    sawSpace = true
                }
                pendingSpace = false
            }
            if action & Self.emitOne != 0 {
                n += Self.writeUTF8(first, to: out + n)
            } else {
                for byte in many[Int(action & 0xFF_FFFF)].utf8 {
                    out[n] = byte
                    n += 1
                }
            }
            last = final
        }
        if sawSpace { n = Self.dropConnectives(out, n) }
        lastWasInert = allInert
        return n
    }

    /// Makes `buffer` and `keyBuffer` large enough for the result of a name of `count` bytes.
    private mutating func reserve(forNameOf count: Int) {
        // A scalar of k ≥ 2 bytes gives at most 3 scalars (12 bytes), plus a space.
        let needed = count * 7 + 16
        if capacity < needed {
            buffer.deallocate()
            keyBuffer.deallocate()
            capacity = needed
            buffer = .allocate(capacity: capacity)
            keyBuffer = .allocate(capacity: capacity)
        }
    }

    /// The scalar whose (valid) UTF-8 of two or more bytes starts at `src[i]`; moves `i` past it.
    @inline(__always)
    static func decodeScalar(_ src: UnsafePointer<UInt8>, at i: inout Int) -> UInt32 {
        let b = src[i]
        if b < 0xE0 {
            defer { i += 2 }
            return (UInt32(b & 0x1F) << 6) | UInt32(src[i + 1] & 0x3F)
        } else if b < 0xF0 {
            defer { i += 3 }
            return (UInt32(b & 0x0F) << 12) | (UInt32(src[i + 1] & 0x3F) << 6) | UInt32(src[i + 2] & 0x3F)
        }
        defer { i += 4 }
        return (UInt32(b & 0x07) << 18) | (UInt32(src[i + 1] & 0x3F) << 12) | (UInt32(src[i + 2] & 0x3F) << 6)
            | UInt32(src[i + 3] & 0x3F)
    }

    @inline(__always)
    private mutating func isInert(_ v: UInt32) -> Bool {
        if v < 0x80 { return true }
        if v < 0x10000 {
            let cached = inert[Int(v)]
            if cached != 0 { return cached == 2 }
            let flag = Self.computeInert(v)
            inert[Int(v)] = flag ? 2 : 1
            return flag
        }
        return Self.computeInert(v)
    }

    /// Whether a scalar is in NFC next to anything: it has combining class 0 and passes the NFC
    /// quick check (it neither decomposes nor combines with what precedes it).
    static func computeInert(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v), scalar.properties.canonicalCombiningClass == .notReordered else { return false }
        var utf8 = Array(String(scalar).utf8)
        return utf8.withUnsafeMutableBufferPointer { KeyHash.isQuickNFC(UnsafeBufferPointer($0)) }
    }

    @inline(__always)
    private mutating func cachedAction(_ v: UInt32) -> UInt32 {
        let cached = actions[Int(v)]
        if cached != 0 { return cached }
        let action = uncachedAction(v)
        actions[Int(v)] = action
        return action
    }

    private mutating func uncachedAction(_ v: UInt32) -> UInt32 {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        switch NameKey.referenceAction(scalar) {
        case .drop: return 1
        case .space: return 2
        case .emit(let scalars):
            if scalars.count == 1 { return Self.emitOne | scalars[0].value }
            var utf8: [UInt8] = []
            for s in scalars { utf8.append(contentsOf: String(s).utf8) }
            let allInert = scalars.allSatisfy { Self.computeInert($0.value) }
            many.append((utf8, scalars.first?.value ?? 0, scalars.last?.value ?? 0, allInert))
            return Self.emitMany | UInt32(many.count - 1)
        }
    }

    private mutating func joinFlags(_ v: UInt32) -> UInt8 {
        if v < 0x10000 {
            let cached = joins[Int(v)]
            if cached != 0 { return cached }
            let flags = Self.computeJoinFlags(v)
            joins[Int(v)] = flags
            return flags
        }
        return Self.computeJoinFlags(v)
    }

    /// Whether a space next to this scalar would be part of the same grapheme.
    static func computeJoinFlags(_ v: UInt32) -> UInt8 {
        let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
        var flags: UInt8 = 1
        var before = String.UnicodeScalarView()
        before.append(" ")
        before.append(scalar)
        if String(before).count == 1 { flags |= joinsSpaceBefore }
        var after = String.UnicodeScalarView()
        after.append(scalar)
        after.append(" ")
        if String(after).count == 1 { flags |= joinsSpaceAfter }
        return flags
    }
}
