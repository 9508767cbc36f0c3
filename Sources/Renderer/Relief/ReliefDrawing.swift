import CCairo

extension MapDrawer {
    /// The hill shadows (``Hillshade``), painted over the land fills within the countries'
    /// outlines: under the areas, lakes, rivers, outlines and every piece of data. An embedded
    /// raster image in SVG and PDF.
    static func drawRelief(_ model: MapModel, _ ctx: CairoContext) throws(RendererError) {
        guard let relief = model.relief, relief.width > 0, relief.height > 0,
              relief.pixels.count == relief.width * relief.height else { return }
        let cr = ctx.pointer
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(relief.width), Int32(relief.height)) else {
            throw RendererError(reason: "cannot make the relief image")
        }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let base = cairo_image_surface_get_data(image) else {
            throw .cairo(cairo_surface_status(image), "making the relief image")
        }
        let stride = Int(cairo_image_surface_get_stride(image))
        relief.pixels.withUnsafeBufferPointer { src in
            for y in 0..<relief.height {
                let row = UnsafeMutableRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<relief.width { row[x] = src[y * relief.width + x] }
            }
        }
        cairo_surface_mark_dirty(image)

        // The land's path filled with the image (one pass; a clip would first make a mask of it).
        guard let pattern = cairo_pattern_create_for_surface(image) else { throw RendererError(reason: "cannot make the relief pattern") }
        defer { cairo_pattern_destroy(pattern) }
        var matrix = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, 1 / relief.scale, 1 / relief.scale)
        cairo_pattern_set_matrix(pattern, &matrix)
        cairo_pattern_set_filter(pattern, CAIRO_FILTER_GOOD)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_save(cr)
        cairo_new_path(cr)
        for (role, rings) in model.base where role == .otherCountry || role == .focusCountry {
            ctx.rings(rings)
        }
        cairo_set_source(cr, pattern)
        cairo_fill(cr)
        cairo_restore(cr)
        try ctx.check("drawing the relief")
    }
}
