import Aggregator
import ArgumentParser
import ConflictMapKit
import Foundation
import Geo
import Renderer

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a map of the places named in reports (PNG, SVG, PDF).",
        discussion: """
            With no paths it reads the example reports in Examples/panjshir-2021/ and writes Output/<place>.png and \
            Output/<place>.svg, named after the place the reports name most. Every file is written whole \
            or not at all. With --from it draws an analysis already made (a partial result, or analyze's \
            JSON) without reading reports.
            """)

    @OptionGroup var input: ReportOptions

    @OptionGroup(title: "Time") var time: TimeOptions

    @Option(name: .long, help: "Output file. Its extension sets the format unless --format is given.")
    var out: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: png, svg, pdf (default: png and svg).")
    var format: [OutputFormat] = []

    @Option(name: .long, help: "Canvas width in pixels (points for SVG and PDF).")
    var width: Double = 1600

    @Option(name: .long, help: "Canvas height in pixels (points for SVG and PDF).")
    var height: Double = 1200

    @Option(name: .long, help: "Multiply the PNG's pixel size, e.g. 2 for HiDPI screens.")
    var scale: Double = 1

    @Option(name: .long, help: "Map title (default: named after the place the reports name most).")
    var title: String?

    @Option(name: .long, help: "Show this extent: west,south,east,north in degrees.")
    var bbox: String?

    @Option(name: .long, help: "Centre the map on this place (name or gazetteer id).")
    var focus: String?

    @Option(name: .long, help: "Page size for PDF and SVG: A4, A3, Letter (landscape; add -portrait), or WxH in points. Overrides --width/--height.")
    var page: String?

    @Option(name: .long, help: "light (default) or print (black and white: sides told apart by pattern and shape).")
    var theme: String = "light"

    @Flag(name: .long, help: "Add the Dari or Pashto name under each label.")
    var bilingual = false

    @Flag(name: .long, help: "Size markers by mentions instead of independent sources.")
    var sizeByMentions = false

    @Flag(name: .long, help: "Leave the background transparent.")
    var transparent = false

    @Option(name: .long, help: "Also write the position of every drawn element as JSON to this file.")
    var layout: String?

    @Option(name: .long, help: "Draw from this analysis instead of reading reports: a partial result (analyze --partial, merge) or analyze's JSON; - for standard input.")
    var from: String?

    func validate() throws {
        quietMode = input.quiet
        if out == "-" && format.count > 1 { throw ValidationError("--out - writes one map to standard output: give at most one --format") }
        if out == "-" && layout == "-" { throw ValidationError("--out - and --layout - cannot both use standard output") }
        if from != nil && !input.paths.isEmpty {
            throw ValidationError("give either report paths or --from, not both")
        }
        // Checked before any report is read.
        if let page, Self.pageSize(page) == nil {
            throw ValidationError("--page '\(page)' is not a page size; use A4, A3, Letter, A4-portrait, or WxH in points (e.g. 842x595)")
        }
        if Theme.all[theme] == nil {
            throw ValidationError("--theme '\(theme)' is not a theme; use \(Theme.all.keys.sorted().joined(separator: " or "))")
        }
        if let bbox {
            let box: BoundingBox
            do { box = try BoundingBox(parsing: bbox) } catch { throw ValidationError("--bbox: \(error)") }
            do { try MapLimits.check(extent: box) } catch { throw ValidationError("--bbox: \(error)") }
        }
        // The canvas (after --page) and the PNG's pixel size, before any report is read.
        let (w, h) = page.flatMap(Self.pageSize) ?? (width, height)
        do {
            try MapLimits.check(width: w, height: h)
            if pngRequested { try MapLimits.check(width: w, height: h, scale: scale) }
        } catch {
            throw ValidationError("\(page != nil ? "--page" : "--width/--height")\(pngRequested ? "/--scale" : ""): \(error)")
        }
    }

    /// Whether a PNG will be written: --format png, an --out ending in .png, or the default formats.
    var pngRequested: Bool {
        if !format.isEmpty { return format.contains(.png) }
        guard let out else { return true }
        return (out as NSString).pathExtension.lowercased() == "png"
    }

    func run() throws {
        try checkOutputPaths()
        let request = mapRequest()
        do {
            let project = try Kit.loadProject(request)
            let (analysis, _) = try input.analysis(from: from, project: project, request: request)
            let model = try Kit.model(of: analysis, project: project, request: request)
            for (path, format) in try outputs(defaultName: Kit.defaultName(analysis, project.gazetteer)) {
                try Self.write(try Kit.draw(model, format: format, scale: scale), to: path)
            }
            if let layout {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try Self.write(try encoder.encode(model.layout), to: layout)
            }
            for d in model.dropped { warn("label dropped (no free space): \(d.text) [\(d.place)]") }
            if !model.offMap.isEmpty {
                warn("named but left off the map, far from the places with claims: " + model.offMap.map(\.text).joined(separator: ", ")
                     + " (use --bbox or --focus to include them)")
            }
        } catch let error as ConflictMapError {
            throw CommandFailure(kit: error)
        } catch let error as GeoError {
            throw CommandFailure(error)  // writing a file
        }
    }

    /// What the options ask the library for (--page, --theme and --bbox were checked by validate()).
    func mapRequest() -> MapRequest {
        var request = input.mapRequest(focus: focus)
        request.scale = scale
        time.apply(to: &request)
        var options = MapOptions()
        options.width = width
        options.height = height
        if let page, let size = Self.pageSize(page) { (options.width, options.height) = size }
        options.theme = Theme.all[theme] ?? options.theme
        options.title = title
        options.bilingual = bilingual
        options.transparent = transparent
        options.sizeByMentions = sizeByMentions
        if let bbox { options.boundingBox = try? BoundingBox(parsing: bbox) }
        request.options = options
        return request
    }

    /// Every file this run will write can be written: checked before any report is read.
    func checkOutputPaths() throws {
        var paths: [(path: String, option: String)] = []
        if out != nil {
            paths += try outputs(defaultName: "map").map { (path: $0.0, option: "--out") }
        } else {
            // The default folder, made when missing; the file's name comes from the reports.
            try? FileManager.default.createDirectory(atPath: ProjectPaths.output, withIntermediateDirectories: true)
            paths.append((path: ProjectPaths.output + "/map.png", option: "the output folder"))
        }
        if let layout { paths.append((path: layout, option: "--layout")) }
        try OutputPaths.check(paths)
    }

    /// Writes a whole file (or standard output, for `-`) and says so on standard error.
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            do { try StreamedOutput(path: nil).write([UInt8](data)) } catch { throw CommandFailure(error) }
            return
        }
        try AtomicFile.write(data, to: path)
        warn("wrote \(path)")
    }

    /// The files to write and their formats.
    func outputs(defaultName: String) throws -> [(String, OutputFormat)] {
        if out == "-" { return [("-", format.first ?? .png)] }
        if let out {
            let ext = (out as NSString).pathExtension.lowercased()
            if format.count > 1 {
                let base = (out as NSString).deletingPathExtension
                return format.map { ("\(base).\($0.rawValue)", $0) }
            }
            if let f = format.first { return [(out, f)] }
            guard let f = OutputFormat(rawValue: ext) else {
                throw CommandFailure(message: "--out \(out): cannot tell the format from '.\(ext)'; use .png, .svg or .pdf, or give --format")
            }
            return [(out, f)]
        }
        let formats = format.isEmpty ? [OutputFormat.png, .svg] : format
        return formats.map { ("\(ProjectPaths.output)/\(defaultName).\($0.rawValue)", $0) }
    }

    /// A named page size (landscape unless "-portrait"), or "WxH" in points.
    static func pageSize(_ text: String) -> (Double, Double)? {
        let lower = text.lowercased()
        let portrait = lower.hasSuffix("-portrait")
        let name = portrait ? String(lower.dropLast("-portrait".count)) : lower
        let sizes: [String: (Double, Double)] = ["a4": (842, 595), "a3": (1191, 842), "letter": (792, 612), "legal": (1008, 612)]
        if let s = sizes[name] { return portrait ? (s.1, s.0) : s }
        let parts = lower.split(separator: "x").compactMap { Double($0) }
        guard parts.count == 2, parts.allSatisfy(\.isFinite), parts[0] >= 200, parts[1] >= 150 else { return nil }
        return (parts[0], parts[1])
    }
}

extension OutputFormat: ExpressibleByArgument {}
