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
    public static func validate(path: String) -> Report {
        var report = Report()
        guard let (files, isFolder) = geojsonFiles(at: path) else {
            report.errors.append(GazetteerError(file: path, reason: "no such file or folder"))
            return report
        }
        report.files = files
        var firstSeen: [String: (String, Int)] = [:]
        var parents: [String: (String, String, Int)] = [:]  // id → (parent, file, line)
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                report.errors.append(GazetteerError(file: file, reason: "cannot be read"))
                continue
            }
            var lineOfFeature = 0
            do {
                try GazetteerFile.forEachFeatureLine(data, path: file) { (json, line) throws(GazetteerError) in
                    lineOfFeature = line
                    do {
                        let place = try GazetteerFile.place(from: json, path: file, line: line)
                        report.placeCount += 1
                        if let problem = idProblem(place.id) {
                            report.errors.append(GazetteerError(file: file, line: line, reason: "id '\(place.id)' \(problem)"))
                        }
                        if let (otherFile, otherLine) = firstSeen[place.id] {
                            report.errors.append(GazetteerError(file: file, line: line, reason: "duplicate id '\(place.id)', first at \(otherFile):\(otherLine)"))
                        } else {
                            firstSeen[place.id] = (file, line)
                        }
                        if let parent = place.parent { parents[place.id] = (parent, file, line) }
                        // Countries and world regions (a continent, "Middle East", which span countries) stand at the top.
                        let topLevel = place.kind == .country || (place.kind == .region && (place.country ?? "").isEmpty)
                        if !topLevel && place.parent == nil {
                            report.warnings.append(GazetteerError(file: file, line: line, reason: "'\(place.id)' has no parent"))
                        }
                    } catch let error as GazetteerError {
                        report.errors.append(error)
                    } catch {
                        report.errors.append(GazetteerError(file: file, line: line, reason: "\(error)"))
                    }
                }
            } catch let error as GazetteerError {
                report.errors.append(error)
            } catch {
                report.errors.append(GazetteerError(file: file, reason: "\(error)"))
            }
            _ = lineOfFeature
            if let text = String(data: data, encoding: .utf8), let places = try? GazetteerFile.parsePlaces(data, path: file),
                GazetteerFile.text(for: places) != text {
                report.warnings.append(GazetteerError(file: file, reason: "is not in canonical form (sorted by id, one feature per line)",
                                                      hint: "any gazetteer edit command rewrites it canonically"))
            }
        }
        for (id, (parent, file, line)) in parents.sorted(by: { $0.key < $1.key }) {
            if firstSeen[parent] == nil {
                report.errors.append(GazetteerError(file: file, line: line, reason: "'\(id)' names parent '\(parent)', which no place has"))
                continue
            }
            // Follow the chain to catch cycles.
            var seen: Set<String> = [id]
            var current = parent
            while let next = parents[current]?.0 {
                if !seen.insert(current).inserted {
                    report.errors.append(GazetteerError(file: file, line: line, reason: "'\(id)' is its own ancestor (a parent cycle through '\(current)')"))
                    break
                }
                current = next
            }
        }
        // Boundaries: well-formed, and keyed by a place id.
        let boundaryDir = isFolder ? (path as NSString).appendingPathComponent("boundaries") : ""
        if !boundaryDir.isEmpty, FileManager.default.fileExists(atPath: boundaryDir) {
            do {
                let set = try BoundarySet.load(from: boundaryDir)
                report.boundaryCount = set.boundaries.count
                let missing = set.boundaries.filter { firstSeen[$0.id] == nil }
                if !missing.isEmpty {
                    report.warnings.append(GazetteerError(file: boundaryDir, reason: "\(missing.count) outline(s) have no place, e.g. '\(missing[0].id)'"))
                }
            } catch {
                report.errors.append(error)
            }
        }
        return report
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
        default: return nil
        }
    }
}
