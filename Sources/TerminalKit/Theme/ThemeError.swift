/// Why a theme file could not be used. Its description names the file, the key and the bad value:
///
///     themes/broken.toml: roles.accent.fg: "#12345" is not a colour (expected #rrggbb, 0-255, or a colour name)
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user knows it (a path, or `themes/NAME.toml` for shipped themes).
    public var file: String
    /// The dotted key path of the bad entry (`roles.accent.fg`); nil for a file that does not parse.
    public var keyPath: String?
    /// What is wrong, with the offending value and what was expected.
    public var problem: String

    public init(file: String, keyPath: String?, problem: String) {
        self.file = file
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String {
        if let keyPath { return "\(file): \(keyPath): \(problem)" }
        return "\(file): \(problem)"
    }
}
