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

        // Damage: a flipped byte in the middle, then a cut-off file, then garbage.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: cachePath))
        #expect(try Gazetteer.load(from: dir, indexCache: true, recent: -1).isFromIndexCache)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: cachePath))
        let flipped = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
        #expect(!flipped.isFromIndexCache)
        expectSameAnswers(flipped, reference, names: cacheProbeNames, ids: ["af/panjshir/shutul", "xx/cache-test"])
        for damaged in [bytes.prefix(bytes.count / 3), bytes.prefix(20), Data(repeating: 0xFF, count: 4096), Data()] {
            try Data(damaged).write(to: URL(fileURLWithPath: cachePath))
            let g = try Gazetteer.load(from: dir, indexCache: true, recent: -1)
            #expect(!g.isFromIndexCache)
            #expect(g.resolve("Shotul")?.id == "af/panjshir/shutul")
        }
        #expect(try Gazetteer.load(from: dir, indexCache: true, recent: -1).isFromIndexCache)
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
