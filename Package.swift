// swift-tools-version:6.0
import PackageDescription

/// The libFuzzer targets (Fuzz/, Scripts/fuzz.sh): declared only when CONFLICTMAP_FUZZ is set, as
/// they have no `main` (libFuzzer's) and build only with `-sanitize=fuzzer`. The harness they share
/// (FuzzHarness) is built always, for the regression test that replays Fuzz/regressions/.
let fuzzTargets = ["reports", "gazetteer-line", "partial", "actors", "geojson", "render"]
let fuzzing = Context.environment["CONFLICTMAP_FUZZ"] != nil

let package = Package(
    name: "ConflictMap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "conflictmap", targets: ["conflictmap"]),
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "Gazetteer", targets: ["Gazetteer"]),
        .library(name: "Aggregator", targets: ["Aggregator"]),
        .library(name: "Renderer", targets: ["Renderer"]),
        .library(name: "ConflictMapKit", targets: ["ConflictMapKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Geo"),
        .target(name: "Gazetteer", dependencies: ["Geo"]),
        // The claim lexicon's data file: ClaimLexicon+Generated.swift is made from it (Scripts/build-claim-lexicon.py).
        .target(name: "Aggregator", dependencies: ["Geo", "Gazetteer"], exclude: ["Lexicons/claim-lexicon.json"]),
        .target(name: "Renderer", dependencies: ["Geo", "Gazetteer", "Aggregator", "CCairo", "CPangoCairo", "CZlib"]),
        // A map (or an HTML report) in one call: what `conflictmap render` and `report` do, as a library.
        .target(name: "ConflictMapKit", dependencies: ["Geo", "Gazetteer", "Aggregator", "Renderer"]),
        .executableTarget(
            name: "conflictmap",
            dependencies: [
                "Geo", "Gazetteer", "Aggregator", "Renderer", "ConflictMapKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "conflictmap-bench",
            dependencies: ["Geo", "Gazetteer", "Aggregator", "Renderer"],
            path: "Benchmarks/conflictmap-bench"
        ),
        .target(name: "TestSupport", dependencies: ["Gazetteer", "Aggregator"], path: "Tests/Support"),
        .testTarget(name: "GeoTests", dependencies: ["Geo"]),
        .testTarget(name: "GazetteerTests", dependencies: ["Gazetteer", "TestSupport"]),
        .testTarget(name: "AggregatorTests", dependencies: ["Aggregator", "Gazetteer", "TestSupport"]),
        .testTarget(name: "RendererTests", dependencies: ["Renderer", "Aggregator", "Gazetteer", "Geo", "CCairo", "CPangoCairo", "TestSupport"]),
        // The browser test drives Chromium with a small DevTools Protocol client (cdp.py).
        .testTarget(name: "ConflictMapKitTests", dependencies: ["ConflictMapKit", "Renderer", "Aggregator", "Gazetteer", "Geo", "TestSupport"],
                    exclude: ["cdp.py"]),
        .target(name: "FuzzHarness", dependencies: ["Geo", "Gazetteer", "Aggregator", "Renderer"], path: "Fuzz/Harness"),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzHarness"], path: "Fuzz/RegressionTests"),
    ] + (fuzzing ? [.systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer")] + fuzzTargets.map { name in
        .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzHarness", "CLibFuzzer"], path: "Fuzz/Targets/\(name)")
    } : []),
    swiftLanguageModes: [.v6]
)
