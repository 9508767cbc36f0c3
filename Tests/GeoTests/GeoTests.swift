import Foundation
import Testing

@testable import Geo

@Suite("Geodesy and projections")
struct GeodesyTests {
    @Test("Vincenty's inverse gives the published Flinders Peak–Buninyong distance")
    func vincentyReference() {
        // Vincenty (1975) / Geoscience Australia worked example: 54 972.271 m.
        let flinders = Coordinate(latitude: -(37 + 57 / 60.0 + 3.72030 / 3600), longitude: 144 + 25 / 60.0 + 29.52440 / 3600)
        let buninyong = Coordinate(latitude: -(37 + 39 / 60.0 + 10.15610 / 3600), longitude: 143 + 55 / 60.0 + 35.38390 / 3600)
        #expect(abs(Geodesy.distance(flinders, buninyong) - 54_972.271) < 0.01)
    }

    @Test("A degree of latitude at the equator is 110.574 km on WGS84")
    func degreeAtEquator() {
        let d = Geodesy.distance(Coordinate(latitude: 0, longitude: 0), Coordinate(latitude: 1, longitude: 0))
        #expect(abs(d - 110_574.4) < 1)
        #expect(Geodesy.distance(Coordinate(latitude: 10, longitude: 10), Coordinate(latitude: 10, longitude: 10)) == 0)
    }

    @Test("Lambert conformal conic round-trips and keeps true scale on its standard parallels")
    func lambertConic() {
        let box = BoundingBox(south: 34, west: 68, north: 37, east: 71)
        let p = ConformalProjection(suitedTo: box)
        guard case .lambertConic(let parallels) = p.kind else {
            Issue.record("expected a Lambert conic for a mid-latitude extent, got \(p)")
            return
        }
        for c in [Coordinate(latitude: 35.2946, longitude: 69.3034), Coordinate(latitude: 34.5281, longitude: 69.1723), box.center] {
            let back = p.unproject(p.project(c))
            #expect(abs(back.latitude - c.latitude) < 1e-9 && abs(back.longitude - c.longitude) < 1e-9)
        }
        // Along a standard parallel, projected length equals geodesic length (scale factor 1).
        let a = Coordinate(latitude: parallels.0, longitude: 69.5), b = Coordinate(latitude: parallels.0, longitude: 69.6)
        let pa = p.project(a), pb = p.project(b)
        let planar = ((pa.x - pb.x) * (pa.x - pb.x) + (pa.y - pb.y) * (pa.y - pb.y)).squareRoot()
        #expect(abs(planar / Geodesy.distance(a, b) - 1) < 1e-5)
    }

    @Test("Near the equator the projection is Mercator, and it round-trips")
    func mercatorNearEquator() {
        let p = ConformalProjection(suitedTo: BoundingBox(south: -2, west: 28, north: 1, east: 30))  // Goma
        #expect(p.kind == .mercator)
        let c = Coordinate(latitude: -1.68, longitude: 29.22)
        let back = p.unproject(p.project(c))
        #expect(abs(back.latitude - c.latitude) < 1e-9 && abs(back.longitude - c.longitude) < 1e-9)
    }

    @Test("Out-of-range and swapped coordinates are refused with a hint")
    func coordinateValidation() throws {
        #expect(throws: GeoError.self) { try Coordinate.validated(latitude: 169.3, longitude: 35.2) }
        #expect(throws: GeoError.self) { try Coordinate.validated(latitude: .nan, longitude: 0) }
        do {
            _ = try Coordinate.validated(latitude: 120, longitude: 10)
        } catch {
            #expect(error.description.contains("swapped"))
        }
        let box = try BoundingBox(parsing: "69,34.8,70.6,35.9")
        #expect(box.west == 69 && box.north == 35.9)
        #expect(throws: GeoError.self) { try BoundingBox(parsing: "70.6,34.8,69,35.9") }
    }
}

@Suite("JSON and GeoJSON")
struct JSONTests {
    @Test("Canonical text matches Python's json.dumps(ensure_ascii=False, separators=(',', ':'))")
    func canonicalMatchesPython() throws {
        // Expected strings produced by CPython 3.11's json module for the same values.
        let value = JSONValue.object([
            ("name", .string("Chārīkār \"city\"\\ \n\t\u{01}")), ("fa", .string("پنجشیر")), ("pop", .int(53_676)),
            ("lon", .double(69.1714)), ("small", .double(0.00001)), ("whole", .double(70)), ("list", .array([.null, .bool(true)])),
            ("slash", .string("a/b")),
        ])
        #expect(value.canonicalText
            == #"{"name":"Chārīkār \"city\"\\ \n\t\u0001","fa":"پنجشیر","pop":53676,"lon":69.1714,"small":1e-05,"whole":70.0,"list":[null,true],"slash":"a/b"}"#)
    }

    @Test("Parsing keeps key order, decodes escapes and surrogate pairs, and round-trips")
    func parseRoundTrip() throws {
        let text = #"{"b":1,"a":[1.5,-2e3,"\u00e9\ud83d\udca5",{"x":null}],"c":"\"q\""}"#
        let v = try JSONValue.parse(text)
        #expect(v.objectValue?.map(\.0) == ["b", "a", "c"])
        #expect(v["a"]?.arrayValue?[2].stringValue == "é💥")
        #expect(v["a"]?.arrayValue?[1].doubleValue == -2000)
        #expect(try JSONValue.parse(v.canonicalText) == v)
    }

    @Test("Syntax errors give the byte offset of the fault")
    func syntaxErrors() {
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"a":1,}"#) }
        do {
            _ = try JSONValue.parse(#"{"a": tru}"#)
        } catch {
            #expect(error.offset == 6)
        }
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(#"{"a":"open}"#) }
    }

    @Test("GeoJSON geometries check structure and ranges (RFC 7946)")
    func geometries() throws {
        let polygon = try JSONValue.parse(#"{"type":"Polygon","coordinates":[[[69,35],[70,35],[70,36],[69,35]]]}"#)
        let g = try Geometry(json: polygon)
        #expect(g.contains(Coordinate(latitude: 35.2, longitude: 69.5)))
        #expect(!g.contains(Coordinate(latitude: 35.9, longitude: 69.1)))
        let badRing = try JSONValue.parse(#"{"type":"Polygon","coordinates":[[[69,35],[70,35],[70,36]]]}"#)
        #expect(throws: GeoError.self) { try Geometry(json: badRing) }
        let swapped = try JSONValue.parse(#"{"type":"Point","coordinates":[35.2,169.3]}"#)
        #expect(throws: GeoError.self) { try Geometry(json: swapped) }
    }
}

@Suite("Atomic files")
struct AtomicFileTests {
    @Test("A write replaces the file whole, and a failed write leaves nothing behind")
    func atomicWrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cm-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/map.svg"
        try AtomicFile.write(Data("first".utf8), to: path)
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["map.svg"])
        // A folder where the file should go cannot be replaced by a file.
        try FileManager.default.createDirectory(atPath: dir + "/taken.png", withIntermediateDirectories: true)
        #expect(throws: GeoError.self) { try AtomicFile.write(Data("x".utf8), to: dir + "/taken.png") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["map.svg", "taken.png"])
    }
}
