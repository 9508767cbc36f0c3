import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer

/// How far apart a timeline's steps are.
public enum TimelineStep: String, Sendable, CaseIterable {
    case day, week

    public var days: Int { self == .day ? 1 : 7 }
}

/// A map over time: one panel per step, each the map as the reports stood at the end of its day
/// (``Analysis/asOf(_:scoring:)``), all of one extent and with each side in one colour.
public struct Timeline: Sendable {
    /// The most steps a timeline has: a year by day.
    public static let maximumSteps = 400

    /// The steps' days, `YYYY-MM-DD`, first to last.
    public var days: [String]
    /// The small panels of the grid (``MapOptions/panel``), one per day.
    public var panels: [MapModel]
    /// The whole map at the last day, at the request's size: the grid's legend and attribution
    /// (`nil` when the panels were not drawn).
    public var legend: MapModel?
    /// The extent every panel and page shows.
    public var extent: BoundingBox
}

extension ConflictMap {
    /// The timeline of an analysis: a panel of `panelWidth`×`panelHeight` for every `step` from the
    /// first report date to the last. `request.options.boundingBox` fixes the extent; otherwise it
    /// is the extent of the map of the last day.
    /// With `panels` false only the days and the extent are worked out (for pages and frames).
    public static func timeline(of analysis: Analysis, project: MapProject, request: MapRequest, step: TimelineStep,
                                panelWidth: Double = 640, panelHeight: Double = 480, panels drawn: Bool = true) throws(ConflictMapError) -> Timeline {
        let steps = analysis.dayCount(every: step.days)
        if steps > Timeline.maximumSteps, let range = analysis.dateRange {
            throw .timelineTooLong(steps: steps, first: range.first, last: range.last)
        }
        let days = analysis.days(every: step.days)
        guard let last = days.last else { throw .undatedReports(count: analysis.documents.count) }
        var base = request
        base.asOf = nil
        base.since = nil
        base.options.actorColors = MapBuilder.sideColours(of: analysis, options: request.options)
        var panel = base
        panel.options.panel = true
        panel.options.width = panelWidth
        panel.options.height = panelHeight
        // One extent for all: the last day's panel's view, unless the request fixes one.
        var probe = panel
        probe.asOf = last
        let extent: BoundingBox
        if let box = request.options.boundingBox { extent = box } else { extent = try model(of: analysis, project: project, request: probe).extent }
        panel.options.boundingBox = extent
        panel.focus = nil
        base.options.boundingBox = extent
        base.focus = nil
        // The outlines are read and projected once for every panel.
        let cache = try outlines(near: analysis, project: project, request: panel)
        var panels: [MapModel] = []
        guard drawn else { return Timeline(days: days, panels: [], legend: nil, extent: extent) }
        for day in days {
            panel.asOf = day
            panel.options.title = MapBuilder.readableDate(day)
            panels.append(try model(of: analysis, project: project, request: panel, outlines: cache))
        }
        base.asOf = last
        let legend = try model(of: analysis, project: project, request: base, outlines: cache)
        return Timeline(days: days, panels: panels, legend: legend, extent: extent)
    }

    /// The full map (title block, legend, claims) at every day of a timeline, for PDF pages and
    /// animation frames: each at the request's size, of the timeline's extent.
    public static func timelinePages(of analysis: Analysis, timeline: Timeline, project: MapProject,
                                     request: MapRequest) throws(ConflictMapError) -> [MapModel] {
        var page = request
        page.since = nil
        page.focus = nil
        page.options.actorColors = MapBuilder.sideColours(of: analysis, options: request.options)
        page.options.boundingBox = timeline.extent
        let cache = try outlines(near: analysis, project: project, request: page)
        var out: [MapModel] = []
        for day in timeline.days {
            page.asOf = day
            out.append(try model(of: analysis, project: project, request: page, outlines: cache))
        }
        return out
    }

    /// The grid of a timeline's panels as PNG, `columns` wide (about square when `nil`).
    public static func timelineGrid(_ timeline: Timeline, title: String, columns: Int? = nil) throws(ConflictMapError) -> Data {
        let n = timeline.panels.count
        let cols = columns ?? max(1, Int(Double(n).squareRoot().rounded(.up)))
        guard let legend = timeline.legend else { throw .renderer(RendererError(reason: "the timeline's panels were not drawn")) }
        do { return try TimelineDrawer.grid(timeline.panels, legend: legend, columns: cols, title: title) } catch { throw .renderer(error) }
    }
}

extension ConflictMap {
    /// Maps as the pages of one PDF.
    public static func drawPages(_ pages: [MapModel], title: String? = nil) throws(ConflictMapError) -> Data {
        do { return try TimelineDrawer.pdf(pages, title: title) } catch { throw .renderer(error) }
    }

    /// Maps as the frames of an animated PNG, each shown `delay` seconds.
    public static func animate(_ frames: [MapModel], delay: Double) throws(ConflictMapError) -> Data {
        do { return try TimelineDrawer.animation(frames, delay: delay) } catch { throw .renderer(error) }
    }

    /// A timeline's default title: the country the reports name most ("Syria"), else the place.
    public static func defaultTitle(_ analysis: Analysis, _ gazetteer: Gazetteer) -> String {
        let countries = analysis.namedPlaces.filter { $0.precision == .country }
        if let top = countries.max(by: { ($0.mentions, $1.id) < ($1.mentions, $0.id) }) { return top.name }
        return analysis.namedPlaces.first?.name ?? "Places named in the reports"
    }
}
