import Foundation
import Testing
import TestSupport

/// Command-line conventions as ogr2ogr and pandoc keep them (issue 14): a place option the
/// gazetteer does not have is refused with the nearest names; shell completion scripts; `-` is
/// standard output for every `--out`, with only data there.
@Suite("Command line: did-you-mean, completion scripts, - for standard output")
struct CommandLineConventionTests {
    @Test("--region and --focus refuse a misspelt place, offering the gazetteer's nearest names with their ids",
          arguments: [["analyze", "--region", "Panjshiir"], ["render", "--focus", "Panjshiir"]])
    func didYouMean(arguments: [String]) throws {
        let dir = try Fixtures.temporaryFolder("did-you-mean")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let extra = arguments[0] == "render" ? ["--out", dir + "/m.png"] : []
        let r = try Fixtures.conflictmap([arguments[0], Fixtures.examplesPath] + arguments.dropFirst() + extra)
        #expect(r.status != 0 && r.output.isEmpty)
        #expect(r.errors.contains("\(arguments[1]) 'Panjshiir' is not a place in the gazetteer; did you mean Panjshir (af/panjshir)"), "\(r.errors)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/m.png"))
        // At most three names are offered, the nearest spelling first.
        let slip = try Fixtures.conflictmap(["analyze", Fixtures.examplesPath, "--region", "Charikr"])
        let offered = slip.errors.components(separatedBy: "did you mean ").last ?? ""
        #expect(offered.hasPrefix("Charikar ("), "\(slip.errors)")
        #expect(offered.components(separatedBy: " (").count - 1 <= 4, "\(slip.errors)")  // three names, and the hint's "(to search it"
        // A name the gazetteer has in another spelling is taken, as is an id.
        for name in ["Panjsher", "af/panjshir"] {
            let ok = try Fixtures.conflictmap(["analyze", Fixtures.examplesPath, "--region", name, "--quiet"])
            #expect(ok.status == 0, "\(name): \(ok.errors)")
        }
    }

    @Test("The bash completion script completes the subcommands and options; zsh and fish scripts are written too")
    func completions() throws {
        let bash = try Fixtures.conflictmap(["--generate-completion-script", "bash"])
        #expect(bash.status == 0)
        for word in ["render", "analyze", "merge", "gazetteer", "complete -o filenames -F _conflictmap conflictmap"] {
            #expect(bash.text.contains(word), "the bash script does not mention \(word)")
        }
        let dir = try Fixtures.temporaryFolder("completion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try bash.output.write(to: URL(fileURLWithPath: dir + "/conflictmap.bash"))
        // Sourced into bash, the script offers the subcommands after "conflictmap " and analyze's --format.
        let script = """
            source \(dir)/conflictmap.bash
            COMP_WORDS=(conflictmap ""); COMP_CWORD=1; COMP_LINE="conflictmap "; COMP_POINT=12
            _conflictmap conflictmap "" conflictmap; echo "${COMPREPLY[@]}"
            COMPREPLY=(); COMP_WORDS=(conflictmap analyze --for); COMP_CWORD=2; COMP_LINE="conflictmap analyze --for"; COMP_POINT=25
            _conflictmap conflictmap --for analyze; echo "${COMPREPLY[@]}"
            """
        let completed = try Fixtures.run("/bin/bash", ["-c", script])
        let lines = completed.output.split(separator: "\n").map(String.init)
        #expect(completed.status == 0 && lines.count == 2, "\(completed.output)")
        let words = Set((lines.first ?? "").split(separator: " ").map(String.init))
        #expect(words.isSuperset(of: ["render", "analyze", "merge", "gazetteer"]), "\(completed.output)")
        #expect(lines.last == "--format", "\(completed.output)")
        let zsh = try Fixtures.conflictmap(["--generate-completion-script", "zsh"])
        #expect(zsh.status == 0 && zsh.text.hasPrefix("#compdef conflictmap") && zsh.text.contains("analyze"))
        let fish = try Fixtures.conflictmap(["--generate-completion-script", "fish"])
        #expect(fish.status == 0 && fish.text.contains("complete -c 'conflictmap'") && fish.text.contains("analyze"))
    }

    @Test("--out - is standard output for analyze and merge (no file named '-'), with nothing else there")
    func standardOutput() throws {
        let dir = try Fixtures.temporaryFolder("dash")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let reports = Fixtures.root + "/Examples/syria-2024"
        let plain = try Fixtures.conflictmap(["analyze", reports, "--format", "geojson", "--quiet"], in: dir)
        let dash = try Fixtures.conflictmap(["analyze", reports, "--format", "geojson", "--out", "-"], in: dir)
        #expect(dash.status == 0 && !dash.output.isEmpty && dash.output == plain.output, "\(dash.errors)")
        let partial = try Fixtures.conflictmap(["analyze", reports, "--partial", "--quiet"], in: dir)
        let merged = try Fixtures.conflictmap(["merge", "-", "--out", "-"], input: partial.output, in: dir)
        #expect(merged.status == 0 && merged.output == partial.output, "\(merged.errors)")
        let final = try Fixtures.conflictmap(["merge", "-", "--finalize", "--format", "geojson", "--out", "-"], input: partial.output, in: dir)
        #expect(final.status == 0 && final.output == plain.output, "\(final.errors)")
        let both = try Fixtures.conflictmap(["merge", "-", "--finalize", "--out", dir + "/a.json", "--partial-out", "-"], input: partial.output, in: dir)
        #expect(both.status == 0 && both.output == partial.output, "\(both.errors)")
        let clash = try Fixtures.conflictmap(["merge", "-", "--finalize", "--partial-out", "-"], input: partial.output, in: dir)
        #expect(clash.status != 0 && clash.output.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/-"))
    }
}
