import Foundation
import Geo

/// Appends little-endian numbers, strings and arrays of plain values, each array aligned to 8 bytes.
struct ByteWriter {
    var bytes = Data()

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        u64(UInt64(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
        pad()
    }

    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
        u64(UInt64(values.count))
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        pad()
    }

    mutating func stamp(_ s: IndexCache.Stamp) {
        for v in [s.size, s.modified, s.modifiedNanos, s.changed, s.changedNanos] { u64(UInt64(bitPattern: v)) }
        u64(s.inode)
        u64(s.device)
    }

    private mutating func pad() {
        while bytes.count % 8 != 0 { bytes.append(0) }
    }
}

/// Reads what `ByteWriter` writes, checking every length against the bytes there are.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    mutating func u64() -> UInt64? {
        guard at + 8 <= bytes.count else { return nil }
        defer { at += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    mutating func string() -> String? {
        guard let n = u64(), n <= UInt64(bytes.count - at) else { return nil }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + Int(n))]), as: UTF8.self)
        at += Int(n)
        skipPadding()
        return s
    }

    mutating func array<T: BitwiseCopyable>() -> [T]? {
        guard let n = u64() else { return nil }
        let stride = MemoryLayout<T>.stride
        guard n <= UInt64(bytes.count - at) / UInt64(stride) else { return nil }
        let count = Int(n)
        let source = bytes.baseAddress! + at
        let out = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: source, byteCount: count * stride) }
            initialized = count
        }
        at += count * stride
        skipPadding()
        return out
    }

    mutating func stamp() -> IndexCache.Stamp? {
        guard let size = u64(), let m = u64(), let mn = u64(), let c = u64(), let cn = u64(), let inode = u64(), let device = u64() else { return nil }
        return IndexCache.Stamp(
            size: Int64(bitPattern: size), modified: Int64(bitPattern: m), modifiedNanos: Int64(bitPattern: mn),
            changed: Int64(bitPattern: c), changedNanos: Int64(bitPattern: cn), inode: inode, device: device)
    }

    private mutating func skipPadding() {
        at = min(bytes.count, (at + 7) / 8 * 8)
    }
}
