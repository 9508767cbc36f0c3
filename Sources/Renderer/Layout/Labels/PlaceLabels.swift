import Aggregator
import Foundation
import Gazetteer
import Geo

extension MapBuilder {
    /// The placement finder for one zoom step: the canvas (less 4 px) with the furniture and the
    /// markers taken, trying the builder's `labelPolicy`.
    func labelPlacer(_ model: MapModel, _ page: PageFrame) -> LabelPlacer {
        let obstacles = model.furniture
        let markerRects = model.markers.map { $0.bounds.insetBy(-1) }
        return LabelPlacer(canvas: page.canvas.insetBy(4), fixed: obstacles + markerRects, policy: labelPolicy)
    }

    /// The callouts: one badge a place, listing the numbers of its rows in the claims panel,
    /// beside its marker, else away from it with a leader.
    func callouts(_ model: inout MapModel, placer: inout LabelPlacer, _ plan: Plan, _ page: PageFrame) {
        let u = page.u
        var numbersByPlace: [(String, [Int])] = []
        for row in model.claimsPanel?.rows ?? [] {
            if let i = numbersByPlace.firstIndex(where: { $0.0 == row.placeID }) { numbersByPlace[i].1.append(row.number) } else { numbersByPlace.append((row.placeID, [row.number])) }
        }
        for (placeID, numbers) in numbersByPlace {
            let marker = model.markers.first { $0.placeID == placeID }
            guard let p = analysis.places.first(where: { $0.id == placeID }) else { continue }
            let anchor = Self.labelAnchor(marker: marker, placeID: placeID, coordinate: p.coordinate, model, page)
            let text = numbers.map(String.init).joined(separator: " ")
            // (The badge's text is drawn at this size too: see `MapDrawer.drawCallout`.)
            let size = plan.measurer.size(text, font: options.theme.font + " Bold", pixelSize: 11.5 * u)
            let badge = Rect(x: 0, y: 0, width: max(20 * u, size.width + 10 * u), height: 20 * u)
            if let spot = placer.place(size: badge, around: anchor, radius: (marker?.radius ?? 0) + 2 * u, .point)
                ?? placer.place(size: badge, around: anchor, radius: marker?.radius ?? 0, .leader) {
                model.callouts.append(Callout(numbers: numbers, placeID: placeID, box: spot))
            }
        }
    }

    /// The labels of the places the reports name, most named first; a label that finds no place is
    /// listed in `dropped`.
    func placeLabels(_ model: inout MapModel, placer: inout LabelPlacer, _ plan: Plan, _ page: PageFrame, _ symbols: Symbols) {
        let offMap = Set(model.offMap.map(\.place))
        for p in symbols.ordered where !offMap.contains(p.id) {
            var text = p.name
            // A change map says who held a place before it changed hands.
            if let before = changedHandsFrom(p.id) { text += " (from \(before))" }
            if options.bilingual, let place = gazetteer.place(id: p.id), let local = Self.localName(place) {
                text += "\n" + local
            }
            let isArea = (p.precision == .province && symbols.areaIDs.contains(p.id)) || p.kind == .mountainRange
            let marker = model.markers.first { $0.placeID == p.id }
            let anchor = Self.labelAnchor(marker: marker, placeID: p.id, coordinate: p.coordinate, model, page)
            if let label = placeLabel(text, for: p, isArea: isArea, anchor: anchor, radius: marker?.radius ?? 0,
                                      placer: &placer, measurer: plan.measurer, u: page.u) {
                model.labels.append(label)
            } else {
                model.dropped.append(DroppedLabel(place: p.id, text: text))
            }
        }
    }

    /// A place's label: at each of the policy's sizes in turn, at each of its positions (over an
    /// area, or beside a point); failing them all at the last size, away with a leader line.
    func placeLabel(_ text: String, for p: PlaceSummary, isArea: Bool, anchor: Point, radius: Double,
                    placer: inout LabelPlacer, measurer: TextMeasurer, u: Double) -> PlacedLabel? {
        let theme = options.theme
        let italic = p.kind == .mountainRange
        let color = isArea ? theme.secondaryText : theme.text
        let sizes = placer.policy.labelSizes.map { $0 * u }
        for (attempt, size) in sizes.enumerated() {
            let box = measurer.size(text, font: Self.labelFont(theme, bold: isArea, italic: italic), pixelSize: size, alignCenter: true)
            if let spot = placer.place(size: box, around: anchor, radius: radius, isArea ? .interior : .point) {
                return PlacedLabel(placeID: p.id, text: text, box: spot, pixelSize: size, bold: isArea, italic: italic, color: color, leader: nil)
            }
            if attempt == sizes.count - 1, let spot = placer.place(size: box, around: anchor, radius: radius, .leader) {
                return PlacedLabel(placeID: p.id, text: text, box: spot, pixelSize: size, bold: isArea, italic: italic, color: color,
                                   leader: Self.leaderLine(from: anchor, radius: radius, to: spot))
            }
        }
        return nil
    }

    /// A leader from the marker's edge (`radius` from `anchor`) to the nearest point of the label's box.
    static func leaderLine(from anchor: Point, radius: Double, to spot: Rect) -> (Point, Point) {
        let target = Point(x: min(max(anchor.x, spot.x), spot.maxX), y: min(max(anchor.y, spot.y), spot.maxY))
        let dx = target.x - anchor.x, dy = target.y - anchor.y
        let d = max(1, (dx * dx + dy * dy).squareRoot())
        let from = Point(x: anchor.x + dx / d * radius, y: anchor.y + dy / d * radius)
        return (from, target)
    }

    /// What a place's label or badge goes round: its marker, else its point; for an area whose own
    /// point is off the map (40 px in from the edges), the middle of the part that shows.
    static func labelAnchor(marker: Marker?, placeID: String, coordinate: Coordinate, _ model: MapModel, _ page: PageFrame) -> Point {
        let anchor = marker?.center ?? model.point(for: coordinate)
        let visible = page.canvas.insetBy(40)
        if marker == nil, !visible.contains(Rect(x: anchor.x, y: anchor.y, width: 0, height: 0)),
           let area = model.areas.first(where: { $0.placeID == placeID }) {
            return visibleAnchor(area.rings, in: visible) ?? anchor
        }
        return anchor
    }

    static func labelFont(_ theme: Theme, bold: Bool, italic: Bool) -> String {
        theme.font + (bold ? " Bold" : "") + (italic ? " Oblique" : "")
    }

    /// The place's Dari or Pashto name: the shortest, so the bare name wins over "X Province".
    static func localName(_ place: Place) -> String? {
        let arabicScript = place.alternateNames.filter {
            ["fa", "prs", "ps"].contains($0.language ?? "") || $0.script == "Arab"
                || $0.name.unicodeScalars.contains { (0x600...0x6FF).contains($0.value) }
        }
        return arabicScript.min { ($0.name.count, $0.name) < ($1.name.count, $1.name) }?.name
    }

    /// The centre of the part of an area's outline inside a rectangle, or `nil` when none is.
    static func visibleAnchor(_ rings: [[Point]], in r: Rect) -> Point? {
        let inside = rings.flatMap { $0 }.filter { $0.x >= r.x && $0.x <= r.maxX && $0.y >= r.y && $0.y <= r.maxY }
        guard !inside.isEmpty else { return nil }
        let xs = inside.map(\.x), ys = inside.map(\.y)
        return Point(x: (xs.min()! + xs.max()!) / 2, y: (ys.min()! + ys.max()!) / 2)
    }
}
