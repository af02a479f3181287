// swift-tools-version: 6.1
// Benchmarks Folio's GraphQL engine against GraphQLSwift 4.3.0 on the same inputs in one run.
// GraphQLSwift is a baseline here only; Folio itself never depends on it.
import PackageDescription

let package = Package(
    name: "GraphQLBenchmark",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Folio", path: "../.."),
        .package(url: "https://github.com/GraphQLSwift/GraphQL", from: "4.3.0"),
    ],
    targets: [
        .executableTarget(
            name: "GraphQLBenchmark",
            dependencies: [
                .product(name: "GraphQLEngine", package: "Folio"),
                .product(name: "GraphQLLanguage", package: "Folio"),
                .product(name: "GraphQL", package: "GraphQL"),
            ],
            resources: [.copy("Inputs")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
