// swift-tools-version:6.1
import PackageDescription

// Search latency over a generated database, through SQLiteStore or PostgresStore. Run by
// scripts/bench-search.sh.
let package = Package(
    name: "search-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Edulink", path: "../..")],
    targets: [
        .executableTarget(
            name: "search-bench",
            dependencies: [
                .product(name: "EdulinkCore", package: "Edulink"),
                .product(name: "EdulinkSQLite", package: "Edulink"),
                .product(name: "EdulinkPostgres", package: "Edulink"),
            ]
        )
    ]
)
