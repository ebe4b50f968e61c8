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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: Domain and data
        .target(
            name: "EdulinkCore",
            dependencies: [
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
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

        // MARK: Screens
        .target(name: "EdulinkViewModels", dependencies: ["EdulinkCore"], swiftSettings: strict),
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
                "EdulinkDemo",
                "EdulinkTUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),

        // MARK: Tests
        .testTarget(name: "EdulinkCoreTests", dependencies: ["EdulinkCore"], swiftSettings: strict),
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
                "EdulinkCore", "EdulinkPostgres", "EdulinkPostgresTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkContractTests",
            dependencies: ["EdulinkCore", "EdulinkSQLite", "EdulinkPostgres", "EdulinkPostgresTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EdulinkCLITests",
            dependencies: ["EdulinkCore", "EdulinkSQLite", "edulink"],
            swiftSettings: strict
        ),
    ]
)
