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

    /// The default: light paper tones, blue data.
    public static let light = Theme(
        name: "light",
        background: RGBA(hex: "#dde6ec")!, otherLand: RGBA(hex: "#ecebe6")!, focusLand: RGBA(hex: "#fbf9f4")!,
        countryBorder: RGBA(hex: "#5f584e")!, provinceLine: RGBA(hex: "#a39a8c")!, districtLine: RGBA(hex: "#d3ccc0")!,
        marker: RGBA(hex: "#0072b2")!, markerOutline: RGBA(hex: "#ffffff")!,
        areaFill: RGBA(hex: "#0072b2")!.withAlpha(0.13), areaOutline: RGBA(hex: "#0072b2")!.withAlpha(0.55),
        text: RGBA(hex: "#1f1d1a")!, secondaryText: RGBA(hex: "#5c554b")!, halo: RGBA(hex: "#ffffff")!.withAlpha(0.9),
        panel: RGBA(hex: "#ffffff")!.withAlpha(0.93), panelBorder: RGBA(hex: "#b9b2a6")!,
        font: "DejaVu Sans", arabicFont: "Noto Sans Arabic")
}
