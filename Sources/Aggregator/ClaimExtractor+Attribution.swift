import Foundation
import Gazetteer

/// The sentence a search for statements reads: its index `si`, its words `a…b`, and the actors it names.
struct SentenceSpan {
    var si: Int
    var a: Int
    var b: Int
    var refs: [ActorRef]
}

// MARK: Attribution
extension DocumentReader {
    mutating func findSpeeches(_ si: Int, _ a: Int, _ b: Int, _ refs: [ActorRef]) -> [Speech] {
        let span = SentenceSpan(si: si, a: a, b: b, refs: refs)
        var out: [Speech] = []
        var k = a
        while k <= b {
            guard ClaimLexicon.cueHashes.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            defer { k += 1 }
            if word == "according", k + 1 <= b, w(k + 1) == "to" {
                if let s = accordingToSpeech(k, span) { out.append(s) }
                continue
            }
            if (word == "rumours" || word == "rumors" || word == "rumour" || word == "rumor"), let that = walk(from: k + 1, through: min(b, k + 4)).first(where: { w($0) == "that" }) {
                let speaker = Speaker(actor: nil, text: text.text(k), thirdParty: true)
                out.append(Speech(verb: k, contentStart: that + 1, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: text.text(k), before: true))
                out[out.count - 1].speakerRange = (k, k)
                continue
            }
            guard ClaimLexicon.speech.contains(word), word != "according" else { continue }
            if k - 2 >= a, w(k - 2) == "according", w(k - 1) == "to" { continue }
            let determiners = ClaimLexicon.speechNounDeterminers
            let isNoun = k > a && determiners.contains(w(k - 1))
            let denial = ClaimLexicon.denial.contains(word)
            if isNoun && !denial {
                if let s = claimsNounSpeech(k, span) { out.append(s) }
                continue
            }
            if ClaimLexicon.showingVerbs.contains(word) {
                if let s = evidenceSpeech(k, span) { out.append(s) }
                continue
            }
            out.append(verbSpeech(k, span, denial: denial))
        }
        for s in out {
            if let sp = s.speaker, !sp.thirdParty || sp.actor != nil || !sp.text.isEmpty {
                lastSpeaker = sp
                lastSpeakerSentence = si
            }
        }
        return out
    }

    /// A statement "according to" someone: "according to the ministry, …", "… , according to local
    /// sources". It covers the sentence; its speaker runs to the next comma, full stop or clause word.
    mutating func accordingToSpeech(_ k: Int, _ s: SentenceSpan) -> Speech? {
        let b = s.b
        var e = k + 2
        while e + 1 <= b, !gap(e + 1).has(","), !gap(e + 1).has("."), !ClaimLexicon.clauseBreakers.contains(w(e + 1)) { e += 1 }
        guard k + 2 <= b else { return nil }
        let speaker = resolveSpeaker(k + 2, min(e, b), s.refs, s.si, preferLast: false)
        var speech = Speech(verb: k, contentStart: s.a, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: nil, before: false)
        speech.speakerRange = (k + 2, min(e, b))
        return speech
    }

    /// A statement a noun introduces, its speaker named in the noun phrase: "Russian claims that …".
    /// Nil: the noun opens no statement ("the claims were …").
    mutating func claimsNounSpeech(_ k: Int, _ s: SentenceSpan) -> Speech? {
        let a = s.a, b = s.b
        // "claims that…": a statement whose speaker is named in the noun phrase ("Russian claims that…").
        guard k + 1 <= b, w(k + 1) == "that" else { return nil }
        let speaker = resolveSpeaker(max(a, k - 3), k - 1, s.refs, s.si, preferLast: true)
        var speech = Speech(verb: k, contentStart: k + 2, contentEnd: b, speaker: speaker, negated: false, denial: false,
                            hedge: ClaimLexicon.hedgingSpeech.contains(w(k)) ? text.text(k) : nil, before: true)
        speech.speakerRange = (max(a, k - 3), k - 1)
        return speech
    }

    /// What evidence shows: "footage shows …", "satellite images appeared to show …" (a hedge); the
    /// speaker is whoever the evidence is of, else the evidence itself. Nil: no evidence noun before.
    mutating func evidenceSpeech(_ k: Int, _ s: SentenceSpan) -> Speech? {
        let a = s.a, b = s.b
        let evidence = ClaimLexicon.evidenceNouns
        guard let noun = walk(from: max(a, k - 8), upTo: k).first(where: { evidence.contains(w($0)) }) else { return nil }
        var hedge: String?
        if k - 2 >= a, w(k - 1) == "to", ClaimLexicon.evidenceSeemingVerbs.contains(w(k - 2)) {
            hedge = surface(k - 2, k - 1)
        }
        var speaker = resolveSpeaker(max(a, noun - 3), noun, s.refs, s.si, preferLast: true)
        if speaker == nil { speaker = Speaker(actor: nil, text: surface(max(a, noun - 1), noun), thirdParty: true) }
        var speech = Speech(verb: k, contentStart: k + 1, contentEnd: b, speaker: speaker, negated: false, denial: false, hedge: hedge, before: true)
        speech.speakerRange = (max(a, noun - 3), noun)
        return speech
    }

    /// The statement of a speech verb: after it ("…, said an NRF source", "…,” the source added"),
    /// before a speaker after a quote ("… captured X, the ministry said"), or, most often, after its
    /// subject ("X said (that) …").
    mutating func verbSpeech(_ k: Int, _ s: SentenceSpan, denial: Bool) -> Speech {
        let a = s.a, b = s.b
        let word = w(k)
        var negated = false
        for j in walk(from: max(a, k - 3), upTo: k) where ClaimLexicon.negations.contains(w(j)) || w(j).hasSuffix("n't") {
            // ("… is not true, said the spokesman": a negation before the comma is the statement's, not the verb's.)
            if walk(from: j + 1, through: k).contains(where: { gap($0).has(",") || gap($0).has("”") || gap($0).has("\"") }) { continue }
            negated = true
        }
        let hedge = ClaimLexicon.hedgingSpeech.contains(word) ? text.text(k) : nil
        // "…, said an NRF source." (inverted) or "…,” the source added." (after the statement).
        let g = gap(k)
        // (Words after a comma that follows are an afterthought, not the statement: "…, the government
        // said, the latest sign of the government retaking territory it recently lost.")
        // (A quotation opening after the verb is the statement: "stated, “Until early morning, Fano …".)
        let quoteAfter = k + 1 <= b && (gap(k + 1).has("\"") || gap(k + 1).has("“"))
        let afterthought = quoteAfter ? b + 1 : walk(from: k + 1, through: b).first { gap($0).has(",") } ?? b + 1
        let hasTriggerAfter = k < b && walk(from: k + 1, upTo: afterthought).contains { ClaimLexicon.triggers[w($0)] != nil || w($0) == "that" }
        if k > a, g.has(",") || g.has("”") || g.has("\""), !hasTriggerAfter {
            var e = k + 1
            while e + 1 <= b, !gap(e + 1).has(","), !gap(e + 1).has("."), !ClaimLexicon.speakerPhraseEnders.contains(w(e + 1)) { e += 1 }
            let speaker = k + 1 <= b ? resolveSpeaker(k + 1, min(e, b), s.refs, s.si, preferLast: false) : nil
            var speech = Speech(verb: k, contentStart: a, contentEnd: k - 1, speaker: speaker, negated: negated, denial: denial, hedge: hedge, before: false)
            speech.speakerRange = (k + 1, min(e, b))
            return speech
        }
        var npStart = k - 1
        while npStart > a, k - npStart < 9 {
            let gg = gap(npStart)
            if gg.has(",") || gg.has("”") || gg.has("\"") || gg.has("“") { break }
            npStart -= 1
        }
        let statementBefore = npStart > a && walk(from: a, upTo: npStart).contains { ClaimLexicon.triggers[w($0)] != nil }
        if npStart > a, statementBefore, !hasTriggerAfter, !walk(from: npStart, upTo: k).contains(where: { ClaimLexicon.speech.contains(w($0)) }) {
            let speaker = resolveSpeaker(npStart, k - 1, s.refs, s.si, preferLast: true)
            var speech = Speech(verb: k, contentStart: a, contentEnd: npStart - 1, speaker: speaker, negated: negated, denial: denial, hedge: hedge, before: false)
            speech.speakerRange = (npStart, k - 1)
            return speech
        }
        var speech = subjectSpeech(k, s, denial: denial)
        speech.negated = negated
        speech.hedge = hedge
        return speech
    }

    /// "X said (that) …": the speaker is the subject before the verb (else the last speaker), the
    /// statement follows it, past a listener ("told Reuters"); a denial of "these claims" refers back.
    mutating func subjectSpeech(_ k: Int, _ s: SentenceSpan, denial: Bool) -> Speech {
        let a = s.a, b = s.b, refs = s.refs
        let word = w(k)
        var subjectStart = k - 1
        while subjectStart > a, !ClaimLexicon.clauseBreakers.contains(w(subjectStart)), !gap(subjectStart).has(";") { subjectStart -= 1 }
        if ClaimLexicon.clauseBreakers.contains(w(subjectStart)) { subjectStart += 1 }
        // "The RSF, which has been battling Sudan's army since April, said": the speaker is the name
        // the relative clause describes, not a name inside it.
        // (A clause word inside the relative clause, "who are backed by Kigali", "since April", does
        // not end the subject.)
        var subjectEnd = k - 1
        // (The clause closes at the verb: "As Taliban fighters, who took Kabul, advanced, the NRF said"
        // has another clause between.)
        if let rel = relativeClauseStart(after: a, before: k, refs),
           !walk(from: rel, upTo: k).contains(where: { gap($0).has(";") || ClaimLexicon.speech.contains(w($0)) }),
           !walk(from: rel + 1, upTo: k).contains(where: { gap($0).has(",") }) {
            subjectEnd = rel - 1
            subjectStart = min(subjectStart, subjectEnd)
            while subjectStart > a, !ClaimLexicon.clauseBreakers.contains(w(subjectStart)), !gap(subjectStart).has(";") { subjectStart -= 1 }
            if ClaimLexicon.clauseBreakers.contains(w(subjectStart)), subjectStart < subjectEnd { subjectStart += 1 }
        }
        let speaker = subjectStart <= subjectEnd ? resolveSpeaker(subjectStart, subjectEnd, refs, s.si, preferLast: true) : (lastSpeaker)
        var contentStart = k + 1
        if word == "told" || word == "tells" || word == "tell" {
            // Skip the listener: "told Reuters", "told the BBC".
            while contentStart <= b, contentStart <= k + 3, tokens[contentStart].isCapitalized || w(contentStart) == "the" { contentStart += 1 }
        }
        var anaphoric = false
        if denial, contentStart <= b {
            let next = w(contentStart)
            let nextNext = contentStart + 1 <= b ? w(contentStart + 1) : ""
            anaphoric = ClaimLexicon.statementPronouns.contains(next) && contentStart + 1 > b
                || (ClaimLexicon.statementDeterminers.contains(next)
                    && ClaimLexicon.deniedStatementNouns.contains(nextNext))
        }
        var speech = Speech(verb: k, contentStart: contentStart, contentEnd: b, speaker: speaker, negated: false, denial: denial,
                            hedge: nil, before: true, anaphoric: anaphoric)
        if subjectStart <= k - 1 {
            let hasVerb = walk(from: subjectStart, upTo: k).contains { ClaimLexicon.triggers[w($0)].map { !$0.noun } == true && actorAt[$0] < 0 }
            if !hasVerb { speech.speakerRange = (subjectStart, k - 1) } else if let r = refs.last(where: { $0.first >= subjectStart && $0.last < k }) { speech.speakerRange = (r.first, r.last) }
        }
        return speech
    }

    /// The first relative pronoun ("that", "which", "who") in `s..<e` right after a side's name
    /// (or after a comma after it): where a clause describing the name begins.
    func relativeClauseStart(after s: Int, before e: Int, _ refs: [ActorRef]) -> Int? {
        for r in refs where r.first >= s && r.last + 1 < e && r.actor != nil && r.kind != .pronoun && r.kind != .firstPerson {
            let p = r.last + 1
            if ClaimLexicon.relativePronouns.contains(w0(p)) { return p }
        }
        return nil
    }

    /// Who the words `s...e` name as a speaker.
    mutating func resolveSpeaker(_ s: Int, _ e: Int, _ refs: [ActorRef], _ si: Int, preferLast: Bool) -> Speaker? {
        guard s <= e else { return nil }
        // A side named where the speaker is ("the former governing party in Ethiopia's Tigray
        // region said") is not the speaker; one it speaks for ("a spokesman for the Taliban") is.
        let inside = refs.filter { r in
            guard r.first >= s && r.last <= e else { return false }
            // (Only a place standing for its side: "Ethiopia's", "Kyiv"; "a source from within the group" speaks for it.)
            guard r.kind == .speaker || mentionAt[r.first] else { return true }
            var p = r.first - 1
            if p >= s, w(p) == "the" { p -= 1 }
            return !(p >= s && ClaimLexicon.placingPrepositions.contains(w(p)))
        }
        let ordered = preferLast ? inside.reversed() : inside
        // A side's name, a person of the side, a metonym ("Kyiv said"), or an army no profile names.
        if let r = ordered.first(where: { [.name, .adjective, .person, .speaker, .unknown].contains($0.kind) }), let actor = r.actor {
            var text = phrase(s, e)
            if text.split(separator: " ").count > 8 {
                let start = r.first > s && ClaimLexicon.plainArticles.contains(w(r.first - 1)) ? r.first - 1 : r.first
                text = surface(start, r.last)
            }
            return Speaker(actor: actor, text: text, thirdParty: false)
        }
        let recent = si - lastSpeakerSentence <= 4 ? lastSpeaker : nil
        for k in (preferLast ? Array(walk(from: s, through: e).reversed()) : Array(walk(from: s, through: e))) {
            let word = w(k)
            if ClaimLexicon.thirdPartyWords.contains(word) {
                if word == "outlet" || word == "outlets" { return recent.flatMap { $0.thirdParty ? $0 : nil } ?? Speaker(actor: nil, text: phrase(s, e), thirdParty: true) }
                return Speaker(actor: nil, text: phrase(s, e), thirdParty: true)
            }
            if ClaimLexicon.speakerPronouns.contains(word) || ClaimLexicon.speakerDescriptions.contains(word) && k > s && ClaimLexicon.referringDeterminers.contains(w(k - 1)) {
                if let recent { return Speaker(actor: recent.actor, text: phrase(s, e), thirdParty: recent.thirdParty) }
                if let r = ordered.first(where: { $0.kind == .pronoun || $0.kind == .description }), let actor = r.actor {
                    return Speaker(actor: actor, text: phrase(s, e), thirdParty: false)
                }
                return Speaker(actor: lastActor, text: phrase(s, e), thirdParty: lastActor == nil)
            }
        }
        if let r = ordered.first(where: { $0.kind == .description || $0.kind == .pronoun }), let actor = r.actor {
            return Speaker(actor: actor, text: phrase(s, e), thirdParty: false)
        }
        // Anyone else named: an official of another country, a former president.
        if walk(from: s, through: e).contains(where: { tokens[$0].isCapitalized && !tokens[$0].startsSentence }) || walk(from: s, through: e).contains(where: { tokens[$0].isCapitalized && WordClass.of(tokens[$0]) & WordClass.common == 0 }) {
            return Speaker(actor: nil, text: phrase(s, e), thirdParty: true)
        }
        return nil
    }

    /// Words `s...e` as a speaker's name: without a leading phrase of time or manner ("Earlier on
    /// Thursday, Fahim Dashti…", "In an audio message, an NRF spokesperson…") or trailing auxiliaries ("had").
    mutating func phrase(_ s: Int, _ e: Int) -> String {
        var from = s
        var k = s + 1
        while k <= e {
            if gap(k).has(",") {
                let names = walk(from: from, upTo: k).contains { actorAt[$0] >= 0 || (tokens[$0].isCapitalized && $0 > from && WordClass.of(tokens[$0]) & WordClass.common == 0) }
                if names { break }
                from = k
            }
            k += 1
        }
        var to = e
        let trailing = ClaimLexicon.speakerTrailingWords
        while to > from, trailing.contains(w(to)) || ClaimLexicon.weekdays[w(to)] != nil { to -= 1 }
        let text = surface(from, to)
        // "The Syrian Observatory for Human Rights (SOHR)": the bracket the last word opened closes.
        let open = text.filter { $0 == "(" }.count, closed = text.filter { $0 == ")" }.count
        return open > closed && to + 1 < tokens.count && gap(to + 1).has(")") ? text + ")" : text
    }

    /// The statement a token belongs to: the nearest "X said…" before it, else a later "…, X said", else "according to".
    func governingSpeech(_ k: Int, _ speeches: [Speech]) -> Speech? {
        if let s = speeches.filter({ $0.before && $0.contentStart <= k && k <= $0.contentEnd }).max(by: { $0.verb < $1.verb }) { return s }
        if let s = speeches.filter({ !$0.before && $0.contentStart <= k && k <= $0.contentEnd && $0.verb > k && w0($0.verb) != "according" }).min(by: { $0.verb < $1.verb }) { return s }
        return speeches.first { !$0.before && $0.contentStart <= k && k <= $0.contentEnd }
    }
}
