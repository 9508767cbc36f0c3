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
            try MapLimits.check(width: model.width, height: model.height, scale: scale)
            let surface = try CairoSurface(imageWidth: Int((model.width * scale).rounded()), height: Int((model.height * scale).rounded()))
            let context = try CairoContext(surface)
            cairo_scale(context.pointer, scale, scale)
            try draw(model, in: context)
            return try PNGEncoder.encode(surface, transparent: model.transparent)
        case .svg, .pdf:
            let surface = try CairoSurface(vector: format == .svg ? .svg : .pdf, width: model.width, height: model.height)
            if format == .pdf { DocumentInfo(model).apply(toPDF: surface) }
            let recorder = TextRecorder()
            do {
                let context = try CairoContext(surface)
                context.cull = Rect(x: 0, y: 0, width: model.width, height: model.height).insetBy(-VectorCulling.margin)
                if format == .svg { context.recorder = recorder }
                try draw(model, in: context)
            }
            let data = try surface.finishDocument()
            guard format == .svg else { return data }
            return SVGTextLayer.complete(SVGNumbers.shortened(data), model: model, runs: recorder.runs)
        }
    }

    /// The program's version, as the PDF's Creator and `conflictmap --version` give it.
    public static let version = "0.1.0"

    /// The drawing unit of a map: 1 at 1600×1200, less on a smaller canvas (but never below a quarter).
    static func unit(_ model: MapModel) -> Double { unit(width: model.width, height: model.height) }

    /// The drawing unit of a canvas: what the layout sizes text, symbols and margins by.
    static func unit(width: Double, height: Double) -> Double {
        let k = min(width / 1600, height / 1200)
        return k + 0.25 * (1 - min(1, k))
    }

    static func draw(_ model: MapModel, in ctx: CairoContext) throws(RendererError) {
        let cr = ctx.pointer
        let t = model.theme
        let u = unit(model)
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
        try drawRelief(model, ctx)
        for area in model.areas {
            drawControlArea(area.rings, area.control, fallback: area.fill, model, ctx, u, strength: area.strength)
        }
        drawLakes(model, ctx, u)
        for river in model.rivers where river.points.count >= 2 {
            ctx.line(river.points)
            ctx.stroke(t.river, width: (river.rank <= 1 ? 1.6 : river.rank == 2 ? 1.1 : 0.8) * u)
        }
        for (role, rings) in model.base where role == .district {
            ctx.rings(rings, clipped: false)
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
        for area in model.areas { drawAreaOutline(area.rings, area.outline, ctx, u) }
        for area in model.areas { if let change = area.change { drawAreaChange(change, rings: area.rings, model, ctx, u) } }

        drawContext(model, ctx, u)

        // Markers and labels.
        for label in model.labels {
            if let (a, b) = label.leader {
                cairo_move_to(cr, a.x, a.y)
                cairo_line_to(cr, b.x, b.y)
                ctx.stroke(t.secondaryText, width: 1 * u)
            }
        }
        for m in model.markers {
            drawMarker(center: m.center, radius: m.radius, control: m.control, model, ctx, u)
            if let change = m.change { drawChange(change, center: m.center, radius: m.radius, model, ctx, u) }
        }
        for c in model.callouts {
            drawCallout(c, model, ctx, u)
        }
        let layouts = LayoutCache(ctx)
        for label in model.labels {
            let layout = layouts.layout(label.text, font: MapBuilder.labelFont(t, bold: label.bold, italic: label.italic),
                                        pixelSize: label.pixelSize, alignCenter: true)
            layout.draw(in: ctx, at: Point(x: label.box.x, y: label.box.y), color: label.color, halo: t.halo, haloWidth: 3.5 * u,
                        tag: TextTag(.label, place: label.placeID))
        }

        drawTitle(model, ctx, u)
        drawLegend(model, ctx, u)
        drawScaleBar(model, ctx, u)
        drawNorthArrow(model, ctx, u)
        if let inset = model.inset { drawInset(inset, model, ctx, u) }
        if let panel = model.claimsPanel { drawClaimsPanel(panel, model, ctx, u) }
        drawAttribution(model, ctx, u)
        try ctx.check("drawing the map")
    }

    /// A named area's edge: a soft band just inside it and a thin line, so that it reads as a
    /// highlighted area and never as an international border.
    static func drawAreaOutline(_ rings: [[Point]], _ color: RGBA, _ ctx: CairoContext, _ u: Double) {
        cairo_save(ctx.pointer)
        ctx.rings(rings)
        cairo_clip(ctx.pointer)
        ctx.rings(rings)
        ctx.stroke(color.withAlpha(color.a * 0.3), width: 8 * u)
        cairo_restore(ctx.pointer)
        ctx.rings(rings)
        ctx.stroke(color, width: 1.1 * u)
    }

    /// Towns the reports do not name: a small grey square and a grey label, under the data.
    static func drawContext(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme
        for c in model.contextPlaces {
            if let dot = c.dot {
                ctx.rectangle(dot)
                ctx.fill(t.secondaryText)
            }
            let layout = TextLayout(context: ctx, text: c.name, font: t.font, pixelSize: c.pixelSize)
            layout.draw(in: ctx, at: Point(x: c.label.x, y: c.label.y), color: t.secondaryText, halo: t.halo, haloWidth: 3 * u,
                        tag: TextTag(.context, place: c.placeID))
        }
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
        title.draw(in: ctx, at: Point(x: model.titleBox.x + 14 * u, y: model.titleBox.y + 10 * u), color: t.text, halo: nil, tag: TextTag(.title))
        let sub = TextLayout(context: ctx, text: model.subtitle, font: t.font, pixelSize: 15 * u)
        sub.wrap(width: model.width * 0.58)
        sub.draw(in: ctx, at: Point(x: model.titleBox.x + 14 * u, y: model.titleBox.y + 16 * u + title.logicalRect.height),
                 color: t.secondaryText, halo: nil, tag: TextTag(.subtitle))
        if let line = model.dataAsOf, let box = model.dataAsOfBox {
            let asOf = TextLayout(context: ctx, text: line, font: t.font + " Bold", pixelSize: MapBuilder.dataAsOfSize * u)
            asOf.draw(in: ctx, at: Point(x: box.x, y: box.y), color: t.text, halo: nil, tag: TextTag(.dataAsOf))
        }
    }

    static func drawLegend(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, lg = model.legend, cr = ctx.pointer
        guard !lg.rows.isEmpty else { return }
        panel(lg.box, ctx, t, u)
        let heading = TextLayout(context: ctx, text: lg.heading, font: t.font + " Bold", pixelSize: 15 * u)
        heading.draw(in: ctx, at: Point(x: lg.box.x + 14 * u, y: lg.box.y + 10 * u), color: t.text, halo: nil, tag: TextTag(.heading))
        let top = lg.box.y + 18 * u + heading.logicalRect.height
        var y = top, x = lg.box.x
        for (i, row) in lg.rows.enumerated() {
            if i == lg.columnBreak { y = top; x += lg.columnWidth }
            let height = i < lg.rowHeights.count ? lg.rowHeights[i] : lg.rowHeight
            let cx = x + 14 * u + lg.symbolWidth / 2, cy = y + height / 2
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
                ctx.fill(fill)
                let ring = r.corners
                drawAreaOutline([ring], outline, ctx, u)
            case .control(let mark, let onAreas, let onMarkers):
                // A swatch for areas, a marker for markers; both, side by side, when both carry the mark.
                let both = onAreas && onMarkers
                if onAreas || !onMarkers {
                    let w = both ? 22 * u : 28 * u, left = both ? cx - 20 * u : cx - 14 * u
                    let r = Rect(x: left, y: cy - 9 * u, width: w, height: 18 * u)
                    let ring = r.corners
                    drawControlArea([ring], mark, fallback: t.areaFill, model, ctx, u)
                    ctx.rectangle(r)
                    ctx.stroke(t.panelBorder, width: 1 * u)
                }
                if onMarkers {
                    drawMarker(center: Point(x: both ? cx + 13 * u : cx, y: cy), radius: 8 * u, control: mark, model, ctx, u)
                }
            case .change(let mark):
                drawChangeSample(mark, center: Point(x: cx, y: cy), model, ctx, u)
            case .line(let color, let width, let dash):
                cairo_move_to(cr, cx - 15 * u, cy)
                cairo_line_to(cr, cx + 15 * u, cy)
                ctx.stroke(color, width: width, dash: dash)
            }
            let text = TextLayout(context: ctx, text: row.text, font: t.font, pixelSize: 13.5 * u)
            if let wrap = lg.wrapWidth { text.wrap(width: wrap) }
            let h = text.logicalRect.height
            text.draw(in: ctx, at: Point(x: x + 22 * u + lg.symbolWidth, y: cy - h / 2), color: t.text, halo: nil, tag: TextTag(.legend))
            y += height
        }
    }

    /// Fills an area by its control: a light tint when unclaimed, hatching in the claimant's colour
    /// when claimed, solid when held by independent report, crossed hatching when contested.
    static func drawControlArea(_ rings: [[Point]], _ mark: ControlMark, fallback: RGBA, _ model: MapModel, _ ctx: CairoContext, _ u: Double,
                                strength: Double = 1) {
        let t = model.theme
        func color(_ a: Int) -> RGBA { let c = t.actorColor(a, model.palette); return c.withAlpha(c.a * strength) }
        switch mark {
        case .none:
            ctx.rings(rings)
            ctx.fill(fallback)
        case .verified(let a):
            ctx.rings(rings)
            ctx.fill(t.actorColor(a, model.palette).withAlpha((t.usesPatterns ? 0.35 : 0.42) * strength))
            if t.usesPatterns { hatch(rings, color(a), angle: t.hatchAngle(a), spacing: 5 * u, width: 1.4 * u, ctx) }
        case .claimed(let a):
            ctx.rings(rings)
            ctx.fill(t.actorColor(a, model.palette).withAlpha(0.10 * strength))
            hatch(rings, color(a), angle: t.hatchAngle(a), spacing: 9 * u, width: 2.2 * u, ctx)
        case .contested(let actors):
            crossHatch(rings, actors.map { (color($0), 2.4 * u) }, u, ctx)
        case .fighting(let a):
            // The side's colour across grey: a side fights there; nobody claims it.
            crossHatch(rings, [(color(a), 2.4 * u), (Self.neutralSide.withAlpha(Self.neutralSide.a * strength), 1.6 * u)], u, ctx)
        }
    }

    /// Contested ground: a grey tint, then hatching at 45° and −45°, one direction a side.
    static func crossHatch(_ rings: [[Point]], _ sides: [(color: RGBA, width: Double)], _ u: Double, _ ctx: CairoContext) {
        ctx.rings(rings)
        ctx.fill(RGBA(r: 0.5, g: 0.5, b: 0.5, a: 0.08))
        for (k, side) in sides.enumerated() {
            hatch(rings, side.color, angle: k == 0 ? 45 : -45, spacing: 12 * u, width: side.width, ctx, offset: Double(k) * 6 * u)
        }
    }

    /// The grey that stands for "no side named" beside a side's colour.
    static let neutralSide = RGBA(r: 0.45, g: 0.45, b: 0.45, a: 0.75)

    /// Parallel lines across the rings, clipped to them (vector output stays vector).
    static func hatch(_ rings: [[Point]], _ color: RGBA, angle: Double, spacing: Double, width: Double, _ ctx: CairoContext, offset: Double = 0) {
        let cr = ctx.pointer
        let xs = rings.flatMap { $0.map(\.x) }, ys = rings.flatMap { $0.map(\.y) }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return }
        cairo_save(cr)
        ctx.rings(rings)
        cairo_clip(cr)
        let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
        let half = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot() / 2 + spacing
        let rad = angle * .pi / 180
        let dx = cos(rad), dy = sin(rad)
        var d = -half + offset.truncatingRemainder(dividingBy: spacing)
        while d <= half {
            // A line at distance d from the centre, perpendicular offset along (-dy, dx).
            let px = cx - dy * d, py = cy + dx * d
            cairo_move_to(cr, px - dx * half, py - dy * half)
            cairo_line_to(cr, px + dx * half, py + dy * half)
            d += spacing
        }
        ctx.stroke(color, width: width)
        cairo_restore(cr)
    }

    /// A marker: neutral when unclaimed, ringed in the claimant's colour when claimed, solid when
    /// held by independent report, split when contested. The print theme uses shapes per side.
    static func drawMarker(center c: Point, radius r: Double, control: ControlMark, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, cr = ctx.pointer
        func shape(_ actor: Int?, _ radius: Double) {
            guard t.usesPatterns, let actor, actor % 4 != 0 else { ctx.circle(center: c, radius: radius); return }
            switch actor % 4 {
            case 1: ctx.rectangle(Rect(x: c.x - radius * 0.9, y: c.y - radius * 0.9, width: radius * 1.8, height: radius * 1.8))
            case 2:
                cairo_move_to(cr, c.x, c.y - radius * 1.1); cairo_line_to(cr, c.x + radius, c.y + radius * 0.8)
                cairo_line_to(cr, c.x - radius, c.y + radius * 0.8); cairo_close_path(cr)
            default:
                cairo_move_to(cr, c.x, c.y - radius * 1.15); cairo_line_to(cr, c.x + radius * 1.15, c.y)
                cairo_line_to(cr, c.x, c.y + radius * 1.15); cairo_line_to(cr, c.x - radius * 1.15, c.y); cairo_close_path(cr)
            }
        }
        switch control {
        case .none:
            ctx.circle(center: c, radius: r)
            ctx.fill(t.marker.withAlpha(0.88), preserve: true)
            ctx.stroke(t.markerOutline, width: 1.6 * u)
        case .verified(let a):
            shape(a, r)
            ctx.fill(t.actorColor(a, model.palette), preserve: true)
            ctx.stroke(t.markerOutline, width: 1.6 * u)
        case .claimed(let a):
            shape(a, r)
            ctx.fill(RGBA(r: 1, g: 1, b: 1, a: 0.92), preserve: true)
            ctx.stroke(t.actorColor(a, model.palette), width: max(3 * u, r * 0.42))
            shape(a, r * 0.32)
            ctx.fill(t.actorColor(a, model.palette))
        case .fighting(let a):
            // Half the side's colour, half grey: a side fights there; nobody claims it.
            pie([t.actorColor(a, model.palette), Self.neutralSide.withAlpha(1)], center: c, radius: r, outlines: false, model, ctx, u)
        case .contested(let actors):
            pie(actors.map { t.actorColor($0, model.palette) }, center: c, radius: r, outlines: t.usesPatterns, model, ctx, u)
        }
    }

    /// A marker split into equal slices, one colour each, clockwise from the top.
    static func pie(_ colors: [RGBA], center c: Point, radius r: Double, outlines: Bool, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let cr = ctx.pointer, n = Double(colors.count)
        for (k, color) in colors.enumerated() {
            cairo_move_to(cr, c.x, c.y)
            cairo_arc(cr, c.x, c.y, r, -Double.pi / 2 + Double(k) * 2 * .pi / n, -Double.pi / 2 + Double(k + 1) * 2 * .pi / n)
            cairo_close_path(cr)
            ctx.fill(color, preserve: outlines)
            if outlines { ctx.stroke(model.theme.markerOutline, width: 1 * u) }
        }
        ctx.circle(center: c, radius: r)
        ctx.stroke(model.theme.markerOutline, width: 1.6 * u)
    }

    static func drawCallout(_ c: Callout, _ model: MapModel, _ ctx: CairoContext, _ u: Double, claims: String? = nil) {
        let t = model.theme
        ctx.roundedRectangle(c.box, radius: c.box.height / 2)
        ctx.fill(t.text, preserve: true)
        ctx.stroke(t.markerOutline, width: 1.5 * u)
        let n = TextLayout(context: ctx, text: c.text, font: t.font + " Bold", pixelSize: 11.5 * u)
        let r = n.logicalRect
        n.draw(in: ctx, at: Point(x: c.box.center.x - r.width / 2, y: c.box.center.y - r.height / 2), color: RGBA(r: 1, g: 1, b: 1), halo: nil,
               tag: TextTag(.callout, place: c.placeID, claim: claims ?? model.claimIDs(c)))
    }

    static func drawClaimsPanel(_ claims: ClaimsPanel, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme
        let panel = claims
        Self.panel(claims.box, ctx, t, u)
        let heading = TextLayout(context: ctx, text: panel.heading, font: t.font + " Bold", pixelSize: 15 * u)
        heading.draw(in: ctx, at: Point(x: panel.box.x + 14 * u, y: panel.box.y + 10 * u), color: t.text, halo: nil, tag: TextTag(.heading))
        for (row, top) in zip(panel.rows, panel.rowTops) {
            let badge = Callout(numbers: [row.number], placeID: row.placeID,
                                box: Rect(x: panel.box.x + 14 * u, y: panel.box.y + top - 1 * u, width: 20 * u, height: 20 * u))
            drawCallout(badge, model, ctx, u, claims: row.id)
            if let a = row.actorIndex {
                ctx.rectangle(Rect(x: panel.box.x + 38 * u, y: panel.box.y + top + 2 * u, width: 4 * u, height: 14 * u))
                ctx.fill(t.actorColor(a, model.palette))
            }
            let text = TextLayout(context: ctx, text: row.text, font: t.font, pixelSize: 12.5 * u)
            text.wrap(width: panel.wrapWidth)
            text.draw(in: ctx, at: Point(x: panel.box.x + 48 * u, y: panel.box.y + top), color: t.text, halo: nil,
                      tag: TextTag(.claim, place: row.placeID, claim: row.id))
        }
        if let note = panel.note {
            let layout = TextLayout(context: ctx, text: note, font: t.font + " Italic", pixelSize: 12 * u)
            layout.wrap(width: panel.box.width - 28 * u)
            layout.draw(in: ctx, at: Point(x: panel.box.x + 14 * u, y: panel.box.y + panel.noteTop), color: t.secondaryText, halo: nil,
                        tag: TextTag(.other))
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
        label.draw(in: ctx, at: Point(x: sb.start.x + sb.lengthPixels / 2 - r.width / 2, y: sb.start.y - 8 * u - r.height), color: t.text, halo: nil,
                   tag: TextTag(.scalebar))
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
        n.draw(in: ctx, at: Point(x: r.center.x - nr.width / 2, y: r.y - 2 * u), color: t.text, halo: t.halo, tag: TextTag(.northarrow))
    }

    static func drawInset(_ inset: Inset, _ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, cr = ctx.pointer
        panel(inset.box, ctx, t, u)
        cairo_save(cr)
        ctx.roundedRectangle(inset.box.insetBy(1), radius: 6 * u)
        cairo_clip(cr)
        // Outside the inset's box nothing shows: clip the outlines to it (vector output).
        let pageCull = ctx.cull
        if pageCull != nil { ctx.cull = inset.box.insetBy(-VectorCulling.margin) }
        defer { ctx.cull = pageCull }
        ctx.rings(inset.neighbours)
        ctx.fill(t.otherLand, preserve: true)
        ctx.stroke(t.provinceLine, width: 0.6 * u)
        ctx.rings(inset.country)
        ctx.fill(t.focusLand, preserve: true)
        ctx.stroke(t.countryBorder, width: 1 * u)
        ctx.rings([inset.extent])
        ctx.fill(t.highlight.withAlpha(0.15), preserve: true)
        ctx.stroke(t.highlight, width: 1.8 * u)
        cairo_restore(cr)
        let name = TextLayout(context: ctx, text: inset.countryName, font: t.font, pixelSize: 11.5 * u)
        name.draw(in: ctx, at: Point(x: inset.box.x + 8 * u, y: inset.box.maxY - 8 * u - name.logicalRect.height),
                  color: t.secondaryText, halo: t.halo, haloWidth: 2.5 * u, tag: TextTag(.inset))
    }

    static func drawAttribution(_ model: MapModel, _ ctx: CairoContext, _ u: Double) {
        let t = model.theme, r = model.attributionBox
        guard !model.attribution.isEmpty else { return }
        ctx.rectangle(r)
        ctx.fill(t.panel)
        let text = TextLayout(context: ctx, text: model.attribution, font: t.font, pixelSize: 11.5 * u)
        text.wrap(width: model.width - 32 * u)
        let h = text.logicalRect.height
        text.draw(in: ctx, at: Point(x: 16 * u, y: r.y + (r.height - h) / 2), color: t.secondaryText, halo: nil, tag: TextTag(.attribution))
    }
}
