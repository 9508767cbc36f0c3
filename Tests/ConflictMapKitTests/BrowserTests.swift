import Aggregator
import ConflictMapKit
import Foundation
import Testing
import TestSupport

/// Headless Chromium, started for one test and stopped after it.
final class Browser {
    let process = Process()
    let profile: String
    /// The browser's DevTools WebSocket address.
    let webSocket: String

    static var executable: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(_ executable: String, profile: String) throws {
        self.profile = profile
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--headless=new", "--remote-debugging-port=0", "--user-data-dir=\(profile)", "--no-sandbox", "--disable-gpu",
                             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                             "about:blank"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Chromium writes its port and browser path to DevToolsActivePort once it listens.
        let file = profile + "/DevToolsActivePort"
        let deadline = Date().addingTimeInterval(90)
        var found: String?
        while Date() < deadline, process.isRunning {
            if let text = try? String(contentsOfFile: file, encoding: .utf8) {
                let lines = text.split(separator: "\n").map(String.init)
                if lines.count >= 2, let port = Int(lines[0]), port > 0 {
                    found = "ws://127.0.0.1:\(port)\(lines[1])"
                    break
                }
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        guard let found else {
            process.terminate()
            throw BrowserFailure.noDevTools
        }
        webSocket = found
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: profile)
    }

    enum BrowserFailure: Error { case noDevTools }
}

/// What cdp.py saw in the browser.
struct BrowserRun: Decodable {
    struct Panel: Decodable {
        var place: String?
        var heading: String
        var text: String
        var marks: [String]
    }
    struct Box: Decodable { var x: Double; var y: Double; var w: Double }
    var requests: [String]
    var errors: [String]
    var marker: Box?
    var clicked: Panel?
    var focused: Bool
    var keyed: Panel?
    /// The "Day by day" slider after Home: its value, the days of the panels shown, its label, and
    /// the shown image's decoded width.
    struct Slider: Decodable { var value: String; var shown: [String]; var label: String; var imageWidth: Int }
    var slider: Slider?
    var screenshot: String
    var pdf: String
}

@Suite("Report in a real browser: headless Chromium through the DevTools Protocol")
struct BrowserTests {
    @Test("The report loads with no error and no request, a click and Enter on a marker show its claims, it screenshots and prints",
          .enabled(if: Browser.executable != nil, "skipped: chromium is not installed (Scripts/install-deps.sh --test installs it)"),
          // About 45 s alone; the limit only stops a browser that hangs (the whole suite runs beside it on 2 cores).
          .timeLimit(.minutes(10)))
    func report() throws {
        let chromium = try #require(Browser.executable)
        let dir = try Fixtures.temporaryFolder("report-browser")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, analysis, model, html) = KitFixtures.panjshir
        let page = dir + "/report.html"
        try Data(html.utf8).write(to: URL(fileURLWithPath: page))

        // The two markers whose places have the most claims: one clicked, one reached by keyboard.
        let markers = Set(model.layout.elements.filter { $0.kind == .marker }.compactMap(\.place))
        let counts = Dictionary(grouping: analysis.claims.filter { markers.contains($0.place) }, by: \.place).mapValues(\.count)
        let ranked = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        let clickPlace = try #require(ranked.first), keyPlace = try #require(ranked.dropFirst().first)

        let browser = try Browser(chromium, profile: dir + "/profile")
        defer { browser.stop() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("cdp.py").path
        let url = URL(fileURLWithPath: page).absoluteString
        let result = try Fixtures.run("python3", [script, browser.webSocket, url, clickPlace, keyPlace, dir])
        #expect(result.status == 0, "cdp.py: \(result.output)")
        let run = try JSONDecoder().decode(BrowserRun.self, from: Data((result.output.split(separator: "\n").last.map(String.init) ?? "").utf8))

        // Nothing but the page itself, and no error.
        #expect(run.requests.allSatisfy { $0 == url }, "\(run.requests)")
        #expect(run.requests.contains(url))
        #expect(run.errors.isEmpty, "\(run.errors)")

        // The click shows that place's claims, their sentences and the place's words marked.
        let clicked = try #require(run.clicked, "no marker for \(clickPlace)")
        let name = analysis.places.first { $0.id == clickPlace }?.name
        #expect(clicked.place == clickPlace && clicked.heading == name)
        for c in analysis.claims where c.place == clickPlace {
            #expect(clicked.text.contains(c.sentence), "missing: \(c.sentence)")
        }
        #expect(!clicked.marks.isEmpty)
        let keyed = try #require(run.keyed, "marker for \(keyPlace) not focusable")
        #expect(keyed.place == keyPlace)
        #expect(analysis.claims.filter { $0.place == keyPlace }.allSatisfy { keyed.text.contains($0.sentence) })

        // A PNG screenshot of the page, and a PDF printout of several A4 pages.
        let png = try Data(contentsOf: URL(fileURLWithPath: run.screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && png.count > 50_000)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: run.pdf))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/pdfinfo") {
            let info = try Fixtures.run("pdfinfo", [run.pdf])
            let pages = matches("Pages:\\s+(\\d+)", in: info.output).first.flatMap { Int($0) } ?? 0
            #expect(pages >= 2 && pages <= 40, "\(info.output)")
        }
    }

    @Test("A report on dated reports has a date slider: Home shows the first day's panel, decoded, and says its day",
          .enabled(if: Browser.executable != nil, "skipped: chromium is not installed (Scripts/install-deps.sh --test installs it)"),
          .timeLimit(.minutes(10)))
    func dateSlider() throws {
        let chromium = try #require(Browser.executable)
        let dir = try Fixtures.temporaryFolder("report-slider")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (_, analysis, model, html) = try KitFixtures.report("syria-2024-offensive")
        let days = analysis.days()
        #expect(days.count == 12)
        #expect(matches("<figure class=\"timeline-panel\" data-day=\"([0-9-]+)\"", in: html) == days)
        let page = dir + "/report.html"
        try Data(html.utf8).write(to: URL(fileURLWithPath: page))
        let marker = try #require(model.layout.elements.first { $0.kind == .marker }?.place)
        let browser = try Browser(chromium, profile: dir + "/profile")
        defer { browser.stop() }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("cdp.py").path
        let url = URL(fileURLWithPath: page).absoluteString
        let result = try Fixtures.run("python3", [script, browser.webSocket, url, marker, marker, dir])
        #expect(result.status == 0, "cdp.py: \(result.output)")
        let run = try JSONDecoder().decode(BrowserRun.self, from: Data((result.output.split(separator: "\n").last.map(String.init) ?? "").utf8))
        #expect(run.errors.isEmpty, "\(run.errors)")
        #expect(run.requests.allSatisfy { $0 == url }, "\(run.requests)")
        let slider = try #require(run.slider)
        #expect(slider.value == "0" && slider.shown == ["2024-11-27"] && slider.label == "27 November 2024")
        #expect(slider.imageWidth == 640)
    }
}
