import Foundation
import Geo

extension MapBuilder {
    /// The scale bar, bottom right of the map's frame.
    func placeScaleBar(_ model: inout MapModel, _ plan: Plan, _ page: PageFrame) {
        model.scaleBar = Self.scaleBar(model: model, right: page.canvas.width - page.margin,
                                       bottom: page.frameBottom(attribution: model.attributionBox), u: page.u, measurer: plan.measurer)
    }

    /// A bar of a round length (1, 2 or 5 × 10ⁿ km) close to a fifth of the width, measured geodesically where it stands.
    static func scaleBar(model: MapModel, right: Double, bottom: Double, u: Double, measurer: TextMeasurer) -> ScaleBar {
        let barY = bottom - 12 * u
        let trialPixels = model.width / 5
        let trialStart = Point(x: right - 14 * u - trialPixels, y: barY)
        let trialEnd = Point(x: right - 14 * u, y: barY)
        let km = Geodesy.distance(model.coordinate(at: trialStart), model.coordinate(at: trialEnd)) / 1000
        let kmPerPixel = km / trialPixels
        var nice = 1.0
        let raw = km
        let magnitude = pow(10, floor(log10(raw)))
        for m in [5.0, 2.0, 1.0] where m * magnitude <= raw { nice = m * magnitude; break }
        if nice > raw { nice = magnitude }
        var length = nice / kmPerPixel
        // Refine: measure the chosen bar itself.
        for _ in 0..<3 {
            let s = Point(x: right - 14 * u - length, y: barY), e = Point(x: right - 14 * u, y: barY)
            let measured = Geodesy.distance(model.coordinate(at: s), model.coordinate(at: e)) / 1000
            length *= nice / measured
        }
        let text = nice >= 1 ? "\(Int(nice)) km" : "\(Int(nice * 1000)) m"
        let label = measurer.size(text, font: model.theme.font, pixelSize: 13 * u)
        let boxWidth = length + 28 * u
        let boxHeight = label.height + 28 * u
        let box = Rect(x: right - boxWidth, y: bottom - boxHeight, width: boxWidth, height: boxHeight)
        return ScaleBar(box: box, start: Point(x: right - 14 * u - length, y: barY), lengthPixels: length, kilometres: nice, text: text)
    }
}
