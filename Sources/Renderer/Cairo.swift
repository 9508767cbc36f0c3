import CCairo
import CPangoCairo
import Foundation

/// What went wrong while drawing or writing a map, and what to do.
public struct RendererError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var reason: String
    public var hint: String?

    public init(file: String? = nil, reason: String, hint: String? = nil) {
        self.file = file
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var text = file.map { "\($0): \(reason)" } ?? reason
        if let hint { text += " (\(hint))" }
        return text
    }

    static func cairo(_ status: cairo_status_t, _ doing: String) -> RendererError {
        let message = cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
        return RendererError(reason: "Cairo failed while \(doing): \(message)")
    }
}

/// Collects the bytes Cairo streams out (PNG, SVG, PDF).
final class ByteSink {
    var data = Data()
}

/// Cairo's write callback: appends to the `ByteSink` passed as the closure pointer.
let writeToSink: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}

/// An owned Cairo surface: an image, or an SVG or PDF document streamed into memory.
final class CairoSurface {
    enum Kind { case image, svg, pdf }

    let pointer: OpaquePointer
    let kind: Kind
    private let sink: ByteSink?
    private var finished = false

    /// An ARGB image surface of the given pixel size.
    init(imageWidth: Int, height: Int) throws(RendererError) {
        guard imageWidth > 0, height > 0, imageWidth <= 32_767, height <= 32_767 else {
            throw RendererError(reason: "image size \(imageWidth)×\(height) is outside 1…32767 pixels", hint: "choose a smaller size or scale")
        }
        pointer = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(imageWidth), Int32(height))
        kind = .image
        sink = nil
        try check("creating a \(imageWidth)×\(height) image")
    }

    /// An SVG or PDF surface of the given size in points, writing into memory.
    init(vector kind: Kind, width: Double, height: Double) throws(RendererError) {
        precondition(kind != .image)
        guard width > 0, height > 0, width <= 14_400, height <= 14_400 else {
            throw RendererError(reason: "page size \(width)×\(height) pt is outside 1…14400 points")
        }
        let sink = ByteSink()
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        if kind == .svg {
            pointer = cairo_svg_surface_create_for_stream(writeToSink, opaque, width, height)
        } else {
            pointer = cairo_pdf_surface_create_for_stream(writeToSink, opaque, width, height)
        }
        self.kind = kind
        self.sink = sink
        try check("creating a \(kind) surface")
    }

    func check(_ doing: String) throws(RendererError) {
        let status = cairo_surface_status(pointer)
        if status != CAIRO_STATUS_SUCCESS { throw .cairo(status, doing) }
    }

    /// Finishes the document and returns its complete bytes (SVG or PDF).
    func finishDocument() throws(RendererError) -> Data {
        cairo_surface_finish(pointer)
        finished = true
        try check("finishing the \(kind) document")
        return sink?.data ?? Data()
    }

    deinit {
        cairo_surface_destroy(pointer)
    }
}

/// An owned Cairo drawing context.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: CairoSurface
    /// Collects every piece of text drawn (SVG only), for the invisible text layer.
    var recorder: TextRecorder?
    /// When set (SVG and PDF), rings and lines are clipped to this rectangle before they reach
    /// Cairo, so that the file holds no geometry far off the page.
    var cull: Rect?

    init(_ surface: CairoSurface) throws(RendererError) {
        self.surface = surface
        pointer = cairo_create(surface.pointer)
        try check("creating a drawing context")
    }

    func check(_ doing: String) throws(RendererError) {
        let status = cairo_status(pointer)
        if status != CAIRO_STATUS_SUCCESS { throw .cairo(status, doing) }
    }

    deinit {
        cairo_destroy(pointer)
    }

    func setColor(_ c: RGBA) { cairo_set_source_rgba(pointer, c.r, c.g, c.b, c.a) }

    func rectangle(_ r: Rect) { cairo_rectangle(pointer, r.x, r.y, r.width, r.height) }

    func roundedRectangle(_ r: Rect, radius: Double) {
        let cr = pointer
        let rad = min(radius, r.width / 2, r.height / 2)
        cairo_new_sub_path(cr)
        cairo_arc(cr, r.x + r.width - rad, r.y + rad, rad, -Double.pi / 2, 0)
        cairo_arc(cr, r.x + r.width - rad, r.y + r.height - rad, rad, 0, Double.pi / 2)
        cairo_arc(cr, r.x + rad, r.y + r.height - rad, rad, Double.pi / 2, Double.pi)
        cairo_arc(cr, r.x + rad, r.y + rad, rad, Double.pi, 3 * Double.pi / 2)
        cairo_close_path(cr)
    }

    func circle(center: Point, radius: Double) {
        cairo_new_sub_path(pointer)
        cairo_arc(pointer, center.x, center.y, radius, 0, 2 * Double.pi)
    }

    /// Adds closed rings (already in device coordinates) to the path, clipped to `cull` when set
    /// and `clipped` (a dashed stroke's rings are kept whole or left out whole: clipping would move the dashes).
    func rings(_ rings: [[Point]], clipped: Bool = true) {
        for var ring in rings where ring.count >= 3 {
            if let cull { ring = clipped ? VectorCulling.clip(ring, to: cull) : VectorCulling.meets(ring, cull) ? ring : [] }
            guard ring.count >= 3 else { continue }
            cairo_move_to(pointer, ring[0].x, ring[0].y)
            for p in ring.dropFirst() { cairo_line_to(pointer, p.x, p.y) }
            cairo_close_path(pointer)
        }
    }

    /// Adds an open line to the path, as the pieces that can show when `cull` is set.
    func line(_ points: [Point]) {
        let pieces = cull.map { VectorCulling.clip(line: points, to: $0) } ?? [points]
        for piece in pieces {
            guard let first = piece.first else { continue }
            cairo_move_to(pointer, first.x, first.y)
            for p in piece.dropFirst() { cairo_line_to(pointer, p.x, p.y) }
        }
    }

    func fill(_ c: RGBA, preserve: Bool = false) {
        setColor(c)
        if preserve { cairo_fill_preserve(pointer) } else { cairo_fill(pointer) }
    }

    func stroke(_ c: RGBA, width: Double, dash: [Double] = [], preserve: Bool = false) {
        setColor(c)
        cairo_set_line_width(pointer, width)
        if dash.isEmpty {
            cairo_set_dash(pointer, nil, 0, 0)
        } else {
            dash.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32($0.count), 0) }
        }
        if preserve { cairo_stroke_preserve(pointer) } else { cairo_stroke(pointer) }
    }
}

/// An owned Pango layout for one piece of text, shaped by HarfBuzz (so Dari and Pashto join and run right to left).
final class TextLayout {
    let pointer: OpaquePointer
    private let font: OpaquePointer
    let pixelSize: Double

    init(context: CairoContext, text: String, font fontSpec: String, pixelSize: Double, alignCenter: Bool = false) {
        self.pixelSize = pixelSize
        pointer = pango_cairo_create_layout(context.pointer)
        font = pango_font_description_from_string(fontSpec)
        pango_font_description_set_absolute_size(font, pixelSize * Double(PANGO_SCALE))
        pango_layout_set_font_description(pointer, font)
        if alignCenter { pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER) }
        pango_layout_set_text(pointer, text, -1)
    }

    /// Replaces the text, keeping the font and alignment (cheaper than a new layout).
    func setText(_ text: String) {
        pango_layout_set_text(pointer, text, -1)
        pango_layout_set_width(pointer, -1)
    }

    /// Wraps the text to a width in pixels.
    func wrap(width: Double) {
        pango_layout_set_width(pointer, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR)
    }

    /// The logical rectangle relative to the layout origin (its x and y may be non-zero).
    var logicalRect: Rect {
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_pixel_extents(pointer, &ink, &logical)
        return Rect(x: Double(logical.x), y: Double(logical.y), width: Double(logical.width), height: Double(logical.height))
    }

    /// The base direction Pango found for the text (right to left for Arabic script).
    var isRightToLeft: Bool {
        guard let text = pango_layout_get_text(pointer) else { return false }
        return pango_find_base_dir(text, -1) == PANGO_DIRECTION_RTL
    }

    /// Draws the text with its top-left logical corner at `origin`, with an optional halo.
    /// `tag` says what the text belongs to, for the SVG text layer.
    func draw(in context: CairoContext, at origin: Point, color: RGBA, halo: RGBA?, haloWidth: Double = 3, tag: TextTag = TextTag(.other)) {
        let cr = context.pointer
        let r = logicalRect
        context.recorder?.record(self, at: origin, tag: tag)
        cairo_move_to(cr, origin.x - r.x, origin.y - r.y)
        if let halo {
            pango_cairo_layout_path(cr, pointer)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            context.stroke(halo, width: haloWidth)
            cairo_move_to(cr, origin.x - r.x, origin.y - r.y)
        }
        context.setColor(color)
        pango_cairo_show_layout(cr, pointer)
    }

    deinit {
        pango_font_description_free(font)
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }
}

/// Pango layouts kept per font, size and alignment, so that many labels share a few layouts.
final class LayoutCache {
    let context: CairoContext
    private var layouts: [String: TextLayout] = [:]

    init(_ context: CairoContext) { self.context = context }

    /// A layout holding `text` in the given font; valid until the next call with the same font.
    func layout(_ text: String, font: String, pixelSize: Double, alignCenter: Bool = false) -> TextLayout {
        let key = "\(font)|\(pixelSize)|\(alignCenter)"
        if let l = layouts[key] {
            l.setText(text)
            return l
        }
        let l = TextLayout(context: context, text: text, font: font, pixelSize: pixelSize, alignCenter: alignCenter)
        layouts[key] = l
        return l
    }
}
