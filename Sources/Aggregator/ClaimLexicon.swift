import Gazetteer

/// What a claim says an actor did at a place.
public enum ClaimAction: String, Sendable, Hashable, Codable, CaseIterable {
    case captured, holds, regained, lost, attacked, contested, withdrew
}

/// A word or phrase that states an action, and how it behaves.
struct Trigger: Sendable {
    var action: ClaimAction
    /// Needs a place (or "control") right after it: "took Kabul", "took control of", not "took hostages".
    var needsObject = false
    /// Strikes from a distance (shelling, missiles): the place is attacked, not fought over on the ground.
    var ranged = false
    /// Forces present at a place rather than control of it ("patrol", "stationed", "fighters in").
    var presence = false
    /// A noun ("takeover", "assault"): its actor is a possessive or a name just before it.
    var noun = false
    /// A form of "push back" / "fall": handled by its own rules.
    var special: Special = .none

    enum Special: Sendable { case none, pushBack, pullBack, fall, control, holdout, under, expel }
}

/// The words the claim reader knows, all lowercase. The trigger table and every word set, map and
/// kind set are data: Sources/Aggregator/Lexicons/claim-lexicon.json, from which
/// Scripts/build-claim-lexicon.py generates ClaimLexicon+Generated*.swift. Only what is computed
/// from them is written here.
enum ClaimLexicon {
    static let groupNounHashes: Set<UInt64> = Set(groupNouns.map { WordHash.lowerHash($0) })
    static let triggerHashes: Set<UInt64> = Set(triggers.keys.map { WordHash.lowerHash($0) })
    /// Words that may stand for a place without naming it ("the valley", "three districts").
    static let placeWordHashes: Set<UInt64> = Set((Array(descriptionKinds.keys) + Array(areaNouns)).map { WordHash.lowerHash($0) })

    /// Hashes of every word a claim may hinge on: a sentence without one is skipped.
    static let cueHashes: Set<UInt64> = {
        var words = Set(triggers.keys)
        words.formUnion(speech)
        words.formUnion(hedgeWords)
        words.formUnion(verifyWords)
        words.formUnion(["rumours", "rumors", "according"])
        return Set(words.map { WordHash.lowerHash($0) })
    }()
}
