import Foundation
import FuzzHarness
import XCTest

/// Replays every input under Fuzz/regressions/<target>/ (reproducers of crashes the fuzzers found,
/// kept once fixed) through the fuzz target's own code, FuzzHarness.run: a regression traps here.
final class FuzzRegressionTests: XCTestCase {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func testEveryRegressionInputRunsCleanly() throws {
        let folder = Self.root + "/Fuzz/regressions"
        var replayed = 0
        for target in FuzzTarget.allCases {
            let dir = folder + "/" + target.rawValue
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
            for name in names {
                let data = try XCTUnwrap(FileManager.default.contents(atPath: dir + "/" + name), "\(target.rawValue)/\(name) cannot be read")
                FuzzHarness.run(target, data)
                replayed += 1
            }
        }
        print("fuzz regressions: \(replayed) inputs replayed")
    }

    /// Each target's harness runs on a small ordinary input and on the empty input.
    func testEveryTargetRunsOnSmallInputs() {
        let report = "Taliban capture Bazarak\nThe Taliban said on Monday they had captured Bazarak, the capital of Panjshir province."
        for target in FuzzTarget.allCases {
            FuzzHarness.run(target, Data())
            FuzzHarness.run(target, Data(report.utf8))
        }
        FuzzHarness.run(.reports, Data(("0" + report).utf8))
        FuzzHarness.run(.render, Data(("w=800;h=600;s=0.25\n" + report).utf8))
    }
}
