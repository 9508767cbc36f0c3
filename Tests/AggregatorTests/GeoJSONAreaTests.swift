import Aggregator
import Foundation
import Geo
import Testing
import TestSupport

/// `analyze --format geojson` as GIS users expect it (issue 14): provinces and districts as their
/// outlines from Gazetteer/boundaries/, towns as points, RFC 7946 winding, the contesting sides
/// listed, ISO 8601 dates, and the claims about each place by the ids of the JSON and claims-csv.
@Suite("GeoJSON: areas as outlines, sides, dates and claim ids")
struct GeoJSONAreaTests {
    static let outlines = AreaOutlines(folder: Fixtures.gazetteerPath + "/boundaries")

    /// Whether a program is on the PATH (the GDAL test is skipped only when ogrinfo is absent).
    static func installed(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
    }

    /// Twice the signed area of a ring in degrees (positive: counter-clockwise).
    static func signedArea(_ ring: [[Double]]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { sum, pair in
            guard pair.0.count >= 2, pair.1.count >= 2 else { return sum }
            return sum + pair.0[0] * pair.1[1] - pair.1[0] * pair.0[1]
        }
    }

    /// The polygons of a feature's geometry (none for a point).
    static func polygons(_ geometry: JSONValue?) -> [[[[Double]]]] {
        func ring(_ r: JSONValue) -> [[Double]] { (r.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.doubleValue) } }
        func polygon(_ p: JSONValue) -> [[[Double]]] { (p.arrayValue ?? []).map(ring) }
        switch geometry?["type"]?.stringValue {
        case "Polygon": return geometry?["coordinates"].map { [polygon($0)] } ?? []
        case "MultiPolygon": return (geometry?["coordinates"]?.arrayValue ?? []).map(polygon)
        default: return []
        }
    }

    static func isISODate(_ v: JSONValue?) -> Bool {
        guard let s = v?.stringValue else { return v == .null }
        return s.count == 10 && ReportDate.normalize(s) == s
    }

    func features(_ analysis: Analysis) throws -> [JSONValue] {
        let value = try JSONValue.parse(String(decoding: try analysis.data(format: .geojson, outlines: Self.outlines), as: UTF8.self))
        return try #require(value["features"]?.arrayValue)
    }

    @Test("Provinces and districts are their outlines (exterior counter-clockwise, holes clockwise, 6 decimals), towns are points")
    func areas() throws {
        let analysis = Fixtures.claimsAnalysis
        let features = try features(analysis)
        #expect(features.count == analysis.namedPlaces.count)
        var outlined = 0
        for (f, p) in zip(features, analysis.namedPlaces) {
            let type = f["geometry"]?["type"]?.stringValue
            let source = f["properties"]?["geometry_source"]?.stringValue
            #expect(f["id"]?.stringValue == p.id)
            if p.precision == .town || p.precision == .country {
                #expect(type == "Point" && source == "point", "\(p.id)")
                continue
            }
            // Every province and district of the examples has an outline; a valley, a mountain range
            // or a named region has none, and stays a point.
            guard p.kind == .province || p.kind == .district else {
                #expect(type == "Point" && source == "point", "\(p.id)")
                continue
            }
            #expect(type == "Polygon" || type == "MultiPolygon", "\(p.id) is \(type ?? "nothing")")
            #expect(source == "boundary", "\(p.id)")
            let polygons = Self.polygons(f["geometry"])
            #expect(!polygons.isEmpty)
            for polygon in polygons {
                for (i, ring) in polygon.enumerated() {
                    #expect(ring.count >= 4 && ring.first == ring.last, "\(p.id): ring not closed")
                    #expect((Self.signedArea(ring) > 0) == (i == 0), "\(p.id): ring \(i) wound the wrong way")
                    #expect(ring.allSatisfy { $0.allSatisfy { ($0 * 1e6).rounded() / 1e6 == $0 } }, "\(p.id): more than 6 decimals")
                }
            }
            outlined += 1
        }
        #expect(outlined >= 3, "the Panjshir examples name the province and districts of it")
    }

    @Test("A clockwise outline (with a counter-clockwise hole) is written in RFC 7946's winding")
    func winding() throws {
        let dir = try Fixtures.temporaryFolder("winding")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Panjshir as a clockwise square with a counter-clockwise hole: both the wrong way round.
        let outline = """
            {"type":"Feature","id":"af/panjshir","bbox":[69,35,71,36.5],"properties":{"name":"Panjshir","kind":"province"},\
            "geometry":{"type":"Polygon","coordinates":[[[69,35],[69,36.5],[71,36.5],[71,35],[69,35]],\
            [[69.5,35.5],[70.5,35.5],[70.5,36],[69.5,36],[69.5,35.5]]]}}
            """
        try Data(outline.utf8).write(to: URL(fileURLWithPath: dir + "/panjshir.geojson"))
        let analysis = Fixtures.claimsAnalysis
        let value = try JSONValue.parse(String(decoding: try analysis.data(format: .geojson, outlines: AreaOutlines(folder: dir)), as: UTF8.self))
        let panjshir = try #require(value["features"]?.arrayValue?.first { $0["id"]?.stringValue == "af/panjshir" })
        let rings = try #require(Self.polygons(panjshir["geometry"]).first)
        #expect(rings.count == 2)
        #expect(Self.signedArea(rings[0]) > 0 && Self.signedArea(rings[1]) < 0)
        // The same points, in the other order.
        #expect(Set(rings[0].map { $0.map(String.init(describing:)).joined(separator: ",") }).count == 4)
        // Places without an outline there are points.
        #expect(value["features"]?.arrayValue?.filter { $0["properties"]?["geometry_source"]?.stringValue == "boundary" }.count == 1)
    }

    @Test("Control lists its sides; a feature's claims are the ids of the analysis' claims about the place; dates are ISO 8601")
    func properties() throws {
        // Dated, so that claims carry dates.
        let reports = Fixtures.reports.map { r -> Report in
            var r = r
            r.date = "2021-09-0\(r.text.count % 5 + 1)"
            return r
        }
        let analysis = Fixtures.claimsAnalyzer.analyze(reports)
        let features = try features(analysis)
        var dated = 0
        for (f, p) in zip(features, analysis.namedPlaces) {
            let props = try #require(f["properties"])
            let sides = try #require(props["control_sides"]?.arrayValue).compactMap(\.stringValue)
            switch p.control.status {
            case .none: #expect(sides.isEmpty)
            case .claimed: #expect(sides == [p.control.actor].compactMap { $0 })
            case .contested: #expect(!sides.isEmpty && sides == sides.sorted(), "\(p.id): \(sides)")
            }
            var expected: [String] = []
            for c in analysis.claims(about: p.id) where !expected.contains(c.claimID) { expected.append(c.claimID) }
            #expect(props["claim_ids"]?.arrayValue?.compactMap(\.stringValue) == expected, "\(p.id)")
            let list = try #require(props["claim_list"]?.arrayValue)
            #expect(list.compactMap { $0["id"]?.stringValue } == expected)
            #expect(list.compactMap { $0["statements"]?.intValue }.reduce(0, +) == Int64(p.claims))
            for key in ["first_claim_date", "last_claim_date"] { #expect(Self.isISODate(props[key]), "\(p.id) \(key)") }
            for c in list { #expect(Self.isISODate(c["first_date"]) && Self.isISODate(c["last_date"])) }
            if props["first_claim_date"]?.stringValue != nil { dated += 1 }
        }
        #expect(dated > 0, "no claim carried a date")
        #expect(features.contains { $0["properties"]?["control_status"]?.stringValue == "contested" }, "the examples have contested ground")
    }

    @Test("analyze writes the outlines from the gazetteer's boundaries, streamed, as the library does; GDAL reads polygons and dates",
          .enabled(if: GeoJSONAreaTests.installed("ogrinfo")), arguments: ["panjshir-2021", "syria-2024"])
    func commandLine(example: String) throws {
        let run = try Fixtures.conflictmap(["analyze", Fixtures.root + "/Examples/" + example, "--format", "geojson", "--date", "2024-11-30", "--quiet"])
        #expect(run.status == 0, "\(run.errors)")
        if example == "panjshir-2021" {
            let reports = Fixtures.reports.map { r -> Report in var r = r; r.date = r.date ?? "2024-11-30"; return r }
            var analyzer = Fixtures.claimsAnalyzer
            analyzer.defaultDate = "2024-11-30"
            #expect(run.output == (try analyzer.analyze(reports).data(format: .geojson, outlines: Self.outlines)))
        }
        let value = try JSONValue.parse(run.text)
        let features = try #require(value["features"]?.arrayValue)
        let polygons = features.filter { ["Polygon", "MultiPolygon"].contains($0["geometry"]?["type"]?.stringValue ?? "") }
        #expect(!polygons.isEmpty, "\(example): no area as an outline")
        let dir = try Fixtures.temporaryFolder("ogr")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/\(example).geojson"
        try run.output.write(to: URL(fileURLWithPath: path))
        let summary = try Fixtures.run("ogrinfo", ["-ro", "-al", "-so", path])
        #expect(summary.status == 0, "\(summary.output)")
        #expect(summary.output.contains("Feature Count: \(features.count)"), "\(summary.output)")
        #expect(summary.output.contains("first_claim_date: Date") && summary.output.contains("geometry_source: String"), "\(summary.output)")
        #expect(!summary.output.contains("ERROR") && !summary.output.contains("Warning"), "\(summary.output)")
        let areas = try Fixtures.run("ogrinfo", ["-ro", "-al", "-geom=SUMMARY", "-where", "geometry_source = 'boundary'", path])
        #expect(areas.status == 0)
        let ogrPolygons = areas.output.components(separatedBy: "\n").filter { $0.contains("POLYGON") }.count
        #expect(ogrPolygons == polygons.count, "\(areas.output)")
    }
}
