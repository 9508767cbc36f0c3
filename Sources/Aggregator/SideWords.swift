import Foundation

/// The words of an actor's name as sides are compared by: lower case, singular, without
/// determiners, with the head nouns that say only that a group is armed ("forces", "fighters",
/// "troops") set apart, and the words that describe what kind of side it is ("rebels", "army",
/// "militia") sorted into classes.
enum SideWords {
    /// Head nouns that say only that a group is armed: "Rebel forces" is "rebels".
    static let heads: Set<String> = ["force", "fighter", "troop", "soldier", "unit", "personnel", "man", "member", "combatant", "element"]
    /// Words that say nothing about who: dropped.
    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "our", "some", "these", "those", "several", "many"]

    /// What kind of side a description names.
    enum Role: String, CaseIterable {
        case rebels, state, militia, militants, separatists, paramilitary

        /// The name an actor gets when a report names it only by this description.
        var display: String {
            switch self {
            case .rebels: return "Rebels"
            case .state: return "Government forces"
            case .militia: return "Militias"
            case .militants: return "Militants"
            case .separatists: return "Separatists"
            case .paramilitary: return "Paramilitaries"
            }
        }
    }

    /// Descriptions of a side, by role (singular).
    static let roles: [String: Role] = [
        "rebel": .rebels, "insurgent": .rebels, "opposition": .rebels, "anti-government": .rebels, "guerrilla": .rebels, "insurgency": .rebels,
        "government": .state, "regime": .state, "junta": .state, "army": .state, "military": .state, "security": .state,
        "militia": .militia, "militiaman": .militia,
        "militant": .militants, "jihadist": .militants, "islamist": .militants,
        "separatist": .separatists,
        "paramilitary": .paramilitary,
    ]

    /// One word as compared: lower case, without a possessive, singular.
    static func normal(_ raw: Substring) -> String {
        var w = raw.lowercased()
        w = String(w.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "'" || $0 == "\u{2019}" }.map(Character.init))
        for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] where w.hasSuffix(suffix) { w.removeLast(suffix.count); break }
        // Acronyms keep their final s ("HTS", "TPLF" is not a plural).
        if raw.count >= 2, raw.allSatisfy({ $0.isUppercase || $0.isNumber }) { return w }
        if w.hasSuffix("men"), w.count > 3 { return String(w.dropLast(3)) + "man" }
        if w.hasSuffix("ies"), w.count > 4 { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("ces") { return String(w.dropLast(1)) }
        if w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), w.count > 3 { return String(w.dropLast()) }
        return w
    }

    /// The words of a name, as written and as compared, determiners left out.
    static func words(_ name: String) -> [(written: Substring, word: String)] {
        name.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).compactMap { raw in
            let word = normal(raw)
            return word.isEmpty || determiners.contains(word) ? nil : (raw, word)
        }
    }

    /// The words of a name but its head nouns, joined: "Rebel forces" and "rebels" are both "rebel";
    /// "Fano militia forces" is "fano militia"; empty for heads alone ("Troops").
    static func key(_ name: String) -> String {
        words(name).map(\.word).filter { !heads.contains($0) }.joined(separator: " ")
    }

    /// The words that say who, neither heads nor descriptions ("m23" in "M23 rebels"), joined.
    static func identity(_ name: String) -> String {
        words(name).map(\.word).filter { !heads.contains($0) && roles[$0] == nil }.joined(separator: " ")
    }

    /// The roles a name's descriptions give it. With `lowercaseOnly`, only words written in lower
    /// case count: in "Kachin Independence Army" or "Syrian National Army", "Army" is part of a name.
    static func roles(of name: String, lowercaseOnly: Bool) -> Set<Role> {
        var out = Set<Role>()
        for (raw, word) in words(name) {
            guard let role = roles[word] else { continue }
            if lowercaseOnly, raw.first?.isUppercase == true { continue }
            out.insert(role)
        }
        return out
    }

    /// The initials of a name of several capitalised words ("Rapid Support Forces" → "rsf"), or `nil`.
    static func initials(_ name: String) -> String? {
        let small: Set<String> = ["of", "the", "and", "for", "de", "du", "des", "al", "el"]
        let parts = name.split(separator: " ").filter { !small.contains($0.lowercased()) }
        guard parts.count >= 2, parts.allSatisfy({ $0.first?.isUppercase == true }) else { return nil }
        return String(parts.compactMap(\.first)).lowercased()
    }

    /// Whether a name is one acronym, perhaps with a head noun ("RSF", "MNDAA fighters"), and which.
    static func acronym(_ name: String) -> String? {
        let ws = words(name).filter { !heads.contains($0.word) }
        guard ws.count == 1, let only = ws.first, only.written.count >= 2,
            only.written.allSatisfy({ $0.isUppercase || $0.isNumber }) else { return nil }
        return only.word
    }

    /// Each name, alias and generic word of a profile by its key, and its side; keys that two sides
    /// share are left out.
    static func keyTable(_ profile: ActorProfile) -> [String: Int] {
        var table: [String: Int] = [:]
        var shared = Set<String>()
        for (s, side) in profile.sides.enumerated() {
            for phrase in [side.name] + side.aliases + side.generic {
                let k = key(phrase)
                guard !k.isEmpty else { continue }
                if let other = table[k], other != s { shared.insert(k) } else { table[k] = s }
            }
        }
        for k in shared { table[k] = nil }
        return table
    }
}
