import Aggregator
import Foundation
import Renderer

extension ConflictMap {
    /// The Markdown report of an analysis (for pandoc and Quarto): the text and tables, with the map
    /// drawn in `mapFormat` (PNG or SVG) for a file named `mapFile` that the caller writes beside it.
    public static func markdownReport(analysis: Analysis, reports: [Report], project: MapProject, options request: MapRequest,
                                      mapFile: String, mapFormat: OutputFormat) throws(ConflictMapError)
        -> (markdown: Data, map: Data, model: MapModel) {
        let (shown, changes) = try timed(analysis, request: request)
        let model = try model(ofTimed: shown, changes: changes, project: project, request: request)
        let map = try draw(model, format: mapFormat, scale: mapFormat == .png ? request.scale : 1)
        let text = MarkdownReport.document(analysis: shown, layout: model.layout, mapFile: mapFile, reports: reports)
        return (Data(text.utf8), map, model)
    }
}

/// The report as Markdown: the map as an image beside the file, the "Data as of" line, the claims
/// numbered as on the map, the places, the sources and their syndication clusters. Pipe tables, as
/// pandoc, Quarto and GitHub read them; every cell is escaped.
public enum MarkdownReport {
    public static func document(analysis: Analysis, layout: MapLayout, mapFile: String, reports: [Report]) -> String {
        let facts = ReportFacts(analysis: analysis, layout: layout, reports: reports)
        let title = layout.elements.first { $0.kind == .title }?.text ?? "Places named in the reports"
        var out = "# \(inline(title))\n\n"
        out += "![\(inline(title))](\(urlText(mapFile)))\n\n"
        out += stamp(facts) + "\n\n"
        out += claims(facts) + places(facts) + sources(facts)
        return out
    }

    static func stamp(_ facts: ReportFacts) -> String {
        let counts = inline(facts.countsLine()) + "."
        if let latest = facts.layout.dataAsOf { return "**Data as of \(inline(latest)).** " + counts }
        if let latest = facts.analysis.claims.compactMap(\.date).max() {
            return "**Data as of: unknown, the reports are undated.** The latest date a claim gives is \(inline(latest)). " + counts
        }
        return "**Data as of: unknown, the reports are undated.** " + counts
    }

    static func claims(_ facts: ReportFacts) -> String {
        let (order, groups) = facts.claimGroups()
        var out = "## Claims\n\nEach claim as a report states it. **No.** is the claim's number on the map's claims panel "
            + "(\(facts.numbers.count) of \(groups.count) distinct claims are on the map).\n\n"
        guard !order.isEmpty else { return out + "The reports make no claim of control or fighting.\n\n" }
        out += row(["No.", "Claim id", "Place", "Actor", "Action", "Claimant", "Status", "Date", "Outlet", "Sentence"])
        out += "|---:|---|---|---|---|---|---|---|---|---|\n"
        for id in order {
            for c in groups[id] ?? [] {
                let status = ReportFacts.statusText(c), claimant = ReportFacts.claimantText(c)
                let s = facts.sentence(of: c)
                let sentence = inline(s.before) + (s.mark.isEmpty ? "" : "**\(inline(s.mark))**") + inline(s.after)
                out += "| " + [facts.numbers[id].map(String.init) ?? "–", "`\(id)`", inline(facts.placeName(c.place)), inline(c.actor),
                               inline(c.role == .origin ? "attacked from" : c.action), inline(claimant), inline(status), inline(c.date ?? "–"),
                               inline(facts.documents[c.document]?.outlet ?? "–"), sentence].joined(separator: " | ") + " |\n"
            }
        }
        return out + "\n"
    }

    static func places(_ facts: ReportFacts) -> String {
        let places = facts.analysis.namedPlaces.sorted { ($1.sources, $1.mentions, $0.name) < ($0.sources, $0.mentions, $1.name) }
        var out = "## Places\n\nIndependent sources count syndicated copies of one story once.\n\n"
        out += row(["Place", "Kind", "Mentions", "Reports", "Independent sources", "Claims", "Control"]) + "|---|---|---:|---:|---:|---:|---|\n"
        for p in places {
            out += row([p.name, p.kind.rawValue, String(p.mentions), String(p.documents), String(p.sources), String(p.claims), facts.control(p.control)])
        }
        return out + "\n"
    }

    static func sources(_ facts: ReportFacts) -> String {
        var out = "## Sources\n\n" + row(["Report", "Outlet", "Date", "Link", "Independent source"]) + "|---|---|---|---|---|\n"
        for d in facts.analysis.documents {
            let link = facts.urls[d.id].map { "<\(urlText($0))>" } ?? "–"
            out += "| " + [inline(d.title), inline(d.outlet ?? "–"), inline(d.date ?? "–"), link, inline(facts.sourceLabels[d.sourceCluster] ?? "–")]
                .joined(separator: " | ") + " |\n"
        }
        out += "\n### Syndication clusters\n\nReports in one cluster are copies of one story: they count as one independent source.\n\n"
        for c in facts.clusters {
            let reports = c.documents.map { d in inline(d.title) + (d.outlet.map { " (\(inline($0)))" } ?? "") }
            let kind = c.documents.count > 1 ? " — \(c.documents.count) copies of one story" : ""
            out += "- **\(inline(c.label))**\(kind): " + reports.joined(separator: "; ") + "\n"
        }
        return out + "\n"
    }

    /// A link's or an image's address with the characters a pipe table or Markdown would read
    /// percent-encoded (`|`, `<`, `>`, brackets, spaces).
    static func urlText(_ url: String) -> String {
        var out = ""
        for ch in url {
            switch ch {
            case " ": out += "%20"
            case "|": out += "%7C"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "(": out += "%28"
            case ")": out += "%29"
            case "\n", "\r", "\t": break
            default: out.append(ch)
            }
        }
        return out
    }

    /// A table row of plain texts, each escaped.
    static func row(_ cells: [String]) -> String { "| " + cells.map(inline).joined(separator: " | ") + " |\n" }

    /// Text as Markdown shows it literally, on one line: line breaks become spaces and the
    /// characters Markdown or a pipe table would read are escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "\n", "\r", "\t": out.append(" ")
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "$", "@", "^", "&": out.append("\\"); out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}
