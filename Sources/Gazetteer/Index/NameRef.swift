extension Gazetteer {
    /// A value of the name index: a place and whether the name is its primary one.
    struct NameRef: Sendable, Hashable {
        /// The place index, with the top bit set for an alternate name.
        let raw: UInt32
        init(raw: UInt32) { self.raw = raw }
        init(place: Int32, isPrimary: Bool) { raw = UInt32(bitPattern: place) | (isPrimary ? 0 : 0x8000_0000) }
        var place: Int32 { Int32(bitPattern: raw & 0x7FFF_FFFF) }
        var isPrimary: Bool { raw & 0x8000_0000 == 0 }
    }
}
