import Foundation
import Geo

extension IndexCache {

    /// The gazetteer of `files` from the cache, or `nil` when there is no usable cache.
    static func load(files: [String], for path: String, isFolder: Bool) -> Gazetteer? {
        guard isEnabled else { return nil }
        for location in locations(for: path, isFolder: isFolder) {
            guard let cache = Mapping(location) else { continue }
            if let g = read(cache, files: files) { return g }
        }
        return nil
    }

    /// The gazetteer of `paths` from a mapped cache, read in place, or `nil` when the cache is
    /// foreign, damaged or stale. Every number read is checked before it is used as a count or
    /// an index; the arrays are views of the mapping, which lives as long as they do. (Tests read
    /// damaged caches without `checkingDigest`, as damage that the digest cannot see.)
    static func read(_ cache: Mapping, files paths: [String], checkingDigest: Bool = true) -> Gazetteer? {
        let region = MappedRegion(taking: cache.take(), size: cache.size)
        guard let (reader, digest) = payload(of: region) else { return nil }
        var r = reader
        guard let fileCount = r.u64(), fileCount == UInt64(paths.count) else { return nil }
        var files: [PlaceLines.File] = []
        var ok = false
        defer { if !ok { for f in files where f.size > 0 { munmap(UnsafeMutableRawPointer(mutating: f.base), f.size) } } }
        var first = 0
        for path in paths {
            guard let saved = r.string(), saved == (path as NSString).lastPathComponent, let stamp = r.stamp(), let count = r.u64(),
                count <= UInt64(Int32.max - Int32(first)), let mapping = Mapping(path), mapping.stamp == stamp
            else { return nil }
            files.append(PlaceLines.File(path: path, base: mapping.take(), size: mapping.size, firstPlace: first))
            first += Int(count)
        }
        guard let placeCount = r.u64(), placeCount == UInt64(first), let names = r.u64(), let nameCount = Int(exactly: names),
            let fingerprint = r.string(), let orphanWords: FlatArray<UInt64> = r.array(), orphanWords.allSatisfy({ $0 < placeCount }),
            let starts: FlatArray<UInt64> = r.array(), let lengths: FlatArray<UInt32> = r.array(),
            starts.count == first, lengths.count == first, let idSlots: FlatArray<UInt64> = r.array(),
            let nameIndex = readMap(&r), let keyIndex = readMap(&r), let spelling = readSpelling(&r),
            r.at == r.count, r.dataAt == r.dataCount, r.digest.value == digest || !checkingDigest
        else { return nil }
        ok = true
        let lines = PlaceLines(files: files, starts: starts, lengths: lengths)
        let places = PlaceList(lines: lines)
        let orphans = orphanWords.map { Int($0) }
        let warnings = orphans.map { i -> GazetteerError in
            let p = places[i]
            return GazetteerError(file: lines.file(of: i).path, reason: "'\(p.id)' names parent '\(p.parent ?? "")', which no place has")
        }
        let total = first
        return Gazetteer(
            cached: places,
            files: FileTable {
                var origin: [String: String] = [:]
                origin.reserveCapacity(total)
                for i in 0..<total where origin[places[i].id] == nil { origin[places[i].id] = lines.file(of: i).path }
                return origin
            },
            warnings: warnings, orphans: orphans, nameCount: nameCount, fingerprint: fingerprint,
            indexByID: IDIndex(slots: idSlots), nameIndex: nameIndex, keyIndex: keyIndex, spellingBuckets: spelling)
    }

    /// A reader of the payload of a mapped cache whose header and footer are this build's and
    /// agree with each other and with the file's size, and the digest the header gives.
    static func payload(of region: MappedRegion) -> (ByteReader, digest: UInt64)? {
        guard region.size >= headerSize + footerSize else { return nil }
        var h = ByteReader(region, from: 0, count: headerSize)
        var f = ByteReader(region, from: region.size - footerSize, count: footerSize)
        guard h.u64() == magic, h.u64() == formatVersion, h.u64() == rulesHash, let length = h.u64(),
            length == UInt64(region.size - headerSize - footerSize), let numbers = h.u64(), numbers <= length,
            let digest = h.u64(), let token = h.u64(), f.u64() == token, f.u64() == footerMagic
        else { return nil }
        let reader = ByteReader(region, from: headerSize, count: Int(numbers), dataCount: Int(length - numbers))
        return (reader, digest)
    }

    /// One string multimap, its parts' arrays as views of the cache.
    static func readMap(_ r: inout ByteReader) -> StringMultiMap? {
        var parts: [StringMultiMap.Part] = []
        parts.reserveCapacity(StringMultiMap.partCount)
        for _ in 0..<StringMultiMap.partCount {
            guard let slots: FlatArray<UInt32> = r.array(), let arena: FlatArray<UInt8> = r.array(),
                let overflow: FlatArray<UInt32> = r.array()
            else { return nil }
            parts.append(StringMultiMap.Part(slots: slots, arena: arena, overflow: overflow))
        }
        return StringMultiMap(parts: parts)
    }

    /// The spelling buckets: their entries as a view of the cache, their ranges checked.
    static func readSpelling(_ r: inout ByteReader) -> SpellingBuckets? {
        guard let entries: FlatArray<SpellingBuckets.Entry> = r.array(), let words: FlatArray<UInt64> = r.array(),
            words.count % 3 == 0
        else { return nil }
        var spelling = SpellingBuckets()
        spelling.entries = entries
        spelling.buckets.reserveCapacity(words.count / 3)
        for k in stride(from: 0, to: words.count, by: 3) {
            guard let bucket = Int(exactly: words[k]), let lower = Int(exactly: words[k + 1]), let upper = Int(exactly: words[k + 2]),
                lower <= upper, upper <= entries.count
            else { return nil }
            spelling.buckets[bucket] = lower..<upper
        }
        return spelling
    }

    /// A file mapped read-only, with its stamp taken from the open file.
    final class Mapping {
        let base: UnsafeRawPointer
        let size: Int
        let stamp: Stamp
        private var owned = true

        init?(_ path: String) {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var s = stat()
            guard fstat(fd, &s) == 0, s.st_mode & S_IFMT == S_IFREG else { return nil }
            stamp = Stamp(s)
            size = Int(s.st_size)
            if size == 0 {
                base = UnsafeRawPointer(bitPattern: 1)!
                owned = false
                return
            }
            guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
            base = UnsafeRawPointer(p)
        }

        /// Hands the mapping over to the caller, who unmaps it.
        func take() -> UnsafeRawPointer {
            owned = false
            return base
        }

        deinit {
            if owned { munmap(UnsafeMutableRawPointer(mutating: base), size) }
        }
    }
}
