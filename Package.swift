// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Passim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "passim", targets: ["passim"]),
        .library(name: "PassimCore", targets: ["PassimCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C++ shim over Xapian 1.4: C header, `cxapian_` prefix, opaque handles, typed error codes.
        .target(
            name: "CXapian",
            linkerSettings: [.linkedLibrary("xapian")]
        ),
        // C shim over ICU (word/sentence breaks, NFKC_Casefold); its header includes no ICU header.
        .target(
            name: "CICU",
            linkerSettings: [
                // Foundation's ICU first, so its symbols do not bind to the system ICU at run time.
                .linkedLibrary("_FoundationICU"),
                .linkedLibrary("icuuc"),
            ]
        ),
        // C shim over libxml2's HTML parser (SAX, with input offsets) and iconv; no libxml2 types in its header.
        .target(
            name: "CXML",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        // The Linux calls Swift's Glibc module leaves out (statfs, eventfd), for the daemon's watchers.
        .target(name: "CLinux"),
        // Swift ownership and typed errors over CXapian; no Passim logic.
        .target(name: "PassimXapian", dependencies: ["CXapian"]),
        // The one analyzer: segmentation, normalization, stemming, CJK bigrams, byte offsets.
        .target(name: "PassimAnalysis", dependencies: ["CICU", "PassimXapian"]),
        // Articles: reading source files and splitting them into passages with exact spans.
        .target(name: "PassimArticles", dependencies: ["PassimAnalysis", "CXML"]),
        // The query language: lexer, parser, AST, compilation to a Xapian query.
        .target(name: "PassimQuery", dependencies: ["PassimAnalysis", "PassimXapian"]),
        // Wire types shared by `passim search --json` and the daemon: one Codable type per message.
        .target(name: "PassimProtocol"),
        // Index schema, ingestion, searching, highlighting: the engine behind the CLI and daemon.
        .target(
            name: "PassimCore",
            dependencies: [
                "PassimXapian", "PassimAnalysis", "PassimArticles", "PassimQuery",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The socket's safety rules shared by daemon and client: directory checks, peer credentials.
        .target(
            name: "PassimSocket",
            dependencies: [.product(name: "NIOCore", package: "swift-nio")]
        ),
        // The daemon: Unix socket listener, framing, dispatch, searcher pool, index watcher.
        .target(
            name: "PassimServer",
            dependencies: [
                "PassimCore", "PassimArticles", "PassimProtocol", "PassimSocket", "CLinux",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A JSON-RPC client for the daemon's socket, used by the CLI (and usable by other tools).
        .target(
            name: "PassimClient",
            dependencies: [
                "PassimProtocol", "PassimSocket",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // `passim lsp`: the Language Server Protocol over stdio; workspace/symbol searches passages.
        .target(
            name: "PassimLSP",
            dependencies: [
                "PassimProtocol", "PassimCore", "PassimServer", "PassimClient",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line tool: thin ArgumentParser commands over PassimCore and PassimServer.
        .executableTarget(
            name: "passim",
            dependencies: [
                "PassimCore", "PassimArticles", "PassimQuery", "PassimProtocol", "PassimServer", "PassimClient",
                "PassimLSP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Helpers shared by the test targets: seeded randomness, temporary directories, the built binary.
        .target(name: "PassimTestSupport", path: "Tests/PassimTestSupport"),
        .testTarget(name: "PassimXapianTests", dependencies: ["PassimXapian", "CXapian"]),
        .testTarget(
            name: "PassimAnalysisTests", dependencies: ["PassimAnalysis", "CICU", "PassimTestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "PassimArticlesTests", dependencies: ["PassimArticles", "PassimTestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "PassimQueryTests",
            dependencies: ["PassimQuery", "PassimAnalysis", "PassimXapian", "PassimTestSupport"]
        ),
        .testTarget(
            name: "PassimProtocolTests", dependencies: ["PassimProtocol", "PassimTestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "PassimCoreTests",
            dependencies: [
                "PassimCore", "PassimAnalysis", "PassimArticles", "PassimProtocol", "PassimXapian", "PassimTestSupport",
            ]
        ),
        .testTarget(
            name: "PassimServerTests",
            dependencies: [
                "PassimServer", "PassimCore", "PassimProtocol", "PassimSocket", "PassimClient", "PassimTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Runs the real `passim` binary (built by `swift build`) against real indexes and sockets.
        .testTarget(
            name: "EndToEndTests", dependencies: ["PassimProtocol", "PassimTestSupport"],
            // Read from the source tree by path (Snapshot.directory), not bundled.
            exclude: ["Snapshots"]),
        // The command-line tool's own logic: how results are shown to people.
        .testTarget(name: "passimTests", dependencies: ["passim", "PassimCore", "PassimProtocol"]),
        .testTarget(
            name: "PassimLSPTests",
            dependencies: [
                "PassimLSP", "PassimServer", "PassimCore", "PassimProtocol", "PassimClient", "PassimTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PassimClientTests",
            dependencies: [
                "PassimClient", "PassimServer", "PassimCore", "PassimTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
