import Foundation
import Gazetteer
import Geo

/// Why a partial result cannot be read or merged.
public enum PartialFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Written by a newer ConflictMap, in a format this one does not know.
    case newerVersion(Int)
    /// A format version that never existed (0 or negative).
    case unknownVersion(Int)
    /// A JSON object, but not a partial result (no `format_version`).
    case notPartial
    /// The final analysis `conflictmap analyze` writes, not a partial result.
    case finalAnalysis
    /// Not JSON, or JSON of the wrong shape.
    case malformed(String)
    /// The input ends inside the partial result.
    case truncated(bytes: Int)
    /// The input holds no partial result at all.
    case empty
    /// Well-formed, but its records contradict each other.
    case inconsistent(String)
    /// Two batches read with different settings.
    case settingsDiffer(String, String)
    /// Two different reports with one path and id.
    case reportDiffers(id: String, path: String)

    public var description: String {
        switch self {
        case .newerVersion(let v):
            return "written by a newer conflictmap (partial format \(v); this one reads format \(PartialAnalysis.currentFormatVersion) and older); "
                + "upgrade conflictmap where the partial results are merged"
        case .unknownVersion(let v):
            return "has partial format \(v), which does not exist (this conflictmap reads format \(PartialAnalysis.currentFormatVersion))"
        case .notPartial:
            return "is not a partial result: it has no \"format_version\" (write one with: conflictmap analyze --partial)"
        case .finalAnalysis:
            return "is a final analysis (conflictmap analyze), not a partial result: it cannot be merged; write partial results with: conflictmap analyze --partial"
        case .malformed(let why):
            return "is not a valid partial result: \(why)"
        case .truncated(let bytes):
            return "is truncated: the partial result ends after \(bytes) bytes, before its closing brace (was it cut off while being written?)"
        case .empty:
            return "holds no partial result (it is empty)"
        case .inconsistent(let why):
            return "is not a valid partial result: \(why)"
        case .settingsDiffer(let a, let b):
            return "was read with different settings (gazetteer, actor profiles, --region or --date: \(b) here, \(a) before); "
                + "analyse every batch with the same ones"
        case .reportDiffers(let id, let path):
            return "holds report \(id) (\(path)) with other contents than an earlier partial result: two different reports share a path and an id "
                + "(reports on standard input without an \"id\" are numbered by line in every batch: give each an \"id\", or use --stdin-format files)"
        }
    }
}

/// A partial result that cannot be read or merged, with where it came from.
public struct PartialAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The input: a file's path, or "standard input".
    public var source: String
    /// The line the partial result starts on, or the line of what is wrong in it, when known.
    public var line: Int?
    /// The column (in characters, from 1) of what is wrong, when it is one place in the JSON.
    public var column: Int?
    public var problem: PartialFormatError

    public init(source: String, line: Int? = nil, column: Int? = nil, problem: PartialFormatError) {
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        var place = line.map { "\(source), line \($0)" } ?? source
        if let column { place += ", column \(column)" }
        return "\(place): \(problem)"
    }
}

/// A coding key for any name.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

extension PartialAnalysis {
    /// The partial result as one line of JSON (keys sorted, so equal values give equal bytes), ending with a newline.
    ///
    /// Written directly, byte for byte what `JSONEncoder` writes with `.sortedKeys` and
    /// `.withoutEscapingSlashes` (a test holds the two together) but about ten times faster: partial
    /// results are large (three bytes for every byte of reports) and every batch and merge writes one.
    public func jsonLine() throws -> Data {
        var w = CanonicalJSONWriter()
        w.bytes.reserveCapacity(documents.reduce(4096) { $0 + 1024 + $1.signature.count * 11 + ($1.mentions.count + $1.claims.count) * 320 })
        w.open("{")
        w.key("actors", first: true)
        w.actors(actors)
        w.key("documents")
        w.array(documents) { w, d in w.document(d) }
        w.key("format_version"); w.int(formatVersion)
        w.key("places")
        try w.places(places)
        if let settings { w.key("settings"); w.string(settings) }
        w.close("}")
        w.bytes.append(0x0A)
        return Data(w.bytes)
    }

    /// The partial result as `JSONEncoder` writes it (the definition ``jsonLine()`` must match).
    func encoderJSONLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads every partial result in an input: one or more JSON objects, usually one a line (as
    /// `conflictmap analyze --partial` and `conflictmap merge` write them), in the order given.
    ///
    /// Refuses, naming the input and the line, an input that is empty, a partial result that is
    /// cut off (truncated), not JSON or not a partial result (malformed), from a newer format
    /// version, or whose records contradict each other.
    public static func read(_ data: Data, source: String) throws(PartialAnalysisError) -> [PartialAnalysis] {
        try readInputs(data, source: source).map(\.partial)
    }

    /// Like ``read(_:source:)``, keeping the source and line of each partial result.
    public static func readInputs(_ data: Data, source: String) throws(PartialAnalysisError) -> [Input] {
        let values: [JSONSpan]
        do { values = try JSONSpan.split(data) } catch let e as JSONSpan.SplitError {
            throw PartialAnalysisError(source: source, line: e.line, problem: e.problem)
        } catch {
            throw PartialAnalysisError(source: source, problem: .malformed("\(error)"))
        }
        if values.isEmpty { throw PartialAnalysisError(source: source, problem: .empty) }
        var out: [Input] = []
        out.reserveCapacity(values.count)
        for v in values {
            do {
                out.append(Input(partial: try JSONDecoder().decode(PartialAnalysis.self, from: data[v.range]), source: source, line: v.line))
            } catch let e as PartialFormatError {
                throw PartialAnalysisError(source: source, line: v.line, problem: e)
            } catch let e as DecodingError {
                throw located(e, in: data, span: v, source: source) { .malformed($0) }
            } catch {
                throw PartialAnalysisError(source: source, line: v.line, problem: .malformed("\(error)"))
            }
        }
        return out
    }

    /// A decoding error with the line and column of what is wrong: the first syntax error, or the
    /// value at the error's coding path (the start of the object missing a key).
    static func located(_ error: DecodingError, in data: Data, span: JSONSpan, source: String, _ problem: (String) -> PartialFormatError)
        -> PartialAnalysisError {
        var why = explain(error)
        var codingPath: [any CodingKey] = []
        switch error {
        case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): codingPath = c.codingPath
        @unknown default: break
        }
        let found: (offset: Int, line: Int, column: Int)? = data[span.range].withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var offset: Int?
            if case .dataCorrupted(let c) = error, c.codingPath.isEmpty, let syntax = JSONLocator.syntaxError(in: bytes) {
                offset = syntax.offset
                why = "not valid JSON: \(syntax.reason)"
            } else if !codingPath.isEmpty {
                offset = JSONLocator.offset(of: codingPath, in: bytes)
            }
            guard let offset else { return nil }
            let p = JSONLocator.position(of: offset, in: bytes, firstLine: span.line)
            return (offset, p.line, p.column)
        }
        guard let found else { return PartialAnalysisError(source: source, line: span.line, problem: problem(why)) }
        return PartialAnalysisError(source: source, line: found.line, column: found.column, problem: problem(why))
    }

    /// A decoding error in words: what was wrong, and where in the JSON.
    static func explain(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = context.codingPath.isEmpty ? "" : " in \(path(context.codingPath))"
            return "\"\(key.stringValue)\" is missing\(at)"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(Self.typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, not \(Self.typeName(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying = context.underlyingError.map { " (\($0))" } ?? ""
                return "not valid JSON\(underlying)"
            }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a \(name)"
        }
    }
}

/// The top-level JSON values in a stream of them, found without parsing them: strings (with their
/// escapes) are skipped and brackets counted, so that a value cut off anywhere is told apart from
/// a malformed one.
struct JSONSpan {
    var range: Range<Data.Index>
    /// The line the value starts on (1-based).
    var line: Int

    struct SplitError: Error {
        var line: Int
        var problem: PartialFormatError
    }

    static func split(_ data: Data) throws(SplitError) -> [JSONSpan] {
        let result = data.withUnsafeBytes { raw in split(raw.bindMemory(to: UInt8.self), base: data.startIndex) }
        return try result.get()
    }

    /// The values in a buffer; their ranges are offsets from `base`.
    static func split(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> Result<[JSONSpan], SplitError> {
        var spans: [JSONSpan] = []
        var line = 1
        var i = 0
        let end = bytes.count
        // A UTF-8 byte order mark at the start is allowed.
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < end {
            let b = bytes[i]
            if b == 0x0A { line += 1; i += 1; continue }
            if b == 0x20 || b == 0x09 || b == 0x0D { i += 1; continue }
            guard b == UInt8(ascii: "{") else {
                let shown = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<min(end, i + 20)]), as: UTF8.self)
                    .prefix { $0 != "\n" && $0 != "\r" }
                return .failure(SplitError(line: line, problem: .malformed("expected a JSON object (\"{\"), found \"\(shown)\"")))
            }
            let start = i
            let startLine = line
            var depth = 0
            var closed = false
            while i < end {
                let c = bytes[i]
                i += 1
                switch c {
                case 0x0A: line += 1
                case 0x22:
                    // A string: skip to its closing quote, stepping over escapes.
                    while i < end {
                        let d = bytes[i]
                        i += 1
                        if d == 0x5C { i += 1 } else if d == 0x22 { break } else if d == 0x0A { line += 1 }
                    }
                    if i > end { i = end }
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 { closed = true }
                default: break
                }
                if closed { break }
            }
            guard closed else { return .failure(SplitError(line: startLine, problem: .truncated(bytes: end - start))) }
            spans.append(JSONSpan(range: (base + start)..<(base + i), line: startLine))
        }
        return .success(spans)
    }
}

// MARK: - What the reports were read with

extension Analyzer {
    /// A fingerprint of what reports are read with: the gazetteer, the actor profiles, the region,
    /// the default date and the shingle length. Partial results with different settings are not merged.
    public var settings: String {
        var h = StableHasher()
        h.add(box.gazetteerFingerprint)
        h.add(actors.canonicalJSON)
        h.add(region?.id ?? "")
        h.add(defaultDate ?? "")
        h.add(UInt64(clusterer.shingleWords))
        return "v1-" + h.hex
    }
}

// MARK: - Reading an analysis for drawing

extension Analysis {
    /// Reads what `conflictmap analyze` (JSON) or `conflictmap analyze --partial` and
    /// `conflictmap merge` write: a final analysis, or one or more partial results (merged, then
    /// finalised).
    public static func read(_ data: Data, source: String) throws(PartialAnalysisError) -> Analysis {
        let values: [JSONSpan]
        do { values = try JSONSpan.split(data) } catch let e as JSONSpan.SplitError {
            throw PartialAnalysisError(source: source, line: e.line, problem: e.problem)
        } catch {
            throw PartialAnalysisError(source: source, problem: .malformed("\(error)"))
        }
        guard let first = values.first else { throw PartialAnalysisError(source: source, problem: .empty) }
        // A partial result has a "format_version"; the final analysis has none.
        struct Probe: Decodable { var format_version: Int? }
        let probe = try? JSONDecoder().decode(Probe.self, from: data[first.range])
        if probe?.format_version != nil || values.count > 1 {
            return try PartialAnalysis.merge(PartialAnalysis.readInputs(data, source: source)).finalize()
        }
        do {
            return try JSONDecoder().decode(Analysis.self, from: data[first.range])
        } catch let e as DecodingError {
            throw PartialAnalysis.located(e, in: data, span: first, source: source) {
                .malformed("neither a partial result nor an analysis from conflictmap analyze (\($0))")
            }
        } catch {
            throw PartialAnalysisError(source: source, line: first.line, problem: .malformed("\(error)"))
        }
    }
}
