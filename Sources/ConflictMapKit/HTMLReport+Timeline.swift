import Aggregator
import Foundation
import Renderer

/// The HTML report's "Day by day" section: the timeline's panels under a date slider.
enum TimelineSection {
    /// The most panels the report embeds; longer spans go by week.
    static let maximumPanels = 40

    /// The panels as PNG images, with their days, for a report on dated reports spanning two days
    /// or more; none otherwise.
    static func panels(of analysis: Analysis, project: MapProject, request: MapRequest) throws(ConflictMapError) -> [(day: String, png: Data)] {
        guard request.asOf == nil, request.since == nil, analysis.dayCount() >= 2 else { return [] }
        let step: TimelineStep = analysis.dayCount() <= maximumPanels ? .day : .week
        guard analysis.dayCount(every: step.days) <= maximumPanels else { return [] }
        var plain = request
        plain.options.title = nil
        let timeline = try ConflictMap.timeline(of: analysis, project: project, request: plain, step: step)
        var out: [(day: String, png: Data)] = []
        for (day, panel) in zip(timeline.days, timeline.panels) { out.append((day, try ConflictMap.draw(panel, format: .png))) }
        return out
    }

    /// The section: a slider over the days, the day's panel shown, the others hidden until chosen.
    static func html(_ panels: [(day: String, png: Data)]) -> String {
        guard let last = panels.indices.last else { return "" }
        var out = """
            <section id="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Day by day</h2>
            <p>The map as the reports stood at the end of each day: only reports dated by then, with older claims weighing less. \
            Every panel has the same extent.</p>
            <p><label for="timeline-day">Day: <output id="timeline-label" for="timeline-day">\(HTMLText.escape(MapBuilder.readableDate(panels[last].day)))</output></label>
            <input type="range" id="timeline-day" min="0" max="\(last)" step="1" value="\(last)"/></p>
            <div class="timeline-panels">

            """
        for (i, p) in panels.enumerated() {
            let day = HTMLText.escape(p.day), words = HTMLText.escape(MapBuilder.readableDate(p.day))
            out += "<figure class=\"timeline-panel\" data-day=\"\(day)\" data-label=\"\(words)\"\(i == last ? "" : " hidden=\"hidden\"")>"
            out += "<img src=\"data:image/png;base64,\(p.png.base64EncodedString())\" alt=\"The map as of \(words)\" width=\"640\" height=\"480\"/>"
            out += "<figcaption>As of \(words)</figcaption></figure>\n"
        }
        out += "</div>\n</section>\n"
        return out
    }

    /// Shows the chosen day's panel.
    static let script = """
        (function () {
          var slider = document.getElementById("timeline-day");
          if (!slider) { return; }
          var panels = document.querySelectorAll(".timeline-panel");
          var label = document.getElementById("timeline-label");
          slider.addEventListener("input", function () {
            var chosen = Number(slider.value);
            panels.forEach(function (p, i) {
              if (i === chosen) { p.removeAttribute("hidden"); label.textContent = p.getAttribute("data-label"); }
              else { p.setAttribute("hidden", "hidden"); }
            });
          });
        })();
        """
}
