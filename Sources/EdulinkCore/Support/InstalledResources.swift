public import Foundation

/// Where a file shipped in a module's resource bundle may be, for code that must not stop the
/// process when it is missing.
///
/// SwiftPM's generated `Bundle.module` calls `fatalError` when the bundle is neither beside the
/// executable nor in the build folder it was compiled in (a binary copied somewhere without its
/// `*.resources` folders); looking in the same places by hand lets the caller say what is missing and
/// what to do instead.
///
/// ```swift
/// let places = InstalledResources.locations(of: "openapi.yaml", in: "Edulink_EdulinkAPI.resources",
///                                            checkout: URL(fileURLWithPath: #filePath) …)
/// ```
public enum InstalledResources {
    /// `path` inside the bundle folder `bundle`, best first: beside the running executable (build
    /// folder or installation, symbolic links resolved), beside the main bundle, then `checkout`
    /// (the file in the source checkout, for tests and `swift run`); each place once.
    public static func locations(of path: String, in bundle: String, checkout: URL) -> [URL] {
        var bases: [URL] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            bases.append(URL(fileURLWithPath: executable).deletingLastPathComponent())
        }
        let invoked = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        bases.append(invoked.deletingLastPathComponent())
        bases.append(Bundle.main.bundleURL)
        var seen = Set<String>()
        return (bases.map { $0.appendingPathComponent(bundle).appendingPathComponent(path) } + [checkout])
            .filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// The first of `locations` that exists, or nil.
    public static func first(_ locations: [URL]) -> URL? {
        locations.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
