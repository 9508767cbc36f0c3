import Foundation
@testable import Gazetteer
import Testing
import TestSupport

/// The fast name normalisers (`NameNormalizer` on UTF-8 bytes, which builds the indexes, and the
/// ASCII path of `NameKey.normalized`, which looks names up) must give exactly the bytes of the
/// reference definition, `NameKey.normalizedReference`, or the indexes would hold keys that no
/// lookup finds. So must the fast transliteration key. Checked on every primary and alternate
/// name of the real gazetteer in `Gazetteer/`.
@Suite("Fast name normalisers equal the reference on every gazetteer name")
struct NormalizerEquivalenceTests {
    /// Every distinct name of every place (primary and alternate).
    static let names: [String] = Array(Set(Fixtures.gazetteer.places.flatMap(\.allNames)))

    /// What one comparison found wrong.
    struct Difference: CustomStringConvertible {
        var name: String
        var what: String
        var fast: String
        var reference: String
        var description: String {
            "\(what) of \(name.debugDescription) (\(name.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))): "
                + "fast \(fast.debugDescription), reference \(reference.debugDescription)"
        }
    }

    /// What the comparisons of a run of names found.
    struct Findings {
        var differences: [Difference] = []
        var differenceCount = 0
        /// Names the byte normaliser handed to the reference (allowed, and rare).
        var fallbacks = 0
        var compared = 0

        mutating func note(_ d: Difference) {
            differenceCount += 1
            if differences.count < 10 { differences.append(d) }
        }

        mutating func add(_ other: Findings) {
            for d in other.differences where differences.count < 10 { differences.append(d) }
            differenceCount += other.differenceCount
            fallbacks += other.fallbacks
            compared += other.compared
        }
    }

    /// Compares the fast paths with the references on `names[range]`.
    static func compare(_ range: Range<Int>) -> Findings {
        var findings = Findings()
        var normalizer = NameNormalizer()
        for name in names[range] {
            findings.compared += 1
            let reference = NameKey.normalizedReference(name)
            let viaPublic = NameKey.normalized(name)
            if viaPublic != reference {
                findings.note(Difference(name: name, what: "NameKey.normalized", fast: viaPublic, reference: reference))
            }
            var utf8 = Array(name.utf8)
            let length = utf8.withUnsafeMutableBufferPointer { normalizer.normalize(UnsafeBufferPointer($0)) }
            guard let length else {
                findings.fallbacks += 1
                continue
            }
            let bytes = UnsafeBufferPointer(start: normalizer.buffer, count: length)
            let fast = String(decoding: bytes, as: UTF8.self)
            guard Array(bytes) == Array(reference.utf8) else {
                findings.note(Difference(name: name, what: "NameNormalizer.normalize", fast: fast, reference: reference))
                continue
            }
            // A result said to be in NFC is hashed without normalizing it: it must be (ASCII is).
            if normalizer.lastWasInert, bytes.contains(where: { $0 >= 0x80 }),
                Array(fast.precomposedStringWithCanonicalMapping.utf8) != Array(bytes) {
                findings.note(Difference(name: name, what: "NFC claim", fast: fast, reference: fast.precomposedStringWithCanonicalMapping))
            }
            let referenceKey = NameKey.transliterationKeyReference(reference) ?? "(none)"
            let fastKey = NameKey.transliterationKey(bytes, into: normalizer.keyBuffer)
                .map { String(decoding: UnsafeBufferPointer(start: normalizer.keyBuffer, count: $0), as: UTF8.self) } ?? "(none)"
            if fastKey != referenceKey {
                findings.note(Difference(name: name, what: "transliteration key", fast: fastKey, reference: referenceKey))
            }
            let publicKey = NameKey.transliterationKey(reference) ?? "(none)"
            if publicKey != referenceKey {
                findings.note(Difference(name: name, what: "NameKey.transliterationKey", fast: publicKey, reference: referenceKey))
            }
        }
        return findings
    }

    @Test("Every primary and alternate name: the same bytes, the same transliteration key")
    func everyGazetteerName() {
        let names = Self.names
        #expect(names.count >= 500_000, "the gazetteer has \(names.count) distinct names")
        let lanes = 2
        let bounds = (0...lanes).map { names.count * $0 / lanes }
        let results = LockedFindings()
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            results.add(Self.compare(bounds[lane]..<bounds[lane + 1]))
        }
        let all = results.value
        #expect(all.compared == names.count)
        #expect(all.differenceCount == 0,
                "\(all.differenceCount) of \(all.compared) names differ; the first: \(all.differences.map(\.description).joined(separator: "; "))")
        // The reference decides only where a space would join a mark into one grapheme.
        #expect(all.fallbacks * 1000 < names.count, "\(all.fallbacks) names fell back to the reference")
    }

    @Test("The written-out Latin folds are the ones Unicode's decompositions give")
    func latinFoldsMatchDecompositions() {
        let computed = NameKey.computedLatinFolds()
        #expect(computed.count > 400)
        let differing = Set(computed.keys).union(NameKey.latinFolds.keys).filter { computed[$0] != NameKey.latinFolds[$0] }
        #expect(differing.isEmpty, "folds that differ: \(differing.sorted().prefix(10).map { String($0, radix: 16) })")
    }
}

/// Findings gathered from several threads.
final class LockedFindings: @unchecked Sendable {
    private let lock = NSLock()
    private var findings = NormalizerEquivalenceTests.Findings()

    func add(_ f: NormalizerEquivalenceTests.Findings) {
        lock.lock()
        findings.add(f)
        lock.unlock()
    }

    var value: NormalizerEquivalenceTests.Findings {
        lock.lock()
        defer { lock.unlock() }
        return findings
    }
}
