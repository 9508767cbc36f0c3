import Foundation

/// Plain values, read-only: held in a Swift array (indexes built in memory), or read in place
/// from a memory-mapped index cache, which stays mapped while any view of it lives.
///
/// Reading the cache in place costs nothing up front: a page of it is read from the page cache
/// the first time a lookup touches it, and a run that resolves a few hundred names touches few.
/// The values of a mapped view come from a file, so code that follows them (offsets, place
/// numbers) checks each against the bounds it indexes before using it.
struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private enum Storage {
        case array([Element])
        case mapped(MappedRegion, UnsafePointer<Element>)
    }

    private let storage: Storage
    let count: Int

    init() { self.init([]) }

    init(_ values: [Element]) {
        storage = .array(values)
        count = values.count
    }

    /// A view of `count` values at `offset` bytes into `region`, or `nil` when they do not lie
    /// within it or are not aligned for the type.
    init?(region: MappedRegion, offset: Int, count: Int) {
        let stride = MemoryLayout<Element>.stride
        guard offset >= 0, count >= 0, offset <= region.size, stride > 0, count <= (region.size - offset) / stride else { return nil }
        let start = region.base + offset
        guard Int(bitPattern: start) % MemoryLayout<Element>.alignment == 0 else { return nil }
        storage = .mapped(region, start.assumingMemoryBound(to: Element.self))
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    /// The value at `i`, which must be in bounds (check indexes read from a file first).
    subscript(i: Int) -> Element {
        switch storage {
        case .array(let values): return values[i]
        case .mapped(_, let base):
            precondition(i >= 0 && i < count, "index out of range")
            return base[i]
        }
    }

    /// The value at `i`, or `nil` when `i` is out of bounds.
    @inline(__always)
    func at(_ i: Int) -> Element? { i >= 0 && i < count ? self[i] : nil }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        switch storage {
        case .array(let values): return try values.withUnsafeBufferPointer(body)
        case .mapped(_, let base): return try body(UnsafeBufferPointer(start: base, count: count))
        }
    }

    /// Whether the values are read in place from a mapped file.
    var isMapped: Bool {
        if case .mapped = storage { return true }
        return false
    }
}

/// A read-only memory mapping of a whole file, unmapped when the last view of it goes.
final class MappedRegion: @unchecked Sendable {
    let base: UnsafeRawPointer
    let size: Int

    /// Takes over a mapping of `size` bytes at `base` (no mapping when `size` is 0).
    init(taking base: UnsafeRawPointer, size: Int) {
        self.base = base
        self.size = size
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: size) }

    deinit {
        if size > 0 { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }
}
