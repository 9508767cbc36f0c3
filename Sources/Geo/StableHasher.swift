/// FNV-1a, 64 bits: a stable hash (unlike `Hasher`, the same in every process and on every run).
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for b in bytes { value = (value ^ UInt64(b)) &* 0x100_0000_01b3 }
    }

    /// Adds the text and a separator, so that ("ab", "c") and ("a", "bc") differ.
    public mutating func add(_ text: String) {
        add(text.utf8)
        add(CollectionOfOne(0x1F))
    }

    public mutating func add(_ number: UInt64) {
        for k in 0..<8 { add(CollectionOfOne(UInt8(truncatingIfNeeded: number >> (8 * k)))) }
    }

    /// The hash as 16 hexadecimal digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
