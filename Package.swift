// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Edulink",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "edulink", targets: ["edulink"]),
        .library(name: "EdulinkCore", targets: ["EdulinkCore"]),
        .library(name: "EdulinkSQLite", targets: ["EdulinkSQLite"]),
        .library(name: "TerminalKit", targets: ["TerminalKit"]),
        .executable(name: "terminalkit-gallery", targets: ["TerminalKitGallery"]),
        .library(name: "EdulinkPostgres", targets: ["EdulinkPostgres"]),
        .library(name: "EdulinkAPI", targets: ["EdulinkAPI"]),
        .library(name: "EdulinkServer", targets: ["EdulinkServer"]),
        .library(name: "EdulinkRemote", targets: ["EdulinkRemote"]),
        .library(name: "EdulinkViewModels", targets: ["EdulinkViewModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // Server and remote mode
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-openapi-async-http-client.git", from: "1.5.0"),
        // Health: request percentiles over rolling windows
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        // Tests: reading the API document (the OpenAPI generator resolves the same version)
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // MARK: Domain and data
        .target(
            name: "EdulinkCore",
            dependencies: [
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EdulinkSQLite",
            dependencies: [
                "EdulinkCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EdulinkPostgres",
            dependencies: [
                "EdulinkCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EdulinkDemo",
            dependencies: ["EdulinkCore"],
            resources: [.copy("../../data")],
            swiftSettings: strict
        ),

        // MARK: Terminal
        .systemLibrary(name: "CNCursesw", path: "Sources/CNCursesw"),
        .target(
            name: "TerminalKit",
            dependencies: ["CNCursesw", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.copy("../../themes")],
            swiftSettings: strict
        ),
        .executableTarget(name: "TerminalKitGallery", dependencies: ["TerminalKit"], swiftSettings: strict),
        // MARK: Server and remote mode
        .target(
            name: "EdulinkAPI",
            dependencies: [
                "EdulinkCore",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            // Generated/ is written by scripts/generate-openapi.sh from openapi.yaml and committed (no
            // build plugin: it compiled the generator on every clean build). Its unused public imports
            // warn (silenced from Swift 6.4 on); scripts/test.sh ignores warnings in Generated/ only.
            exclude: ["openapi-generator-config.yaml"],
            resources: [.copy("openapi.yaml")],
            swiftSettings: strict
        ),
        .target(
            name: "EdulinkServer",
            dependencies: [
                "EdulinkCore",
                "EdulinkAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EdulinkRemote",
            dependencies: [
                "EdulinkCore",
                "EdulinkAPI",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIAsyncHTTPClient", package: "swift-openapi-async-http-client"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: Screens
        .target(
            name: "EdulinkViewModels", dependencies: ["EdulinkCore", .product(name: "CSV", package: "CSV.swift")],
            swiftSettings: strict),
        .target(
            name: "EdulinkTUI",
            dependencies: [
                "EdulinkViewModels", "EdulinkCore", "TerminalKit", .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),

        // MARK: Executable
        .executableTarget(
            name: "edulink",
            dependencies: [
                "EdulinkCore",
                "EdulinkSQLite",
                "EdulinkPostgres",
                "EdulinkDemo",
                "EdulinkTUI",
                "EdulinkServer",
                "EdulinkRemote",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: Tests
        .testTarget(
            name: "EdulinkCoreTests",
            dependencies: ["EdulinkCore", .product(name: "CoreMetrics", package: "swift-metrics")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkSQLiteTests",
            dependencies: ["EdulinkCore", "EdulinkSQLite", "EdulinkDemo"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkViewModelsTests",
            dependencies: ["EdulinkViewModels", "EdulinkCore", "EdulinkSQLite"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkTUITests",
            dependencies: [
                "EdulinkTUI", "EdulinkViewModels", "EdulinkCore", "EdulinkSQLite", "EdulinkDemo", "TerminalKit",
            ],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "TerminalKitTests",
            dependencies: ["TerminalKit"],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
        .testTarget(name: "EdulinkDemoTests", dependencies: ["EdulinkDemo"], swiftSettings: strict),
        .target(
            name: "EdulinkPostgresTestSupport",
            dependencies: ["EdulinkCore", "EdulinkPostgres", .product(name: "Logging", package: "swift-log")],
            path: "Tests/EdulinkPostgresTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkPostgresTests",
            dependencies: [
                "EdulinkCore", "EdulinkPostgres", "EdulinkPostgresTestSupport", "EdulinkDemo",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkContractTests",
            dependencies: [
                "EdulinkCore", "EdulinkSQLite", "EdulinkPostgres", "EdulinkPostgresTestSupport", "EdulinkServer",
                "EdulinkRemote",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkServerTests",
            dependencies: [
                "EdulinkCore", "EdulinkDemo", "EdulinkSQLite", "EdulinkPostgres", "EdulinkPostgresTestSupport",
                "EdulinkServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("../../Sources/EdulinkAPI/openapi.yaml")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkCLITests",
            dependencies: [
                "EdulinkCore", "EdulinkSQLite", "EdulinkPostgres", "EdulinkPostgresTestSupport", "edulink",
            ],
            swiftSettings: strict
        ),
    ]
)
