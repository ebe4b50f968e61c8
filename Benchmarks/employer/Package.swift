// swift-tools-version:6.1
import PackageDescription

// The employer's applicant screens over one listing with 10,000 applicants, through the local-mode repository
// (EdulinkService over SQLiteStore, as the terminal app runs it). Run by scripts/bench-employer.sh.
let package = Package(
    name: "employer-bench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Edulink", path: "../..")],
    targets: [
        .executableTarget(
            name: "employer-bench",
            dependencies: [
                .product(name: "EdulinkCore", package: "Edulink"),
                .product(name: "EdulinkSQLite", package: "Edulink"),
            ]
        )
    ]
)
