/// A colour given per capability tier. Only `truecolor` is needed: a tier without its own entry uses the
/// nearest richer one, approximated on its palette (`ansi8` ← `ansi16` ← `ansi256` ← `truecolor`).
public struct ColorChoice: Hashable, Sendable {
    public var truecolor: ThemeColor?
    public var ansi256: ThemeColor?
    public var ansi16: ThemeColor?
    public var ansi8: ThemeColor?

    public init(
        truecolor: ThemeColor? = nil, ansi256: ThemeColor? = nil, ansi16: ThemeColor? = nil, ansi8: ThemeColor? = nil
    ) {
        self.truecolor = truecolor
        self.ansi256 = ansi256
        self.ansi16 = ansi16
        self.ansi8 = ansi8
    }

    /// The palette index for `tier` (-1: the terminal's default colour).
    public func index(for tier: ColorCapability) -> Int {
        let order: [ThemeColor?]
        switch tier {
        case .monochrome: return -1
        case .ansi256: order = [ansi256, truecolor, ansi16, ansi8]
        case .ansi16: order = [ansi16, ansi256, truecolor, ansi8]
        case .ansi8: order = [ansi8, ansi16, ansi256, truecolor]
        }
        guard let color = order.lazy.compactMap({ $0 }).first else { return -1 }
        return color.paletteIndex(limit: tier.paletteSize)
    }
}

/// How one role looks: colours per tier, attributes, and the attributes used without colour (`mono`,
/// defaulting to `attributes`), so state stays visible on a monochrome terminal.
public struct RoleAppearance: Hashable, Sendable {
    public var foreground: ColorChoice
    public var background: ColorChoice
    public var attributes: Attributes
    public var monochrome: Attributes?

    public init(
        foreground: ColorChoice = ColorChoice(), background: ColorChoice = ColorChoice(), attributes: Attributes = [],
        monochrome: Attributes? = nil
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.monochrome = monochrome
    }
}

/// A role's look on a particular terminal: palette indices (-1 = terminal default) and attributes.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: Attributes

    public init(foreground: Int = -1, background: Int = -1, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A named mapping from roles to appearances. Load one with ``ThemeLibrary``.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var summary: String
    public var roles: [String: RoleAppearance]

    public init(name: String, summary: String = "", roles: [String: RoleAppearance]) {
        self.name = name
        self.summary = summary
        self.roles = roles
    }

    /// The appearance of `role`: its own, else that of its parent (`state.pending` → `state`), else `text`.
    public func appearance(of role: Role) -> RoleAppearance {
        var name = role.name
        while true {
            if let found = roles[name] { return found }
            guard let dot = name.lastIndex(of: ".") else { break }
            name = String(name[..<dot])
        }
        return roles[Role.text.name] ?? RoleAppearance()
    }

    /// What `style` looks like on a terminal of `capability`.
    public func resolve(_ style: Style, for capability: ColorCapability) -> ResolvedStyle {
        let look = appearance(of: style.role)
        if capability == .monochrome {
            return ResolvedStyle(attributes: (look.monochrome ?? look.attributes).union(style.adding))
        }
        // A role that sets no background of its own sits on the text's (a light theme paints its
        // own background, so its dark text stays readable on a dark terminal).
        let background =
            look.background == ColorChoice()
            ? (roles[Role.text.name]?.background ?? ColorChoice()) : look.background
        return ResolvedStyle(
            foreground: look.foreground.index(for: capability),
            background: background.index(for: capability),
            attributes: look.attributes.union(style.adding)
        )
    }
}
