import Foundation
import Gazetteer

/// Where a trigger stands: its word `k`, the sentence `a…b` and the clause `cs…ce` around it.
struct TriggerSpan {
    var k: Int
    var trigger: Trigger
    var a: Int
    var b: Int
    var cs: Int
    var ce: Int
}

/// The words right after a trigger verb, before its object: where the object starts, and whether
/// they said "control", "back" or a part ("took control of", "pushed back", "parts of").
struct TriggerObject {
    var start: Int
    var sawControl = false
    var sawBack = false
    var sawPart = false
}

/// What a trigger states as it is read: its action and words, whether its subject is the one pushed
/// back, and who denies it.
struct TriggerReading {
    var action: ClaimAction
    var text: String
    var pushedPatient = false
    var deniedBy: Speaker?
    /// The rule the form makes (``ClaimRule``): entryAsCapture, attemptAsAttack, negatedAsDenial.
    var rule: String?
}

// MARK: Triggers: the object, the form and the modality of a trigger
extension DocumentReader {
    /// The words between the verb and its object: "took [full] control of X", "pushed back from X",
    /// "captured parts of X". A "control" word is marked handled, so it is not read as a trigger again.
    mutating func triggerObject(_ s: TriggerSpan, _ handled: inout Set<Int>) -> TriggerObject {
        var object = TriggerObject(start: s.k + 1)
        let skip = Self.skipOrPartWords
        while object.start <= s.ce, skip.contains(w(object.start)) {
            if w(object.start) == "control" { object.sawControl = true; handled.insert(object.start) }
            if w(object.start) == "back" { object.sawBack = true }
            // ("the eastern city of Izium" locates all of it: a direction word before a unit's noun is no part.)
            if ClaimLexicon.objectPartWords.contains(w(object.start)), !["to", "on"].contains(w(object.start)),
               !(ClaimLexicon.movingPartWords.contains(w(object.start)) && s.trigger.action == .holds),
               !(ClaimLexicon.sideOfPlaceWords.contains(w(object.start)) && ClaimLexicon.unitNouns.contains(w(object.start + 1))) {
                object.sawPart = true
            }
            object.start += 1
        }
        return object
    }

    /// What the form of the trigger adds to it: "under Taliban control" (holds), the object a weak verb
    /// needs ("took Kabul", "lost control of"), the particle of "pulled back" and of "pushed back".
    /// False: the trigger states no claim here.
    mutating func readTriggerForm(_ s: TriggerSpan, _ object: TriggerObject, _ places: [PlaceRef],
                                  _ r: inout TriggerReading, _ handled: inout Set<Int>) -> Bool {
        if s.trigger.special == .under {
            // "under Taliban control", "under the control of Russian forces".
            guard let c = walk(from: s.k + 1, through: min(s.b, s.k + 4)).first(where: { ClaimLexicon.controlNouns.contains(w($0)) }) else { return false }
            handled.insert(c)
            r.action = .holds
            r.text = surface(s.k, c)
        }
        if s.trigger.needsObject, !readNeededObject(s, object, places, &r) { return false }
        if s.trigger.special == .pullBack {
            guard let particle = walk(from: s.k + 1, through: min(s.ce, s.k + 2)).first(where: { ClaimLexicon.pullBackParticles.contains(w($0)) }) else { return false }
            r.text = surface(s.k, particle)
        }
        if s.trigger.special == .pushBack { readPushBack(s, object, places, &r) }
        return true
    }

    /// The object a weak verb needs to state a claim: a place right after it ("took Kabul", "took the
    /// town"), or a place later after "control", "out", "ground", "firm", "positions" ("took control of
    /// the town", "lost ground in X"). False: none, or a loss of no place ("lost the battle").
    mutating func readNeededObject(_ s: TriggerSpan, _ object: TriggerObject, _ places: [PlaceRef], _ r: inout TriggerReading) -> Bool {
        let k = s.k, objectStart = object.start
        let word = w(k)
        let objectIsPlace = places.contains { ($0.first == objectStart || ($0.isDescription && $0.first == objectStart - 1)) && !$0.excluded }
            || places.contains { $0.quantity != nil && $0.first == objectStart }
        let laterPlace = (object.sawControl || ClaimLexicon.laterObjectWords.contains(where: { x in walk(from: k + 1, upTo: objectStart).contains { w($0) == x } }))
        if !objectIsPlace && !laterPlace { return false }
        if object.sawControl {
            var e = objectStart - 1
            while e > k, ClaimLexicon.controlPhraseModifiers.contains(w(e)) { e -= 1 }
            r.text = surface(k, e)
        }
        if word == "lost" || word == "lose" || word == "loses" || word == "losing", !object.sawControl, !objectIsPlace { return false }
        // "took up positions in X": forces are in part of X, which is a holding, not a capture.
        if r.action == .captured, !object.sawControl, walk(from: k + 1, upTo: objectStart).contains(where: { w($0) == "positions" }) {
            r.action = .holds
        }
        return true
    }

    /// "pushed back": the pusher holds the place, or regains it when they were pushed "from" it
    /// ("pushed Russian forces back from Kharkiv"); "were pushed back" makes the subject the one pushed.
    mutating func readPushBack(_ s: TriggerSpan, _ object: TriggerObject, _ places: [PlaceRef], _ r: inout TriggerReading) {
        let k = s.k, ce = s.ce
        let back = object.sawBack || walk(from: k + 1, through: min(ce, k + 5)).contains { w($0) == "back" }
        guard back else { return }
        if let end = walk(from: k + 1, through: min(ce, k + 5)).first(where: { w($0) == "back" }) { r.text = surface(k, end) }
        let hasFrom = walk(from: k + 1, through: ce).contains { w($0) == "from" } && !placeRefs(places, from: k + 1, to: ce).isEmpty
        r.action = hasFrom ? .regained : .holds
        r.pushedPatient = isPassive(k, s.cs)
    }

    /// What attempts, negations and hypotheses make of the action: "moves to capture" (an attack),
    /// "could not advance" (a failed attack), "X \"did not fall\" to Y, Z said" (Z denies it), "did
    /// not capture", "would capture" (nothing). False: the trigger states no claim.
    mutating func readModality(_ s: TriggerSpan, _ places: [PlaceRef], _ speech: Speech?, _ r: inout TriggerReading) -> Bool {
        let k = s.k, cs = s.cs, ce = s.ce
        // Wishes, plans and what is to come: "wanting to seize", "set to control", "the looming battle for".
        if isIntention(k, cs) || unconfirmed(k, max(s.a, k - 14)) { return false }
        // Attempts: "moves to capture", "attempts to enter", "to be conquered by".
        if isAttempt(k, cs) || inheritsAttempt(k, cs) {
            if r.action == .captured || r.action == .regained { r.action = .attacked; r.rule = "attemptAsAttack" }
            if r.action == .lost { return false }
        } else if entersSettlement(k, cs, ce, places) {
            r.action = .captured
            r.rule = "entryAsCapture"
        }
        // Negation: "could not advance" (an attack that failed), "did not capture" (nothing).
        if let neg = negation(k, cs) {
            if neg == "failed" && (r.action == .captured || r.action == .regained || r.action == .attacked) {
                if r.action != .attacked { r.rule = "attemptAsAttack" }
                r.action = .attacked
            } else if neg == "not", r.action == .captured || r.action == .regained || r.action == .lost, let sp = speech?.speaker,
                sp.actor != nil || !sp.text.isEmpty {
                // "X \"did not completely fall\" to Y, Z said": Z denies that Y took X.
                r.deniedBy = sp
                r.rule = "negatedAsDenial"
            } else {
                return false
            }
        } else if hypothetical(k, cs, ce) {
            return false
        }
        return true
    }
}
