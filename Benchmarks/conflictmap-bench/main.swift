// Measures ConflictMap's speed and memory targets. Run in release:
//   swift run -c release conflictmap-bench
// It prints one line per measurement with the target beside it. Figures go in the README.
import Aggregator
import Foundation
import Gazetteer
import Geo
import Renderer

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// The best of `runs` timings of `body`, in seconds.
func best(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var out = Double.infinity
    for _ in 0..<runs {
        let t0 = now()
        try body()
        out = min(out, now() - t0)
    }
    return out
}

/// Peak resident memory of this process, in MB (VmHWM).
func peakResidentMB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }
    return 0
}

func report(_ name: String, _ value: String, target: String) {
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + value.padding(toLength: 16, withPad: " ", startingAt: 0) + "target " + target)
}

let root = CommandLine.arguments.dropFirst().first ?? FileManager.default.currentDirectoryPath
let gazetteerPath = root + "/Gazetteer"

// Gazetteer: parse, then index.
var places: [Place] = []
let parseTime = try best(3) {
    places = []
    let files = try FileManager.default.contentsOfDirectory(atPath: gazetteerPath).filter { $0.hasSuffix(".geojson") }.sorted()
    for f in files { places += try Gazetteer.loadPlaces(file: gazetteerPath + "/" + f) }
}
var gazetteer: Gazetteer!
let indexTime = try best(3) { gazetteer = try Gazetteer(places: places) }
let loadTime = try best(3) { gazetteer = try Gazetteer.load(from: gazetteerPath) }
report("gazetteer: places / names", "\(gazetteer.places.count) / \(gazetteer.nameCount)", target: "≥ 50000 / 300000")
report("gazetteer: parse files", String(format: "%.0f ms", parseTime * 1000), target: "")
report("gazetteer: build indexes", String(format: "%.0f ms", indexTime * 1000), target: "")
report("gazetteer: load (parse + index)", String(format: "%.0f ms", loadTime * 1000), target: "≤ 300 ms")

// Lookups.
let names = ["Shotul", "Charika", "Kabul", "Panjshir Valley", "Kherson", "Fayzabad", "Anaba", "Pul i Khumri", "Khartoum", "پنجشیر"]
let rounds = 2000
let lookupTime = best(3) {
    for _ in 0..<rounds { for n in names { _ = gazetteer.resolve(n) } }
}
report("gazetteer: lookup (mean of \(names.count) names)", String(format: "%.1f µs", lookupTime / Double(rounds * names.count) * 1e6), target: "≤ 10 µs")

// Analysis of the example reports.
let reports = try ReportReader().read(paths: [root + "/Examples/panjshir-2021"]).reports
var analysis: Analysis!
let analyzeTime = best(5) { analysis = Analyzer(gazetteer: gazetteer).analyze(reports) }
report("analyze: 5 example reports (in-process)", String(format: "%.1f ms", analyzeTime * 1000), target: "")

// Rendering.
let boundaries = try BoundarySet.load(from: gazetteerPath + "/boundaries")
var options = MapOptions()
options.width = 1600
options.height = 1200
var png = Data()
let renderTime = try best(5) {
    let model = try MapBuilder(analysis: analysis, gazetteer: gazetteer, boundaries: boundaries, options: options).build()
    png = try MapDrawer.render(model, format: .png)
}
report("render: Panjshir map, 1600×1200 PNG", String(format: "%.0f ms", renderTime * 1000), target: "≤ 100 ms")
let boundaryTime = try best(3) { _ = try BoundarySet.load(from: gazetteerPath + "/boundaries") }
report("render: load boundaries", String(format: "%.0f ms", boundaryTime * 1000), target: "")
report("memory: peak resident", String(format: "%.0f MB", peakResidentMB()), target: "≤ 300 MB")
_ = png
try benchmarkThousandMarkers(gazetteer, boundaries)
try benchmarkRenderPhases(analysis, gazetteer, boundaries, label: "Panjshir")
try benchmarkRenderPhases(try syntheticAnalysis(gazetteer, count: 1000, around: Coordinate(latitude: 34.5, longitude: 69.2)), gazetteer, boundaries, label: "1,000 markers")
