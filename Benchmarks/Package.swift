// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so the main build never compiles the benchmark harness.
// Run: cd Benchmarks && swift package --scratch-path .build-bench benchmark
let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Edulink", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TerminalKitRendering",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TerminalKit", package: "Edulink"),
            ],
            path: "Benchmarks/TerminalKitRendering",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
