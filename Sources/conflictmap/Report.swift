import Aggregator
import ArgumentParser
import ConflictMapKit
import Foundation
import Geo
import Renderer

/// `conflictmap report`: the map with its evidence, in one self-contained HTML file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report: the map with the claims and mentions behind it, in one self-contained file.",
        discussion: """
            The page holds the map as inline SVG (select a place to see its claims and mentions, with \
            their sentences, outlets, dates and links), the claims numbered as on the map, the places, \
            the sources and their syndication clusters. It loads nothing from the network and prints on \
            A4 or Letter. With no --out it writes Output/<name>-report.html, named after the folder of \
            reports (or the place the reports name most).
            """)

    @OptionGroup var input: ReportOptions

    @OptionGroup(title: "Time") var time: TimeOptions

    @Option(name: .long, help: "Output file (.html or .md), or - for standard output (HTML only).")
    var out: String?

    @Option(name: .long, help: "html (default: one self-contained page) or md (Markdown for pandoc and Quarto, with the map in a file beside it).")
    var format: ReportFormat?

    @Option(name: .long, help: "With --format md: the map's format, png (default) or svg.")
    var mapFormat: String = "png"

    @Option(name: .long, help: "Map title (default: named after the place the reports name most).")
    var title: String?

    @Option(name: .long, help: "Centre the map on this place (name or gazetteer id).")
    var focus: String?

    @Option(name: .long, help: "Report on this analysis instead of reading reports: a partial result (analyze --partial, merge) or analyze's JSON; - for standard input.")
    var from: String?

    func validate() throws {
        quietMode = input.quiet
        if from != nil && !input.paths.isEmpty { throw ValidationError("give either report paths or --from, not both") }
        if resolvedFormat == .md && out == "-" {
            throw ValidationError("--format md writes the map in a file beside the Markdown: give --out FILE.md, not -")
        }
        if mapFormat != "png" && mapFormat != "svg" { throw ValidationError("--map-format '\(mapFormat)' is not png or svg") }
        if resolvedFormat == .md, let out, Self.mapPath(besides: out, format: mapFormat) == out {
            throw ValidationError("--out \(out): the map beside the Markdown would take the same name; end --out with .md")
        }
    }

    /// The format asked for, else the one --out's extension names, else HTML.
    var resolvedFormat: ReportFormat {
        if let format { return format }
        if let out, (out as NSString).pathExtension.lowercased() == "md" { return .md }
        return .html
    }

    /// The file the map goes to beside a Markdown report: its name with the map's extension.
    static func mapPath(besides markdown: String, format: String) -> String {
        (markdown as NSString).deletingPathExtension + "." + format
    }

    func run() throws {
        let markdown = resolvedFormat == .md
        if let out {
            var paths = [(path: out, option: "--out")]
            if markdown { paths.append((path: Self.mapPath(besides: out, format: mapFormat), option: "the map beside --out")) }
            try OutputPaths.check(paths)
        } else {
            try? FileManager.default.createDirectory(atPath: ProjectPaths.output, withIntermediateDirectories: true)
            try OutputPaths.check([(path: ProjectPaths.output + "/report.\(markdown ? "md" : "html")", option: "the output folder")])
        }
        var request = input.mapRequest(focus: focus)
        request.options.title = title
        time.apply(to: &request)
        do {
            let project = try Kit.loadProject(request)
            let (analysis, reports) = try input.analysis(from: from, project: project, request: request)
            let path = out ?? "\(ProjectPaths.output)/\(defaultName(analysis, project))-report.\(markdown ? "md" : "html")"
            let model: MapModel
            if markdown {
                let mapPath = Self.mapPath(besides: path, format: mapFormat)
                let made = try Kit.markdownReport(analysis: analysis, reports: reports, project: project, options: request,
                                                          mapFile: (mapPath as NSString).lastPathComponent,
                                                          mapFormat: mapFormat == "svg" ? .svg : .png)
                try Render.write(made.map, to: mapPath)
                try Render.write(made.markdown, to: path)
                model = made.model
            } else {
                let made = try Kit.report(analysis: analysis, reports: reports, project: project, options: request)
                try Render.write(made.html, to: path)
                model = made.model
            }
            for d in model.dropped { warn("label dropped (no free space): \(d.text) [\(d.place)]") }
            if !model.offMap.isEmpty { warn("named but left off the map: " + model.offMap.map(\.text).joined(separator: ", ")) }
        } catch let error as ConflictMapError {
            throw CommandFailure(kit: error)
        } catch let error as GeoError {
            throw CommandFailure(error)  // writing a file
        }
    }

    /// The report's file name: the folder of reports given (or the default examples' folder), else
    /// the province of the place the reports name most.
    func defaultName(_ analysis: Analysis, _ project: MapProject) -> String {
        input.defaultName(analysis, project, from: from)
    }
}

extension ReportOptions {
    /// An output's name: the folder of reports given ("syria-2024-offensive"), else the place the
    /// reports name most.
    func defaultName(_ analysis: Analysis, _ project: MapProject, from: String?) -> String {
        let paths = from == nil ? (paths.isEmpty ? [ProjectPaths.examples] : paths) : []
        var isDir: ObjCBool = false
        if paths.count == 1, let path = paths.first, path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            let name = ((path as NSString).standardizingPath as NSString).lastPathComponent
            if !name.isEmpty && name != "/" && name != "." { return Kit.slug(name) }
        }
        return Kit.defaultName(analysis, project.gazetteer)
    }
}

/// The report's formats.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case html, md
}
