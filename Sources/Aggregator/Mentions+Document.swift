import Gazetteer
import Geo

// The second pass of mention finding: every ambiguous name is resolved again knowing where the
// document's clear places are, and a name whose best place stands apart from all of them without
// evidence is reported as unresolved rather than mapped (a wrong place is worse than none).

/// The places a document names clearly, which the second pass resolves the other names near.
struct DocumentPlaces {
    /// Names with one candidate, admin units, and names whose best place clearly outscores the next
    /// or lies beside it ("Homs" the city, not Al Khums in Libya).
    let clear: [Candidate]
    let anchors: [Coordinate]
    let countries: Set<Substring>
    /// The clear places that are towns (villages stand only beside these).
    let towns: [Coordinate]
    /// The diagonal (metres) of the box around the clear places below a country's level: how far
    /// the report ranges.
    let spread: Double
    /// The ids of the districts, provinces and regions the report names clearly: a town of a name
    /// that lies in one of them is the one the report means (``MentionFinder/placeInNamedUnit``).
    let units: Set<String>

    /// The countries whose peoples the report names ("the Ethiopian army"): a town in one of them
    /// is not far from the report, wherever the others lie.
    let peoples: Set<Substring>

    init(_ clear: [Candidate], peoples: Set<Substring> = []) {
        self.clear = clear
        self.peoples = peoples
        anchors = clear.map(\.coordinate)
        countries = Set(clear.map(MentionFinder.country))
        towns = clear.filter { $0.precision == .town }.map(\.coordinate)
        units = Set(clear.filter { $0.precision >= .district && $0.kind != .country && $0.kind != .lake }.map(\.id))
        let local = clear.filter { $0.kind != .country }.map(\.coordinate)
        spread = BoundingBox(coveringShortest: local).map {
            Geodesy.greatCircleDistance(Coordinate(latitude: $0.south, longitude: $0.west), Coordinate(latitude: $0.north, longitude: $0.east))
        } ?? 0
    }

    /// Whether a clear place other than this one lies in its country.
    func namesCountry(besides c: Candidate) -> Bool {
        let country = MentionFinder.country(c)
        return clear.contains { $0.id != c.id && MentionFinder.country($0) == country }
    }

    /// Whether a clear place below the level of a country, other than this one, lies in its country.
    func placesInCountry(of c: Candidate) -> Bool {
        let country = MentionFinder.country(c)
        return clear.contains { $0.id != c.id && $0.kind != .country && MentionFinder.country($0) == country }
    }

    /// The distance (metres) from a place to the nearest clear place other than itself, or `nil`
    /// when the document names no other place clearly.
    func nearestOther(_ c: Candidate, belowCountry: Bool = false) -> Double? {
        clear.lazy.filter { $0.id != c.id && !(belowCountry && $0.kind == .country) }
            .map { Geodesy.greatCircleDistance($0.coordinate, c.coordinate) }.min()
    }
}

extension Candidate {
    var coordinate: Coordinate { Coordinate(latitude: latitude, longitude: longitude) }
}

extension MentionFinder {
    /// The mentions of the spans found in the first pass, each resolved with the document in view;
    /// names that stand apart without evidence go to `unresolved`.
    func resolveInDocument(_ spans: [Span], _ text: TokenizedText, document: String, peoples: Set<Substring> = [],
                           unresolved: inout [UnresolvedName]) -> [Mention] {
        let tokens = text.tokens
        // A town the text places once ("GLASGOW, Ky. -") is that town where it is named again bare,
        // and an anchor for the others as such (not the larger Glasgow the bare name would be).
        let stated = statedPlaces(spans)
        func statedPlace(_ span: Span) -> Candidate? {
            span.parentNames.isEmpty && span.kindWord == nil ? stated[NameKey.normalized(span.surface)] : nil
        }
        let doc = DocumentPlaces(spans.compactMap { statedPlace($0) ?? clearPlace($0) }, peoples: peoples)
        var mentions: [Mention] = []
        mentions.reserveCapacity(spans.count)
        var anchored: [String: Candidate] = [:]  // a name named again resolves once
        for span in spans {
            guard let first = span.candidates.first else { continue }
            var best = first
            let statedPlace = statedPlace(span)
            if let statedPlace {
                best = statedPlace
            } else if placedByParent(first, span) {
                // "Edmonton, Ky.": the text says where the place lies; the others do not move it.
            } else if let inside = placeInNamedUnit(span, doc) {
                best = inside
            } else if span.candidates.count > 1, !doc.anchors.isEmpty {
                let key = Self.cacheKey(span)
                best = anchored[key] ?? resolveNear(span, doc).map { keepsLargerNamesake(first, over: $0, span, doc) ? first : $0 } ?? first
                anchored[key] = best
            }
            let start = Int(tokens[span.first].start), end = Int(tokens[span.last].end)
            // A town's other name, unplaced, in a report on another country: a word or a person's
            // name rather than a place the gazetteer lacks, so not listed as unresolved either.
            if statedPlace == nil, foreignOtherName(best, span, doc) { continue }
            if statedPlace == nil, doubtful(best, span, doc) || listedElsewhere(best, span) {
                unresolved.append(UnresolvedName(document: document, surface: span.surface, start: start, end: end))
                continue
            }
            mentions.append(Mention(document: document, place: best.id, surface: span.surface, start: start, end: end,
                                    match: best.match, role: span.role))
        }
        return mentions
    }

    /// The towns the text names exactly and locates by their state or province ("Edmonton, Ky.", the
    /// dateline "COLUMBIA, Ky. -"), by name: a report that says once which Edmonton it means means
    /// it where it names it again bare ("a shooting in Edmonton"). A name placed in two different
    /// units is left out.
    func statedPlaces(_ spans: [Span]) -> [String: Candidate] {
        var out: [String: Candidate] = [:]
        var conflicting: Set<String> = []
        for span in spans where !span.parentNames.isEmpty && span.role != .partOfName {
            guard let best = span.candidates.first, best.match == .exact, best.precision == .town,
                  span.parentNames.contains(where: namesFirstLevelUnit), gazetteer.liesIn(best, anyOf: span.parentNames) else { continue }
            let key = NameKey.normalized(span.surface)
            if let seen = out[key], seen.id != best.id { conflicting.insert(key) }
            out[key] = best
        }
        for key in conflicting { out[key] = nil }
        return out
    }

    /// Whether a span's best place lies in the first-level unit the text names after it ("Glasgow,
    /// Ky.", "Memphis, Tennessee"), matched exactly.
    func placedByParent(_ best: Candidate, _ span: Span) -> Bool {
        best.match == .exact && span.parentNames.contains(where: namesFirstLevelUnit) && gazetteer.liesIn(best, anyOf: span.parentNames)
    }

    /// Whether a name after a comma is a state's or a province's ("Ky.", "Tenn."), not a country's
    /// ("in Russia, U.S. officials said" does not put a Russia in the United States).
    func namesFirstLevelUnit(_ name: String) -> Bool {
        gazetteer.candidates(for: name, limit: 1).first?.kind == .province
    }

    /// A span's place when it is clear enough to anchor the others: one candidate, an admin unit,
    /// or a best place that clearly outscores the next or lies within 50 km of it.
    func clearPlace(_ s: Span) -> Candidate? {
        guard s.role == nil, let best = s.candidates.first, best.match != .fuzzy, !isGenericArea(best) else { return nil }
        if s.candidates.count == 1 || best.precision >= .province { return best }
        let second = s.candidates[1]
        let apart = Geodesy.greatCircleDistance(best.coordinate, second.coordinate)
        // (A city and the province named after it, "Benghazi", "Ajdabiya": the city, which the
        // province holds, is clear however far the province's point lies.)
        return best.score - second.score >= Self.clearMargin || apart <= 50_000 || holds(second, best) ? best : nil
    }

    /// The place of the name that lies in a district or province the report names clearly, when
    /// the best place does not and exactly one other does: "Edmonton" in a report that names Enfield is the
    /// Edmonton in Enfield, not the city in Alberta; "Shelby" beside Montana's prisons is Shelby,
    /// Montana. A village set aside in the first pass counts too. Only a town's name, matched
    /// exactly, moves: "Queensland" stays the state, "Minnesota" is not Minneota.
    func placeInNamedUnit(_ span: Span, _ doc: DocumentPlaces) -> Candidate? {
        guard span.parentNames.isEmpty, let first = span.candidates.first, first.precision == .town else { return nil }
        guard !doc.units.isEmpty else { return nil }
        func inUnit(_ c: Candidate) -> Bool {
            guard let place = gazetteer.place(id: c.id) else { return false }
            return gazetteer.ancestors(of: place).contains { doc.units.contains($0.id) }
        }
        if inUnit(first) { return nil }
        let inside = (span.candidates + span.villages).filter { $0.match == .exact && $0.precision == .town && inUnit($0) }
        // (However large the other: "VICTORIA" in a report that names British Columbia is its
        // capital, not Hong Kong's old name; "Vienna" beside Fairfax is Vienna, Virginia. Measured on
        // GeoWebNews and TR-News, a guard for much larger namesakes lost both and gained none.)
        return inside.count == 1 ? inside.first : nil
    }

    /// Whether an area candidate holds a place candidate (is one of its ancestors).
    func holds(_ area: Candidate, _ c: Candidate) -> Bool {
        guard area.precision >= .district, area.id != c.id, let place = gazetteer.place(id: c.id) else { return false }
        return gazetteer.isWithin(place, area.id)
    }

    /// The best place for an ambiguous name near the document's clear places. Near them a village
    /// of the name is often at hand (a Washington in Kansas, by the United States' point): it
    /// stands for a name that also names a larger place only when the text says which, or places
    /// the name ("in X") and the village lies beside a town the document names.
    func resolveNear(_ span: Span, _ doc: DocumentPlaces) -> Candidate? {
        let context = ResolutionContext(nearby: doc.anchors, region: region, parentNames: span.parentNames, kindWord: span.kindWord)
        let onlyVillages = span.candidates.allSatisfy { $0.kind == .village }
        return gazetteer.candidates(for: span.surface, context: context, limit: .max).first { c in
            c.kind != .village || onlyVillages || saysVillage(c, span)
                || span.placeLike && doc.towns.contains { Geodesy.greatCircleDistance($0, c.coordinate) <= Self.villageReach }
        }
    }

    /// Whether a bare name keeps the much larger place it names (a city of 100,000 people or more,
    /// ``namesakeRatio`` times the size of the place nearer the report's others) because that place
    /// lies in a country the report names clearly and the report ranges over ``nationalSpread`` or
    /// more: nearness alone is weak evidence, and a national or sports report naming places across
    /// a country names its cities ("Washington" in a report
    /// that also names Pittsburgh is the capital, not Washington, Pennsylvania; "Portland" beside
    /// San Antonio is Oregon's). A report on a war in another country keeps its village ("New York"
    /// in a report on Donetsk is the village there, as the United States is not named). A name the
    /// text places (a parent, a kind word) is left as the text places it.
    func keepsLargerNamesake(_ larger: Candidate, over near: Candidate, _ span: Span, _ doc: DocumentPlaces) -> Bool {
        guard near.id != larger.id, span.parentNames.isEmpty, span.kindWord == nil, larger.precision == .town,
              larger.match == .exact, doc.namesCountry(besides: larger), doc.spread >= Self.nationalSpread else { return false }
        let largerPopulation = gazetteer.place(id: larger.id)?.population ?? 0
        let nearPopulation = max(1, gazetteer.place(id: near.id)?.population ?? 0)
        return largerPopulation >= Int64(Self.majorTown) && largerPopulation >= Self.namesakeRatio * nearPopulation
    }

    /// How many times larger a namesake must be to keep a bare name against a place nearer the others.
    static let namesakeRatio: Int64 = 25

    /// How far apart (metres) a report's clear places below a country's level must lie for it to
    /// be a national report rather than a local one ("Flooding hit Corpus Christi, Aransas Pass and
    /// Portland" is Portland, Texas).
    static let nationalSpread = 500_000.0

    /// Whether a name's best place stands apart from the report without evidence, so that the
    /// name is better reported as unresolved than mapped there.
    func doubtful(_ best: Candidate, _ span: Span, _ doc: DocumentPlaces) -> Bool {
        // A unit named only by generic words ("North West", "Gulf") is that unit only in a report
        // about its country, or where the text names its parent; a town so named ("Northwest",
        // North Carolina) only where the text names its parent or it lies beside a town named.
        if isGenericArea(best), !saysVillage(best, span) {
            if best.precision >= .province ? !doc.countries.contains(Self.country(best))
                : !doc.towns.contains(where: { Geodesy.greatCircleDistance($0, best.coordinate) <= Self.villageReach }) {
                return true
            }
        }
        switch best.match {
        case .fuzzy:
            // A loose match far from every clear place of the document, in none of their countries,
            // is more likely a place the gazetteer lacks ("Robotyne" is not Levittown, New York);
            // a loose match to a village stands only beside a clear place ("Robotyne" is not
            // Rybotyn, 600 km away in Chernihiv).
            // (A country named only as a country is no evidence, nor is its point a neighbour:
            // "militias loyal to Iran" does not put "Khanasir", south-east of Aleppo, at Khānsār in Iran.)
            let nearest = doc.nearestOther(best)
            if let nearest, nearest > Self.looseMatchReach, !doc.countries.contains(Self.country(best)) { return true }
            if let below = doc.nearestOther(best, belowCountry: true), below > Self.looseMatchReach, !doc.placesInCountry(of: best) {
                return true
            }
            return best.kind == .village && (nearest ?? .infinity) > Self.looseVillageReach
        case .alias:
            // A town's other name, for a town of under 100,000 people thousands of kilometres from
            // every other place the report names, is more likely a place the gazetteer lacks
            // ("Uspenovka" in the Kursk region is not Kirovskiy in Primorye, 6,700 km away).
            guard best.precision <= .town, (gazetteer.place(id: best.id)?.population ?? 0) < Self.majorTown else { return false }
            return (doc.nearestOther(best) ?? 0) > Self.distantAliasReach
        case .exact:
            return farSmallTown(best, span, doc)
        }
    }

    /// Whether a town's other name stands unplaced (``otherNameUnplaced(_:population:)``) in a
    /// report that names other places clearly, none of them in the town's country.
    func foreignOtherName(_ best: Candidate, _ span: Span, _ doc: DocumentPlaces) -> Bool {
        guard best.match == .alias, best.precision <= .town, doc.nearestOther(best) != nil,
              otherNameUnplaced(span, population: gazetteer.place(id: best.id)?.population ?? 0) else { return false }
        return !doc.namesCountry(besides: best)
    }

    /// A town or a village named exactly, with no unit to place it ("Edmonton, Ky."), more than
    /// ``distantAliasReach`` from every other place below a country's level the report names clearly
    /// and in none of their countries, is more likely a word, a name or a place the gazetteer lacks
    /// (an "Olympic bronze medallist" in a report on Toronto is not Olympic, a Hong Kong suburb; "the
    /// coastal city of Sire" in a report on Libya is a misspelt Sirte, not a town in Ethiopia). A
    /// locative or a kind word says that a name is a place, not which.
    func farSmallTown(_ best: Candidate, _ span: Span, _ doc: DocumentPlaces) -> Bool {
        guard best.kind == .town || best.kind == .village, span.parentNames.isEmpty, !doc.namesCountry(besides: best),
              !doc.peoples.contains(Self.country(best)) else { return false }
        // Far from every place below a country's level, whatever the words around it.
        if let below = doc.nearestOther(best, belowCountry: true), below > Self.distantAliasReach { return true }
        // Far from the countries too, with nothing to say it is a place. (A country's point alone is
        // weak: "Russia's defence ministry said its forces had captured Lyman" keeps Lyman.)
        guard !span.placeLike, span.kindWord == nil, let nearest = doc.nearestOther(best) else { return false }
        return nearest > Self.distantAliasReach
    }

    /// How far (metres) from every other place the report names clearly a small town matched by
    /// one of its other names may lie.
    static let distantAliasReach = 1_500_000.0
}
