import Foundation

/// Where a report's date was found.
public enum DateSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// The report's JSON: `date`, `published`, `datePublished` or `published_at`.
    case json
    /// An HTML `<meta>` tag: `article:published_time`, `og:published_time`, `pubdate`, `date`, `DC.date`, `dcterms.created`.
    case htmlMetadata = "html-metadata"
    /// `"datePublished"` in an HTML page's JSON-LD (`<script type="application/ld+json">`).
    case jsonLD = "json-ld"
    /// The first `<time datetime=…>` of an HTML page.
    case timeElement = "time-element"
    /// A line near the top of the text that is a date ("Published: 5 October 2024").
    case dateLine = "date-line"
    /// A wire dateline at the start of a paragraph ("KYIV, Oct 5 (Reuters) –").
    case dateline
    /// The file's name (`2024-11-30_kyiv.txt`, `strikes-20241130.txt`).
    case fileName = "file-name"
    /// The default date given for undated reports.
    case given
}

/// Finds a report's date in what it holds, most trustworthy first: its metadata (JSON keys, HTML
/// `<meta>` tags, JSON-LD, `<time>`), then a date line near the top of its text, then a wire
/// dateline, then its file's name, then the default date given for undated reports.
///
/// A date line or dateline with a day and month but no year takes its year from the file name
/// or the given date, never from a guess; with neither, it is not used.
enum ReportDating {
    /// The date of a report's text and file: a date line, a dateline, the file name, then `given`.
    static func resolve(text: String, path: String?, given: String? = nil) -> (date: String, source: DateSource)? {
        let line = dateLine(text)
        if let d = line?.civil { return (d.iso, .dateLine) }
        let wire = dateline(text)
        if let d = wire?.civil { return (d.iso, .dateline) }
        let named = path.flatMap(fileNameDate)
        if let reference = named ?? CivilDate(given) {
            if let d = line?.anchored(to: reference) { return (d.iso, .dateLine) }
            if let d = wire?.anchored(to: reference) { return (d.iso, .dateline) }
        }
        if let named { return (named.iso, .fileName) }
        if let given = given.flatMap(ReportDate.normalize) { return (given, .given) }
        return nil
    }

    /// A date as metadata writes it: ISO 8601 ("2024-10-05T14:02:00Z"), or as text writes it
    /// ("Sat, 05 Oct 2024 14:02:00 GMT", "October 5, 2024"), with a year; `YYYY-MM-DD`.
    static func value(_ text: String) -> String? {
        if let iso = ReportDate.normalize(text) { return iso }
        var reader = DateTokenReader(DateToken.tokens(Substring(text.prefix(200))))
        guard let date = reader.date(), reader.restIsTime() else { return nil }
        return date.civil?.iso
    }

    // MARK: The file's name

    /// A date in a file's name: `2024-11-30_kyiv`, `kyiv-20241130`, `2024_11_30` (the year from
    /// 1900 to 2100, the day one that exists).
    static func fileNameDate(_ path: String) -> CivilDate? {
        let name = Substring(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        var runs: [(digits: Substring, end: Substring.Index)] = []
        var i = name.startIndex
        while i < name.endIndex {
            guard name[i].isASCII, name[i].isNumber else {
                i = name.index(after: i)
                continue
            }
            let end = name[i...].firstIndex { !($0.isASCII && $0.isNumber) } ?? name.endIndex
            runs.append((name[i..<end], end))
            i = end
        }
        for (k, run) in runs.enumerated() {
            if run.digits.count == 8, let d = civil(run.digits.prefix(4), run.digits.dropFirst(4).prefix(2), run.digits.suffix(2)) {
                return d
            }
            guard run.digits.count == 4, k + 2 < runs.count else { continue }
            let month = runs[k + 1]
            let day = runs[k + 2]
            // Separated by one and the same mark: "2024-11-30", "2024_11_30", "2024.11.30".
            guard run.end < name.endIndex, month.end < name.endIndex, name.index(after: run.end) == month.digits.startIndex,
                name.index(after: month.end) == day.digits.startIndex, name[run.end] == name[month.end],
                "-_.".contains(name[run.end]), month.digits.count == 2, day.digits.count == 2 else { continue }
            if let d = civil(run.digits, month.digits, day.digits) { return d }
        }
        return nil
    }

    static func civil(_ y: Substring, _ m: Substring, _ d: Substring) -> CivilDate? {
        guard let year = Int(y), (1900...2100).contains(year), let month = Int(m), let day = Int(d) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    // MARK: Words

    /// Weekday names and their abbreviations ("Sat", "Tues"), before a date.
    static let weekdays: [String: Int] = ClaimLexicon.weekdays.merging([
        "sun": 1, "mon": 2, "tue": 3, "tues": 3, "wed": 4, "thu": 5, "thur": 5, "thurs": 5, "fri": 6, "sat": 7,
    ]) { a, _ in a }

    static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    /// Words of a time of day and its zone after a date: "at 2:02 p.m. ET", "14:02 GMT".
    static let timeWords: Set<String> = [
        "at", "am", "pm", "a", "p", "m", "h", "hrs", "t", "z", "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "msk", "ist",
        "ast", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct", "pt", "jst", "aest", "aedt", "wat", "cat", "eat",
        "sast", "pkt", "irst", "trt", "local", "time",
    ]

    static let timeMarks: Set<Character> = [":", ".", "+", "-", "–", "—", ",", "(", ")", "/"]

    /// Words before a date line's date that say it is the publication date ("Published on", "Posted:").
    static let publishedLabels: Set<String> = ["published", "posted", "first", "originally", "on", "date", "dated"]
    /// Words before a date line's date that say it is a later revision ("Last updated", "Modified").
    static let updatedLabels: Set<String> = ["updated", "last", "modified", "revised"]
}
