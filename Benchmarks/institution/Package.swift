// swift-tools-version:6.1
import PackageDescription

// An institution with 20,000 students and 5,000 placements: the placement report through the
// local-mode repository, and a 10,000-row CSV import (dry run, a bad row by line, apply, again).
// Run by scripts/bench-institution.sh.
let package = Package(
    name: "institution-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Edulink", path: "../..")],
    targets: [
        .executableTarget(
            name: "institution-bench",
            dependencies: [
                .product(name: "EdulinkCore", package: "Edulink"),
                .product(name: "EdulinkSQLite", package: "Edulink"),
            ]
        )
    ]
)
