/// What the terminal can show, from most to least: the tier a theme is resolved for.
public enum ColorCapability: String, Hashable, Sendable, CaseIterable, Comparable {
    case monochrome = "mono"
    case ansi8 = "8"
    case ansi16 = "16"
    case ansi256 = "256"

    /// The number of palette entries this tier uses (0 for monochrome).
    public var paletteSize: Int {
        switch self {
        case .monochrome: return 0
        case .ansi8: return 8
        case .ansi16: return 16
        case .ansi256: return 256
        }
    }

    /// The tier for a terminal reporting `colors` (ncurses `COLORS` after `start_color`).
    ///
    /// `NO_COLOR` (any non-empty value, see no-color.org) forces monochrome, which keeps bold, reverse and
    /// underline. `TERMINALKIT_COLORS` (`mono`, `8`, `16`, `256`) overrides detection, for tests and users.
    public static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorCapability {
        if let forced = environment["TERMINALKIT_COLORS"], let tier = ColorCapability(rawValue: forced) {
            return tier
        }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        guard hasColors else { return .monochrome }
        if colors >= 256 { return .ansi256 }
        if colors >= 16 { return .ansi16 }
        if colors >= 8 { return .ansi8 }
        return .monochrome
    }

    public static func < (lhs: ColorCapability, rhs: ColorCapability) -> Bool {
        lhs.paletteSize < rhs.paletteSize
    }
}
