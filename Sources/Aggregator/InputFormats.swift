import Foundation
import Geo

/// Reports given as JSON (one object or an array) or JSON Lines, with `title`, `text`, `url`, `date` (or `published`,
/// `datePublished`, `published_at`) and `outlet`.
enum JSONReports {
    static func parse(_ text: String, path: String, baseID: String) -> ([Report], [AggregatorError]) {
        var reports: [Report] = []
        var warnings: [AggregatorError] = []
        let trimmed = text.trimmedWhitespace
        if trimmed.hasPrefix("[") || (!trimmed.utf8.contains(0x0A) && trimmed.hasPrefix("{")) {
            do {
                let value = try JSONValue.parse(trimmed)
                let items = value.arrayValue ?? [value]
                for (i, item) in items.enumerated() {
                    switch report(from: item, path: path, id: items.count == 1 ? baseID : "\(baseID)#\(i + 1)") {
                    case .success(let r): reports.append(r)
                    case .failure(let e): warnings.append(AggregatorError(file: path, reason: "item \(i + 1): \(e.reason); skipped"))
                    }
                }
            } catch {
                warnings.append(AggregatorError(file: path, reason: "not valid JSON (\(error.reason) at byte \(error.offset)); skipped"))
            }
            return (reports, warnings)
        }
        // Lines end at "\n" bytes (a "\r" before it is trimmed): split as bytes, since a String splits
        // "\r\n" as one character.
        for (n, line) in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            switch self.line(String(Substring(line)).trimmedWhitespace, number: n + 1, path: path, baseID: baseID) {
            case .success(let r?): reports.append(r)
            case .success(nil): break
            case .failure(let w): warnings.append(w)
            }
        }
        return (reports, warnings)
    }

    /// One line of JSON Lines, trimmed: its report, nothing for a blank line, or the warning that
    /// skips it.
    static func line(_ body: String, number n: Int, path: String, baseID: String) -> Result<Report?, AggregatorError> {
        if body.isEmpty { return .success(nil) }
        do {
            let value = try JSONValue.parse(body)
            switch report(from: value, path: path, id: "\(baseID)#\(n)") {
            case .success(let r): return .success(r)
            case .failure(let e): return .failure(AggregatorError(file: path, line: n, reason: "\(e.reason); skipped"))
            }
        } catch {
            return .failure(AggregatorError(file: path, line: n, reason: "not valid JSON (\(error.reason)); line skipped"))
        }
    }

    static func report(from value: JSONValue, path: String, id: String) -> Result<Report, AggregatorError> {
        guard case .object = value else { return .failure(AggregatorError(reason: "a report must be a JSON object")) }
        guard let body = value["text"]?.stringValue ?? value["body"]?.stringValue ?? value["content"]?.stringValue,
            !body.isEmpty else {
            return .failure(AggregatorError(reason: "the report has no \"text\""))
        }
        let title = value["title"]?.stringValue ?? ""
        let reportID = value["id"]?.stringValue ?? value["id"]?.intValue.map(String.init) ?? id
        // The report's own date; else one in its text or its file's name.
        let own = dateKeys.lazy.compactMap { value[$0]?.stringValue.flatMap(ReportDating.value) }.first
        let dated = own.map { (date: $0, source: DateSource.json) } ?? ReportDating.resolve(text: body, path: path)
        return .success(Report(
            id: reportID, path: path, title: title, text: body, date: dated?.date,
            outlet: value["outlet"]?.stringValue ?? value["source"]?.stringValue, url: value["url"]?.stringValue, dateSource: dated?.source))
    }

    /// The keys a report's publication date may have, first first.
    static let dateKeys = ["date", "published", "datePublished", "published_at"]
}

/// JSON Lines read line by line, giving exactly the reports ``JSONReports/parse(_:path:baseID:)``
/// gives for the whole text: a file whose first non-blank line starts with `[`, or that holds one
/// non-blank line starting with `{`, is one JSON value (read whole: `whole`); otherwise every
/// line is a report, named `NAME#LINE` unless it has an `"id"`.
struct JSONLinesReader {
    let path: String
    let baseID: String
    /// Whether the file was found to be mis-decoded (decided on the whole file beforehand).
    let repair: Bool
    /// The first non-blank line, while it is not yet known whether another follows.
    private var held: (number: Int, body: String)?
    private var decided = false

    init(path: String, repair: Bool) {
        self.path = path
        self.baseID = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        self.repair = repair
    }

    mutating func read(_ lines: ByteLineReader, warning: ReportReader.WarningHandler, report: ReportReader.ReportHandler,
                       whole: () throws(AggregatorError) -> String) throws(AggregatorError) {
        var n = 0
        while let bytes = try lines.next() {
            n += 1
            var text = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
            if n == 1 && text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            if repair { text = TextRepair.repairMojibake(text) }
            let body = text.trimmedWhitespace
            if body.isEmpty { continue }
            if !decided {
                if let first = held {
                    decided = true
                    held = nil
                    try emit(first.body, number: first.number, warning: warning, report: report)
                } else if body.hasPrefix("[") {
                    // One JSON array: read whole.
                    return try emitWhole(try whole(), warning: warning, report: report)
                } else if body.hasPrefix("{") {
                    held = (n, body)
                    continue
                } else {
                    decided = true
                }
            }
            try emit(body, number: n, warning: warning, report: report)
        }
        // A single object on one line: named after the file, as a .json file holding one report.
        if let only = held { try emitWhole(only.body, warning: warning, report: report) }
    }

    private func emit(_ body: String, number: Int, warning: ReportReader.WarningHandler, report: ReportReader.ReportHandler) throws(AggregatorError) {
        switch JSONReports.line(body, number: number, path: path, baseID: baseID) {
        case .success(let r?): try report(r)
        case .success(nil): break
        case .failure(let w): warning(w)
        }
    }

    private func emitWhole(_ text: String, warning: ReportReader.WarningHandler, report: ReportReader.ReportHandler) throws(AggregatorError) {
        let (reports, warnings) = JSONReports.parse(text, path: path, baseID: baseID)
        warnings.forEach(warning)
        for r in reports { try report(r) }
    }
}

/// Dates in report metadata.
public enum ReportDate {
    /// `YYYY-MM-DD` from an ISO 8601 date or date-time, or `nil`.
    public static func normalize(_ text: String) -> String? {
        let t = text.trimmedSpaces
        let parts = t.prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), y > 1800, y < 10_000, d >= 1, d <= CivilDate.daysIn(m, y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}

/// Plain text from HTML: scripts, styles and tags removed, entities decoded, blocks on their own lines.
enum HTMLText {
    static func extract(_ html: String) -> (title: String?, text: String) {
        var title: String?
        if let start = html.range(of: "<title", options: .caseInsensitive),
            let open = html.range(of: ">", range: start.upperBound..<html.endIndex),
            let close = html.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<html.endIndex) {
            title = decodeEntities(String(html[open.upperBound..<close.lowerBound])).trimmedWhitespace
        }
        var out = ""
        var i = html.startIndex
        let blockTags: Set<String> = ["p", "br", "div", "h1", "h2", "h3", "h4", "li", "tr", "title", "section", "article", "header", "footer"]
        while i < html.endIndex {
            let c = html[i]
            if c == "<" {
                guard let end = html[i...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: i)..<end].lowercased()
                let name = String(tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }))
                if !tag.hasPrefix("/"), name == "script" || name == "style" || name == "noscript" {
                    if let close = html.range(of: "</\(name)", options: .caseInsensitive, range: end..<html.endIndex),
                        let closeEnd = html[close.upperBound...].firstIndex(of: ">") {
                        i = html.index(after: closeEnd)
                        continue
                    }
                }
                if blockTags.contains(name) { out += "\n" }
                i = html.index(after: end)
                continue
            }
            out.append(c)
            i = html.index(after: i)
        }
        let decoded = decodeEntities(out)
        let lines = decoded.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
        return (title, lines.filter { !$0.isEmpty }.joined(separator: "\n\n"))
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "rsquo": "’", "lsquo": "‘",
            "rdquo": "”", "ldquo": "“", "mdash": "—", "ndash": "–", "hellip": "…",
        ]
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semi = s[i...].prefix(12).firstIndex(of: ";") {
                let entity = String(s[s.index(after: i)..<semi])
                var replacement: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16) {
                    replacement = Unicode.Scalar(v).map { String($0) }
                } else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()) {
                    replacement = Unicode.Scalar(v).map { String($0) }
                } else {
                    replacement = named[entity]
                }
                if let r = replacement {
                    out += r
                    i = s.index(after: semi)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
