import Foundation
import Geo

/// Reads a feature line of the canonical layout straight into a `Place`, without a JSON tree.
///
/// It returns `nil` for anything it does not expect — escapes, another key order, spaces, numbers
/// not in plain decimal notation, missing or ill-typed fields — and the caller then parses the
/// line the general way, which gives the same place or the error.
struct FastPlaceReader: ~Copyable {
    var scratch: UnsafeMutablePointer<AlternateName>
    var scratchCapacity = 16
    var scratchCount = 0
    /// Where the names of the last place read are in its line: the primary name first.
    private(set) var nameRanges: [Range<Int>] = []
    var previousParent = ""

    init() {
        scratch = .allocate(capacity: scratchCapacity)
        nameRanges.reserveCapacity(64)
    }

    deinit {
        scratch.deinitialize(count: scratchCount)
        scratch.deallocate()
    }

    private mutating func pushName(_ name: AlternateName) {
        if scratchCount == scratchCapacity {
            let bigger = UnsafeMutablePointer<AlternateName>.allocate(capacity: scratchCapacity * 2)
            bigger.moveInitialize(from: scratch, count: scratchCount)
            scratch.deallocate()
            scratch = bigger
            scratchCapacity *= 2
        }
        (scratch + scratchCount).initialize(to: name)
        scratchCount += 1
    }

    private mutating func abandon() -> Place? {
        scratch.deinitialize(count: scratchCount)
        scratchCount = 0
        return nil
    }

    /// The place on a feature line (without its trailing comma), or `nil` to take the general way.
    mutating func read(_ line: UnsafeBufferPointer<UInt8>) -> Place? {
        guard let p = line.baseAddress else { return nil }
        nameRanges.removeAll(keepingCapacity: true)
        var c = Cursor(p: p, n: line.count)
        guard c.literal("{\"type\":\"Feature\",\"id\":"), let idRange = c.string(), !idRange.isEmpty,
            c.literal(",\"geometry\":{\"type\":\"Point\",\"coordinates\":["), let longitude = c.number(), c.skip(UInt8(ascii: ",")),
            let latitude = c.number(), c.literal("]},\"properties\":{"),
            latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude)
        else { return nil }

        var f = Properties()
        guard c.skip(UInt8(ascii: "}")) || readProperties(&c, line, into: &f) else { return abandon() }
        guard c.skip(UInt8(ascii: "}")), c.i == line.count, let nameRange = f.name, !nameRange.isEmpty, let kind = f.kind else {
            return abandon()
        }
        let id = Self.string(line, idRange), name = Self.string(line, nameRange)
        var parentText: String?
        if let range = f.parent { parentText = sharedParent(line, range) }
        let countryText = f.country.map { Self.string(line, $0) }
        let sourceText = f.source.map { Self.string(line, $0) }
        nameRanges.insert(nameRange, at: 0)
        let names = [AlternateName](unsafeUninitializedCapacity: scratchCount) { buffer, n in
            if let base = buffer.baseAddress { base.moveInitialize(from: scratch, count: scratchCount) }
            n = scratchCount
        }
        scratchCount = 0
        return Place(
            id: id, name: name, kind: kind, parent: parentText, country: countryText, geonamesID: f.geonamesID,
            population: f.population, alternateNames: names, source: sourceText,
            coordinate: Coordinate(latitude: latitude, longitude: longitude), extraProperties: f.extras)
    }

    /// The properties of a feature line, as ranges of the line where they are strings.
    struct Properties {
        var name: Range<Int>?
        var kind: PlaceKind?
        var parent: Range<Int>?, country: Range<Int>?, source: Range<Int>?
        var geonamesID: Int64?, population: Int64?
        var extras: [(String, JSONValue)] = []
    }

    /// Reads the members of a non-empty `properties` object up to its closing brace; `false` for
    /// anything the general way must read.
    private mutating func readProperties(_ c: inout Cursor, _ line: UnsafeBufferPointer<UInt8>, into f: inout Properties) -> Bool {
        var seen: UInt16 = 0
        while true {
            guard let key = c.string(), c.skip(UInt8(ascii: ":")) else { return false }
            let bit: UInt16
            if Self.equal(line, key, "name") {
                bit = 1
                guard let r = c.string() else { return false }
                f.name = r
            } else if Self.equal(line, key, "kind") {
                bit = 2
                guard let r = c.string(), let k = PlaceKind(rawValue: Self.string(line, r)) else { return false }
                f.kind = k
            } else if Self.equal(line, key, "parent") {
                bit = 4
                if !c.null() { guard let r = c.string() else { return false }; f.parent = r }
            } else if Self.equal(line, key, "country") {
                bit = 8
                if !c.null() { guard let r = c.string() else { return false }; f.country = r }
            } else if Self.equal(line, key, "geonames_id") {
                bit = 16
                if !c.null() { guard let v = c.wholeNumber() else { return false }; f.geonamesID = v }
            } else if Self.equal(line, key, "population") {
                bit = 32
                if !c.null() { guard let v = c.wholeNumber() else { return false }; f.population = v }
            } else if Self.equal(line, key, "names") {
                bit = 64
                guard readNames(&c, line) else { return false }
            } else if Self.equal(line, key, "source") {
                bit = 128
                if !c.null() { guard let r = c.string() else { return false }; f.source = r }
            } else {
                // A property this version does not know: kept as it is.
                bit = 0
                let keyText = Self.string(line, key)
                var at = c.i
                guard let value = try? JSONValue.parseValue(in: line, at: &at, depth: 2) else { return false }
                c.i = at
                f.extras.append((keyText, value))
            }
            guard seen & bit == 0 else { return false }
            seen |= bit
            if c.skip(UInt8(ascii: ",")) { continue }
            return c.skip(UInt8(ascii: "}"))
        }
    }

    /// The parent id at `range`, shared with the previous place's when it is the same (places of
    /// one parent come together), so that it is stored once.
    private mutating func sharedParent(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        if let base = line.baseAddress, previousParent.utf8.count == range.count,
            previousParent.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, base + range.lowerBound, range.count) == 0 }) == true {
            return previousParent
        }
        let text = Self.string(line, range)
        previousParent = text
        return text
    }

    /// Reads the `names` array into the scratch buffer (and their ranges into `nameRanges`).
    private mutating func readNames(_ c: inout Cursor, _ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard c.skip(UInt8(ascii: "[")) else { return false }
        if c.skip(UInt8(ascii: "]")) { return true }
        while true {
            if c.next == UInt8(ascii: "\"") {
                guard let r = c.string() else { return false }
                pushName(AlternateName(Self.string(line, r)))
                nameRanges.append(r)
            } else {
                guard c.skip(UInt8(ascii: "{")) else { return false }
                var name: Range<Int>?, language: Range<Int>?, script: Range<Int>?
                while true {
                    guard let key = c.string(), c.skip(UInt8(ascii: ":")), let value = c.string() else { return false }
                    if Self.equal(line, key, "name") {
                        guard name == nil else { return false }
                        name = value
                    } else if Self.equal(line, key, "script") {
                        guard script == nil else { return false }
                        script = value
                    } else if Self.equal(line, key, "lang") {
                        guard language == nil else { return false }
                        language = value
                    } else {
                        return false
                    }
                    if c.skip(UInt8(ascii: ",")) { continue }
                    guard c.skip(UInt8(ascii: "}")) else { return false }
                    break
                }
                guard let name, !name.isEmpty else { return false }
                pushName(AlternateName(
                    Self.string(line, name), language: language.map { Self.string(line, $0) }, script: script.map { Self.string(line, $0) }))
                nameRanges.append(name)
            }
            if c.skip(UInt8(ascii: ",")) { continue }
            return c.skip(UInt8(ascii: "]"))
        }
    }
}
