// swift-tools-version:6.0
import Foundation
import PackageDescription

// libFuzzer targets for handover's parsers, apart from the main package: libFuzzer supplies `main`, which would
// break the main package's build. Built and run by scripts/fuzz with its own scratch path (.build-fuzz):
//   swift build --package-path Fuzz --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// The main package is a path dependency; its identity is the name of the folder it was cloned into.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let fixtures = Target.Dependency.product(name: "HandoverFixtures", package: root.lastPathComponent.lowercased())

let package = Package(
    name: "handover-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(path: "..")],
    targets: [
        .target(name: "CFuzzDriver"),
        // One binary; FUZZ_TARGET picks the entry point (FuzzManifest, FuzzEnvFiles, FuzzEmailRecords, FuzzSnapshot).
        .executableTarget(name: "HandoverFuzz", dependencies: [fixtures, "CFuzzDriver"]),
    ]
)
