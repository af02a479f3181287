// swift-tools-version: 6.1
import PackageDescription

/// One build configuration for every target (STYLE.md habit 1).
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // An async function runs on its caller's executor instead of hopping to the global one on
    // entry. The server runs Swift concurrency on NIO's event loops, and a job there runs "on" the
    // loop as a serial executor, so each hop was an enqueue and a trip through the loop: executed
    // article pages +9-10 % side by side.
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "Folio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "folio-admin", targets: ["folio-admin"]),
        .executable(name: "folio-graphql", targets: ["folio-graphql"]),
        .executable(name: "folio", targets: ["folio"]),
        .library(name: "GraphQLLanguage", targets: ["GraphQLLanguage"]),
        .library(name: "GraphQLEngine", targets: ["GraphQLEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // GraphQL language: lexer, parser, AST, printer. Imports nothing.
        .target(name: "GraphQLLanguage", swiftSettings: swiftSettings),
        // GraphQL engine: type system, validation, execution, introspection. Imports only the language.
        .target(name: "GraphQLEngine", dependencies: ["GraphQLLanguage"], swiftSettings: swiftSettings),

        .executableTarget(name: "folio-graphql",
                          dependencies: ["GraphQLEngine", "GraphQLLanguage",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: swiftSettings),

        // Debian's libcmark-gfm behind a system-library module map.
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "FolioMarkdown", dependencies: ["CCmarkGFM"], swiftSettings: swiftSettings),

        // The domain: content types, slugs, statuses, front matter.
        .target(name: "FolioContent", dependencies: [.product(name: "Yams", package: "Yams")],
                swiftSettings: swiftSettings),

        // Files of schema/ (SQL migrations, the GraphQL schema) are embedded at build time.
        .executableTarget(name: "embed-files", swiftSettings: swiftSettings),
        .plugin(name: "EmbedSchemaFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .target(name: "FolioStore",
                dependencies: ["FolioContent", "FolioMarkdown", .product(name: "GRDB", package: "GRDB.swift"),
                               .product(name: "GRDBSQLite", package: "GRDB.swift"),
                               .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: swiftSettings,
                plugins: ["EmbedSchemaFiles"]),

        // The content schema on the engine: resolvers, batch loaders, connections.
        .target(name: "FolioAPI", dependencies: ["GraphQLEngine", "FolioContent", "FolioStore"],
                swiftSettings: swiftSettings, plugins: ["EmbedSchemaFiles"]),

        // HTTP: routes, GraphQL over HTTP, health.
        // libdeflate (Debian's libdeflate-dev): gzip for responses.
        .systemLibrary(name: "CLibDeflate", providers: [.apt(["libdeflate-dev"])]),
        .target(name: "FolioServer",
                dependencies: ["FolioAPI", "FolioStore", "FolioContent", "GraphQLEngine", "GraphQLLanguage", "CLibDeflate",
                               .product(name: "Hummingbird", package: "hummingbird"),
                               .product(name: "HummingbirdCore", package: "hummingbird"),
                               .product(name: "HTTPTypes", package: "swift-http-types"),
                               .product(name: "NIOCore", package: "swift-nio"),
                               .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                               .product(name: "Logging", package: "swift-log"),
                               .product(name: "Prometheus", package: "swift-prometheus")],
                swiftSettings: swiftSettings),
        .executableTarget(name: "folio",
                          dependencies: ["FolioServer", "FolioStore", "FolioContent",
                                         .product(name: "Hummingbird", package: "hummingbird"),
                                         .product(name: "Logging", package: "swift-log"),
                                         .product(name: "NIOCore", package: "swift-nio"),
                                         .product(name: "NIOPosix", package: "swift-nio"),
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: swiftSettings,
                          // The server allocates with tcmalloc (Debian's libtcmalloc-minimal4, which
                          // ships only the versioned library): see Benchmarks/HISTORY.md, runs 25-27.
                          linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))]),

        .executableTarget(name: "folio-admin",
                          dependencies: ["FolioContent", "FolioStore", "FolioAPI", "GraphQLEngine",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          path: "admin",
                          swiftSettings: swiftSettings),

        .target(name: "ConformanceSupport", path: "Tests/ConformanceSupport", swiftSettings: swiftSettings),
        .testTarget(name: "GraphQLLanguageTests",
                    dependencies: ["GraphQLLanguage", "ConformanceSupport", .product(name: "Yams", package: "Yams")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "GraphQLEngineTests",
                    dependencies: ["GraphQLEngine", "GraphQLLanguage", "ConformanceSupport", "folio-graphql",
                                   .product(name: "Yams", package: "Yams")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "FolioMarkdownTests", dependencies: ["FolioMarkdown", "ConformanceSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "FolioContentTests", dependencies: ["FolioContent", "ConformanceSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "FolioStoreTests", dependencies: ["FolioStore", "FolioContent", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(name: "FolioAPITests", dependencies: ["FolioAPI", "FolioStore", "FolioContent", "GraphQLEngine", "ConformanceSupport"],
                    swiftSettings: swiftSettings),
        .testTarget(name: "FolioServerTests",
                    dependencies: ["FolioServer", "FolioStore", "FolioContent", "ConformanceSupport", "folio", "CLibDeflate",
                                   .product(name: "HummingbirdTesting", package: "hummingbird"),
                                   .product(name: "Logging", package: "swift-log"),
                                   .product(name: "HTTPTypes", package: "swift-http-types")],
                    swiftSettings: swiftSettings),
        .testTarget(name: "AdminCLITests", dependencies: ["folio-admin", "ConformanceSupport"], swiftSettings: swiftSettings),
    ]
)
