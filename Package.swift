// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// Branch `tk` builds TerminalKit alone; main's manifest carries the Edulink targets beside these.
let package = Package(
    name: "Edulink",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "terminalkit-gallery", targets: ["TerminalKitGallery"]),
        .library(name: "TerminalKit", targets: ["TerminalKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0")
    ],
    targets: [
        // MARK: Terminal
        .systemLibrary(name: "CNCursesw", path: "Sources/CNCursesw"),
        .target(
            name: "TerminalKit",
            dependencies: ["CNCursesw", .product(name: "TOMLKit", package: "TOMLKit")],
            resources: [.copy("../../themes")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TerminalKitGallery",
            dependencies: ["TerminalKit"],
            swiftSettings: strict
        ),

        // MARK: Tests
        .testTarget(
            name: "TerminalKitTests",
            dependencies: ["TerminalKit"],
            exclude: ["__Snapshots__"],
            swiftSettings: strict
        ),
    ]
)
