import Foundation

/// Measures text with Pango on a scratch surface, exactly as it will be drawn.
final class TextMeasurer {
    let cache: LayoutCache

    init() throws(RendererError) {
        cache = LayoutCache(try CairoContext(try CairoSurface(imageWidth: 8, height: 8)))
    }

    func size(_ text: String, font: String, pixelSize: Double, wrapWidth: Double? = nil, alignCenter: Bool = false) -> Rect {
        let layout = cache.layout(text, font: font, pixelSize: pixelSize, alignCenter: alignCenter)
        if let wrapWidth { layout.wrap(width: wrapWidth) }
        let r = layout.logicalRect
        return Rect(x: 0, y: 0, width: r.width, height: r.height)
    }
}
