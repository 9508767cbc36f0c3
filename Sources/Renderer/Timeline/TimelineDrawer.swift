import Aggregator
import CCairo
import Foundation

/// A map over time as small multiples: panels of one extent, one per step (``MapOptions/panel``),
/// drawn as a PNG grid with one legend, as PDF pages, or as an animated PNG.
public enum TimelineDrawer {
    /// The grid: `panels` (all of one size) in rows of `columns`, under a heading with `title`,
    /// with `legend`'s legend beside them and its attribution under them, once for all.
    public static func grid(_ panels: [MapModel], legend: MapModel, columns: Int, title: String) throws(RendererError) -> Data {
        guard let first = panels.first else { throw RendererError(reason: "a timeline needs at least one step") }
        let layout = GridLayout(panels: panels.count, columns: columns, panel: first, legend: legend)
        try MapLimits.check(width: layout.width, height: layout.height, scale: 1)
        let surface = try CairoSurface(imageWidth: Int(layout.width.rounded(.up)), height: Int(layout.height.rounded(.up)))
        let ctx = try CairoContext(surface)
        let cr = ctx.pointer, t = legend.theme, u = layout.u
        ctx.rectangle(Rect(x: 0, y: 0, width: layout.width, height: layout.height))
        ctx.fill(t.panel)
        let heading = TextLayout(context: ctx, text: title, font: t.font + " Bold", pixelSize: 24 * u)
        heading.wrap(width: layout.width - 2 * layout.margin)
        heading.draw(in: ctx, at: Point(x: layout.margin, y: layout.margin), color: t.text, halo: nil, tag: TextTag(.title))
        for (i, panel) in panels.enumerated() {
            let cell = layout.cell(i)
            cairo_save(cr)
            cairo_translate(cr, cell.x, cell.y)
            ctx.rectangle(Rect(x: 0, y: 0, width: cell.width, height: cell.height))
            cairo_clip(cr)
            try MapDrawer.draw(panel, in: ctx)
            cairo_restore(cr)
            ctx.rectangle(cell)
            ctx.stroke(t.panelBorder, width: 1.5 * u)
        }
        // The legend of the last step's full map, beside the grid.
        let lu = MapDrawer.unit(legend)
        cairo_save(cr)
        cairo_translate(cr, layout.legendOrigin.x - legend.legend.box.x, layout.legendOrigin.y - legend.legend.box.y)
        MapDrawer.drawLegend(legend, ctx, lu)
        cairo_restore(cr)
        let credit = TextLayout(context: ctx, text: legend.attribution, font: t.font, pixelSize: 11.5 * u)
        credit.wrap(width: layout.width - 2 * layout.margin)
        credit.draw(in: ctx, at: Point(x: layout.margin, y: layout.attributionTop), color: t.secondaryText, halo: nil,
                    tag: TextTag(.attribution))
        try ctx.check("drawing the timeline")
        return try PNGEncoder.encode(surface, transparent: false)
    }

    /// One PDF page per map, each page the map's size; the document's title is the first map's.
    public static func pdf(_ pages: [MapModel], title: String? = nil) throws(RendererError) -> Data {
        guard let first = pages.first else { throw RendererError(reason: "a timeline needs at least one step") }
        let surface = try CairoSurface(vector: .pdf, width: first.width, height: first.height)
        var info = DocumentInfo(first)
        if let title { info.title = title }
        info.apply(toPDF: surface)
        let ctx = try CairoContext(surface)
        for page in pages {
            cairo_pdf_surface_set_size(surface.pointer, page.width, page.height)
            ctx.cull = Rect(x: 0, y: 0, width: page.width, height: page.height).insetBy(-VectorCulling.margin)
            try MapDrawer.draw(page, in: ctx)
            cairo_show_page(ctx.pointer)
        }
        try ctx.check("drawing the timeline's pages")
        return try surface.finishDocument()
    }

    /// An animated PNG with one frame per map (all of one size), each shown `delay` seconds.
    public static func animation(_ frames: [MapModel], delay: Double = 1.2) throws(RendererError) -> Data {
        // Each frame is compressed as soon as it is drawn: one surface in memory at a time.
        var images: [PNGEncoder.Image] = []
        for frame in frames {
            try MapLimits.check(width: frame.width, height: frame.height, scale: 1)
            let surface = try CairoSurface(imageWidth: Int(frame.width.rounded()), height: Int(frame.height.rounded()))
            try MapDrawer.draw(frame, in: try CairoContext(surface))
            images.append(try PNGEncoder.compressedScanlines(surface, transparent: false))
        }
        return try PNGEncoder.animated(images, delay: delay, transparent: false)
    }
}

/// Where the grid puts its heading, panels, legend and attribution.
struct GridLayout {
    let columns: Int
    let rows: Int
    let panelSize: (width: Double, height: Double)
    let u: Double
    let margin: Double
    let headingHeight: Double
    let legendWidth: Double
    let legendHeight: Double
    let attributionHeight: Double

    init(panels: Int, columns: Int, panel: MapModel, legend: MapModel) {
        self.columns = max(1, min(columns, panels))
        rows = max(1, (panels + self.columns - 1) / self.columns)
        panelSize = (panel.width, panel.height)
        u = MapDrawer.unit(legend)
        margin = 16 * u
        headingHeight = 60 * u
        legendWidth = legend.legend.box.width + 2 * margin
        legendHeight = legend.legend.box.height + 2 * margin
        attributionHeight = 44 * u
    }

    var width: Double { Double(columns) * panelSize.width + legendWidth + margin }
    var height: Double { headingHeight + max(Double(rows) * panelSize.height, legendHeight) + attributionHeight + margin }

    func cell(_ i: Int) -> Rect {
        Rect(x: margin + Double(i % columns) * panelSize.width, y: headingHeight + Double(i / columns) * panelSize.height,
             width: panelSize.width, height: panelSize.height)
    }

    var legendOrigin: Point { Point(x: margin + Double(columns) * panelSize.width + margin, y: headingHeight) }
    var attributionTop: Double { headingHeight + max(Double(rows) * panelSize.height, legendHeight) + margin / 2 }
}

extension MapBuilder {
    /// Each side's colour on a map of `analysis` with `options`: given to every step of a
    /// timeline, so that a side keeps its colour from panel to panel.
    public static func sideColours(of analysis: Analysis, options: MapOptions) -> [String: RGBA] {
        var named = analysis
        named.places = analysis.namedPlaces
        let palette = ActorPalette(analysis: named, profileColors: options.actorColors)
        var out = options.actorColors
        for (name, colour) in zip(palette.names, palette.colors) where out[name] == nil { out[name] = colour }
        for (name, side) in palette.sideOf where out[name] == nil { out[name] = out[side] }
        return out
    }
}
