import Aggregator
import ArgumentParser
import ConflictMapKit
import Foundation
import Geo
import Renderer

/// `conflictmap timeline`: the map day by day (or week by week), as small multiples.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Draw the map at every day (or week) of the reports: a PNG grid, PDF pages or an animated PNG.",
        discussion: """
            Each step is the map as the reports stood at the end of that day: only reports dated by then, \
            control aged against it (as render --as-of draws it). Every step has the same extent, and each \
            side keeps its colour. The grid (.png) has one small panel per step with one legend; the PDF \
            (.pdf) has the whole map, claims included, on one page per step; the animation (.apng, an \
            animated PNG that browsers play) shows the whole map step by step. Reports need dates: from \
            their metadata, datelines or file names, or --date for the undated. With no --out it writes \
            Output/<name>-timeline.png, named after the folder of reports (or the place the reports name most).
            """)

    @OptionGroup var input: ReportOptions

    @Option(name: .long, help: "Output file: .png (grid), .pdf (a page per step) or .apng (animation); - for standard output with --format.")
    var out: String?

    @Option(name: .long, help: "grid, pdf or apng (default: from --out's extension, else grid).")
    var format: TimelineFormat?

    @Option(name: .long, help: "day (default) or week.")
    var step: TimelineStep = .day

    @Option(name: .long, help: "Panels per row in the grid (default: about square).")
    var columns: Int?

    @Option(name: .long, help: "Each grid panel's size in pixels, WxH.")
    var panel: String = "640x480"

    @Option(name: .long, help: "Page or frame size in pixels (points for PDF), WxH, for pdf and apng.")
    var size: String = "1600x1200"

    @Option(name: .long, help: "Seconds each animation frame shows.")
    var delay: Double = 1.5

    @Option(name: .long, help: "Title (default: named after the place the reports name most).")
    var title: String?

    @Option(name: .long, help: "Show this extent: west,south,east,north in degrees.")
    var bbox: String?

    @Option(name: .long, help: "Centre the map on this place (name or gazetteer id).")
    var focus: String?

    @Option(name: .long, help: "Draw from this analysis instead of reading reports (a partial result or analyze's JSON); - for standard input.")
    var from: String?

    enum TimelineFormat: String, ExpressibleByArgument, CaseIterable { case grid, pdf, apng }

    func validate() throws {
        quietMode = input.quiet
        if from != nil && !input.paths.isEmpty { throw ValidationError("give either report paths or --from, not both") }
        guard Self.size(panel) != nil else { throw ValidationError("--panel '\(panel)' is not WxH in pixels (e.g. 640x480, at least 200x150)") }
        guard let (w, h) = Self.size(size) else { throw ValidationError("--size '\(size)' is not WxH (e.g. 1600x1200, at least 200x150)") }
        if (format ?? out.flatMap(Self.format(of:))) == .apng {
            do { try MapLimits.check(width: w, height: h, scale: 1) } catch { throw ValidationError("--size: \(error)") }
        }
        if let columns, !(1...50).contains(columns) { throw ValidationError("--columns must be 1 to 50") }
        guard delay.isFinite, delay > 0, delay <= 600 else { throw ValidationError("--delay must be more than 0 and at most 600 seconds") }
        if out == "-" && format == nil { throw ValidationError("--out - needs --format (grid, pdf or apng)") }
        if let out, out != "-", format == nil, Self.format(of: out) == nil {
            throw ValidationError("--out \(out): cannot tell the format from its extension; use .png, .pdf or .apng, or give --format")
        }
        if let bbox {
            do { try MapLimits.check(extent: try BoundingBox(parsing: bbox)) } catch { throw ValidationError("--bbox: \(error)") }
        }
    }

    static func format(of path: String) -> TimelineFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "png": return .grid
        case "pdf": return .pdf
        case "apng": return .apng
        default: return nil
        }
    }

    /// "WxH" with each side within what a map may be.
    static func size(_ text: String) -> (Double, Double)? {
        let fields = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        let parts = fields.compactMap { Double($0) }
        guard fields.count == 2, parts.count == 2, parts.allSatisfy(\.isFinite), parts[0] >= 200, parts[1] >= 150,
              (try? MapLimits.check(width: parts[0], height: parts[1])) != nil else { return nil }
        return (parts[0], parts[1])
    }

    func run() throws {
        let kind = format ?? out.flatMap(Self.format(of:)) ?? .grid
        let ext = kind == .grid ? "png" : kind.rawValue
        if let out {
            try OutputPaths.check(out, option: "--out")
        } else {
            try? FileManager.default.createDirectory(atPath: ProjectPaths.output, withIntermediateDirectories: true)
            try OutputPaths.check(ProjectPaths.output + "/timeline.\(ext)", option: "the output folder")
        }
        let (pw, ph) = Self.size(panel) ?? (640, 480)
        var request = input.mapRequest(focus: focus)
        if let (w, h) = Self.size(size) { (request.options.width, request.options.height) = (w, h) }
        if let bbox { request.options.boundingBox = try? BoundingBox(parsing: bbox) }
        request.options.title = title
        do {
            let project = try Kit.loadProject(request)
            let (analysis, _) = try input.analysis(from: from, project: project, request: request)
            if analysis.undatedDocuments > 0 {
                warn("\(analysis.undatedDocuments) undated report\(analysis.undatedDocuments == 1 ? " is" : "s are") left out (give --date for them)")
            }
            // The file's name is known now: checked before anything is drawn.
            let path = out ?? "\(ProjectPaths.output)/\(input.defaultName(analysis, project, from: from))-timeline.\(ext)"
            if out == nil { try OutputPaths.check(path, option: "the output file") }
            let steps = analysis.dayCount(every: step.days)
            if kind == .grid, steps <= Timeline.maximumSteps { try checkGridSize(steps: steps, panel: (pw, ph)) }
            let timeline = try Kit.timeline(of: analysis, project: project, request: request, step: step, panelWidth: pw, panelHeight: ph,
                                            panels: kind == .grid)
            warn("\(timeline.days.count) step\(timeline.days.count == 1 ? "" : "s"), \(timeline.days.first ?? "") to \(timeline.days.last ?? "")")
            let name = title ?? Kit.defaultTitle(analysis, project.gazetteer)
            let data: Data
            switch kind {
            case .grid:
                data = try Kit.timelineGrid(timeline, title: "\(name), \(step == .day ? "day" : "week") by \(step == .day ? "day" : "week")", columns: columns)
            case .pdf:
                data = try Kit.drawPages(try Kit.timelinePages(of: analysis, timeline: timeline, project: project, request: request), title: name)
            case .apng:
                data = try Kit.animate(try Kit.timelinePages(of: analysis, timeline: timeline, project: project, request: request), delay: delay)
            }
            try Render.write(data, to: path)
        } catch let error as ConflictMapError {
            throw CommandFailure(kit: error)
        } catch let error as GeoError {
            throw CommandFailure(error)
        }
    }
}

extension TimelineCommand {
    /// The grid's panels alone within the limits of an image, before any is drawn (the legend
    /// beside them and the heading add at most a few hundred pixels more, checked when drawn).
    func checkGridSize(steps: Int, panel: (Double, Double)) throws {
        let n = max(1, min(steps, Timeline.maximumSteps))
        let cols = Double(max(1, min(columns ?? Int(Double(n).squareRoot().rounded(.up)), n)))
        let rows = (Double(n) / cols).rounded(.up)
        do { try MapLimits.check(width: cols * panel.0, height: rows * panel.1, scale: 1) } catch {
            throw CommandFailure(message: "the grid of \(n) panels of \(Int(panel.0))×\(Int(panel.1)) would be too large: \(error) (use smaller --panel, other --columns or --step week)")
        }
    }
}

extension TimelineStep: ExpressibleByArgument {}
