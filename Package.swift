// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Edulink",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EdulinkCore", targets: ["EdulinkCore"])
    ],
    targets: [
        .target(name: "EdulinkCore", swiftSettings: strict),
        .testTarget(name: "EdulinkCoreTests", dependencies: ["EdulinkCore"], swiftSettings: strict),
    ]
)
