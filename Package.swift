// swift-tools-version:6.0
import PackageDescription

// Layout follows the pipeline: collect (HandoverGit, HandoverDNS, later HandoverNetwork) → store → diff / audit → render
// (HandoverCore). The executable only parses flags and maps errors to exit codes. Each C library is wrapped by
// exactly one target that imports it.
let package = Package(
    name: "handover",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handover", targets: ["handover"]),
        .library(name: "HandoverCore", targets: ["HandoverCore"]),
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
        .executableTarget(
            name: "handover",
            dependencies: [
                "HandoverApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "HandoverApp",
            dependencies: ["HandoverCore", "HandoverGit", "HandoverDNS", "HandoverNetwork"]
        ),
        // TLS and HTTP probes: NIO-SSL captures the chain, swift-certificates judges it, AsyncHTTPClient walks redirects hop by hop.
        .target(
            name: "HandoverNetwork",
            dependencies: [
                "HandoverCore",
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
        .target(
            name: "HandoverCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(
            name: "HandoverGit",
            dependencies: ["HandoverCore", "CLibgit2"]
        ),
        .target(
            name: "HandoverDNS",
            dependencies: ["HandoverCore", "CLDNS"]
        ),
        .systemLibrary(
            name: "CLDNS",
            pkgConfig: "ldns",
            providers: [.apt(["libldns-dev"]), .brew(["ldns"])]
        ),
        .systemLibrary(
            name: "CLibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        // Helpers shared by the test targets: temp folders, running processes (git CLI, the built binary).
        .target(name: "HandoverTestSupport", dependencies: ["HandoverCore"], path: "Tests/TestSupport"),
        .testTarget(name: "HandoverCoreTests", dependencies: ["HandoverCore", "HandoverTestSupport"], exclude: ["Fixtures/diff", "Fixtures/documents", "Fixtures/rfc7208"]),
        .testTarget(name: "HandoverGitTests", dependencies: ["HandoverGit", "HandoverCore", "HandoverTestSupport"]),
        .testTarget(name: "HandoverDNSTests", dependencies: ["HandoverDNS", "HandoverCore", "HandoverTestSupport"]),
        .testTarget(name: "HandoverNetworkTests", dependencies: ["HandoverNetwork", "HandoverGit", "HandoverCore", "HandoverTestSupport"]),
        .testTarget(name: "HandoverCLITests", dependencies: ["handover", "HandoverApp", "HandoverCore", "HandoverTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
