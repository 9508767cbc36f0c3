import Aggregator
@testable import ConflictMapKit
import Foundation
import FoundationXML
import Gazetteer
import Geo
import Renderer
import Testing
import TestSupport

/// The project's gazetteer and actor profiles as the library loads them, once per test process.
enum KitFixtures {
    static let request: MapRequest = {
        var r = MapRequest()
        r.projectRoot = Fixtures.root
        return r
    }()

    static let project: MapProject = {
        do { return try ConflictMap.loadProject(request) } catch { fatalError("the project did not load: \(error)") }
    }()

    static func reports(_ folder: String) throws -> [Report] {
        try ReportReader().read(paths: [Fixtures.root + "/Examples/" + folder]).reports
    }

    /// An example's analysis, map model and HTML report.
    static func report(_ folder: String) throws -> (reports: [Report], analysis: Analysis, model: MapModel, html: String) {
        let reports = try reports(folder)
        let analysis = try ConflictMap.analyze(reports, project: project, request: request)
        let (html, model) = try ConflictMap.report(analysis: analysis, reports: reports, project: project, options: request)
        return (reports, analysis, model, String(decoding: html, as: UTF8.self))
    }

    static let panjshir: (reports: [Report], analysis: Analysis, model: MapModel, html: String) = {
        do { return try report("panjshir-2021") } catch { fatalError("the Panjshir report failed: \(error)") }
    }()
}

/// Every match of a regular expression's first group.
func matches(_ pattern: String, in text: String, group: Int = 1) -> [String] {
    guard let re = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]) else { return [] }
    let ns = text as NSString
    return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
        m.range(at: group).location == NSNotFound ? nil : ns.substring(with: m.range(at: group))
    }
}

/// The text between two markers.
func section(_ text: String, from start: String, to end: String) -> String {
    guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
    return String(text[a.upperBound..<b.lowerBound])
}

@Suite("ConflictMapKit: a map in one call, and the HTML report")
struct ConflictMapKitTests {
    @Test("ConflictMap.map gives the PNG the drawing code gives from the same steps done by hand")
    func facadeEqualsDrawingCode() throws {
        let reports = try KitFixtures.reports("panjshir-2021")
        let png = try ConflictMap.map(reports: reports, options: KitFixtures.request)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))

        // By hand: the gazetteer, the profiles, the analysis, each side's colour, the outlines near
        // the map, the relief grid.
        let actors = try ActorProfiles.load(from: Fixtures.root + "/Actors")
        let analysis = Analyzer(gazetteer: Fixtures.gazetteer, actors: actors).analyze(reports)
        var options = MapOptions()
        for profile in actors.profiles {
            for side in profile.sides where options.actorColors[side.name] == nil { options.actorColors[side.name] = RGBA(hex: side.colour) }
        }
        let near = MapBuilder.neighbourhood(of: analysis, options: options)
        let boundaries = try BoundarySet.load(from: Fixtures.gazetteerPath + "/boundaries", within: near)
        let lines = try BaseMapLines.load(from: Fixtures.gazetteerPath + "/basemap", within: near)
        let relief = try ReliefGrid.load(from: Fixtures.gazetteerPath + "/basemap/relief.bin")
        let model = try MapBuilder(analysis: analysis, gazetteer: Fixtures.gazetteer, boundaries: boundaries, lines: lines,
                                   relief: relief, options: options).build()
        #expect(model.layout.elements.contains { $0.kind == .attribution && ($0.text ?? "").contains("Relief: GMTED2010") })
        #expect(png == (try MapDrawer.render(model, format: .png)))
    }

    @Test("The library names no option: an unknown focus is an error case with the nearest names")
    func unknownFocus() throws {
        var request = KitFixtures.request
        request.focus = "Narnia"
        #expect(throws: ConflictMapError.self) { try ConflictMap.model(of: KitFixtures.panjshir.analysis, project: KitFixtures.project, request: request) }
        do {
            _ = try ConflictMap.model(of: KitFixtures.panjshir.analysis, project: KitFixtures.project, request: request)
        } catch {
            guard case .unknownPlace(let name, let use, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(name == "Narnia" && use == .focus)
            #expect(!error.description.contains("--"))
        }
    }

    @Test("The report holds the inline SVG and a claims table with the map's claim ids and numbers")
    func claimsTableMatchesMap() throws {
        let (_, analysis, model, html) = KitFixtures.panjshir
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta charset=\"utf-8\"/>") && html.contains("<title>"))
        #expect(html.contains("<svg class=\"map\" role=\"group\" aria-label=\"Panjshir Valley: places named in the reports\" xmlns="))
        #expect(!html.contains("<?xml"))
        let table = section(html, from: "<table class=\"claims\">", to: "</table>")
        let tableIDs = Set(matches("<tr[^>]* data-claim=\"([^\"]+)\"", in: table))
        #expect(tableIDs == Set(analysis.claims.map(\.claimID)))
        #expect(!tableIDs.isEmpty)
        // The layout JSON's ids (panel rows and badges) and the drawn SVG's data-claim, all in the table.
        let rows = model.layout.elements.filter { $0.kind == .claimRow }.compactMap(\.claim)
        let badges = model.layout.elements.flatMap { $0.claims ?? [] }
        #expect(!rows.isEmpty)
        #expect(Set(rows + badges).isSubset(of: tableIDs))
        let svg = String(decoding: try MapDrawer.render(model, format: .svg), as: UTF8.self)
        let svgIDs = Set(matches("data-claim=\"([^\"]+)\"", in: svg).flatMap { $0.split(separator: " ").map(String.init) })
        #expect(!svgIDs.isEmpty && svgIDs.isSubset(of: tableIDs))
        // Numbered as on the map: the n-th panel row's id is the row headed n.
        for (i, id) in rows.enumerated() {
            #expect(table.contains("<tr id=\"\(id)\" data-claim=\"\(id)\"><th scope=\"row\">\(i + 1)</th>"), "claim \(i + 1) \(id)")
        }
        // Every hit target is a button a keyboard reaches, named after its place.
        let targets = matches("<(?:circle|path|rect) ([^>]*data-place[^>]*)/>", in: section(html, from: "<g id=\"ids\"", to: "</g>"))
        #expect(!targets.isEmpty)
        #expect(targets.allSatisfy { $0.contains("tabindex=\"0\" role=\"button\" aria-label=\"") })
    }

    @Test("The report loads nothing: no src, href or url() outside the page but links to the sources")
    func selfContained() throws {
        for html in [KitFixtures.panjshir.html, try KitFixtures.report("syria-2024").html] {
            #expect(!html.contains("<link") && !html.contains("<img") && !html.contains("<iframe") && !html.contains("@import"))
            #expect(matches("<script([^>]*)>", in: html).allSatisfy { !$0.contains("src") })
            for tag in matches("(<[a-zA-Z][^>]*>)", in: html) {
                let loads = matches("(?:src|href)\\s*=\\s*\"([^\"]*)\"", in: tag)
                for url in loads where url.hasPrefix("http:") || url.hasPrefix("https:") || url.hasPrefix("//") {
                    #expect(tag.hasPrefix("<a "), "loads \(url): \(tag)")
                }
            }
            #expect(matches("url\\(\\s*['\"]?([^)'\"]*)", in: html).allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("data:") })
        }
    }

    @Test("The report is well-formed XML, its headings go in order and every table header has a scope")
    func wellFormed() throws {
        for html in [KitFixtures.panjshir.html, try KitFixtures.report("syria-2024").html] {
            let parser = XMLParser(data: Data(html.utf8))
            #expect(parser.parse(), "\(String(describing: parser.parserError)) at line \(parser.lineNumber)")
            let levels = matches("<h([1-6])[ >]", in: html).compactMap { Int($0) }
            #expect(levels.first == 1)
            for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "heading h\(b) after h\(a)") }
            #expect(matches("(<th[ >][^>]*>?)", in: html).allSatisfy { $0.contains("scope=") })
            #expect(html.contains("@media print") && html.contains("@page"))
        }
    }

    @Test("HTML Tidy finds neither an error nor a warning in the report",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tidy"), "skipped: tidy is not installed (Scripts/install-deps.sh --test installs it)"))
    func tidy() throws {
        let dir = try Fixtures.temporaryFolder("tidy")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, html) in [("panjshir", KitFixtures.panjshir.html), ("syria", try KitFixtures.report("syria-2024").html)] {
            let path = dir + "/\(name).html"
            try Data(html.utf8).write(to: URL(fileURLWithPath: path))
            let r = try Fixtures.run("/usr/bin/tidy", ["-errors", "-quiet", path])
            #expect(r.status == 0 && r.output.isEmpty, "\(name): \(r.output)")
        }
    }

    @Test("The panel's data quotes each claim's sentence with its place marked, and the report's date")
    func evidence() throws {
        let (_, analysis, model, html) = KitFixtures.panjshir
        let json = section(html, from: "<script type=\"application/json\" id=\"evidence-data\">", to: "</script>")
        let data = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let evidence = try #require(data["evidence"] as? [String: [[String: Any]]])
        for c in analysis.claims {
            let items = evidence[c.place] ?? []
            let quoted = items.contains { item in
                guard item["claim"] as? String == c.claimID, let s = item["sentence"] as? [String: String] else { return false }
                return (s["before"] ?? "") + (s["mark"] ?? "") + (s["after"] ?? "") == c.sentence
            }
            #expect(quoted, "\(c.claimID) \(c.sentence)")
        }
        let marked = evidence.values.joined().compactMap { ($0["sentence"] as? [String: String])?["mark"] }
        #expect(marked.filter { !$0.isEmpty }.count * 10 >= marked.count * 9, "most sentences mark the place")
        // The Panjshir reports are undated: the stamp is the latest date a claim gives.
        #expect(model.layout.dataAsOf == nil)
        let latest = try #require(analysis.claims.compactMap(\.date).max())
        #expect(html.contains("Data as of: unknown, the reports are undated.</strong> The latest date a claim gives is <time datetime=\"\(latest)\">"))
        // Dated reports: the map's "Data as of" line.
        var reports = try KitFixtures.reports("syria-2024")
        for i in reports.indices { reports[i].date = "2024-11-\(28 + i % 3)" }
        let dated = String(decoding: try ConflictMap.report(reports: reports, options: KitFixtures.request), as: UTF8.self)
        #expect(dated.contains("<strong>Data as of <time datetime=\"2024-11-30\">30 November 2024</time></strong>"))
    }

    @Test("Text from the reports is escaped, and only web links become links")
    func escaping() throws {
        var reports = try KitFixtures.reports("panjshir-2021")
        reports[0].title = "<script>alert(1)</script> & \"quotes\""
        reports[0].url = "javascript:alert(1)"
        reports[1].url = "https://example.org/a?b=1&c=<2>"
        let html = String(decoding: try ConflictMap.report(reports: reports, options: KitFixtures.request), as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"))
        #expect(!html.contains("javascript:alert"))
        #expect(html.contains("<a href=\"https://example.org/a?b=1&amp;c=&lt;2&gt;\""))
        #expect(XMLParser(data: Data(html.utf8)).parse())
    }
}

@Suite("Command line: render and report call the library")
struct ReportCommandTests {
    /// Runs the built `conflictmap` in the project folder, keeping standard output and error apart.
    func run(_ arguments: [String], home: String? = nil) throws -> (status: Int32, stdout: Data, stderr: String) {
        let dir = try Fixtures.temporaryFolder("report-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.builtExecutable("conflictmap"))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: home ?? Fixtures.root)
        if let home { process.environment = ProcessInfo.processInfo.environment.merging(["CONFLICTMAP_HOME": home]) { _, b in b } }
        FileManager.default.createFile(atPath: dir + "/out", contents: nil)
        FileManager.default.createFile(atPath: dir + "/err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/err"))
        try process.run()
        process.waitUntilExit()
        let out = try Data(contentsOf: URL(fileURLWithPath: dir + "/out"))
        let err = (try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? ""
        return (process.terminationStatus, out, err)
    }

    @Test("render --out map.png writes the PNG ConflictMap.map gives")
    func renderIsTheLibrary() throws {
        let dir = try Fixtures.temporaryFolder("render-kit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(["render", Fixtures.root + "/Examples/syria-2024", "--out", dir + "/m.png", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let png = try ConflictMap.map(reports: try KitFixtures.reports("syria-2024"), options: KitFixtures.request)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/m.png")) == png)
    }

    @Test("report --out - writes the library's HTML to standard output; --out FILE says so on standard error")
    func reportCommand() throws {
        let r = try run(["report", Fixtures.examplesPath, "--out", "-"])
        #expect(r.status == 0, "\(r.stderr)")
        // Cairo numbers its SVG surfaces, and the images painted from them (the relief), with a
        // counter for the whole process ("surface14" in a process that has drawn other maps,
        // "surface2" in the command's; "image6"): nothing else may differ.
        func page(_ html: String) -> String {
            html.replacingOccurrences(of: "(surface|image)[0-9]+", with: "$1", options: .regularExpression)
        }
        #expect(page(String(decoding: r.stdout, as: UTF8.self)) == page(KitFixtures.panjshir.html))
        let dir = try Fixtures.temporaryFolder("report-out")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let f = try run(["report", Fixtures.examplesPath, "--out", dir + "/r.html"])
        #expect(f.status == 0 && f.stderr.contains("wrote \(dir)/r.html"), "\(f.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/r.html")) == r.stdout)
        // No --out: Output/<folder>-report.html in the project folder, said on standard error.
        let home = try Fixtures.temporaryFolder("report-home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        for folder in ["Gazetteer", "Actors", "Examples"] {
            try FileManager.default.createSymbolicLink(atPath: home + "/" + folder, withDestinationPath: Fixtures.root + "/" + folder)
        }
        let d = try run(["report"], home: home)
        #expect(d.status == 0 && d.stderr.contains("wrote \(home)/Output/panjshir-2021-report.html"), "\(d.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: home + "/Output/panjshir-2021-report.html")) == r.stdout)
        let bad = try run(["report", Fixtures.examplesPath, "--focus", "Narnia", "--out", dir + "/n.html"])
        #expect(bad.status != 0 && bad.stderr.contains("--focus 'Narnia' is not a place in the gazetteer"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/n.html"))
    }
}

@Suite("The Markdown report")
struct MarkdownReportTests {
    @Test("report --format md writes Markdown and the map beside it: the image link, the claims numbered as on the map, pipe tables with escaped cells")
    func markdown() throws {
        let dir = try Fixtures.temporaryFolder("report-md")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ReportCommandTests().run(["report", Fixtures.root + "/Examples/syria-2024", "--out", dir + "/syria.md", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: dir + "/syria.md", encoding: .utf8)
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/syria.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(md.contains("](syria.png)\n"), "the map's image link")
        #expect(md.contains("**Data as of"))
        // Each claim row's number is the one the map's panel gives its claim id.
        let (reports, analysis, model, _) = try KitFixtures.report("syria-2024")
        _ = reports
        var numbers: [String: Int] = [:]
        for e in model.layout.elements where e.kind == .claimRow {
            if let id = e.claim, numbers[id] == nil { numbers[id] = numbers.count + 1 }
        }
        #expect(!numbers.isEmpty)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("`claim-") }
        #expect(rows.count == analysis.claims.count, "one row per claim as stated")
        for row in rows {
            let cells = row.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            // "| No. | `id` | …": cells[0] is before the first pipe.
            #expect(cells.count == 12, "a row of ten cells: \(row)")
            let id = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            #expect(cells[1] == (numbers[id].map(String.init) ?? "–"), "\(row)")
        }
        // Text from the reports cannot break the table or start markup.
        #expect(MarkdownReport.inline("a | b *c* [d](e)\nf") == "a \\| b \\*c\\* \\[d\\](e) f")
        #expect(MarkdownReport.inline("@SOHR ^1 &amp;") == "\\@SOHR \\^1 \\&amp;")
        #expect(MarkdownReport.urlText("https://x.org/a|b (c)") == "https://x.org/a%7Cb%20%28c%29")
        // A map that would take the Markdown's own name is refused.
        let same = try ReportCommandTests().run(["report", Fixtures.root + "/Examples/syria-2024", "--format", "md", "--out", dir + "/r.png"])
        #expect(same.status != 0 && same.stderr.contains("same name"), "\(same.stderr)")
        // Standard output cannot hold the map beside the Markdown.
        let dash = try ReportCommandTests().run(["report", Fixtures.root + "/Examples/syria-2024", "--format", "md", "--out", "-"])
        #expect(dash.status != 0 && dash.stderr.contains("--format md"), "\(dash.stderr)")
    }
}

@Suite("Examples/swift-library: a program using the library")
struct ExamplePackageTests {
    @Test("It builds against the repository by path and draws the map ConflictMap.map draws",
          // The first build compiles the library anew in its own folder under .build/ (about 1.5 min on 2 cores); later ones are incremental.
          .disabled(if: ProcessInfo.processInfo.environment["CONFLICTMAP_SKIP_EXAMPLE_BUILD"] != nil,
                    "skipped: CONFLICTMAP_SKIP_EXAMPLE_BUILD is set"),
          .timeLimit(.minutes(20)))
    func builds() throws {
        let scratch = Fixtures.root + "/.build/swift-library-example"
        let build = try Fixtures.run("swift", ["build", "--package-path", Fixtures.root + "/Examples/swift-library", "--scratch-path", scratch])
        #expect(build.status == 0, "\(build.output)")
        let dir = try Fixtures.temporaryFolder("swift-library")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Fixtures.run(scratch + "/debug/map-example", [Fixtures.root, dir + "/map.png"])
        #expect(run.status == 0 && run.output.contains("from 5 reports"), "\(run.output)")
        let png = try ConflictMap.map(reports: try KitFixtures.reports("panjshir-2021"), options: KitFixtures.request)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/map.png")) == png)
    }
}
