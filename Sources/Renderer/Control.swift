import Aggregator
import Geo

/// How a place's control is drawn.
enum ControlMark: Sendable, Hashable {
    /// No side claims it.
    case none
    /// One side claims it; no independent source confirms it (drawn hatched, or as a ringed marker).
    case claimed(actor: Int)
    /// One side holds it by an unhedged report from a third party or the reporter (drawn solid).
    case verified(actor: Int)
    /// Two or more sides claim it (hatched in both colours).
    case contested(actors: [Int])
    /// Fighting or attacks are reported there with one side named, and no side claims it (hatched
    /// in its colour across neutral grey).
    case fighting(actor: Int)
}

/// The sides on the map, their colours and patterns, in a fixed order.
struct ActorPalette: Sendable, Hashable {
    /// Okabe and Ito's colour-blind-safe palette, for actors without a profile colour.
    static let okabeIto = ["#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442"].compactMap { RGBA(hex: $0) }

    var names: [String]
    var colors: [RGBA]
    /// Each actor name's side, as named in `names`: two reports may write one side two ways
    /// ("Fano forces", "Fano fighters"), which are one colour and one legend row (`SideNames`).
    var sideOf: [String: String] = [:]

    init(analysis: Analysis, profileColors: [String: RGBA]) {
        var counts: [String: Int] = [:]
        for p in analysis.namedPlaces { if let a = p.control.actor { counts[a, default: 0] += 1 } }
        for c in analysis.claims where !c.denied { counts[c.actor, default: 0] += 1 }
        // A profile's side names its group.
        for n in counts.keys where profileColors[n] != nil { counts[n, default: 0] += 1 << 20 }
        let sideOf = SideNames.canonical(counts)
        var names: [String] = []
        func add(_ n: String?) {
            guard let n, !n.isEmpty else { return }
            let side = sideOf[n] ?? n
            if !names.contains(side) { names.append(side) }
        }
        for p in analysis.namedPlaces.sorted(by: { ($1.sources, $0.id) < ($0.sources, $1.id) }) { add(p.control.actor) }
        for c in analysis.claims where !c.denied { add(c.actor) }
        self.sideOf = sideOf
        self.names = names
        self.colors = Self.colours(for: names, profileColors: profileColors)
    }

    /// Colours for actors outside every profile once the profiles' colours are taken: muted tones
    /// apart from Okabe and Ito's, which the profiles use, and from the grey of places no side holds.
    static let unaligned = ["#8c6d31", "#7b68ae", "#3a8a8a", "#b5537a", "#6b8e23", "#a0522d", "#4f6d9a", "#9c7a3c"].compactMap { RGBA(hex: $0) }

    /// Each name's colour. A side of a profile has its profile's colour. An actor outside the
    /// profiles never takes a profile side's colour once a profile side is on the map: it takes a
    /// muted colour; no two names share a colour while there are colours left.
    static func colours(for names: [String], profileColors: [String: RGBA]) -> [RGBA] {
        var used = Set<RGBA>()
        var colors = [RGBA?](repeating: nil, count: names.count)
        for (i, n) in names.enumerated() {
            if let c = profileColors[n], !used.contains(c) {
                colors[i] = c
                used.insert(c)
            }
        }
        // Once a profile's side is on the map, every profile colour is a side's: the renderer is
        // given the sides of all profiles by name, and the shipped ones share one palette.
        let reserved = used.isEmpty ? used : used.union(profileColors.values)
        let free = (okabeIto + unaligned).filter { !reserved.contains($0) }
        var next = 0
        var out: [RGBA] = []
        out.reserveCapacity(names.count)
        for c in colors {
            if let c { out.append(c); continue }
            if next < free.count {
                out.append(free[next])
                next += 1
            } else {
                out.append(RGBA(r: 0.4, g: 0.4, b: 0.4))
            }
        }
        return out
    }

    func index(of name: String?) -> Int? { name.flatMap { n in names.firstIndex(of: sideOf[n] ?? n) } }

    /// The mark for a place from its assessment and the claims behind it.
    func mark(for place: PlaceSummary, claims: [Claim]) -> ControlMark {
        switch place.control.status {
        case .none:
            return .none
        case .contested:
            let sides = claims.filter { $0.place == place.id && !$0.denied }.compactMap { index(of: $0.actor) }
            var unique: [Int] = []
            for s in sides where !unique.contains(s) { unique.append(s) }
            // The sides in palette order, so that one pair is one mark and one legend row
            // whichever side the reports name first.
            return unique.count >= 2 ? .contested(actors: unique.prefix(3).sorted()) : unique.first.map { .fighting(actor: $0) } ?? .none
        case .claimed:
            guard let a = index(of: place.control.actor) else { return .none }
            let verified = claims.contains { $0.place == place.id && index(of: $0.actor) == a && $0.isIndependentReport }
            return verified ? .verified(actor: a) : .claimed(actor: a)
        }
    }
}

/// One row of the claims panel: a claim as reported, merged across syndicated copies.
struct ClaimRow: Sendable, Hashable {
    /// A stable id from what the row says (place, actor, action, role, denial): the same on every
    /// run and whatever else the reports hold. The layout JSON's `claim`, the SVG's `data-claim`.
    var id: String
    var number: Int
    var placeID: String
    var text: String
    var actorIndex: Int?
}

enum ClaimRows {
    /// Who makes a claim, in a word or two.
    static func describe(_ claimant: String) -> String {
        switch Claimant(rawValue: claimant) {
        case .actor: return "own claim"
        case .opponent: return "its opponent"
        case .thirdParty: return "a third party"
        case .reporter: return "the reporter"
        case nil: return claimant == "actor" ? "own claim" : claimant.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// How much an action says about control: what changes hands first, fighting last.
    static func weight(_ action: String) -> Int {
        ["captured": 0, "regained": 1, "lost": 2, "withdrew": 3, "holds": 4, "contested": 5, "attacked": 6][action] ?? 7
    }

    /// Groups the claims by place, actor, action, role and denial; orders them by what they say about
    /// control and by independent sources; keeps at most `perPlace` rows a place and `limit` in all.
    static func make(_ analysis: Analysis, palette: ActorPalette, placeName: (String) -> String, limit: Int, perPlace: Int = 3) -> [ClaimRow] {
        struct Key: Hashable { var place: String; var actor: String; var action: String; var origin: Bool; var denied: Bool }
        var groups: [Key: [Claim]] = [:]
        for c in analysis.claims {
            groups[Key(place: c.place, actor: c.actor, action: c.action, origin: c.role == .origin, denied: c.denied), default: []].append(c)
        }
        let clusterOf = Dictionary(uniqueKeysWithValues: analysis.documents.map { ($0.id, $0.sourceCluster) })
        let sourceCount = groups.mapValues { Set($0.map { clusterOf[$0.document] ?? $0.document }).count }
        func sources(_ k: Key) -> Int { sourceCount[k] ?? 0 }
        let order = groups.keys.sorted {
            (weight($0.action), -sources($0), $0.place, $0.actor, $0.origin ? 1 : 0) < (weight($1.action), -sources($1), $1.place, $1.actor, $1.origin ? 1 : 0)
        }
        var rows: [ClaimRow] = []
        var perPlaceCount: [String: Int] = [:]
        for k in order where rows.count < limit {
            guard perPlaceCount[k.place, default: 0] < perPlace else { continue }
            perPlaceCount[k.place, default: 0] += 1
            let claims = groups[k] ?? []
            let n = sources(k)
            let verified = claims.contains(where: \.isIndependentReport)
            let status = k.denied ? "denied" : verified ? "independently reported" : claims.allSatisfy(\.hedged) ? "unverified" : "not independently verified"
            let quantity = claims.compactMap(\.quantity).first.map { " (\($0))" } ?? ""
            // A claim only about part of the place says so ("captured part of Nord-Kivu").
            let part = quantity.isEmpty && claims.allSatisfy(\.partial) && !["attacked", "contested"].contains(k.action) ? "part of " : ""
            let what = k.origin ? "\(k.actor) attacked from \(placeName(k.place))"
                : "\(k.actor) \(Self.verbPhrase(k.action, with: k.actor)) \(part)\(placeName(k.place))\(quantity)"
            let who = Array(Set(claims.map(\.claimant))).sorted().map(describe).joined(separator: ", ")
            var text = "\(what): \(status); \(who); \(n) source\(n == 1 ? "" : "s")"
            if let d = claims.compactMap(\.date).sorted().last { text += "; \(d)" }
            rows.append(ClaimRow(id: Claim.id(place: k.place, actor: k.actor, action: k.action, origin: k.origin, denied: k.denied), number: rows.count + 1, placeID: k.place, text: text, actorIndex: palette.index(of: k.actor)))
        }
        return rows
    }

    /// The action as a verb agreeing with its side: the one present tense, "holds", is "hold" after
    /// a plural ("Fano and Amhara militias hold", "Syrian government forces hold"): a side named by
    /// "and", or by a common noun in the plural (its last word in lower case, ending in "s"). A
    /// proper name takes the singular ("Syrian Democratic Forces holds", "Hamas holds").
    /// The verb before the place: ``agreeing(_:with:)``, and "withdrew from" for "withdrew"
    /// ("Fano and Amhara militias withdrew from Lalibela").
    static func verbPhrase(_ action: String, with actor: String) -> String {
        action == "withdrew" ? "withdrew from" : agreeing(action, with: actor)
    }

    static func agreeing(_ action: String, with actor: String) -> String {
        guard action == "holds" else { return action }
        let last = actor.split(separator: " ").last.map(String.init) ?? ""
        let commonPlural = last.count > 2 && last == last.lowercased() && last.hasSuffix("s") && !last.hasSuffix("ss")
        return actor.contains(" and ") || commonPlural ? "hold" : action
    }
}
