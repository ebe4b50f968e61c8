internal import TOMLKit

/// Reads a theme from TOML text.
///
/// ```toml
/// name = "default"
/// description = "Dark background, blue accents"
///
/// [roles.accent]
/// fg = "#5fafff"      # 24-bit; approximated for lesser tiers unless they are given:
/// fg256 = 75
/// fg16 = "bright-blue"
/// fg8 = "blue"
/// attrs = ["bold"]
/// mono = ["bold", "underline"]   # used under NO_COLOR and on terminals without colour
/// ```
public enum ThemeParser {
    static let roleKeys = ["fg", "bg", "fg256", "bg256", "fg16", "bg16", "fg8", "bg8", "attrs", "mono"]

    /// Parses `text`; `file` names the source in error messages.
    public static func parse(_ text: String, file: String, fallbackName: String) throws(ThemeError) -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(
                file: "\(file):\(error.source.begin.line):\(error.source.begin.column)", keyPath: nil,
                problem: "not valid TOML: \(error.description)")
        } catch {
            throw ThemeError(file: file, keyPath: nil, problem: "not valid TOML: \(error)")
        }
        var theme = Theme(name: fallbackName, roles: [:])
        for (key, value) in document {
            switch key {
            case "name":
                guard let name = value.string, !name.isEmpty else {
                    throw ThemeError(
                        file: file, keyPath: key, problem: "\(show(value)) is not a theme name (expected text)")
                }
                theme.name = name
            case "description":
                guard let summary = value.string else {
                    throw ThemeError(file: file, keyPath: key, problem: "\(show(value)) is not text")
                }
                theme.summary = summary
            case "roles":
                guard let roles = value.table else {
                    throw ThemeError(
                        file: file, keyPath: key,
                        problem: "\(show(value)) is not a table of roles (expected [roles.NAME])")
                }
                for (roleName, roleValue) in roles {
                    theme.roles[roleName] = try parseRole(roleValue, path: "roles.\(roleName)", file: file)
                }
            default:
                throw ThemeError(file: file, keyPath: key, problem: "unknown key (expected name, description, roles)")
            }
        }
        guard theme.roles[Role.text.name] != nil else {
            throw ThemeError(file: file, keyPath: "roles.text", problem: "missing (every theme defines the text role)")
        }
        return theme
    }

    private static func parseRole(
        _ value: any TOMLValueConvertible, path: String, file: String
    ) throws(ThemeError) -> RoleAppearance {
        guard let table = value.table else {
            throw ThemeError(file: file, keyPath: path, problem: "\(show(value)) is not a table (expected [\(path)])")
        }
        var look = RoleAppearance()
        for (key, entry) in table {
            let keyPath = "\(path).\(key)"
            switch key {
            case "fg": look.foreground.truecolor = try color(entry, tier: .ansi256, path: keyPath, file: file)
            case "bg": look.background.truecolor = try color(entry, tier: .ansi256, path: keyPath, file: file)
            case "fg256": look.foreground.ansi256 = try color(entry, tier: .ansi256, path: keyPath, file: file)
            case "bg256": look.background.ansi256 = try color(entry, tier: .ansi256, path: keyPath, file: file)
            case "fg16": look.foreground.ansi16 = try color(entry, tier: .ansi16, path: keyPath, file: file)
            case "bg16": look.background.ansi16 = try color(entry, tier: .ansi16, path: keyPath, file: file)
            case "fg8": look.foreground.ansi8 = try color(entry, tier: .ansi8, path: keyPath, file: file)
            case "bg8": look.background.ansi8 = try color(entry, tier: .ansi8, path: keyPath, file: file)
            case "attrs": look.attributes = try attributes(entry, path: keyPath, file: file)
            case "mono": look.monochrome = try attributes(entry, path: keyPath, file: file)
            default:
                throw ThemeError(
                    file: file, keyPath: keyPath, problem: "unknown key (expected \(roleKeys.joined(separator: ", ")))")
            }
        }
        return look
    }

    private static func color(
        _ value: any TOMLValueConvertible, tier: ColorCapability, path: String, file: String
    ) throws(ThemeError) -> ThemeColor {
        let parsed: ThemeColor?
        if let number = value.int {
            parsed = (0...255).contains(number) ? .palette(UInt8(number)) : nil
        } else if let text = value.string {
            parsed = ThemeColor(text: text)
        } else {
            parsed = nil
        }
        switch (tier, parsed) {
        case (.ansi256, .some(let color)):
            return color
        case (.ansi16, .some(let color)):
            if case .palette(let index) = color, index < 16 { return color }
            if color == .terminalDefault { return color }
        case (.ansi8, .some(let color)):
            if case .palette(let index) = color, index < 8 { return color }
            if color == .terminalDefault { return color }
        default:
            break
        }
        let expected: String
        switch tier {
        case .ansi16: expected = "is not one of the 16 colours (expected a colour name such as bright-blue, or 0-15)"
        case .ansi8:
            expected =
                "is not one of the 8 colours (expected black, red, green, yellow, blue, magenta, cyan, white, or 0-7)"
        default: expected = "is not a colour (expected #rrggbb, 0-255, or a colour name)"
        }
        throw ThemeError(file: file, keyPath: path, problem: "\(show(value)) \(expected)")
    }

    private static func attributes(
        _ value: any TOMLValueConvertible, path: String, file: String
    ) throws(ThemeError) -> Attributes {
        guard let list = value.array else {
            throw ThemeError(
                file: file, keyPath: path,
                problem: "\(show(value)) is not a list of attributes (expected [\"bold\", ...])")
        }
        var result: Attributes = []
        for element in list {
            guard let name = element.string, let attribute = Attributes.names.first(where: { $0.0 == name })?.1 else {
                let names = Attributes.names.map(\.0).joined(separator: ", ")
                throw ThemeError(
                    file: file, keyPath: path, problem: "\(show(element)) is not an attribute (expected \(names))")
            }
            result.insert(attribute)
        }
        return result
    }

    /// A TOML value as it would appear in the file.
    static func show(_ value: any TOMLValueConvertible) -> String {
        if let text = value.string { return "\"\(text)\"" }
        if let number = value.int { return String(number) }
        if let flag = value.bool { return String(flag) }
        if let number = value.double { return String(number) }
        return value.tomlValue.debugDescription
    }
}
