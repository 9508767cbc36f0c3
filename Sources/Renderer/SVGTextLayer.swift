import CCairo
import CPangoCairo
import Foundation

/// What a piece of text on the map belongs to: its kind, and the place and claims it names.
struct TextTag: Sendable, Hashable {
    enum Kind: String, Sendable {
        case label, title, subtitle, dataAsOf = "data-as-of", legend, claim = "claim-row", callout
        case context = "context-label"
        case scalebar, northarrow, inset, attribution, heading, other
    }

    var kind: Kind
    var place: String?
    /// One claim id, or several separated by spaces (a badge numbering several rows).
    var claim: String?

    init(_ kind: Kind, place: String? = nil, claim: String? = nil) {
        self.kind = kind
        self.place = place
        self.claim = claim
    }
}

/// One line of drawn text: its characters and where Pango put them, in canvas units.
struct TextLine: Sendable, Hashable {
    /// What lies between this line and the one before it in the text (a newline, or nothing when wrapped).
    var separator: String
    var text: String
    /// The left end of the line's logical box, and its baseline.
    var x: Double
    var baseline: Double
    var width: Double
    var rightToLeft: Bool
}

/// One piece of text as drawn: its lines and font.
struct TextRun: Sendable, Hashable {
    var tag: TextTag
    var lines: [TextLine]
    var family: String
    var pixelSize: Double
    var bold: Bool
    var italic: Bool
}

/// Collects the text drawn on a map, with the positions Pango gave each line.
final class TextRecorder {
    private(set) var runs: [TextRun] = []

    func record(_ layout: TextLayout, at origin: Point, tag: TextTag) {
        let lines = layout.lines(at: origin)
        guard !lines.isEmpty, let desc = pango_layout_get_font_description(layout.pointer) else { return }
        let family = pango_font_description_get_family(desc).map { String(cString: $0) } ?? "sans-serif"
        let weight = pango_font_description_get_weight(desc).rawValue
        let style = pango_font_description_get_style(desc)
        runs.append(TextRun(tag: tag, lines: lines, family: family, pixelSize: layout.pixelSize,
                            bold: weight >= PANGO_WEIGHT_SEMIBOLD.rawValue, italic: style != PANGO_STYLE_NORMAL))
    }
}

extension TextLayout {
    /// The layout's lines, placed as `draw(in:at:…)` places them: `origin` is the top-left of the logical box.
    func lines(at origin: Point) -> [TextLine] {
        guard let cText = pango_layout_get_text(pointer), let iter = pango_layout_get_iter(pointer) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(cText).assumingMemoryBound(to: UInt8.self), count: strlen(cText)))
        let box = logicalRect
        let scale = Double(PANGO_SCALE)
        var out: [TextLine] = []
        var previousEnd = 0
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            let start = Int(line.pointee.start_index), length = Int(line.pointee.length)
            guard start >= previousEnd, length >= 0, start + length <= bytes.count else { continue }
            var ink = PangoRectangle(), logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, &ink, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            out.append(TextLine(separator: String(decoding: bytes[previousEnd..<start], as: UTF8.self),
                                text: String(decoding: bytes[start..<(start + length)], as: UTF8.self),
                                x: origin.x - box.x + Double(logical.x) / scale, baseline: origin.y - box.y + baseline,
                                width: Double(logical.width) / scale,
                                rightToLeft: line.pointee.resolved_dir == PANGO_DIRECTION_RTL.rawValue))
            previousEnd = start + length
        } while pango_layout_iter_next_line(iter) != 0
        return out
    }
}

/// The parts Cairo's SVG lacks: a title and description, hit targets carrying the layout JSON's
/// ids, and an exact invisible text layer (Cairo draws glyphs as outlines, which no one can search,
/// select or read aloud).
enum SVGTextLayer {
    /// The SVG with `<title>` and `<desc>` first in the document and the id and text layers last.
    static func complete(_ svg: Data, model: MapModel, runs: [TextRun]) -> Data {
        var text = String(decoding: svg, as: UTF8.self)
        if let open = text.range(of: "<svg "), let close = text.range(of: ">", range: open.upperBound..<text.endIndex) {
            let head = "\n<title id=\"map-title\">\(escape(model.title))</title>\n<desc id=\"map-desc\">\(escape(DocumentInfo(model).subject))</desc>"
            text.insert(contentsOf: head, at: close.upperBound)
        }
        guard let end = text.range(of: "</svg>", options: .backwards) else { return Data(text.utf8) }
        let layers = idLayer(model) + textLayer(runs)
        text.insert(contentsOf: layers, at: end.lowerBound)
        return Data(text.utf8)
    }

    /// Invisible shapes over each marker, area, badge and claim row, with `data-place` and `data-claim`.
    static func idLayer(_ model: MapModel) -> String {
        var out = "<g id=\"ids\" fill=\"#000\" fill-opacity=\"0\" stroke=\"none\">\n"
        let canvas = Rect(x: 0, y: 0, width: model.width, height: model.height).insetBy(-2)
        for a in model.areas {
            let d = a.rings.map { VectorCulling.clip($0, to: canvas) }.filter { $0.count >= 3 }
                .map { ring in "M" + ring.map { "\(number($0.x)) \(number($0.y))" }.joined(separator: "L") + "Z" }.joined()
            if !d.isEmpty { out += "<path data-place=\"\(escape(a.placeID))\" fill-rule=\"evenodd\" d=\"\(d)\"/>\n" }
        }
        for m in model.markers {
            out += "<circle data-place=\"\(escape(m.placeID))\" cx=\"\(number(m.center.x))\" cy=\"\(number(m.center.y))\" r=\"\(number(m.radius))\"/>\n"
        }
        for (c, ids) in zip(model.callouts, model.calloutClaimIDs) {
            out += "<rect data-place=\"\(escape(c.placeID))\" data-claim=\"\(escape(ids.joined(separator: " ")))\" \(rect(c.box))/>\n"
        }
        if let panel = model.claimsPanel {
            for (row, box) in zip(panel.rows, model.claimRowBoxes) {
                out += "<rect data-place=\"\(escape(row.placeID))\" data-claim=\"\(escape(row.id))\" \(rect(box))/>\n"
            }
        }
        return out + "</g>\n"
    }

    /// One transparent `<text>` a piece of text, one `<tspan>` a line, at the positions Pango drew them.
    static func textLayer(_ runs: [TextRun]) -> String {
        var out = "<g id=\"text-layer\" fill=\"#000\" fill-opacity=\"0\" stroke=\"none\" xml:space=\"preserve\">\n"
        for run in runs {
            var attributes = "data-kind=\"\(run.tag.kind.rawValue)\""
            if let place = run.tag.place { attributes += " data-place=\"\(escape(place))\"" }
            if let claim = run.tag.claim { attributes += " data-claim=\"\(escape(claim))\"" }
            attributes += " font-family=\"\(escape(run.family))\" font-size=\"\(number(run.pixelSize))\""
            if run.bold { attributes += " font-weight=\"bold\"" }
            if run.italic { attributes += " font-style=\"italic\"" }
            out += "<text \(attributes)>"
            for line in run.lines {
                out += escape(line.separator)
                // A right-to-left line is anchored at its middle, which means the same in either direction.
                let direction = line.rightToLeft ? " direction=\"rtl\" text-anchor=\"middle\"" : ""
                let x = line.rightToLeft ? line.x + line.width / 2 : line.x
                let length = line.width > 0 ? " textLength=\"\(number(line.width))\" lengthAdjust=\"spacingAndGlyphs\"" : ""
                out += "<tspan x=\"\(number(x))\" y=\"\(number(line.baseline))\"\(direction)\(length)>\(escape(line.text))</tspan>"
            }
            out += "</text>\n"
        }
        return out + "</g>\n"
    }

    static func rect(_ r: Rect) -> String {
        "x=\"\(number(r.x))\" y=\"\(number(r.y))\" width=\"\(number(r.width))\" height=\"\(number(r.height))\""
    }

    /// A number with at most two decimals, without trailing zeros ("12.5", "-3", "0.07").
    static func number(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        let hundredths = Int64((v * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let whole = abs(hundredths) / 100, fraction = abs(hundredths) % 100
        if fraction == 0 { return hundredths == 0 ? "0" : "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// Text for XML content and attribute values (``XMLText/escape(_:html:)``).
    static func escape(_ s: String) -> String { XMLText.escape(s) }
}

/// Text for XML (the SVG) and HTML content and attribute values.
public enum XMLText {
    /// Markup characters escaped, and the characters XML 1.0 forbids (C0 controls but tab, newline
    /// and carriage return; U+FFFE, U+FFFF) left out. For HTML (`html`), the apostrophe is escaped
    /// too and DEL left out, so that a page is well-formed XML as well as HTML.
    public static func escape(_ s: String, html: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'" where html: out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (html && v == 0x7F) || (0xFFFE...0xFFFF).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
