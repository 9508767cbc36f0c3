import Aggregator
import Foundation
import Gazetteer
import Geo
import Testing
import TestSupport

@testable import Renderer

/// The label placement policy (issue 13, "Structure"): the ordered candidate positions and sizes
/// that the placement finder tries, kept apart from the collision grid. These tests build real
/// maps from the examples with the standard policy and with narrower ones.
@Suite("Layout policy")
struct LayoutPolicyTests {
    /// The map of an example war, laid out with `policy`.
    func model(_ example: String, policy: LabelPlacementPolicy = .standard, width: Double = 1600, height: Double = 1200) throws -> MapModel {
        let reports = try ReportReader().read(paths: [Fixtures.root + "/Examples/" + example]).reports
        let analysis = Fixtures.claimsAnalyzer.analyze(reports)
        var options = MapOptions()
        options.width = width
        options.height = height
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        var builder = MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: Fixtures.boundaries, lines: lines, options: options)
        builder.labelPolicy = policy
        return try builder.build()
    }

    /// The standard policy narrowed to one position beside a point and one over an area.
    static let oneCandidate: LabelPlacementPolicy = {
        var policy = LabelPlacementPolicy.standard
        policy.pointPositions = [.east]
        policy.interiorOffsets = [LabelPlacementPolicy.Offset(0, 0)]
        return policy
    }()

    @Test("With one candidate position a crowded map places fewer labels beside their places, and leads out or drops more")
    func oneCandidatePlacesFewer() throws {
        let standard = try model("syria-2024")
        let narrow = try model("syria-2024", policy: Self.oneCandidate)
        let beside = { (m: MapModel) in m.labels.filter { $0.leader == nil }.count }
        let away = { (m: MapModel) in m.labels.filter { $0.leader != nil }.count + m.dropped.count }
        #expect(beside(narrow) < beside(standard), "\(beside(narrow)) vs \(beside(standard))")
        #expect(away(narrow) > away(standard), "\(away(narrow)) vs \(away(standard))")
        // Either way every place the reports name on the map is labelled or listed as dropped.
        #expect(narrow.labels.count + narrow.dropped.count == standard.labels.count + standard.dropped.count)
        // Without leader lines either, the labels that find no position are dropped.
        var noLeaders = Self.oneCandidate
        noLeaders.leaderRadii = []
        let bare = try model("syria-2024", policy: noLeaders)
        #expect(bare.labels.allSatisfy { $0.leader == nil })
        #expect(bare.dropped.count > standard.dropped.count, "\(bare.dropped.count) vs \(standard.dropped.count)")
    }

    @Test("The standard positions are tried in order: each label beside a marker is at the first position free when it was placed")
    func firstFreePositionUsed() throws {
        let policy = LabelPlacementPolicy.standard
        var positions: [Int] = []
        for example in ["syria-2024", "myanmar-2024", "panjshir-2021"] {
            let m = try model(example)
            // Replay the placement: the furniture and markers taken, then the callouts, then the labels in order.
            let canvas = Rect(x: 0, y: 0, width: m.width, height: m.height).insetBy(4)
            var placer = LabelPlacer(canvas: canvas, fixed: m.furniture + m.markers.map { $0.bounds.insetBy(-1) }, policy: policy)
            for c in m.callouts { placer.reserve(c.box) }
            for label in m.labels {
                defer { placer.reserve(label.box) }
                guard label.leader == nil, !label.bold, let marker = m.markers.first(where: { $0.placeID == label.placeID }) else { continue }
                let size = Rect(x: 0, y: 0, width: label.box.width, height: label.box.height)
                let candidates = policy.candidates(size, around: marker.center, radius: marker.radius, .point)
                let i = try #require(candidates.firstIndex(of: label.box), "\(example): \(label.text) is at none of the policy's positions")
                for (j, earlier) in candidates[..<i].enumerated() {
                    #expect(!placer.isAvailable(earlier), "\(example): \(label.text) could have gone \(policy.pointPositions[j].name)")
                }
                #expect(placer.isAvailable(label.box))
                positions.append(i)
            }
        }
        // The examples exercise both the first position and later ones.
        #expect(positions.count >= 8, "only \(positions.count) labels beside markers")
        #expect(positions.contains(0) && positions.contains { $0 > 0 }, "positions \(positions)")
    }

    @Test("The placement finder takes the first free candidate: on an empty canvas right, then left, above and below as each is taken")
    func candidatesInOrder() {
        let policy = LabelPlacementPolicy.standard
        var placer = LabelPlacer(canvas: Rect(x: 0, y: 0, width: 400, height: 400), fixed: [], policy: policy)
        let anchor = Point(x: 200, y: 200), size = Rect(x: 0, y: 0, width: 40, height: 12)
        let expected = policy.candidates(size, around: anchor, radius: 20, .point)
        #expect(expected.count == 8)
        for i in 0..<4 {
            #expect(placer.place(size: size, around: anchor, radius: 20, .point) == expected[i], "\(policy.pointPositions[i].name)")
        }
        #expect(policy.pointPositions.prefix(4).map(\.name) == ["E", "W", "N", "S"])
        // Right of a marker: gap (radius + padding) from its centre, centred vertically.
        #expect(expected[0] == Rect(x: 200 + 20 + policy.padding, y: 194, width: 40, height: 12))
        // A policy with only the first position finds nothing once it is taken.
        var one = LabelPlacer(canvas: Rect(x: 0, y: 0, width: 400, height: 400), fixed: [expected[0]], policy: LayoutPolicyTests.oneCandidate)
        #expect(one.place(size: size, around: anchor, radius: 20, .point) == nil)
        #expect(one.place(size: size, around: anchor, radius: 20, .leader) != nil)
    }
}
