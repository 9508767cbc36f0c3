// swift-tools-version:6.0
import Foundation
import PackageDescription

// A program that uses ConflictMap as a library: `swift run --package-path Examples/swift-library`
// from the repository's folder draws the Panjshir example's map to map.png.
//
// The repository is a dependency by path; SwiftPM names such a package after its folder
// ("conflictmap" in a fresh clone), so the product is looked up under that name.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardizedFileURL
let rootIdentity = root.lastPathComponent.lowercased()

let package = Package(
    name: "map-example",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "map-example",
            dependencies: [
                .product(name: "ConflictMapKit", package: rootIdentity),
                .product(name: "Aggregator", package: rootIdentity),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
