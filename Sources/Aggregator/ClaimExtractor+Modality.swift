import Foundation
import Gazetteer

// MARK: Modality: passives, attempts and negation
extension DocumentReader {
    /// "was captured", "were pushed back", "to be conquered", "has been retaken".
    mutating func isPassive(_ k: Int, _ cs: Int) -> Bool {
        let word = w(k)
        let participle = word.hasSuffix("ed") || ClaimLexicon.irregularParticiples.contains(word)
        guard participle else { return false }
        var p = k - 1
        while p >= cs, ClaimLexicon.passiveAdverbs.contains(w(p)) {
            if w(p) == "been" || w(p) == "being" { return true }
            p -= 1
        }
        return p >= cs && ClaimLexicon.passiveAuxiliaries.contains(w(p))
    }

    /// "moves to capture", "attempts to enter", "to be conquered": an action tried, not done.
    mutating func isAttempt(_ k: Int, _ cs: Int) -> Bool {
        var p = k - 1
        if p >= cs, w(p) == "be" { p -= 1 }
        guard p >= cs, w(p) == "to" else {
            // "in their quest to overrun", "the push to take" are caught above; "attempt at capturing" here.
            if p >= cs, ClaimLexicon.attemptNouns.contains(w(p)) { return true }
            return false
        }
        if p + 1 < k, w(p + 1) == "have" { return false }
        var q = p - 1
        while q >= cs, ClaimLexicon.auxiliaries.contains(w(q)) || ClaimLexicon.attemptModifiers.contains(w(q)) { q -= 1 }
        if q >= cs, ClaimLexicon.reportingBeforeInfinitive.contains(w(q)) { return false }
        if q >= cs, ClaimLexicon.compulsionVerbs.contains(w(q)) { return false }
        // "the first major urban hub to fall to Russian troops": a relative infinitive after
        // "first", "last" or "only", which says what happened, not what was tried.
        // ("the last major territory to be conquered" is still to come: not after a passive "to be".)
        if w(k - 1) != "be", let o = walk(from: max(cs, p - 5), upTo: p).last(where: { ClaimLexicon.ordinalWords.contains(w($0)) }),
            !walk(from: o + 1, upTo: p).contains(where: { ClaimLexicon.timeNouns.contains(w($0)) }), p - o >= 2 {
            return false
        }
        return true
    }

    /// A wish, a plan or what is about to happen, not an action: "wanting to seize X", "are set to
    /// control X", "concentrating on capturing X", "the looming battle for X". No claim at all (an
    /// attempt, "moves to capture", is an attack; an intention is not yet one).
    mutating func isIntention(_ k: Int, _ cs: Int) -> Bool {
        var p = k - 1
        if p >= cs, w(p) == "be" { p -= 1 }
        if p >= cs, w(p) == "to" {
            var q = p - 1
            while q >= cs, ClaimLexicon.intentionAdverbs.contains(w(q)) { q -= 1 }
            return q >= cs && ClaimLexicon.intentionWords.contains(w(q))
        }
        // "concentrating on capturing", "intent on taking", "plans for seizing".
        if w(k).hasSuffix("ing"), p >= cs, ClaimLexicon.intentionPrepositions.contains(w(p)) {
            return p - 1 >= cs && ClaimLexicon.intentionWords.contains(w(p - 1))
        }
        // "the looming battle for", "an expected major offensive on".
        var q = p
        while q >= cs, ClaimLexicon.actionNounModifiers.contains(w(q)) { q -= 1 }
        return q >= cs && ClaimLexicon.futureModifiers.contains(w(q)) && ClaimLexicon.triggers[w(k)]?.noun == true
    }

    /// "There was no indication that forces had entered X": the clause before the action says nothing
    /// shows it.
    mutating func unconfirmed(_ k: Int, _ cs: Int) -> Bool {
        for j in walk(from: cs, upTo: k) where w(j) == "no" && j + 2 < k && ClaimLexicon.unconfirmedNouns.contains(w(j + 1))
            && w(j + 2) == "that" {
            return true
        }
        return false
    }

    /// "trying to get into the region and take control": the attempt carries over "and".
    mutating func inheritsAttempt(_ k: Int, _ cs: Int) -> Bool {
        guard k - 1 >= cs, w(k - 1) == "and" else { return false }
        for j in stride(from: k - 2, through: cs, by: -1) where ClaimLexicon.triggers[w(j)] != nil || ClaimLexicon.movementVerbs.contains(w(j)) {
            return isAttempt(j, cs)
        }
        return false
    }

    /// A negation before the verb: `"failed"` for a failed attempt, `"not"` for a plain negation.
    mutating func negation(_ k: Int, _ cs: Int) -> String? {
        let from = max(cs, k - 4)
        guard from < k else { return nil }
        for j in walk(from: from, upTo: k) {
            let word = w(j)
            if ClaimLexicon.failureWords.contains(word) || (word == "could" && j + 1 < k && w(j + 1) == "not")
                || (word == "did" && j + 2 < k && w(j + 1) == "not" && w(j + 2) == "manage") {
                return "failed"
            }
        }
        for j in walk(from: from, upTo: k) {
            let word = w(j)
            if word == "not" || word == "never" || word.hasSuffix("n't") || (word == "no" && j + 1 < k && w(j + 1) == "longer") { return "not" }
        }
        return nil
    }
}
