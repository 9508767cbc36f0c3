import Foundation

/// The sides of one report: actors that no profile names directly are resolved to a side of the
/// war's profile where its words make that unambiguous, and the rest are grouped, so that one side
/// has one name (and so one colour) and never contests itself.
///
/// - "Forces loyal to X", "forces aligned with X" are X.
/// - With a profile: a name whose words but its head nouns are those of a side's name, alias or
///   generic word is that side ("Rebel forces" for "rebels", "Anti-coup fighters" for
///   "anti-coup forces"); a bare description ("Militia forces", "Insurgents") is the one side the
///   report has named with a description of the same kind ("Fano militia", "M23 rebels").
/// - The rest: the same words but heads ("Houthi rebels", "Houthi fighters"), an acronym of a name
///   ("RSF", "Rapid Support Forces"), a bare description joined to the one named actor written with
///   a description of its kind, else to the others of its kind ("Rebel forces", "Rebels",
///   "Insurgents" are one side, named as first written).
extension DocumentReader {
    mutating func clusterSides() {
        extendLoyalTo()
        // The distinct names of actors no profile names, in order, with every way they are written.
        var order: [String] = []
        var written: [String: [String]] = [:]
        for r in actorRefs where r.kind == .unknown {
            guard let a = r.actor, a.side == nil else { continue }
            if written[a.name] == nil { order.append(a.name) }
            written[a.name, default: []].append(r.written)
        }
        guard !order.isEmpty else { return }
        var resolved: [String: Actor] = [:]
        if let profile, let matcher {
            for name in order {
                let side = matcher.keys[SideWords.key(name)] ?? describedSide(name, profile: profile)
                if let side, profile.sides.indices.contains(side) { resolved[name] = Actor(side: side, name: profile.sides[side].name) }
            }
        }
        let rest = order.filter { resolved[$0] == nil }
        for (name, actor) in clusters(rest, written: written) where actor.name != name { resolved[name] = actor }
        guard !resolved.isEmpty else { return }
        for i in actorRefs.indices {
            guard let a = actorRefs[i].actor, a.side == nil, let new = resolved[a.name] else { continue }
            actorRefs[i].actors = [new]
            if let s = new.side {
                actorRefs[i].kind = .name
                if sideCounts.indices.contains(s) { sideCounts[s] += 1 }
            }
        }
    }

    /// The profile side a bare description means ("Militia forces", "Insurgents"): the one side the
    /// report names with a description of the same kind, written in lower case ("Fano militia").
    func describedSide(_ name: String, profile: ActorProfile) -> Int? {
        guard SideWords.identity(name).isEmpty else { return nil }
        let roles = SideWords.roles(of: name, lowercaseOnly: false)
        guard !roles.isEmpty else { return nil }
        var sides = Set<Int>()
        for r in actorRefs where r.kind == .name || r.kind == .adjective {
            guard let s = r.actor?.side, !SideWords.roles(of: r.written, lowercaseOnly: true).isDisjoint(with: roles),
                SideWords.mayBe(name, SideWords.identity(r.written) + " " + (profile.sides.indices.contains(s) ? SideWords.identity(profile.sides[s].name) : ""))
            else { continue }
            sides.insert(s)
        }
        return sides.count == 1 ? sides.first : nil
    }

    /// Groups names into sides; each name's actor, named after its group's first named member.
    func clusters(_ names: [String], written: [String: [String]]) -> [String: Actor] {
        struct Group { var name: String; var identity: String; var roles: Set<SideWords.Role>; var initials: String? }
        var groups: [Group] = []
        var out: [String: Actor] = [:]
        func rolesOf(_ name: String) -> Set<SideWords.Role> {
            (written[name] ?? [name]).reduce(into: Set<SideWords.Role>()) { $0.formUnion(SideWords.roles(of: $1, lowercaseOnly: true)) }
        }
        // Named actors first: the same identity with no clashing description, or an acronym of a name.
        for name in names where !SideWords.identity(name).isEmpty {
            let identity = SideWords.identity(name), roles = rolesOf(name)
            let acronym = SideWords.acronym(name), initials = SideWords.initials(name)
            let same = groups.indices.filter { g in
                (groups[g].identity == identity && (roles.isEmpty || groups[g].roles.isEmpty || roles == groups[g].roles))
                    || (acronym != nil && acronym == groups[g].initials) || (initials != nil && initials == groups[g].identity)
            }
            if same.count == 1, let g = same.first {
                groups[g].roles.formUnion(roles)
                if groups[g].initials == nil { groups[g].initials = initials }
                out[name] = Actor(side: nil, name: groups[g].name)
            } else {
                groups.append(Group(name: name, identity: identity, roles: roles, initials: initials))
                out[name] = Actor(side: nil, name: name)
            }
        }
        // Bare descriptions: the one named actor described so, else one side for each kind, named
        // as the report first writes it.
        var byRole: [SideWords.Role: String] = [:]
        for name in names where SideWords.identity(name).isEmpty {
            let roles = SideWords.roles(of: name, lowercaseOnly: false)
            guard let role = SideWords.Role.allCases.first(where: roles.contains) else { continue }
            let named = groups.filter { !$0.roles.isDisjoint(with: roles) && SideWords.mayBe(name, $0.identity) }
            if named.count == 1, let g = named.first {
                out[name] = Actor(side: nil, name: g.name)
            } else if named.isEmpty, roles.count == 1 {
                if byRole[role] == nil { byRole[role] = name }
                out[name] = Actor(side: nil, name: byRole[role] ?? name)
            }
        }
        return out
    }

    /// "Forces loyal to X", "fighters aligned with the X": the words before X join its reference,
    /// so that the group, not the object of "to" or "with", is the subject of the verb after it.
    mutating func extendLoyalTo() {
        for i in actorRefs.indices {
            let r = actorRefs[i]
            guard r.kind == .name || r.kind == .person || r.kind == .unknown, r.first >= 3, r.actor != nil else { continue }
            var f = r.first
            if f >= 4, w(f - 1) == "the", actorAt[f - 1] < 0, text.adjacent(f - 1) { f -= 1 }
            guard ClaimLexicon.allegianceWords.contains(w(f - 2)), w(f - 1) == "to" || w(f - 1) == "with",
                ClaimLexicon.militaryNouns.contains(w(f - 3)),
                actorAt[f - 1] < 0, actorAt[f - 2] < 0, actorAt[f - 3] < 0,
                text.adjacent(f - 2), text.adjacent(f - 1), text.adjacent(f) else { continue }
            for t in (f - 3)..<r.first { actorAt[t] = Int32(i) }
            actorRefs[i].first = f - 3
            actorRefs[i].written = surface(f - 3, r.last)
            if r.kind == .person { actorRefs[i].kind = .name }
        }
    }
}

extension DocumentReader {
    /// Whether the word before a generic word at `k` is a name it belongs to: capitalised inside a sentence.
    /// Whether a facility's noun follows token `k` ("the army base", "army barracks"): the generic
    /// word then names the facility, not a side.
    func facilityAfter(_ k: Int) -> Bool {
        k + 1 < tokens.count && text.adjacent(k + 1) && ClaimLexicon.facilityNouns.contains(w0(k + 1))
    }

    func genericAfterName(_ k: Int) -> Bool {
        guard k > 0, text.adjacent(k) else { return false }
        let before = tokens[k - 1]
        return before.isCapitalized && !before.startsSentence && w0(k - 1) != "the"
    }
}
