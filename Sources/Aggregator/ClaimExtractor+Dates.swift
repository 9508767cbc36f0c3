import Foundation
import Gazetteer

// MARK: Dates and history
extension DocumentReader {
    mutating func findDates(_ a: Int, _ b: Int) -> [DateMention] {
        var out: [DateMention] = []
        var k = a
        while k <= b {
            guard Lex.dateWords.contains(tokens[k].lowerHash) else { k += 1; continue }
            let word = w(k)
            if let wd = ClaimLexicon.weekdays[word] {
                var first = k
                var last = k
                var modifier = ""
                if k > a, ClaimLexicon.weekdayModifiers.contains(w(k - 1)) {
                    first = k - 1
                    modifier = w(k - 1)
                    if first > a, w(first - 1) == "on" || w(first - 1) == "earlier" || w(first - 1) == "later" { first -= 1 }
                }
                if k + 1 <= b, ClaimLexicon.dayParts.contains(w(k + 1)) { last = k + 1 }
                var iso: String?
                if let r = reportDate, modifier != "next" {
                    var back = (r.weekday - wd + 7) % 7
                    if modifier == "last" && back == 0 { back = 7 }
                    iso = r.adding(days: -back).iso
                }
                out.append(DateMention(first: first, last: last, iso: iso, text: surface(first, last)))
                k = last + 1
                continue
            }
            if let month = ClaimLexicon.months[word], word != "may" || (k + 1 <= b && Int(text.text(k + 1)) != nil) {
                // "Aug. 15, 2021", "August 15", "15 August 2021".
                var day: Int?
                var first = k
                var last = k
                var year: Int?
                if k + 1 <= b, let d = Int(text.text(k + 1)), (1...31).contains(d) {
                    day = d
                    last = k + 1
                    if k + 2 <= b, let y = Int(text.text(k + 2)), (1900...2100).contains(y) { year = y; last = k + 2 }
                } else if k > a, let d = Int(text.text(k - 1)), (1...31).contains(d) {
                    day = d
                    first = k - 1
                    if k + 1 <= b, let y = Int(text.text(k + 1)), (1900...2100).contains(y) { year = y; last = k + 1 }
                }
                if let day {
                    let y = year ?? inferYear(month: month, day: day)
                    let iso = y.flatMap { CivilDate(year: $0, month: month, day: day)?.iso }
                    out.append(DateMention(first: first, last: last, iso: iso, text: surface(first, last)))
                    k = last + 1
                    continue
                }
            }
            if let r = reportDate {
                if word == "yesterday" { out.append(DateMention(first: k, last: k, iso: r.adding(days: -1).iso, text: text.text(k))) }
                if word == "today" || word == "tonight" { out.append(DateMention(first: k, last: k, iso: r.iso, text: text.text(k))) }
                if word == "ago", k - 2 >= a, ["days", "day"].contains(w(k - 1)), let n = Int(w(k - 2)) ?? ClaimLexicon.numberWords[w(k - 2)] {
                    out.append(DateMention(first: k - 2, last: k, iso: r.adding(days: -n).iso, text: surface(k - 2, k)))
                }
            }
            k += 1
        }
        return out
    }

    /// The year of a day and month given without one: the report's (or the year before, if that
    /// would put it after the report); unknown when the report has no date.
    func inferYear(month: Int, day: Int) -> Int? {
        guard let r = reportDate else { return nil }
        if let d = CivilDate(year: r.year, month: month, day: day), d.dayNumber > r.dayNumber + 7 { return r.year - 1 }
        return r.year
    }

    /// Whether the words from `cs` to `ce` are about the past, not the current war.
    mutating func historical(_ cs: Int, _ ce: Int) -> Bool {
        // "more than a year after the RSF seized the city", "months since Russia took Bakhmut": an
        // earlier event the sentence measures time from.
        if ["after", "since"].contains(w(cs)), cs > 0,
            walk(from: max(0, cs - 3), upTo: cs).contains(where: { ClaimLexicon.elapsedTimeNouns.contains(w($0)) }) {
            return true
        }
        // "since 2016, when the opposition was driven out of the city": a "since" counts from the past.
        if w(cs) == "when", let year = walk(from: max(1, cs - 3), upTo: cs).first(where: { Int(w($0)).map { (1900...2100).contains($0) } == true }),
            w(year - 1) == "since" {
            return true
        }
        for k in walk(from: cs, through: ce) {
            let word = w(k)
            if ClaimLexicon.historicalWords.contains(word) { return true }
            if word == "long", k + 1 <= ce, ClaimLexicon.longHistoryWords.contains(w(k + 1)) { return true }
            if word == "first", k + 1 <= ce, w(k + 1) == "rule" { return true }
            guard let c = word.utf8.first, c >= 0x30, c <= 0x39 else { continue }
            let digits = word.split(whereSeparator: { !$0.isNumber })
            for d in digits {
                guard d.count == 4, let y = Int(d), (1900...2100).contains(y) else { continue }
                if word.hasSuffix("s"), d.count == 4 {
                    if let refYear { if y + 9 < refYear - 1 { return true } } else { return true }
                } else if let r = refYear, y < r - 1 {
                    return true
                }
            }
        }
        return false
    }
}
