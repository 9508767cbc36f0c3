import Foundation

/// Hashing and equality of index keys (UTF-8 bytes) that agree with `String` keys: two keys are
/// equal when the strings are canonically equivalent, and then their hashes are equal too.
enum KeyHash {
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        hash(key, ascii: isASCII(key))
    }

    /// The hash of the key's NFC form: ASCII text and text that passes the NFC quick check are
    /// their own NFC form; other text is normalized first.
    static func hash(_ key: UnsafeBufferPointer<UInt8>, ascii: Bool) -> UInt64 {
        if ascii || isQuickNFC(key) { return hashBytes(key) }
        let nfc = String(decoding: key, as: UTF8.self)._nfcCodeUnits
        return nfc.withUnsafeBufferPointer { hashBytes($0) }
    }

    /// Whether UTF-8 text is certainly in NFC (the quick check answers "yes").
    static func isQuickNFC(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            var span = UTF8Span(unchecked: key.span)
            return span.checkForNFC(quickCheck: true)
        }
        return false
    }

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let r = a.multipliedFullWidth(by: b)
        return r.high ^ r.low
    }

    /// A fast, well-mixed 64-bit hash of bytes (in the manner of wyhash).
    @inline(__always)
    static func hashBytes(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let p0: UInt64 = 0xa076_1d64_78bd_642f, p1: UInt64 = 0xe703_7ed1_a0b4_28db, p2: UInt64 = 0x8ebc_6af0_9c88_c6e3
        let n = key.count
        var h = p0 ^ UInt64(n)
        guard let base = key.baseAddress else { return mix(h, p1) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 16 <= n {
            h = mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ p1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ h)
            i += 16
        }
        var a: UInt64 = 0, b: UInt64 = 0
        if n - i >= 8 {
            a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
            var shift: UInt64 = 0
            while i < n { b |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        } else {
            var shift: UInt64 = 0
            while i < n { a |= UInt64(base[i]) << shift; shift += 8; i += 1 }
        }
        h = mix(a ^ p1, b ^ h ^ p2)
        return mix(h ^ p0, p2 ^ UInt64(n))
    }

    @inline(__always)
    static func isASCII(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for b in key { any |= b }
        return any < 0x80
    }

    /// Whether two keys are equal as strings.
    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count == b.count, a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 { return true }
        if isASCII(a), isASCII(b) { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}
