import ArgumentParser
import ConflictMapKit

/// `--as-of` and `--since`, for `render` and `report`: the map at a date, and a change map.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Draw the map as the reports stood at the end of this day (YYYY-MM-DD): only reports dated by then; control aged against it.",
        valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp(
        "Draw a change map: what changed from the end of this day (YYYY-MM-DD) to --as-of or the last report date — places taken (assessed or claimed), newly contested, no longer held, denials and new claims.",
        valueName: "date"))
    var since: String?

    func validate() throws {
        for (option, value) in [("--as-of", asOf), ("--since", since)] {
            if let value, (try? Kit.day(value, use: .asOf)) == nil {
                throw ValidationError("\(option) '\(value)' is not a date; write it as YYYY-MM-DD")
            }
        }
        if let asOf, let since, let a = try? Kit.day(asOf, use: .asOf), let s = try? Kit.day(since, use: .since), s > a {
            throw ValidationError("--since \(since) is after --as-of \(asOf): the change map would end before it starts")
        }
    }

    /// The request with these dates.
    func apply(to request: inout MapRequest) {
        request.asOf = asOf
        request.since = since
    }
}
