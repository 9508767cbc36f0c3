import ArgumentParser
import Foundation
import Gazetteer
import Geo

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Look up and maintain the gazetteer.",
        discussion: """
            add, alias and move write to the user layer, Gazetteer/user.geojson, which rebuilds of the \
            built files leave alone and which overrides them (a place there replaces the built place \
            with its id; added names extend it). Every change locks the whole gazetteer folder, checks \
            the result against every file (ids well formed and unique, parents present, coordinates in \
            range), and replaces the file it changes atomically; if a check fails nothing is written. \
            Two people editing at once, even different files, never lose an edit or break a check.
            """,
        subcommands: [Lookup.self, Add.self, Alias.self, Move.self, Remove.self, Validate.self, Import.self, Stats.self])
}

/// The gazetteer folder option shared by the subcommands.
struct GazetteerLocation: ParsableArguments {
    @Option(name: .long, help: "The gazetteer folder (default: Gazetteer/), or for lookup a single file.")
    var gazetteer: String?

    var path: String { gazetteer ?? ProjectPaths.gazetteer }

    /// The folder the gazetteer files are in.
    var folder: String { ProjectPaths.gazetteerFolder(path) }

    var editor: GazetteerEditor { GazetteerEditor(directory: folder) }

    /// Loads the gazetteer; commands that walk every place (statistics, import) gain nothing
    /// from the index cache, which reads places one by one.
    func load(indexCache: Bool = true) throws -> Gazetteer {
        do { return try Gazetteer.load(from: path, indexCache: indexCache) } catch { throw CommandFailure(error) }
    }
}

/// Runs an edit and turns a gazetteer error into a message naming the file.
func editing<T>(_ body: () throws(GazetteerError) -> T) throws -> T {
    do { return try body() } catch { throw CommandFailure(error) }
}

struct Lookup: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the ranked candidates for a place name, with reasons.")

    @Argument(help: "The name as a report writes it, e.g. Shotul or Charika.")
    var name: String

    @Option(name: .long, help: "A place (name or id) the name should be near.")
    var near: String?

    @OptionGroup var location: GazetteerLocation

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    func run() throws {
        let g = try location.load()
        var context = ResolutionContext(explains: true)
        if let near {
            guard let p = g.place(id: near) ?? g.resolve(near).flatMap({ g.place(id: $0.id) }) else {
                throw CommandFailure(message: "--near '\(near)' is not in the gazetteer")
            }
            context.region = p
        }
        let found = g.candidates(for: name, context: context)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writeStandardOutput(try encoder.encode(found) + Data("\n".utf8))
            return
        }
        if found.isEmpty {
            print("No place matches '\(name)'.")
            throw ExitCode(1)
        }
        for (i, c) in found.enumerated() {
            print("\(i + 1). \(c.name) [\(c.id)] \(c.kind.rawValue), \(String(format: "%.4f, %.4f", c.latitude, c.longitude))  score \(c.score) (\(c.match.rawValue))")
            for r in c.reasons { print("     - \(r)") }
        }
    }
}

struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add a place.",
        discussion: "Example: conflictmap gazetteer add --name Malimah --kind village --lat 35.45 --lon 69.83 --parent af/panjshir/dara --alias Malima --source 'field report, 2021'")

    @Option(name: .long, help: "Its primary English name.") var name: String
    @Option(name: .long, help: "country, province, district, city, town, village, valley, pass, mountain_range or region.") var kind: String
    @Option(name: .long, help: "Latitude in degrees (−90…90).") var lat: Double
    @Option(name: .long, help: "Longitude in degrees (−180…180).") var lon: Double
    @Option(name: .long, help: "The id of the enclosing unit, e.g. af/panjshir.") var parent: String?
    @Option(name: .long, help: "An id to use (default: PARENT/slug-of-name).") var id: String?
    @Option(name: .long, parsing: .singleValue, help: "An alternate name (repeatable).") var alias: [String] = []
    @Option(name: .long, help: "ISO 3166-1 alpha-2 country code (default: the parent's).") var country: String?
    @Option(name: .long, help: "Population.") var population: Int64?
    @Option(name: .customLong("geonames-id"), help: "GeoNames id.") var geonamesID: Int64?
    @Option(name: .long, help: "Where the coordinates come from (a citation).") var source: String?
    @Option(name: .long, help: "The file to add it to (default: the user layer, Gazetteer/user.geojson).") var file: String?
    @OptionGroup var location: GazetteerLocation

    func run() throws {
        guard let placeKind = PlaceKind(rawValue: kind) else {
            throw CommandFailure(message: "--kind '\(kind)' is not a kind; use one of \(PlaceKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let coordinate: Coordinate
        do { coordinate = try Coordinate.validated(latitude: lat, longitude: lon) } catch { throw CommandFailure(message: "--lat/--lon: \(error)") }
        if let id, let problem = GazetteerValidator.idProblem(id) {
            throw CommandFailure(message: "--id '\(id)' \(problem) (an id is a path of slugs such as af/panjshir/shutul)")
        }
        let editor = location.editor
        let g = try location.load()
        let parentPlace = parent.flatMap { g.place(id: $0) }
        if let parent, parentPlace == nil {
            throw CommandFailure(message: "--parent '\(parent)' is not in the gazetteer (find its id with: conflictmap gazetteer lookup NAME)")
        }
        let newID = id ?? GazetteerEditor.newID(name: name, parent: parent) { g.place(id: $0) != nil }
        let place = Place(
            id: newID, name: name, kind: placeKind, parent: parent, country: country ?? parentPlace?.country,
            geonamesID: geonamesID, population: population, alternateNames: alias.map { AlternateName($0) },
            source: source, coordinate: coordinate)
        let written = try editing { () throws(GazetteerError) in try editor.add(place, to: file) }
        warn("added \(newID) to \(written)")
    }
}

struct Alias: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add (or with --remove, remove) an alternate name of a place.")

    @Argument(help: "The place's id.") var id: String
    @Argument(help: "The alternate name, e.g. Shatal or شتل.") var name: String
    @Option(name: .long, help: "Its language, ISO 639 (fa for Dari, ps for Pashto).") var lang: String?
    @Flag(name: .long, help: "Remove the name instead of adding it.") var remove = false
    @OptionGroup var location: GazetteerLocation

    func run() throws {
        let editor = location.editor
        let (id, name, lang, remove) = (id, name, lang, remove)
        let file = try editing { () throws(GazetteerError) in
            try editor.update(id: id) { (place: inout Place) throws(GazetteerError) in
                if remove {
                    let before = place.alternateNames.count
                    place.alternateNames.removeAll { $0.name == name }
                    if place.alternateNames.count == before {
                        throw GazetteerError(reason: "'\(id)' has no alternate name '\(name)'")
                    }
                } else {
                    if place.name == name || place.alternateNames.contains(where: { $0.name == name }) {
                        throw GazetteerError(reason: "'\(id)' already has the name '\(name)'")
                    }
                    place.alternateNames.append(AlternateName(name, language: lang))
                }
            }
        }
        warn("\(remove ? "removed" : "added") '\(name)' \(remove ? "from" : "to") \(id) in \(file)")
    }
}

struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change a place's coordinates.")

    @Argument(help: "The place's id.") var id: String
    @Option(name: .long, help: "New latitude.") var lat: Double
    @Option(name: .long, help: "New longitude.") var lon: Double
    @Option(name: .long, help: "Where the new coordinates come from.") var source: String?
    @OptionGroup var location: GazetteerLocation

    func run() throws {
        let coordinate: Coordinate
        do { coordinate = try Coordinate.validated(latitude: lat, longitude: lon) } catch { throw CommandFailure(message: "--lat/--lon: \(error)") }
        let editor = location.editor
        let (id, source) = (id, source)
        let file = try editing { () throws(GazetteerError) in
            try editor.update(id: id) { (place: inout Place) throws(GazetteerError) in
                place.coordinate = coordinate
                if let source { place.source = source }
            }
        }
        warn("moved \(id) to \(coordinate) in \(file)")
    }
}

struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove a place (refused while other places name it as their parent).",
        discussion: "A place with an entry in the user layer loses that entry: a built place it replaced or named is as built again.")

    @Argument(help: "The place's id.") var id: String
    @OptionGroup var location: GazetteerLocation

    func run() throws {
        let editor = location.editor
        let id = id
        let file = try editing { () throws(GazetteerError) in try editor.remove(id: id) }
        if editor.userLayerFile == file, let built = try? editor.file(holding: id), built != file {
            warn("removed the user layer's entry for \(id) from \(file); the place in \(built) is as built")
        } else {
            warn("removed \(id) from \(file)")
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the gazetteer files; list every problem with its file and line.",
        discussion: "Exits 1 when there are errors (bad features, duplicate ids, dangling parents, parent cycles).")

    @Argument(help: "A gazetteer folder or file (default: Gazetteer/).") var path: String?

    func run() throws {
        let report = GazetteerValidator.validate(path: path ?? ProjectPaths.gazetteer)
        for e in report.errors { print("error: \(e)") }
        for w in report.warnings { print("warning: \(w)") }
        print("\(report.files.count) file(s), \(report.placeCount) places, \(report.boundaryCount) outlines: \(report.errors.count) error(s), \(report.warnings.count) warning(s)")
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import places from a GeoNames dump (e.g. AF.txt, cities15000.txt) or a GeoJSON file.",
        discussion: """
            GeoNames rows become places by feature code (PPL* → city/town/village by population, ADM1 → \
            province, ADM2 → district, VAL → valley, PASS → pass, MTS → mountain_range); their parent is \
            the district or province whose outline contains them. GeoJSON features need a "name" and a \
            "kind" (or --kind). Places already present (same id or GeoNames id) are skipped.
            """)

    @Argument(help: "The file to import, or - for standard input (then give --format).") var file: String
    @Option(name: .long, help: "geonames or geojson (default: from the extension; .txt is geonames).") var format: String?
    @Option(name: .long, help: "Only rows of this country (ISO alpha-2).") var country: String?
    @Option(name: .customLong("min-population"), help: "Only populated places of at least this population.") var minPopulation: Int64 = 0
    @Option(name: .long, help: "Kind for GeoJSON features that have none.") var kind: String?
    @Option(name: .long, help: "The gazetteer file to add them to (default: Gazetteer/user.geojson).") var into: String?
    @Flag(name: .customLong("dry-run"), help: "Show what would be imported; write nothing.") var dryRun = false
    @OptionGroup var location: GazetteerLocation

    func run() throws {
        let data = try readInput(file)
        let g = try location.load(indexCache: false)
        let boundaries = (try? BoundarySet.load(from: location.folder + "/boundaries")) ?? BoundarySet([])
        let isGeoJSON = (format ?? ((file as NSString).pathExtension.lowercased() == "txt" ? "geonames" : "geojson")) == "geojson"
        var taken = Set(g.places.map(\.id))
        var incoming: [Place] = []
        func parentFor(_ c: Coordinate, country cc: String) -> String? {
            let containing = boundaries.boundaries.filter { $0.boundingBox.contains(c) && $0.geometry.contains(c) }
            for kind in [PlaceKind.district, .province, .country] {
                if let b = containing.first(where: { $0.kind == kind }), g.place(id: b.id) != nil { return b.id }
            }
            return g.place(id: cc.lowercased()) != nil ? cc.lowercased() : nil
        }
        if isGeoJSON {
            let places: [Place]
            do {
                places = try importGeoJSON(data, defaultKind: kind)
            } catch let e as GazetteerError { throw CommandFailure(e) }
            for var p in places {
                if p.parent == nil, p.kind != .country { p.parent = parentFor(p.coordinate, country: p.country ?? "") }
                if p.id.isEmpty {
                    p.id = GazetteerEditor.newID(name: p.name, parent: p.parent) { taken.contains($0) }
                }
                taken.insert(p.id)
                incoming.append(p)
            }
        } else {
            let rows: [GeoNamesDump.Row]
            do { rows = try GeoNamesDump.parse(String(decoding: data, as: UTF8.self), path: file == "-" ? "standard input" : file) } catch { throw CommandFailure(error) }
            for row in rows {
                if let country, row.countryCode.uppercased() != country.uppercased() { continue }
                guard let k = GeoNamesDump.kind(featureClass: row.featureClass, featureCode: row.featureCode, population: row.population) else { continue }
                if row.featureClass == "P", row.population < minPopulation { continue }
                let parent = k == .country ? nil : parentFor(row.coordinate, country: row.countryCode)
                let id = k == .country ? row.countryCode.lowercased() : GazetteerEditor.newID(name: row.asciiName.isEmpty ? row.name : row.name, parent: parent) { taken.contains($0) }
                taken.insert(id)
                let names = ([row.asciiName] + row.alternateNames).filter { $0 != row.name }
                var seen = Set<String>()
                let alternates = names.filter { seen.insert($0).inserted }.map { name -> AlternateName in
                    let arabic = name.unicodeScalars.contains { (0x600...0x6FF).contains($0.value) }
                    return AlternateName(name, script: arabic ? "Arab" : nil)
                }
                incoming.append(Place(
                    id: id, name: row.name, kind: k, parent: parent, country: row.countryCode.isEmpty ? nil : row.countryCode,
                    geonamesID: row.geonameID, population: row.population > 0 ? row.population : nil,
                    alternateNames: alternates, source: "GeoNames \(row.geonameID) (CC BY 4.0)", coordinate: row.coordinate))
            }
        }
        let target = into ?? (location.editor.directory as NSString).appendingPathComponent("user.geojson")
        if dryRun {
            for p in incoming.prefix(50) { print("would add \(p.id) (\(p.kind.rawValue)) \(p.coordinate)") }
            print("\(incoming.count) place(s) would be offered to \(target); nothing written")
            return
        }
        let editor = location.editor
        let result = try editing { () throws(GazetteerError) in try editor.importPlaces(incoming, into: target) }
        warn("imported \(result.added) place(s) into \(target); skipped \(result.skipped) already present")
    }

    func importGeoJSON(_ data: Data, defaultKind: String?) throws -> [Place] {
        let json: JSONValue
        do {
            json = try data.withUnsafeBytes { raw throws(JSONSyntaxError) in try JSONValue.parse(raw.bindMemory(to: UInt8.self)) }
        } catch let e as JSONSyntaxError {
            throw GazetteerError(file: file, reason: "not valid JSON at byte \(e.offset): \(e.reason)")
        }
        let collection: FeatureCollection
        do { collection = try FeatureCollection(json: json) } catch { throw GazetteerError(file: file, reason: "\(error)") }
        var out: [Place] = []
        for (i, f) in collection.features.enumerated() {
            guard let name = f[property: "name"]?.stringValue, !name.isEmpty else {
                throw GazetteerError(file: file, reason: "feature \(i + 1) has no \"name\" property")
            }
            let kindText = f[property: "kind"]?.stringValue ?? defaultKind
            guard let kindText, let k = PlaceKind(rawValue: kindText) else {
                throw GazetteerError(file: file, reason: "feature \(i + 1) ('\(name)') has no valid \"kind\"", hint: "give --kind")
            }
            let point: Coordinate
            switch f.geometry {
            case .point(let c)?: point = c
            case let g? where !g.polygons.isEmpty:
                let box = g.boundingBox!
                point = box.center
            default: throw GazetteerError(file: file, reason: "feature \(i + 1) ('\(name)') has no Point geometry")
            }
            let names = f[property: "names"]?.arrayValue?.compactMap { v -> AlternateName? in
                if let s = v.stringValue { return AlternateName(s) }
                guard let n = v["name"]?.stringValue else { return nil }
                return AlternateName(n, language: v["lang"]?.stringValue, script: v["script"]?.stringValue)
            } ?? []
            out.append(Place(
                id: f.id ?? "", name: name, kind: k, parent: f[property: "parent"]?.stringValue,
                country: f[property: "country"]?.stringValue, geonamesID: f[property: "geonames_id"]?.intValue,
                population: f[property: "population"]?.intValue, alternateNames: names,
                source: f[property: "source"]?.stringValue ?? "imported from \((file as NSString).lastPathComponent)", coordinate: point))
        }
        return out
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Count places, names, kinds, countries and outlines.")

    @OptionGroup var location: GazetteerLocation
    @Flag(name: .long, help: "Print JSON.") var json = false

    func run() throws {
        let g = try location.load(indexCache: false)
        var byKind: [String: Int] = [:]
        var byCountry: [String: Int] = [:]
        var byFile: [String: Int] = [:]
        var scripts = 0
        for p in g.places {
            byKind[p.kind.rawValue, default: 0] += 1
            byCountry[p.country ?? "?", default: 0] += 1
            byFile[(g.files[p.id].map { ($0 as NSString).lastPathComponent }) ?? "?", default: 0] += 1
            scripts += p.alternateNames.filter { $0.script == "Arab" || ["fa", "ps", "prs", "ar"].contains($0.language ?? "") }.count
        }
        let boundaries = (try? BoundarySet.load(from: location.folder + "/boundaries"))?.boundaries.count ?? 0
        if json {
            let out: JSONValue = .object([
                ("places", .int(Int64(g.places.count))), ("names", .int(Int64(g.nameCount))),
                ("arabic_script_names", .int(Int64(scripts))), ("outlines", .int(Int64(boundaries))),
                ("kinds", .object(byKind.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
                ("files", .object(byFile.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
                ("countries", .int(Int64(byCountry.count))),
            ])
            print(out.canonicalText)
            return
        }
        print("\(g.places.count) places, \(g.nameCount) names (\(scripts) in Arabic script), \(boundaries) outlines, \(byCountry.count) countries")
        for (k, n) in byKind.sorted(by: { $0.value > $1.value }) { print("  \(k.padding(toLength: 15, withPad: " ", startingAt: 0)) \(n)") }
        for (f, n) in byFile.sorted(by: { $0.key < $1.key }) { print("  file \(f): \(n)") }
        for w in g.warnings.prefix(5) { print("warning: \(w)") }
    }
}
