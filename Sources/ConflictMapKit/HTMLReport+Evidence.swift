import Aggregator
import Foundation
import Renderer

// What the report's side panel shows for each place: the claims and mentions about it, each with
// its sentence (the place's words marked), report, outlet, date, link and syndication cluster. It
// is embedded as JSON and read by the page's script.

/// A sentence cut in three around the words that name a place.
struct MarkedSentence: Sendable, Hashable, Encodable {
    var before: String
    var mark: String
    var after: String

    /// The whole sentence, as written.
    var text: String { before + mark + after }
}

/// One piece of evidence about a place: a claim or a mention.
struct EvidenceItem: Sendable, Hashable, Encodable {
    /// "claim" or "mention".
    var kind: String
    var document: String
    var sentence: MarkedSentence
    /// For a claim: its id and number on the map (when the map's panel lists it), what it says, who
    /// says it, how far it is established, its flags and date.
    var claim: String?
    var number: Int?
    var what: String?
    var claimant: String?
    var status: String?
    var hedged = false
    var denied = false
    var date: String?
}

/// A report as the panel cites it.
struct EvidenceDocument: Sendable, Hashable, Encodable {
    var title: String
    var outlet: String?
    var date: String?
    var url: String?
    /// Its row in the sources table ("report-3").
    var anchor: String
    /// The report's syndication cluster ("source 2") and the other reports in it (copies of one story).
    var source: String
    var copies: [String]
}

/// A place's heading and one-line summary in the panel.
struct EvidencePlace: Sendable, Hashable, Encodable {
    var name: String
    var summary: String
}

/// Everything the panel shows, by place id and report id.
struct EvidenceData: Sendable, Encodable {
    var places: [String: EvidencePlace]
    var documents: [String: EvidenceDocument]
    var evidence: [String: [EvidenceItem]]
}

/// The facts the report's parts share: names, numbers, clusters and sentences.
struct ReportFacts: Sendable {
    let analysis: Analysis
    let layout: MapLayout
    /// The report texts by report id, as code points (empty when the analysis was read without them).
    let texts: [String: [Unicode.Scalar]]
    let urls: [String: String]
    let placeNames: [String: String]
    let documents: [String: DocumentSummary]
    /// The claims panel's number of each claim id on the map.
    let numbers: [String: Int]
    /// "source 1", "source 2"… for each syndication cluster, in the order of the reports.
    let sourceLabels: [String: String]
    let clusters: [(label: String, documents: [DocumentSummary])]

    /// The most mentions of one place the panel lists.
    static let mentionsPerPlace = 40

    init(analysis: Analysis, layout: MapLayout, reports: [Report]) {
        self.analysis = analysis
        self.layout = layout
        var texts: [String: [Unicode.Scalar]] = [:]
        var urls: [String: String] = [:]
        for r in reports {
            texts[r.id] = Array(r.text.unicodeScalars)
            if let url = r.url, HTMLText.isWebLink(url) { urls[r.id] = url }
        }
        self.texts = texts
        self.urls = urls
        placeNames = Dictionary(analysis.places.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        documents = Dictionary(analysis.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var numbers: [String: Int] = [:]
        for e in layout.elements where e.kind == .claimRow {
            if let id = e.claim, numbers[id] == nil { numbers[id] = numbers.count + 1 }
        }
        self.numbers = numbers
        var labels: [String: String] = [:]
        var clusters: [(label: String, documents: [DocumentSummary])] = []
        for d in analysis.documents {
            if let label = labels[d.sourceCluster], let i = clusters.firstIndex(where: { $0.label == label }) {
                clusters[i].documents.append(d)
            } else {
                let label = "source \(clusters.count + 1)"
                labels[d.sourceCluster] = label
                clusters.append((label, [d]))
            }
        }
        sourceLabels = labels
        self.clusters = clusters
    }

    func placeName(_ id: String) -> String { placeNames[id] ?? id }

    /// The claims grouped by claim id, in the report's order: first those the map's panel lists, in
    /// its order, then the others by place, actor and action.
    func claimGroups() -> (order: [String], groups: [String: [Claim]]) {
        var groups: [String: [Claim]] = [:]
        for c in analysis.claims { groups[c.claimID, default: []].append(c) }
        let order = groups.keys.sorted { l, r in
            let a = numbers[l] ?? Int.max, b = numbers[r] ?? Int.max
            if a != b { return a < b }
            let x = groups[l]?.first, y = groups[r]?.first
            return (placeName(x?.place ?? ""), x?.actor ?? "", x?.action ?? "", l) < (placeName(y?.place ?? ""), y?.actor ?? "", y?.action ?? "", r)
        }
        return (order, groups)
    }

    /// What the report rests on: "5 reports, 5 independent sources, 8 places named (and 3 countries),
    /// 30 claims, reported 2024-11-29 to 2024-12-01" (places as the map's subtitle counts them).
    func countsLine() -> String {
        let a = analysis
        var counts = "\(a.documents.count) report\(a.documents.count == 1 ? "" : "s"), \(a.independentSources) independent source\(a.independentSources == 1 ? "" : "s"), "
        let places = a.namedPlaces.filter { $0.precision != .country }.count, countries = a.namedPlaces.count - places
        counts += "\(places) place\(places == 1 ? "" : "s") named" + (countries > 0 ? " (and \(countries) countr\(countries == 1 ? "y" : "ies"))" : "")
        counts += ", \(a.claims.count) claim\(a.claims.count == 1 ? "" : "s")"
        if let range = a.dateRange { counts += ", reported \(range.first == range.last ? range.first : "\(range.first) to \(range.last)")" }
        return counts
    }

    /// A claim's status with its hedged and denied flags: "unverified (hedged)".
    static func statusText(_ c: Claim) -> String {
        let flags = [c.hedged ? "hedged" : nil, c.denied ? "denied" : nil].compactMap { $0 }
        return c.status + (flags.isEmpty ? "" : " (" + flags.joined(separator: ", ") + ")")
    }

    /// Who makes a claim, named when the report names them: "SOHR (a third party)".
    static func claimantText(_ c: Claim) -> String {
        c.source.map { "\($0) (\(claimant(c.claimant)))" } ?? claimant(c.claimant)
    }

    /// The id of a report's row in the sources table ("report-3"): report ids are free text.
    func anchor(of document: String) -> String {
        "report-" + ((analysis.documents.firstIndex { $0.id == document }).map { String($0 + 1) } ?? "0")
    }

    /// What a claim says, as the map's panel words it ("Taliban captured Shotul", "Taliban attacked from Parwan").
    func what(_ c: Claim) -> String {
        c.role == .origin ? "\(c.actor) attacked from \(placeName(c.place))" : "\(c.actor) \(c.action) \(placeName(c.place))"
    }

    /// A claim's sentence with the place's words marked: the mention inside the sentence when
    /// there is one, else the words the claim names the place with.
    func sentence(of c: Claim) -> MarkedSentence {
        let sentence = Array(c.sentence.unicodeScalars)
        let inside = analysis.mentions.first { $0.document == c.document && $0.place == c.place && $0.start >= c.start && $0.end <= c.end }
        if let m = inside {
            let from = m.start - c.start, to = m.end - c.start
            if from >= 0, to <= sentence.count, from < to, Self.string(sentence[from..<to]) == m.surface {
                return MarkedSentence(before: Self.string(sentence[..<from]), mark: m.surface, after: Self.string(sentence[to...]))
            }
        }
        for words in [inside?.surface, c.placeText, placeNames[c.place]].compactMap({ $0 }) where !words.isEmpty {
            if let r = c.sentence.range(of: words) {
                return MarkedSentence(before: String(c.sentence[..<r.lowerBound]), mark: String(c.sentence[r]), after: String(c.sentence[r.upperBound...]))
            }
        }
        return MarkedSentence(before: c.sentence, mark: "", after: "")
    }

    /// The sentence around a mention, from the report's text; only the name when the text is not at hand.
    func sentence(of m: Mention) -> MarkedSentence {
        guard let text = texts[m.document], m.start >= 0, m.start < m.end, m.end <= text.count else {
            return MarkedSentence(before: "", mark: m.surface, after: "")
        }
        let (from, to) = Self.sentenceBounds(text, start: m.start, end: m.end)
        let before = String(Self.string(text[from..<m.start]).drop { $0.isWhitespace })
        let after = String(Self.string(text[m.end..<to]).reversed().drop { $0.isWhitespace }.reversed())
        let cut = from > 0 && text[from - 1] != "\n" && !Self.endsSentence(text, from)
        return MarkedSentence(before: (cut ? "…" : "") + before, mark: Self.string(text[m.start..<m.end]), after: after)
    }

    /// Where the sentence around `start..<end` begins and ends: at a full stop, question or
    /// exclamation mark before white space, at a line's end, or 300 characters away.
    static func sentenceBounds(_ text: [Unicode.Scalar], start: Int, end: Int) -> (Int, Int) {
        var from = start
        while from > 0, start - from < 300, text[from - 1] != "\n", !endsSentence(text, from) { from -= 1 }
        var to = end
        while to < text.count, to - end < 300, text[to] != "\n" {
            to += 1
            if endsSentence(text, to) { break }
        }
        return (from, to)
    }

    /// Whether a sentence ends just before `i`: a full stop, question or exclamation mark followed by white space.
    static func endsSentence(_ text: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i > 0, i <= text.count, ".!?".unicodeScalars.contains(text[i - 1]) else { return false }
        return i == text.count || text[i].properties.isWhitespace
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return String(s)
    }

    /// The panel's data: every named place, every report, and each place's claims then mentions.
    func evidenceData() -> EvidenceData {
        var places: [String: EvidencePlace] = [:]
        for p in analysis.namedPlaces {
            places[p.id] = EvidencePlace(name: p.name, summary: "\(p.mentions) mention\(p.mentions == 1 ? "" : "s") in \(p.documents) report\(p.documents == 1 ? "" : "s"), "
                                         + "\(p.sources) independent source\(p.sources == 1 ? "" : "s"); control: \(control(p.control))")
        }
        var docs: [String: EvidenceDocument] = [:]
        for c in clusters {
            for d in c.documents {
                docs[d.id] = EvidenceDocument(title: d.title, outlet: d.outlet, date: d.date, url: urls[d.id], anchor: anchor(of: d.id), source: c.label,
                                              copies: c.documents.filter { $0.id != d.id }.map { other in other.outlet.map { "\(other.title) (\($0))" } ?? other.title })
            }
        }
        var evidence: [String: [EvidenceItem]] = [:]
        // The claims the map numbers first, in its order; then the others as the reports give them.
        let ordered = analysis.claims.enumerated().sorted { (numbers[$0.element.claimID] ?? Int.max, $0.offset) < (numbers[$1.element.claimID] ?? Int.max, $1.offset) }
        for c in ordered.map(\.element) where places[c.place] != nil {
            evidence[c.place, default: []].append(EvidenceItem(
                kind: "claim", document: c.document, sentence: sentence(of: c), claim: c.claimID, number: numbers[c.claimID], what: what(c),
                claimant: c.source ?? Self.claimant(c.claimant), status: c.status, hedged: c.hedged, denied: c.denied, date: c.date))
        }
        var shown: [String: Int] = [:]
        for m in analysis.mentions where m.isPlace && places[m.place] != nil && shown[m.place, default: 0] < Self.mentionsPerPlace {
            shown[m.place, default: 0] += 1
            evidence[m.place, default: []].append(EvidenceItem(kind: "mention", document: m.document, sentence: sentence(of: m)))
        }
        return EvidenceData(places: places, documents: docs, evidence: evidence)
    }

    /// Who makes a claim, when the sentence does not name them.
    static func claimant(_ raw: String) -> String {
        switch Claimant(rawValue: raw) {
        case .actor: return "the actor itself"
        case .opponent: return "its opponent"
        case .thirdParty: return "a third party"
        case .reporter: return "the reporter"
        case nil: return raw.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A control assessment in words: "claimed by Taliban (confidence 0.72)", "contested (0.40)", "none".
    func control(_ c: ControlAssessment) -> String {
        let confidence = String(format: "%.2f", c.confidence)
        switch c.status {
        case .none: return "none"
        case .contested: return "contested (confidence \(confidence))"
        case .claimed: return "claimed by \(c.actor ?? "an unnamed side") (confidence \(confidence))"
        }
    }

    /// The panel's data as JSON safe inside a `<script>` element (no `<`, `>` or `&`, which are
    /// written as JSON escapes).
    func evidenceJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(evidenceData()) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
            .replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
    }
}
