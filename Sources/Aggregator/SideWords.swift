import Foundation

/// The words of an actor's name as sides are compared by: lower case, singular, without
/// determiners, with the head nouns that say only that a group is armed ("forces", "fighters",
/// "troops") set apart, and the words that describe what kind of side it is ("rebels", "army",
/// "militia") sorted into classes.
enum SideWords {
    /// Head nouns that say only that a group is armed: "Rebel forces" is "rebels".
    /// ("Armed" too: the "Sudanese Armed Forces" are the "Sudanese army".)
    static let heads: Set<String> = ["force", "fighter", "troop", "soldier", "unit", "personnel", "man", "member", "combatant", "element", "armed"]
    /// Words that say nothing about who: dropped.
    static let determiners: Set<String> = ["the", "a", "an", "its", "their", "his", "her", "our", "some", "these", "those", "several", "many"]

    /// What kind of side a description names.
    enum Role: String, CaseIterable {
        case rebels, state, militia, militants, separatists, paramilitary
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
    /// "Anti-X" describes a side by what it fights: a description, not a name.
    static func identity(_ name: String) -> String {
        words(name).map(\.word).filter { !heads.contains($0) && roles[$0] == nil && !$0.hasPrefix("anti-") }.joined(separator: " ")
    }

    /// What a name says its side fights: "assad" in "Anti-Assad forces".
    static func opposed(_ name: String) -> Set<String> {
        Set(words(name).compactMap { $0.word.hasPrefix("anti-") ? String($0.word.dropFirst(5)) : nil })
    }

    /// Whether a description may be a named side: not when it says it fights it ("anti-Houthi
    /// forces" are not the "Houthi rebels").
    static func mayBe(_ description: String, _ identity: String) -> Bool {
        let against = opposed(description)
        return against.isEmpty || !identity.split(separator: " ").contains { against.contains(String($0)) }
    }

    /// The roles a name's descriptions give it. With `lowercaseOnly`, only words written in lower
    /// case count: in "Kachin Independence Army" or "Syrian National Army", "Army" is part of a name.
    static func roles(of name: String, lowercaseOnly: Bool) -> Set<Role> {
        var out = Set<Role>()
        for (raw, word) in words(name) {
            // "Anti-Assad forces", "anti-junta fighters": an opposition.
            guard let role = roles[word] ?? (word.hasPrefix("anti-") && word.count > 5 ? .rebels : nil) else { continue }
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

    /// Whether a name is one acronym, perhaps with a head noun or a description ("RSF", "MNDAA
    /// fighters", "ELN rebels"), and which.
    static func acronym(_ name: String) -> String? {
        let ws = words(name).filter { !heads.contains($0.word) && roles[$0.word] == nil }
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

/// Names of one side across reports: each report's actors are grouped when it is read
/// (`SideClustering`), but two reports may write one side two ways ("Fano forces", "Fano
/// fighters"). Grouped here, only by what makes two names one without context: the same words
/// but heads and determiners, in any case; the same name but descriptions where only one group
/// fits ("Ethiopian Army", "Ethiopian army"); an acronym and its name.
public enum SideNames {
    /// Each name's group, named by its most frequent member (then the first in order). `counts`
    /// says how often each name is used.
    public static func canonical(_ counts: [String: Int]) -> [String: String] {
        struct Group { var members: [String]; var key: String; var identity: String; var roles: Set<SideWords.Role>; var initials: String? }
        var groups: [Group] = []
        // The roles a name's descriptions give it: in a bare description ("Government forces") a
        // capital is the sentence's, in a name ("Kachin Independence Army") the name's.
        func roles(_ name: String) -> Set<SideWords.Role> {
            SideWords.roles(of: name, lowercaseOnly: !SideWords.identity(name).isEmpty)
        }
        // Names with descriptions first, so that a name without any joins only one group.
        let names = counts.keys.sorted { (roles($0).isEmpty ? 1 : 0, $0) < (roles($1).isEmpty ? 1 : 0, $1) }
        for name in names {
            let key = SideWords.key(name), identity = SideWords.identity(name)
            let roles = roles(name), acronym = SideWords.acronym(name), initials = SideWords.initials(name)
            // The same words in any case ("Syrian Army", "Syrian army") are one name: its group, when
            // only one has it, whatever other groups share the name's identity.
            let sameWords = key.isEmpty ? [] : groups.indices.filter { groups[$0].key == key }
            let fits = sameWords.count == 1 ? sameWords : groups.indices.filter { g in
                (!key.isEmpty && groups[g].key == key)
                    || (!identity.isEmpty && groups[g].identity == identity && (roles.isEmpty || groups[g].roles.isEmpty || roles == groups[g].roles))
                    || (acronym != nil && acronym == groups[g].initials) || (initials != nil && initials == groups[g].identity)
            }
            if fits.count == 1, let g = fits.first {
                groups[g].members.append(name)
                if groups[g].roles.isEmpty { groups[g].roles = roles }
                if groups[g].initials == nil { groups[g].initials = initials }
            } else {
                groups.append(Group(members: [name], key: key, identity: identity, roles: roles, initials: initials))
            }
        }
        // A bare description ("Rebels", "Government forces") is the one named group of its kind.
        for i in groups.indices.reversed() where groups[i].identity.isEmpty && !groups[i].roles.isEmpty {
            let named = groups.indices.filter { g in
                !groups[g].identity.isEmpty && !groups[g].roles.isDisjoint(with: groups[i].roles)
                    && groups[i].members.allSatisfy { SideWords.mayBe($0, groups[g].identity) }
            }
            guard named.count == 1, let g = named.first else { continue }
            groups[g].members += groups[i].members
            groups[i].members = []
        }
        // Bare descriptions of one kind that no named side takes are one side ("Rebels", "Opposition forces").
        var byRoles: [Set<SideWords.Role>: Int] = [:]
        for i in groups.indices where groups[i].identity.isEmpty && !groups[i].roles.isEmpty && !groups[i].members.isEmpty {
            guard let g = byRoles[groups[i].roles] else { byRoles[groups[i].roles] = i; continue }
            groups[g].members += groups[i].members
            groups[i].members = []
        }
        var out: [String: String] = [:]
        for g in groups where !g.members.isEmpty {
            let best = g.members.min { (-(counts[$0] ?? 0), $0) < (-(counts[$1] ?? 0), $1) } ?? ""
            for m in g.members { out[m] = best }
        }
        return out
    }
}
