/// A key press: what was pressed and which modifiers were held.
///
/// Keys are written in key tables as text: `"q"`, `"?"`, `"ctrl-a"`, `"alt-b"`, `"shift-tab"`, `"enter"`,
/// `"esc"`, `"space"`, `"up"`, `"pgdn"`, `"f1"`, `"ctrl-left"`.
public struct Key: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The key itself.
    public enum Code: Hashable, Sendable {
        case character(Character)
        case enter, tab, backTab, backspace, delete, insert, escape
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    /// Modifier keys held with the key.
    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1)
        public static let alt = Modifiers(rawValue: 2)
        public static let shift = Modifiers(rawValue: 4)
    }

    public var code: Code
    public var modifiers: Modifiers

    public init(_ code: Code, modifiers: Modifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    /// A printable character key.
    public static func character(_ character: Character) -> Key { Key(.character(character)) }

    /// Ctrl plus a letter.
    public static func control(_ letter: Character) -> Key { Key(.character(letter), modifiers: .control) }

    /// The character this key types, if it types one (no Ctrl or Alt held).
    public var typedCharacter: Character? {
        guard modifiers.isDisjoint(with: [.control, .alt]), case .character(let character) = code else { return nil }
        return character
    }

    static let namedCodes: [(String, Code)] = [
        ("enter", .enter), ("tab", .tab), ("backtab", .backTab), ("backspace", .backspace), ("delete", .delete),
        ("del", .delete), ("insert", .insert), ("esc", .escape), ("escape", .escape), ("up", .up), ("down", .down),
        ("left", .left), ("right", .right), ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("pageup", .pageUp), ("pagedown", .pageDown), ("space", .character(" ")),
    ]

    /// Parses the notation used in key tables; nil when it is not a key.
    public init?(notation: String) {
        var parts = notation
        var modifiers: Modifiers = []
        while parts.count > 1 {
            if parts.hasPrefix("ctrl-") {
                modifiers.insert(.control)
                parts.removeFirst(5)
            } else if parts.hasPrefix("alt-") {
                modifiers.insert(.alt)
                parts.removeFirst(4)
            } else if parts.hasPrefix("shift-") {
                modifiers.insert(.shift)
                parts.removeFirst(6)
            } else {
                break
            }
        }
        if parts.count == 1, let character = parts.first {
            self.init(.character(character), modifiers: modifiers)
        } else if let named = Self.namedCodes.first(where: { $0.0 == parts })?.1 {
            if named == .tab, modifiers == .shift {
                self.init(.backTab)
            } else {
                self.init(named, modifiers: modifiers)
            }
        } else if parts.hasPrefix("f"), let number = Int(parts.dropFirst()), (1...24).contains(number) {
            self.init(.function(number), modifiers: modifiers)
        } else {
            return nil
        }
    }

    /// A key written in code; an unknown name is a programming error caught by the key-table tests.
    public init(stringLiteral value: String) {
        guard let key = Key(notation: value) else {
            preconditionFailure("not a key: \(value)")
        }
        self = key
    }

    /// The key as written in key tables and shown in hints (`ctrl-a`, `shift-tab`, `?`).
    public var description: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "ctrl-" }
        if modifiers.contains(.alt) { prefix += "alt-" }
        if modifiers.contains(.shift) { prefix += "shift-" }
        switch code {
        case .character(" "): return prefix + "space"
        case .character(let character): return prefix + String(character)
        case .backTab: return prefix + "shift-tab"
        case .function(let n): return prefix + "f\(n)"
        default:
            let name = Self.namedCodes.first(where: { $0.1 == code })?.0 ?? "?"
            return prefix + name
        }
    }
}

/// A mouse event (delivered only when the application enables the mouse).
public struct MouseEvent: Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Hashable, Sendable {
        case press, release, click, rightClick, scrollUp, scrollDown, move
    }

    public var kind: Kind
    public var position: Point

    public init(kind: Kind, position: Point) {
        self.kind = kind
        self.position = position
    }
}
