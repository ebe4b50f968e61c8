// The shipped default theme, compiled in so an app starts even when no theme file can be found.
// A test keeps this text identical to themes/default.toml.

extension ThemeLibrary {
    /// The text of `themes/default.toml`.
    static let builtInDefaultText = #"""
        # TerminalKit theme "default". Keys per role: fg/bg (#rrggbb, 0-255 or a colour name) and, optionally,
        # fg256/bg256, fg16/bg16, fg8/bg8 for lesser terminals (approximated from fg/bg when absent), attrs, and mono:
        # the attributes used without colour (NO_COLOR, monochrome terminals). Unknown roles fall back to text.
        name = "default"
        description = "Dark background, blue accents: the default."

        [roles.text]
        fg = "#d0d0d0"
        fg256 = 252
        fg16 = "white"
        fg8 = "white"
        mono = []

        [roles.muted]
        fg = "#8a8a8a"
        fg256 = 245
        fg16 = "bright-black"
        fg8 = "white"
        mono = ["dim"]

        [roles.accent]
        fg = "#5fafff"
        fg256 = 75
        fg16 = "bright-blue"
        fg8 = "blue"
        attrs = ["bold"]
        mono = ["bold"]

        [roles.selection]
        fg = "#000000"
        fg256 = 16
        fg16 = "black"
        fg8 = "black"
        bg = "#5fafff"
        bg256 = 75
        bg16 = "bright-blue"
        bg8 = "blue"
        attrs = ["bold"]
        mono = ["reverse", "bold"]

        [roles.border]
        fg = "#585858"
        fg256 = 240
        fg16 = "bright-black"
        fg8 = "white"
        mono = []

        [roles."border.focus"]
        fg = "#5fafff"
        fg256 = 75
        fg16 = "bright-blue"
        fg8 = "blue"
        mono = ["bold"]

        [roles.title]
        fg = "#ffffff"
        fg256 = 231
        fg16 = "bright-white"
        fg8 = "white"
        attrs = ["bold"]
        mono = ["bold"]

        [roles.header]
        fg = "#87afd7"
        fg256 = 110
        fg16 = "cyan"
        fg8 = "cyan"
        attrs = ["bold"]
        mono = ["bold", "underline"]

        [roles.ok]
        fg = "#5fd75f"
        fg256 = 77
        fg16 = "bright-green"
        fg8 = "green"
        mono = []

        [roles.warning]
        fg = "#ffaf00"
        fg256 = 214
        fg16 = "bright-yellow"
        fg8 = "yellow"
        mono = ["bold"]

        [roles.critical]
        fg = "#ff5f5f"
        fg256 = 203
        fg16 = "bright-red"
        fg8 = "red"
        attrs = ["bold"]
        mono = ["bold", "reverse"]

        [roles.info]
        fg = "#5fd7ff"
        fg256 = 81
        fg16 = "bright-cyan"
        fg8 = "cyan"
        mono = []

        [roles."status-bar"]
        fg = "#d0d0d0"
        fg256 = 252
        fg16 = "white"
        fg8 = "white"
        bg = "#303030"
        bg256 = 236
        bg16 = "black"
        bg8 = "black"
        mono = ["reverse"]

        [roles.toast]
        fg = "#ffffff"
        fg256 = 231
        fg16 = "bright-white"
        fg8 = "white"
        bg = "#444444"
        bg256 = 238
        bg16 = "bright-black"
        bg8 = "black"
        mono = ["reverse"]

        [roles.dialog]
        fg = "#e4e4e4"
        fg256 = 254
        fg16 = "bright-white"
        fg8 = "white"
        bg = "#262626"
        bg256 = 235
        bg16 = "black"
        bg8 = "black"
        mono = []

        [roles.input]
        fg = "#e4e4e4"
        fg256 = 254
        fg16 = "white"
        fg8 = "white"
        bg = "#3a3a3a"
        bg256 = 237
        bg16 = "bright-black"
        bg8 = "black"
        mono = ["underline"]

        [roles."input.focus"]
        fg = "#ffffff"
        fg256 = 231
        fg16 = "bright-white"
        fg8 = "white"
        bg = "#4e4e4e"
        bg256 = 239
        bg16 = "blue"
        bg8 = "blue"
        mono = ["underline", "bold"]

        [roles.mark]
        fg = "#ffd75f"
        fg256 = 221
        fg16 = "yellow"
        fg8 = "yellow"
        attrs = ["bold"]
        mono = ["bold", "underline"]

        [roles.cursor]
        attrs = ["reverse"]
        mono = ["reverse"]
        """#
}
