import EdulinkCore
public import Foundation

/// The files of `data/` that ship with Edulink: the common-password list, the vocabulary of the
/// synthetic data generator and the demo dataset.
///
/// They are resources of this module (`.copy("../../data")`), so they sit in a
/// `Edulink_EdulinkDemo.resources/data/` folder next to the executable, in the build folder or
/// wherever an install step copied both.
///
/// ```swift
/// let policy = try PasswordPolicy(commonPasswordsFile: try DemoResources.commonPasswordsURL)
/// ```
///
/// SwiftPM's generated `Bundle.module` stops the process with `fatalError` when the bundle is
/// missing (a binary copied somewhere without its resources); this type looks in the same places
/// and reports ``DemoResourcesError/missing(_:searched:)`` instead, so the CLI can say what to do.
public enum DemoResources {
    /// The name SwiftPM gives this module's resource bundle (`<package>_<target>.resources`).
    public static let bundleName = "Edulink_EdulinkDemo.resources"

    /// `data/common-passwords.txt`: passwords the password policy refuses.
    public static var commonPasswordsURL: URL {
        get throws { try file("common-passwords.txt") }
    }

    /// `data/vocabulary/`: word lists for `edulink db generate`.
    public static var vocabularyURL: URL {
        get throws { try file("vocabulary") }
    }

    /// `data/demo-dataset.json`: what `edulink demo` loads.
    public static var demoDatasetURL: URL {
        get throws { try file("demo-dataset.json") }
    }

    /// The `data/` folder of the installation.
    public static var dataDirectory: URL {
        get throws {
            let candidates = searchedDirectories()
            for directory in candidates where isDirectory(directory) {
                return directory
            }
            throw DemoResourcesError.missing("data/", searched: candidates.map(\.path))
        }
    }

    /// A file or folder inside `data/`.
    public static func file(_ name: String) throws -> URL {
        let url = try dataDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DemoResourcesError.missing("data/\(name)", searched: [url.path])
        }
        return url
    }

    /// Where `data/` may be, best first: beside the running executable (build folder or
    /// installation), beside the main bundle, then the source checkout this module was built from.
    static func searchedDirectories() -> [URL] {
        // Running from the checkout (tests, `swift run`): Sources/EdulinkDemo/ → ../../data
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data")
        return InstalledResources.locations(of: "data", in: bundleName, checkout: checkout)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}

/// A shipped data file that cannot be found.
public enum DemoResourcesError: Error, Equatable, CustomStringConvertible {
    /// `what` is missing; `searched` lists where it was looked for.
    case missing(String, searched: [String])

    public var description: String {
        switch self {
        case .missing(let what, let searched):
            "Edulink's data files are missing (\(what), looked in \(searched.joined(separator: ", "))); "
                + "copy the \(DemoResources.bundleName) folder next to the edulink binary, or reinstall."
        }
    }
}
