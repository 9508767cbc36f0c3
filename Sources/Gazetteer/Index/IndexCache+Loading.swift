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

    static func read(_ cache: Mapping, files paths: [String]) -> Gazetteer? {
        let all = UnsafeRawBufferPointer(start: cache.base, count: cache.size)
        guard all.count >= headerSize else { return nil }
        var h = ByteReader(all)
        guard h.u64() == magic, h.u64() == formatVersion, h.u64() == rulesHash, let length = h.u64(),
            let sum = h.u64(), Int(length) == all.count - headerSize
        else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: all[headerSize...])
        guard checksum(payload) == sum else { return nil }
        var r = ByteReader(payload)
        guard let fileCount = r.u64(), Int(fileCount) == paths.count else { return nil }
        var files: [PlaceLines.File] = []
        var ok = false
        defer { if !ok { for f in files where f.size > 0 { munmap(UnsafeMutableRawPointer(mutating: f.base), f.size) } } }
        var first = 0
        for path in paths {
            guard let saved = r.string(), saved == (path as NSString).lastPathComponent, let stamp = r.stamp(), let count = r.u64(),
                let mapping = Mapping(path), mapping.stamp == stamp
            else { return nil }
            files.append(PlaceLines.File(path: path, base: mapping.take(), size: mapping.size, firstPlace: first))
            first += Int(count)
        }
        guard let placeCount = r.u64(), Int(placeCount) == first, let nameCount = r.u64(), let fingerprint = r.string(),
            let orphans: [UInt64] = r.array(), let starts: [UInt64] = r.array(), let lengths: [UInt32] = r.array(),
            starts.count == first, lengths.count == first, let idSlots: [UInt64] = r.array()
        else { return nil }
        for (k, f) in files.enumerated() {
            let end = k + 1 < files.count ? files[k + 1].firstPlace : first
            for i in f.firstPlace..<end where Int(starts[i]) + Int(lengths[i]) > f.size { return nil }
        }
        var maps: [StringMultiMap] = []
        for _ in 0..<2 {
            var parts: [StringMultiMap.Part] = []
            for _ in 0..<StringMultiMap.partCount {
                guard let slots: [UInt32] = r.array(), let arena: [UInt8] = r.array(), let overflow: [UInt32] = r.array() else { return nil }
                parts.append(StringMultiMap.Part(slots: slots, arena: arena, overflow: overflow))
            }
            maps.append(StringMultiMap(parts: parts))
        }
        guard let entries: [SpellingBuckets.Entry] = r.array(), let bucketWords: [UInt64] = r.array(), bucketWords.count % 3 == 0,
            orphans.allSatisfy({ $0 < placeCount })
        else { return nil }
        var spelling = SpellingBuckets()
        spelling.entries = entries
        for k in stride(from: 0, to: bucketWords.count, by: 3) {
            let lower = Int(bucketWords[k + 1]), upper = Int(bucketWords[k + 2])
            guard lower <= upper, upper <= entries.count else { return nil }
            spelling.buckets[Int(bucketWords[k])] = lower..<upper
        }
        ok = true
        let lines = PlaceLines(files: files, starts: starts, lengths: lengths)
        let places = PlaceList(lines: lines)
        let warnings = orphans.map { i -> GazetteerError in
            let p = places[Int(i)]
            return GazetteerError(file: lines.file(of: Int(i)).path, reason: "'\(p.id)' names parent '\(p.parent ?? "")', which no place has")
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
            warnings: warnings, orphans: orphans.map { Int($0) }, nameCount: Int(nameCount), fingerprint: fingerprint,
            indexByID: IDIndex(slots: idSlots), nameIndex: maps[0], keyIndex: maps[1], spellingBuckets: spelling)
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
