import Aggregator
@testable import ConflictMapKit
import Foundation
import Geo
import Renderer
import Testing
import TestSupport

/// The dated example corpus and its timeline, once per test process.
enum TimelineFixture {
    static let analysis: Analysis = {
        do { return try ConflictMap.analyze(try KitFixtures.reports("syria-2024-offensive"), project: KitFixtures.project,
                                            request: KitFixtures.request) } catch { fatalError("the offensive did not analyse: \(error)") }
    }()

    static let timeline: Timeline = {
        do { return try ConflictMap.timeline(of: analysis, project: KitFixtures.project, request: KitFixtures.request, step: .day) }
        catch { fatalError("the timeline failed: \(error)") }
    }()
}

/// Whether Python can read images with Pillow (Debian's python3-pil; Scripts/install-deps.sh --test).
let pillowAvailable: Bool = (try? Fixtures.run("/usr/bin/python3", ["-c", "import PIL"]).status) == 0

@Suite("Timeline: the map day by day, as a grid, PDF pages and an animation")
struct TimelineTests {
    @Test("One panel per day from the first report to the last, every panel of one extent, titled with its day")
    func panelsPerStep() throws {
        let t = TimelineFixture.timeline
        #expect(t.days.count == 12 && t.days.first == "2024-11-27" && t.days.last == "2024-12-08")
        #expect(t.panels.count == t.days.count)
        for (day, panel) in zip(t.days, t.panels) {
            #expect(panel.extent == t.panels[0].extent)
            #expect(panel.width == 640 && panel.height == 480)
            let title = panel.layout.elements.first { $0.kind == .title }?.text
            #expect(title == MapBuilder.readableDate(day))
            // A panel has no legend, claims or attribution of its own: the grid draws them once.
            #expect(!panel.layout.elements.contains { $0.kind == .claimsPanel || $0.kind == .callout })
            #expect(panel.layout.elements.filter { $0.kind == .legend }.allSatisfy { $0.width == 0 && $0.height == 0 })
            #expect(panel.layout.elements.filter { $0.kind == .attribution }.allSatisfy { ($0.text ?? "").isEmpty })
        }
        // The map grows as the reports come in: more places on the last day than on the first.
        let first = t.panels[0].layout.elements.filter { $0.kind == .marker }.count
        let last = t.panels[t.panels.count - 1].layout.elements.filter { $0.kind == .marker }.count
        #expect(first < last)
        // By week: the first day, a week later, and the last.
        let weeks = try ConflictMap.timeline(of: TimelineFixture.analysis, project: KitFixtures.project, request: KitFixtures.request,
                                             step: .week, panelWidth: 400, panelHeight: 300)
        #expect(weeks.days == ["2024-11-27", "2024-12-04", "2024-12-08"])
    }

    @Test("The grid PNG holds the panels in rows under a heading, with the legend beside them")
    func grid() throws {
        let t = TimelineFixture.timeline
        let png = try ConflictMap.timelineGrid(t, title: "Syria, day by day", columns: 4)
        let width = Int(png[16...19].reduce(0) { $0 << 8 | Int($1) }), height = Int(png[20...23].reduce(0) { $0 << 8 | Int($1) })
        #expect(width > 4 * 640 && width < 4 * 640 + 700)
        #expect(height > 3 * 480 && height < 3 * 480 + 300)
    }

    @Test("The PDF has one page per day, each the whole map", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo")))
    func pdfPages() throws {
        let t = TimelineFixture.timeline
        let pages = try ConflictMap.timelinePages(of: TimelineFixture.analysis, timeline: t, project: KitFixtures.project,
                                                  request: KitFixtures.request)
        #expect(pages.count == t.days.count)
        #expect(pages.allSatisfy { $0.extent == pages[0].extent })
        let dir = try Fixtures.temporaryFolder("timeline-pdf")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ConflictMap.drawPages(pages, title: "Syria").write(to: URL(fileURLWithPath: dir + "/t.pdf"))
        let info = try Fixtures.run("/usr/bin/pdfinfo", [dir + "/t.pdf"])
        let fields: [String: String] = Dictionary(info.output.split(separator: "\n").compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }, uniquingKeysWith: { a, _ in a })
        #expect(fields["Pages"] == "12", "\(info.output)")
        #expect(fields["Title"] == "Syria")
    }

    @Test("The animated PNG is read by an independent reader (Pillow) as 12 frames of the map's size",
          .enabled(if: pillowAvailable, "skipped: Pillow is not installed (Scripts/install-deps.sh --test installs python3-pil)"))
    func animation() throws {
        let t = TimelineFixture.timeline
        var request = KitFixtures.request
        request.options.width = 800
        request.options.height = 600
        let frames = try ConflictMap.timelinePages(of: TimelineFixture.analysis, timeline: t, project: KitFixtures.project, request: request)
        let dir = try Fixtures.temporaryFolder("timeline-apng")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ConflictMap.animate(frames, delay: 0.5).write(to: URL(fileURLWithPath: dir + "/t.apng"))
        let script = """
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1])
            sizes = set()
            for i in range(im.n_frames):
                im.seek(i); im.load(); sizes.add(im.size)
            print(im.format, im.is_animated, im.n_frames, sorted(sizes), im.info.get("duration"), im.info.get("loop"))
            """
        let run = try Fixtures.run("/usr/bin/python3", ["-c", script, dir + "/t.apng"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.hasPrefix("PNG True 12 [(800, 600)] 500.0 0"), "\(run.output)")
    }

    @Test("render --as-of leaves out later reports; --since draws the change map; dates are checked")
    func commandLine() throws {
        let folder = "Examples/syria-2024-offensive"
        let dir = try Fixtures.temporaryFolder("as-of")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let early = try Fixtures.conflictmap(["render", folder, "--as-of", "2024-11-30", "--out", dir + "/a.png", "--layout", dir + "/a.json", "--quiet"])
        #expect(early.status == 0, "\(early.errors)")
        let layout = try JSONDecoder().decode(MapLayout.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/a.json")))
        #expect(layout.dataAsOf == "2024-11-30")
        // Damascus is taken on 7 December: no claim about it as of 30 November, as there is on the last day.
        #expect(!layout.elements.contains { $0.place == "sy/damascus/damascus" && ($0.kind == .claimRow || $0.kind == .callout) })
        #expect(!layout.elements.contains { $0.kind == .change })
        let change = try Fixtures.conflictmap(["render", folder, "--since", "2024-12-06", "--out", dir + "/c.png", "--layout", dir + "/c.json", "--quiet"])
        #expect(change.status == 0, "\(change.errors)")
        let changed = try JSONDecoder().decode(MapLayout.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/c.json")))
        #expect(changed.elements.contains { $0.kind == .change && $0.place == "sy/damascus/damascus" && $0.text?.contains("advance") == true })
        let bad = try Fixtures.conflictmap(["render", folder, "--as-of", "2024-02-30", "--out", dir + "/b.png"])
        #expect(bad.status != 0 && bad.errors.contains("--as-of '2024-02-30' is not a date"))
        let backwards = try Fixtures.conflictmap(["render", folder, "--since", "2024-12-05", "--as-of", "2024-12-01", "--out", dir + "/b.png"])
        #expect(backwards.status != 0 && backwards.errors.contains("--since 2024-12-05 is after --as-of 2024-12-01"))
        let tooEarly = try Fixtures.conflictmap(["render", folder, "--as-of", "2024-11-01", "--out", dir + "/e.png"])
        #expect(tooEarly.status != 0 && tooEarly.errors.contains("no report is dated on or before 2024-11-01: the first is dated 2024-11-27"))
        let undated = try Fixtures.conflictmap(["render", "Examples/panjshir-2021", "--as-of", "2021-09-06", "--out", dir + "/u.png"])
        #expect(undated.status != 0 && undated.errors.contains("none of the 5 reports have a date"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/b.png") && !FileManager.default.fileExists(atPath: dir + "/u.png"))
    }
}

@Suite("conflictmap timeline on the command line")
struct TimelineCommandTests {
    @Test("It writes the grid, PDF or animation its --out names, and checks its options and the span first")
    func command() throws {
        let folder = "Examples/syria-2024-offensive"
        let dir = try Fixtures.temporaryFolder("timeline-command")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let grid = try Fixtures.conflictmap(["timeline", folder, "--step", "week", "--panel", "400x300", "--out", dir + "/t.png"])
        #expect(grid.status == 0, "\(grid.errors)")
        #expect(grid.errors.contains("3 steps, 2024-11-27 to 2024-12-08"))
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/t.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let width = png[16...19].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 2 * 400 && width < 2 * 400 + 700, "two columns of three panels, and the legend")

        for (args, message) in [
            (["--panel", "640xfoox480"], "--panel '640xfoox480' is not WxH"),
            (["--panel", "640x480x"], "--panel '640x480x' is not WxH"),
            (["--columns", "0"], "--columns must be 1 to 50"),
            (["--out", dir + "/t.gif"], "cannot tell the format"),
            (["--out", dir + "/t.apng", "--size", "14400x14400"], "--size:"),
        ] {
            let run = try Fixtures.conflictmap(["timeline", folder] + args)
            #expect(run.status != 0 && run.errors.contains(message), "\(args): \(run.errors)")
        }
        // A stray date decades away is refused before any map is made.
        let stray = Data("""
            {"id":"a","title":"Rebels seize Kidal","date":"1990-01-01","text":"Rebels seized Kidal in northern Mali."}
            {"id":"b","title":"Army retakes Kidal","date":"2023-11-14","text":"Mali's army recaptured Kidal on Tuesday."}

            """.utf8)
        let long = try Fixtures.conflictmap(["timeline", "-", "--out", dir + "/s.png"], input: stray)
        #expect(long.status != 0 && long.errors.contains("more than the 400 a timeline may have"), "\(long.errors)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/s.png"))
    }
}
