import Foundation

/// A growable byte buffer in its own anonymous memory mapping: pages it never touches cost no
/// memory, and releasing it gives its pages back to the system (the heap keeps no holes).
final class MappedBuffer: @unchecked Sendable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    init(reserving bytes: Int = 0) {
        if bytes > 0 { reserve(bytes) }
    }

    deinit { release() }

    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Makes room for `extra` more bytes.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let wanted = max(count + extra, capacity * 2, 1 << 16)
        let size = (wanted + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        guard let fresh = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), fresh != MAP_FAILED else {
            fatalError("cannot map \(size) bytes of memory")
        }
        if let base {
            fresh.copyMemory(from: base, byteCount: count)
            munmap(base, capacity)
        }
        base = fresh
        capacity = size
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base! + count).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
        count += bytes.count
    }

    func truncate(to n: Int) { count = min(count, n) }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        body(UnsafeRawBufferPointer(start: base, count: count))
    }

    func withMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        body(UnsafeMutableRawBufferPointer(start: base, count: count))
    }

    /// The buffer's bytes from element `first` on, as elements of a trivial type.
    func withMutableElements<T: BitwiseCopyable, R>(of type: T.Type, from first: Int, _ body: (UnsafeMutableBufferPointer<T>) -> R) -> R {
        let n = count / MemoryLayout<T>.stride
        guard let base, first < n else { return body(UnsafeMutableBufferPointer(start: nil, count: 0)) }
        let elements = base.bindMemory(to: T.self, capacity: n)
        return body(UnsafeMutableBufferPointer(start: elements + first, count: n - first))
    }

    /// Gives the memory back.
    func release() {
        if let base { munmap(base, capacity) }
        base = nil
        capacity = 0
        count = 0
    }
}
