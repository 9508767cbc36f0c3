import Foundation
import Geo

// MARK: Dates in an HTML page's markup

extension ReportDating {
    /// `<meta>` names and properties that give the publication date, most specific first.
    static let metaDateKeys: [String] = [
        "article:published_time", "og:published_time", "datepublished", "pubdate", "dc.date", "dc.date.issued", "dcterms.created",
        "dcterms.issued", "date",
    ]

    /// The publication date an HTML page's markup gives, read from the raw page (whose scripts
    /// the text leaves out): a `<meta>` tag, then `"datePublished"` in JSON-LD, then the first
    /// `<time datetime=…>`.
    static func htmlMetadata(_ html: String) -> (date: String, source: DateSource)? {
        if let d = metaDate(html) { return (d, .htmlMetadata) }
        if let d = jsonLDDate(html) { return (d, .jsonLD) }
        if let d = timeElementDate(html) { return (d, .timeElement) }
        return nil
    }

    /// The date of the `<meta>` tag whose name (or property, or itemprop) comes first in ``metaDateKeys``.
    static func metaDate(_ html: String) -> String? {
        var best: (rank: Int, date: String)?
        for tag in tags(named: "meta", in: html) {
            let a = attributes(tag)
            guard let key = a["property"] ?? a["name"] ?? a["itemprop"],
                let rank = metaDateKeys.firstIndex(of: key.lowercased()), rank < (best?.rank ?? Int.max),
                let content = a["content"], let date = value(content) else { continue }
            best = (rank, date)
        }
        return best?.date
    }

    /// The first `"datePublished"` in the page's JSON-LD scripts (at any depth: `@graph` included).
    static func jsonLDDate(_ html: String) -> String? {
        var from = html.startIndex
        while let open = html.range(of: "<script", options: .caseInsensitive, range: from..<html.endIndex),
            let close = html[open.upperBound...].firstIndex(of: ">") {
            let tag = html[open.upperBound..<close]
            guard let end = html.range(of: "</script", options: .caseInsensitive, range: close..<html.endIndex) else { return nil }
            from = end.upperBound
            guard attributes(tag)["type"]?.lowercased().contains("ld+json") == true else { continue }
            let body = html[html.index(after: close)..<end.lowerBound]
            if let json = try? JSONValue.parse(String(body)), let d = datePublished(in: json) { return d }
        }
        return nil
    }

    static func datePublished(in value: JSONValue) -> String? {
        switch value {
        case .object(let pairs):
            if let d = value["datePublished"]?.stringValue.flatMap(Self.value) { return d }
            for (_, v) in pairs { if let d = datePublished(in: v) { return d } }
        case .array(let items):
            for v in items { if let d = datePublished(in: v) { return d } }
        default: break
        }
        return nil
    }

    /// The date of the page's first `<time>` element with a `datetime` that is a date.
    static func timeElementDate(_ html: String) -> String? {
        for tag in tags(named: "time", in: html) {
            if let t = attributes(tag)["datetime"], let d = ReportDate.normalize(t) { return d }
        }
        return nil
    }

    /// The insides of the page's tags of one name (`<meta …>`: what lies between the name and `>`).
    static func tags(named name: String, in html: String) -> [Substring] {
        var out: [Substring] = []
        var from = html.startIndex
        while let open = html.range(of: "<" + name, options: .caseInsensitive, range: from..<html.endIndex),
            let close = html[open.upperBound...].firstIndex(of: ">") {
            from = close
            // "<meta " or "<meta/": not "<metadata>".
            if let next = html[open.upperBound...].first, next.isWhitespace || next == "/" {
                out.append(html[open.upperBound..<close])
            }
        }
        return out
    }

    /// A tag's attributes, names lowercased, values with their entities decoded.
    static func attributes(_ tag: Substring) -> [String: String] {
        var out: [String: String] = [:]
        var i = tag.startIndex
        while i < tag.endIndex {
            guard tag[i].isLetter else {
                i = tag.index(after: i)
                continue
            }
            let nameEnd = tag[i...].firstIndex { !($0.isLetter || $0.isNumber || "-_:.".contains($0)) } ?? tag.endIndex
            let name = tag[i..<nameEnd].lowercased()
            var j = tag[nameEnd...].firstIndex { !$0.isWhitespace } ?? tag.endIndex
            guard j < tag.endIndex, tag[j] == "=" else {
                i = nameEnd
                continue
            }
            j = tag[tag.index(after: j)...].firstIndex { !$0.isWhitespace } ?? tag.endIndex
            guard j < tag.endIndex else { break }
            let value: Substring
            if tag[j] == "\"" || tag[j] == "'" {
                let quote = tag[j]
                let start = tag.index(after: j)
                let end = tag[start...].firstIndex(of: quote) ?? tag.endIndex
                value = tag[start..<end]
                i = end < tag.endIndex ? tag.index(after: end) : end
            } else {
                let end = tag[j...].firstIndex { $0.isWhitespace || $0 == "/" } ?? tag.endIndex
                value = tag[j..<end]
                i = end
            }
            if out[name] == nil { out[name] = HTMLText.decodeEntities(String(value)) }
        }
        return out
    }
}
