import Foundation
import Gazetteer

/// Report records kept in a temporary file while a large input is analysed, so that memory holds
/// only their index: each record is written once, in a compact binary form, and read back (in the
/// canonical order) when the result is written. The file is removed when the spill is freed.
final class RecordSpill: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private(set) var size: Int64 = 0
    private var pending: [UInt8] = []

    init() throws(AggregatorError) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("conflictmap-records-\(getpid())-\(UUID().uuidString)").path
        fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw AggregatorError(file: path, reason: "cannot make a temporary file: \(String(cString: strerror(errno)))",
                                  hint: "set TMPDIR to a folder that can be written")
        }
        unlink(path)  // the open descriptor keeps it; nothing is left behind, whatever happens
    }

    deinit { close(fd) }

    /// Appends a record; returns where it is.
    func append(_ record: DocumentRecord) throws(AggregatorError) -> (offset: Int64, length: Int32) {
        var w = RecordEncoder()
        w.record(record)
        let offset = size + Int64(pending.count)
        guard w.bytes.count < Int(Int32.max) else {
            throw AggregatorError(file: record.path, reason: "report \(record.id) gives a record of \(w.bytes.count >> 20) MB, over 2 GB")
        }
        pending.append(contentsOf: w.bytes)
        if pending.count >= 1 << 20 { try flush() }
        return (offset, Int32(w.bytes.count))
    }

    func flush() throws(AggregatorError) {
        var done = 0
        while done < pending.count {
            let n = pending.withUnsafeBytes { raw in raw.baseAddress.map { pwrite(fd, $0 + done, raw.count - done, off_t(size) + off_t(done)) } ?? 0 }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw AggregatorError(file: path, reason: "cannot write the temporary file: \(String(cString: strerror(errno)))",
                                      hint: "set TMPDIR to a folder with room (it takes about 3 bytes per byte of reports)")
            }
            done += n
        }
        size += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    /// The record at an offset.
    func record(at offset: Int64, length: Int32, parts: RecordDecoder.Parts = .all) throws(AggregatorError) -> DocumentRecord {
        var bytes = [UInt8](repeating: 0, count: Int(length))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { raw in raw.baseAddress.map { pread(fd, $0 + done, raw.count - done, off_t(offset) + off_t(done)) } ?? 0 }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw AggregatorError(file: path, reason: "the temporary file of report records cannot be read back") }
            done += n
        }
        var r = RecordDecoder(bytes: bytes)
        guard let record = r.record(parts) else {
            throw AggregatorError(file: path, reason: "the temporary file of report records is damaged (at byte \(offset))")
        }
        return record
    }
}

/// Writes records as bytes: integers as variable-length (zigzag) numbers, strings with their length.
struct RecordEncoder {
    var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64(v) << 1 ^ Int64(v) >> 63)
        while u >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: u) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optional(_ s: String?) {
        if let s { bytes.append(1); string(s) } else { bytes.append(0) }
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    /// Each part after the first is preceded by its length, so a reader can skip it.
    mutating func record(_ d: DocumentRecord) {
        string(d.id); string(d.path); string(d.title); optional(d.date); optional(d.dateSource?.rawValue); optional(d.outlet); optional(d.url)
        int(d.signature.count)
        for h in d.signature { int(Int(Int64(bitPattern: h))) }
        part { w in w.int(d.claims.count); for c in d.claims { w.claim(c) } }
        part { w in
            w.int(d.mentions.count)
            for m in d.mentions {
                w.string(m.document); w.string(m.place); w.string(m.surface); w.int(m.start); w.int(m.end); w.string(m.match.rawValue)
                w.string(m.role?.rawValue ?? "")
            }
        }
        part { w in
            w.int(d.unresolved.count)
            for u in d.unresolved { w.string(u.document); w.string(u.surface); w.int(u.start); w.int(u.end) }
        }
    }

    mutating func part(_ body: (inout RecordEncoder) -> Void) {
        var inner = RecordEncoder()
        body(&inner)
        int(inner.bytes.count)
        bytes.append(contentsOf: inner.bytes)
    }

    mutating func claim(_ c: Claim) {
        string(c.document); string(c.place); string(c.actor); string(c.action); string(c.claimant)
        bool(c.hedged); bool(c.denied); string(c.sentence); int(c.start); int(c.end); optional(c.date)
        string(c.actorText); string(c.placeText); string(c.trigger); optional(c.source)
        int(c.hedges.count); for h in c.hedges { string(h) }
        optional(c.deniedBy); optional(c.denier); optional(c.quantity)
        if let q = c.quantityCount { bool(true); int(q) } else { bool(false) }
        bool(c.partial); string(c.role.rawValue); optional(c.opponent); bool(c.ranged); optional(c.dateText)
        string(c.rule)
    }
}

/// Reads what ``RecordEncoder`` writes, checking every length against the bytes (`nil` when damaged).
struct RecordDecoder {
    /// Which of a record's lists to read; the others are left empty.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        static let claims = Parts(rawValue: 1)
        static let mentions = Parts(rawValue: 2)
        static let unresolved = Parts(rawValue: 4)
        static let all: Parts = [.claims, .mentions, .unresolved]
    }

    let bytes: [UInt8]
    var at = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func int() -> Int? {
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count, shift < 64 {
            let b = bytes[at]
            at += 1
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(Int64(bitPattern: u >> 1) ^ -Int64(bitPattern: u & 1)) }
            shift += 7
        }
        return nil
    }

    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= bytes.count - at else { return nil }
        return n
    }

    mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { at += n }
        return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
    }

    mutating func bool() -> Bool? {
        guard at < bytes.count else { return nil }
        defer { at += 1 }
        return bytes[at] != 0
    }

    mutating func optional() -> String?? {
        guard let present = bool() else { return nil }
        return present ? string().map { .some($0) } : .some(nil)
    }

    mutating func record(_ parts: Parts) -> DocumentRecord? {
        guard let id = string(), let path = string(), let title = string(), let date = optional(), let source = optional(),
            let outlet = optional(), let url = optional(), let n = count() else { return nil }
        let dateSource = source.flatMap(DateSource.init(rawValue:))
        var signature: [UInt64] = []
        signature.reserveCapacity(n)
        for _ in 0..<n {
            guard let h = int() else { return nil }
            signature.append(UInt64(bitPattern: Int64(h)))
        }
        var claims: [Claim] = []
        var mentions: [Mention] = []
        var unresolved: [UnresolvedName] = []
        guard part(parts.contains(.claims), { r in r.list(&claims) { $0.claim() } }),
            part(parts.contains(.mentions), { r in r.list(&mentions) { $0.mention() } }),
            part(parts.contains(.unresolved), { r in r.list(&unresolved) { $0.unresolvedName() } }) else { return nil }
        return DocumentRecord(id: id, path: path, title: title, date: date, outlet: outlet, url: url, signature: signature,
                              mentions: mentions, claims: claims, unresolved: unresolved, dateSource: dateSource)
    }

    /// A part: read when wanted, else skipped by its length.
    mutating func part(_ wanted: Bool, _ body: (inout RecordDecoder) -> Bool) -> Bool {
        guard let n = count() else { return false }
        let end = at + n
        if wanted {
            guard body(&self), at == end else { return false }
        }
        at = end
        return true
    }

    mutating func list<T>(_ out: inout [T], _ item: (inout RecordDecoder) -> T?) -> Bool {
        guard let n = count() else { return false }
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let x = item(&self) else { return false }
            out.append(x)
        }
        return true
    }

    mutating func mention() -> Mention? {
        guard let document = string(), let place = string(), let surface = string(), let start = int(), let end = int(),
            let match = string().flatMap(MatchType.init(rawValue:)), let role = string() else { return nil }
        return Mention(document: document, place: place, surface: surface, start: start, end: end, match: match,
                       role: role.isEmpty ? nil : MentionRole(rawValue: role))
    }

    mutating func unresolvedName() -> UnresolvedName? {
        guard let document = string(), let surface = string(), let start = int(), let end = int() else { return nil }
        return UnresolvedName(document: document, surface: surface, start: start, end: end)
    }

    mutating func claim() -> Claim? {
        guard let document = string(), let place = string(), let actor = string(), let action = string(), let claimant = string(),
            let hedged = bool(), let denied = bool(), let sentence = string(), let start = int(), let end = int(), let date = optional(),
            let actorText = string(), let placeText = string(), let trigger = string(), let source = optional() else { return nil }
        var hedges: [String] = []
        guard list(&hedges, { $0.string() }), let deniedBy = optional(), let denier = optional(), let quantity = optional(),
            let hasCount = bool() else { return nil }
        var quantityCount: Int?
        if hasCount {
            guard let q = int() else { return nil }
            quantityCount = q
        }
        guard let partial = bool(), let role = string().flatMap(PlaceRole.init(rawValue:)), let opponent = optional(),
            let ranged = bool(), let dateText = optional(), let rule = string() else { return nil }
        return Claim(document: document, place: place, actor: actor, action: action, claimant: claimant, hedged: hedged, denied: denied,
                     sentence: sentence, start: start, end: end, date: date, actorText: actorText, placeText: placeText, trigger: trigger,
                     source: source, hedges: hedges, deniedBy: deniedBy, denier: denier, quantity: quantity, quantityCount: quantityCount,
                     partial: partial, role: role, opponent: opponent, ranged: ranged, dateText: dateText, rule: rule)
    }
}
