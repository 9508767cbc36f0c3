import Aggregator
import ArgumentParser
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge partial results (from analyze --partial or merge), or finalise them into the analysis.",
        discussion: """
            Each input (a file, or - for standard input) holds one or more partial results, one a line. The merged \
            partial result is one line of JSON and can be merged again; however the reports were split into batches \
            and in whatever order and grouping their partial results are merged, --finalize writes exactly what \
            conflictmap analyze writes for all the reports at once (JSON, GeoJSON or CSV).

            An input that is empty, cut off, not a partial result, from a newer conflictmap, read with other settings \
            (gazetteer, actor profiles, --region, --date), or holding another report under the same path and id is \
            refused, naming the input and line; nothing is written.
            """)

    @Argument(help: "Partial result files, or - for standard input (one partial result a line).")
    var paths: [String] = []

    @Flag(name: .long, help: "Write the final analysis (as analyze does) instead of a partial result.")
    var finalize = false

    @Option(name: .long, parsing: .singleValue,
            help: "With --finalize: json, geojson or csv (default: json). Repeated (--format json --format geojson), it writes FILE.json, FILE.geojson… for --out FILE.")
    var format: [AnalysisFormatOption] = []

    @Option(name: .long, help: "Write to this file instead of standard output (- is standard output).")
    var out: String?

    @Flag(name: .customLong("raw-csv"),
          help: "CSV: write text cells exactly as they are. By default a cell that starts with = + - or @ gets a leading apostrophe, so that a spreadsheet shows it as text instead of running it as a formula.")
    var rawCSV = false

    @Option(name: .customLong("partial-out"), help: "With --finalize: also write the merged partial result to this file (- is standard output).")
    var partialOut: String?

    @Option(name: .long, help: "With --finalize --format geojson: the gazetteer (file or folder) whose boundaries/ outline provinces and districts (default: Gazetteer/).")
    var gazetteer: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give the partial results to merge: files, or - for standard input") }
        if !format.isEmpty && !finalize {
            throw ValidationError("--format needs --finalize: a partial result is always one line of JSON")
        }
        if partialOut != nil && !finalize { throw ValidationError("--partial-out needs --finalize (without it, the output is the merged partial result)") }
        if format.count > 1 && (out == nil || out == "-") {
            throw ValidationError("several formats need --out FILE (written as FILE.json, FILE.geojson…)")
        }
        if (out == nil || out == "-") && partialOut == "-" {
            throw ValidationError("--partial-out - and the analysis (no --out, or --out -) cannot both use standard output")
        }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("- (standard input) can be given once") }
    }

    func run() throws {
        // `-` is standard output, as for every command's --out.
        let out = self.out == "-" ? nil : self.out
        var outputs: [(path: String, option: String)] = []
        if let out {
            let names = format.count > 1 ? format.map { (out as NSString).deletingPathExtension + "." + $0.value.rawValue } : [out]
            outputs += names.map { (path: $0, option: "--out") }
        }
        if let partialOut { outputs.append((path: partialOut, option: "--partial-out")) }
        try OutputPaths.check(outputs)
        var inputs: [PartialAnalysis.Input] = []
        for path in paths {
            let source = path == "-" ? "standard input" : path
            let data = try readInput(path)
            do {
                inputs += try PartialAnalysis.readInputs(data, source: source)
            } catch {
                throw CommandFailure(error)
            }
        }
        let merged: PartialAnalysis
        do { merged = try PartialAnalysis.merge(inputs) } catch { throw CommandFailure(error) }
        guard finalize else {
            do { try writeOutput(try merged.jsonLine(), to: out) } catch let e as EncodingError { throw CommandFailure(e) }
            return
        }
        if let partialOut {
            do { try writeOutput(try merged.jsonLine(), to: partialOut == "-" ? nil : partialOut) } catch let e as EncodingError {
                throw CommandFailure(e)
            }
        }
        let analysis = merged.finalize()
        let formats = format.isEmpty ? [AnalysisFormatOption.json] : format
        for f in formats {
            let data: Data
            let outlines = AreaOutlines(folder: (gazetteer.map(ProjectPaths.gazetteerFolder) ?? ProjectPaths.gazetteer) + "/boundaries")
            do { data = try analysis.data(format: f.value, cells: rawCSV ? .raw : .spreadsheetSafe, outlines: outlines) } catch {
                throw CommandFailure(error)
            }
            if formats.count > 1, let out {
                try writeOutput(data, to: (out as NSString).deletingPathExtension + "." + f.value.rawValue)
            } else {
                try writeOutput(data, to: out)
            }
        }
    }
}
