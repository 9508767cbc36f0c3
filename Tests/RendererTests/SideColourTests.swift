@testable import Aggregator
import Foundation
import Gazetteer
import Testing
import TestSupport

@testable import Renderer

/// Issue 12 item 3: one side has one colour and never contests itself, on every example war,
/// read with its profile and without any.
@Suite("Sides on the map: one colour a side, never contesting itself")
struct SideColourTests {
    /// Every war in `Examples/`, and in the folder `CONFLICTMAP_EXAMPLES` names (another checkout's
    /// `Examples/`), as (folder, reports).
    static let wars: [(name: String, reports: [Report])] = {
        var roots = [Fixtures.root + "/Examples"]
        if let extra = ProcessInfo.processInfo.environment["CONFLICTMAP_EXAMPLES"] { roots.append(extra) }
        var out: [(String, [Report])] = []
        var seen = Set<String>()
        for root in roots {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
            for name in names where !seen.contains(name) {
                var isDir: ObjCBool = false
                let path = root + "/" + name
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
                    let reports = try? ReportReader().read(paths: [path]).reports, !reports.isEmpty else { continue }
                seen.insert(name)
                out.append((name, reports))
            }
        }
        return out
    }()

    static let plainAnalyzer = Analyzer(gazetteer: Fixtures.gazetteer)

    /// Whether two actor names are one side by the words that make them one (`SideWords`), or by
    /// a profile that names both.
    func sameSide(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let ka = SideWords.key(a), kb = SideWords.key(b)
        if !ka.isEmpty, ka == kb { return true }
        let ia = SideWords.identity(a), ib = SideWords.identity(b)
        // One people's name and the same roles in lower case; with none, none in capitals either: "Syrian
        // Army" (the state's) and "Syrian forces" (either side's) may be two sides.
        let la = SideWords.roles(of: a, lowercaseOnly: true), lb = SideWords.roles(of: b, lowercaseOnly: true)
        if !ia.isEmpty, ia == ib, la == lb,
           !la.isEmpty || SideWords.roles(of: a, lowercaseOnly: false) == SideWords.roles(of: b, lowercaseOnly: false) { return true }
        if let x = SideWords.acronym(a), x == SideWords.initials(b) { return true }
        if let x = SideWords.acronym(b), x == SideWords.initials(a) { return true }
        for profile in Fixtures.actors.profiles {
            let table = SideWords.keyTable(profile)
            let sa = profile.sides.firstIndex { $0.name == a } ?? table[ka]
            let sb = profile.sides.firstIndex { $0.name == b } ?? table[kb]
            if let sa, let sb, sa == sb, profile.sides.contains(where: { $0.name == a || $0.name == b }) { return true }
        }
        return false
    }

    /// The contested marks of an analysis, each as the names of its sides.
    func contests(_ analysis: Analysis) -> [(place: String, sides: [String])] {
        let palette = ActorPalette(analysis: analysis, profileColors: [:])
        return analysis.namedPlaces.compactMap { p in
            guard case .contested(let actors) = palette.mark(for: p, claims: analysis.claims) else { return nil }
            return (p.id, actors.map { palette.names[$0] })
        }
    }

    /// Checks one analysis: no contested mark lists a side twice or two names of one side, and two
    /// names of one side have one colour.
    func check(_ analysis: Analysis, _ label: String) {
        for c in contests(analysis) {
            #expect(Set(c.sides).count == c.sides.count, "\(label): \(c.place) lists a side twice: \(c.sides)")
            for (i, a) in c.sides.enumerated() {
                for b in c.sides.dropFirst(i + 1) {
                    #expect(!sameSide(a, b), "\(label): \(c.place) contested by one side: '\(a)' and '\(b)'")
                }
            }
        }
        let palette = ActorPalette(analysis: analysis, profileColors: [:])
        let names = Array(Set(analysis.claims.filter { !$0.denied }.map(\.actor))).sorted()
        for (i, a) in names.enumerated() {
            for b in names.dropFirst(i + 1) where sameSide(a, b) {
                #expect(palette.index(of: a) == palette.index(of: b), "\(label): '\(a)' and '\(b)' are one side in two colours")
            }
        }
    }

    @Test("Every example war and each of its reports, with its profile and without: no side contests itself or has two colours")
    func noSelfContest() throws {
        #expect(!Self.wars.isEmpty)
        for war in Self.wars {
            check(Fixtures.claimsAnalyzer.analyze(war.reports), "\(war.name), profile")
            check(Self.plainAnalyzer.analyze(war.reports), "\(war.name), no profile")
            for report in war.reports {
                check(Fixtures.claimsAnalyzer.analyze([report]), "\(report.id), profile")
                check(Self.plainAnalyzer.analyze([report]), "\(report.id), no profile")
            }
        }
    }

    @Test("No two sides of a profile are taken for one side by their names")
    func profileSidesApart() {
        for profile in Fixtures.actors.profiles {
            let names = profile.sides.map(\.name)
            let groups = SideNames.canonical(Dictionary(uniqueKeysWithValues: names.map { ($0, 1) }))
            #expect(Set(names.map { groups[$0] ?? $0 }).count == names.count, "\(profile.id): \(groups)")
        }
    }

    @Test("One side written two ways in two reports is one side: never contesting itself, one colour")
    func acrossReports() {
        let groups = SideNames.canonical(["Fano forces": 3, "Fano fighters": 2, "Ethiopian army": 2, "Ethiopian Army": 4, "Government forces": 5,
                                          "Syrian rebels": 3, "Syrian government forces": 2, "Syrian forces": 1])
        #expect(groups["Fano fighters"] == "Fano forces")
        #expect(groups["Ethiopian army"] == "Ethiopian Army")
        #expect(groups["Syrian rebels"] != groups["Syrian government forces"])
        // "Syrian forces" could be either: it stays apart.
        #expect(groups["Syrian forces"] == "Syrian forces")
        // A bare description is the one named side of its kind, whatever its capital.
        let one = SideNames.canonical(["Ethiopian Army": 2, "Ethiopian army": 1, "Government forces": 1, "Fano forces": 1])
        #expect(one["Government forces"] == "Ethiopian Army")
        #expect(one["Fano forces"] == "Fano forces")
        let bare = SideNames.canonical(["Rebels": 2, "Opposition forces": 1, "Sudanese Armed Forces": 3, "Sudanese army": 1])
        #expect(bare["Opposition forces"] == "Rebels")
        #expect(bare["Sudanese army"] == "Sudanese Armed Forces")
        // "Anti-X forces" are an opposition: not X.
        let anti = SideNames.canonical(["Syrian rebels": 2, "Anti-Assad forces": 1])
        #expect(anti["Anti-Assad forces"] == "Syrian rebels")
        let against = SideNames.canonical(["Houthi rebels": 2, "Anti-Houthi forces": 1])
        #expect(against["Anti-Houthi forces"] == "Anti-Houthi forces")
    }

    @Test("Colours: a side has one colour, no two sides share one, and an actor outside the profiles never takes a profile side's colour")
    func colourUniqueness() throws {
        var profileColors: [String: RGBA] = [:]
        for profile in Fixtures.actors.profiles {
            for side in profile.sides where profileColors[side.name] == nil {
                if let c = RGBA(hex: side.colour) { profileColors[side.name] = c }
            }
        }
        let reserved = Set(profileColors.values)
        // The DR Congo case: two sides of the profile and three actors outside it.
        let names = ["M23", "Rebels", "Congolese army", "Security forces", "Allied forces"]
        let colours = ActorPalette.colours(for: names, profileColors: profileColors)
        #expect(colours.count == names.count)
        #expect(Set(colours).count == names.count, "two names share a colour")
        #expect(colours[0] == profileColors["M23"])
        #expect(colours[2] == profileColors["Congolese army"])
        for i in [1, 3, 4] { #expect(!reserved.contains(colours[i]), "'\(names[i])' takes a profile side's colour") }
        // Without any profile side on the map, the Okabe–Ito palette is free to use.
        let plain = ActorPalette.colours(for: ["Rebels", "Government forces"], profileColors: profileColors)
        #expect(plain == Array(ActorPalette.okabeIto.prefix(2)))
        // On every example war's map: one colour a name, all different.
        for war in Self.wars {
            let analysis = Fixtures.claimsAnalyzer.analyze(war.reports)
            let palette = ActorPalette(analysis: analysis, profileColors: profileColors)
            #expect(Set(palette.colors).count == palette.names.count, "\(war.name): \(palette.names) share colours")
            for (n, c) in zip(palette.names, palette.colors) where profileColors[n] == nil {
                #expect(!reserved.contains(c) || !palette.names.contains(where: { profileColors[$0] != nil }),
                        "\(war.name): '\(n)' takes a profile side's colour")
            }
        }
    }
}
