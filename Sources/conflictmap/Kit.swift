import ConflictMapKit

/// The library's `ConflictMap` (this module's `ConflictMap` is the command).
typealias Kit = ConflictMapKit.ConflictMap

extension CommandFailure {
    /// The library's error in the command line's words: a place or a date names the option it came from.
    init(kit error: ConflictMapError) {
        switch error {
        case .unknownPlace(let name, let use, let nearest):
            self.init(message: ReportOptions.unknownPlaceMessage(name, option: "--\(use.rawValue)", listed: nearest))
        case .invalidDate(let date):
            self.init(message: "--date '\(date)' is not a date; write it as YYYY-MM-DD")
        default:
            self.init(message: error.description)
        }
    }
}
