// swift-tools-version:6.1
import PackageDescription

// A supervisor with 50 interns × 24 weeks and 1,000 submitted logbook entries, through the local-mode
// repository (EdulinkService over SQLiteStore, as the terminal app runs it) and the Logbooks tab's
// view-model. Run by scripts/bench-placements.sh.
let package = Package(
    name: "placements-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Edulink", path: "../..")],
    targets: [
        .executableTarget(
            name: "placements-bench",
            dependencies: [
                .product(name: "EdulinkCore", package: "Edulink"),
                .product(name: "EdulinkSQLite", package: "Edulink"),
                .product(name: "EdulinkViewModels", package: "Edulink"),
            ]
        )
    ]
)
