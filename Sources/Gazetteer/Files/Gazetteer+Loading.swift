import Foundation
import Geo

extension Gazetteer {
    /// Loads the built place files `files` of a gazetteer path (none: an empty gazetteer), from
    /// the index cache when `indexCache` is set and it matches them, else by parsing them (and
    /// then saving the cache, for files changed more than `recent` seconds ago).
    static func loadBuilt(
        _ files: [String], path: String, isFolder: Bool, indexCache: Bool, recent: Int64
    ) throws(GazetteerError) -> Gazetteer {
        guard !files.isEmpty else { return try Gazetteer(places: []) }
        if indexCache, let cached = IndexCache.load(files: files, for: path, isFolder: isFolder) {
            return cached
        }
        let stamps = indexCache ? files.map(IndexCache.Stamp.of) : []
        // Each file is parsed in parallel chunks, which normalize the names as they go; each
        // block of chunks is then added to the indexes, so that little is held in between.
        var bytes = 0
        for file in files {
            var info = stat()
            if stat(file, &info) == 0 { bytes += Int(info.st_size) }
        }
        // (About 60 bytes of file per name; the estimate only sizes the first allocations.)
        let builder = IndexBuilder(expectedNames: bytes / 60)
        var chunks: [PlaceChunk] = []
        var fileOfChunk: [String] = []
        var lineRanges: [[(start: UInt64, length: UInt32)]?] = []
        for file in files {
            let parsed = try GazetteerFile.parsePlaceFile(file, builder: builder)
            chunks += parsed
            fileOfChunk += Array(repeating: file, count: parsed.count)
            lineRanges.append(parsed.contains { $0.lineRanges == nil } ? nil : parsed.flatMap { $0.lineRanges ?? [] })
        }
        let counts = chunks.map(\.count)
        let all = PlaceChunk.join(chunks)
        chunks = []
        let gazetteer = try Gazetteer(places: all, files: FileTable { [all, fileOfChunk] in
            var origin: [String: String] = [:]
            origin.reserveCapacity(all.count)
            var start = 0
            for (c, count) in counts.enumerated() {
                for i in start..<(start + count) where origin[all[i].id] == nil { origin[all[i].id] = fileOfChunk[c] }
                start += count
            }
            return origin
        }, builder: builder)
        if indexCache {
            IndexCache.save(
                gazetteer, files: files, lineRanges: lineRanges, stamps: stamps, for: path, isFolder: isFolder, recent: recent)
        }
        return gazetteer
    }
}
