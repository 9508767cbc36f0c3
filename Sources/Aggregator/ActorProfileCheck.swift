import Foundation
import Geo

/// A key of a coding path, for finding a value in a profile's text.
private struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
    init(_ s: String) { self.init(stringValue: s) }
    init(_ i: Int) { self.init(intValue: i) }
}

extension ActorProfiles {
    /// Throws when a profile has a key the format does not know (a misspelt "generic" would be
    /// ignored silently) or the same key twice in one object, with the line and column.
    static func checkKeys(_ data: Data, file: String) throws(AggregatorError) {
        let problem = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (path: [PathKey], reason: String)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let value = try? JSONValue.parse(bytes), case .object(let top) = value else { return nil }
            let profileKeys = Set(ActorProfile.CodingKeys.allCases.map(\.rawValue))
            let sideKeys = Set(ActorSide.CodingKeys.allCases.map(\.rawValue))
            if let bad = badKey(top, known: profileKeys) { return ([PathKey(bad.key)], bad.reason) }
            guard case .array(let sides)? = value["sides"] else { return nil }
            for (i, side) in sides.enumerated() {
                guard case .object(let pairs) = side else { continue }
                if let bad = badKey(pairs, known: sideKeys) { return ([PathKey("sides"), PathKey(i), PathKey(bad.key)], "side \(i + 1): " + bad.reason) }
            }
            return nil
        }
        if let problem { throw located(problem.reason, at: problem.path, in: data, file: file) }
    }

    /// The first key of an object that is unknown or repeated, and what is wrong with it.
    private static func badKey(_ pairs: [(String, JSONValue)], known: Set<String>) -> (key: String, reason: String)? {
        var seen = Set<String>()
        for (key, _) in pairs {
            if !known.contains(key) { return (key, "unknown key \"\(key)\" (known: \(known.sorted().joined(separator: ", ")))") }
            if !seen.insert(key).inserted { return (key, "key \"\(key)\" given twice") }
        }
        return nil
    }

    /// Throws when a side lists a generic word twice, or when a generic word is also a name, alias
    /// or generic word of another side of the war: it would mean two sides.
    static func checkWords(_ profile: ActorProfile, _ data: Data, file: String) throws(AggregatorError) {
        func plain(_ s: String) -> String {
            let lower = s.lowercased()
            return lower.hasPrefix("the ") ? String(lower.dropFirst(4)) : lower
        }
        var owner: [String: Int] = [:]
        for (s, side) in profile.sides.enumerated() {
            for word in side.aliases + [side.name] where owner[plain(word)] == nil { owner[plain(word)] = s }
        }
        for (s, side) in profile.sides.enumerated() {
            var seen = Set<String>()
            for (j, word) in side.generic.enumerated() {
                let path = [PathKey("sides"), PathKey(s), PathKey("generic"), PathKey(j)]
                let key = plain(word)
                if key.isEmpty || !seen.insert(key).inserted {
                    throw located("side '\(side.id)': generic word '\(word)' is empty or listed twice", at: path, in: data, file: file)
                }
                if let other = owner[key], other != s, profile.sides.indices.contains(other) {
                    throw located("side '\(side.id)': generic word '\(word)' also names side '\(profile.sides[other].id)'", at: path, in: data, file: file)
                }
                owner[key] = s
            }
        }
    }

    /// An error at the value a coding path leads to, with its line and column.
    private static func located(_ reason: String, at path: [PathKey], in data: Data, file: String) -> AggregatorError {
        let at = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> (line: Int, column: Int)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            return JSONLocator.offset(of: path, in: bytes).map { lineAndColumn(of: $0, in: bytes) }
        }
        guard let at else { return AggregatorError(file: file, reason: reason, hint: "see Actors/README.md") }
        return AggregatorError(file: file, line: at.line, reason: "column \(at.column): \(reason)", hint: "see Actors/README.md")
    }
}
