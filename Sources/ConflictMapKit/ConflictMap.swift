import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer

/// What a map is drawn from and how: where the project's data is, how reports are read, and the
/// map's options. Every field has the default `conflictmap render` has.
public struct MapRequest: Sendable {
    /// The project folder holding `Gazetteer/` and `Actors/`; `nil`: ``ConflictMap/defaultProjectRoot()``.
    public var projectRoot: String?
    /// A gazetteer file or folder instead of `<projectRoot>/Gazetteer`.
    public var gazetteer: String?
    /// An actor profile (.json) or a folder of them instead of `<projectRoot>/Actors` (none if that is missing).
    public var actors: String?
    /// A place (name or gazetteer id) that biases which of several same-named places is meant.
    public var region: String?
    /// The date (`YYYY-MM-DD`) of reports that give none.
    public var defaultDate: String?
    /// A place (name or gazetteer id) to centre the map on.
    public var focus: String?
    /// Draw the map as the reports stood at the end of this day (`YYYY-MM-DD`): only reports dated
    /// by then, control aged against it (``Analysis/asOf(_:scoring:)``).
    public var asOf: String?
    /// Draw a change map: what changed from the end of this day to ``asOf`` (or the last report
    /// date), as rings round the places that changed (``Analysis/changes(since:until:scoring:)``).
    public var since: String?
    /// The map's size, title, theme, extent and the rest. `focus` is set from ``focus``; each side's
    /// colour is added from its actor profile where `actorColors` has none.
    public var options = MapOptions()
    /// The file ``ConflictMap/map(reports:options:)`` returns.
    public var format: OutputFormat = .png
    /// The PNG's pixel size multiplier (PNG only).
    public var scale: Double = 1

    public init() {}
}

/// What a date given is for, in a ``ConflictMapError``.
public enum DateUse: String, Sendable, Hashable {
    case date, asOf = "as-of", since
}

/// What a place given by name is for, in a ``ConflictMapError``.
public enum PlaceUse: String, Sendable, Hashable {
    case region, focus
}

/// Why a map or a report could not be made.
public enum ConflictMapError: Error, Sendable, Equatable, CustomStringConvertible {
    case gazetteer(GazetteerError)
    case actorProfiles(AggregatorError)
    case renderer(RendererError)
    case geometry(GeoError)
    /// A place given by name that the gazetteer does not have as written, with the nearest names it has.
    case unknownPlace(name: String, use: PlaceUse, nearest: [String])
    /// A date that is not `YYYY-MM-DD`.
    case invalidDate(String, use: DateUse)
    /// A map at a date, or of changes, asked of reports none of which has a date.
    case undatedReports(count: Int)
    /// A change map whose first day is after its last.
    case invalidPeriod(since: String, until: String)
    /// A map at a day before the first report.
    case noReportsBy(day: String, first: String)
    /// A timeline of more steps than it may have.
    case timelineTooLong(steps: Int, first: String, last: String)

    public var description: String {
        switch self {
        case .gazetteer(let e): return String(describing: e)
        case .actorProfiles(let e): return String(describing: e)
        case .renderer(let e): return String(describing: e)
        case .geometry(let e): return String(describing: e)
        case .unknownPlace(let name, let use, let nearest):
            return "\(use.rawValue) '\(name)' is not a place in the gazetteer" + ConflictMap.didYouMean(nearest)
        case .invalidDate(let d, _): return "'\(d)' is not a date; write it as YYYY-MM-DD"
        case .undatedReports(let n):
            return "none of the \(n) report\(n == 1 ? " has" : "s have") a date, so there is no map at a date or of changes "
                + "(dates come from the reports' metadata, datelines or file names, or the default date)"
        case .invalidPeriod(let since, let until): return "the change map would start on \(since), after its last day \(until)"
        case .noReportsBy(let day, let first): return "no report is dated on or before \(day): the first is dated \(first)"
        case .timelineTooLong(let steps, let first, let last):
            return "the reports' dates run from \(first) to \(last): \(steps) steps, more than the \(Timeline.maximumSteps) a timeline may have "
                + "(check for a stray date, or take longer steps)"
        }
    }
}

/// The data a map is drawn with: the gazetteer, the actor profiles, and the folder of the
/// gazetteer's outlines (`boundaries/`) and base-map lines (`basemap/`).
public struct MapProject: Sendable {
    public let gazetteer: Gazetteer
    public let actors: ActorProfiles
    public let gazetteerFolder: String

    public init(gazetteer: Gazetteer, actors: ActorProfiles, gazetteerFolder: String) {
        self.gazetteer = gazetteer
        self.actors = actors
        self.gazetteerFolder = gazetteerFolder
    }
}

/// A map in one call: `ConflictMap.map(reports:options:)` reads the project's gazetteer and actor
/// profiles, analyses the reports and draws the map, as `conflictmap render` does. The steps are
/// public too, for programs that draw several maps or formats of one analysis.
public enum ConflictMap {
    /// The map of `reports`, in `options.format`.
    public static func map(reports: [Report], options request: MapRequest = MapRequest()) throws(ConflictMapError) -> Data {
        let project = try loadProject(request)
        return try map(analysis: try analyze(reports, project: project, request: request), project: project, options: request)
    }

    /// The map of an analysis already made, in `options.format`.
    public static func map(analysis: Analysis, project: MapProject, options request: MapRequest = MapRequest()) throws(ConflictMapError) -> Data {
        try draw(try model(of: analysis, project: project, request: request), format: request.format, scale: request.scale)
    }

    /// The gazetteer and actor profiles a request names, or the project's.
    public static func loadProject(_ request: MapRequest) throws(ConflictMapError) -> MapProject {
        let root = request.projectRoot ?? defaultProjectRoot()
        let gazetteerPath = request.gazetteer ?? root + "/Gazetteer"
        let gazetteer: Gazetteer
        do { gazetteer = try Gazetteer.load(from: gazetteerPath, indexCache: true) } catch { throw .gazetteer(error) }
        let actors: ActorProfiles
        do {
            if let path = request.actors {
                actors = try ActorProfiles.load(from: path)
            } else if isFolder(root + "/Actors") {
                actors = try ActorProfiles.load(from: root + "/Actors")
            } else {
                actors = ActorProfiles()
            }
        } catch { throw .actorProfiles(error) }
        let folder = request.gazetteer.map { isFolder($0) || !FileManager.default.fileExists(atPath: $0) ? $0 : ($0 as NSString).deletingLastPathComponent }
        return MapProject(gazetteer: gazetteer, actors: actors, gazetteerFolder: folder ?? gazetteerPath)
    }

    /// The analysis of `reports` with the request's region and default date.
    public static func analyze(_ reports: [Report], project: MapProject, request: MapRequest) throws(ConflictMapError) -> Analysis {
        var analyzer = Analyzer(gazetteer: project.gazetteer, region: try regionPlace(request.region, in: project.gazetteer), actors: project.actors)
        if let date = request.defaultDate {
            analyzer.defaultDate = try day(date, use: .date)
        }
        return analyzer.analyze(reports)
    }

    /// The positioned map of an analysis: each side's colour from its actor profile, the focus,
    /// and the outlines and base-map lines near the map.
    /// `outlines`, when given, holds the outlines and lines to draw on, and keeps what is projected
    /// of them for the next map of the same extent (``outlines(near:project:request:)``).
    public static func model(of analysis: Analysis, project: MapProject, request: MapRequest,
                             outlines: OutlineCache? = nil) throws(ConflictMapError) -> MapModel {
        let (analysis, changes) = try timed(analysis, request: request)
        return try model(ofTimed: analysis, changes: changes, project: project, request: request, outlines: outlines)
    }

    /// The model of an analysis already taken to the request's day (``timed(_:request:)``).
    static func model(ofTimed analysis: Analysis, changes: ControlChanges?, project: MapProject, request: MapRequest,
                      outlines: OutlineCache? = nil) throws(ConflictMapError) -> MapModel {
        var options = request.options
        if let changes { options.changes = changes }
        for profile in project.actors.profiles {
            for side in profile.sides {
                if let colour = RGBA(hex: side.colour), options.actorColors[side.name] == nil { options.actorColors[side.name] = colour }
            }
        }
        if let focus = request.focus { options.focus = try exactPlace(focus, use: .focus, in: project.gazetteer) }
        let cache: OutlineCache
        if let outlines { cache = outlines } else {
            cache = try loadOutlines(near: MapBuilder.neighbourhood(of: analysis, options: options), project: project)
        }
        do {
            return try MapBuilder(analysis: analysis, gazetteer: project.gazetteer, outlines: cache, options: options).build()
        } catch { throw .renderer(error) }
    }

    /// The outlines and base-map lines for maps of `analysis` with `request`'s extent, to share
    /// among several maps of one extent (a timeline's panels and pages).
    public static func outlines(near analysis: Analysis, project: MapProject, request: MapRequest) throws(ConflictMapError) -> OutlineCache {
        var options = request.options
        if let focus = request.focus { options.focus = try exactPlace(focus, use: .focus, in: project.gazetteer) }
        return try loadOutlines(near: MapBuilder.neighbourhood(of: analysis, options: options), project: project, capacity: 2)
    }

    /// Only the outlines and rivers near the map, plus room for the inset.
    static func loadOutlines(near: BoundingBox?, project: MapProject, capacity: Int = 1) throws(ConflictMapError) -> OutlineCache {
        let boundaries: BoundarySet, lines: BaseMapLines
        do {
            boundaries = try BoundarySet.load(from: project.gazetteerFolder + "/boundaries", within: near)
            lines = try BaseMapLines.load(from: project.gazetteerFolder + "/basemap", within: near)
        } catch { throw .gazetteer(error) }
        // Hill shadows at regional scales; an older gazetteer folder without the grid: none.
        let relief: ReliefGrid?
        do { relief = try ReliefGrid.load(from: project.gazetteerFolder + "/basemap/relief.bin") } catch { throw .renderer(error) }
        return OutlineCache(boundaries: boundaries, lines: lines, relief: relief, capacity: capacity)
    }

    /// The analysis as of ``MapRequest/asOf`` and the changes since ``MapRequest/since``, as the map
    /// draws them; the analysis as it is when the request gives neither.
    public static func timed(_ analysis: Analysis, request: MapRequest) throws(ConflictMapError) -> (analysis: Analysis, changes: ControlChanges?) {
        guard request.asOf != nil || request.since != nil else { return (analysis, nil) }
        guard analysis.dateRange != nil else { throw .undatedReports(count: analysis.documents.count) }
        let asOf = try request.asOf.map { (d) throws(ConflictMapError) in try day(d, use: .asOf) }
        let since = try request.since.map { (d) throws(ConflictMapError) in try day(d, use: .since) }
        guard let until = asOf ?? analysis.dateRange?.last else { throw .undatedReports(count: analysis.documents.count) }
        var changes: ControlChanges?
        if let since {
            guard since <= until, let c = analysis.changes(since: since, until: until) else { throw .invalidPeriod(since: since, until: until) }
            changes = c
        }
        guard let at = analysis.asOf(until) else { throw .invalidDate(until, use: .asOf) }
        if at.documents.isEmpty, let first = analysis.dateRange?.first { throw .noReportsBy(day: until, first: first) }
        return (at, changes)
    }

    /// A date as `YYYY-MM-DD`, or the error naming what it was for.
    public static func day(_ text: String, use: DateUse) throws(ConflictMapError) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.count == 10, let d = ReportDate.normalize(t), d == t else {
            throw .invalidDate(text, use: use)
        }
        return d
    }

    /// The file of a positioned map in one format.
    public static func draw(_ model: MapModel, format: OutputFormat, scale: Double = 1) throws(ConflictMapError) -> Data {
        do { return try MapDrawer.render(model, format: format, scale: format == .png ? scale : 1) } catch { throw .renderer(error) }
    }

    /// A place given by id or by a name the gazetteer has as written (any spelling it lists, not a
    /// guess: "Narnia" is refused, not read as Narayani).
    public static func exactPlace(_ name: String, use: PlaceUse, in g: Gazetteer) throws(ConflictMapError) -> Place {
        if let p = g.place(id: name) { return p }
        guard let best = g.resolve(name), best.match != .fuzzy, let p = g.place(id: best.id) else {
            throw .unknownPlace(name: name, use: use, nearest: g.nearestNames(to: name, limit: 3).map { "\($0.name) (\($0.id))" })
        }
        return p
    }

    /// "; did you mean Panjshir (af/panjshir) or Panjshir Valley (…)?", or nothing with no names.
    public static func didYouMean(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return "; did you mean " + (names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " or " + last) + "?"
    }

    static func regionPlace(_ region: String?, in g: Gazetteer) throws(ConflictMapError) -> Place? {
        guard let region else { return nil }
        return try exactPlace(region, use: .region, in: g)
    }

    /// A file name for the map: the province of the place the reports name most ("panjshir").
    public static func defaultName(_ analysis: Analysis, _ gazetteer: Gazetteer) -> String {
        guard let top = analysis.namedPlaces.first(where: { $0.precision != .country }), let place = gazetteer.place(id: top.id) else {
            return "map"
        }
        let province = ([place] + gazetteer.ancestors(of: place)).first { $0.kind == .province }
        return slug(province?.name ?? place.name)
    }

    /// A name as letters, digits and hyphens ("Panjshir Valley" → "panjshir-valley").
    public static func slug(_ name: String) -> String {
        let s = NameKey.normalized(name).map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return s.isEmpty ? "map" : s
    }

    static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
