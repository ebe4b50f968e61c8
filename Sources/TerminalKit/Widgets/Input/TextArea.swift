/// The editing state of multi-line text: the text, a cursor, and the scroll position, with cursor moves
/// across wrapped lines. The view wraps at the width it is drawn at, so the state remembers that width
/// (``layout(width:height:)``) to move up and down by visual lines.
public struct TextAreaState: Hashable, Sendable {
    public private(set) var characters: [Character]
    /// The cursor as a character offset.
    public private(set) var cursor: Int
    /// The first visual line shown.
    public private(set) var scroll: Int = 0
    /// The most characters accepted (nil: unlimited).
    public var maxLength: Int?
    private var width = 40
    private var height = 5
    private var goalColumn: Int?

    public init(_ text: String = "", maxLength: Int? = nil) {
        self.characters = Array(text)
        self.cursor = 0
        self.maxLength = maxLength
    }

    public var text: String {
        get { String(characters) }
        set {
            characters = Array(newValue)
            cursor = min(cursor, characters.count)
        }
    }

    /// Words in the text (runs of letters and digits), for "120 words" counters.
    public var wordCount: Int {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "-") }).count
    }

    /// Tells the state the size it is drawn at; keeps the cursor's line in view.
    public mutating func layout(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        keepCursorVisible()
    }

    /// The wrapped lines at the current width.
    public var visualLines: [TextWrap.Line] { TextWrap.lines(text, width: width) }

    /// The visual line and column of the cursor.
    public var cursorLocation: (line: Int, column: Int) {
        let lines = visualLines
        for (index, line) in lines.enumerated() {
            let end = line.start + line.length
            let isLast = index == lines.count - 1
            // A cursor at a wrap point belongs to the next line, unless the line ended in a newline.
            if cursor < end || (isLast && cursor <= end) {
                let column = DisplayWidth.of(String(characters[line.start..<min(cursor, characters.count)]))
                return (index, column)
            }
        }
        return (max(0, lines.count - 1), 0)
    }

    /// Applies an editing or moving key; `.ignored` for keys it does not use (Tab, Esc).
    public mutating func handle(_ key: Key) -> LineEditor.Outcome {
        let control = key.modifiers.contains(.control)
        var keepGoal = false
        switch (key.code, control) {
        case (.up, _), (.character("p"), true):
            moveVertically(by: -1)
            keepGoal = true
        case (.down, _), (.character("n"), true):
            moveVertically(by: 1)
            keepGoal = true
        case (.pageUp, _):
            moveVertically(by: -height)
            keepGoal = true
        case (.pageDown, _):
            moveVertically(by: height)
            keepGoal = true
        case (.enter, false):
            insert("\n")
        case (.home, false), (.character("a"), true):
            cursor = visualLines[cursorLocation.line].start
        case (.end, false), (.character("e"), true):
            let line = visualLines[cursorLocation.line]
            cursor = line.start + line.length - (characters[safe: line.start + line.length - 1] == "\n" ? 1 : 0)
            cursor = min(cursor, characters.count)
        default:
            // Reuse the line editor's keys on the whole text.
            var editor = LineEditor(text, maxLength: maxLength)
            editor.moveCursor(to: cursor)
            let outcome = editor.handle(key)
            guard outcome == .edited else { return .ignored }
            characters = editor.characters
            cursor = editor.cursor
        }
        if !keepGoal { goalColumn = nil }
        keepCursorVisible()
        return .edited
    }

    /// Inserts text at the cursor.
    public mutating func insert(_ text: String) {
        for character in text {
            if let maxLength, characters.count >= maxLength { break }
            characters.insert(character, at: cursor)
            cursor += 1
        }
        keepCursorVisible()
    }

    private mutating func moveVertically(by delta: Int) {
        let lines = visualLines
        let location = cursorLocation
        let goal = goalColumn ?? location.column
        goalColumn = goal
        let target = min(max(0, location.line + delta), lines.count - 1)
        guard target != location.line else {
            cursor = delta < 0 ? 0 : characters.count
            return
        }
        let line = lines[target]
        var offset = line.start
        var column = 0
        let end = line.start + line.length
        while offset < end, offset < characters.count, characters[offset] != "\n" {
            let w = DisplayWidth.of(characters[offset])
            if column + w > goal { break }
            column += w
            offset += 1
        }
        // Do not land past a wrap point: that position belongs to the next line.
        if offset == end, target < lines.count - 1, offset > line.start { offset -= 1 }
        cursor = offset
    }

    private mutating func keepCursorVisible() {
        let line = cursorLocation.line
        if line < scroll { scroll = line }
        if line >= scroll + height { scroll = line - height + 1 }
        scroll = max(0, min(scroll, max(0, visualLines.count - 1)))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A multi-line text input drawn from a ``TextAreaState``: wrapped, scrolled, with a scrollbar when the
/// text is taller than the area.
public struct TextArea: Widget, Sendable {
    public var state: TextAreaState
    public var focused: Bool
    public var placeholder: String

    public init(state: TextAreaState, focused: Bool = false, placeholder: String = "") {
        self.state = state
        self.focused = focused
        self.placeholder = placeholder
    }

    /// Where the terminal cursor belongs.
    public func cursorPosition(in area: Rect) -> Point? {
        guard focused else { return nil }
        let location = state.cursorLocation
        let row = location.line - state.scroll
        guard row >= 0, row < area.height else { return nil }
        return Point(x: area.x + min(location.column, max(0, area.width - 2)), y: area.y + row)
    }

    public func draw(into buffer: inout Buffer, area: Rect) {
        let role: Role = focused ? .inputFocus : .input
        buffer.fill(area, with: .blank(Style(role)))
        let textArea = Rect(x: area.x, y: area.y, width: max(0, area.width - 1), height: area.height)
        if state.characters.isEmpty {
            buffer.write(placeholder, in: textArea.row(0), style: Style(.muted))
        }
        let lines = state.visualLines
        for row in 0..<area.height {
            let index = state.scroll + row
            guard index < lines.count else { break }
            buffer.write(
                lines[index].text, at: Point(x: textArea.x, y: area.y + row), style: Style(role),
                maxWidth: textArea.width)
        }
        ScrollBar(total: lines.count, visible: area.height, offset: state.scroll)
            .draw(into: &buffer, area: Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height))
        if let cursor = cursorPosition(in: textArea) {
            let cell = buffer[cursor.x, cursor.y] ?? .blank()
            buffer.set(Cell(symbol: cell.symbol, width: max(1, cell.width), style: Style(.cursor)), at: cursor)
        }
    }
}
