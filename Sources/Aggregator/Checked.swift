/// Checked access to tokens and the tables kept beside them.
///
/// The claim reader walks windows of tokens whose bounds it computes from the sentence ("the four
/// words after the verb", "back to the last comma"). Near a sentence's or a report's end such a
/// window can be empty or reach past the last token. Swift traps on a closed range whose lower
/// bound is above its upper bound and on an index out of bounds, and one trap ends the whole batch
/// of reports. Every token, table and window access in the aggregator therefore goes through the
/// helpers here, which make such windows empty and such reads a neutral value: a word past the end
/// of the text reads as no word at all.

/// The indices `lo` through `hi`, empty when `hi < lo` (where `lo...hi` would trap).
@inline(__always)
func walk(from lo: Int, through hi: Int) -> Range<Int> {
    lo <= hi ? lo..<(hi &+ 1) : lo..<lo
}

/// The indices from `lo` up to but not including `hi`, empty when `hi <= lo` (where `lo..<hi`
/// would trap).
@inline(__always)
func walk(from lo: Int, upTo hi: Int) -> Range<Int> {
    lo < hi ? lo..<hi : lo..<lo
}

/// An array whose reads outside its bounds give a fallback value and whose writes outside its
/// bounds are ignored, instead of trapping.
///
/// Inside its bounds it is an ordinary array. Used for the tokens of a text and the per-token
/// tables of the claim reader, whose indices are computed from the text.
struct CheckedArray<Element>: RandomAccessCollection {
    private(set) var storage: [Element]
    /// What a read outside the bounds gives.
    let fallback: Element

    init(_ storage: [Element], fallback: Element) {
        self.storage = storage
        self.fallback = fallback
    }

    init(repeating value: Element, count: Int) {
        self.storage = Array(repeating: value, count: Swift.max(0, count))
        self.fallback = value
    }

    var startIndex: Int { 0 }
    var endIndex: Int { storage.count }

    /// Whether `i` is an index of an element.
    @inline(__always)
    func holds(_ i: Int) -> Bool { UInt(bitPattern: i) < UInt(bitPattern: storage.count) }

    subscript(i: Int) -> Element {
        @inline(__always) get { holds(i) ? storage[i] : fallback }
        @inline(__always) set { if holds(i) { storage[i] = newValue } }
    }

    subscript(bounds: Range<Int>) -> ArraySlice<Element> {
        let lo = Swift.min(Swift.max(0, bounds.lowerBound), storage.count)
        let hi = Swift.min(Swift.max(lo, bounds.upperBound), storage.count)
        return storage[lo..<hi]
    }
}

extension CheckedArray: Sendable where Element: Sendable {}

extension Token {
    /// The token read past either end of a text: no text, no flags, a hash no word has.
    static let none = Token(start: 0, end: 0, byteStart: 0, byteEnd: 0, subStart: 0, subCount: 0, lowerHash: 0, flags: 0)
}
