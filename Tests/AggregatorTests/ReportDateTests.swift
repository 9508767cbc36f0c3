@testable import Aggregator
import Foundation
import Testing
import TestSupport

/// Issue 15: a date for every report where one can be found, and where it was found. Metadata
/// first (JSON keys, HTML `<meta>`, JSON-LD, `<time>`), then a date line near the top, a wire
/// dateline, the file's name, and `--date`; a day and month without a year take the year of
/// another source or are not used.
@Suite("Report dates and their sources")
struct ReportDateTests {
    /// The date and its source of the one report a file's bytes hold.
    func dated(_ text: String, path: String) -> (date: String?, source: DateSource?) {
        let (reports, _) = ReportReader().parse(Data(text.utf8), path: path)
        return (reports.first?.date, reports.first?.dateSource)
    }

    static let wireBody = """
        Ukraine says it downed drones over Kyiv overnight

        KYIV, Oct 5 (Reuters) - Ukraine's air defences shot down 20 of the 24 drones Russia launched overnight, \
        the air force said on Saturday, as debris fell on two districts of the capital.

        No casualties were reported, the head of the city's military administration said on Telegram.
        """

    // MARK: JSON

    @Test("JSON reports: \"date\", \"published\", \"datePublished\" or \"published_at\"", arguments: [
        "date", "published", "datePublished", "published_at",
    ])
    func jsonKeys(key: String) {
        let line = "{\"id\": \"afp-1\", \"title\": \"Strikes on Kharkiv\", \"\(key)\": \"2024-10-05T14:02:00Z\", "
            + "\"text\": \"Russian glide bombs struck Kharkiv on Saturday, the regional governor said.\"}\n"
        #expect(dated(line + line.replacingOccurrences(of: "afp-1", with: "afp-2"), path: "feed.jsonl") == ("2024-10-05", .json))
    }

    @Test("A JSON report's own date wins over its dateline and its file's name; without one, its text dates it")
    func jsonPrecedence() throws {
        let body = Self.wireBody.replacingOccurrences(of: "\n", with: "\\n")
        let own = "{\"title\": \"Drones over Kyiv\", \"date\": \"2024-10-06\", \"text\": \"\(body)\"}"
        #expect(dated(own, path: "2024-10-01_kyiv.json") == ("2024-10-06", .json))
        let none = "{\"title\": \"Drones over Kyiv\", \"text\": \"\(body)\"}"
        #expect(dated(none, path: "2024-10-07_kyiv.json") == ("2024-10-05", .dateline))
        let invalid = "{\"title\": \"Drones over Kyiv\", \"date\": \"2021-02-30\", \"text\": \"Debris fell on two districts.\"}"
        #expect(dated(invalid, path: "kyiv.json") == (nil, nil))
    }

    // MARK: HTML

    static func page(head: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Rebels enter Aleppo | Example News</title>
        \(head)
        </head><body>
        <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <article><h1>Rebels enter Aleppo</h1>
        \(body)
        <p>BEIRUT, Nov 29 (Reuters) - Syrian rebels entered Aleppo on Friday, witnesses said, after a lightning advance.</p>
        </article></body></html>
        """
    }

    @Test("HTML <meta> tags: property= or name=, the publication time first", arguments: [
        ("<meta property=\"article:published_time\" content=\"2024-11-30T08:15:00+00:00\">", "2024-11-30"),
        ("<meta name=\"article:published_time\" content=\"2024-11-30T08:15:00Z\" />", "2024-11-30"),
        ("<meta property='og:published_time' content='2024-11-30'>", "2024-11-30"),
        ("<meta name=\"pubdate\" content=\"20241130\"><meta name=\"DC.date\" content=\"2024-11-30\">", "2024-11-30"),
        ("<meta name=\"dcterms.created\" content=\"Sat, 30 Nov 2024 08:15:00 GMT\">", "2024-11-30"),
        ("<meta name=\"date\" content=\"2024-12-02\"><meta property=\"article:published_time\" content=\"2024-11-30T08:15:00Z\">", "2024-11-30"),
    ])
    func metaTags(head: String, expected: String) {
        let html = Self.page(head: head, body: "<p>Published: 1 December 2024</p>")
        #expect(dated(html, path: "aleppo.html") == (expected, .htmlMetadata))
    }

    @Test("JSON-LD's datePublished (read from the script the text leaves out), then the first <time datetime>")
    func jsonLDAndTime() {
        let ld = """
            <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "Aleppo"},
            {"@type": "NewsArticle", "headline": "Rebels enter Aleppo", "datePublished": "2024-11-30T09:00:00Z", "dateModified": "2024-12-01T10:00:00Z"}]}</script>
            """
        let time = "<p class=\"byline\">By Staff <time datetime=\"2024-11-29T22:40:00Z\">29 November 2024</time></p>"
        #expect(dated(Self.page(head: ld, body: time), path: "aleppo.html") == ("2024-11-30", .jsonLD))
        #expect(dated(Self.page(head: "", body: time), path: "aleppo.html") == ("2024-11-29", .timeElement))
        // A <time> with only an hour is passed over for the next one that is a date.
        let hourFirst = "<p><time datetime=\"14:02\">14:02</time> <time datetime=\"2024-11-28\">28 Nov</time></p>"
        #expect(dated(Self.page(head: "", body: hourFirst), path: "aleppo.html") == ("2024-11-28", .timeElement))
    }

    @Test("HTML without metadata is dated by its text: a date line, else its dateline with the file name's year")
    func htmlText() {
        #expect(dated(Self.page(head: "", body: "<p>Published: 1 December 2024</p>"), path: "aleppo.html") == ("2024-12-01", .dateLine))
        #expect(dated(Self.page(head: "", body: ""), path: "2024-12-02-aleppo.html") == ("2024-11-29", .dateline))
        #expect(dated(Self.page(head: "", body: ""), path: "aleppo.html") == (nil, nil))
    }

    // MARK: Plain text

    @Test("A date line near the top, alone or after Published/Updated/Posted", arguments: [
        ("Published: 5 October 2024", "2024-10-05"),
        ("October 5, 2024", "2024-10-05"),
        ("5 Oct 2024 14:02 GMT", "2024-10-05"),
        ("2024-10-05", "2024-10-05"),
        ("Sat 5 Oct 2024", "2024-10-05"),
        ("Posted on Sept. 30, 2024 at 2:02 p.m. ET", "2024-09-30"),
        ("By Olena Harmash | Published 5th October 2024, 09:15 BST", "2024-10-05"),
        ("Updated 6 October 2024 08:00 GMT | Published 5 October 2024 21:40 GMT", "2024-10-05"),
    ])
    func dateLine(line: String, expected: String) {
        let text = "Drones downed over Kyiv\n\n\(line)\n\nUkraine's air defences shot down 20 of the 24 drones launched overnight, the air force said.\n"
        #expect(dated(text, path: "kyiv-drones.txt") == (expected, .dateLine))
    }

    @Test("Published wins over Updated; a Published day without a year takes the Updated year")
    func publishedOverUpdated() {
        let both = "Drones downed over Kyiv\nUpdated: 6 October 2024\nPublished: 5 October 2024\n\nDebris fell on two districts.\n"
        #expect(dated(both, path: "kyiv.txt") == ("2024-10-05", .dateLine))
        let yearless = "Drones downed over Kyiv\nPublished Oct 5 · Updated 6 October 2024\n\nDebris fell on two districts.\n"
        #expect(dated(yearless, path: "kyiv.txt") == ("2024-10-05", .dateLine))
        let updatedOnly = "Drones downed over Kyiv\nLast updated: 6 October 2024\n\nDebris fell on two districts.\n"
        #expect(dated(updatedOnly, path: "kyiv.txt") == ("2024-10-06", .dateLine))
    }

    @Test("Lines that only mention a date are not date lines")
    func notDateLines() {
        let text = """
            Fighting for Pokrovsk enters a third month

            Russian forces have pressed on Pokrovsk since 5 October 2024, officials said.
            The battle began in earnest in August 2024.
            May 2024
            On Oct 5 the army said it had pulled back.
            On 5 October 2024
            """
        #expect(dated(text, path: "pokrovsk.txt") == (nil, nil))
    }

    @Test("A wire dateline with a year", arguments: [
        "BEIRUT, Dec. 1, 2024 (AP) — Israeli strikes hit southern Lebanon on Sunday despite the ceasefire, state media said.",
        "KABUL, Afghanistan, Sept 3, 2021 (Reuters) - Taliban fighters pushed into the Panjshir valley, residents said.",
        "GAZA CITY, Sunday, Dec 1, 2024 (AFP) – Strikes killed at least 12 people, the civil defence agency said.",
    ])
    func datelineWithYear(paragraph: String) throws {
        let text = "Strikes continue\n\n\(paragraph)\n\nMore follows.\n"
        let found = dated(text, path: "wire.txt")
        #expect(found.source == .dateline)
        #expect(found.date == (paragraph.contains("2021") ? "2021-09-03" : "2024-12-01"))
    }

    @Test("A dateline without a year takes the file name's; with no other source it is not used — no year is guessed")
    func datelineWithoutYear() {
        #expect(dated(Self.wireBody, path: "Reports/2024-10-06_reuters-kyiv-drones.txt") == ("2024-10-05", .dateline))
        #expect(dated(Self.wireBody, path: "reuters-kyiv-drones.txt") == (nil, nil))
        // The nearest year to the file's date: a New Year's Eve story filed the next day.
        let eve = "Strikes on Kharkiv\n\nKHARKIV, Dec 31 (Reuters) - Russian glide bombs struck Kharkiv, the governor said.\n"
        #expect(dated(eve, path: "20250101-kharkiv.txt") == ("2024-12-31", .dateline))
        // A day that does not exist in the year it would take is refused.
        let leap = "Strikes on Kharkiv\n\nKHARKIV, Feb 29 (Reuters) - Russian glide bombs struck Kharkiv, the governor said.\n"
        #expect(dated(leap, path: "2023-03-01_kharkiv.txt") == ("2023-03-01", .fileName))
    }

    @Test("A bracketed aside or a joined dash is no dateline")
    func notDatelines() {
        let text = "Myanmar rebels take Lashio\n\nBANGKOK: A Myanmar armed group said on Saturday (Aug 3) that it had captured a command.\n"
            + "Rebels (HTS)-led forces advanced, Oct 5 reports said.\n"
        #expect(dated(text, path: "2024-08-04_lashio.txt") == ("2024-08-04", .fileName))
    }

    // MARK: The file's name

    @Test("A date in the file name", arguments: [
        ("Reports/2024-11-30_aleppo-airport.txt", "2024-11-30"),
        ("aleppo-airport-20241130.txt", "2024-11-30"),
        ("2024_11_30.txt", "2024-11-30"),
        ("2024.02.29 hama.md", "2024-02-29"),
    ])
    func fileName(path: String, expected: String) {
        #expect(dated("Rebels reach Aleppo airport\n\nRebels said they had reached the airport.\n", path: path) == (expected, .fileName))
    }

    @Test("File names with no date, or one that does not exist or is out of range", arguments: [
        "2021-02-30_kabul.txt", "2023-02-29_kabul.txt", "1850-01-01_kabul.txt", "000_bbc7bda9ee3ba03f.txt",
        "report-202411301402.txt", "2024-11-3_kabul.txt", "2024-11_30.txt",
    ])
    func noFileNameDate(path: String) {
        #expect(ReportDating.fileNameDate(path) == nil)
    }

    @Test("Impossible dates in text are refused")
    func invalidTextDates() {
        #expect(dated("Strikes\nPublished: 30 February 2021\n\nText.\n", path: "x.txt") == (nil, nil))
        #expect(dated("Strikes\n\nBEIRUT, Feb. 30, 2024 (AP) — Text.\n", path: "x.txt") == (nil, nil))
        #expect(ReportDating.value("2021-02-30") == nil)
    }

    // MARK: --date

    @Test("--date dates undated reports, and gives its year to a dateline without one")
    func givenDate() throws {
        var analyzer = Analyzer(gazetteer: Fixtures.gazetteer)
        analyzer.defaultDate = "2024-10-07"
        let (reports, _) = ReportReader().parse(Data(Self.wireBody.utf8), path: "kyiv.txt")
        let undated = Report(id: "b", path: "b.txt", title: "Clashes", text: "Clashes\n\nClashes were reported near Kabul on Friday.\n")
        let dated = Report(id: "c", path: "c.txt", title: "Clashes", text: "Clashes near Kabul", date: "2024-10-01", dateSource: .json)
        let docs = analyzer.analyze(reports + [undated, dated]).documents.map { "\($0.id) \($0.date ?? "-") \($0.dateSource?.rawValue ?? "-")" }
        #expect(docs == ["b 2024-10-07 given", "c 2024-10-01 json", "kyiv 2024-10-05 dateline"])
    }

    // MARK: Every path, and the output

    @Test("Read whole, streamed from a folder and sent as file records, the reports get the same dates")
    func everyPathAgrees() throws {
        let dir = try Fixtures.temporaryFolder("dates")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files: [(String, String)] = [
            ("2024-10-06_kyiv.txt", Self.wireBody),
            ("aleppo.html", Self.page(head: "<meta property=\"article:published_time\" content=\"2024-11-30T08:15:00Z\">", body: "")),
            ("feed.jsonl", "{\"id\": \"a\", \"published_at\": \"2024-10-04\", \"text\": \"Shelling hit Kherson.\"}\n"
                + "{\"id\": \"b\", \"text\": \"Kherson\\nPublished: 3 October 2024\\nShelling hit Kherson.\"}\n"),
            ("plain.txt", "Shelling in Kherson\n\nShelling hit Kherson, officials said.\n"),
        ]
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: false, encoding: .utf8) }
        let streamed = try ReportReader().read(paths: [dir]).reports.map { "\($0.id) \($0.date ?? "-") \($0.dateSource?.rawValue ?? "-")" }
        #expect(streamed == ["2024-10-06_kyiv 2024-10-05 dateline", "aleppo 2024-11-30 html-metadata", "a 2024-10-04 json",
                             "b 2024-10-03 date-line", "plain - -"])
        var records = ""
        for (name, text) in files {
            let data = try JSONSerialization.data(withJSONObject: ["path": name, "text": text])
            records += String(decoding: data, as: UTF8.self) + "\n"
        }
        let sent = try ReportReader().parseFileRecords(Data(records.utf8)).0.map { "\($0.id) \($0.date ?? "-") \($0.dateSource?.rawValue ?? "-")" }
        #expect(sent == streamed)
    }

    @Test("Standard input is dated by its text as a file would be; a broken JSON-LD script is passed over")
    func standardInputAndBrokenMarkup() throws {
        let text = "Shelling in Kherson\nPublished: 3 October 2024\n\nShelling hit Kherson, officials said.\n"
        let piped = ReportReader().parseStandardInput(Data(text.utf8)).0.first
        #expect(piped?.path == "-")
        #expect(piped?.date == "2024-10-03" && piped?.dateSource == .dateLine)
        let broken = Self.page(head: "<script type=\"application/ld+json\">{\"datePublished\": \"2024-11-30</script>",
                               body: "<p><time datetime=\"2024-11-29\">29 November</time></p>")
        #expect(dated(broken, path: "aleppo.html") == ("2024-11-29", .timeElement))
    }

    @Test("date_source travels through partial results, and older partials and analyses without it are read")
    func partials() throws {
        let (reports, _) = ReportReader().parse(Data(Self.wireBody.utf8), path: "2024-10-06_kyiv.txt")
        let partial = Analyzer(gazetteer: Fixtures.gazetteer).partial(reports)
        let line = try partial.jsonLine()
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"date\":\"2024-10-05\",\"date_source\":\"dateline\""))
        #expect(text.contains("\"format_version\":2"))
        #expect(line == (try partial.encoderJSONLine()))
        let back = try PartialAnalysis.read(line, source: "test")
        #expect(back.first?.documents.first?.dateSource == .dateline)
        // Format 1, written before date_source: read, undated source.
        let old = text.replacingOccurrences(of: ",\"date_source\":\"dateline\"", with: "")
            .replacingOccurrences(of: "\"format_version\":2", with: "\"format_version\":1")
        let oldDoc = try PartialAnalysis.read(Data(old.utf8), source: "old").first?.documents.first
        #expect(oldDoc?.date == "2024-10-05")
        #expect(oldDoc?.dateSource == nil)
        let summary = try JSONDecoder().decode(DocumentSummary.self, from: Data(
            "{\"id\": \"r\", \"path\": \"r.txt\", \"title\": \"T\", \"date\": \"2024-10-05\", \"source_cluster\": \"r\"}".utf8))
        #expect(summary.dateSource == nil && summary.date == "2024-10-05")
    }

    @Test("analyze --format json writes each report's date and date_source, null when undated")
    func commandLine() throws {
        let dir = try Fixtures.temporaryFolder("dates-cli")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.wireBody.write(toFile: dir + "/2024-10-06_kyiv.txt", atomically: false, encoding: .utf8)
        try "Shelling in Kherson\nPublished: 3 October 2024\n\nShelling hit Kherson, officials said.\n"
            .write(toFile: dir + "/kherson.txt", atomically: false, encoding: .utf8)
        try "Shelling in Odesa\n\nShelling hit Odesa, officials said.\n".write(toFile: dir + "/odesa.txt", atomically: false, encoding: .utf8)
        let run = try Fixtures.conflictmap(["analyze", dir, "--format", "json", "--quiet"])
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        let docs = try #require(json["documents"] as? [[String: Any]])
        let byID = Dictionary(docs.compactMap { d in (d["id"] as? String).map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
        #expect(byID["2024-10-06_kyiv"]?["date"] as? String == "2024-10-05")
        #expect(byID["2024-10-06_kyiv"]?["date_source"] as? String == "dateline")
        #expect(byID["kherson"]?["date_source"] as? String == "date-line")
        #expect(byID["odesa"]?["date_source"] is NSNull)
        #expect(byID["odesa"]?["date"] is NSNull)
        let given = try Fixtures.conflictmap(["analyze", dir + "/odesa.txt", "--date", "2024-10-02", "--quiet"])
        let givenJSON = try #require(try JSONSerialization.jsonObject(with: given.output) as? [String: Any])
        let givenDoc = try #require((givenJSON["documents"] as? [[String: Any]])?.first)
        #expect(givenDoc["date"] as? String == "2024-10-02")
        #expect(givenDoc["date_source"] as? String == "given")
    }
}
