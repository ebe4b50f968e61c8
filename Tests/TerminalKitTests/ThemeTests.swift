import Foundation
import TerminalKit
import Testing

@Suite("Themes")
struct ThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path
    static let shipped = ["default", "light", "high-contrast", "solarized-dark", "mono"]

    var library: ThemeLibrary { ThemeLibrary(folders: [.init(path: Self.themesFolder, displayPrefix: "themes/")]) }

    /// Writes `text` as `NAME.toml` in a fresh folder and returns a library over it.
    private func scratchLibrary(_ name: String, _ text: String) throws -> ThemeLibrary {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tk-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try text.write(to: folder.appendingPathComponent(name + ".toml"), atomically: true, encoding: .utf8)
        return ThemeLibrary(folders: [.init(path: folder.path, displayPrefix: "themes/")])
    }

    @Test("every shipped theme parses and defines every core role", arguments: shipped)
    func shippedThemes(_ name: String) throws {
        let theme = try library.load(named: name)
        #expect(theme.name == name)
        for role in Role.core {
            #expect(theme.roles[role.name] != nil, "\(name) lacks \(role)")
        }
    }

    @Test("the light theme paints its own background: text and every role without one sit on white")
    func lightThemeBackground() throws {
        let light = try library.load(named: "light")
        for tier in [ColorCapability.ansi256, .ansi16, .ansi8] {
            let text = light.resolve(Style(.text), for: tier)
            #expect(text.background != -1, "\(tier)")
            #expect(light.resolve(Style(.muted), for: tier).background == text.background)
            #expect(light.resolve(Style(.accent), for: tier).background == text.background)
        }
        // A role with its own background keeps it.
        let selection = light.resolve(Style(.selection), for: .ansi256)
        #expect(selection.background != light.resolve(Style(.text), for: .ansi256).background)
    }

    @Test("the library lists the shipped themes")
    func availableNames() {
        #expect(Set(library.availableNames()).isSuperset(of: Self.shipped))
    }

    @Test("the built-in default is the shipped default.toml")
    func builtInMatchesFile() throws {
        #expect(try library.load(named: "default") == ThemeLibrary.builtInDefault)
        #expect(ThemeLibrary.builtInDefault.roles.count == Role.core.count)
    }

    @Test("each capability tier gets its own colours")
    func tiers() throws {
        let theme = try library.load(named: "default")
        let accent = Style(.accent)
        #expect(
            theme.resolve(accent, for: .ansi256) == ResolvedStyle(foreground: 75, background: -1, attributes: .bold))
        #expect(theme.resolve(accent, for: .ansi16) == ResolvedStyle(foreground: 12, background: -1, attributes: .bold))
        #expect(theme.resolve(accent, for: .ansi8) == ResolvedStyle(foreground: 4, background: -1, attributes: .bold))
        #expect(theme.resolve(Style(.selection), for: .monochrome) == ResolvedStyle(attributes: [.reverse, .bold]))
    }

    @Test("tiers without their own colour approximate the 24-bit one")
    func approximation() throws {
        let theme = try ThemeParser.parse(
            "[roles.text]\nfg = \"#ff0000\"\n[roles.accent]\nfg = \"#5fafff\"\n", file: "t.toml", fallbackName: "t")
        #expect(theme.resolve(Style(.text), for: .ansi256).foreground == 196)
        #expect(theme.resolve(Style(.text), for: .ansi16).foreground == 9)
        #expect(theme.resolve(Style(.text), for: .ansi8).foreground == 1)
        #expect(theme.resolve(Style(.accent), for: .ansi256).foreground == 75)
    }

    @Test("unknown roles fall back to their parent and then to text")
    func roleFallback() throws {
        var theme = try library.load(named: "default")
        theme.roles["state"] = RoleAppearance(attributes: .italic)
        #expect(theme.resolve(Style("state.pending"), for: .ansi256).attributes == .italic)
        #expect(theme.resolve(Style("unheard.of"), for: .ansi256) == theme.resolve(Style(.text), for: .ansi256))
    }

    @Test("NO_COLOR forces monochrome, and detection follows the colour count")
    func detection() {
        #expect(ColorCapability.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColorCapability.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .ansi256)
        #expect(ColorCapability.detect(colors: 16, hasColors: true, environment: [:]) == .ansi16)
        #expect(ColorCapability.detect(colors: 8, hasColors: true, environment: [:]) == .ansi8)
        #expect(ColorCapability.detect(colors: 0, hasColors: false, environment: [:]) == .monochrome)
        #expect(
            ColorCapability.detect(colors: 8, hasColors: true, environment: ["TERMINALKIT_COLORS": "256"]) == .ansi256)
    }

    @Test("monochrome keeps bold, reverse and underline for every shipped theme", arguments: shipped)
    func monochromeKeepsAttributes(_ name: String) throws {
        let theme = try library.load(named: name)
        #expect(theme.resolve(Style(.selection), for: .monochrome).attributes.contains(.reverse))
        #expect(theme.resolve(Style(.header), for: .monochrome).attributes.contains(.underline))
        #expect(theme.resolve(Style(.selection), for: .monochrome).foreground == -1)
    }

    @Test(
        "a broken theme file names the file, the key and the bad value",
        arguments: [
            (
                "[roles.text]\nfg = \"#d0d0d0\"\n[roles.accent]\nfg = \"#12345\"\n",
                "themes/broken.toml: roles.accent.fg: \"#12345\" is not a colour (expected #rrggbb, 0-255, or a colour name)"
            ),
            (
                "[roles.text]\nfg256 = 300\n",
                "themes/broken.toml: roles.text.fg256: 300 is not a colour (expected #rrggbb, 0-255, or a colour name)"
            ),
            (
                "[roles.text]\nfg16 = \"orange\"\n",
                "themes/broken.toml: roles.text.fg16: \"orange\" is not one of the 16 colours (expected a colour name such as bright-blue, or 0-15)"
            ),
            (
                "[roles.text]\nfg8 = \"bright-red\"\n",
                "themes/broken.toml: roles.text.fg8: \"bright-red\" is not one of the 8 colours (expected black, red, green, yellow, blue, magenta, cyan, white, or 0-7)"
            ),
            (
                "[roles.text]\nattrs = [\"bold\", \"shiny\"]\n",
                "themes/broken.toml: roles.text.attrs: \"shiny\" is not an attribute (expected bold, dim, italic, underline, reverse, blink)"
            ),
            (
                "[roles.text]\nforeground = \"red\"\n",
                "themes/broken.toml: roles.text.foreground: unknown key (expected fg, bg, fg256, bg256, fg16, bg16, fg8, bg8, attrs, mono)"
            ),
            (
                "[roles.accent]\nfg = \"red\"\n",
                "themes/broken.toml: roles.text: missing (every theme defines the text role)"
            ),
            ("roles = 3\n", "themes/broken.toml: roles: 3 is not a table of roles (expected [roles.NAME])"),
        ])
    func brokenFiles(_ text: String, _ message: String) throws {
        let library = try scratchLibrary("broken", text)
        #expect(throws: ThemeError.self) { try library.load(named: "broken") }
        do {
            _ = try library.load(named: "broken")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a file that is not TOML reports the line and column")
    func syntaxError() throws {
        let library = try scratchLibrary("broken", "[roles.text\nfg = 1\n")
        let outcome = library.loadOrDefault(named: "broken")
        let description = try #require(outcome.error?.description)
        #expect(description.hasPrefix("themes/broken.toml:1:"))
        #expect(description.contains("not valid TOML"))
    }

    @Test("a broken theme falls back to default with the reason")
    func fallback() throws {
        let library = try scratchLibrary("broken", "[roles.text]\nfg = \"nope\"\n")
        let outcome = library.loadOrDefault(named: "broken")
        #expect(outcome.theme.name == "default")
        #expect(outcome.error?.keyPath == "roles.text.fg")
        let missing = library.loadOrDefault(named: "absent")
        #expect(missing.theme == ThemeLibrary.builtInDefault)
        #expect(missing.error?.problem.hasPrefix("no such theme") == true)
    }
}
