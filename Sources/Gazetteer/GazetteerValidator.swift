import Foundation
import Geo

/// Checks gazetteer files and reports every problem with its file and line.
public enum GazetteerValidator {
    /// What `validate` found.
    public struct Report: Sendable {
        /// Problems that make the gazetteer wrong: bad features, duplicate ids, dangling parents, cycles.
        public var errors: [GazetteerError] = []
        /// Problems worth a look that do not stop loading.
        public var warnings: [GazetteerError] = []
        public var placeCount = 0
        public var boundaryCount = 0
        public var files: [String] = []
    }

    /// The longest id allowed, in bytes (the longest in the shipped gazetteer has 89).
    public static let maximumIDLength = 200

    /// Why an id is malformed, or `nil` when it is well formed. An id is a path of one or more
    /// slugs joined by single '/', parent first (`af`, `af/panjshir/shutul`, `ua/kyiv-city`); a slug
    /// is lowercase ASCII letters and digits, with '-' or '_' allowed between them. So `af//x`,
    /// `/af`, `af/`, `Af`, `af/-x` and `af/x y` are refused.
    public static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if let bad = id.unicodeScalars.first(where: { !isIDCharacter($0) }) {
            let shown = bad.properties.generalCategory == .control ? bad.escaped(asASCII: true) : String(bad)
            return "has the character '\(shown)'; ids use lowercase ASCII letters, digits, '-', '_' and '/'"
        }
        if id.utf8.count > maximumIDLength { return "is longer than \(maximumIDLength) characters" }
        if id.hasPrefix("/") { return "starts with '/'" }
        if id.hasSuffix("/") { return "ends with '/'" }
        for segment in id.split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = segment.unicodeScalars.first, let last = segment.unicodeScalars.last else {
                return "has an empty part ('//')"
            }
            if !isSlugEnd(first) || !isSlugEnd(last) {
                return "has the part '\(segment)'; each part between '/' begins and ends with a letter or digit"
            }
        }
        return nil
    }

    private static func isSlugEnd(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("0"..."9").contains(c) }
    private static func isIDCharacter(_ c: Unicode.Scalar) -> Bool { isSlugEnd(c) || c == "-" || c == "_" || c == "/" }

    /// Validates every place file in a folder (or one file) and the boundary files beside them.
    /// The user layer (`user.geojson`) may replace built places (the same id) and add names to
    /// them; its other ids must be new, and every parent must exist once it is applied.
    public static func validate(path: String) -> Report {
        var report = Report()
        guard let (files, isFolder) = geojsonFiles(at: path) else {
            report.errors.append(GazetteerError(file: path, reason: "no such file or folder"))
            return report
        }
        report.files = files
        var seen = Seen()
        let (built, user) = UserLayerFile.split(files, isFolder: isFolder)
        for file in built { validateBuilt(file, &report, &seen) }
        if let user { validateUserLayer(user, &report, &seen) }
        checkParents(seen, &report)
        if isFolder { validateBoundaries((path as NSString).appendingPathComponent("boundaries"), &report, seen) }
        return report
    }

    /// What the files read so far hold: where each id is first, and each place's parent.
    struct Seen {
        var first: [String: (String, Int)] = [:]
        /// id → (parent, file, line)
        var parents: [String: (String, String, Int)] = [:]
    }

    /// Checks one built place file.
    static func validateBuilt(_ file: String, _ report: inout Report, _ seen: inout Seen) {
        guard let data = FileManager.default.contents(atPath: file) else {
            report.errors.append(GazetteerError(file: file, reason: "cannot be read"))
            return
        }
        do throws(GazetteerError) {
            try GazetteerFile.forEachFeatureLine(data, path: file) { (json, line) throws(GazetteerError) in
                do throws(GazetteerError) {
                    let place = try GazetteerFile.place(from: json, path: file, line: line)
                    report.placeCount += 1
                    if let (otherFile, otherLine) = seen.first[place.id] {
                        report.errors.append(GazetteerError(file: file, line: line, reason: "duplicate id '\(place.id)', first at \(otherFile):\(otherLine)"))
                    } else {
                        seen.first[place.id] = (file, line)
                    }
                    note(place, file: file, line: line, replacing: false, &report, &seen)
                } catch {
                    report.errors.append(error)
                }
            }
        } catch {
            report.errors.append(error)
        }
        if let text = String(data: data, encoding: .utf8), let places = try? GazetteerFile.parsePlaces(data, path: file),
            GazetteerFile.text(for: places) != text {
            report.warnings.append(notCanonical(file))
        }
    }

    /// Checks the user layer: its places replace built ones or are new (ids unique within it), and
    /// the names it adds are for built places.
    static func validateUserLayer(_ file: String, _ report: inout Report, _ seen: inout Seen) {
        guard let data = FileManager.default.contents(atPath: file) else {
            report.errors.append(GazetteerError(file: file, reason: "cannot be read"))
            return
        }
        var own: [String: Int] = [:]
        do throws(GazetteerError) {
            try GazetteerFile.forEachFeatureLine(data, path: file) { (json, line) throws(GazetteerError) in
                do throws(GazetteerError) {
                    let entry = try UserLayerFile.entry(from: json, path: file, line: line)
                    if let other = own[entry.id] {
                        report.errors.append(GazetteerError(file: file, line: line, reason: "duplicate id '\(entry.id)', first at \(file):\(other)"))
                        return
                    }
                    own[entry.id] = line
                    switch entry {
                    case .place(let place):
                        report.placeCount += 1
                        if seen.first[place.id] == nil { seen.first[place.id] = (file, line) }
                        note(place, file: file, line: line, replacing: true, &report, &seen)
                    case .names(let id, _):
                        if seen.first[id] == nil {
                            report.errors.append(GazetteerError(file: file, line: line, reason: "adds names to '\(id)', which no built place has"))
                        }
                    }
                } catch {
                    report.errors.append(error)
                }
            }
        } catch {
            report.errors.append(error)
        }
        if let text = String(data: data, encoding: .utf8), let entries = try? UserLayerFile.parse(data, path: file),
            UserLayerFile.text(for: entries) != text {
            report.warnings.append(notCanonical(file))
        }
    }

    static func notCanonical(_ file: String) -> GazetteerError {
        GazetteerError(file: file, reason: "is not in canonical form (sorted by id, one feature per line)",
                       hint: "any gazetteer edit command rewrites it canonically")
    }

    /// Checks a place's own id and notes its parent (replacing a built place's, for the user layer's).
    static func note(_ place: Place, file: String, line: Int, replacing: Bool, _ report: inout Report, _ seen: inout Seen) {
        if let problem = idProblem(place.id) {
            report.errors.append(GazetteerError(file: file, line: line, reason: "id '\(place.id)' \(problem)"))
        }
        if let parent = place.parent {
            seen.parents[place.id] = (parent, file, line)
        } else if replacing {
            seen.parents[place.id] = nil
        }
        // Countries and world regions (a continent, "Middle East", which span countries) stand at the top,
        // and so do seas and lakes that span countries (the Black Sea, Lake Kivu).
        let topLevel = place.kind == .country
            || ([.region, .sea, .lake].contains(place.kind) && (place.country ?? "").isEmpty)
        if !topLevel && place.parent == nil {
            report.warnings.append(GazetteerError(file: file, line: line, reason: "'\(place.id)' has no parent"))
        }
    }

    /// Every parent exists, and no chain of parents is a cycle.
    static func checkParents(_ seen: Seen, _ report: inout Report) {
        for (id, (parent, file, line)) in seen.parents.sorted(by: { $0.key < $1.key }) {
            if seen.first[parent] == nil {
                report.errors.append(GazetteerError(file: file, line: line, reason: "'\(id)' names parent '\(parent)', which no place has"))
                continue
            }
            // Follow the chain to catch cycles.
            var visited: Set<String> = [id]
            var current = parent
            while let next = seen.parents[current]?.0 {
                if !visited.insert(current).inserted {
                    report.errors.append(GazetteerError(file: file, line: line, reason: "'\(id)' is its own ancestor (a parent cycle through '\(current)')"))
                    break
                }
                current = next
            }
        }
    }

    /// Boundaries: well-formed, and keyed by a place id.
    static func validateBoundaries(_ folder: String, _ report: inout Report, _ seen: Seen) {
        guard FileManager.default.fileExists(atPath: folder) else { return }
        do {
            let set = try BoundarySet.load(from: folder)
            report.boundaryCount = set.boundaries.count
            let missing = set.boundaries.filter { seen.first[$0.id] == nil }
            if !missing.isEmpty {
                report.warnings.append(GazetteerError(file: folder, reason: "\(missing.count) outline(s) have no place, e.g. '\(missing[0].id)'"))
            }
        } catch {
            report.errors.append(error)
        }
    }
}

/// Reads the GeoNames dump format (`allCountries.txt`, `AF.txt`, `cities15000.txt`): tab-separated, 19 columns.
public enum GeoNamesDump {
    /// One row of the dump.
    public struct Row: Sendable, Hashable {
        public var geonameID: Int64
        public var name: String
        public var asciiName: String
        public var alternateNames: [String]
        public var coordinate: Coordinate
        public var featureClass: String
        public var featureCode: String
        public var countryCode: String
        public var population: Int64
    }

    /// Parses the text; a malformed row is an error naming its line.
    public static func parse(_ text: String, path: String) throws(GazetteerError) -> [Row] {
        var rows: [Row] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count >= 15 else {
                throw GazetteerError(file: path, line: n + 1, reason: "has \(f.count) tab-separated columns; the GeoNames format has 19",
                                     hint: "expected geonameid, name, asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, …")
            }
            guard let id = Int64(f[0]), let lat = Double(f[4]), let lon = Double(f[5]) else {
                throw GazetteerError(file: path, line: n + 1, reason: "geonameid, latitude or longitude is not a number")
            }
            let c: Coordinate
            do { c = try Coordinate.validated(latitude: lat, longitude: lon) } catch {
                throw GazetteerError(file: path, line: n + 1, reason: "\(error)")
            }
            rows.append(Row(
                geonameID: id, name: String(f[1]), asciiName: String(f[2]),
                alternateNames: f[3].split(separator: ",").map(String.init).filter { !$0.isEmpty },
                coordinate: c, featureClass: String(f[6]), featureCode: String(f[7]), countryCode: String(f[8]),
                population: Int64(f[14]) ?? 0))
        }
        return rows
    }

    /// The gazetteer kind for a GeoNames feature code, or `nil` for features the gazetteer does not hold.
    public static func kind(featureClass: String, featureCode: String, population: Int64) -> PlaceKind? {
        switch (featureClass, featureCode) {
        case ("A", "PCLI"), ("A", "PCLD"), ("A", "PCLF"), ("A", "PCLS"), ("A", "PCL"): return .country
        case ("A", "ADM1"): return .province
        case ("A", "ADM2"): return .district
        case ("P", "PPLC"), ("P", "PPLA"): return .city
        case ("P", _): return population >= 50_000 ? .city : population >= 5_000 ? .town : .village
        case ("T", "VAL"), ("T", "VALS"): return .valley
        case ("T", "PASS"): return .pass
        case ("T", "MTS"), ("T", "RNGA"): return .mountainRange
        case ("L", "RGN"), ("L", "AREA"): return .region
        case ("H", "LK"), ("H", "LKS"), ("H", "LKI"), ("H", "LKN"), ("H", "RSV"): return .lake
        case ("H", "SEA"), ("H", "OCN"), ("H", "GULF"), ("H", "BAY"), ("H", "STRT"), ("H", "CHN"), ("H", "SD"): return .sea
        default: return nil
        }
    }
}
