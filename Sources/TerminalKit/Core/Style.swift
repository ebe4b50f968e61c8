/// A semantic role: what a piece of text *is* (accent, warning, a selected row), not how it looks.
///
/// The theme maps roles to colours and attributes for the terminal's capabilities. Applications declare
/// their own roles (`Role("state.pending")`); a theme without them falls back to ``Role/text``.
public struct Role: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    /// Ordinary text.
    public static let text: Role = "text"
    /// Secondary text: hints, placeholders, timestamps.
    public static let muted: Role = "muted"
    /// Emphasis: keys in hints, active tab, links.
    public static let accent: Role = "accent"
    /// The selected row or item.
    public static let selection: Role = "selection"
    /// Frames and separators.
    public static let border: Role = "border"
    /// The border of the focused pane.
    public static let borderFocus: Role = "border.focus"
    /// Titles of panes and dialogs.
    public static let title: Role = "title"
    /// Column headers.
    public static let header: Role = "header"
    /// Success.
    public static let ok: Role = "ok"
    /// Something needs attention.
    public static let warning: Role = "warning"
    /// Something is wrong.
    public static let critical: Role = "critical"
    /// Neutral information.
    public static let info: Role = "info"
    /// The status bar.
    public static let statusBar: Role = "status-bar"
    /// A toast notification.
    public static let toast: Role = "toast"
    /// Dialog bodies.
    public static let dialog: Role = "dialog"
    /// Editable input.
    public static let input: Role = "input"
    /// The focused editable input.
    public static let inputFocus: Role = "input.focus"
    /// Marked (multi-selected) rows.
    public static let mark: Role = "mark"
    /// The text cursor drawn as a cell.
    public static let cursor: Role = "cursor"

    /// The roles the toolkit itself draws with; every shipped theme defines them.
    public static let core: [Role] = [
        .text, .muted, .accent, .selection, .border, .borderFocus, .title, .header, .ok, .warning, .critical,
        .info, .statusBar, .toast, .dialog, .input, .inputFocus, .mark, .cursor,
    ]
}

/// Text attributes, as terminals know them.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
    public static let blink = Attributes(rawValue: 1 << 5)

    /// Names as written in theme files, in a stable order.
    public static let names: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
        ("blink", .blink),
    ]
}

/// How a cell looks: a role resolved by the theme, plus attributes a widget adds (a cursor, a bold key).
public struct Style: Hashable, Sendable {
    public var role: Role
    public var adding: Attributes

    public init(_ role: Role = .text, adding: Attributes = []) {
        self.role = role
        self.adding = adding
    }

    /// Ordinary text.
    public static let plain = Style()

    /// This style with more attributes.
    public func with(_ attributes: Attributes) -> Style { Style(role, adding: adding.union(attributes)) }
}
