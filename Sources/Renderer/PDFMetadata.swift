import CCairo
import Foundation

/// The document's title, one-line summary and maker, for the PDF's metadata and the SVG's `<title>` and `<desc>`.
struct DocumentInfo: Sendable, Hashable {
    var title: String
    var subject: String
    var creator: String

    init(_ model: MapModel) {
        title = model.title
        let places = model.placeCount
        let claims = model.claimCount
        var subject = "Map of \(places) place\(places == 1 ? "" : "s") named in the reports, with \(claims) claim\(claims == 1 ? "" : "s") of control or fighting"
        if let range = model.dateRange {
            subject += range.first == range.last ? ", reported on \(range.first)" : ", reported \(range.first) to \(range.last)"
        }
        self.subject = subject
        creator = "ConflictMap \(MapDrawer.version)"
    }

    /// Sets Title, Subject and Creator on a PDF surface (before anything is drawn on it).
    func apply(toPDF surface: CairoSurface) {
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_SUBJECT, subject)
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, creator)
    }
}
