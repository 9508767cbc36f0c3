import Foundation

extension Array where Element: BitwiseCopyable {
    /// The same elements without spare capacity, when there is much of it.
    func tight() -> [Element] {
        guard capacity > count + count / 8 + 64 else { return self }
        return withUnsafeBufferPointer { old in
            [Element](unsafeUninitializedCapacity: old.count) { buffer, n in
                if let base = old.baseAddress { buffer.baseAddress!.initialize(from: base, count: old.count) }
                n = old.count
            }
        }
    }
}
