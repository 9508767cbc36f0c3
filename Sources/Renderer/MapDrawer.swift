import CCairo
import CPangoCairo
import Foundation

/// Output file formats.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case png, svg, pdf
}

/// Draws a ``MapModel`` through Cairo and returns the file's bytes.
public enum MapDrawer {
    /// The map as PNG, SVG or PDF bytes. `scale` multiplies the PNG's pixel size (HiDPI).
    public static func render(_ model: MapModel, format: OutputFormat, scale: Double = 1) throws(RendererError) -> Data {
        switch format {
        case .png:
            guard scale > 0, scale <= 8 else { throw RendererError(reason: "--scale \(scale) is outside 0…8") }
            let surface = try CairoSurface(imageWidth: Int((model.width * scale).rounded()), height: Int((model.height * scale).rounded()))
            let context = try CairoContext(surface)
            cairo_scale(context.pointer, scale, scale)
            try draw(model, in: context)
            return try surface.pngData()
        case .svg, .pdf:
            let surface = try CairoSurface(vector: format == .svg ? .svg : .pdf, width: model.width, height: model.height)
            do {
                let context = try CairoContext(surface)
                try draw(model, in: context)
            }
            return try surface.finishDocument()
        }
    }

    static func draw(_ model: MapModel, in ctx: CairoContext) throws(RendererError) {
        let cr = ctx.pointer
        let t = model.theme
        let u = min(model.width / 1600, model.height / 1200) * 1.0 + 0.25 * (1 - min(1, min(model.width / 1600, model.height / 1200)))
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)

        // Background and base map.
        if !model.transparent {
            ctx.rectangle(Rect(x: 0, y: 0, width: model.width, height: model.height))
            ctx.fill(t.background)
        }
        for (role, rings) in model.base where role == .otherCountry || role == .focusCountry {
            ctx.rings(rings)
            ctx.fill(role == .focusCountry ? t.focusLand : t.otherLand)
        }
        for area in model.areas {
            ctx.rings(area.rings)
            ctx.fill(area.fill)
        }
        for (role, rings) in model.base where role == .district {
            ctx.rings(rings)
            ctx.stroke(t.districtLine, width: 0.9 * u, dash: [4 * u, 3 * u])
        }
        for (role, rings) in model.base where role == .province {
            ctx.rings(rings)
            ctx.stroke(t.provinceLine, width: 1.0 * u)
        }
        for (role, rings) in model.base where role == .otherCountry || role == .focusCountry {
            ctx.rings(rings)
            ctx.stroke(t.countryBorder, width: 1.8 * u)
        }
        for area in model.areas {
            ctx.rings(area.rings)
            ctx.stroke(area.outline, width: 2.2 * u)
        }

        // Markers and labels.
        for label in model.labels {
            if let (a, b) = label.leader {
                cairo_move_to(cr, a.x, a.y)
                cairo_line_to(cr, b.x, b.y)
                ctx.stroke(t.secondaryText, width: 1 * u)
            }
        }
        for m in model.markers {
            ctx.circle(center: m.center, radius: m.radius)
            ctx.fill(m.fill.withAlpha(0.88), preserve: true)
            ctx.stroke(t.markerOutline, width: 1.6 * u)
        }
        for label in model.labels {
            let layout = TextLayout(context: ctx, text: label.text, font: MapBuilder.labelFont(t, bold: label.bold, italic: label.italic),
                                    pixelSize: label.pixelSize, alignCenter: true)
            layout.draw(in: ctx, at: Point(x: label.box.x, y: label.box.y), color: label.color, halo: t.halo, haloWidth: 3.5 * u)
        }

        drawTitle(model, ctx, u)
        drawLegend(model, ctx, u)
        drawScaleBar(model, ctx, u)
        drawNorthArrow(model, ctx, u)
        if let inset = model.inset { drawInset(inset, model, ctx, u) }
        drawAttribution(model, ctx, u)
        try ctx.check("drawing the map")
    }

    static func panel(_ r: Rect, _ ctx: CairoContext, _ t: Theme, _ u: Double) {
        ctx.roundedRectangle(r, radius: 6 * u)
        ctx.fill(t.panel, preserve: true)
        ctx.stroke(t.panelBorder, width: 1 * u)
    }

    static func drawTitle(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme
        panel(model.titleBox, ctx, t, u)
        let title = TextLayout(context: ctx, text: model.title, font: t.font + " Bold", pixelSize: 27 * u)
        title.wrap(width: model.width * 0.58)
        title.draw(in: ctx, at: Point(x: model.titleBox.x + 14 * u, y: model.titleBox.y + 10 * u), color: t.text, halo: nil)
        let sub = TextLayout(context: ctx, text: model.subtitle, font: t.font, pixelSize: 15 * u)
        sub.wrap(width: model.width * 0.58)
        sub.draw(in: ctx, at: Point(x: model.titleBox.x + 14 * u, y: model.titleBox.y + 16 * u + title.logicalRect.height),
                 color: t.secondaryText, halo: nil)
    }

    static func drawLegend(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, lg = model.legend, cr = ctx.pointer
        panel(lg.box, ctx, t, u)
        let heading = TextLayout(context: ctx, text: lg.heading, font: t.font + " Bold", pixelSize: 15 * u)
        heading.draw(in: ctx, at: Point(x: lg.box.x + 14 * u, y: lg.box.y + 10 * u), color: t.text, halo: nil)
        var y = lg.box.y + 18 * u + heading.logicalRect.height
        for row in lg.rows {
            let cx = lg.box.x + 14 * u + lg.symbolWidth / 2, cy = y + lg.rowHeight / 2
            switch row.symbol {
            case .circle(let r, let fill):
                ctx.circle(center: Point(x: cx, y: cy), radius: r)
                ctx.fill(fill.withAlpha(0.88), preserve: true)
                ctx.stroke(t.markerOutline, width: 1.6 * u)
                ctx.circle(center: Point(x: cx, y: cy), radius: r + 0.8 * u)
                ctx.stroke(t.panelBorder, width: 0.6 * u)
            case .area(let fill, let outline):
                let r = Rect(x: cx - 14 * u, y: cy - 9 * u, width: 28 * u, height: 18 * u)
                ctx.rectangle(r)
                ctx.fill(fill, preserve: true)
                ctx.stroke(outline, width: 2 * u)
            case .line(let color, let width, let dash):
                cairo_move_to(cr, cx - 15 * u, cy)
                cairo_line_to(cr, cx + 15 * u, cy)
                ctx.stroke(color, width: width, dash: dash)
            }
            let text = TextLayout(context: ctx, text: row.text, font: t.font, pixelSize: 13.5 * u)
            let h = text.logicalRect.height
            text.draw(in: ctx, at: Point(x: lg.box.x + 22 * u + lg.symbolWidth, y: cy - h / 2), color: t.text, halo: nil)
            y += lg.rowHeight
        }
    }

    static func drawScaleBar(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, sb = model.scaleBar, cr = ctx.pointer
        panel(sb.box, ctx, t, u)
        let half = sb.lengthPixels / 2
        for (i, x0) in [sb.start.x, sb.start.x + half].enumerated() {
            ctx.rectangle(Rect(x: x0, y: sb.start.y - 3 * u, width: half, height: 6 * u))
            ctx.fill(i == 0 ? t.text : RGBA(r: 1, g: 1, b: 1), preserve: true)
            ctx.stroke(t.text, width: 1 * u)
        }
        cairo_new_path(cr)
        let label = TextLayout(context: ctx, text: sb.text, font: t.font, pixelSize: 13 * u)
        let r = label.logicalRect
        label.draw(in: ctx, at: Point(x: sb.start.x + sb.lengthPixels / 2 - r.width / 2, y: sb.start.y - 8 * u - r.height), color: t.text, halo: nil)
    }

    static func drawNorthArrow(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, r = model.northArrow, cr = ctx.pointer
        // Point to true north: the direction of increasing latitude at the arrow's position.
        let base = Point(x: r.center.x, y: r.maxY - 6 * u)
        let c0 = model.coordinate(at: base)
        let c1 = model.coordinate(at: Point(x: base.x, y: base.y - 20))
        let north = model.point(for: .init(latitude: c0.latitude + (c0.latitude - c1.latitude).magnitude + 0.01, longitude: c0.longitude))
        let angle = atan2(north.x - base.x, base.y - north.y)
        cairo_save(cr)
        cairo_translate(cr, r.center.x, r.center.y + 8 * u)
        cairo_rotate(cr, angle)
        let h = 20 * u, w = 9 * u
        cairo_move_to(cr, 0, -h); cairo_line_to(cr, w, h * 0.7); cairo_line_to(cr, 0, h * 0.35); cairo_close_path(cr)
        ctx.fill(t.text)
        cairo_move_to(cr, 0, -h); cairo_line_to(cr, -w, h * 0.7); cairo_line_to(cr, 0, h * 0.35); cairo_close_path(cr)
        ctx.fill(t.panel, preserve: true)
        ctx.stroke(t.text, width: 1 * u)
        cairo_restore(cr)
        let n = TextLayout(context: ctx, text: "N", font: t.font + " Bold", pixelSize: 14 * u)
        let nr = n.logicalRect
        n.draw(in: ctx, at: Point(x: r.center.x - nr.width / 2, y: r.y - 2 * u), color: t.text, halo: t.halo)
    }

    static func drawInset(_ inset: Inset, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, cr = ctx.pointer
        panel(inset.box, ctx, t, u)
        cairo_save(cr)
        ctx.roundedRectangle(inset.box.insetBy(1), radius: 6 * u)
        cairo_clip(cr)
        ctx.rings(inset.neighbours)
        ctx.fill(t.otherLand, preserve: true)
        ctx.stroke(t.provinceLine, width: 0.6 * u)
        ctx.rings(inset.country)
        ctx.fill(t.focusLand, preserve: true)
        ctx.stroke(t.countryBorder, width: 1 * u)
        ctx.rings([inset.extent])
        ctx.fill(RGBA(hex: "#d55e00")!.withAlpha(0.15), preserve: true)
        ctx.stroke(RGBA(hex: "#d55e00")!, width: 1.8 * u)
        cairo_restore(cr)
        let name = TextLayout(context: ctx, text: inset.countryName, font: t.font, pixelSize: 11.5 * u)
        name.draw(in: ctx, at: Point(x: inset.box.x + 8 * u, y: inset.box.maxY - 8 * u - name.logicalRect.height),
                  color: t.secondaryText, halo: t.halo, haloWidth: 2.5 * u)
    }

    static func drawAttribution(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, r = model.attributionBox
        ctx.rectangle(r)
        ctx.fill(t.panel)
        let text = TextLayout(context: ctx, text: model.attribution, font: t.font, pixelSize: 11.5 * u)
        text.wrap(width: model.width - 32 * u)
        let h = text.logicalRect.height
        text.draw(in: ctx, at: Point(x: 16 * u, y: r.y + (r.height - h) / 2), color: t.secondaryText, halo: nil)
    }
}
