import Foundation
@testable import Gazetteer
import Geo
import Testing
import TestSupport

/// Names that exercise every way of matching: exact, alias, transliteration key, one-letter
/// spelling slips, Arabic script, and names that must not match.
let cacheProbeNames = variants.map(\.spelling) + [
    "Kabul", "Parwan", "Badakhshan", "Hindu Kush", "پنجشیر", "کابل", "Bagram", "Kharkiv", "Bakhmut", "Khartoum",
    "El Fasher", "Gaza City", "Charika", "Shotul", "Mazar-i-Sharif", "Springfield", "Reading", "Taliban", "Qqqqqqq",
]

@Suite("The index cache")
struct IndexCacheTests {
    /// Asserts that two gazetteers resolve names, find ids and walk parents alike.
    func expectSameAnswers(_ cached: Gazetteer, _ built: Gazetteer, names: [String], ids: [String]) {
        #expect(cached.places.count == built.places.count)
        #expect(cached.nameCount == built.nameCount)
        #expect(cached.contentFingerprint == built.contentFingerprint)
        #expect(cached.warnings == built.warnings)
        for name in names {
            let region = built.place(id: "af/panjshir")
            let context = ResolutionContext(region: region)
            #expect(cached.candidates(for: name, limit: 10) == built.candidates(for: name, limit: 10), "candidates for \(name)")
            #expect(cached.candidates(for: name, context: context) == built.candidates(for: name, context: context), "\(name) near Panjshir")
            #expect(cached.hasName(normalized: NameKey.normalized(name)) == built.hasName(normalized: NameKey.normalized(name)))
        }
        for id in ids {
            #expect(cached.place(id: id) == built.place(id: id), "place \(id)")
            if let p = built.place(id: id) { #expect(cached.ancestors(of: p) == built.ancestors(of: p)) }
        }
    }

    @Test("The real gazetteer read from its cache answers exactly as the one built from the files")
    func realGazetteer() throws {
        // The first load builds the cache (or reads one a test or command made); the second reads it.
        _ = try Gazetteer.load(from: Fixtures.gazetteerPath, indexCache: true, recent: -1)
        let cached = try Gazetteer.load(from: Fixtures.gazetteerPath, indexCache: true, recent: -1)
        let built = Fixtures.gazetteer
        #expect(cached.isFromIndexCache)
        #expect(!built.isFromIndexCache)
        #expect(cached.places.count > 70_000)
        let ids = variants.map(\.id) + ["af", "af/panjshir", "af/panjshir/shutul", "af/kabul/kabul/kabul", "ua", "sd", "no/such/place"]
        expectSameAnswers(cached, built, names: cacheProbeNames, ids: ids)
        // Every place, read from its line on demand, is the place the full parse made.
        var different: [String] = []
        for i in built.places.indices where cached.places[i] != built.places[i] { different.append(built.places[i].id) }
        #expect(different.isEmpty, "places that differ: \(different.prefix(5))")
        // The saved fingerprint is the one the places give.
        #expect(Gazetteer.fingerprint(of: cached.places) == built.contentFingerprint)
        #expect(Set(cached.normalizedNames) == Set(built.normalizedNames))
    }

    /// How many bytes the numbers and strings of a saved cache take (its header's fifth word).
    static func numbersLength(of cache: Data) -> Int {
        Int(cache[32..<40].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
    }

    /// A scratch gazetteer folder holding a copy of the Afghan file.
    func scratch() throws -> String {
        let dir = try Fixtures.temporaryFolder("index-cache")
        try FileManager.default.copyItem(atPath: Fixtures.gazetteerPath + "/afghanistan.geojson", toPath: dir + "/afghanistan.geojson")
        return dir
    }

    @Test("A changed file, a new file, a damaged or truncated cache: each is noticed, and the files are read instead")
    func staleAndDamaged() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cachePath = dir + "/.index-cache"
        let first = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!first.isFromIndexCache)
        #expect(FileManager.default.fileExists(atPath: cachePath))
        let second = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(second.isFromIndexCache)
        expectSameAnswers(second, first, names: cacheProbeNames, ids: ["af/panjshir", "af/panjshir/shutul", "af/parwan/charikar/charikar"])

        // An edit of the user layer leaves the built file's cache valid, and is seen.
        let user = Place(id: "af/panjshir/dara/cache-test-user", name: "Cachetest Userplace", kind: .village, parent: "af/panjshir/dara",
                         country: "AF", source: "test", coordinate: Coordinate(latitude: 35.42, longitude: 69.82))
        try GazetteerEditor(directory: dir).add(user)
        let layered = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(layered.isFromIndexCache)
        #expect(layered.resolve("Cachetest Userplace")?.id == user.id)
        try GazetteerEditor(directory: dir).remove(id: user.id)

        // An edit that replaces a built file: the cache is stale, and the new place is found.
        let place = Place(id: "af/panjshir/dara/cache-test-hamlet", name: "Cachetest Hamlet", kind: .village, parent: "af/panjshir/dara",
                          country: "AF", source: "test", coordinate: Coordinate(latitude: 35.41, longitude: 69.81))
        try GazetteerEditor(directory: dir).add(place, to: dir + "/afghanistan.geojson")
        let edited = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!edited.isFromIndexCache)
        #expect(edited.resolve("Cachetest Hamlet")?.id == place.id)
        let editedCached = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(editedCached.isFromIndexCache)
        #expect(editedCached.resolve("Cachetest Hamlet")?.id == place.id)
        #expect(editedCached.place(id: place.id) == place)

        // A file written in place, same size (a byte of a name changed, not through the editor).
        let file = dir + "/afghanistan.geojson"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"Cachetest Hamlet\"", with: "\"Cachetest Hamlat\"")
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        let rewritten = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!rewritten.isFromIndexCache)
        #expect(rewritten.place(id: place.id)?.name == "Cachetest Hamlat")

        // A second place file in the folder.
        _ = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        try (GazetteerFile.header + "\n" + GazetteerFile.line(for: Place(
            id: "xx/cache-test", name: "Cachetest Town", kind: .town, country: "XX", source: "test",
            coordinate: Coordinate(latitude: 1, longitude: 2))) + "\n" + GazetteerFile.footer + "\n")
            .write(toFile: dir + "/extra.geojson", atomically: true, encoding: .utf8)
        let added = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!added.isFromIndexCache)
        #expect(added.resolve("Cachetest Town")?.id == "xx/cache-test")
        let reference = try Gazetteer.load(from: dir)

        // Damage: a flipped byte in the header (the rules hash, the digest), the file table, the
        // last array's length or the footer, then a cut-off file, then garbage.
        #expect(try Gazetteer.load(from: dir, indexCache: true, recent: -1).isFromIndexCache)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cachePath))
        let numbersEnd = IndexCache.headerSize + Self.numbersLength(of: bytes)
        for offset in [16, 40, IndexCache.headerSize + 18, numbersEnd - 8, bytes.count - 1] {
            var flippedBytes = bytes
            flippedBytes[offset] ^= 0x5A
            try flippedBytes.write(to: URL(fileURLWithPath: cachePath))
            let flipped = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
            #expect(!flipped.isFromIndexCache, "a flipped byte at \(offset) of \(bytes.count)")
            expectSameAnswers(flipped, reference, names: cacheProbeNames, ids: ["af/panjshir/shutul", "xx/cache-test"])
        }
        for damaged in [bytes.prefix(bytes.count / 3), bytes.prefix(20), Data(repeating: 0xFF, count: 4096), Data()] {
            try Data(damaged).write(to: URL(fileURLWithPath: cachePath))
            let g = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
            #expect(!g.isFromIndexCache)
            #expect(g.resolve("Shotul")?.id == "af/panjshir/shutul")
        }
        #expect(try Gazetteer.load(from: dir, indexCache: true, recent: -1).isFromIndexCache)
    }

    @Test("Damage inside the bulk of the cached indexes may go unseen, but never stops a run")
    func bulkDamage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cachePath = dir + "/.index-cache"
        _ = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(try Gazetteer.load(from: dir, indexCache: true, recent: -1).isFromIndexCache)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cachePath))
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var fromCache = 0
        for round in 0..<48 {
            var damaged = bytes
            // The arrays, between the numbers and the footer.
            let low = IndexCache.headerSize + Self.numbersLength(of: bytes), high = bytes.count - IndexCache.footerSize
            switch round % 3 {
            case 0: for _ in 0..<32 { damaged[low + next(high - low)] ^= UInt8(1 + next(255)) }
            case 1:
                let start = low + next(high - low - 8192)
                for i in start..<(start + 8192) { damaged[i] = round % 2 == 0 ? 0xFF : UInt8(next(256)) }
            default: for _ in 0..<512 { damaged[low + next(high - low)] = UInt8(next(256)) }
            }
            try damaged.write(to: URL(fileURLWithPath: cachePath), options: .atomic)
            // Read as damage that the cheap checks do not see (the digest, which covers small
            // arrays whole, would catch most of it in a cache this small).
            let mapping = try #require(IndexCache.Mapping(cachePath))
            guard let g = IndexCache.read(mapping, files: [dir + "/afghanistan.geojson"], checkingDigest: false) else { continue }
            fromCache += 1
            // Every kind of lookup, over damaged arrays: wrong answers are allowed, a trap is not.
            for name in cacheProbeNames + ["Kabul Province", "Panjsher Valley", "Bagramm", "Charikarr"] {
                _ = g.candidates(for: name, limit: 10)
                _ = g.candidates(for: name, context: ResolutionContext(region: g.place(id: "af/panjshir")))
                _ = g.hasName(normalized: NameKey.normalized(name))
            }
            for id in ["af", "af/panjshir", "af/panjshir/shutul", "af/kabul", "no/such/place"] {
                if let p = g.place(id: id) { _ = g.ancestors(of: p) }
            }
            _ = g.normalizedNames.count
            _ = g.places.reduce(0) { $0 + $1.alternateNames.count }
            _ = g.warnings.count
        }
        // Most damaged caches were read (the others failed a check on a value read at load: an
        // orphan's number, a spelling bucket's range), and the lookups ran over them.
        #expect(fromCache >= 20, "\(fromCache) of 48 damaged caches were read")
        // Through the cheap checks, damage to the small arrays (digested whole) is caught, and the
        // files are read instead.
        var damaged = bytes
        let low = IndexCache.headerSize + Self.numbersLength(of: bytes)
        for i in low..<(bytes.count - IndexCache.footerSize) { damaged[i] ^= 0xA5 }
        try damaged.write(to: URL(fileURLWithPath: cachePath), options: .atomic)
        let rebuilt = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!rebuilt.isFromIndexCache)
        #expect(rebuilt.resolve("Shotul")?.id == "af/panjshir/shutul")
    }

    @Test("Files changed in the last two seconds are not cached")
    func recentFilesAreNotCached() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let g = try Gazetteer.load(from: dir, indexCache: true)
        #expect(!g.isFromIndexCache)
        #expect(!FileManager.default.fileExists(atPath: dir + "/.index-cache"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test("A single gazetteer file is cached beside it, and loads the same from the cache")
    func singleFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/afghanistan.geojson"
        let built = try Gazetteer.load(from: file, indexCache: true, recent: -1)
        #expect(FileManager.default.fileExists(atPath: dir + "/.afghanistan.geojson.index-cache"))
        let cached = try Gazetteer.load(from: file, indexCache: true, recent: -1)
        #expect(cached.isFromIndexCache)
        expectSameAnswers(cached, built, names: cacheProbeNames, ids: ["af/panjshir/shutul", "af/kabul"])
        // The folder's cache is another one: the folder may hold more files.
        #expect(!(try Gazetteer.load(from: dir, indexCache: true, recent: -1)).isFromIndexCache)
    }

    @Test("conflictmap analyze writes the same JSON with the cache and without it")
    func commandLine() throws {
        let binary = Fixtures.builtExecutable("conflictmap")
        let dir = try Fixtures.temporaryFolder("index-cache-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let arguments = ["analyze", Fixtures.examplesPath, "--format", "json", "--out"]
        let off = try Fixtures.run("env", ["CONFLICTMAP_INDEX_CACHE=off", binary] + arguments + [dir + "/off.json"])
        let on = try Fixtures.run(binary, arguments + [dir + "/on.json"])
        let again = try Fixtures.run(binary, arguments + [dir + "/again.json"])
        #expect(off.status == 0 && on.status == 0 && again.status == 0, "\(off.output)\(on.output)")
        let reference = try Data(contentsOf: URL(fileURLWithPath: dir + "/off.json"))
        #expect(reference.count > 10_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/on.json")) == reference)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/again.json")) == reference)
    }
}

@Suite("Reading outlines")
struct OutlineReadingTests {
    @Test("An outline file that is not one feature per line (as QGIS writes it) is read whole, not found empty")
    func prettyPrintedOutlines() throws {
        let dir = try Fixtures.temporaryFolder("outlines")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pretty = """
            {
              "type": "FeatureCollection",
              "features": [
                {
                  "type": "Feature",
                  "id": "xx/square",
                  "properties": { "name": "Square", "kind": "province" },
                  "geometry": { "type": "Polygon", "coordinates": [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]] }
                }
              ]
            }
            """
        try pretty.write(toFile: dir + "/outlines.geojson", atomically: true, encoding: .utf8)
        for box in [nil, BoundingBox(south: 9, west: 9, north: 12, east: 12)] {
            let set = try BoundarySet.load(from: dir, within: box)
            let square = try #require(set["xx/square"])
            #expect(square.name == "Square" && square.kind == .province)
            #expect(square.boundingBox.north == 11 && square.boundingBox.west == 10)
        }
        // One feature per line, as the gazetteer writes them: the same outline.
        let line = #"{"type":"Feature","id":"xx/square","properties":{"name":"Square","kind":"province"},"geometry":{"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}}"#
        try "{\"type\":\"FeatureCollection\",\"features\":[\n\(line)\n]}\n".write(toFile: dir + "/outlines.geojson", atomically: true, encoding: .utf8)
        #expect(try BoundarySet.load(from: dir)["xx/square"]?.name == "Square")
        // A file that is not GeoJSON at all is an error naming it.
        try "not json".write(toFile: dir + "/outlines.geojson", atomically: true, encoding: .utf8)
        #expect(throws: GazetteerError.self) { try BoundarySet.load(from: dir) }
    }
}
