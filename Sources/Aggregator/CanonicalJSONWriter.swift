import Foundation

/// Writes JSON as `JSONEncoder` does with `.sortedKeys` and `.withoutEscapingSlashes`; the caller
/// gives the keys in sorted order.
struct CanonicalJSONWriter {
    var bytes: [UInt8] = []

    mutating func open(_ c: Unicode.Scalar) { bytes.append(UInt8(c.value)) }
    mutating func close(_ c: Unicode.Scalar) { bytes.append(UInt8(c.value)) }

    mutating func key(_ k: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func array<T>(_ items: [T], _ body: (inout CanonicalJSONWriter, T) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        for (i, item) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            try body(&self, item)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func int(_ n: Int) { bytes.append(contentsOf: String(n).utf8) }

    mutating func bool(_ b: Bool) { bytes.append(contentsOf: (b ? "true" : "false").utf8) }

    mutating func null() { bytes.append(contentsOf: "null".utf8) }

    /// Shortest round-trip digits, as `JSONEncoder` writes them ("69" for 69.0, "1e-05").
    mutating func double(_ d: Double) throws {
        guard d.isFinite else {
            throw EncodingError.invalidValue(d, EncodingError.Context(codingPath: [], debugDescription: "not a finite number"))
        }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A number in 0…1 (always finite), as ``double(_:)`` writes it.
    mutating func unit(_ d: Double) {
        var text = min(1, max(0, d.isFinite ? d : 0)).description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var start = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<i]))
                switch b {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
                start = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A signature as `DocumentRecord.pack` writes it (base64 of its little-endian words; no
    /// character of base64 needs escaping).
    mutating func signature(_ words: [UInt64]) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: DocumentRecord.pack(words).utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func actors(_ actors: [ActorRecord]) {
        array(actors) { w, a in
            w.open("{")
            w.key("colour", first: true); w.string(a.colour)
            w.key("name"); w.string(a.name)
            w.close("}")
        }
    }

    mutating func places(_ places: [PlaceRecord]) throws {
        try array(places) { w, p in
            w.open("{")
            w.key("id", first: true); w.string(p.id)
            w.key("kind"); w.string(p.kind.rawValue)
            w.key("lat"); try w.double(p.latitude)
            w.key("lon"); try w.double(p.longitude)
            w.key("name"); w.string(p.name)
            w.key("precision"); w.string(p.precision.rawValue)
            w.close("}")
        }
    }

    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    mutating func document(_ d: DocumentRecord) {
        open("{")
        key("claims", first: true)
        array(d.claims) { w, c in w.claim(c) }
        if let date = d.date { key("date"); string(date) }
        if let source = d.dateSource { key("date_source"); string(source.rawValue) }
        key("id"); string(d.id)
        key("mentions")
        array(d.mentions) { w, m in
            w.open("{")
            w.key("document", first: true); w.string(m.document)
            w.key("end"); w.int(m.end)
            w.key("match"); w.string(m.match.rawValue)
            w.key("place"); w.string(m.place)
            if let role = m.role { w.key("role"); w.string(role.rawValue) }
            w.key("start"); w.int(m.start)
            w.key("surface"); w.string(m.surface)
            w.close("}")
        }
        if let outlet = d.outlet { key("outlet"); string(outlet) }
        key("path"); string(d.path)
        key("signature"); signature(d.signature)
        key("title"); string(d.title)
        key("unresolved")
        array(d.unresolved) { w, u in
            w.open("{")
            w.key("document", first: true); w.string(u.document)
            w.key("end"); w.int(u.end)
            w.key("start"); w.int(u.start)
            w.key("surface"); w.string(u.surface)
            w.close("}")
        }
        if let url = d.url { key("url"); string(url) }
        close("}")
    }

    mutating func claim(_ c: Claim) {
        open("{")
        key("action", first: true); string(c.action)
        key("actor"); string(c.actor)
        key("actor_text"); string(c.actorText)
        key("claimant"); string(c.claimant)
        key("confidence"); unit(c.confidence)
        key("date"); optionalString(c.date)
        if let v = c.dateText { key("date_text"); string(v) }
        key("denied"); bool(c.denied)
        if let v = c.deniedBy { key("denied_by"); string(v) }
        if let v = c.denier { key("denier"); string(v) }
        key("document"); string(c.document)
        key("end"); int(c.end)
        key("hedged"); bool(c.hedged)
        key("hedges"); array(c.hedges) { w, h in w.string(h) }
        key("id"); string(c.claimID)
        if let v = c.opponent { key("opponent"); string(v) }
        key("partial"); bool(c.partial)
        key("place"); string(c.place)
        key("place_text"); string(c.placeText)
        if let v = c.quantity { key("quantity"); string(v) }
        if let v = c.quantityCount { key("quantity_count"); int(v) }
        key("ranged"); bool(c.ranged)
        key("role"); string(c.role.rawValue)
        key("rule"); string(c.rule)
        key("sentence"); string(c.sentence)
        if let v = c.source { key("source"); string(v) }
        key("start"); int(c.start)
        key("trigger"); string(c.trigger)
        close("}")
    }
}
