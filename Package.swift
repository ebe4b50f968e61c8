// swift-tools-version:6.1
// Branch `demo`: reduced to the demo dataset module and its tests; the lead reconciles manifests.
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Edulink",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "EdulinkDemo", targets: ["EdulinkDemo"]),
    ],
    targets: [
        .target(
            name: "EdulinkDemo",
            resources: [.copy("../../data")],
            swiftSettings: strict
        ),
        .testTarget(name: "EdulinkDemoTests", dependencies: ["EdulinkDemo"], swiftSettings: strict),
    ]
)
