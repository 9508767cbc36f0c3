import Foundation
import Geo

/// Reports given as JSON (one object or an array) or JSON Lines, with `title`, `text`, `url`, `date` and `outlet`.
enum JSONReports {
    static func parse(_ text: String, path: String, baseID: String) -> ([Report], [AggregatorError]) {
        var reports: [Report] = []
        var warnings: [AggregatorError] = []
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
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
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let body = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if body.isEmpty { continue }
            do {
                let value = try JSONValue.parse(body)
                switch report(from: value, path: path, id: "\(baseID)#\(n + 1)") {
                case .success(let r): reports.append(r)
                case .failure(let e): warnings.append(AggregatorError(file: path, line: n + 1, reason: "\(e.reason); skipped"))
                }
            } catch {
                warnings.append(AggregatorError(file: path, line: n + 1, reason: "not valid JSON (\(error.reason)); line skipped"))
            }
        }
        return (reports, warnings)
    }

    static func report(from value: JSONValue, path: String, id: String) -> Result<Report, AggregatorError> {
        guard case .object = value else { return .failure(AggregatorError(reason: "a report must be a JSON object")) }
        guard let body = value["text"]?.stringValue ?? value["body"]?.stringValue ?? value["content"]?.stringValue,
            !body.isEmpty else {
            return .failure(AggregatorError(reason: "the report has no \"text\""))
        }
        let title = value["title"]?.stringValue ?? ""
        let reportID = value["id"]?.stringValue ?? value["id"]?.intValue.map(String.init) ?? id
        let date = (value["date"]?.stringValue).flatMap(ReportDate.normalize)
        return .success(Report(
            id: reportID, path: path, title: title, text: body, date: date,
            outlet: value["outlet"]?.stringValue ?? value["source"]?.stringValue, url: value["url"]?.stringValue))
    }
}

/// Dates in report metadata.
public enum ReportDate {
    /// `YYYY-MM-DD` from an ISO 8601 date or date-time, or `nil`.
    public static func normalize(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts = t.prefix(10).split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d), y > 1800 else { return nil }
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
            title = decodeEntities(String(html[open.upperBound..<close.lowerBound])).trimmingCharacters(in: .whitespacesAndNewlines)
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
