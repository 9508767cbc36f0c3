import Foundation
@testable import Gazetteer
import Geo
import Testing
import TestSupport

/// The user layer (`user.geojson`): edits go there and nowhere else, survive a rebuild of the
/// built files, override them by id, and are seen by the next load through the built files'
/// index cache. On copies of the real gazetteer files.
@Suite("The user layer")
struct UserLayerTests {
    static let built = ["afghanistan.geojson", "water.geojson", "world.geojson"]

    /// A scratch copy of the real place files, old enough (ctime included) for the index cache to
    /// take them, with the cache made.
    static func scratch() throws -> String {
        let dir = try Fixtures.temporaryFolder("user-layer")
        for name in built { try FileManager.default.copyItem(atPath: Fixtures.gazetteerPath + "/" + name, toPath: dir + "/" + name) }
        Thread.sleep(forTimeInterval: Double(IndexCache.recentSeconds) + 1.1)
        _ = try Gazetteer.load(from: dir, indexCache: true)
        return dir
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    static let at = Coordinate(latitude: 35.41, longitude: 69.81)

    @Test("add and alias write user.geojson only; the next load sees them without rebuilding the index cache")
    func editsGoToTheUserLayer() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.built.map { try Self.bytes(dir + "/" + $0) }
        let editor = GazetteerEditor(directory: dir)
        let hamlet = Place(id: "af/panjshir/test-hamlet", name: "Test Hamlet", kind: .village, parent: "af/panjshir", country: "AF",
                           source: "test", coordinate: Self.at)
        #expect(try editor.add(hamlet) == dir + "/user.geojson")
        // A name for a built place, in world.geojson.
        #expect(try editor.update(id: "ua/kiev-city/kyiv") { (p: inout Place) throws(GazetteerError) in p.alternateNames.append(AlternateName("Kyivtest")) }
            == dir + "/user.geojson")
        #expect(try Self.built.map { try Self.bytes(dir + "/" + $0) } == before, "a built file changed")
        #expect(try UserLayerFile.read(dir + "/user.geojson") == [.place(hamlet), .names(id: "ua/kiev-city/kyiv", [AlternateName("Kyivtest")])])

        let g = try Gazetteer.load(from: dir, indexCache: true)
        #expect(g.isFromIndexCache, "the built files' index cache was rebuilt")
        #expect(g.place(id: hamlet.id) == hamlet)
        #expect(g.resolve("Test Hamlet")?.id == hamlet.id)
        #expect(g.resolve("Kyivtest")?.id == "ua/kiev-city/kyiv")
        #expect(g.resolve("Kyiv")?.id == "ua/kiev-city/kyiv")
        #expect(g.places.count == Fixtures.gazetteer.places.count + 1)
        #expect(g.places.filter { $0.id == "ua/kiev-city/kyiv" }.count == 1)
        #expect(g.nameCount == Fixtures.gazetteer.nameCount + 2)
        #expect(g.contentFingerprint != Fixtures.gazetteer.contentFingerprint)
        #expect(g.files[hamlet.id] == dir + "/user.geojson")
        #expect(g.children(of: "af/panjshir").contains { $0.id == hamlet.id })
        #expect(GazetteerValidator.validate(path: dir).errors.isEmpty)

        // Removing the entries puts the built place back as it was.
        try editor.remove(id: "ua/kiev-city/kyiv")
        try editor.remove(id: hamlet.id)
        let again = try Gazetteer.load(from: dir, indexCache: true)
        #expect(again.place(id: hamlet.id) == nil)
        #expect(again.place(id: "ua/kiev-city/kyiv") == Fixtures.gazetteer.place(id: "ua/kiev-city/kyiv"))
        #expect(again.contentFingerprint == Fixtures.gazetteer.contentFingerprint)
        #expect(try Self.built.map { try Self.bytes(dir + "/" + $0) } == before)
    }

    @Test("A user entry with a built place's id replaces it; removing the entry restores it")
    func overrideByID() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = "af/parwan/charikar/charikar"
        let original = try #require(Fixtures.gazetteer.place(id: id))
        let editor = GazetteerEditor(directory: dir)
        try editor.update(id: id) { (p: inout Place) throws(GazetteerError) in
            p.coordinate = Coordinate(latitude: 35.5, longitude: 69.5)
            p.source = "field report"
        }
        guard case .place(let entry)? = try UserLayerFile.read(dir + "/user.geojson").first else {
            Issue.record("no whole place in the user layer")
            return
        }
        #expect(entry.id == id && entry.name == original.name && entry.alternateNames == original.alternateNames)
        let g = try Gazetteer.load(from: dir, indexCache: true)
        #expect(g.place(id: id)?.coordinate == Coordinate(latitude: 35.5, longitude: 69.5))
        #expect(g.places.count == Fixtures.gazetteer.places.count)
        #expect(g.places.filter { $0.id == id }.count == 1)
        #expect(g.candidates(for: "Charikar").first?.id == id)
        #expect(g.candidates(for: "Charikar").first?.latitude == 35.5)
        #expect(g.candidates(for: "Charikar").filter { $0.id == id }.count == 1)
        #expect(GazetteerValidator.validate(path: dir).errors.isEmpty)

        try editor.remove(id: id)
        #expect(try Gazetteer.load(from: dir, indexCache: true).place(id: id) == original)
    }

    @Test("A rebuild-like replacement of world.geojson keeps the user layer, which still applies")
    func survivesARebuild() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let editor = GazetteerEditor(directory: dir)
        let town = Place(id: "ua/test-town", name: "Testivka", kind: .town, parent: "ua", country: "UA", coordinate: Coordinate(latitude: 48, longitude: 37))
        try editor.add(town)
        try editor.update(id: "ua/kiev-city/kyiv") { (p: inout Place) throws(GazetteerError) in p.alternateNames.append(AlternateName("Kyivtest")) }
        let layer = try Self.bytes(dir + "/user.geojson")

        // As Scripts/build-gazetteer.py writes it: a new file renamed over the old, with a change.
        var world = try Self.bytes(dir + "/world.geojson")
        let from = Data(#""name":"Kharkiv","#.utf8), to = Data(#""name":"Kharkov","#.utf8)
        let range = try #require(world.range(of: from))
        world.replaceSubrange(range, with: to)
        try world.write(to: URL(fileURLWithPath: dir + "/world.geojson.tmp"))
        #expect(rename(dir + "/world.geojson.tmp", dir + "/world.geojson") == 0)

        #expect(try Self.bytes(dir + "/user.geojson") == layer)
        let g = try Gazetteer.load(from: dir, indexCache: true)
        #expect(!g.isFromIndexCache)
        #expect(g.places.contains { $0.name == "Kharkov" }, "the new world.geojson was not read")
        #expect(g.place(id: town.id) == town)
        #expect(g.resolve("Kyivtest")?.id == "ua/kiev-city/kyiv")
        #expect(GazetteerValidator.validate(path: dir).errors.isEmpty)
    }

    @Test("The command line's add and alias write user.geojson, and lookup sees them")
    func commandLine() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Self.built.map { try Self.bytes(dir + "/" + $0) }
        let add = try Fixtures.conflictmap(["gazetteer", "add", "--gazetteer", dir, "--name", "Malimah Test", "--kind", "village",
                                            "--lat", "35.45", "--lon", "69.83", "--parent", "af/panjshir", "--source", "test"])
        #expect(add.status == 0, "\(add.errors)")
        // What an edit did is a message: on standard error, with nothing on standard output.
        #expect(add.errors.contains("added af/panjshir/malimah-test to \(dir)/user.geojson") && add.text.isEmpty, "\(add.text)")
        // Standard input, as every other command reads it: a dry run lists the place it would add.
        let feature = #"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[69.9,35.4]},"properties":{"name":"Stdin Test","kind":"village"}}]}"#
        let piped = try Fixtures.conflictmap(["gazetteer", "import", "-", "--format", "geojson", "--dry-run", "--gazetteer", dir], input: Data(feature.utf8))
        #expect(piped.status == 0 && piped.text.contains("would add") && piped.text.contains("stdin-test"), "\(piped.text) \(piped.errors)")
        let alias = try Fixtures.conflictmap(["gazetteer", "alias", "af/panjshir", "Panjshir Test", "--gazetteer", dir])
        #expect(alias.status == 0, "\(alias.errors)")
        let lookup = try Fixtures.conflictmap(["gazetteer", "lookup", "Panjshir Test", "--gazetteer", dir, "--json"])
        #expect(lookup.text.contains("\"id\" : \"af/panjshir\""))
        #expect(try Self.built.map { try Self.bytes(dir + "/" + $0) } == before)
        let duplicate = try Fixtures.conflictmap(["gazetteer", "add", "--gazetteer", dir, "--id", "af/panjshir", "--name", "Again",
                                                  "--kind", "province", "--lat", "35", "--lon", "69", "--parent", "af"])
        #expect(duplicate.status != 0)
        #expect(duplicate.errors.contains("already exists"))
    }

    @Test("The user layer's own format: names for a built place, canonical lines, errors with lines")
    func fileFormat() throws {
        let entries: [UserEntry] = [
            .names(id: "af/panjshir", [AlternateName("Panjsher Test", language: "en")]),
            .place(Place(id: "af/a", name: "A", kind: .town, parent: "af", coordinate: Self.at)),
        ]
        let text = UserLayerFile.text(for: entries)
        #expect(text == """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","id":"af/a","geometry":{"type":"Point","coordinates":[69.81,35.41]},"properties":{"name":"A","kind":"town","parent":"af"}},
            {"type":"Feature","id":"af/panjshir","geometry":null,"properties":{"names":[{"name":"Panjsher Test","lang":"en"}]}}
            ]}

            """)
        #expect(try UserLayerFile.parse(Data(text.utf8), path: "user.geojson") == entries.reversed())
        let bad = text.replacingOccurrences(of: #""properties":{"names":"#, with: #""properties":{"name":"x","names":"#)
        let error = #expect(throws: GazetteerError.self) { try UserLayerFile.parse(Data(bad.utf8), path: "user.geojson") }
        #expect(error?.line == 3)
    }
}
