import Aggregator
import Foundation
import Gazetteer
import Renderer

extension ConflictMap {
    /// The HTML report of `reports`: one self-contained page with the map, its evidence and tables.
    public static func report(reports: [Report], options request: MapRequest = MapRequest()) throws(ConflictMapError) -> Data {
        let project = try loadProject(request)
        return try report(analysis: try analyze(reports, project: project, request: request), reports: reports, project: project, options: request).html
    }

    /// The HTML report of an analysis already made, with the map's model (for its warnings: labels
    /// dropped, places left off). `reports` gives the texts mentions are quoted from and the
    /// reports' links; without them, the panel quotes claims' sentences and mentions' names only.
    public static func report(analysis: Analysis, reports: [Report], project: MapProject,
                              options request: MapRequest) throws(ConflictMapError) -> (html: Data, model: MapModel) {
        // The tables show what the map shows: the analysis as of the request's day.
        let (shown, changes) = try timed(analysis, request: request)
        let model = try model(ofTimed: shown, changes: changes, project: project, request: request)
        let svg = try draw(model, format: .svg)
        let panels = try TimelineSection.panels(of: analysis, project: project, request: request)
        return (Data(HTMLReport.document(analysis: shown, layout: model.layout, svg: svg, reports: reports, timeline: panels).utf8), model)
    }
}

/// The HTML report: the map as inline SVG whose places open their evidence in a side panel, the
/// claims numbered as on the map, the places, the sources and their syndication clusters. One file,
/// with no request for anything outside it; it prints on A4 or Letter.
public enum HTMLReport {
    /// The page. `svg` is the map as ``MapDrawer`` draws it; `layout` is that map's layout.
    /// `timeline` holds the panels of the "Day by day" section, with their days (none: no section).
    public static func document(analysis: Analysis, layout: MapLayout, svg: Data, reports: [Report],
                                timeline: [(day: String, png: Data)] = []) -> String {
        let facts = ReportFacts(analysis: analysis, layout: layout, reports: reports)
        let title = layout.elements.first { $0.kind == .title }?.text ?? "Places named in the reports"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta name="generator" content="ConflictMap \(HTMLText.escape(MapDrawer.version))"/>
            <title>\(HTMLText.escape(title)) — report</title>
            <style>
            \(HTMLAssets.css)
            </style>
            </head>
            <body>
            <header>
            <h1>\(HTMLText.escape(title))</h1>
            \(stamp(facts))
            </header>
            <main>

            """
        out += mapSection(svg: svg, title: title, facts: facts)
        out += TimelineSection.html(timeline)
        out += ReportTables.claims(facts)
        out += ReportTables.places(facts)
        out += ReportTables.sources(facts)
        out += """
            </main>
            <footer><p>Made by ConflictMap \(HTMLText.escape(MapDrawer.version)). Place data: GeoNames (CC BY 4.0); boundaries: Natural Earth and geoBoundaries.</p></footer>
            <script type="application/json" id="evidence-data">\(facts.evidenceJSON())</script>
            <script>
            //<![CDATA[
            \(HTMLAssets.script)
            \(timeline.isEmpty ? "" : TimelineSection.script)
            //]]>
            </script>
            </body>
            </html>

            """
        return out
    }

    /// The "Data as of" line and what the report rests on.
    static func stamp(_ facts: ReportFacts) -> String {
        let a = facts.analysis
        let counts = facts.countsLine()
        let asOf: String
        if let latest = facts.layout.dataAsOf {
            let words = facts.layout.elements.first { $0.kind == .dataAsOf }?.text ?? "Data as of \(latest)"
            let phrase = words.hasPrefix("Data as of ") ? String(words.dropFirst("Data as of ".count)) : latest
            asOf = "<p class=\"as-of\"><strong>Data as of <time datetime=\"\(HTMLText.escape(latest))\">\(HTMLText.escape(phrase))</time></strong></p>"
        } else if let latest = a.claims.compactMap(\.date).max() {
            // Undated reports: no "as of" date, but the latest date a claim gives, said as such.
            asOf = "<p class=\"as-of\"><strong>Data as of: unknown, the reports are undated.</strong> The latest date a claim gives is "
                + "<time datetime=\"\(HTMLText.escape(latest))\">\(HTMLText.escape(latest))</time>.</p>"
        } else {
            asOf = "<p class=\"as-of\"><strong>Data as of: unknown, the reports are undated.</strong></p>"
        }
        return asOf + "\n<p class=\"counts\">\(HTMLText.escape(counts))</p>"
    }

    /// The map and its evidence panel.
    static func mapSection(svg: Data, title: String, facts: ReportFacts) -> String {
        """
        <section id="map-section" aria-labelledby="map-heading">
        <h2 id="map-heading">Map</h2>
        <p class="hint">Select a marker, an area, a numbered badge or a row of the map's claims panel (click, or Tab to it and press Enter) to see what the reports say about that place.</p>
        <div class="map-and-panel">
        <figure class="map">
        \(inlineSVG(svg, title: title, facts: facts))
        </figure>
        <aside id="panel" aria-labelledby="panel-heading" aria-live="polite">
        <h2 id="panel-heading">Evidence</h2>
        <h3 id="panel-place">No place selected</h3>
        <p id="panel-summary">Select a place on the map, or a place's name in the table of places.</p>
        <div id="panel-body"></div>
        </aside>
        </div>
        </section>

        """
    }

    /// The drawn SVG, without its XML declaration, as a group of focusable places: each hit target
    /// in its `ids` layer becomes a button named after its place.
    static func inlineSVG(_ svg: Data, title: String, facts: ReportFacts) -> String {
        var text = String(decoding: svg, as: UTF8.self)
        if text.hasPrefix("<?xml"), let end = text.range(of: "?>") { text.removeSubrange(text.startIndex..<end.upperBound) }
        text = svgRoot(text, title: title)
        guard let start = text.range(of: "<g id=\"ids\""), let end = text.range(of: "</g>", range: start.upperBound..<text.endIndex) else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let layer = text[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).map { focusable(String($0), facts) }
        text.replaceSubrange(start.upperBound..<end.lowerBound, with: layer.joined(separator: "\n"))
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The SVG's root element as the page wants it: named by the map's title (`role="group"`, so
    /// that its buttons stay reachable by assistive technology), sized by the style sheet instead of
    /// in points, and its `<title>` and `<desc>` without the ids a page does not need.
    static func svgRoot(_ svg: String, title: String) -> String {
        guard let open = svg.range(of: "<svg "), let close = svg[open.upperBound...].firstIndex(of: ">") else { return svg }
        var root = String(svg[open.upperBound..<close])
        for size in ["width", "height"] {
            if let r = root.range(of: " \(size)=\"[0-9.]+pt\"", options: .regularExpression) { root.removeSubrange(r) }
        }
        var out = svg
        out.replaceSubrange(open.lowerBound..<close, with: "<svg class=\"map\" role=\"group\" aria-label=\"\(HTMLText.escape(title))\" " + root)
        for id in ["<title id=\"map-title\">", "<desc id=\"map-desc\">"] {
            if let r = out.range(of: id) { out.replaceSubrange(r, with: id.hasPrefix("<title") ? "<title>" : "<desc>") }
        }
        return out
    }

    /// One hit target as a button: `tabindex`, `role` and an `aria-label` with its place's name
    /// (and its claims' numbers, for a badge or a panel row).
    static func focusable(_ line: String, _ facts: ReportFacts) -> String {
        guard line.hasPrefix("<"), let space = line.firstIndex(of: " "), let place = attribute("data-place", in: line) else { return line }
        var label = facts.placeName(place)
        if let claims = attribute("data-claim", in: line) {
            let numbers = claims.split(separator: " ").compactMap { facts.numbers[String($0)] }.map(String.init)
            if !numbers.isEmpty { label += ", claim\(numbers.count == 1 ? "" : "s") " + numbers.joined(separator: ", ") }
        }
        var out = line
        out.insert(contentsOf: " tabindex=\"0\" role=\"button\" aria-label=\"\(HTMLText.escape(label))\"", at: space)
        return out
    }

    /// An attribute's value in one SVG element's text, unescaped.
    static func attribute(_ name: String, in line: String) -> String? {
        guard let r = line.range(of: " \(name)=\""), let close = line[r.upperBound...].firstIndex(of: "\"") else { return nil }
        return HTMLText.unescape(String(line[r.upperBound..<close]))
    }
}

/// Text for HTML content and attribute values.
enum HTMLText {
    /// Markup characters escaped; the characters XML forbids (C0 controls but tab and line ends,
    /// U+FFFE, U+FFFF) left out, so that the page is well-formed XML as well as HTML.
    static func escape(_ s: String) -> String { XMLText.escape(s, html: true) }

    /// The five XML entities back to their characters.
    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        return s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Whether a link is to a web page (`http:` or `https:`): no other scheme is made a link.
    static func isWebLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && !url.contains(where: { $0.isWhitespace })
    }
}
