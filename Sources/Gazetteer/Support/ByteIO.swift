import Foundation
import Geo

/// A digest of what a `ByteWriter` wrote, or a `ByteReader` read, but for the contents of large
/// arrays: every number (each array's place and length among them), string and small array. It
/// checks a saved index cache cheaply, reading only the few pages that hold these.
struct StructureDigest: Equatable {
    private(set) var value: UInt64 = 0x6A09_E667_F3BC_C908

    /// Arrays of up to this many bytes are digested whole; larger ones by their length only.
    static let wholeBytes = 4096

    mutating func add(_ v: UInt64) {
        value = (value ^ v) &* 0x100_0000_01B3
        value ^= value >> 29
    }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        add(UInt64(bytes.count))
        if bytes.count <= Self.wholeBytes { add(IndexCache.checksum(bytes)) }
    }
}

/// Writes little-endian numbers and strings to `bytes` and arrays of plain values to `data`, each
/// aligned to 8 bytes, with each array's place (offset in `data`, count) in `bytes`. The numbers
/// are then read from a few pages at the start of a saved file, and an array is touched only when
/// a lookup uses it.
struct ByteWriter {
    var bytes = Data()
    var data = Data()
    var digest = StructureDigest()

    mutating func u64(_ v: UInt64) {
        digest.add(v)
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        u64(UInt64(s.utf8.count))
        Array(s.utf8).withUnsafeBytes { digest.add(bytes: $0) }
        bytes.append(contentsOf: s.utf8)
        while bytes.count % 8 != 0 { bytes.append(0) }
    }

    mutating func array<T: BitwiseCopyable>(_ values: [T]) {
        values.withUnsafeBufferPointer { array($0) }
    }

    mutating func array<T: BitwiseCopyable>(_ values: FlatArray<T>) {
        values.withUnsafeBufferPointer { array($0) }
    }

    mutating func array<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>) {
        u64(UInt64(data.count))
        u64(UInt64(values.count))
        let raw = UnsafeRawBufferPointer(values)
        digest.add(bytes: raw)
        data.append(contentsOf: raw)
        while data.count % 8 != 0 { data.append(0) }
    }

    mutating func stamp(_ s: IndexCache.Stamp) {
        for v in [s.size, s.modified, s.modifiedNanos, s.changed, s.changedNanos] { u64(UInt64(bitPattern: v)) }
        u64(s.inode)
        u64(s.device)
    }
}

/// Reads what `ByteWriter` writes, checking every length and offset against the bytes there are.
/// Arrays are views of the mapped file (nothing is copied); they must follow one another in the
/// data in the order they were written. The digest is that of what was read.
struct ByteReader {
    let region: MappedRegion
    /// Where the numbers and strings start in the region, and how many bytes they take.
    let origin: Int
    let count: Int
    /// Where the arrays start in the region, and how many bytes they take.
    let dataOrigin: Int
    let dataCount: Int
    var at = 0
    /// Where the next array must start in the data.
    var dataAt = 0
    var digest = StructureDigest()

    init(_ region: MappedRegion, from origin: Int, count: Int, dataCount: Int = 0) {
        self.region = region
        self.origin = max(0, min(origin, region.size))
        self.count = max(0, min(count, region.size - self.origin))
        dataOrigin = self.origin + self.count
        self.dataCount = max(0, min(dataCount, region.size - dataOrigin))
    }

    private func slice(_ n: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: region.base + origin + at, count: n)
    }

    mutating func u64() -> UInt64? {
        guard at + 8 <= count else { return nil }
        defer { at += 8 }
        let v = UInt64(littleEndian: slice(8).loadUnaligned(as: UInt64.self))
        digest.add(v)
        return v
    }

    mutating func string() -> String? {
        guard let n = u64(), n <= UInt64(count - at) else { return nil }
        let bytes = slice(Int(n))
        digest.add(bytes: bytes)
        let s = String(decoding: bytes, as: UTF8.self)
        at = min(count, (at + Int(n) + 7) / 8 * 8)
        return s
    }

    mutating func array<T: BitwiseCopyable>() -> FlatArray<T>? {
        let stride = MemoryLayout<T>.stride
        guard let offset = u64(), offset == UInt64(dataAt), let n = u64(), stride > 0,
            n <= UInt64(dataCount - dataAt) / UInt64(stride)
        else { return nil }
        let length = Int(n)
        guard let view = FlatArray<T>(region: region, offset: dataOrigin + dataAt, count: length) else { return nil }
        if length * stride <= StructureDigest.wholeBytes {
            digest.add(bytes: UnsafeRawBufferPointer(start: region.base + dataOrigin + dataAt, count: length * stride))
        } else {
            digest.add(UInt64(length * stride))
        }
        dataAt = min(dataCount, (dataAt + length * stride + 7) / 8 * 8)
        return view
    }

    mutating func stamp() -> IndexCache.Stamp? {
        guard let size = u64(), let m = u64(), let mn = u64(), let c = u64(), let cn = u64(), let inode = u64(), let device = u64() else { return nil }
        return IndexCache.Stamp(
            size: Int64(bitPattern: size), modified: Int64(bitPattern: m), modifiedNanos: Int64(bitPattern: mn),
            changed: Int64(bitPattern: c), changedNanos: Int64(bitPattern: cn), inode: inode, device: device)
    }

}
