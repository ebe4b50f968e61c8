// swift-tools-version:6.1
import PackageDescription

// The OpenAPI generator, outside the app's package: scripts/generate-openapi.sh runs it to write
// Sources/EdulinkAPI/Generated, which is committed. Generating at build time (the build plugin) cost
// every clean build some three minutes of compiling the generator and its dependencies.
let package = Package(
    name: "openapi-tools",
    dependencies: [
        // Exact: the committed sources record the version that wrote them.
        .package(url: "https://github.com/apple/swift-openapi-generator.git", exact: "1.14.3")
    ],
    targets: []
)
