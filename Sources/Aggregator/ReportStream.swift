import Foundation

/// Reading reports one at a time, with no size limit: JSON Lines line by line, other files one at
/// a time. The reports are exactly those ``ReportReader/read(paths:)`` returns, in the same order.
extension ReportReader {
    /// What is called for each report and each warning, in the order they are read.
    public typealias ReportHandler = (Report) throws(AggregatorError) -> Void
    public typealias WarningHandler = (AggregatorError) -> Void

    /// Reads every report under the given paths (files or folders, searched recursively; `-` for
    /// standard input), handing each to `report` as soon as it is read, and each problem with a
    /// file to `warning`. Only the report being read is held (and a JSON array or a plain-text,
    /// HTML or single-object JSON file, which are read whole, one file at a time).
    public func stream(paths: [String], warning: WarningHandler, report: ReportHandler) throws(AggregatorError) {
        for file in try files(paths: paths) {
            if file == "-" {
                if standardInput == .files {
                    try streamFileRecords(ByteLineReader(descriptor: 0, name: "standard input"), warning: warning, report: report)
                } else {
                    try streamStandardInput(warning: warning, report: report)
                }
                continue
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue,
                FileManager.default.isReadableFile(atPath: file) else {
                warning(AggregatorError(file: file, reason: "cannot be read; skipped"))
                continue
            }
            try streamFile(path: file, open: { () throws(AggregatorError) in try ByteLineReader(path: file) }, warning: warning, report: report)
        }
    }

    /// The files the paths name, in reading order: folders searched recursively for readable
    /// extensions (no hidden files), sorted; `-` kept as it is.
    func files(paths: [String]) throws(AggregatorError) -> [String] {
        var files: [String] = []
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw AggregatorError(file: path, reason: "no such file or folder", hint: "give report files, folders, or - for standard input")
            }
            guard isDir.boolValue else {
                files.append(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            var found: [String] = []
            while let rel = enumerator?.nextObject() as? String {
                let full = (path as NSString).appendingPathComponent(rel)
                var sub: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue,
                    Self.readableExtensions.contains((rel as NSString).pathExtension.lowercased()),
                    !(rel as NSString).lastPathComponent.hasPrefix("."), !Self.isFolderNote(rel) {
                    found.append(full)
                }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }

    /// A folder's README (README.md, readme.txt…) describes the reports beside it and is not one of
    /// them; it is read only when named as a file.
    static func isFolderNote(_ relativePath: String) -> Bool {
        ((relativePath as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased() == "readme"
    }

    /// Reports on standard input: copied to a temporary file as they arrive (see
    /// ``StandardInputSpool``), then read as `stdin.jsonl` when they start with `{` or `[`, else
    /// as the plain-text `stdin.txt`. Their path is `-`; warnings name "standard input".
    func streamStandardInput(warning: WarningHandler, report: ReportHandler) throws(AggregatorError) {
        let spool = try StandardInputSpool.spool()
        defer { unlink(spool) }
        let head = try ByteLineReader(path: spool).prefix(4096)
        let first = head.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) }
        let name = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? "stdin.jsonl" : "stdin.txt"
        try streamFile(
            path: name, open: { () throws(AggregatorError) in try ByteLineReader(path: spool) },
            warning: { var w = $0; w.file = "standard input"; warning(w) },
            report: { (r: Report) throws(AggregatorError) in var r = r; r.path = "-"; try report(r) })
    }

    /// Files on standard input, one record a line (see ``parseFileRecords(_:)``), read one at a time.
    func streamFileRecords(_ lines: ByteLineReader, warning: WarningHandler, report: ReportHandler) throws(AggregatorError) {
        struct FileRecord: Decodable {
            var path: String
            var text: String?
            var base64: String?
        }
        let decoder = JSONDecoder()
        var line = 0
        while let chunk = try lines.next() {
            line += 1
            if chunk.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let record: FileRecord
            do { record = try decoder.decode(FileRecord.self, from: Data(chunk)) } catch {
                throw AggregatorError(file: lines.name, line: line, reason: "not a file record ({\"path\": …, \"text\": …})",
                                      hint: "--stdin-format files reads one JSON object a line")
            }
            let bytes: [UInt8]
            if let text = record.text {
                bytes = Array(text.utf8)
            } else if let packed = record.base64, let decoded = Data(base64Encoded: packed) {
                bytes = [UInt8](decoded)
            } else {
                throw AggregatorError(file: lines.name, line: line, reason: "the file record for \(record.path) has no \"text\" or valid \"base64\"")
            }
            try streamFile(path: record.path, open: { ByteLineReader(bytes: bytes, name: record.path) }, warning: warning, report: report)
        }
    }

    /// One file's reports. `path` names it (its format comes from its extension, its reports' ids
    /// from its name); `open` gives its bytes from the start, as often as needed.
    func streamFile(path: String, open: () throws(AggregatorError) -> ByteLineReader, warning: WarningHandler,
                    report: ReportHandler) throws(AggregatorError) {
        let ext = (path as NSString).pathExtension.lowercased()
        guard ext == "json" || ext == "jsonl" || ext == "ndjson" else {
            let (reports, warnings) = parseWhole(try open().rest(), path: path)
            warnings.forEach(warning)
            for r in reports { try report(r) }
            return
        }
        let scan = try TextScan(try open())
        if scan.isEmpty {
            warning(AggregatorError(file: path, reason: "the file is empty; skipped"))
            return
        }
        for w in scan.warnings(path: path) { warning(w) }
        var reader = JSONLinesReader(path: path, repair: scan.mojibake)
        try reader.read(try open(), warning: warning, report: report) { () throws(AggregatorError) in
            Self.decode(try open().rest(), repair: scan.mojibake)
        }
    }

    /// A file's bytes as text: invalid UTF-8 replaced, a byte order mark removed, mojibake repaired
    /// when asked (the warnings are given by whoever decided).
    static func decode(_ bytes: [UInt8], repair: Bool) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return repair ? TextRepair.repairMojibake(text) : text
    }
}

extension ByteLineReader {
    /// Up to `count` bytes from the start of the input.
    func prefix(_ count: Int) throws(AggregatorError) -> [UInt8] {
        var out: [UInt8] = []
        while out.count < count, let line = try next() {
            out.append(contentsOf: line.prefix(count - out.count))
            if out.count < count { out.append(0x0A) }
        }
        return out
    }
}

/// What a first pass over a file finds: whether it is empty, not UTF-8, or mis-decoded (mojibake).
/// Each is decided on the whole file, as when the file is read whole; the pass holds one line.
struct TextScan {
    var isEmpty = true
    var invalidUTF8 = false
    var mojibake = false

    init(_ lines: ByteLineReader) throws(AggregatorError) {
        var first = true
        while let line = try lines.next() {
            isEmpty = false
            // A line holding only the UTF-8 byte order mark keeps the file from being empty, as a whole read does.
            if !invalidUTF8 && !Self.isValidUTF8(line) { invalidUTF8 = true }
            if !mojibake && Self.hasMarker(first ? Self.droppingBOM(line) : line) { mojibake = true }
            first = false
        }
        if lines.bytesRead > 0 { isEmpty = false }
    }

    func warnings(path: String) -> [AggregatorError] {
        var out: [AggregatorError] = []
        if invalidUTF8 {
            out.append(AggregatorError(file: path, reason: "is not valid UTF-8; bad bytes were replaced with �", hint: "save the file as UTF-8"))
        }
        if mojibake {
            out.append(AggregatorError(file: path, reason: "looks like mis-decoded UTF-8 (mojibake); repaired where possible"))
        }
        return out
    }

    static func droppingBOM(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.starts(with: [0xEF, 0xBB, 0xBF]) ? line.dropFirst(3) : line
    }

    static func isValidUTF8(_ line: ArraySlice<UInt8>) -> Bool {
        // ASCII needs no check; `\n` never falls inside a UTF-8 sequence, so lines are checked apart.
        if line.allSatisfy({ $0 < 0x80 }) { return true }
        return String(validating: line, as: UTF8.self) != nil
    }

    /// Whether the bytes hold one of ``TextRepair/mojibakeMarkers`` (none holds `\n`, and every one
    /// is valid UTF-8, so the bytes tell what the decoded text would).
    static func hasMarker(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        let end = line.endIndex
        while i < end {
            if line[i] >= 0xC0 {
                for m in TextRepair.mojibakeMarkers where m.count <= end - i && line[i..<(i + m.count)].elementsEqual(m) {
                    return true
                }
            }
            i += 1
        }
        return false
    }
}
