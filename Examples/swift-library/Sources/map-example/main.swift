import Aggregator
import ConflictMapKit
import Foundation

// Draws the map of the Panjshir example reports with ConflictMap.map, as `conflictmap render` would.
// Usage: map-example [PROJECT_FOLDER] [OUT.png]  (default: the repository two folders up, map.png)
let arguments = Array(CommandLine.arguments.dropFirst())
let project = arguments.first ?? URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../..").standardizedFileURL.path
let out = arguments.dropFirst().first ?? "map.png"

do {
    let reports = try ReportReader().read(paths: [project + "/Examples/panjshir-2021"]).reports
    var request = MapRequest()
    request.projectRoot = project
    request.format = .png
    let png = try ConflictMap.map(reports: reports, options: request)
    try png.write(to: URL(fileURLWithPath: out))
    print("wrote \(out) (\(png.count) bytes) from \(reports.count) reports")
} catch {
    FileHandle.standardError.write(Data("map-example: \(error)\n".utf8))
    exit(1)
}
