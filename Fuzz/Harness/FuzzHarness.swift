import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer

/// The fuzz targets (Fuzz/Targets/<name>, `Scripts/fuzz.sh <name>`).
public enum FuzzTarget: String, CaseIterable, Sendable {
    case reports
    case gazetteerLine = "gazetteer-line"
    case partial
    case actors
    case geojson
    case render
}

/// What each fuzz target does with one input. The libFuzzer entry points (Fuzz/Targets/) and the
/// regression test (Fuzz/RegressionTests/, replaying Fuzz/regressions/) both call `run`, so a
/// reproducer fails the test the way it crashed the fuzzer.
///
/// Every input is handled through the libraries' public API, as the command line handles a file,
/// an option or standard input. Errors thrown are expected (the input is refused); a trap is a
/// bug. A few invariants the project promises (what conflictmap writes, it can read back) are
/// checked with `FuzzHarness.check`, which traps with a message when broken.
public enum FuzzHarness {
    /// Runs one input through a target.
    public static func run(_ target: FuzzTarget, _ data: Data) {
        switch target {
        case .reports: reports(data)
        case .gazetteerLine: gazetteerLine(data)
        case .partial: partial(data)
        case .actors: actors(data)
        case .geojson: geojson(data)
        case .render: render(data)
        }
    }

    /// Loads what a target shares between inputs (the gazetteer, the actor profiles, the base map)
    /// before the first input, so that its time is not counted against the first one.
    public static func prepare(_ target: FuzzTarget) {
        switch target {
        case .reports, .partial, .actors: _ = Shared.analyzer
        case .render: _ = Shared.analyzer; _ = Shared.actorColors; _ = Shared.rivers
        case .gazetteerLine, .geojson: break
        }
    }

    /// libFuzzer's bytes as `Data` (libFuzzer may pass a null pointer for the empty input).
    public static func data(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Data {
        guard let bytes, count > 0 else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    /// Traps with a message when an invariant does not hold (a finding, like a crash).
    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant broken: \(message())") }
    }
}

// MARK: - What the targets share

/// The project's data, loaded once per process.
enum Shared {
    /// The project folder: `CONFLICTMAP_HOME`, else the first folder holding `Gazetteer/` from the
    /// current one up, else the one this source file is in.
    static let root: String = {
        if let home = ProcessInfo.processInfo.environment["CONFLICTMAP_HOME"], !home.isEmpty { return home }
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Gazetteer/FORMAT.md").path) { return dir.path }
            dir.deleteLastPathComponent()
        }
        var source = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { source.deleteLastPathComponent() }
        return source.path
    }()

    /// The real gazetteer (Gazetteer/), and every actor profile in Actors/, as `analyze` loads them.
    static let analyzer: Analyzer = {
        let gazetteer: Gazetteer
        let actors: ActorProfiles
        do {
            gazetteer = try Gazetteer.load(from: root + "/Gazetteer", indexCache: true)
            actors = try ActorProfiles.load(from: root + "/Actors")
        } catch {
            fatalError("fuzz harness: the project's gazetteer or actor profiles did not load from \(root): \(error)")
        }
        var analyzer = Analyzer(gazetteer: gazetteer, actors: actors)
        analyzer.threads = 1
        return analyzer
    }()

    /// The outlines and rivers (Gazetteer/boundaries, Gazetteer/basemap), whole.
    static let baseMap: (boundaries: BoundarySet, lines: BaseMapLines) = {
        do {
            return (try BoundarySet.load(from: root + "/Gazetteer/boundaries"), try BaseMapLines.load(from: root + "/Gazetteer/basemap", within: nil))
        } catch {
            fatalError("fuzz harness: the base map did not load from \(root)/Gazetteer: \(error)")
        }
    }()

    /// The sides' colours of the actor profiles, as `render` reads them (the first of a name wins).
    static let actorColors: [String: RGBA] = {
        var colours: [String: RGBA] = [:]
        for profile in analyzer.actors.profiles {
            for side in profile.sides {
                if let colour = RGBA(hex: side.colour), colours[side.name] == nil { colours[side.name] = colour }
            }
        }
        return colours
    }()

    /// The relief grid (Gazetteer/basemap/relief.bin), as `render` draws with it; `nil` without one.
    static let relief: ReliefGrid? = {
        do { return try ReliefGrid.load(from: root + "/Gazetteer/basemap/relief.bin") } catch {
            fatalError("fuzz harness: the relief grid did not load from \(root)/Gazetteer/basemap: \(error)")
        }
    }()

    /// Each river of the base map with its bounding box, computed once.
    static let rivers: [(box: BoundingBox?, river: (points: [Coordinate], rank: Int))] =
        baseMap.lines.rivers.map { (BoundingBox(covering: $0.points), $0) }

    /// The outlines and rivers whose bounding boxes meet a neighbourhood (`nil`: all), as `render`
    /// loads them with `within:`. The last few neighbourhoods are kept: many inputs share one. Each
    /// keeps its outlines as projected under the last few projections (`OutlineCache`), as the
    /// zoom-out steps of one map reuse them: inputs with the same extent share one projection.
    static func near(_ box: BoundingBox?) -> OutlineCache {
        guard let box else { return wholeMap }
        return nearCache.value(for: box) {
            OutlineCache(boundaries: BoundarySet(baseMap.boundaries.intersecting(box)),
                         lines: BaseMapLines(rivers: rivers.filter { $0.box?.intersects(box) ?? false }.map { $0.river }),
                         relief: relief, capacity: projectionsKept)
        }
    }
    static let nearCache = RecentCache<BoundingBox, OutlineCache>(capacity: 16)
    /// (One input at a time: libFuzzer runs them in turn.)
    nonisolated(unsafe) static let wholeMap = OutlineCache(boundaries: baseMap.boundaries, lines: baseMap.lines, relief: relief,
                                                                capacity: projectionsKept)
    /// How many projections each neighbourhood keeps its projected outlines for.
    static let projectionsKept = 8

    /// A file name unique to this process, for readers that take a path: in memory (/dev/shm)
    /// where there is one, else in the temporary folder.
    static let scratchFile: String = {
        var isDir: ObjCBool = false
        let shm = FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDir) && isDir.boolValue
            && FileManager.default.isWritableFile(atPath: "/dev/shm")
        let dir = shm ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        return "\(dir)/conflictmap-fuzz-\(ProcessInfo.processInfo.processIdentifier).json"
    }()

    /// Writes the bytes to a file as they are, without flushing them to the disk (FileManager's
    /// createFile syncs, which made most of an input's time): `false` when it cannot be written.
    static func write(_ data: Data, to path: String) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        let written = data.withUnsafeBytes { raw in raw.count == 0 ? 0 : fwrite(raw.baseAddress, 1, raw.count, file) }
        return fclose(file) == 0 && written == data.count
    }
}

/// The last few values computed, by key (for what many inputs share); safe from any thread.
final class RecentCache<Key: Equatable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: Key, value: Value)] = []
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(for key: Key, _ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let hit = entries.first(where: { $0.key == key }) { return hit.value }
        let value = make()
        if entries.count >= capacity { entries.removeFirst() }
        entries.append((key, value))
        return value
    }
}

// MARK: - 1. Reports: the readers, then the whole analysis

extension FuzzHarness {
    /// The first byte chooses how the rest is read (its low three bits: the ASCII digits `0`–`7`
    /// choose in order): 0 a .txt file, 1 .html, 2 .json, 3 .jsonl, 4 standard input (`analyze -`),
    /// 5 standard input as file records (`--stdin-format files`), 6 .txt with `--date 2021-09-06`,
    /// 7 .md with `--region Panjshir`. Then the reports are analysed with the real gazetteer and
    /// actor profiles and written in every format, and as a partial result that must read back.
    public static func reports(_ data: Data) {
        guard let selector = data.first else { return }
        let body = Data(data.dropFirst())
        let reader = ReportReader()
        var analyzer = Shared.analyzer
        let reports: [Report]
        switch selector & 7 {
        case 0: reports = reader.parse(body, path: "fuzz/report.txt").0
        case 1: reports = reader.parse(body, path: "fuzz/report.html").0
        case 2: reports = reader.parse(body, path: "fuzz/reports.json").0
        case 3: reports = reader.parse(body, path: "fuzz/reports.jsonl").0
        case 4: reports = reader.parseStandardInput(body).0
        case 5:
            do { reports = try ReportReader(standardInput: .files).parseFileRecords(body).0 } catch { return }
        case 6:
            analyzer.defaultDate = "2021-09-06"
            reports = reader.parse(body, path: "fuzz/report.txt").0
        default:
            analyzer.region = analyzer.gazetteer.resolve("Panjshir").flatMap { analyzer.gazetteer.place(id: $0.id) }
            reports = reader.parse(body, path: "fuzz/report.md").0
        }
        guard !reports.isEmpty else { return }
        let partial = analyzer.partial(reports)
        let analysis = partial.finalize()
        for format in AnalysisFormat.allCases { _ = try? analysis.data(format: format) }
        // What `analyze --partial` writes, `merge` and `render --from` read back, to the same analysis.
        guard let line = try? partial.jsonLine() else { return }
        do {
            let back = try PartialAnalysis.read(line, source: "fuzz")
            check(back.count == 1, "a partial result read back as \(back.count)")
            check(back.first?.finalize() == analysis, "a partial result read back finalises to another analysis")
        } catch {
            check(false, "the partial result written for the reports does not read back: \(error)")
        }
    }
}

// MARK: - 2. One line of a gazetteer file

extension FuzzHarness {
    /// The input is one feature line (or several) of a gazetteer file in the canonical layout
    /// (Gazetteer/FORMAT.md): it is read between the canonical first and last lines, and also as
    /// a whole file by itself. Each place read is written back as its canonical line, which must
    /// read back the same, and a gazetteer is built from the places and asked for their names.
    public static func gazetteerLine(_ data: Data) {
        var file = Data("{\"type\":\"FeatureCollection\",\"features\":[\n".utf8)
        file.append(data)
        if data.last != 0x0A { file.append(0x0A) }
        file.append(Data("]}\n".utf8))
        let places = (try? GazetteerFile.parsePlaces(file, path: "fuzz.geojson")) ?? []
        _ = try? GazetteerFile.parsePlaces(data, path: "fuzz.geojson")
        guard !places.isEmpty else { return }
        // The canonical text of the places (what the editor saves) reads back as the same places.
        let text = GazetteerFile.text(for: places)
        do {
            let back = try GazetteerFile.parsePlaces(Data(text.utf8), path: "fuzz-written.geojson")
            check(back.count == places.count, "\(places.count) places were written and \(back.count) read back")
        } catch {
            check(false, "the gazetteer text written for the places does not read back: \(error)\n\(text)")
        }
        guard let gazetteer = try? Gazetteer(places: places) else { return }
        for place in places.prefix(8) {
            _ = gazetteer.ancestors(of: place)
            for name in place.allNames.prefix(8) {
                _ = gazetteer.resolve(name)
                _ = gazetteer.candidates(for: name, limit: 3)
                _ = gazetteer.exactMatches(normalized: NameKey.normalized(name))
            }
        }
    }
}

// MARK: - 3. Partial results

extension FuzzHarness {
    /// The input is what `merge` reads: partial results, one a line. They are read, merged (with
    /// every check `merge` makes), finalised and written in every format; the merged partial result
    /// must read back. `render --from` reads the input the same way (`Analysis.read`).
    public static func partial(_ data: Data) {
        _ = try? Analysis.read(data, source: "fuzz")
        guard let inputs = try? PartialAnalysis.readInputs(data, source: "fuzz"),
              let merged = try? PartialAnalysis.merge(inputs) else { return }
        let analysis = merged.finalize()
        for format in AnalysisFormat.allCases { _ = try? analysis.data(format: format) }
        guard let line = try? merged.jsonLine() else { return }
        do {
            let back = try PartialAnalysis.read(line, source: "fuzz-written")
            check(back.count == 1, "a merged partial result read back as \(back.count)")
        } catch {
            check(false, "the merged partial result does not read back: \(error)")
        }
    }
}

// MARK: - 4. Actor profiles

extension FuzzHarness {
    /// The input is an actor profile file (`--actors FILE`). When it loads, a short report naming
    /// each side by its names is analysed with it, and its colours are read as `render` reads them.
    public static func actors(_ data: Data) {
        let path = Shared.scratchFile
        guard Shared.write(data, to: path) else { return }
        defer { unlink(path) }
        guard let profiles = try? ActorProfiles.load(from: path) else { return }
        var sentences: [String] = []
        for profile in profiles.profiles.prefix(2) {
            for (i, side) in profile.sides.prefix(4).enumerated() {
                _ = RGBA(hex: side.colour)
                let names = ([side.name] + side.aliases.prefix(3) + side.adjectives.prefix(1).map { "\($0) forces" }).filter { !$0.isEmpty }
                for (j, name) in names.enumerated() {
                    let place = ["Bazarak", "Rukha", "Kabul", "Charikar"][(i + j) % 4]
                    sentences.append(j % 2 == 0 ? "\(name) captured \(place) on Monday, officials said."
                                                : "\(name) claimed to have retaken \(place), but the claim was denied.")
                }
            }
        }
        guard !sentences.isEmpty else { return }
        var analyzer = Shared.analyzer
        analyzer.actors = profiles
        let report = Report(id: "fuzz", path: "fuzz.txt", title: "Fighting in Panjshir", text: sentences.joined(separator: " "), date: "2021-09-06")
        _ = analyzer.analyze([report])
    }
}

// MARK: - 5. GeoJSON

extension FuzzHarness {
    /// The input is JSON text: parsed by the Geo module's reader, decoded as a geometry, a feature
    /// and a feature collection, written back (which must parse again), and read as a file of one
    /// feature a line (as outlines and rivers are read).
    public static func geojson(_ data: Data) {
        let parsed: JSONValue? = data.withUnsafeBytes { raw in
            try? JSONValue.parse(raw.bindMemory(to: UInt8.self))
        }
        _ = try? FeatureLines.read(data, path: "fuzz.geojson", within: BoundingBox(south: 34, west: 68, north: 36, east: 71)) { json, _ in
            if let g = json["geometry"] { _ = try? Geometry(json: g) }
        }
        guard let value = parsed else { return }
        var text = ""
        value.write(to: &text)
        do {
            _ = try JSONValue.parse(text)
        } catch {
            check(false, "JSON written for a parsed value does not parse again: \(error)\n\(text)")
        }
        if let geometry = try? Geometry(json: value) {
            for c in [Coordinate(latitude: 35.3, longitude: 69.5), Coordinate(latitude: 0, longitude: 0), Coordinate(latitude: -89.9, longitude: 179.9)] {
                _ = geometry.contains(c)
            }
            reparse(geometry.json(decimals: 6), "a geometry")
        }
        if let feature = try? Feature(json: value) {
            reparse(feature.json(decimals: 5), "a feature")
        }
        if let collection = try? FeatureCollection(json: value) {
            let lines = collection.lineDelimitedText(decimals: 6)
            do {
                _ = try FeatureLines.read(Data(lines.utf8), path: "fuzz-written.geojson", within: nil) { json, _ in
                    _ = try Feature(json: json)
                }
            } catch {
                check(false, "the feature collection written a feature a line does not read back: \(error)\n\(lines)")
            }
        }
    }

    static func reparse(_ value: JSONValue, _ what: String) {
        var text = ""
        value.write(to: &text)
        do {
            _ = try JSONValue.parse(text)
        } catch {
            check(false, "the JSON written for \(what) does not parse: \(error)\n\(text)")
        }
    }
}

// MARK: - 6. render: options, the map model, and drawing

extension FuzzHarness {
    /// Named page sizes in points, as `render --page` knows them (landscape).
    static let pages: [String: (Double, Double)] = ["a4": (842, 595), "a3": (1191, 842), "letter": (792, 612), "legal": (1008, 612)]

    /// The most pixels a PNG drawn here has (a valid `s` is lowered to fit, down to the smallest
    /// scale the renderer takes): drawing stays small.
    static let maximumPixels = 320.0 * 240.0

    /// The input's first line holds `render`'s options as `key=value` pairs separated by `;`:
    /// `w` `h` (`--width`, `--height`, any number Swift reads, `nan` and `inf` included), `s`
    /// (`--scale`), `page` (a4, a3, letter, legal, with `-portrait`), `bbox` (west,south,east,north),
    /// `focus` (a place name or id), `theme`, `fmt` (png, svg, pdf), `title`, and the flags
    /// `bilingual`, `transparent`, `mentions` (`--size-by-mentions`). The rest is one plain-text
    /// report. It is analysed, the map model is built and drawn in memory, and the layout is encoded
    /// as `--layout` writes it. Options `render` refuses before drawing end the input.
    ///
    /// With `drawOneIn` n > 1 (the fuzz target's 4), only inputs whose length is a multiple of n
    /// are drawn (a share the fuzzer reaches by changing the length); the regression test draws all.
    public static func render(_ data: Data, drawOneIn: Int = 1) {
        let text = String(decoding: data, as: UTF8.self)
        let head = text.prefix { $0 != "\n" }
        let body = text.dropFirst(head.count).dropFirst()
        var options = MapOptions()
        var scale = 0.2
        var format = OutputFormat.png
        for pair in head.split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            let key = kv.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let value = kv.count > 1 ? String(kv[1]) : ""
            switch key {
            case "w": guard let v = Double(value) else { return }; options.width = v
            case "h": guard let v = Double(value) else { return }; options.height = v
            case "s": guard let v = Double(value) else { return }; scale = v
            case "page":
                let lower = value.lowercased()
                let portrait = lower.hasSuffix("-portrait")
                guard let size = pages[portrait ? String(lower.dropLast("-portrait".count)) : lower] else { return }
                (options.width, options.height) = portrait ? (size.1, size.0) : size
            case "bbox":
                guard let box = try? BoundingBox(parsing: value) else { return }
                options.boundingBox = box
            case "focus":
                let g = Shared.analyzer.gazetteer
                guard let p = g.place(id: value) ?? g.resolve(value).flatMap({ g.place(id: $0.id) }) else { return }
                options.focus = p
            case "theme":
                guard let theme = Theme.all[value] else { return }
                options.theme = theme
            case "fmt":
                guard let f = OutputFormat(rawValue: value) else { return }
                format = f
            case "title": options.title = value
            case "bilingual": options.bilingual = true
            case "transparent": options.transparent = true
            case "mentions": options.sizeByMentions = true
            default: break
            }
        }
        let analyzer = Shared.analyzer
        let reports = ReportReader().parse(Data(body.utf8), path: "fuzz/report.txt").0
        guard !reports.isEmpty else { return }
        let analysis = analyzer.analyze(reports)
        options.actorColors = Shared.actorColors
        // The outlines and rivers near the map, as `render` loads them (by their bounding boxes).
        let outlines = Shared.near(MapBuilder.neighbourhood(of: analysis, options: options))
        guard let model = try? MapBuilder(analysis: analysis, gazetteer: analyzer.gazetteer, outlines: outlines, options: options).build() else {
            return
        }
        _ = try? JSONEncoder().encode(model.layout)
        if format == .png {
            // Drawn small: a valid scale is lowered so that the image has at most `maximumPixels`.
            let area = model.width * model.height
            if area.isFinite, area > 0, scale > 0, area * scale * scale > maximumPixels {
                scale = max(MapLimits.scales.lowerBound, (maximumPixels / area).squareRoot())
            }
        }
        // Drawing takes most of an input's time: the fuzzer draws one input in `drawOneIn`.
        guard drawOneIn <= 1 || data.count % drawOneIn == 0 else { return }
        _ = try? MapDrawer.render(model, format: format, scale: format == .png ? scale : 1)
    }
}
