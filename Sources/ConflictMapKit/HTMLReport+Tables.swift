import Aggregator
import Foundation

/// The report's tables: claims (numbered as on the map), places, sources and syndication clusters.
enum ReportTables {
    /// One row per claim as a report states it, grouped by claim id: first the claims the map's
    /// panel lists, in its order and with its numbers, then the others by place, actor and action.
    static func claims(_ facts: ReportFacts) -> String {
        let (order, groups) = facts.claimGroups()
        var out = """
            <section id="claims" aria-labelledby="claims-heading">
            <h2 id="claims-heading">Claims</h2>
            <p>Each claim as a report states it. <strong>No.</strong> is the claim's number on the map's claims panel and badges
            (the panel lists \(facts.numbers.count) of \(groups.count) distinct claims; the others have none). Rows with one claim id say the same thing.</p>
            <div class="table-wrap"><table class="claims">
            <thead><tr><th scope="col">No.</th><th scope="col">Claim id</th><th scope="col">Place</th><th scope="col">Actor</th><th scope="col">Action</th>\
            <th scope="col">Claimant</th><th scope="col">Status</th><th scope="col">Date</th><th scope="col">Outlet</th><th scope="col">Sentence</th></tr></thead>
            <tbody>

            """
        if order.isEmpty { out += "<tr><td colspan=\"10\">The reports make no claim of control or fighting.</td></tr>\n" }
        for id in order {
            for (i, c) in (groups[id] ?? []).enumerated() { out += claimRow(c, first: i == 0, facts) }
        }
        return out + "</tbody>\n</table></div>\n</section>\n\n"
    }

    static func claimRow(_ c: Claim, first: Bool, _ facts: ReportFacts) -> String {
        let id = c.claimID
        let number = facts.numbers[id].map(String.init) ?? "–"
        let anchor = first ? " id=\"\(HTMLText.escape(id))\"" : ""
        let document = facts.documents[c.document]
        let status = ReportFacts.statusText(c), claimant = ReportFacts.claimantText(c)
        let action = c.role == .origin ? "attacked from" : c.action
        let cells = [
            "<th scope=\"row\">\(HTMLText.escape(number))</th>", cell(id, code: true), placeCell(c.place, facts), cell(c.actor), cell(action), cell(claimant),
            cell(status), cell(c.date ?? "–"), cell(document?.outlet ?? "–"), "<td class=\"sentence\">\(marked(facts.sentence(of: c)))</td>",
        ]
        return "<tr\(anchor) data-claim=\"\(HTMLText.escape(id))\">" + cells.joined() + "</tr>\n"
    }

    /// The places named, most independent sources first.
    static func places(_ facts: ReportFacts) -> String {
        let places = facts.analysis.namedPlaces.sorted { ($1.sources, $1.mentions, $0.name) < ($0.sources, $0.mentions, $1.name) }
        var out = """
            <section id="places" aria-labelledby="places-heading">
            <h2 id="places-heading">Places</h2>
            <p>Independent sources count syndicated copies of one story once. Select a name to see its evidence.</p>
            <div class="table-wrap"><table class="places">
            <thead><tr><th scope="col">Place</th><th scope="col">Kind</th><th scope="col">Mentions</th><th scope="col">Reports</th>\
            <th scope="col">Independent sources</th><th scope="col">Claims</th><th scope="col">Control</th></tr></thead>
            <tbody>

            """
        for p in places {
            out += "<tr data-place=\"\(HTMLText.escape(p.id))\"><th scope=\"row\"><button type=\"button\" data-show=\"\(HTMLText.escape(p.id))\">"
                + "\(HTMLText.escape(p.name))</button></th>" + cell(p.kind.rawValue) + cell(String(p.mentions), number: true)
                + cell(String(p.documents), number: true) + cell(String(p.sources), number: true) + cell(String(p.claims), number: true)
                + cell(facts.control(p.control)) + "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n</section>\n\n"
    }

    /// The reports, with their outlets, dates, links and syndication clusters.
    /// Where a report's date was read, in words.
    static func dateSourceWords(_ source: DateSource) -> String {
        switch source {
        case .json: return "JSON"
        case .htmlMetadata: return "page metadata"
        case .jsonLD: return "page JSON-LD"
        case .timeElement: return "page time element"
        case .dateLine: return "date line"
        case .dateline: return "dateline"
        case .fileName: return "file name"
        case .given: return "given default"
        }
    }

    static func sources(_ facts: ReportFacts) -> String {
        var out = """
            <section id="sources" aria-labelledby="sources-heading">
            <h2 id="sources-heading">Sources</h2>
            <div class="table-wrap"><table class="sources">
            <thead><tr><th scope="col">Report</th><th scope="col">Outlet</th><th scope="col">Date</th><th scope="col">Link</th>\
            <th scope="col">Independent source</th></tr></thead>
            <tbody>

            """
        for (i, d) in facts.analysis.documents.enumerated() {
            let link = facts.urls[d.id].map { "<td class=\"link\"><a href=\"\(HTMLText.escape($0))\" rel=\"noreferrer noopener\">\(HTMLText.escape($0))</a></td>" } ?? cell("–")
            // The date with where it was read from, so that a reader can weigh it ("file name", "dateline").
            let date = d.date.map { day in d.dateSource.map { "\(day) (\(Self.dateSourceWords($0)))" } ?? day } ?? "–"
            out += "<tr id=\"report-\(i + 1)\"><th scope=\"row\">\(HTMLText.escape(d.title))</th>" + cell(d.outlet ?? "–") + cell(date)
                + link + cell(facts.sourceLabels[d.sourceCluster] ?? "–") + "</tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        out += """
            <h3 id="clusters-heading">Syndication clusters</h3>
            <p>Reports in one cluster are copies of one story (a wire story run by several outlets, or a near-verbatim rewrite): \
            they count as one independent source. \(facts.analysis.documents.count) report\(facts.analysis.documents.count == 1 ? "" : "s"), \
            \(facts.clusters.count) independent source\(facts.clusters.count == 1 ? "" : "s").</p>
            <ul class="clusters">

            """
        for c in facts.clusters {
            let reports = c.documents.map { d in "<a href=\"#\(facts.anchor(of: d.id))\">\(HTMLText.escape(d.title))</a>" + (d.outlet.map { " (\(HTMLText.escape($0)))" } ?? "") }
            let kind = c.documents.count > 1 ? " — \(c.documents.count) copies of one story" : ""
            out += "<li><strong>\(HTMLText.escape(c.label))</strong>\(kind): " + reports.joined(separator: "; ") + "</li>\n"
        }
        return out + "</ul>\n</section>\n\n"
    }

    static func cell(_ text: String, code: Bool = false, number: Bool = false) -> String {
        let body = code ? "<code>\(HTMLText.escape(text))</code>" : HTMLText.escape(text)
        return number ? "<td class=\"num\">\(body)</td>" : "<td>\(body)</td>"
    }

    static func placeCell(_ id: String, _ facts: ReportFacts) -> String {
        "<td><button type=\"button\" class=\"place-link\" data-show=\"\(HTMLText.escape(id))\">\(HTMLText.escape(facts.placeName(id)))</button></td>"
    }

    /// A sentence with the place's words in `<mark>`.
    static func marked(_ s: MarkedSentence) -> String {
        HTMLText.escape(s.before) + (s.mark.isEmpty ? "" : "<mark>\(HTMLText.escape(s.mark))</mark>") + HTMLText.escape(s.after)
    }
}
