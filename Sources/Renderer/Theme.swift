/// Colours and fonts of a map. The palette follows Okabe and Ito's, which colour-blind readers can tell apart.
public struct Theme: Sendable, Hashable {
    public var name: String
    var background: RGBA
    var otherLand: RGBA
    var focusLand: RGBA
    var countryBorder: RGBA
    var provinceLine: RGBA
    var districtLine: RGBA
    var marker: RGBA
    var markerOutline: RGBA
    var areaFill: RGBA
    var areaOutline: RGBA
    var text: RGBA
    var secondaryText: RGBA
    var halo: RGBA
    var panel: RGBA
    var panelBorder: RGBA
    var font: String
    var arabicFont: String
    /// Tell sides apart by pattern and marker shape instead of colour (for black-and-white print).
    var usesPatterns = false
    /// Rivers.
    var river = RGBA(r: 0.42, g: 0.62, b: 0.79)
    /// The outline of the main map's extent in the inset.
    var highlight = RGBA(r: 0.835, g: 0.369, b: 0)
    /// The hill shadows' colour, its alpha the darkest they get; `nil`: no relief.
    var relief: RGBA? = nil

    /// The default: light paper tones, blue data.
    public static let light = Theme(
        name: "light",
        background: RGBA(hex: "#dde6ec")!, otherLand: RGBA(hex: "#ecebe6")!, focusLand: RGBA(hex: "#fbf9f4")!,
        countryBorder: RGBA(hex: "#5f584e")!, provinceLine: RGBA(hex: "#a39a8c")!, districtLine: RGBA(hex: "#d3ccc0")!,
        marker: RGBA(hex: "#39424e")!, markerOutline: RGBA(hex: "#ffffff")!,
        areaFill: RGBA(hex: "#39424e")!.withAlpha(0.10), areaOutline: RGBA(hex: "#39424e")!.withAlpha(0.55),
        text: RGBA(hex: "#1f1d1a")!, secondaryText: RGBA(hex: "#5c554b")!, halo: RGBA(hex: "#ffffff")!.withAlpha(0.9),
        panel: RGBA(hex: "#ffffff")!.withAlpha(0.93), panelBorder: RGBA(hex: "#b9b2a6")!,
        font: "DejaVu Sans", arabicFont: "Noto Sans Arabic", relief: RGBA(hex: "#4b4234")!.withAlpha(0.30))

    /// For black-and-white print: greys only; sides told apart by hatching angle and marker shape.
    /// No relief: its greys would read as the sides' tints and hatching.
    public static let print = Theme(
        name: "print",
        background: RGBA(hex: "#ffffff")!, otherLand: RGBA(hex: "#f0f0f0")!, focusLand: RGBA(hex: "#ffffff")!,
        countryBorder: RGBA(hex: "#000000")!, provinceLine: RGBA(hex: "#8a8a8a")!, districtLine: RGBA(hex: "#c4c4c4")!,
        marker: RGBA(hex: "#3a3a3a")!, markerOutline: RGBA(hex: "#ffffff")!,
        areaFill: RGBA(hex: "#000000")!.withAlpha(0.08), areaOutline: RGBA(hex: "#000000")!.withAlpha(0.6),
        text: RGBA(hex: "#000000")!, secondaryText: RGBA(hex: "#444444")!, halo: RGBA(hex: "#ffffff")!.withAlpha(0.92),
        panel: RGBA(hex: "#ffffff")!.withAlpha(0.96), panelBorder: RGBA(hex: "#777777")!,
        font: "DejaVu Sans", arabicFont: "Noto Sans Arabic", usesPatterns: true, river: RGBA(r: 0.55, g: 0.55, b: 0.55), highlight: RGBA(r: 0, g: 0, b: 0))

    /// The themes by name, for `--theme`.
    public static let all: [String: Theme] = ["light": .light, "print": .print]

    /// The colour an actor is drawn in: its own in the colour theme, a grey in print.
    func actorColor(_ index: Int, _ palette: ActorPalette) -> RGBA {
        if usesPatterns { return [RGBA(r: 0.1, g: 0.1, b: 0.1), RGBA(r: 0.45, g: 0.45, b: 0.45), RGBA(r: 0.25, g: 0.25, b: 0.25)][index % 3] }
        return index < palette.colors.count ? palette.colors[index] : RGBA(r: 0.4, g: 0.4, b: 0.4)
    }

    /// The hatching angle (degrees) for an actor, so sides differ without colour.
    func hatchAngle(_ index: Int) -> Double { [45.0, -45.0, 0.0, 90.0][index % 4] }
}
