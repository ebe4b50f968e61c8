internal import Foundation

/// Finds and loads themes: the user's folder first (`$XDG_CONFIG_HOME/APP/themes`), then the themes shipped
/// in the toolkit's resources, and always the built-in `default`.
///
/// ```swift
/// let library = ThemeLibrary(appName: "edulink")
/// let outcome = library.loadOrDefault(named: "solarized-dark")
/// if let problem = outcome.error { toasts.post(problem.description, kind: .warning, now: now) }
/// ```
public struct ThemeLibrary: Sendable {
    /// A folder of `NAME.toml` files, and how its files are named in messages.
    public struct Folder: Hashable, Sendable {
        public var path: String
        public var displayPrefix: String

        public init(path: String, displayPrefix: String) {
            self.path = path
            self.displayPrefix = displayPrefix
        }
    }

    /// The outcome of ``loadOrDefault(named:)``: the theme to use, and why it is not the one asked for.
    public struct Outcome: Sendable {
        public var theme: Theme
        public var error: ThemeError?
    }

    /// Folders searched in order; the first holding `NAME.toml` wins.
    public var folders: [Folder]

    public init(folders: [Folder]) {
        self.folders = folders
    }

    /// The user's theme folder for `appName`, then the shipped themes.
    public init(appName: String, environment: [String: String] = ProcessEnvironment.current) {
        var folders: [Folder] = []
        if let config = environment["XDG_CONFIG_HOME"].flatMap({ $0.isEmpty ? nil : $0 })
            ?? environment["HOME"].map({ $0 + "/.config" })
        {
            let path = config + "/" + appName + "/themes"
            folders.append(Folder(path: path, displayPrefix: path + "/"))
        }
        if let shipped = Self.shippedThemesPath() {
            folders.append(Folder(path: shipped, displayPrefix: "themes/"))
        }
        self.init(folders: folders)
    }

    /// The built-in default theme (identical to the shipped `themes/default.toml`).
    public static var builtInDefault: Theme {
        // The text is a compiled-in constant that a test parses; failure here is a build defect, not input.
        (try? ThemeParser.parse(builtInDefaultText, file: "built-in default", fallbackName: "default"))
            ?? Theme(name: "default", roles: [Role.text.name: RoleAppearance()])
    }

    /// Names of all themes found, sorted, with `default` always present.
    public func availableNames() -> [String] {
        var names: Set<String> = ["default"]
        for folder in folders {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for entry in entries where entry.hasSuffix(".toml") {
                names.insert(String(entry.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Loads the theme `name` from the first folder that has it; `default` falls back to the built-in copy.
    public func load(named name: String) throws(ThemeError) -> Theme {
        for folder in folders {
            let path = folder.path + "/" + name + ".toml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            return try Self.load(file: path, displayName: folder.displayPrefix + name + ".toml")
        }
        if name == "default" { return Self.builtInDefault }
        throw ThemeError(
            file: "themes/\(name).toml", keyPath: nil,
            problem: "no such theme (available: \(availableNames().joined(separator: ", ")))")
    }

    /// Loads `name`, or the default theme with the reason when `name` is missing or broken.
    public func loadOrDefault(named name: String) -> Outcome {
        do {
            return Outcome(theme: try load(named: name), error: nil)
        } catch {
            let fallback = (try? load(named: "default")) ?? Self.builtInDefault
            return Outcome(theme: fallback, error: error)
        }
    }

    /// Loads one theme file; `displayName` names it in errors.
    public static func load(file path: String, displayName: String? = nil) throws(ThemeError) -> Theme {
        let shown = displayName ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: shown, keyPath: nil, problem: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: shown, keyPath: nil, problem: "is not UTF-8 text")
        }
        let base = (path as NSString).lastPathComponent
        let name = base.hasSuffix(".toml") ? String(base.dropLast(5)) : base
        return try ThemeParser.parse(text, file: shown, fallbackName: name)
    }

    /// Where the shipped themes are: the resource bundle beside the executable (an installed app), or the
    /// one SwiftPM built, or the package checkout. Looked up by hand rather than through `Bundle.module`,
    /// whose accessor stops the process when the bundle is missing; here a missing bundle only means
    /// "use the built-in default".
    static func shippedThemesPath() -> String? {
        var candidates: [String] = []
        let executableFolder = Bundle.main.bundleURL.path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: executableFolder)) ?? []
        for entry in entries.sorted() where entry.hasSuffix("_TerminalKit.resources") {
            candidates.append(executableFolder + "/" + entry + "/themes")
        }
        // This file is Sources/TerminalKit/Theme/ThemeLibrary.swift in the checkout.
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(checkout.appendingPathComponent("themes").path)
        var isFolder: ObjCBool = false
        return candidates.first {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue
        }
    }
}
