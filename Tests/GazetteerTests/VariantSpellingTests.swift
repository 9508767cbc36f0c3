import Foundation
import Gazetteer
import Testing
import TestSupport

/// A spelling met in real reporting, the place it means, and the context the report gave.
struct Variant: Sendable, CustomStringConvertible {
    var spelling: String
    var id: String
    /// A place id the report also named (the disambiguation context), if the spelling needs one.
    var near: String?
    var kindWord: String?
    var description: String { spelling }
}

/// Spellings collected from news and agency reporting on Afghanistan, Ukraine, Sudan and Gaza.
let variants: [Variant] = [
    // Panjshir, 2021 (CNN, Reuters, Tolo, Pajhwok, Al Jazeera).
    Variant(spelling: "Shatal", id: "af/panjshir/shutul"),
    Variant(spelling: "Shotul", id: "af/panjshir/shutul"),
    Variant(spelling: "Shutul", id: "af/panjshir/shutul"),
    Variant(spelling: "Charika", id: "af/parwan/charikar/charikar"),
    Variant(spelling: "Chārīkār", id: "af/parwan/charikar/charikar"),
    Variant(spelling: "Charikar", id: "af/parwan/charikar/charikar"),
    Variant(spelling: "Anaba", id: "af/panjshir/unaba", near: "af/panjshir"),
    Variant(spelling: "Unaba", id: "af/panjshir/unaba"),
    Variant(spelling: "Unabah", id: "af/panjshir/unaba", kindWord: "district"),
    Variant(spelling: "’Unābah", id: "af/panjshir/unaba/unabah"),  // GeoNames' spelling of the district's centre
    Variant(spelling: "Khenj", id: "af/panjshir/khenj", kindWord: "district"),
    Variant(spelling: "Khinj", id: "af/panjshir/khenj", kindWord: "district"),
    Variant(spelling: "Panjsher", id: "af/panjshir"),
    Variant(spelling: "Panjshayr", id: "af/panjshir"),
    Variant(spelling: "Panjshir", id: "af/panjshir"),
    Variant(spelling: "Panjshir Valley", id: "af/panjshir/panjshir-valley"),
    Variant(spelling: "Bazarak", id: "af/panjshir/bazarak", kindWord: "district"),
    Variant(spelling: "Rukha", id: "af/panjshir/rukha", kindWord: "district"),
    Variant(spelling: "Paryan", id: "af/panjshir/paryan", kindWord: "district"),
    Variant(spelling: "Salang Pass", id: "af/parwan/salang-pass"),
    // Elsewhere in Afghanistan.
    Variant(spelling: "Pul-e-Khumri", id: "af/baghlan/pul-e-khumri/pul-e-khumri"),
    Variant(spelling: "Pul i Khumri", id: "af/baghlan/pul-e-khumri/pul-e-khumri"),
    Variant(spelling: "Pol-e Khomri", id: "af/baghlan/pul-e-khumri/pul-e-khumri"),
    Variant(spelling: "Mazar-i-Sharif", id: "af/balkh/mazar-e-sharif/mazar-e-sharif"),
    Variant(spelling: "Mazar-e Sharif", id: "af/balkh/mazar-e-sharif/mazar-e-sharif"),
    Variant(spelling: "Qandahar", id: "af/kandahar/kandahar/kandahar"),
    Variant(spelling: "Kandahar", id: "af/kandahar/kandahar/kandahar"),
    Variant(spelling: "Kunduz", id: "af/kunduz/kunduz/kunduz"),
    Variant(spelling: "Qunduz", id: "af/kunduz/kunduz/kunduz"),
    Variant(spelling: "Lashkar Gah", id: "af/helmand/lashkar-gah/lashkar-gah"),
    Variant(spelling: "Lashkargah", id: "af/helmand/lashkar-gah/lashkar-gah"),
    Variant(spelling: "Faizabad", id: "af/badakhshan/fayzabad/fayzabad", near: "af/badakhshan"),
    Variant(spelling: "Herat", id: "af/herat/herat/herat"),
    Variant(spelling: "کابل", id: "af/kabul/kabul/kabul"),
    // Ukraine, 2022– (AP, Reuters, BBC, Kyiv Independent).
    Variant(spelling: "Kherson", id: "ua/kherson/kherson"),
    Variant(spelling: "Kharkiv", id: "ua/kharkiv/kharkiv"),
    Variant(spelling: "Kharkov", id: "ua/kharkiv/kharkiv"),
    Variant(spelling: "Kyiv", id: "ua/kiev-city/kyiv"),
    Variant(spelling: "Kiev", id: "ua/kiev-city/kyiv"),
    Variant(spelling: "Mariupol", id: "ua/donetsk/mariupol"),
    Variant(spelling: "Zaporizhzhia", id: "ua/zaporizhzhya/zaporizhzhya"),
    Variant(spelling: "Bakhmut", id: "ua/donetsk/bakhmut"),
    // Sudan, 2023– and Gaza, 2023–.
    Variant(spelling: "Khartoum", id: "sd/khartoum/khartoum"),
    Variant(spelling: "Omdurman", id: "sd/khartoum/omdurman"),
    Variant(spelling: "El Fasher", id: "sd/north-darfur/el-fasher"),
    Variant(spelling: "Khan Younis", id: "ps/gaza-strip/khan-yunis"),
    // GeoNames also gives East Darfur this name (the state it was split from in 2012).
    Variant(spelling: "South Darfur", id: "sd/southern-darfur"),
    Variant(spelling: "Nyala", id: "sd/southern-darfur/nyala"),
    // Syria, 2024.
    Variant(spelling: "Aleppo", id: "sy/aleppo/aleppo"),
    Variant(spelling: "Hama", id: "sy/hamah/hamah"),
]

@Suite("Variant spellings from real reporting")
struct VariantSpellingTests {
    @Test("Each variant spelling resolves to the place it means", arguments: variants)
    func resolves(_ v: Variant) throws {
        let g = Fixtures.gazetteer
        var context = ResolutionContext(kindWord: v.kindWord)
        if let near = v.near { context.nearby = [try #require(g.place(id: near)).coordinate] }
        let got = g.resolve(v.spelling, context: context)
        #expect(got?.id == v.id, "\(v.spelling) → \(got?.id ?? "nothing"); candidates: \(g.candidates(for: v.spelling, context: context).prefix(3).map(\.id))")
    }

    @Test("The table has at least 40 spellings")
    func size() { #expect(variants.count >= 40) }
}
