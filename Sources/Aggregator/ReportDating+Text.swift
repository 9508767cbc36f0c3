import Foundation

/// A day and month read from text, with the year when the text gives one.
struct TextDate: Sendable, Hashable {
    var year: Int?
    var month: Int
    var day: Int

    /// The calendar date, when the year is known and the date exists.
    var civil: CivilDate? { year.flatMap { CivilDate(year: $0, month: month, day: day) } }

    /// The date with a year taken from a reference date when it has none: of the reference's
    /// year and the years either side, the one that puts it nearest the reference, within half a
    /// year (a December dateline in a file named for the 1st of January is from the year before).
    /// Nothing when no such day exists (the 29th of February near a year that has none).
    func anchored(to reference: CivilDate) -> CivilDate? {
        if year != nil { return civil }
        let near = [reference.year - 1, reference.year, reference.year + 1].compactMap { CivilDate(year: $0, month: month, day: day) }
        return near.filter { abs($0.dayNumber - reference.dayNumber) <= 183 }
            .min { abs($0.dayNumber - reference.dayNumber) < abs($1.dayNumber - reference.dayNumber) }
    }
}

/// A piece of a line of text: a word (lowercased, letters only), a number, or one other character.
enum DateToken: Sendable, Hashable {
    case word(String)
    case number(String)
    case mark(Character)

    /// The tokens of a text; white space separates them and is dropped.
    static func tokens(_ text: Substring) -> [DateToken] {
        var out: [DateToken] = []
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c.isWhitespace {
                i = text.index(after: i)
            } else if c.isLetter {
                let end = text[i...].firstIndex { !$0.isLetter } ?? text.endIndex
                out.append(.word(text[i..<end].lowercased()))
                i = end
            } else if c.isASCII && c.isNumber {
                let end = text[i...].firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
                out.append(.number(String(text[i..<end])))
                i = end
            } else {
                out.append(.mark(c))
                i = text.index(after: i)
            }
        }
        return out
    }
}

/// Reads dates as news text writes them: "5 October 2024", "Oct. 5, 2024", "Sat 30 Nov 2024",
/// "2024-10-05", each perhaps with a time and a time zone after it.
struct DateTokenReader {
    let tokens: [DateToken]
    var at = 0

    init(_ tokens: [DateToken], at: Int = 0) {
        self.tokens = tokens
        self.at = at
    }

    var atEnd: Bool { at >= tokens.count }

    func peek(_ offset: Int = 0) -> DateToken? {
        let k = at + offset
        return k >= 0 && k < tokens.count ? tokens[k] : nil
    }

    func word(_ offset: Int = 0) -> String? {
        if case .word(let w)? = peek(offset) { return w }
        return nil
    }

    func number(_ offset: Int = 0) -> String? {
        if case .number(let n)? = peek(offset) { return n }
        return nil
    }

    func isMark(_ offset: Int = 0, _ marks: String) -> Bool {
        if case .mark(let m)? = peek(offset) { return marks.contains(m) }
        return false
    }

    /// Steps over one of the marks, if it is next.
    mutating func skip(_ marks: String) {
        if isMark(0, marks) { at += 1 }
    }

    /// A date starting here (stepping over it), or nothing (staying put).
    mutating func date() -> TextDate? {
        let start = at
        if let iso = isoDate() { return iso }
        if let w = word(), ReportDating.weekdays[w] != nil {
            at += 1
            skip(".")
            skip(",")
        }
        if let d = dayMonth() ?? monthDay() { return d }
        at = start
        return nil
    }

    /// "2024-10-05" (or with slashes), perhaps with a "T" and a time after it.
    mutating func isoDate() -> TextDate? {
        guard let y = number(), y.count == 4, let year = Int(y), isMark(1, "-/"), let m = number(2), m.count <= 2,
            isMark(3, "-/"), let d = number(4), d.count <= 2, let month = Int(m), let day = Int(d),
            case .mark(let first)? = peek(1), case .mark(let second)? = peek(3), first == second else { return nil }
        at += 5
        // "2024-10-05T14:02:00Z": the "T" is read as a word joined to the hour.
        if let w = word(), w == "t" { at += 1 }
        return TextDate(year: year, month: month, day: day)
    }

    /// "5 October 2024", "5th Oct. 2024", "30 Nov".
    mutating func dayMonth() -> TextDate? {
        let start = at
        guard let day = dayNumber() else { return nil }
        guard let month = monthName() else {
            at = start
            return nil
        }
        skip(",")
        return TextDate(year: year(), month: month, day: day)
    }

    /// "October 5, 2024", "Oct. 5 2024", "Dec. 1".
    mutating func monthDay() -> TextDate? {
        let start = at
        guard let month = monthName(), let day = dayNumber() else {
            at = start
            return nil
        }
        let beforeComma = at
        skip(",")
        guard let year = year() else {
            at = beforeComma
            return TextDate(year: nil, month: month, day: day)
        }
        return TextDate(year: year, month: month, day: day)
    }

    /// A day of the month, 1 to 31, with "st", "nd", "rd" or "th" after it if written.
    mutating func dayNumber() -> Int? {
        guard let n = number(), n.count <= 2, let day = Int(n), (1...31).contains(day) else { return nil }
        at += 1
        if let w = word(), ReportDating.ordinalSuffixes.contains(w) { at += 1 }
        return day
    }

    /// A month's name or abbreviation ("Sept." included), from ``ClaimLexicon/months``.
    mutating func monthName() -> Int? {
        guard let w = word(), let month = ClaimLexicon.months[w] else { return nil }
        at += 1
        skip(".")
        return month
    }

    /// A year from 1900 to 2100.
    mutating func year() -> Int? {
        guard let n = number(), n.count == 4, let y = Int(n), (1900...2100).contains(y) else { return nil }
        at += 1
        return y
    }

    /// Whether everything left is a time of day and a time zone ("14:02 GMT", "at 2:02 p.m. ET",
    /// "- 09:30 (UTC+3)"), or nothing.
    func restIsTime() -> Bool {
        tokens[min(at, tokens.count)...].allSatisfy { token in
            switch token {
            case .word(let w): return ReportDating.timeWords.contains(w)
            case .number(let n): return n.count <= 4
            case .mark(let m): return ReportDating.timeMarks.contains(m)
            }
        }
    }
}

// MARK: Date lines and datelines

extension ReportDating {
    /// The first non-blank lines of a text (looked for in its first characters only).
    /// Reads Unicode scalars, not characters, and stops at the last line it needs: a report's
    /// date is looked for in every report, and reading whole texts by character cost a quarter
    /// of the analysis of short news reports.
    static func firstLines(_ text: String, _ count: Int, within characters: Int) -> [Substring] {
        var lines: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var i = start
        var read = 0
        func close(at end: String.Index) {
            let line = text[start..<end]
            if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
        }
        while i < scalars.endIndex, read < characters, lines.count < count {
            let v = scalars[i].value
            if (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029 {
                close(at: i)
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
            read += 1
        }
        if lines.count < count, start < i { close(at: i) }
        return lines
    }

    /// The date of a date line among the first twelve lines: a line (or a part of one between
    /// "|", "·" or "•") that is only a date and perhaps a time, or a date after "Published",
    /// "Posted" or "Updated". A publication date wins over an update's; a day without a year
    /// takes the year of the other when it has one.
    static func dateLine(_ text: String) -> TextDate? {
        var published: TextDate?
        var updated: TextDate?
        for line in firstLines(text, 12, within: 4000) {
            // Every date has a number (a day or a year); most lines have none and need no reading.
            guard line.utf8.contains(where: { (0x30...0x39).contains($0) }) else { continue }
            for part in line.unicodeScalars.split(whereSeparator: { ["|", "·", "•"].contains($0) }).map(Substring.init) {
                guard let (date, isUpdate) = datedPart(part) else { continue }
                if isUpdate {
                    updated = updated ?? date
                } else {
                    published = published ?? date
                }
            }
            if published != nil { break }
        }
        guard var best = published ?? updated else { return nil }
        if best.year == nil, let other = updated?.civil, let d = best.anchored(to: other) { best.year = d.year }
        return best
    }

    /// The date of one part of a line, and whether it is labelled as an update: the part holds
    /// only labels, the date and a time. A date without a year counts only after a label.
    static func datedPart(_ part: Substring) -> (TextDate, Bool)? {
        guard part.utf8.prefix(480).contains(where: { (0x30...0x39).contains($0) }) else { return nil }
        var reader = DateTokenReader(DateToken.tokens(part.prefix(120)))
        var labelled = false
        var isUpdate = false
        while let w = reader.word(), publishedLabels.contains(w) || updatedLabels.contains(w) {
            // "On 5 October": a sentence's words, unless a label comes first ("Published on").
            guard labelled || w != "on" else { return nil }
            labelled = true
            if updatedLabels.contains(w) { isUpdate = true }
            reader.at += 1
            reader.skip(":")
        }
        guard let date = reader.date(), reader.restIsTime(), date.year != nil || labelled else { return nil }
        return (date, isUpdate)
    }

    /// The date of the first wire dateline at the start of one of the first 60 paragraphs: a
    /// place in capitals, a comma, a day and month (perhaps a year), perhaps the outlet in
    /// brackets, then a dash. "KYIV, Oct 5 (Reuters) –", "BEIRUT, Dec. 1, 2024 (AP) —".
    static func dateline(_ text: String) -> TextDate? {
        for line in firstLines(text, 60, within: 20_000) {
            if let d = datelineDate(line.drop(while: \.isWhitespace)) { return d }
        }
        return nil
    }

    static func datelineDate(_ line: Substring) -> TextDate? {
        guard line.first?.isUppercase == true else { return nil }
        let head = line.prefix(60)
        var comma = head.firstIndex(of: ",")
        while let c = comma {
            guard isPlace(head[..<c]) else { return nil }
            var reader = DateTokenReader(DateToken.tokens(line[line.index(after: c)...].prefix(80)))
            if let date = reader.date(), endsDateline(&reader) { return date }
            comma = head[head.index(after: c)...].firstIndex(of: ",")
        }
        return nil
    }

    /// A dateline's place: up to five words, the first in capitals or capitalised, the others
    /// capitalised or short particles ("GAZA CITY", "KABUL, Afghanistan", "PORT OF SPAIN").
    static func isPlace(_ text: Substring) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard let first = words.first, words.count <= 5, first.first?.isUppercase == true,
            first.allSatisfy({ $0.isLetter || "-'’.".contains($0) }) else { return false }
        return words.dropFirst().allSatisfy { w in
            w.allSatisfy { $0.isLetter || "-'’.".contains($0) } && (w.first?.isUppercase == true || w.count <= 3)
        }
    }

    /// Whether what follows a dateline's date is the outlet in brackets and a dash, or a dash.
    static func endsDateline(_ reader: inout DateTokenReader) -> Bool {
        if reader.isMark(0, "(") {
            var k = 1
            while let w = reader.peek(k), k <= 5 {
                if case .mark(")") = w { break }
                guard case .word = w else { return false }
                k += 1
            }
            guard reader.isMark(k, ")") else { return false }
            reader.at += k + 1
        }
        return reader.isMark(0, "-–—")
    }
}
