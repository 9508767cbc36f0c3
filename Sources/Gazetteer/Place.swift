import Geo

/// What sort of place a gazetteer entry is.
public enum PlaceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case country, province, district, city, town, village, valley, pass
    case mountainRange = "mountain_range"
    case region
    /// A lake or reservoir (Lake Kivu, the Kakhovka Reservoir).
    case lake
    /// A sea, ocean, gulf, bay or strait (the Black Sea, the Strait of Hormuz).
    case sea

    /// The precision a mention of this kind of place has, as ACLED and UCDP code it.
    public var precision: Precision {
        switch self {
        case .country: return .country
        case .province, .mountainRange, .sea: return .province
        case .district, .valley, .region, .lake: return .district
        case .city, .town, .village, .pass: return .town
        }
    }

    /// Whether a map should draw this place as an area rather than a pin.
    public var isArea: Bool { precision != .town }

    /// Words that name this kind in text ("the Shatal district").
    public var kindWords: [String] {
        switch self {
        case .country: return ["country"]
        case .province: return ["province", "provinces", "region", "oblast", "state", "governorate"]
        case .district: return ["district", "districts", "county", "raion"]
        case .city: return ["city", "capital", "town"]
        case .town: return ["town", "city", "village"]
        case .village: return ["village", "town"]
        case .valley: return ["valley", "gorge"]
        case .pass: return ["pass", "tunnel"]
        case .mountainRange: return ["mountains", "range"]
        case .region: return ["region", "area"]
        case .lake: return ["lake", "reservoir"]
        case .sea: return ["sea", "ocean", "gulf", "strait", "bay"]
        }
    }
}

/// How exactly a resolved mention locates an event.
public enum Precision: String, Sendable, Hashable, Codable, Comparable {
    case town, district, province, country

    private var rank: Int {
        switch self {
        case .town: return 0
        case .district: return 1
        case .province: return 2
        case .country: return 3
        }
    }
    public static func < (l: Precision, r: Precision) -> Bool { l.rank < r.rank }
}

/// Another name a place is known by, with its language or script when known.
public struct AlternateName: Sendable, Hashable, Codable {
    public var name: String
    /// ISO 639 language code, e.g. `fa` (Dari), `ps` (Pashto).
    public var language: String?
    /// ISO 15924 script code, e.g. `Arab`, when only the script is known.
    public var script: String?

    public init(_ name: String, language: String? = nil, script: String? = nil) {
        self.name = name
        self.language = language
        self.script = script
    }
}

/// One gazetteer entry: a named place with a point, a kind and a parent.
public struct Place: Sendable, Hashable, Identifiable {
    /// Stable id, a path of slugs from the country down (`af/panjshir/shutul`).
    public var id: String
    /// The primary English name.
    public var name: String
    public var kind: PlaceKind
    /// Id of the enclosing unit; `nil` for countries.
    public var parent: String?
    /// ISO 3166-1 alpha-2 country code.
    public var country: String?
    public var geonamesID: Int64?
    public var population: Int64?
    public var alternateNames: [AlternateName]
    /// Where the point comes from; required for curated entries.
    public var source: String?
    /// The representative point.
    public var coordinate: Coordinate
    /// Properties this version does not know, kept so that a save loses nothing.
    public var extraProperties: [(String, JSONValue)]

    public init(
        id: String, name: String, kind: PlaceKind, parent: String? = nil, country: String? = nil,
        geonamesID: Int64? = nil, population: Int64? = nil, alternateNames: [AlternateName] = [],
        source: String? = nil, coordinate: Coordinate, extraProperties: [(String, JSONValue)] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parent = parent
        self.country = country
        self.geonamesID = geonamesID
        self.population = population
        self.alternateNames = alternateNames
        self.source = source
        self.coordinate = coordinate
        self.extraProperties = extraProperties
    }

    /// The primary name followed by every alternate name.
    public var allNames: [String] { [name] + alternateNames.map(\.name) }

    public var precision: Precision { kind.precision }

    public static func == (l: Place, r: Place) -> Bool {
        l.id == r.id && l.name == r.name && l.kind == r.kind && l.parent == r.parent && l.country == r.country
            && l.geonamesID == r.geonamesID && l.population == r.population && l.alternateNames == r.alternateNames
            && l.source == r.source && l.coordinate == r.coordinate
            && JSONValue.object(l.extraProperties) == JSONValue.object(r.extraProperties)
    }

    public func hash(into h: inout Hasher) { h.combine(id) }
}
