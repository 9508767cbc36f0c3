import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@Suite("Editing the gazetteer")
struct EditorTests {
    /// A scratch gazetteer folder holding a copy of the Afghan file.
    func scratch() throws -> String {
        let dir = try Fixtures.temporaryFolder("gazetteer")
        try FileManager.default.copyItem(atPath: Fixtures.gazetteerPath + "/afghanistan.geojson", toPath: dir + "/afghanistan.geojson")
        return dir
    }

    @Test("Four processes adding places at once lose nothing, and the file stays valid")
    func concurrentAdds() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let binary = Fixtures.builtExecutable("conflictmap")
        let perProcess = 5
        var processes: [Process] = []
        for worker in 0..<4 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            var script = ""
            for n in 0..<perProcess {
                script += "'\(binary)' gazetteer add --gazetteer '\(dir)' --name 'Worker \(worker) Place \(n)' --kind village "
                script += "--lat 35.\(worker)\(n) --lon 69.\(n)\(worker) --parent af/panjshir --source test || exit 1\n"
            }
            process.arguments = ["-c", script]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append(process)
        }
        for p in processes { p.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        // The places go to the user layer; the built file is as it was.
        let places = try UserLayerFile.read(dir + "/user.geojson")
        for worker in 0..<4 {
            for n in 0..<perProcess {
                #expect(places.contains { if case .place(let p) = $0 { p.name == "Worker \(worker) Place \(n)" } else { false } },
                        "lost worker \(worker)'s place \(n)")
            }
        }
        #expect(places.count == 4 * perProcess)
        #expect(FileManager.default.contentsEqual(atPath: dir + "/afghanistan.geojson", andPath: Fixtures.gazetteerPath + "/afghanistan.geojson"))
        #expect(GazetteerValidator.validate(path: dir).errors.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test("Adding then removing a place restores the file byte for byte")
    func addRemoveRoundTrip() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/afghanistan.geojson"))
        let editor = GazetteerEditor(directory: dir)
        let place = Place(id: "af/panjshir/dara/test-hamlet", name: "Test Hamlet", kind: .village, parent: "af/panjshir/dara",
                          country: "AF", alternateNames: [AlternateName("تست", language: "fa")], source: "test",
                          coordinate: Coordinate(latitude: 35.41, longitude: 69.81))
        try editor.add(place)
        try editor.update(id: place.id) { (p: inout Place) throws(GazetteerError) in p.alternateNames.append(AlternateName("Test Hamlat")) }
        let g = try Gazetteer.load(from: dir)
        #expect(g.resolve("Test Hamlat")?.id == place.id)
        try editor.remove(id: place.id)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/afghanistan.geojson")) == before)
    }

    @Test("Duplicate ids, dangling parents, removing a parent and bad coordinates are refused, and nothing is written")
    func refusals() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/afghanistan.geojson"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let editor = GazetteerEditor(directory: dir)
        let at = Coordinate(latitude: 35, longitude: 69)
        #expect(throws: GazetteerError.self) { try editor.add(Place(id: "af/panjshir", name: "Again", kind: .province, parent: "af", coordinate: at)) }
        #expect(throws: GazetteerError.self) { try editor.add(Place(id: "af/x/y", name: "Y", kind: .town, parent: "af/x", coordinate: at)) }
        #expect(throws: GazetteerError.self) { try editor.remove(id: "af/panjshir") }
        #expect(throws: GazetteerError.self) {
            try editor.add(Place(id: "af/panjshir/z", name: "Z", kind: .town, parent: "af/panjshir", coordinate: Coordinate(latitude: 169, longitude: 35)))
        }
        #expect(throws: GazetteerError.self) { try editor.update(id: "af/nowhere") { (_: inout Place) throws(GazetteerError) in } }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("validate lists every problem with its file and line, and the real gazetteer has none")
    func validate() throws {
        #expect(GazetteerValidator.validate(path: Fixtures.gazetteerPath).errors.isEmpty)
        let dir = try Fixtures.temporaryFolder("invalid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = [
            #"{"type":"FeatureCollection","features":["#,
            #"{"type":"Feature","id":"af","geometry":{"type":"Point","coordinates":[66,34]},"properties":{"name":"Afghanistan","kind":"country"}},"#,
            #"{"type":"Feature","id":"af/a","geometry":{"type":"Point","coordinates":[69,35]},"properties":{"name":"A","kind":"town","parent":"af/missing"}},"#,
            #"{"type":"Feature","id":"af/b","geometry":{"type":"Point","coordinates":[69,95]},"properties":{"name":"B","kind":"town","parent":"af"}},"#,
            #"{"type":"Feature","id":"af","geometry":{"type":"Point","coordinates":[66,34]},"properties":{"name":"Again","kind":"country"}}"#,
            "]}",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/bad.geojson", atomically: true, encoding: .utf8)
        let report = GazetteerValidator.validate(path: dir)
        let text = report.errors.map(\.description)
        #expect(text.contains { $0.contains("bad.geojson:3") && $0.contains("af/missing") })
        #expect(text.contains { $0.contains("bad.geojson:4") && $0.contains("latitude") })
        #expect(text.contains { $0.contains("bad.geojson:5") && $0.contains("duplicate id 'af'") })
        #expect(report.errors.count == 3)
    }

    @Test("A GeoNames dump imports with kinds by feature code and parents by outline")
    func geonamesImport() throws {
        let dump = [
            "1138958\tKabul\tKabul\tKabol,کابل\t34.52813\t69.17233\tP\tPPLC\tAF\t\t13\t\t\t\t4434550\t\t1808\tAsia/Kabul\t2024-01-01",
            "9999999\tTest Gorge\tTest Gorge\t\t35.30\t69.50\tT\tVAL\tAF\t\t42\t\t\t\t0\t\t2000\tAsia/Kabul\t2024-01-01",
            "broken line",
        ].joined(separator: "\n")
        #expect(throws: GazetteerError.self) { try GeoNamesDump.parse(dump, path: "AF.txt") }
        let rows = try GeoNamesDump.parse(dump.split(separator: "\n").dropLast().joined(separator: "\n"), path: "AF.txt")
        #expect(rows.count == 2)
        #expect(rows[0].alternateNames == ["Kabol", "کابل"])
        #expect(GeoNamesDump.kind(featureClass: rows[0].featureClass, featureCode: rows[0].featureCode, population: rows[0].population) == .city)
        #expect(GeoNamesDump.kind(featureClass: "T", featureCode: "VAL", population: 0) == .valley)
        #expect(GeoNamesDump.kind(featureClass: "S", featureCode: "HTL", population: 0) == nil)
    }
}
