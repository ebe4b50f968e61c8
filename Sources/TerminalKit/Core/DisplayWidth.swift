internal import CNCursesw

/// Column widths of text as a terminal shows it.
///
/// A `Character` (one grapheme cluster) is measured by `wcwidth` of its first scalar, so CJK is 2,
/// combining marks add nothing, and emoji presentation (an emoji scalar, VS16, a ZWJ sequence or a
/// flag) is 2. Every measure is of the character as ``shown(_:)`` draws it, so wrapping, clipping
/// and drawing agree: a control character is drawn (and measured) as `�`, one column, and a ZWJ
/// sequence (👩‍💻) as its first emoji, two columns, since terminals disagree on how wide the joined
/// form is (tmux draws its parts side by side) and a wrong guess shifts everything after it.
public enum DisplayWidth {
    /// What is drawn for `character` and how many columns it takes; nil for a character that takes
    /// none and is drawn as part of the one before it (a lone zero-width mark).
    public static func shown(_ character: Character) -> (symbol: Character, width: Int)? {
        // ASCII first, as before: nearly every character drawn, and no cluster to inspect.
        if let ascii = character.asciiValue {
            return isPrintableASCII(ascii) ? (character, 1) : ("\u{FFFD}", 1)
        }
        let scalars = character.unicodeScalars
        if scalars.contains(where: { $0.value == 0x200D }), let first = scalars.first {
            var symbol = String(first)
            if scalars.dropFirst().first?.value == 0xFE0F { symbol.unicodeScalars.append("\u{FE0F}") }
            return (Character(symbol), 2)
        }
        let width = measured(character)
        if width > 0 { return (character, width) }
        if scalars.first?.properties.generalCategory == .control { return ("\u{FFFD}", 1) }
        return nil
    }

    /// Whether the process's character handling is UTF-8 (checked once; switches to C.UTF-8 if needed).
    public static let localeIsUTF8: Bool = cnc_adopt_utf8_locale() == 1

    /// The number of columns `character` occupies as drawn: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        shown(character)?.width ?? 0
    }

    /// `wcwidth` of the character itself (0 for control characters).
    private static func measured(_ character: Character) -> Int {
        if let ascii = character.asciiValue {
            return isPrintableASCII(ascii) ? 1 : 0
        }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count > 1 {
            for scalar in scalars.dropFirst() where scalar.value == 0xFE0F || scalar.value == 0x200D {
                return 2
            }
            if (0x1F1E6...0x1F1FF).contains(first.value) { return 2 }
        }
        if first.properties.isEmojiPresentation { return 2 }
        _ = localeIsUTF8
        let measured = cnc_wcwidth(first.value)
        if measured < 0 {
            // Unassigned or control: a lone combining mark or private-use scalar still takes a column.
            return first.properties.generalCategory == .control ? 0 : 1
        }
        return Int(measured)
    }

    /// The number of columns `text` occupies.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        let ascii = printableASCIIPrefix(text)
        if ascii.isWhole { return ascii.count }
        var total = ascii.count
        for character in text[text.utf8.index(text.startIndex, offsetBy: ascii.count)...] { total += of(character) }
        return total
    }

    /// How many characters `text` starts with that are printable ASCII, one byte and one column each,
    /// and whether that is all of it. Most text drawn is ASCII: its bytes are counted without breaking
    /// it into grapheme clusters, which costs several times more per character (a frame of the app
    /// draws thousands). The prefix stops before the last ASCII byte ahead of any other byte, as that
    /// byte may be a character with a combining mark after it.
    static func printableASCIIPrefix<S: StringProtocol>(_ text: S) -> (count: Int, isWhole: Bool) {
        var count = 0
        for byte in text.utf8 {
            guard isPrintableASCII(byte) else { return (max(0, count - 1), false) }
            count += 1
        }
        return (count, true)
    }

    /// Whether `byte` is a printable ASCII character (space to `~`): one column, drawn as itself.
    @inline(__always)
    static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// The width of `text` when every byte of it is printable ASCII, else nil.
    static func printableASCIIWidth<S: StringProtocol>(_ text: S) -> Int? {
        let ascii = printableASCIIPrefix(text)
        return ascii.isWhole ? ascii.count : nil
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    /// A wide character is never split: if it would straddle the edge, it is dropped.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        let ascii = printableASCIIWidth(text)
        if (ascii ?? of(text)) <= width { return text }
        let budget = width - of(ellipsis)
        if ascii != nil {
            var result = String(decoding: text.utf8.prefix(max(0, budget)), as: UTF8.self)
            if budget >= 0 { result.append(ellipsis) }
            return result
        }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        if budget >= 0 { result.append(ellipsis) }
        return result
    }

    /// `text` padded with spaces (or truncated) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .leading) -> String {
        let fitted = truncate(text, to: width)
        let gap = max(0, width - of(fitted))
        switch alignment {
        case .leading: return fitted + String(repeating: " ", count: gap)
        case .trailing: return String(repeating: " ", count: gap) + fitted
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
        }
    }
}

/// Horizontal alignment of text in a space.
public enum Alignment: Sendable, Hashable {
    case leading, center, trailing
}
