// swift-tools-version:6.0
import PackageDescription

// One module per stage of the pipeline: model ← manifest ← collect (HandoverCollect, HandoverGit, HandoverDNS,
// HandoverNetwork) → store → audit → diff → documents, and HandoverApp's use cases on top. docs/architecture.md has
// the diagram. Declarations are `package`: nothing outside this package links them but the fuzzers.
let package = Package(
    name: "handover",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handover", targets: ["handover"]),
        // The fuzzers (Fuzz/, a package of their own) reach the parsers through this library; it is not installed.
        .library(name: "HandoverFixtures", targets: ["HandoverFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // The executable parses flags and maps outcomes to exit codes; the use cases live in HandoverApp.
        .executableTarget(
            name: "handover",
            dependencies: [
                "HandoverApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "HandoverApp",
            dependencies: [
                "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverStore", "HandoverAudit", "HandoverDiff",
                "HandoverDocuments", "HandoverGit", "HandoverDNS", "HandoverNetwork",
            ]
        ),

        // Model: what a snapshot holds — sections, records, findings — and the support every stage shares.
        .target(
            name: "HandoverModel",
            dependencies: ["CMalloc", .product(name: "Yams", package: "Yams"), .product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        // glibc's allocator settings (mallopt, malloc_trim): libc's own header, nothing to link.
        .systemLibrary(name: "CMalloc"),
        // Manifest: handover.yml read, checked and turned into what the collectors ask.
        .target(
            name: "HandoverManifest",
            dependencies: ["HandoverModel", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
        ),

        // Collect: DNS, email, env and secret rules in Swift; each C library behind the one target that imports it.
        .target(
            name: "HandoverCollect",
            dependencies: [
                "HandoverModel", "HandoverManifest",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(name: "HandoverGit", dependencies: ["HandoverModel", "HandoverCollect", "CLibgit2", "CZlib"]),
        .target(name: "HandoverDNS", dependencies: ["HandoverModel", "HandoverCollect", "CLDNS"]),
        // TLS and HTTP probes: NIO-SSL captures the chain, swift-certificates judges it, AsyncHTTPClient walks redirects hop by hop.
        .target(
            name: "HandoverNetwork",
            dependencies: [
                "HandoverModel", "HandoverManifest",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .systemLibrary(name: "CLDNS", pkgConfig: "ldns", providers: [.apt(["libldns-dev"]), .brew(["ldns"])]),
        .systemLibrary(name: "CLibgit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]),
        // zlib, for the history scan's own reader of pack files (libgit2 caches no delta base over 1 MB).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),

        // Store: snapshots written atomically, listed, pruned; the lookup index beside them.
        .target(name: "HandoverStore", dependencies: ["HandoverModel", .product(name: "Crypto", package: "swift-crypto")]),
        // Audit: the checks, and the judgement computed from facts when a snapshot is read.
        .target(name: "HandoverAudit", dependencies: ["HandoverModel", "HandoverManifest", "HandoverCollect"]),
        // Diff: what changed between two snapshots.
        .target(name: "HandoverDiff", dependencies: ["HandoverModel", "HandoverManifest", "HandoverAudit"]),
        // Documents: the guide, checklist and risk report from templates; the terminal text of show, diff and audit.
        .target(
            name: "HandoverDocuments",
            dependencies: [
                "HandoverModel", "HandoverManifest", "HandoverStore", "HandoverAudit", "HandoverDiff",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // Not shipped: the healthy example every check's examples edit, and the fuzzers' entry points.
        .target(
            name: "HandoverFixtures",
            dependencies: ["HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverStore", "HandoverAudit", "HandoverDiff", "HandoverDocuments"]
        ),
        // Helpers shared by the test targets: temp folders, running processes (git CLI, the built binary), servers.
        .target(name: "HandoverTestSupport", dependencies: ["HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverStore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "HandoverCoreTests",
            dependencies: [
                "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverStore", "HandoverAudit", "HandoverDiff",
                "HandoverDocuments", "HandoverFixtures", "HandoverTestSupport",
            ],
            exclude: ["Fixtures/diff", "Fixtures/documents", "Fixtures/rfc7208"]
        ),
        .testTarget(name: "HandoverGitTests", dependencies: ["HandoverGit", "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverAudit", "HandoverFixtures", "HandoverTestSupport"]),
        .testTarget(name: "HandoverDNSTests", dependencies: ["HandoverDNS", "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverAudit", "HandoverTestSupport"]),
        .testTarget(name: "HandoverNetworkTests", dependencies: ["HandoverNetwork", "HandoverGit", "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverAudit", "HandoverFixtures", "HandoverTestSupport"]),
        .testTarget(name: "HandoverCLITests", dependencies: ["handover", "HandoverApp", "HandoverModel", "HandoverManifest", "HandoverCollect", "HandoverStore", "HandoverAudit", "HandoverDiff", "HandoverDocuments", "HandoverFixtures", "HandoverTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
