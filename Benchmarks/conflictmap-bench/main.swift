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

/// CPU time of this process (all threads, user + system), in seconds.
func cpuTime() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
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
let loadCPUStart = cpuTime()
let loadTime = try best(3) { gazetteer = try Gazetteer.load(from: gazetteerPath) }
let loadCPU = (cpuTime() - loadCPUStart) / 3
report("gazetteer: places / names", "\(gazetteer.places.count) / \(gazetteer.nameCount)", target: "≥ 50000 / 300000")
report("gazetteer: parse files", String(format: "%.0f ms", parseTime * 1000), target: "")
report("gazetteer: build indexes", String(format: "%.0f ms", indexTime * 1000), target: "")
report("gazetteer: load (parse + index)", String(format: "%.0f ms", loadTime * 1000), target: "≤ 300 ms")
report("gazetteer: load, CPU time (all cores, mean)", String(format: "%.0f ms", loadCPU * 1000), target: "")
// The index cache: the first load makes it if it is missing or stale; the rest read it.
_ = try Gazetteer.load(from: gazetteerPath, indexCache: true)
var cachedGazetteer: Gazetteer!
let cachedTime = try best(5) { cachedGazetteer = try Gazetteer.load(from: gazetteerPath, indexCache: true) }
report("gazetteer: load from the index cache", cachedGazetteer.isFromIndexCache ? String(format: "%.1f ms", cachedTime * 1000) : "not cached", target: "")
let cachedLookupTime = best(3) { for n in ["Shotul", "Charika", "Kabul", "Anaba", "پنجشیر"] { _ = cachedGazetteer.resolve(n) } }
report("gazetteer: 5 first lookups, from the cache", String(format: "%.0f µs", cachedLookupTime * 1e6), target: "")

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
try benchmarkRelief(analysis, gazetteer, boundaries, gazetteerPath: gazetteerPath)
try benchmarkRenderPhases(try syntheticAnalysis(gazetteer, count: 1000, around: Coordinate(latitude: 34.5, longitude: 69.2)), gazetteer, boundaries, label: "1,000 markers")

// MARK: - Aggregator (issue 4): the name automaton, the scan, and the analysis
// Report text is the five example reports repeated to about 8 MB (each copy a separate report).
do {
    var automaton: NameAutomaton!
    let automatonTime = best(3) { automaton = NameAutomaton(gazetteer: gazetteer) }
    report("aggregator: automaton build (\(automaton.nameCount) names)", String(format: "%.0f ms", automatonTime * 1000), target: "≤ 3000 ms")
    report("aggregator: automaton states / words", "\(automaton.stateCount) / \(automaton.wordCount)", target: "")
    let finder = MentionFinder(gazetteer: gazetteer, automaton: automaton)
    let unit = reports.map(\.text)
    var texts: [String] = []
    var bytes = 0
    while bytes < 8 << 20 {
        for t in unit { texts.append(t); bytes += t.utf8.count }
    }
    let mb = Double(bytes) / 1_000_000
    var spans = 0
    let scanTime = best(3) { spans = 0; for t in texts { spans += finder.scanCount(t) } }
    report("aggregator: scan (automaton), 1 core", String(format: "%.0f MB/s", mb / scanTime), target: "≥ 100 MB/s")
    let big = texts.enumerated().map { Report(id: "r\($0.offset)", path: "bench", title: "", text: $0.element) }
    var found = 0
    let findTime = best(3) { found = 0; for r in big { found += finder.find(in: r).mentions.count } }
    report("aggregator: mentions, 1 core", String(format: "%.0f MB/s", mb / findTime), target: "")
    let actors = (try? ActorProfiles.load(from: root + "/Actors")) ?? ActorProfiles()
    var analyzer = Analyzer(gazetteer: gazetteer, actors: actors, automaton: automaton)
    analyzer.threads = 1
    var partial: PartialAnalysis!
    let partialTime = best(2) { partial = analyzer.partial(big) }
    report("aggregator: analysis (+ claims), 1 core", String(format: "%.1f MB/s", mb / partialTime), target: "")
    analyzer.threads = ProcessInfo.processInfo.activeProcessorCount
    let parallelTime = best(2) { partial = analyzer.partial(big) }
    report("aggregator: analysis (+ claims), \(analyzer.threads) cores", String(format: "%.1f MB/s", mb / parallelTime), target: "")
    let finalizeTime = best(2) { _ = partial.finalize() }
    report("aggregator: finalize \(big.count) reports", String(format: "%.0f ms", finalizeTime * 1000), target: "")
    let fiveTime = best(5) { _ = analyzer.analyze(reports) }
    report("aggregator: 5 examples, in-process", String(format: "%.1f ms", fiveTime * 1000), target: "")
    _ = (spans, found)
}

// MARK: - Whole processes: the release binary, as a user runs it
// (Built by `swift build -c release`; the bench itself does not build it.)
do {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conflictmap").path
    if FileManager.default.isExecutableFile(atPath: binary) {
        func wall(_ arguments: [String]) throws -> (best: Double, mean: Double) {
            var times: [Double] = []
            for run in 0..<6 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.arguments = arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let t0 = now()
                try process.run()
                process.waitUntilExit()
                if run > 0 { times.append(now() - t0) }  // the first run warms the caches
            }
            return (times.min()!, times.reduce(0, +) / Double(times.count))
        }
        let out = FileManager.default.temporaryDirectory.path
        let analyze = try wall(["analyze", root + "/Examples/panjshir-2021", "--out", out + "/bench-analysis.json"])
        report("whole process: analyze 5 reports (best/mean)", String(format: "%.0f / %.0f ms", analyze.best * 1000, analyze.mean * 1000), target: "≤ 300 ms")
        let render = try wall(["render", "--out", out + "/bench-map.png"])
        report("whole process: render the map (best/mean)", String(format: "%.0f / %.0f ms", render.best * 1000, render.mean * 1000), target: "see compare-matplotlib.sh")
    } else {
        report("whole process", "skipped", target: "run swift build -c release first")
    }
}
