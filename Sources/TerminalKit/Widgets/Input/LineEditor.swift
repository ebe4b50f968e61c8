/// The editing state of one line of text: the text, the cursor, and readline-style editing keys.
///
/// | keys | effect |
/// |---|---|
/// | left/right, ctrl-b/ctrl-f | move one character |
/// | home/ctrl-a, end/ctrl-e | start / end of line |
/// | alt-b/ctrl-left, alt-f/ctrl-right | previous / next word |
/// | backspace, delete/ctrl-d | delete before / at the cursor |
/// | ctrl-u, ctrl-k | delete to the start / to the end |
/// | ctrl-w, alt-d | delete the word before / after the cursor |
public struct LineEditor: Hashable, Sendable {
    /// What a key did.
    public enum Outcome: Hashable, Sendable {
        /// The key edited the text or moved the cursor.
        case edited
        /// The key is not an editing key; the caller may handle it.
        case ignored
        /// Enter was pressed.
        case submitted
    }

    public private(set) var characters: [Character]
    /// The cursor, as a character offset (0…count).
    public private(set) var cursor: Int
    /// The most characters accepted (nil: unlimited).
    public var maxLength: Int?

    public init(_ text: String = "", maxLength: Int? = nil) {
        self.characters = Array(text)
        self.cursor = characters.count
        self.maxLength = maxLength
    }

    /// The text.
    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            if let maxLength, characters.count > maxLength { characters.removeLast(characters.count - maxLength) }
            cursor = characters.count
        }
    }

    /// The cursor's column from the start of the text.
    public var cursorColumn: Int { DisplayWidth.of(String(characters[0..<cursor])) }

    /// Applies an editing key.
    public mutating func handle(_ key: Key) -> Outcome {
        let control = key.modifiers.contains(.control)
        let alt = key.modifiers.contains(.alt)
        switch (key.code, control, alt) {
        case (.enter, _, _): return .submitted
        case (.left, false, false), (.character("b"), true, false): cursor = max(0, cursor - 1)
        case (.right, false, false), (.character("f"), true, false): cursor = min(characters.count, cursor + 1)
        case (.home, _, _), (.character("a"), true, false): cursor = 0
        case (.end, _, _), (.character("e"), true, false): cursor = characters.count
        case (.left, true, _), (.left, _, true), (.character("b"), false, true): cursor = previousWordStart()
        case (.right, true, _), (.right, _, true), (.character("f"), false, true): cursor = nextWordEnd()
        case (.backspace, _, false):
            guard cursor > 0 else { return .edited }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case (.backspace, _, true), (.character("w"), true, false):
            let start = previousWordStart()
            characters.removeSubrange(start..<cursor)
            cursor = start
        case (.delete, false, false), (.character("d"), true, false):
            if cursor < characters.count { characters.remove(at: cursor) }
        case (.character("d"), false, true):
            characters.removeSubrange(cursor..<nextWordEnd())
        case (.character("u"), true, false):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case (.character("k"), true, false):
            characters.removeSubrange(cursor..<characters.count)
        case (.character(let character), false, false):
            insert(character)
        default:
            return .ignored
        }
        return .edited
    }

    /// Inserts text at the cursor (as far as the maximum length allows).
    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    private mutating func insert(_ character: Character) {
        guard character != "\n", !(character.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) else { return }
        if let maxLength, characters.count >= maxLength { return }
        characters.insert(character, at: cursor)
        cursor += 1
    }

    /// Moves the cursor to `offset` (clamped).
    public mutating func moveCursor(to offset: Int) {
        cursor = min(max(0, offset), characters.count)
    }

    private func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }

    private func previousWordStart() -> Int {
        var index = cursor
        while index > 0, !isWord(characters[index - 1]) { index -= 1 }
        while index > 0, isWord(characters[index - 1]) { index -= 1 }
        return index
    }

    private func nextWordEnd() -> Int {
        var index = cursor
        while index < characters.count, !isWord(characters[index]) { index += 1 }
        while index < characters.count, isWord(characters[index]) { index += 1 }
        return index
    }
}
