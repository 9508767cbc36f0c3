import Foundation

extension Gazetteer {
    /// Up to `limit` places whose names are nearest a name the gazetteer does not have as written,
    /// for a "did you mean" hint: the candidates of the resolver's own loose matching
    /// (transliteration variants such as Panjsheer ~ Panjshir, one-letter slips in names of 7+
    /// letters) and names of 7+ letters within two edits that start with the same letter, fewest
    /// edits from the written name first (then the resolver's order).
    public func nearestNames(to name: String, limit: Int = 3) -> [(name: String, id: String)] {
        guard limit > 0 else { return [] }
        let written = Array(NameKey.normalized(name).utf8)
        var near: [(distance: Int, order: Int, name: String, id: String)] = []
        for (i, c) in candidates(for: name, limit: 20).enumerated() {
            near.append((Self.editDistance(written, Array(NameKey.normalized(c.name).utf8)), i, c.name, c.id))
        }
        if written.count >= 6, let first = written.first {
            var spelled: [(distance: Int, name: String, place: Int32)] = []
            for length in max(7, written.count - 2)...(written.count + 2) {
                forEachSpellingName(in: Self.bucket(first: first, length: length)) { place, letters in
                    let d = Self.editDistance(written, Array(letters))
                    if d <= 2 { spelled.append((d, String(decoding: letters, as: UTF8.self), place)) }
                }
            }
            spelled.sort { ($0.distance, $0.name, $0.place) < ($1.distance, $1.name, $1.place) }
            for (i, s) in spelled.prefix(20).enumerated() where places.indices.contains(Int(s.place)) {
                let p = places[Int(s.place)]
                near.append((s.distance, 100 + i, p.name, p.id))
            }
        }
        near.sort { ($0.distance, $0.order) < ($1.distance, $1.order) }
        var seen = Set<String>()
        var out: [(name: String, id: String)] = []
        for n in near where out.count < limit && seen.insert(n.id).inserted { out.append((n.name, n.id)) }
        return out
    }
}
