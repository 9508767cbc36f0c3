import Foundation
import Geo

/// One news report: its text and what is known about where it came from.
public struct Report: Sendable, Hashable, Codable {
    /// A short stable id (the file name without extension, or the JSON `id`).
    public var id: String
    /// Where it was read from.
    public var path: String
    public var title: String
    /// The text that was scanned; mention offsets count Unicode code points into it. For a plain-text
    /// file it is the whole file, title line included, so offsets point into the file as it is.
    public var text: String
    /// Publication date, `YYYY-MM-DD`, when known.
    public var date: String?
    public var outlet: String?
    public var url: String?
    /// Where ``date`` was found (see ``ReportDating``); `nil` when undated or set by the caller.
    public var dateSource: DateSource?

    public init(id: String, path: String, title: String, text: String, date: String? = nil, outlet: String? = nil, url: String? = nil,
                dateSource: DateSource? = nil) {
        self.id = id
        self.path = path
        self.title = title
        self.text = text
        self.date = date
        self.outlet = outlet
        self.url = url
        self.dateSource = dateSource
    }
}

/// What went wrong in the aggregator, naming the file and what to do.
public struct AggregatorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var reason: String
    public var hint: String?

    public init(file: String? = nil, line: Int? = nil, reason: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.hint = hint
    }

    public var description: String {
        var loc = file ?? ""
        if let line { loc += loc.isEmpty ? "line \(line)" : ":\(line)" }
        var text = loc.isEmpty ? reason : "\(loc): \(reason)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// What standard input (`-`) holds.
public enum StandardInputFormat: String, Sendable, CaseIterable {
    /// Reports: JSON Lines (or a JSON array) when it starts with `{` or `[`, else one plain-text report.
    case reports
    /// Files, one JSON object a line (see ``ReportReader/parseFileRecords(_:)``).
    case files
}

/// Reads reports from files and folders, warning about (not failing on) files it cannot use.
///
/// There is no size limit: ``stream(paths:warning:report:)`` reads JSON Lines line by line and
/// other files one at a time, and hands on each report as it is read.
public struct ReportReader: Sendable {
    /// What `-` (standard input) holds.
    public var standardInput: StandardInputFormat

    public init(standardInput: StandardInputFormat = .reports) {
        self.standardInput = standardInput
    }

    /// Reads every report under the given paths (files or folders, searched recursively).
    ///
    /// Returns the reports in path order and one warning per file that was skipped or repaired.
    /// Every report is held: ``stream(paths:warning:report:)`` reads them one at a time.
    public func read(paths: [String]) throws(AggregatorError) -> (reports: [Report], warnings: [AggregatorError]) {
        var reports: [Report] = []
        var warnings: [AggregatorError] = []
        try stream(paths: paths, warning: { warnings.append($0) }, report: { reports.append($0) })
        return (reports, warnings)
    }

    /// Reports given on standard input: JSON Lines (or a JSON array) when it starts with `{` or `[`,
    /// else one plain-text report. Their path is `-`.
    public func parseStandardInput(_ data: Data) -> ([Report], [AggregatorError]) {
        let head = data.prefix(4096).first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        let (reports, warnings) = parse(data, path: head == UInt8(ascii: "{") || head == UInt8(ascii: "[") ? "stdin.jsonl" : "stdin.txt")
        return (reports.map { var r = $0; r.path = "-"; return r }, warnings.map { var w = $0; w.file = "standard input"; return w })
    }

    /// Files given on standard input, one JSON object a line: `{"path": P, "text": T}`, or
    /// `{"path": P, "base64": B}` for bytes that are not UTF-8. Each is read exactly as the file P
    /// would be (its format from its extension, its reports' ids from its name), so that a
    /// folder's files sent in any batches give the same reports as the folder.
    ///
    /// A line that is not such a record is an error, not a warning: it means the input was damaged
    /// on the way, and skipping it would silently drop reports.
    public func parseFileRecords(_ data: Data) throws(AggregatorError) -> ([Report], [AggregatorError]) {
        var reports: [Report] = []
        var warnings: [AggregatorError] = []
        try streamFileRecords(ByteLineReader(bytes: [UInt8](data), name: "standard input"),
                              warning: { warnings.append($0) }, report: { reports.append($0) })
        return (reports, warnings)
    }

    static let readableExtensions: Set<String> = ["txt", "text", "md", "html", "htm", "json", "jsonl", "ndjson"]

    /// Parses one file's bytes into reports, as ``stream(paths:warning:report:)`` reads the file.
    public func parse(_ data: Data, path: String) -> ([Report], [AggregatorError]) {
        var reports: [Report] = []
        var warnings: [AggregatorError] = []
        let bytes = [UInt8](data)
        do {
            try streamFile(path: path, open: { ByteLineReader(bytes: bytes, name: path) },
                           warning: { warnings.append($0) }, report: { reports.append($0) })
        } catch {
            warnings.append(error)  // bytes in memory cannot fail to be read
        }
        return (reports, warnings)
    }

    /// A file read whole: plain text, HTML, or (for a JSON array) JSON.
    func parseWhole(_ bytes: [UInt8], path: String) -> ([Report], [AggregatorError]) {
        var warnings: [AggregatorError] = []
        if bytes.isEmpty {
            return ([], [AggregatorError(file: path, reason: "the file is empty; skipped")])
        }
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            warnings.append(AggregatorError(file: path, reason: "is not valid UTF-8; bad bytes were replaced with �", hint: "save the file as UTF-8"))
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if TextRepair.looksLikeMojibake(text) {
            text = TextRepair.repairMojibake(text)
            warnings.append(AggregatorError(file: path, reason: "looks like mis-decoded UTF-8 (mojibake); repaired where possible"))
        }
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "json", "jsonl", "ndjson":
            let (reports, w) = JSONReports.parse(text, path: path, baseID: base)
            return (reports, warnings + w)
        case "html", "htm":
            let plain = HTMLText.extract(text)
            var report = Self.plainReport(plain.text, title: plain.title, id: base, path: path)
            // The markup's date (read from the raw page: the text leaves scripts out) wins over the text's.
            if let found = ReportDating.htmlMetadata(text) { (report.date, report.dateSource) = (found.date, found.source) }
            return ([report], warnings)
        default:
            return ([Self.plainReport(text, title: nil, id: base, path: path)], warnings)
        }
    }

    /// A plain-text report: the first non-empty line is the title; the text keeps every line. Its
    /// date comes from its text or its file's name (see ``ReportDating/resolve(text:path:given:)``).
    static func plainReport(_ text: String, title: String?, id: String, path: String) -> Report {
        let firstLine = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }
        let title = title ?? firstLine.map { $0.trimmedSpaces } ?? ""
        let dated = ReportDating.resolve(text: text, path: path)
        return Report(id: id, path: path, title: title, text: text, date: dated?.date, outlet: OutletFinder.outlet(title: title, text: text),
                      dateSource: dated?.source)
    }
}

/// Finds the outlet of a plain-text report from how news text marks it, or nothing.
///
/// Only three unambiguous forms count: a title ending in " | Outlet" or " - Outlet"; a line
/// that is just a dateline, "CNN —"; and a wire dateline, "KABUL (Reuters) -". An outlet the text
/// merely cites ("CNN reported") is not the report's own.
enum OutletFinder {
    static func outlet(title: String, text: String) -> String? {
        for separator in [" | ", " – ", " — ", " - "] {
            if let range = title.range(of: separator, options: .backwards) {
                let tail = title[range.upperBound...].trimmedSpaces
                if looksLikeOutlet(tail) { return tail }
            }
        }
        for line in text.split(whereSeparator: \.isNewline).prefix(12) {
            let l = line.trimmedSpaces
            // "CNN —" or "CNN  — " on a line of its own.
            for dash in ["—", "–", "-"] where l.hasSuffix(dash) {
                let name = l.dropLast(dash.count).trimmedSpaces
                if looksLikeOutlet(name) { return name }
            }
            // "KABUL, Sept 3 (Reuters) -"
            if let open = l.firstIndex(of: "("), let close = l[open...].firstIndex(of: ")"), l.distance(from: l.startIndex, to: open) < 40 {
                let name = String(l[l.index(after: open)..<close])
                let after = l[l.index(after: close)...].trimmedSpaces
                // The dash stands apart ("(Reuters) - The…"), not joined to a word: "(HTS)-led rebels" is no dateline.
                let spaced = after.dropFirst().first.map(\.isWhitespace) ?? true
                if ["-", "—", "–"].contains(where: { after.hasPrefix($0) }), spaced, looksLikeOutlet(name) { return name }
            }
        }
        return nil
    }

    /// One to four capitalised words, no sentence punctuation, at most 30 characters.
    static func looksLikeOutlet(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard !s.isEmpty, s.count <= 30, (1...4).contains(words.count) else { return false }
        guard !s.contains(where: { ".,;:!?\"“”".contains($0) }) else { return false }
        return words.allSatisfy { $0.first?.isUppercase == true || $0.first?.isNumber == true }
    }
}
